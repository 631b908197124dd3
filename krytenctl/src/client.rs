//! The connection to krytend: a context from the client config, or the
//! local Unix socket by default; a bearer token over the network.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use kryten_proto::v1::krytend_client::KrytendClient;
use serde::{Deserialize, Serialize};
use tonic::{
    metadata::{Ascii, MetadataValue},
    service::{interceptor::InterceptedService, Interceptor},
    transport::{Certificate, Channel, ClientTlsConfig, Endpoint},
};

use crate::error::{CtlError, Result};

/// Adds the caller's token to every request.
#[derive(Clone)]
pub struct Bearer(Option<MetadataValue<Ascii>>);

impl Interceptor for Bearer {
    fn call(&mut self, mut req: tonic::Request<()>) -> std::result::Result<tonic::Request<()>, tonic::Status> {
        if let Some(v) = &self.0 {
            req.metadata_mut().insert("authorization", v.clone());
        }
        Ok(req)
    }
}

pub type Client = KrytendClient<InterceptedService<Channel, Bearer>>;

/// `~/.config/kryten/config.yaml`, kubeconfig-style.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ClientConfig {
    #[serde(rename = "current-context", default)]
    pub current_context: String,
    #[serde(default)]
    pub contexts: Vec<Context>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Context {
    pub name: String,
    pub server: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<PathBuf>,
}

pub fn config_path() -> PathBuf {
    std::env::var_os("KRYTEN_CONFIG").map(PathBuf::from).unwrap_or_else(|| {
        dirs::config_dir()
            .unwrap_or_else(|| dirs::home_dir().unwrap_or_default().join(".config"))
            .join("kryten")
            .join("config.yaml")
    })
}

pub fn load_config(path: &Path) -> Result<Option<ClientConfig>> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_yaml::from_str(&text)
            .map(Some)
            .map_err(|e| CtlError::Usage(format!("client config {} is not valid: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CtlError::Other(format!(
            "cannot read client config {}: {e}",
            path.display()
        ))),
    }
}

/// Where krytend puts its socket by default; kept in step with krytend's
/// own `paths` module.
pub fn default_socket() -> PathBuf {
    dirs::state_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local").join("state")))
        .unwrap_or_else(std::env::temp_dir)
        .join("kryten")
        .join("krytend.sock")
}

/// Which daemon, with which credentials.
#[derive(Debug, Clone)]
pub struct Target {
    pub server: String,
    pub token: Option<String>,
    pub ca: Option<PathBuf>,
}

fn normalize(server: &str) -> String {
    match server {
        s if s.starts_with("unix:") || s.starts_with("http://") || s.starts_with("https://") => s.to_string(),
        s if s.starts_with('/') => format!("unix://{s}"),
        s => format!("http://{s}"),
    }
}

/// Flags and environment win over the context; the context over the
/// local socket default.
pub fn resolve(server: Option<&str>, token: Option<&str>, ca: Option<&Path>, context: Option<&str>) -> Result<Target> {
    let path = config_path();
    let cfg = load_config(&path)?;
    let ctx = match (context, &cfg) {
        (Some(name), Some(c)) => Some(c.contexts.iter().find(|x| x.name == name).cloned().ok_or_else(|| {
            CtlError::NotFound(format!(
                "no context {name:?} in {}; known: {}",
                path.display(),
                c.contexts
                    .iter()
                    .map(|x| x.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?),
        (Some(name), None) => {
            return Err(CtlError::NotFound(format!(
                "no context {name:?}: {} does not exist",
                path.display()
            )))
        }
        (None, Some(c)) => c.contexts.iter().find(|x| x.name == c.current_context).cloned(),
        (None, None) => None,
    };
    let server_flag = server.filter(|s| !s.is_empty());
    let target_server = match (server_flag, &ctx) {
        (Some(s), _) => normalize(s),
        (None, Some(c)) => normalize(&c.server),
        (None, None) => format!("unix://{}", default_socket().display()),
    };
    // A context's token goes only to that context's server.
    let ctx_token = ctx
        .as_ref()
        .filter(|c| server_flag.is_none_or(|s| normalize(s) == normalize(&c.server)));
    Ok(Target {
        server: target_server,
        token: token
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .or_else(|| ctx_token.and_then(|c| c.token.clone())),
        ca: ca
            .map(Path::to_path_buf)
            .or_else(|| ctx_token.and_then(|c| c.ca.clone())),
    })
}

pub async fn connect(t: &Target) -> Result<Client> {
    let mut endpoint = Endpoint::from_shared(t.server.clone())
        .map_err(|e| CtlError::Usage(format!("invalid --server {:?}: {e}", t.server)))?
        .connect_timeout(Duration::from_secs(5));
    if t.server.starts_with("https://") {
        let mut tls = ClientTlsConfig::new().with_webpki_roots();
        if let Some(ca) = &t.ca {
            let pem =
                std::fs::read(ca).map_err(|e| CtlError::Usage(format!("cannot read --ca {}: {e}", ca.display())))?;
            tls = tls.ca_certificate(Certificate::from_pem(pem));
        }
        endpoint = endpoint
            .tls_config(tls)
            .map_err(|e| CtlError::Usage(format!("TLS setup for {}: {e}", t.server)))?;
    }
    let channel = endpoint.connect().await.map_err(|e| {
        let mut cause = e.to_string();
        let mut src = std::error::Error::source(&e);
        while let Some(s) = src {
            cause = s.to_string();
            src = s.source();
        }
        CtlError::Unreachable(format!(
            "cannot reach krytend at {}: {cause} — is krytend running? (krytend --help)",
            t.server
        ))
    })?;
    let bearer = match &t.token {
        Some(tok) => Some(
            format!("Bearer {tok}")
                .parse()
                .map_err(|_| CtlError::Usage("the token has characters a header cannot carry".into()))?,
        ),
        None => None,
    };
    Ok(KrytendClient::with_interceptor(channel, Bearer(bearer))
        .max_decoding_message_size(64 << 20)
        .max_encoding_message_size(64 << 20))
}
