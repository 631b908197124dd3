//! Alerts read off single events as they are recorded: a service going
//! down, failing or degraded, config drift, and data lost before it was
//! recorded. This is the WebSocket `alerts` stream; it holds no state.

use serde_json::Value;

use crate::{event::Event, protocol::Kind, registry::Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Warning,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventAlert {
    pub severity: Severity,
    pub message: String,
}

/// The alert `ev` raises, if any.
pub fn from_event(ev: &Event) -> Option<EventAlert> {
    if !matches!(ev.kind, Kind::Drift | Kind::Gap | Kind::Status) {
        return None;
    }
    let payload: Value = serde_json::from_slice(&ev.payload).unwrap_or(Value::Null);
    let text = |key: &str, default: &str| payload[key].as_str().unwrap_or(default).to_string();
    let (severity, message) = match ev.kind {
        Kind::Drift => (Severity::Warning, text("reason", "config drift")),
        Kind::Gap => (Severity::Critical, text("reason", "messages lost")),
        _ => match payload["to"].as_str().and_then(Status::parse) {
            Some(Status::Down | Status::Failing) => (Severity::Critical, text("cause", "")),
            Some(Status::Degraded) => (Severity::Warning, text("cause", "")),
            _ => return None,
        },
    };
    Some(EventAlert { severity, message })
}
