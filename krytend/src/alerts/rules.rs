//! Alert rules: one small type per condition, each reading a [`Snapshot`] and naming the
//! things (usually services) for which the condition holds right now. Whether that
//! becomes a firing alert (`for:`, hysteresis) is the engine's decision, not the rule's.

use super::Labels;
use regex::{Regex, RegexBuilder};

/// Status of a service as the registry sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Running,
    Degraded,
    Failing,
    Down,
    Stopped,
}

/// What one service looks like at evaluation time.
#[derive(Debug, Clone)]
pub struct ServiceSnapshot {
    pub name: String,
    pub status: Status,
    /// True when the service was stopped on purpose (a stop command, a drain); a stop
    /// without it is unexpected.
    pub stop_requested: bool,
    /// Status changes, oldest first: (time ms, new status).
    pub history: Vec<(i64, Status)>,
    /// Milliseconds since the last heartbeat, and the deadline it promised.
    pub heartbeat_age_ms: Option<i64>,
    pub heartbeat_deadline_ms: Option<i64>,
    /// Times (ms) of restarts seen, oldest first.
    pub restarts: Vec<i64>,
    /// Error-level log lines over the last minute.
    pub log_errors_per_min: u64,
    /// Recent log lines (bounded by the caller) for pattern rules.
    pub recent_logs: Vec<String>,
    /// The running config differs from the stored desired config.
    pub config_drift: bool,
}

impl ServiceSnapshot {
    pub fn new(name: &str, status: Status) -> Self {
        ServiceSnapshot {
            name: name.to_string(),
            status,
            stop_requested: false,
            history: Vec::new(),
            heartbeat_age_ms: None,
            heartbeat_deadline_ms: None,
            restarts: Vec::new(),
            log_errors_per_min: 0,
            recent_logs: Vec::new(),
            config_drift: false,
        }
    }
}

/// Daemon-wide counters the fleet rules read.
#[derive(Debug, Clone, Default)]
pub struct Counters {
    /// Messages dropped by ingest since the previous evaluation.
    pub ingest_dropped: u64,
    pub bus_connected: bool,
    /// Store write errors since the previous evaluation.
    pub store_write_errors: u64,
    /// Receivers whose recent deliveries all failed, with how many in a row.
    pub failing_receivers: Vec<(String, u32)>,
}

/// Everything a rule may look at, captured once per evaluation.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub now_ms: i64,
    pub services: Vec<ServiceSnapshot>,
    pub counters: Counters,
}

/// One thing a rule found true now.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub labels: Labels,
    pub summary: String,
}

pub trait Rule: Send + Sync {
    /// The `alertname` label of what this rule raises.
    fn name(&self) -> &str;
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding>;
}

fn service_finding(service: &str, summary: String) -> Finding {
    let mut labels = Labels::new();
    labels.insert("service".into(), service.into());
    Finding { labels, summary }
}

fn fleet_finding(summary: String) -> Finding {
    Finding {
        labels: Labels::new(),
        summary,
    }
}

/// Rules that hold when a service is in one given status.
macro_rules! status_rule {
    ($ty:ident, $name:literal, $status:expr, $what:literal) => {
        #[derive(Debug, Default)]
        pub struct $ty;
        impl Rule for $ty {
            fn name(&self) -> &str {
                $name
            }
            fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
                snap.services
                    .iter()
                    .filter(|s| s.status == $status)
                    .map(|s| service_finding(&s.name, format!("{} is {}", s.name, $what)))
                    .collect()
            }
        }
    };
}

status_rule!(ServiceDown, "ServiceDown", Status::Down, "down");
status_rule!(ServiceFailing, "ServiceFailing", Status::Failing, "failing");
status_rule!(ServiceDegraded, "ServiceDegraded", Status::Degraded, "degraded");

#[derive(Debug, Default)]
pub struct StoppedUnexpectedly;
impl Rule for StoppedUnexpectedly {
    fn name(&self) -> &str {
        "ServiceStoppedUnexpectedly"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        snap.services
            .iter()
            .filter(|s| s.status == Status::Stopped && !s.stop_requested)
            .map(|s| service_finding(&s.name, format!("{} stopped without a stop request", s.name)))
            .collect()
    }
}

#[derive(Debug, Default)]
pub struct HeartbeatLate;
impl Rule for HeartbeatLate {
    fn name(&self) -> &str {
        "HeartbeatLate"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        snap.services
            .iter()
            .filter_map(|s| match (s.heartbeat_age_ms, s.heartbeat_deadline_ms) {
                (Some(age), Some(deadline)) if age > deadline => Some(service_finding(
                    &s.name,
                    format!("{} heartbeat {age} ms old, deadline {deadline} ms", s.name),
                )),
                _ => None,
            })
            .collect()
    }
}

/// At least `count` restarts within the last `window_ms`.
#[derive(Debug)]
pub struct RestartLoop {
    pub count: usize,
    pub window_ms: i64,
}
impl Rule for RestartLoop {
    fn name(&self) -> &str {
        "RestartLoop"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let since = snap.now_ms.saturating_sub(self.window_ms);
        snap.services
            .iter()
            .filter_map(|s| {
                let n = s.restarts.iter().filter(|&&t| t >= since).count();
                (n >= self.count.max(1)).then(|| {
                    service_finding(
                        &s.name,
                        format!("{} restarted {n} times in {} s", s.name, self.window_ms / 1000),
                    )
                })
            })
            .collect()
    }
}

/// At least `count` status transitions within the last `window_ms`. Hysteresis (not
/// resolving the moment the count dips) comes from the engine's `keep_firing_for`.
#[derive(Debug)]
pub struct Flapping {
    pub count: usize,
    pub window_ms: i64,
}
impl Rule for Flapping {
    fn name(&self) -> &str {
        "ServiceFlapping"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let since = snap.now_ms.saturating_sub(self.window_ms);
        snap.services
            .iter()
            .filter_map(|s| {
                let n = s.history.iter().filter(|(t, _)| *t >= since).count();
                (n >= self.count.max(1)).then(|| {
                    service_finding(
                        &s.name,
                        format!("{} changed status {n} times in {} s", s.name, self.window_ms / 1000),
                    )
                })
            })
            .collect()
    }
}

#[derive(Debug, Default)]
pub struct ConfigDrift;
impl Rule for ConfigDrift {
    fn name(&self) -> &str {
        "ConfigDrift"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        snap.services
            .iter()
            .filter(|s| s.config_drift)
            .map(|s| service_finding(&s.name, format!("{} runs a config other than the stored one", s.name)))
            .collect()
    }
}

#[derive(Debug, Default)]
pub struct IngestLoss;
impl Rule for IngestLoss {
    fn name(&self) -> &str {
        "IngestLoss"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let n = snap.counters.ingest_dropped;
        if n > 0 {
            vec![fleet_finding(format!("ingest dropped {n} messages"))]
        } else {
            vec![]
        }
    }
}

#[derive(Debug, Default)]
pub struct BusDisconnected;
impl Rule for BusDisconnected {
    fn name(&self) -> &str {
        "BusDisconnected"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        if snap.counters.bus_connected {
            vec![]
        } else {
            vec![fleet_finding("the daemon is not connected to the bus".into())]
        }
    }
}

#[derive(Debug, Default)]
pub struct StoreWriteErrors;
impl Rule for StoreWriteErrors {
    fn name(&self) -> &str {
        "StoreWriteErrors"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let n = snap.counters.store_write_errors;
        if n > 0 {
            vec![fleet_finding(format!("{n} store write errors"))]
        } else {
            vec![]
        }
    }
}

/// A receiver whose last deliveries all failed: notifications are not
/// reaching anyone through it, which must not be silent.
#[derive(Debug, Default)]
pub struct ReceiverFailing;
impl Rule for ReceiverFailing {
    fn name(&self) -> &str {
        "ReceiverFailing"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        snap.counters
            .failing_receivers
            .iter()
            .map(|(name, n)| {
                let mut labels = Labels::new();
                labels.insert("receiver".into(), name.clone());
                Finding {
                    labels,
                    summary: format!("the last {n} deliveries to receiver {name} failed"),
                }
            })
            .collect()
    }
}

/// More than `per_min` error lines per minute from one service.
#[derive(Debug)]
pub struct LogErrorRate {
    pub per_min: u64,
}
impl Rule for LogErrorRate {
    fn name(&self) -> &str {
        "LogErrorRate"
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        snap.services
            .iter()
            .filter(|s| s.log_errors_per_min > self.per_min)
            .map(|s| {
                service_finding(
                    &s.name,
                    format!(
                        "{} logged {} errors/min (limit {})",
                        s.name, s.log_errors_per_min, self.per_min
                    ),
                )
            })
            .collect()
    }
}

/// Compiled-size cap for user regexes (silences and log patterns), so a hostile pattern
/// cannot take unbounded memory.
pub const REGEX_SIZE_LIMIT: usize = 256 * 1024;
/// Longest pattern text accepted.
pub const PATTERN_MAX_LEN: usize = 1024;

#[derive(Debug, thiserror::Error)]
pub enum PatternError {
    #[error("pattern is {0} bytes, the limit is {PATTERN_MAX_LEN}")]
    TooLong(usize),
    #[error("invalid pattern: {0}")]
    Invalid(String),
}

/// Builds a size-capped regex; `anchored` wraps it so it must match the whole text.
pub fn capped_regex(pattern: &str, anchored: bool) -> Result<Regex, PatternError> {
    if pattern.len() > PATTERN_MAX_LEN {
        return Err(PatternError::TooLong(pattern.len()));
    }
    let text = if anchored {
        format!("^(?:{pattern})$")
    } else {
        pattern.to_string()
    };
    RegexBuilder::new(&text)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| PatternError::Invalid(e.to_string()))
}

/// A recent log line of a service matches `pattern`.
#[derive(Debug)]
pub struct LogPattern {
    name: String,
    pattern: Regex,
}
impl LogPattern {
    pub fn new(name: &str, pattern: &str) -> Result<Self, PatternError> {
        Ok(LogPattern {
            name: name.to_string(),
            pattern: capped_regex(pattern, false)?,
        })
    }
}
impl Rule for LogPattern {
    fn name(&self) -> &str {
        &self.name
    }
    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        snap.services
            .iter()
            .filter_map(|s| {
                let hit = s.recent_logs.iter().find(|l| self.pattern.is_match(l))?;
                let mut line: String = hit.chars().take(200).collect();
                if line.len() < hit.len() {
                    line.push('…');
                }
                Some(service_finding(&s.name, format!("{} logged: {line}", s.name)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(services: Vec<ServiceSnapshot>) -> Snapshot {
        Snapshot {
            now_ms: 1_000_000,
            services,
            counters: Counters {
                bus_connected: true,
                ..Counters::default()
            },
        }
    }

    fn names(f: Vec<Finding>) -> Vec<String> {
        f.into_iter().map(|f| f.labels["service"].clone()).collect()
    }

    #[test]
    fn status_rules_pick_the_right_services() {
        let mut stopped = ServiceSnapshot::new("stopped", Status::Stopped);
        stopped.stop_requested = true;
        let s = snap(vec![
            ServiceSnapshot::new("a", Status::Down),
            ServiceSnapshot::new("b", Status::Failing),
            ServiceSnapshot::new("c", Status::Degraded),
            ServiceSnapshot::new("d", Status::Stopped),
            stopped,
            ServiceSnapshot::new("e", Status::Running),
        ]);
        assert_eq!(names(ServiceDown.evaluate(&s)), ["a"]);
        assert_eq!(names(ServiceFailing.evaluate(&s)), ["b"]);
        assert_eq!(names(ServiceDegraded.evaluate(&s)), ["c"]);
        assert_eq!(names(StoppedUnexpectedly.evaluate(&s)), ["d"]);
    }

    #[test]
    fn windows_count_only_recent_events() {
        let mut a = ServiceSnapshot::new("a", Status::Running);
        a.restarts = vec![100, 999_000, 999_500, 999_900];
        a.history = vec![(100, Status::Down), (999_000, Status::Running)];
        let s = snap(vec![a]);
        assert_eq!(
            names(
                RestartLoop {
                    count: 3,
                    window_ms: 10_000
                }
                .evaluate(&s)
            ),
            ["a"]
        );
        assert!(RestartLoop {
            count: 4,
            window_ms: 10_000
        }
        .evaluate(&s)
        .is_empty());
        assert!(Flapping {
            count: 2,
            window_ms: 10_000
        }
        .evaluate(&s)
        .is_empty());
        assert_eq!(
            names(
                Flapping {
                    count: 2,
                    window_ms: 1_000_000
                }
                .evaluate(&s)
            ),
            ["a"]
        );
    }

    #[test]
    fn heartbeat_fleet_and_log_rules() {
        let mut a = ServiceSnapshot::new("a", Status::Running);
        a.heartbeat_age_ms = Some(31_000);
        a.heartbeat_deadline_ms = Some(30_000);
        a.log_errors_per_min = 11;
        a.recent_logs = vec!["ok".into(), "panic: oh no".into()];
        a.config_drift = true;
        let mut s = snap(vec![a, ServiceSnapshot::new("b", Status::Running)]);
        assert_eq!(names(HeartbeatLate.evaluate(&s)), ["a"]);
        assert_eq!(names(LogErrorRate { per_min: 10 }.evaluate(&s)), ["a"]);
        assert_eq!(names(ConfigDrift.evaluate(&s)), ["a"]);
        let p = LogPattern::new("Panic", "panic:").unwrap();
        assert_eq!(names(p.evaluate(&s)), ["a"]);
        assert!(BusDisconnected.evaluate(&s).is_empty());
        s.counters = Counters {
            ingest_dropped: 3,
            bus_connected: false,
            store_write_errors: 1,
            failing_receivers: vec![("ops".into(), 3)],
        };
        assert_eq!(BusDisconnected.evaluate(&s).len(), 1);
        let failing = ReceiverFailing.evaluate(&s);
        assert_eq!(failing[0].labels["receiver"], "ops");
        assert_eq!(IngestLoss.evaluate(&s).len(), 1);
        assert_eq!(StoreWriteErrors.evaluate(&s).len(), 1);
    }

    #[test]
    fn patterns_are_capped() {
        assert!(matches!(
            LogPattern::new("x", &"a".repeat(2000)),
            Err(PatternError::TooLong(_))
        ));
        assert!(matches!(
            LogPattern::new("x", "(a{1000}){1000}"),
            Err(PatternError::Invalid(_))
        ));
        assert!(matches!(LogPattern::new("x", "("), Err(PatternError::Invalid(_))));
    }
}
