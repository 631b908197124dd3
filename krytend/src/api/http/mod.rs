//! The one HTTP listener: the WebSocket API at `/ws`, liveness at
//! `/healthz`, readiness at `/readyz`, Prometheus figures at `/metrics`, the
//! read-only REST API under `/api/v1` and the web UI's files at `/`.
//!
//! What an unauthenticated peer can hold is bounded before any routing:
//! connections are capped in all and per peer address at accept time, the
//! request headers must arrive within the handshake deadline, a connection
//! serving plain requests lives at most a minute, and a WebSocket session
//! also needs one of `max_clients` session slots.

mod assets;
mod auth;
mod health;
mod metrics;
mod rest;
mod tls;
mod upgrade;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{extract::Request, http::StatusCode, response::IntoResponse, routing::get, Json, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::{net::TcpListener, sync::Semaphore};
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

pub use metrics::HttpMetrics;

use super::{
    conns::{self, Backoff, ConnLimits, ConnPermit},
    ws::WsSettings,
    ApiError, Shared,
};

/// A connection serving plain requests (not an upgrade) is closed after
/// this, whatever it does: the store's own budget ends a slow query sooner.
const REQUEST_DEADLINE: Duration = Duration::from_secs(60);

/// What every handler can reach.
#[derive(Clone)]
pub(crate) struct HttpState {
    pub shared: Arc<Shared>,
    pub settings: Arc<WsSettings>,
    /// WebSocket sessions at once.
    pub slots: Arc<Semaphore>,
    pub local: SocketAddr,
    pub cancel: CancellationToken,
}

/// The peer of the connection a request came on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Peer(pub SocketAddr);

/// The connection's slot, handed to a WebSocket session so the connection
/// stays counted for as long as the session lives.
#[derive(Clone)]
pub(crate) struct HeldConn(pub Arc<std::sync::Mutex<Option<ConnPermit>>>);

pub(crate) fn router(state: HttpState) -> Router {
    let metrics = state.shared.http_metrics.clone();
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::scrape))
        .route("/ws", get(upgrade::ws))
        .nest("/api/v1", rest::router())
        .fallback(assets::fallback)
        .layer(axum::middleware::from_fn(
            move |req: Request, next: axum::middleware::Next| {
                let metrics = metrics.clone();
                async move { metrics.observe(req, next).await }
            },
        ))
        .with_state(state)
}

/// The one error body of every route.
pub(crate) fn error(code: StatusCode, message: impl Into<String>) -> axum::response::Response {
    let code_name = code
        .canonical_reason()
        .unwrap_or("error")
        .to_lowercase()
        .replace(' ', "_");
    (
        code,
        Json(serde_json::json!({ "error": message.into(), "code": code_name })),
    )
        .into_response()
}

pub async fn serve(
    shared: Arc<Shared>,
    addr: SocketAddr,
    settings: WsSettings,
    cancel: CancellationToken,
) -> Result<(SocketAddr, tokio::task::JoinHandle<()>), ApiError> {
    let bind_err = |source| ApiError::Bind {
        what: format!("HTTP {addr}"),
        source,
    };
    let listener = TcpListener::bind(addr).await.map_err(bind_err)?;
    let local = listener.local_addr().map_err(bind_err)?;
    let tls = match &settings.tls {
        Some((cert, key)) => Some(tls::acceptor(cert, key)?),
        None => None,
    };
    let settings = Arc::new(settings);
    let slots = Arc::new(Semaphore::new(settings.max_clients.max(1)));
    let limits = ConnLimits::new(
        conns::budget(settings.max_connections, 2),
        settings.max_connections_per_ip,
    );
    let state = HttpState {
        shared,
        settings: settings.clone(),
        slots: slots.clone(),
        local,
        cancel: cancel.clone(),
    };
    let app = router(state);
    let task = tokio::spawn(async move {
        let mut backoff = Backoff::default();
        loop {
            let (stream, peer) = tokio::select! {
                _ = cancel.cancelled() => {
                    // Let open sessions send their close frames first.
                    let all = settings.max_clients.max(1) as u32;
                    let _ = tokio::time::timeout(Duration::from_secs(3), slots.acquire_many(all)).await;
                    return;
                }
                a = conns::accept(&listener, &mut backoff, "HTTP API") => a,
            };
            let permit = match limits.admit(peer.ip()) {
                Ok(p) => p,
                Err(why) => {
                    // Said without waiting: a peer that does not read must
                    // not hold this connection either.
                    let body = match why {
                        conns::Refused::PerPeer => "{\"error\":\"too many connections from this address\"}",
                        conns::Refused::Total => "{\"error\":\"too many connections\"}",
                    };
                    let _ = stream.try_write(refusal(body).as_bytes());
                    continue;
                }
            };
            // Small frames must not wait for Nagle's algorithm.
            let _ = stream.set_nodelay(true);
            let app = app.clone();
            let cancel = cancel.clone();
            let handshake = settings.handshake_timeout;
            match tls.clone() {
                None => {
                    tokio::spawn(connection(stream, peer, permit, app, handshake, cancel));
                }
                Some(tls) => {
                    tokio::spawn(async move {
                        // The TLS handshake shares the header deadline: a
                        // peer that stalls it holds nothing for long.
                        let Ok(Ok(stream)) = tokio::time::timeout(handshake, tls.accept(stream)).await else {
                            return;
                        };
                        connection(stream, peer, permit, app, handshake, cancel).await
                    });
                }
            }
        }
    });
    Ok((local, task))
}

fn refusal(body: &str) -> String {
    format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: \
         close\r\n\r\n{body}",
        body.len()
    )
}

async fn connection<I>(
    stream: I,
    peer: SocketAddr,
    permit: ConnPermit,
    app: Router,
    handshake: Duration,
    cancel: CancellationToken,
) where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let held = HeldConn(Arc::new(std::sync::Mutex::new(Some(permit))));
    let svc_held = held.clone();
    let svc = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
        req.extensions_mut().insert(Peer(peer));
        req.extensions_mut().insert(svc_held.clone());
        app.clone().oneshot(req.map(axum::body::Body::new))
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(handshake)
        // Keep-alive (a WebSocket upgrade needs its `Connection` header): an
        // idle connection is still cut by the header deadline and the
        // connection's overall deadline.
        .keep_alive(true)
        .max_buf_size(64 * 1024);
    let conn = builder.serve_connection(TokioIo::new(stream), svc).with_upgrades();
    tokio::pin!(conn);
    let done = tokio::select! {
        r = tokio::time::timeout(REQUEST_DEADLINE, conn.as_mut()) => r.ok(),
        _ = cancel.cancelled() => {
            conn.as_mut().graceful_shutdown();
            tokio::time::timeout(Duration::from_secs(2), conn.as_mut()).await.ok()
        }
    };
    if let Some(Err(e)) = done {
        tracing::debug!("HTTP connection from {peer}: {e}");
    }
    // An upgraded connection's slot went with its session.
    drop(held);
}
