//! `GET /ws`: the WebSocket handshake (RFC 6455) over the HTTP listener,
//! then the session of `api::ws` on the upgraded connection. Browser
//! origins are checked here; a session slot is taken only once the whole
//! request has arrived, so a client still sending headers holds none.

use std::net::SocketAddr;

use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use hyper_util::rt::TokioIo;
use tokio_tungstenite::{
    tungstenite::{
        handshake::derive_accept_key,
        protocol::{Role, WebSocketConfig},
    },
    WebSocketStream,
};

use super::{error, HeldConn, HttpState, Peer};

fn has_token(headers: &HeaderMap, name: header::HeaderName, token: &str) -> bool {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

pub(super) fn origin_allowed(origin: &str, local: SocketAddr, allowed: &[String]) -> bool {
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

pub(super) async fn ws(State(st): State<HttpState>, mut req: Request) -> Response {
    let headers = req.headers();
    if !has_token(headers, header::CONNECTION, "upgrade") || !has_token(headers, header::UPGRADE, "websocket") {
        return error(
            StatusCode::BAD_REQUEST,
            "this is the WebSocket API: send a WebSocket upgrade (see docs/websocket.md)",
        );
    }
    if headers.get(header::SEC_WEBSOCKET_VERSION).and_then(|v| v.to_str().ok()) != Some("13") {
        let mut r = error(StatusCode::BAD_REQUEST, "WebSocket version 13 is required");
        r.headers_mut()
            .insert(header::SEC_WEBSOCKET_VERSION, HeaderValue::from_static("13"));
        return r;
    }
    let Some(key) = headers.get(header::SEC_WEBSOCKET_KEY).cloned() else {
        return error(StatusCode::BAD_REQUEST, "Sec-WebSocket-Key is missing");
    };
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        if !origin_allowed(origin, st.local, &st.settings.allowed_origins) {
            tracing::info!("websocket: origin {origin} refused");
            return error(StatusCode::FORBIDDEN, format!("origin {origin} is not allowed"));
        }
    }
    let Ok(slot) = st.slots.clone().try_acquire_owned() else {
        return error(StatusCode::SERVICE_UNAVAILABLE, "too many clients");
    };
    let peer = req
        .extensions()
        .get::<Peer>()
        .map(|p| p.0)
        .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
    let held = req
        .extensions()
        .get::<HeldConn>()
        .and_then(|h| h.0.lock().ok().and_then(|mut p| p.take()));
    let on_upgrade = hyper::upgrade::on(&mut req);
    let settings = st.settings.clone();
    let shared = st.shared.clone();
    let cancel = st.cancel.clone();
    tokio::spawn(async move {
        let upgraded = match on_upgrade.await {
            Ok(u) => u,
            Err(e) => {
                tracing::info!("websocket upgrade with {peer} failed: {e}");
                return;
            }
        };
        let config = WebSocketConfig::default()
            .max_message_size(Some(settings.max_frame_bytes))
            .max_frame_size(Some(settings.max_frame_bytes));
        let ws = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, Some(config)).await;
        crate::api::ws::session::run(ws, peer, shared, settings, cancel).await;
        drop(slot);
        drop(held);
    });
    let mut r = StatusCode::SWITCHING_PROTOCOLS.into_response();
    let h = r.headers_mut();
    h.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    h.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    if let Ok(v) = HeaderValue::from_str(&derive_accept_key(key.as_bytes())) {
        h.insert(header::SEC_WEBSOCKET_ACCEPT, v);
    }
    r
}
