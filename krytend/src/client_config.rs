//! The client config krytend writes on first start, so that `krytenctl`
//! works over TCP too without a manual step: kubeconfig-style contexts.

use std::{
    io::Write,
    net::SocketAddr,
    os::unix::fs::{DirBuilderExt, OpenOptionsExt},
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{
    auth::{Role, TokenError, Tokens},
    config::Config,
};

#[derive(Debug, Error)]
pub enum ClientConfigError {
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error("cannot encode the client config: {0}")]
    Encode(#[from] serde_yaml::Error),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> ClientConfigError + '_ {
    move |source| ClientConfigError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ClientConfig {
    #[serde(rename = "current-context", default)]
    pub current_context: String,
    #[serde(default)]
    pub contexts: Vec<Context>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Context {
    pub name: String,
    pub server: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// CA certificate (PEM) that signs the server's TLS certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<PathBuf>,
}

pub fn default_path() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| dirs::home_dir().unwrap_or_default().join(".config"))
        .join("kryten")
        .join("config.yaml")
}

/// On first start (no token yet, no client config file): create an admin
/// token and write the client config, mode 0600. The token appears only in
/// that file, never in logs. `socket` and `tcp` are where the API ended up
/// listening (plain values, so this module needs nothing from the API).
pub async fn first_start(
    cfg: &Config,
    tokens: &Tokens,
    socket: Option<&Path>,
    tcp: Option<SocketAddr>,
) -> Result<Option<PathBuf>, ClientConfigError> {
    let path = cfg.api.client_config.clone().unwrap_or_else(default_path);
    if path.exists() || tokens.count().await? > 0 {
        return Ok(None);
    }
    let mut contexts = Vec::new();
    if let Some(sock) = socket {
        contexts.push(Context {
            name: "local".into(),
            server: format!("unix://{}", sock.display()),
            token: None,
            ca: None,
        });
    }
    if let Some(addr) = tcp {
        let (_, token) = tokens.create("admin", Role::Admin, 0).await?;
        let scheme = if cfg.api.tls_cert.is_some() { "https" } else { "http" };
        contexts.push(Context {
            name: "tcp".into(),
            server: format!("{scheme}://{addr}"),
            token: Some(token),
            ca: cfg.api.tls_cert.clone(),
        });
    }
    let Some(first) = contexts.first() else { return Ok(None) };
    let doc = ClientConfig {
        current_context: first.name.clone(),
        contexts,
    };
    let text = serde_yaml::to_string(&doc)?;
    if let Some(dir) = path.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(io_at(dir))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(io_at(&path))?;
    f.write_all(text.as_bytes()).map_err(io_at(&path))?;
    tracing::info!(
        "first start: created the admin token and wrote {} (contexts: {})",
        path.display(),
        doc.contexts
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(Some(path))
}
