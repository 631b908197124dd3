//! Notification receivers. Every delivery attempt yields a [`DeliveryRecord`] for the
//! caller to store; secrets (tokens in URLs, signing keys) are held in [`Secret`] so they
//! never reach a log line or an error message.

pub mod chat;
pub mod exec;
pub mod secret;
pub mod smtp;
pub mod text;
pub mod webhook;

/// One attempt to deliver a notification, as a receiver reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryRecord {
    pub at_ms: i64,
    pub receiver: String,
    pub ok: bool,
    /// HTTP status or exit code, when there was one.
    pub status: Option<i64>,
    /// Already free of secrets (receivers redact before reporting).
    pub error: Option<String>,
}
pub use secret::Secret;
