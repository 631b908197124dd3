//! Who gets into the registry: new names at a bounded rate and up to a
//! cap, names seen only in traffic probed before they are listed, and
//! services silent past retention forgotten. Anyone can publish under
//! `kryten.>`, so every name from the bus costs memory, store rows and
//! (for probes) requests: all of it is bounded here.

use std::collections::BTreeMap;

/// The knobs of admission and forgetting, in microseconds where they are
/// times.
#[derive(Debug, Clone)]
pub struct AdmissionConfig {
    /// Services tracked at most; new names beyond it are refused.
    pub max_services: usize,
    /// New names admitted (or probed, for names seen only in traffic) per
    /// second, sustained.
    pub new_per_second: f64,
    /// ... and in a burst.
    pub new_burst: u32,
    /// A down or stopped service silent this long is forgotten.
    pub forget_after_us: i64,
    /// A service that never answered a request nor heartbeat, once not
    /// up, is forgotten after this much silence.
    pub forget_unanswered_after_us: i64,
}

impl Default for AdmissionConfig {
    fn default() -> Self {
        Self {
            max_services: 1000,
            new_per_second: 5.0,
            new_burst: 50,
            forget_after_us: 7 * 86_400 * 1_000_000,
            forget_unanswered_after_us: 600 * 1_000_000,
        }
    }
}

/// Probes (startup-triggered pings) a service that has never answered
/// gets at most; it gets no periodic pings until it answers one.
pub const UNANSWERED_PROBES: u32 = 3;
/// Startups closer together than this trigger one probe, not several.
pub const PROBE_SPACING_US: i64 = 200_000;
/// Names seen only in traffic, waiting for or retrying a probe.
pub const MAX_CANDIDATES: usize = 64;
/// A candidate that did not answer is probed again at most this often
/// (when it is seen in traffic again), and dropped after `CANDIDATE_TTL_US`.
pub const CANDIDATE_RETRY_US: i64 = 15_000_000;
pub const CANDIDATE_TTL_US: i64 = 600_000_000;
/// Names kept as examples in a refusal report.
const EXAMPLES_KEPT: usize = 5;
pub const MAX_NAME_LEN: usize = 64;

/// A token bucket.
#[derive(Debug, Clone)]
pub struct Bucket {
    tokens: f64,
    at_us: i64,
}

impl Bucket {
    pub fn full(burst: u32) -> Self {
        Self {
            tokens: f64::from(burst),
            at_us: i64::MIN,
        }
    }

    pub fn take(&mut self, now_us: i64, per_second: f64, burst: u32) -> bool {
        if self.at_us != i64::MIN && now_us > self.at_us {
            let refill = now_us.saturating_sub(self.at_us) as f64 / 1e6 * per_second.max(0.0);
            self.tokens = (self.tokens + refill).min(f64::from(burst));
        }
        self.at_us = self.at_us.max(now_us);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Why a new name was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `max_services` reached.
    Cap,
    /// Faster than `new_per_second` (burst spent).
    Rate,
    /// Too many names seen only in traffic awaiting a probe.
    Candidates,
    /// Not a plausible service name.
    BadName,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Cap => "cap",
            Refusal::Rate => "rate",
            Refusal::Candidates => "candidates",
            Refusal::BadName => "bad_name",
        }
    }
}

/// Refusals since the last report, and in total.
#[derive(Debug, Clone, Default)]
pub struct Refusals {
    pub total: u64,
    /// Since the last report, by reason.
    pub pending: BTreeMap<&'static str, u64>,
    pub examples: Vec<String>,
    pub last_name: String,
    pub last_reason: &'static str,
    pub last_at_us: i64,
}

impl Refusals {
    pub fn note(&mut self, name: &str, why: Refusal, now_us: i64) {
        self.total += 1;
        *self.pending.entry(why.as_str()).or_default() += 1;
        let shown: String = name.chars().take(MAX_NAME_LEN).collect();
        if self.examples.len() < EXAMPLES_KEPT && !self.examples.contains(&shown) {
            self.examples.push(shown.clone());
        }
        self.last_name = shown;
        self.last_reason = why.as_str();
        self.last_at_us = now_us;
    }
}

/// A refusal report: what was refused since the previous one.
#[derive(Debug, Clone, PartialEq)]
pub struct RefusalReport {
    pub by_reason: BTreeMap<&'static str, u64>,
    pub examples: Vec<String>,
    pub total: u64,
}

/// A name seen in traffic, not yet a service.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub source: String,
    pub first_seen_us: i64,
    pub probed_us: i64,
}

/// Service names as subjects carry them: one subject token of letters,
/// digits, `-` and `_`.
pub fn plausible_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Names announced in lifecycle messages: looser than traffic-derived
/// ones (the seed design's payload names are free-form) but bounded, and
/// never control characters (they end up on terminals).
pub fn acceptable_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 2 * MAX_NAME_LEN && !name.chars().any(char::is_control)
}
