//! The WebSocket API for browsers and thin clients: `GET /ws` (JSON text
//! frames, token first), `GET /healthz` on the same listener.

mod json;
pub mod protocol;
mod session;
mod tailed;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use tokio::{
    io::AsyncWriteExt,
    net::{TcpListener, TcpStream},
    sync::Semaphore,
};
use tokio_tungstenite::tungstenite::{
    handshake::server::{ErrorResponse, Request, Response},
    http::StatusCode,
    protocol::WebSocketConfig,
};
use tokio_util::sync::CancellationToken;

use super::{ApiError, Shared};
use crate::auth::FailureLimiter;

#[derive(Debug, Clone)]
pub struct WsSettings {
    pub max_frame_bytes: usize,
    pub max_subscriptions: usize,
    pub max_clients: usize,
    pub rate_per_sec: f64,
    pub rate_burst: f64,
    /// Browser origins allowed besides the listener's own host.
    pub allowed_origins: Vec<String>,
    pub ping_interval: Duration,
    pub auth_timeout: Duration,
    pub batch_max: usize,
    pub batch_delay: Duration,
    /// Messages queued per client before it counts as lagging.
    pub queue: usize,
    /// A client whose queue stays full this long is disconnected.
    pub stall_timeout: Duration,
    pub max_errors: u32,
}

pub async fn serve(
    shared: Arc<Shared>,
    addr: SocketAddr,
    settings: WsSettings,
    limiter: Arc<FailureLimiter>,
    cancel: CancellationToken,
) -> Result<(SocketAddr, tokio::task::JoinHandle<()>), ApiError> {
    let listener = TcpListener::bind(addr).await.map_err(|source| ApiError::Bind {
        what: format!("websocket {addr}"),
        source,
    })?;
    let local = listener.local_addr().map_err(|source| ApiError::Bind {
        what: format!("websocket {addr}"),
        source,
    })?;
    let settings = Arc::new(settings);
    let slots = Arc::new(Semaphore::new(settings.max_clients.max(1)));
    let task = tokio::spawn(async move {
        loop {
            let (stream, peer) = tokio::select! {
                _ = cancel.cancelled() => {
                    // Let open sessions send their close frames first.
                    let all = settings.max_clients.max(1) as u32;
                    let _ = tokio::time::timeout(Duration::from_secs(3), slots.acquire_many(all)).await;
                    return;
                }
                a = listener.accept() => match a {
                    Ok(a) => a,
                    Err(e) => {
                        tracing::warn!("websocket accept failed: {e}");
                        continue;
                    }
                },
            };
            // Small frames must not wait for Nagle's algorithm.
            let _ = stream.set_nodelay(true);
            let shared = shared.clone();
            let settings = settings.clone();
            let limiter = limiter.clone();
            let slots = slots.clone();
            let cancel = cancel.clone();
            tokio::spawn(async move {
                let Ok(slot) = slots.try_acquire_owned() else {
                    let _ = plain(stream, 503, "{\"error\":\"too many clients\"}").await;
                    return;
                };
                handle(stream, peer, local, shared, settings, limiter, cancel).await;
                drop(slot);
            });
        }
    });
    Ok((local, task))
}

async fn plain(mut stream: TcpStream, code: u16, body: &str) -> std::io::Result<()> {
    let reason = match code {
        200 => "OK",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let resp = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(resp.as_bytes()).await?;
    stream.shutdown().await
}

/// The request line, without consuming it.
async fn peek_path(stream: &TcpStream) -> Option<String> {
    let mut buf = [0u8; 2048];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let n = tokio::time::timeout_at(deadline, stream.peek(&mut buf))
            .await
            .ok()?
            .ok()?;
        if n == 0 {
            return None;
        }
        if let Some(end) = buf[..n].windows(2).position(|w| w == b"\r\n") {
            let line = std::str::from_utf8(&buf[..end]).ok()?;
            let mut parts = line.split(' ');
            let _method = parts.next()?;
            return parts.next().map(|p| p.split('?').next().unwrap_or(p).to_string());
        }
        if n == buf.len() {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn origin_allowed(origin: &str, local: SocketAddr, allowed: &[String]) -> bool {
    if allowed.iter().any(|a| a == "*" || a.eq_ignore_ascii_case(origin)) {
        return true;
    }
    let port = local.port();
    [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
        format!("https://127.0.0.1:{port}"),
        format!("https://localhost:{port}"),
    ]
    .iter()
    .any(|o| o.eq_ignore_ascii_case(origin))
}

async fn handle(
    stream: TcpStream,
    peer: SocketAddr,
    local: SocketAddr,
    shared: Arc<Shared>,
    settings: Arc<WsSettings>,
    limiter: Arc<FailureLimiter>,
    cancel: CancellationToken,
) {
    match peek_path(&stream).await.as_deref() {
        Some("/healthz") => {
            let body = format!(
                "{{\"status\":\"ok\",\"version\":\"{}\",\"bus\":\"{}\"}}",
                env!("CARGO_PKG_VERSION"),
                shared.bus.snapshot().state
            );
            let _ = plain(stream, 200, &body).await;
            return;
        }
        Some("/ws") => {}
        Some(_) => {
            let _ = plain(
                stream,
                404,
                "{\"error\":\"not found: the API is at /ws, liveness at /healthz\"}",
            )
            .await;
            return;
        }
        None => return,
    }
    let allowed = settings.allowed_origins.clone();
    // The handshake callback's signature is tungstenite's.
    #[allow(clippy::result_large_err)]
    let check = move |req: &Request, resp: Response| -> Result<Response, ErrorResponse> {
        if let Some(origin) = req.headers().get("origin").and_then(|o| o.to_str().ok()) {
            if !origin_allowed(origin, local, &allowed) {
                let mut e = ErrorResponse::new(Some(format!("origin {origin} is not allowed")));
                *e.status_mut() = StatusCode::FORBIDDEN;
                return Err(e);
            }
        }
        Ok(resp)
    };
    let config = WebSocketConfig::default()
        .max_message_size(Some(settings.max_frame_bytes))
        .max_frame_size(Some(settings.max_frame_bytes));
    let ws = match tokio_tungstenite::accept_hdr_async_with_config(stream, check, Some(config)).await {
        Ok(ws) => ws,
        Err(e) => {
            tracing::info!("websocket handshake with {peer} refused: {e}");
            return;
        }
    };
    session::run(ws, peer, shared, settings, limiter, cancel).await;
}
