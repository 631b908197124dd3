//! The connection to krytend: a local Unix socket by default, or TCP.

use std::{path::PathBuf, time::Duration};

use kryten_proto::v1::krytend_client::KrytendClient;
use tonic::transport::{Channel, Endpoint};

use crate::error::{CtlError, Result};

pub type Client = KrytendClient<Channel>;

/// Where krytend puts its socket by default; kept in step with krytend's
/// own `paths` module.
pub fn default_socket() -> PathBuf {
    dirs::state_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local").join("state")))
        .unwrap_or_else(std::env::temp_dir)
        .join("kryten")
        .join("krytend.sock")
}

/// The address as the user should read it in messages.
pub fn resolve(server: Option<&str>) -> String {
    match server {
        None | Some("") => format!("unix://{}", default_socket().display()),
        Some(s) if s.starts_with("unix:") || s.starts_with("http://") || s.starts_with("https://") => s.to_string(),
        Some(s) if s.starts_with('/') => format!("unix://{s}"),
        Some(s) => format!("http://{s}"),
    }
}

pub async fn connect(server: &str) -> Result<Client> {
    let endpoint = Endpoint::from_shared(server.to_string())
        .map_err(|e| CtlError::Usage(format!("invalid --server {server:?}: {e}")))?
        .connect_timeout(Duration::from_secs(5));
    let channel = endpoint.connect().await.map_err(|e| {
        let mut cause = e.to_string();
        let mut src = std::error::Error::source(&e);
        while let Some(s) = src {
            cause = s.to_string();
            src = s.source();
        }
        CtlError::Unreachable(format!(
            "cannot reach krytend at {server}: {cause} — is krytend running? (krytend --help)"
        ))
    })?;
    Ok(KrytendClient::new(channel)
        .max_decoding_message_size(64 << 20)
        .max_encoding_message_size(64 << 20))
}
