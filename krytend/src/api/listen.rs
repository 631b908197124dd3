//! Binds the API listeners (before anyone is told we are ready) and serves
//! until shutdown.

use std::{
    os::unix::fs::PermissionsExt,
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use kryten_proto::v1::krytend_server::KrytendServer;
use thiserror::Error;
use tokio::net::{TcpListener, UnixListener};
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;

use super::{
    conns::{self, Backoff, ConnLimits, Guarded},
    grpc::KrytendApi,
    Shared,
};
use crate::{auth::AuthLayer, config::ApiConfig};

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
    /// Sign-in codes for the web UI (the demo prints a link at start).
    pub sign_ins: crate::domain::sign_in::SignInCodes,
}

pub async fn serve(
    shared: Arc<Shared>,
    cfg: &ApiConfig,
    cancel: CancellationToken,
) -> Result<(Bound, tokio::task::JoinHandle<()>), ApiError> {
    let mut bound = Bound {
        socket: None,
        tcp: None,
        sign_ins: shared.sign_ins.clone(),
    };
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
        let layer = AuthLayer::local(shared.tokens.clone());
        let metrics = shared.http_metrics.clone();
        tasks.push(tokio::spawn(async move {
            let r = tonic::transport::Server::builder()
                .layer(super::grpc_metrics::GrpcMetricsLayer(metrics.clone()))
                .layer(layer)
                .add_service(svc)
                .serve_with_incoming_shutdown(unix_incoming(listener, cancel.clone()), cancel.cancelled_owned())
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
        // Dead peers are found by keep-alive pings; a live client answers
        // them, so silence past the idle deadline means it is gone.
        let idle = cfg.idle_timeout.max(Duration::from_secs(1));
        let mut builder = tonic::transport::Server::builder()
            .http2_keepalive_interval(Some(idle / 3))
            .http2_keepalive_timeout(Some((idle / 3).min(Duration::from_secs(20))));
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
                .tls_config(
                    tonic::transport::ServerTlsConfig::new()
                        .identity(identity)
                        .timeout(cfg.handshake_timeout),
                )
                .map_err(|e| ApiError::TlsConfig(e.to_string()))?;
        }
        let layer = AuthLayer::network(shared.tokens.clone());
        let metrics = shared.http_metrics.clone();
        let limits = ConnLimits::new(conns::budget(cfg.max_connections, 2), cfg.max_connections_per_ip);
        tracing::debug!("API on {local}: at most {} connections", limits.max_total());
        let (conn_tx, conn_rx) = tokio::sync::mpsc::channel::<std::io::Result<Guarded>>(16);
        let handshake = cfg.handshake_timeout;
        let accept_stop = cancel.clone();
        tokio::spawn(async move {
            let mut backoff = Backoff::default();
            loop {
                let (stream, peer) = tokio::select! {
                    _ = accept_stop.cancelled() => return,
                    a = conns::accept(&listener, &mut backoff, "API") => a,
                };
                let permit = match limits.admit(peer.ip()) {
                    Ok(p) => p,
                    Err(why) => {
                        // Closed at once: holding it would be what the cap
                        // is there to prevent.
                        tracing::debug!("API: refused a connection from {peer}: {why:?}");
                        continue;
                    }
                };
                // Streamed events are small writes: no waiting for Nagle.
                let _ = stream.set_nodelay(true);
                if conn_tx
                    .send(Ok(Guarded::new(stream, permit, handshake, idle)))
                    .await
                    .is_err()
                {
                    return;
                }
            }
        });
        let incoming = ReceiverStream::new(conn_rx);
        tasks.push(tokio::spawn(async move {
            let r = builder
                .layer(super::grpc_metrics::GrpcMetricsLayer(metrics.clone()))
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
        crate::paths::create_private_dir(dir).map_err(|source| ApiError::SocketDir {
            path: dir.to_path_buf(),
            source,
        })?;
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
    // Under krytend's umask (077) the socket is born private; the mode is
    // set again for embedders that keep a wider one.
    let listener = UnixListener::bind(path).map_err(bind_err)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(bind_err)?;
    Ok(listener)
}

/// The socket's connections, accepted with back-off on errors (out of
/// descriptors) rather than in a spin.
fn unix_incoming(
    listener: UnixListener,
    cancel: CancellationToken,
) -> ReceiverStream<std::io::Result<tokio::net::UnixStream>> {
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    tokio::spawn(async move {
        let mut wait = Duration::from_millis(5);
        loop {
            let accepted = tokio::select! {
                _ = cancel.cancelled() => return,
                a = listener.accept() => a,
            };
            match accepted {
                Ok((s, _)) => {
                    wait = Duration::from_millis(5);
                    if tx.send(Ok(s)).await.is_err() {
                        return;
                    }
                }
                Err(e) => {
                    if wait == Duration::from_millis(5) {
                        tracing::warn!("API socket: accept failed: {e}; backing off");
                    }
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(1));
                }
            }
        }
    });
    ReceiverStream::new(rx)
}
