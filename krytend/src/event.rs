//! A recorded bus message and the filters that select them.

use bytes::Bytes;
use regex::Regex;

use crate::protocol::{subject::SubjectPattern, Kind};

/// One accepted bus message (or a message of krytend's own, such as a
/// status change), with its sequence number.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub seq: u64,
    pub received_us: i64,
    pub subject: String,
    pub kind: Kind,
    pub service: Option<String>,
    pub payload: Bytes,
    /// Set when the payload does not fit its subject's schema.
    pub error: Option<String>,
    pub channel: Option<String>,
    pub event_type: Option<String>,
    pub correlation_id: Option<String>,
    pub event_time_us: Option<i64>,
    pub reply_to: Option<String>,
    /// Its JSON text for WebSocket clients, made once however many
    /// subscribers there are.
    pub json: std::sync::OnceLock<std::sync::Arc<str>>,
}

/// Which events a query or a live subscriber wants. Within a field any
/// value may match; all given fields must match.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub subjects: Vec<SubjectPattern>,
    pub services: Vec<String>,
    pub kinds: Vec<Kind>,
    pub since_us: Option<i64>,
    pub until_us: Option<i64>,
    pub grep: Option<Regex>,
}

impl EventFilter {
    pub fn matches(&self, ev: &Event) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&ev.kind) {
            return false;
        }
        if !self.services.is_empty()
            && !ev
                .service
                .as_ref()
                .is_some_and(|s| self.services.iter().any(|f| f == s))
        {
            return false;
        }
        if self.since_us.is_some_and(|t| ev.received_us < t) || self.until_us.is_some_and(|t| ev.received_us >= t) {
            return false;
        }
        if !self.subjects.is_empty() && !self.subjects.iter().any(|p| p.matches(&ev.subject)) {
            return false;
        }
        if let Some(re) = &self.grep {
            if !re.is_match(&ev.subject) && !re.is_match(&String::from_utf8_lossy(&ev.payload)) {
                return false;
            }
        }
        true
    }

    /// True when only the columns the store can test in SQL are used.
    pub fn needs_row_check(&self) -> bool {
        !self.subjects.is_empty() || self.grep.is_some()
    }
}
