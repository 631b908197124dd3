//! Binds the API listeners (before anyone is told we are ready) and serves
//! until shutdown.

use std::{
    os::unix::fs::{DirBuilderExt, PermissionsExt},
    path::{Path, PathBuf},
    sync::Arc,
};

use kryten_proto::v1::krytend_server::KrytendServer;
use thiserror::Error;
use tokio::net::{TcpListener, UnixListener};
use tokio_stream::{
    wrappers::{TcpListenerStream, UnixListenerStream},
    StreamExt,
};
use tokio_util::sync::CancellationToken;

use super::{grpc::KrytendApi, Shared};
use crate::{
    auth::{AuthLayer, FailureLimiter},
    config::ApiConfig,
};

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("cannot create the socket directory {path}: {source}")]
    SocketDir { path: PathBuf, source: std::io::Error },
    #[error("another krytend is already serving on {0}; stop it, or give this one another --socket")]
    SocketInUse(PathBuf),
    #[error("cannot listen on {what}: {source}")]
    Bind { what: String, source: std::io::Error },
    #[error("cannot read TLS {what} {path}: {source}")]
    Tls {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("TLS setup failed: {0}")]
    TlsConfig(String),
}

/// Where the API ended up listening (a TCP port of 0 is resolved).
#[derive(Debug, Clone)]
pub struct Bound {
    pub socket: Option<PathBuf>,
    pub tcp: Option<std::net::SocketAddr>,
}

pub async fn serve(
    shared: Arc<Shared>,
    cfg: &ApiConfig,
    cancel: CancellationToken,
) -> Result<(Bound, tokio::task::JoinHandle<()>), ApiError> {
    let mut bound = Bound {
        socket: None,
        tcp: None,
    };
    let limiter = std::sync::Arc::new(FailureLimiter::new(
        cfg.auth_failures_per_minute,
        std::time::Duration::from_secs(60),
    ));
    let mut tasks = Vec::new();
    let max_msg = 64 << 20;
    let make = |shared: Arc<Shared>| {
        KrytendServer::new(KrytendApi { shared })
            .max_decoding_message_size(max_msg)
            .max_encoding_message_size(max_msg)
    };
    if let Some(path) = &cfg.socket {
        let listener = bind_unix(path).await?;
        bound.socket = Some(path.clone());
        let svc = make(shared.clone());
        let cancel = cancel.clone();
        let path = path.clone();
        let layer = AuthLayer::local(shared.tokens.clone(), limiter.clone());
        tasks.push(tokio::spawn(async move {
            let r = tonic::transport::Server::builder()
                .layer(layer)
                .add_service(svc)
                .serve_with_incoming_shutdown(UnixListenerStream::new(listener), cancel.cancelled_owned())
                .await;
            if let Err(e) = r {
                tracing::error!("API on {} stopped: {e}", path.display());
            }
            let _ = std::fs::remove_file(&path);
        }));
    }
    if let Some(addr) = cfg.listen {
        let listener = TcpListener::bind(addr).await.map_err(|source| ApiError::Bind {
            what: addr.to_string(),
            source,
        })?;
        let local = listener.local_addr().map_err(|source| ApiError::Bind {
            what: addr.to_string(),
            source,
        })?;
        bound.tcp = Some(local);
        let scheme = if cfg.tls_cert.is_some() { "https" } else { "http" };
        let _ = shared.tcp_address.set(format!("{scheme}://{local}"));
        let svc = make(shared.clone());
        let cancel = cancel.clone();
        let mut builder = tonic::transport::Server::builder();
        if let (Some(cert), Some(key)) = (&cfg.tls_cert, &cfg.tls_key) {
            let read = |what, path: &PathBuf| {
                std::fs::read(path).map_err(|source| ApiError::Tls {
                    what,
                    path: path.clone(),
                    source,
                })
            };
            let identity = tonic::transport::Identity::from_pem(read("certificate", cert)?, read("key", key)?);
            builder = builder
                .tls_config(tonic::transport::ServerTlsConfig::new().identity(identity))
                .map_err(|e| ApiError::TlsConfig(e.to_string()))?;
        }
        let layer = AuthLayer::network(shared.tokens.clone(), limiter.clone());
        // Streamed events are small writes: no waiting for Nagle.
        let incoming = TcpListenerStream::new(listener).map(|s| {
            if let Ok(s) = &s {
                let _ = s.set_nodelay(true);
            }
            s
        });
        tasks.push(tokio::spawn(async move {
            let r = builder
                .layer(layer)
                .add_service(svc)
                .serve_with_incoming_shutdown(incoming, cancel.cancelled_owned())
                .await;
            if let Err(e) = r {
                tracing::error!("API on {local} stopped: {e}");
            }
        }));
    }
    let handle = tokio::spawn(async move {
        for t in tasks {
            // A listener's panic is passed on to the daemon's supervisor.
            if let Err(e) = t.await {
                if e.is_panic() {
                    std::panic::resume_unwind(e.into_panic());
                }
            }
        }
    });
    Ok((bound, handle))
}

/// Binds the socket in a private directory, mode 0600. A leftover socket
/// from a crashed daemon is replaced; a live one is not.
async fn bind_unix(path: &Path) -> Result<UnixListener, ApiError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|source| ApiError::SocketDir {
                    path: dir.to_path_buf(),
                    source,
                })?;
        }
    }
    if path.exists() {
        if tokio::net::UnixStream::connect(path).await.is_ok() {
            return Err(ApiError::SocketInUse(path.to_path_buf()));
        }
        let _ = std::fs::remove_file(path);
    }
    let bind_err = |source| ApiError::Bind {
        what: path.display().to_string(),
        source,
    };
    let listener = UnixListener::bind(path).map_err(bind_err)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(bind_err)?;
    Ok(listener)
}
