//! The WebSocket API for browsers and thin clients: `GET /ws` on the HTTP
//! listener (`api::http`), JSON text frames, token first.
//!
//! Before a client has authenticated it can hold only so much: the HTTP
//! listener caps connections and the handshake time, a session needs one of
//! `max_clients` slots, and the authentication must come within a deadline.

mod json;
pub mod protocol;
pub(crate) mod session;
mod tailed;

use std::time::Duration;

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
    /// Connections at once (handshakes and sessions), in all and per peer.
    pub max_connections: usize,
    pub max_connections_per_ip: usize,
    /// For the HTTP request and the upgrade.
    pub handshake_timeout: Duration,
    pub metrics_from_loopback_without_token: bool,
    pub web_root: Option<std::path::PathBuf>,
}

/// The WebSocket API is served by the one HTTP listener.
pub use super::http::serve;
