//! The WebSocket API for browsers and thin clients: `GET /ws` (JSON text
//! frames, token first), `GET /healthz` on the same listener.
//!
//! Before a client has authenticated it can hold only so much: connections
//! are capped in all and per peer address, the HTTP request and upgrade
//! must be done within a deadline, and the authentication within another.
//! `/healthz` takes no session slot, so it answers while they are all in
//! use.

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

use super::{
    conns::{self, Backoff, ConnLimits},
    ApiError, Shared,
};

/// Defined with the configuration so the configuration needs nothing from the API.
pub use crate::config::WsSettings;

pub async fn serve(
    shared: Arc<Shared>,
    addr: SocketAddr,
    settings: WsSettings,
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
    let limits = ConnLimits::new(
        conns::budget(settings.max_connections, 2),
        settings.max_connections_per_ip,
    );
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
                a = conns::accept(&listener, &mut backoff, "WebSocket API") => a,
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
                    let _ = stream.try_write(response(503, body).as_bytes());
                    continue;
                }
            };
            // Small frames must not wait for Nagle's algorithm.
            let _ = stream.set_nodelay(true);
            let shared = shared.clone();
            let settings = settings.clone();
            let slots = slots.clone();
            let cancel = cancel.clone();
            tokio::spawn(async move {
                handle(stream, peer, local, shared, settings, slots, cancel).await;
                drop(permit);
            });
        }
    });
    Ok((local, task))
}

fn response(code: u16, body: &str) -> String {
    let reason = match code {
        200 => "OK",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Error",
    };
    format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

async fn plain(mut stream: TcpStream, code: u16, body: &str) -> std::io::Result<()> {
    stream.write_all(response(code, body).as_bytes()).await?;
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

#[allow(clippy::too_many_arguments)]
async fn handle(
    stream: TcpStream,
    peer: SocketAddr,
    local: SocketAddr,
    shared: Arc<Shared>,
    settings: Arc<WsSettings>,
    slots: Arc<Semaphore>,
    cancel: CancellationToken,
) {
    let deadline = tokio::time::Instant::now() + settings.handshake_timeout;
    let upgrade = async {
        match peek_path(&stream).await.as_deref() {
            Some("/healthz") => {
                let body = format!(
                    "{{\"status\":\"ok\",\"version\":\"{}\",\"bus\":\"{}\"}}",
                    env!("CARGO_PKG_VERSION"),
                    shared.bus.snapshot().state
                );
                let _ = plain(stream, 200, &body).await;
                return None;
            }
            Some("/ws") => {}
            Some(_) => {
                let _ = plain(
                    stream,
                    404,
                    "{\"error\":\"not found: the API is at /ws, liveness at /healthz\"}",
                )
                .await;
                return None;
            }
            None => return None,
        }
        let allowed = settings.allowed_origins.clone();
        // A session slot is taken once the whole request has arrived: a
        // client still sending its headers holds none.
        let slot = Arc::new(std::sync::Mutex::new(None));
        let taken = slot.clone();
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
            let Ok(permit) = slots.clone().try_acquire_owned() else {
                let mut e = ErrorResponse::new(Some("{\"error\":\"too many clients\"}".to_string()));
                *e.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
                return Err(e);
            };
            if let Ok(mut s) = taken.lock() {
                *s = Some(permit);
            }
            Ok(resp)
        };
        let config = WebSocketConfig::default()
            .max_message_size(Some(settings.max_frame_bytes))
            .max_frame_size(Some(settings.max_frame_bytes));
        match tokio_tungstenite::accept_hdr_async_with_config(stream, check, Some(config)).await {
            Ok(ws) => Some((ws, slot.lock().ok().and_then(|mut s| s.take()))),
            Err(e) => {
                tracing::info!("websocket handshake with {peer} refused: {e}");
                None
            }
        }
    };
    let (ws, slot) = match tokio::time::timeout_at(deadline, upgrade).await {
        Ok(Some(done)) => done,
        Ok(None) => return,
        Err(_) => {
            tracing::debug!(
                "websocket {peer}: no complete handshake within {:?}",
                settings.handshake_timeout
            );
            return;
        }
    };
    session::run(ws, peer, shared, settings, cancel).await;
    drop(slot);
}
