//! The client config krytend writes on first start, so that `krytenctl`
//! works over TCP too without a manual step: kubeconfig-style contexts.

use std::{
    io::Write,
    os::unix::fs::{DirBuilderExt, OpenOptionsExt},
    path::PathBuf,
};

use serde::{Deserialize, Serialize};

use crate::{
    api::Bound,
    auth::{Role, Tokens},
    config::Config,
};

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
/// that file, never in logs.
pub async fn first_start(cfg: &Config, tokens: &Tokens, bound: &Bound) -> Result<Option<PathBuf>, String> {
    let path = cfg.api.client_config.clone().unwrap_or_else(default_path);
    if path.exists() || tokens.count().await.map_err(|e| e.to_string())? > 0 {
        return Ok(None);
    }
    let mut contexts = Vec::new();
    if let Some(sock) = &bound.socket {
        contexts.push(Context {
            name: "local".into(),
            server: format!("unix://{}", sock.display()),
            token: None,
            ca: None,
        });
    }
    if let Some(addr) = bound.tcp {
        let (_, token) = tokens
            .create("admin", Role::Admin, 0)
            .await
            .map_err(|e| e.to_string())?;
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
    let text = serde_yaml::to_string(&doc).map_err(|e| e.to_string())?;
    if let Some(dir) = path.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    f.write_all(text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
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
