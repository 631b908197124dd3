//! The WebSocket API for browsers and thin clients: `GET /ws` on the HTTP
//! listener (`api::http`), JSON text frames, token first.
//!
//! Before a client has authenticated it can hold only so much: the HTTP
//! listener caps connections and the handshake time, a session needs one of
//! `max_clients` slots, and the authentication must come within a deadline.

mod command;
mod filters;
mod forward;
pub(crate) mod json;
mod outq;
pub mod protocol;
pub(crate) mod session;
mod tailed;

/// Defined with the configuration so the configuration needs nothing from the API.
pub use crate::config::WsSettings;

/// The WebSocket API is served by the one HTTP listener.
pub use super::http::serve;
