//! The alerts section of the daemon config in YAML: rules and routes, with defaults that
//! suit a Kryten fleet. Parse errors carry the line and column serde_yaml reports; rule
//! and route errors name their position in the list.

use super::engine::{RuleSpec, Severity};
use super::route::Route;
use super::rules::{self, PatternError, Rule};
use super::silence::{Matcher, SilenceError};
use super::Labels;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::maintenance::MaintenanceWindow;
use super::receivers::{ReceiverConfig, LOG_RECEIVER};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleType {
    ServiceDown,
    ServiceFailing,
    ServiceDegraded,
    StoppedUnexpectedly,
    HeartbeatLate,
    RestartLoop,
    Flapping,
    ConfigDrift,
    IngestLoss,
    BusDisconnected,
    StoreWriteErrors,
    ReceiverFailing,
    LogErrorRate,
    LogPattern,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    #[serde(rename = "type")]
    pub kind: RuleType,
    /// How long the condition must hold before the alert fires.
    #[serde(rename = "for", default, with = "humantime_serde")]
    pub for_: Option<Duration>,
    /// How long a firing alert stays firing after the condition clears (hysteresis).
    #[serde(default, with = "humantime_serde")]
    pub keep_firing_for: Option<Duration>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub labels: Labels,
    /// restart_loop / flapping: events within `window`.
    pub count: Option<usize>,
    #[serde(default, with = "humantime_serde")]
    pub window: Option<Duration>,
    /// log_error_rate: error lines per minute above which it holds.
    pub per_min: Option<u64>,
    /// log_pattern: the alert name and the regex.
    pub name: Option<String>,
    pub pattern: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteConfig {
    pub receiver: String,
    #[serde(default)]
    pub matchers: Vec<String>,
    #[serde(default)]
    pub group_by: Option<Vec<String>>,
    #[serde(default, with = "humantime_serde")]
    pub group_wait: Option<Duration>,
    #[serde(default, with = "humantime_serde")]
    pub group_interval: Option<Duration>,
    #[serde(default, with = "humantime_serde")]
    pub repeat_interval: Option<Duration>,
    #[serde(default)]
    pub send_resolved: Option<bool>,
    #[serde(default, rename = "continue")]
    pub continue_matching: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertsConfig {
    #[serde(default = "default_rules")]
    pub rules: Vec<RuleConfig>,
    #[serde(default)]
    pub routes: Vec<RouteConfig>,
    /// Where alerts no route matched go.
    #[serde(default = "default_receiver")]
    pub default_receiver: String,
    /// How often the engine evaluates.
    #[serde(default = "default_interval", with = "humantime_serde")]
    pub evaluation_interval: Duration,
    /// Named receivers (`log` always exists).
    #[serde(default)]
    pub receivers: BTreeMap<String, ReceiverConfig>,
    /// Windows in which matching alerts notify no one.
    #[serde(default)]
    pub maintenance: Vec<MaintenanceConfig>,
}

/// A maintenance window: one-off (`starts`, `ends`, RFC 3339) or recurring
/// (`cron`, five fields, in `time_zone`, lasting `duration`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaintenanceConfig {
    pub name: String,
    pub matchers: Vec<String>,
    #[serde(default)]
    pub starts: Option<String>,
    #[serde(default)]
    pub ends: Option<String>,
    #[serde(default)]
    pub cron: Option<String>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default, with = "humantime_serde")]
    pub duration: Option<Duration>,
}

impl MaintenanceConfig {
    fn build(&self, index: usize) -> Result<MaintenanceWindow, ConfigError> {
        let err = |what: String| ConfigError::Maintenance { index, what };
        if self.matchers.is_empty() {
            return Err(err("needs at least one matcher".into()));
        }
        let matchers = self
            .matchers
            .iter()
            .map(|m| Matcher::parse(m))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| err(e.to_string()))?;
        let time = |v: &Option<String>, what: &str| {
            v.as_deref()
                .and_then(crate::protocol::timestamp::parse_iso_us)
                .map(|us| us / 1000)
                .ok_or_else(|| err(format!("needs {what} as an RFC 3339 time")))
        };
        let w = match (&self.cron, &self.starts) {
            (Some(cron), None) => {
                let zone = self.time_zone.as_deref().unwrap_or("UTC");
                let d = self
                    .duration
                    .ok_or_else(|| err("a recurring window needs a duration".into()))?;
                MaintenanceWindow::recurring(&self.name, matchers, cron, zone, ms(d))
            }
            (None, Some(_)) => MaintenanceWindow::one_off(
                &self.name,
                matchers,
                time(&self.starts, "starts")?,
                time(&self.ends, "ends")?,
            ),
            _ => {
                return Err(err(
                    "give either starts and ends, or cron, time_zone and duration".into()
                ))
            }
        };
        w.map_err(|e| err(e.to_string()))
    }
}

impl Default for AlertsConfig {
    fn default() -> Self {
        AlertsConfig {
            rules: default_rules(),
            routes: Vec::new(),
            default_receiver: default_receiver(),
            evaluation_interval: default_interval(),
            receivers: BTreeMap::new(),
            maintenance: Vec::new(),
        }
    }
}

fn default_receiver() -> String {
    "log".into()
}

fn default_interval() -> Duration {
    Duration::from_secs(15)
}

const DEFAULT_RULES: &str = r#"
- {type: service_down, for: 1m, severity: critical}
- {type: service_failing, for: 2m, severity: critical}
- {type: service_degraded, for: 5m, severity: warning}
- {type: stopped_unexpectedly, for: 30s, severity: critical}
- {type: heartbeat_late, for: 30s, severity: warning}
- {type: restart_loop, count: 3, window: 10m, keep_firing_for: 10m, severity: critical}
- {type: flapping, count: 6, window: 10m, keep_firing_for: 10m, severity: warning}
- {type: config_drift, for: 5m, severity: warning}
- {type: ingest_loss, keep_firing_for: 5m, severity: warning}
- {type: bus_disconnected, for: 30s, severity: critical}
- {type: store_write_errors, keep_firing_for: 5m, severity: critical}
- {type: receiver_failing, severity: critical}
- {type: log_error_rate, per_min: 60, for: 5m, severity: warning}
"#;

/// The rules a fleet gets when the config names none.
pub fn default_rules() -> Vec<RuleConfig> {
    serde_yaml::from_str(DEFAULT_RULES).expect("built-in rules parse")
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// serde_yaml's message already says "at line L column C".
    #[error("alerts config: {0}")]
    Yaml(#[from] serde_yaml::Error),
    #[error("alerts config: rules[{index}] ({kind:?}): {what}")]
    Rule { index: usize, kind: RuleType, what: String },
    #[error("alerts config: routes[{index}]: {source}")]
    Route {
        index: usize,
        #[source]
        source: SilenceError,
    },
    #[error("alerts config: {place} names the receiver {name:?}, which is not defined (receivers: {known})")]
    UnknownReceiver { place: String, name: String, known: String },
    #[error("alerts config: evaluation_interval must be between 100ms and 1h")]
    Interval,
    #[error("the alert loop is not running")]
    NotRunning,
    #[error("alerts config: maintenance[{index}]: {what}")]
    Maintenance { index: usize, what: String },
    #[error("alerts config: receivers.{name}: {what}")]
    Receiver { name: String, what: String },
}

impl AlertsConfig {
    pub fn parse(yaml: &str) -> Result<Self, ConfigError> {
        let cfg: AlertsConfig = serde_yaml::from_str(yaml)?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// The maintenance windows.
    pub fn windows(&self) -> Result<Vec<MaintenanceWindow>, ConfigError> {
        self.maintenance.iter().enumerate().map(|(i, m)| m.build(i)).collect()
    }

    /// Rules, routes and windows build, and every receiver named exists.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.rule_specs()?;
        self.routes()?;
        self.windows()?;
        if !(Duration::from_millis(100)..=Duration::from_secs(3600)).contains(&self.evaluation_interval) {
            return Err(ConfigError::Interval);
        }
        let known = |name: &str| name == LOG_RECEIVER || self.receivers.contains_key(name);
        let names = || {
            std::iter::once(LOG_RECEIVER)
                .chain(self.receivers.keys().map(String::as_str))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !known(&self.default_receiver) {
            return Err(ConfigError::UnknownReceiver {
                place: "default_receiver".into(),
                name: self.default_receiver.clone(),
                known: names(),
            });
        }
        for (i, r) in self.routes.iter().enumerate() {
            if !known(&r.receiver) {
                return Err(ConfigError::UnknownReceiver {
                    place: format!("routes[{i}]"),
                    name: r.receiver.clone(),
                    known: names(),
                });
            }
        }
        for (name, r) in &self.receivers {
            if let ReceiverConfig::Smtp {
                ca_file: Some(path), ..
            } = r
            {
                super::notify::smtp::check_ca_file(path).map_err(|what| ConfigError::Receiver {
                    name: name.clone(),
                    what,
                })?;
            }
        }
        Ok(())
    }

    /// The engine's rules.
    pub fn rule_specs(&self) -> Result<Vec<RuleSpec>, ConfigError> {
        self.rules.iter().enumerate().map(|(i, r)| r.build(i)).collect()
    }

    /// The router's routes and its fallback.
    pub fn routes(&self) -> Result<(Vec<Route>, Route), ConfigError> {
        let routes = self
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| r.build(i))
            .collect::<Result<_, _>>()?;
        Ok((routes, Route::to(&self.default_receiver)))
    }
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl RuleConfig {
    fn build(&self, index: usize) -> Result<RuleSpec, ConfigError> {
        let err = |what: &str| ConfigError::Rule {
            index,
            kind: self.kind,
            what: what.to_string(),
        };
        let count = || self.count.filter(|&c| c > 0).ok_or_else(|| err("needs count > 0"));
        let window = || {
            self.window
                .filter(|w| !w.is_zero())
                .map(ms)
                .ok_or_else(|| err("needs a window"))
        };
        let rule: Box<dyn Rule> = match self.kind {
            RuleType::ServiceDown => Box::new(rules::ServiceDown),
            RuleType::ServiceFailing => Box::new(rules::ServiceFailing),
            RuleType::ServiceDegraded => Box::new(rules::ServiceDegraded),
            RuleType::StoppedUnexpectedly => Box::new(rules::StoppedUnexpectedly),
            RuleType::HeartbeatLate => Box::new(rules::HeartbeatLate),
            RuleType::RestartLoop => Box::new(rules::RestartLoop {
                count: count()?,
                window_ms: window()?,
            }),
            RuleType::Flapping => Box::new(rules::Flapping {
                count: count()?,
                window_ms: window()?,
            }),
            RuleType::ConfigDrift => Box::new(rules::ConfigDrift),
            RuleType::IngestLoss => Box::new(rules::IngestLoss),
            RuleType::BusDisconnected => Box::new(rules::BusDisconnected),
            RuleType::StoreWriteErrors => Box::new(rules::StoreWriteErrors),
            RuleType::ReceiverFailing => Box::new(rules::ReceiverFailing),
            RuleType::LogErrorRate => Box::new(rules::LogErrorRate {
                per_min: self.per_min.ok_or_else(|| err("needs per_min"))?,
            }),
            RuleType::LogPattern => {
                let name = self.name.as_deref().ok_or_else(|| err("needs a name"))?;
                let pattern = self.pattern.as_deref().ok_or_else(|| err("needs a pattern"))?;
                Box::new(rules::LogPattern::new(name, pattern).map_err(|e: PatternError| err(&e.to_string()))?)
            }
        };
        Ok(RuleSpec {
            rule,
            for_ms: self.for_.map_or(0, ms),
            keep_firing_for_ms: self.keep_firing_for.map_or(0, ms),
            severity: self.severity.unwrap_or(Severity::Warning),
            labels: self.labels.clone(),
        })
    }
}

impl RouteConfig {
    fn build(&self, index: usize) -> Result<Route, ConfigError> {
        let mut r = Route::to(&self.receiver);
        r.matchers = self
            .matchers
            .iter()
            .map(|m| Matcher::parse(m))
            .collect::<Result<_, _>>()
            .map_err(|source| ConfigError::Route { index, source })?;
        if let Some(g) = &self.group_by {
            r.group_by = g.clone();
        }
        r.group_wait_ms = self.group_wait.map_or(r.group_wait_ms, ms);
        r.group_interval_ms = self.group_interval.map_or(r.group_interval_ms, ms);
        r.repeat_interval_ms = self.repeat_interval.map_or(r.repeat_interval_ms, ms);
        r.send_resolved = self.send_resolved.unwrap_or(r.send_resolved);
        r.continue_matching = self.continue_matching;
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_build() {
        let cfg = AlertsConfig::parse("{}").unwrap();
        let specs = cfg.rule_specs().unwrap();
        assert_eq!(specs.len(), 13);
        assert_eq!(specs[0].rule.name(), "ServiceDown");
        assert_eq!(specs[0].for_ms, 60_000);
        assert_eq!(cfg.routes().unwrap().1.receiver, "log");
    }

    #[test]
    fn full_example_parses() {
        let yaml = r#"
evaluation_interval: 10s
default_receiver: ops
receivers:
  ops: {type: webhook, url: "https://hooks.example/ops?token=abc", secret: shh}
  pager: {type: exec, command: /usr/local/bin/page}
rules:
  - type: restart_loop
    count: 3
    window: 10m
    keep_firing_for: 5m
    severity: critical
    labels: {team: propulsion}
  - type: log_pattern
    name: Panic
    pattern: "panic:|fatal error"
routes:
  - receiver: pager
    matchers: ["severity=critical", "service=~nav-.*"]
    group_by: [alertname, service]
    group_wait: 10s
    repeat_interval: 1h
    continue: true
"#;
        let cfg = AlertsConfig::parse(yaml).unwrap();
        let specs = cfg.rule_specs().unwrap();
        assert_eq!(specs[0].keep_firing_for_ms, 300_000);
        assert_eq!(specs[0].labels["team"], "propulsion");
        assert_eq!(specs[1].rule.name(), "Panic");
        let (routes, fallback) = cfg.routes().unwrap();
        assert_eq!(routes[0].group_wait_ms, 10_000);
        assert_eq!(routes[0].repeat_interval_ms, 3_600_000);
        assert!(routes[0].continue_matching);
        assert_eq!(fallback.receiver, "ops");
        // Shown anywhere, the webhook's URL and secret are not.
        let shown = serde_json::to_string(&cfg).unwrap();
        assert!(!shown.contains("token=abc") && !shown.contains("shh"), "{shown}");
    }

    #[test]
    fn an_smtp_ca_file_that_is_missing_or_not_pem_is_a_config_error() {
        let dir = tempfile::tempdir().expect("tmp");
        let garbage = dir.path().join("ca.pem");
        std::fs::write(&garbage, "not a certificate").expect("write");
        let missing = dir.path().join("missing.pem");
        let yaml = |ca: &std::path::Path| {
            format!(
                "receivers:\n  mail: {{type: smtp, host: h, from: a@h, to: [b@h], security: starttls, ca_file: {}}}\n",
                ca.display()
            )
        };
        let e = AlertsConfig::parse(&yaml(&missing)).unwrap_err().to_string();
        assert!(e.contains("receivers.mail") && e.contains("missing.pem"), "{e}");
        let e = AlertsConfig::parse(&yaml(&garbage)).unwrap_err().to_string();
        assert!(
            e.contains("receivers.mail") && e.contains("not a PEM certificate"),
            "{e}"
        );
    }

    #[test]
    fn errors_name_the_line_or_the_entry() {
        let e = AlertsConfig::parse("rules:\n  - type: service_down\n    bogus: 1\n").unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
        let e = AlertsConfig::parse("rules:\n  - type: no_such_rule\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = AlertsConfig::parse("rules:\n  - {type: service_down}\n  - {type: restart_loop}\n").unwrap_err();
        assert!(e.to_string().contains("rules[1]"), "{e}");
        let e = AlertsConfig::parse("routes:\n  - {receiver: x, matchers: ['nope']}\n").unwrap_err();
        assert!(e.to_string().contains("routes[0]"), "{e}");
        let e = AlertsConfig::parse("routes:\n  - {receiver: pager}\n").unwrap_err();
        assert!(
            e.to_string().contains("routes[0]") && e.to_string().contains("pager"),
            "{e}"
        );
    }
}
