//! The WebSocket protocol: one serde-tagged enum per direction, JSON text
//! frames. Documented with an example of every message in
//! `docs/websocket.md`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMessage {
    Auth {
        token: String,
    },
    Subscribe {
        id: String,
        stream: Stream,
        #[serde(default)]
        filters: Filters,
        /// RFC 3339, `@<unix seconds>`, or unix seconds: history from then.
        #[serde(default)]
        since: Option<Value>,
        /// Resume after this sequence number.
        #[serde(default)]
        after_seq: Option<u64>,
    },
    Unsubscribe {
        id: String,
    },
    Snapshot {
        id: String,
        what: Stream,
        #[serde(default)]
        filters: Filters,
        #[serde(default)]
        limit: Option<u32>,
    },
    Command {
        id: String,
        action: String,
        service: String,
        #[serde(default)]
        args: Value,
    },
    Ping {
        #[serde(default)]
        id: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    Services,
    Events,
    Logs,
    Alerts,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Filters {
    pub subjects: Vec<String>,
    pub services: Vec<String>,
    pub types: Vec<String>,
    /// Log levels: the worst given sets the bar ("warning" = warning or worse).
    pub levels: Vec<String>,
    pub grep: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    AuthOk {
        role: String,
        server_version: String,
    },
    Subscribed {
        id: String,
        stream: Stream,
    },
    Unsubscribed {
        id: String,
    },
    ServiceUpdate {
        subscription: String,
        service: Value,
        #[serde(skip_serializing_if = "Option::is_none")]
        transition: Option<Value>,
    },
    /// A batch of events of one subscription, oldest first.
    Event {
        subscription: String,
        events: Vec<Value>,
    },
    Log {
        subscription: String,
        records: Vec<Value>,
    },
    /// What is pending or firing now (after subscribing, and after a lag).
    Alerts {
        subscription: String,
        items: Vec<Value>,
    },
    /// One alert fired or resolved.
    Alert {
        subscription: String,
        transition: String,
        alert: Value,
    },
    Snapshot {
        id: String,
        what: Stream,
        items: Vec<Value>,
        /// The search stopped at its row limit here (see `ListEvents`).
        #[serde(rename = "searchedToSeq", skip_serializing_if = "Option::is_none")]
        searched_to_seq: Option<u64>,
    },
    CommandResult {
        id: String,
        ok: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        result: Option<Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
    /// One stage of a restart under way, before its `command_result`.
    CommandProgress {
        id: String,
        stage: String,
        #[serde(rename = "elapsedSeconds")]
        elapsed_seconds: f64,
        message: String,
    },
    Lagged {
        subscription: String,
        missed: u64,
    },
    Error {
        code: String,
        message: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
    },
    Pong {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
}

impl ServerMessage {
    pub fn error(code: &str, message: impl Into<String>, request_id: Option<String>) -> Self {
        ServerMessage::Error {
            code: code.into(),
            message: message.into(),
            request_id,
        }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|e| format!("{{\"type\":\"error\",\"code\":\"internal\",\"message\":\"{e}\"}}"))
    }
}

/// The id a malformed message meant to carry, for its error reply.
pub fn request_id_of(text: &str) -> Option<String> {
    serde_json::from_str::<Value>(text)
        .ok()?
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_messages_parse_and_unknown_fields_are_refused() {
        let m: ClientMessage = serde_json::from_str(
            r#"{"type":"subscribe","id":"s1","stream":"events","filters":{"subjects":["kryten.>"]},"since":"2026-11-21T00:00:00Z"}"#,
        )
        .expect("subscribe");
        assert!(matches!(
            m,
            ClientMessage::Subscribe {
                stream: Stream::Events,
                ..
            }
        ));
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"auth","token":"x","extra":1}"#).is_err());
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"dance"}"#).is_err());
        assert_eq!(request_id_of(r#"{"type":"bogus","id":"r9"}"#).as_deref(), Some("r9"));
    }

    #[test]
    fn server_messages_are_tagged() {
        let t = ServerMessage::Lagged {
            subscription: "s1".into(),
            missed: 3,
        }
        .to_text();
        assert_eq!(t, r#"{"type":"lagged","subscription":"s1","missed":3}"#);
    }
}
