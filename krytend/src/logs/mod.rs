//! Service logs: the record, its filter, and the file tailer.

pub mod tailer;

use regex::Regex;
use serde_json::{Map, Value};

use crate::protocol::log::Severity;

/// One log line of one service, sequenced like an event.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRecord {
    pub seq: u64,
    /// The record's own time, or arrival time if it had none.
    pub time_us: i64,
    pub received_us: i64,
    pub time_from_arrival: bool,
    pub service: String,
    pub severity: Option<Severity>,
    pub logger: Option<String>,
    pub message: String,
    pub exception: Option<String>,
    pub attributes: Map<String, Value>,
    /// `nats` or `file:<path>`.
    pub source: String,
    /// Its JSON text for WebSocket clients, made once.
    pub json: std::sync::OnceLock<std::sync::Arc<str>>,
}

#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub services: Vec<String>,
    /// Include severities up to this one (lower is worse).
    pub max_severity: Option<Severity>,
    pub since_us: Option<i64>,
    pub until_us: Option<i64>,
    pub grep: Option<Regex>,
    pub exclude: Option<Regex>,
}

impl LogFilter {
    pub fn matches(&self, r: &LogRecord) -> bool {
        if !self.services.is_empty() && !self.services.contains(&r.service) {
            return false;
        }
        if let Some(max) = self.max_severity {
            if r.severity.is_none_or(|s| s > max) {
                return false;
            }
        }
        if self.since_us.is_some_and(|t| r.time_us < t) || self.until_us.is_some_and(|t| r.time_us >= t) {
            return false;
        }
        let text = |r: &LogRecord| match &r.exception {
            Some(e) => format!("{}\n{e}", r.message),
            None => r.message.clone(),
        };
        if let Some(g) = &self.grep {
            if !g.is_match(&text(r)) {
                return false;
            }
        }
        if let Some(x) = &self.exclude {
            if x.is_match(&text(r)) {
                return false;
            }
        }
        true
    }

    /// Words every match must contain, for a full-text prefilter: only when
    /// the pattern is plain words (no regex syntax). A word that starts
    /// inside a token (`imeout` in `timeout`) is not found this way: plain
    /// words are searched as words, as a full-text search does.
    pub fn fts_query(&self) -> Option<String> {
        let g = self.grep.as_ref()?.as_str();
        let plain = !g.is_empty() && g.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '_');
        if !plain {
            return None;
        }
        // Prefix queries, so `time` still finds `timeout` as the regex would.
        let words: Vec<String> = g.split_whitespace().map(|w| format!("\"{w}\"*")).collect();
        (!words.is_empty()).then(|| words.join(" "))
    }
}
