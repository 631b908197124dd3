//! Alert state: findings of the rules become pending alerts, firing after their `for:`
//! duration, and resolve only once the condition has been absent for `keep_firing_for`
//! (hysteresis, so a flapping condition does not flap the alert). Transitions come out as
//! `alert_firing` / `alert_resolved` values for the caller to store and route.

use super::rules::{Rule, Snapshot};
use super::Labels;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
}

/// A rule with the settings that turn its findings into alerts.
pub struct RuleSpec {
    pub rule: Box<dyn Rule>,
    pub for_ms: i64,
    pub keep_firing_for_ms: i64,
    pub severity: Severity,
    /// Extra labels added to every alert of this rule.
    pub labels: Labels,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Pending,
    Firing,
}

/// One alert the engine tracks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub fingerprint: String,
    pub labels: Labels,
    pub severity: Severity,
    pub summary: String,
    pub state: State,
    /// When the condition was first seen (this episode).
    pub active_at_ms: i64,
    /// When it started firing, once it has.
    pub fired_at_ms: Option<i64>,
    /// The last evaluation that saw the condition.
    pub last_seen_ms: i64,
}

/// What the engine reports; serialised with `kind` = `alert_firing` / `alert_resolved`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Transition {
    AlertFiring { alert: Alert },
    AlertResolved { alert: Alert, resolved_at_ms: i64 },
}

impl Transition {
    pub fn alert(&self) -> &Alert {
        match self {
            Transition::AlertFiring { alert } | Transition::AlertResolved { alert, .. } => alert,
        }
    }
}

/// Stable identity of an alert: a hash of its sorted labels.
pub fn fingerprint(labels: &Labels) -> String {
    let mut h = Sha256::new();
    for (k, v) in labels {
        h.update(k.as_bytes());
        h.update([0]);
        h.update(v.as_bytes());
        h.update([0]);
    }
    hex::encode(&h.finalize()[..8])
}

/// The most alerts tracked at once; findings beyond it are dropped (and counted) so a
/// fleet announcing endless service names cannot grow the engine without bound.
pub const DEFAULT_MAX_ALERTS: usize = 10_000;

pub struct Engine {
    rules: Vec<RuleSpec>,
    alerts: HashMap<String, Alert>,
    max_alerts: usize,
    dropped: u64,
}

impl Engine {
    pub fn new(rules: Vec<RuleSpec>) -> Self {
        Engine {
            rules,
            alerts: HashMap::new(),
            max_alerts: DEFAULT_MAX_ALERTS,
            dropped: 0,
        }
    }

    pub fn with_max_alerts(mut self, max: usize) -> Self {
        self.max_alerts = max;
        self
    }

    /// Restores state kept across a restart (from the store), so firing alerts neither
    /// re-fire nor get lost.
    pub fn restore(&mut self, alerts: impl IntoIterator<Item = Alert>) {
        for a in alerts.into_iter().take(self.max_alerts) {
            self.alerts.insert(a.fingerprint.clone(), a);
        }
    }

    /// Alerts currently pending or firing.
    pub fn alerts(&self) -> impl Iterator<Item = &Alert> {
        self.alerts.values()
    }

    /// Findings dropped because the alert cap was reached.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Evaluates every rule over `snap` (at `snap.now_ms`) and returns the transitions.
    pub fn evaluate(&mut self, snap: &Snapshot) -> Vec<Transition> {
        let now = snap.now_ms;
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for spec in &self.rules {
            for finding in spec.rule.evaluate(snap) {
                let mut labels = spec.labels.clone();
                labels.extend(finding.labels);
                labels.insert("alertname".into(), spec.rule.name().to_string());
                labels.insert("severity".into(), spec.severity.as_str().into());
                let fp = fingerprint(&labels);
                seen.insert(fp.clone());
                if !self.alerts.contains_key(&fp) && self.alerts.len() >= self.max_alerts {
                    self.dropped += 1;
                    continue;
                }
                let alert = self.alerts.entry(fp.clone()).or_insert_with(|| Alert {
                    fingerprint: fp,
                    labels,
                    severity: spec.severity,
                    summary: String::new(),
                    state: State::Pending,
                    active_at_ms: now,
                    fired_at_ms: None,
                    last_seen_ms: now,
                });
                alert.summary = finding.summary;
                alert.last_seen_ms = now;
                if alert.state == State::Pending && now - alert.active_at_ms >= spec.for_ms {
                    alert.state = State::Firing;
                    alert.fired_at_ms = Some(now);
                    out.push(Transition::AlertFiring { alert: alert.clone() });
                }
            }
        }
        // Conditions not seen this round: pending ones vanish, firing ones resolve once
        // absent for their hysteresis time.
        let rules_keep: HashMap<&str, i64> = self
            .rules
            .iter()
            .map(|s| (s.rule.name(), s.keep_firing_for_ms))
            .collect();
        let mut gone = Vec::new();
        for (fp, alert) in &self.alerts {
            if seen.contains(fp) {
                continue;
            }
            let keep = alert
                .labels
                .get("alertname")
                .and_then(|n| rules_keep.get(n.as_str()).copied())
                .unwrap_or(0);
            match alert.state {
                State::Pending => gone.push(fp.clone()),
                State::Firing if now - alert.last_seen_ms >= keep => {
                    out.push(Transition::AlertResolved {
                        alert: alert.clone(),
                        resolved_at_ms: now,
                    });
                    gone.push(fp.clone());
                }
                State::Firing => {}
            }
        }
        for fp in gone {
            self.alerts.remove(&fp);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alerts::rules::{ServiceDown, ServiceSnapshot, Status};

    fn engine(for_ms: i64, keep_ms: i64) -> Engine {
        Engine::new(vec![RuleSpec {
            rule: Box::new(ServiceDown),
            for_ms,
            keep_firing_for_ms: keep_ms,
            severity: Severity::Critical,
            labels: Labels::from([("team".to_string(), "ops".to_string())]),
        }])
    }

    fn at(now_ms: i64, down: &[&str]) -> Snapshot {
        Snapshot {
            now_ms,
            services: down.iter().map(|n| ServiceSnapshot::new(n, Status::Down)).collect(),
            ..Snapshot::default()
        }
    }

    #[test]
    fn pending_fires_after_for_and_resolves_after_hysteresis() {
        let mut e = engine(30_000, 10_000);
        assert!(e.evaluate(&at(0, &["a"])).is_empty());
        assert_eq!(e.alerts().next().unwrap().state, State::Pending);
        assert!(e.evaluate(&at(29_999, &["a"])).is_empty());
        let t = e.evaluate(&at(30_000, &["a"]));
        assert_eq!(t.len(), 1);
        let a = t[0].alert();
        assert!(matches!(t[0], Transition::AlertFiring { .. }));
        assert_eq!(a.labels["alertname"], "ServiceDown");
        assert_eq!(a.labels["service"], "a");
        assert_eq!(a.labels["team"], "ops");
        assert_eq!(a.labels["severity"], "critical");
        assert_eq!(a.fingerprint, fingerprint(&a.labels));
        // Still firing: no repeat transition.
        assert!(e.evaluate(&at(31_000, &["a"])).is_empty());
        // Gone, but within hysteresis; back again: still the same firing alert.
        assert!(e.evaluate(&at(35_000, &[])).is_empty());
        assert!(e.evaluate(&at(36_000, &["a"])).is_empty());
        assert!(e.evaluate(&at(45_000, &[])).is_empty());
        let t = e.evaluate(&at(46_000, &[]));
        assert!(matches!(
            t[0],
            Transition::AlertResolved {
                resolved_at_ms: 46_000,
                ..
            }
        ));
        assert_eq!(e.alerts().count(), 0);
    }

    #[test]
    fn pending_that_clears_never_fires() {
        let mut e = engine(30_000, 0);
        e.evaluate(&at(0, &["a"]));
        assert!(e.evaluate(&at(10_000, &[])).is_empty());
        // A new episode starts its `for:` over.
        assert!(e.evaluate(&at(20_000, &["a"])).is_empty());
        assert!(e.evaluate(&at(45_000, &["a"])).is_empty());
        assert_eq!(e.evaluate(&at(50_000, &["a"])).len(), 1);
    }

    #[test]
    fn transitions_serialise_with_their_kind() {
        let mut e = engine(0, 0);
        let t = e.evaluate(&at(5, &["a"]));
        let v = serde_json::to_value(&t[0]).unwrap();
        assert_eq!(v["kind"], "alert_firing");
        assert_eq!(v["alert"]["state"], "firing");
        let t = e.evaluate(&at(6, &[]));
        assert_eq!(serde_json::to_value(&t[0]).unwrap()["kind"], "alert_resolved");
    }

    #[test]
    fn restored_firing_alert_does_not_refire() {
        let mut first = engine(0, 0);
        let fired = first.evaluate(&at(1, &["a"]));
        let mut second = engine(0, 0);
        second.restore(fired.iter().map(|t| t.alert().clone()));
        assert!(second.evaluate(&at(2, &["a"])).is_empty());
    }

    #[test]
    fn alert_count_is_capped() {
        let mut e = engine(0, 0).with_max_alerts(2);
        let t = e.evaluate(&at(1, &["a", "b", "c", "d"]));
        assert_eq!(t.len(), 2);
        assert_eq!(e.dropped(), 2);
    }
}
