//! The `ingest:` and `jetstream:` configuration sections.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::protocol::subject::SubjectPattern;

/// Where recorded messages come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestMode {
    /// Core NATS subscriptions: what krytend's buffers cannot hold is
    /// dropped (counted, and marked by gap events).
    #[default]
    Core,
    /// A JetStream stream over the recorded subjects, read with a durable
    /// pull consumer; a message is acknowledged once its row is committed.
    Jetstream,
}

impl IngestMode {
    pub fn as_str(self) -> &'static str {
        match self {
            IngestMode::Core => "core",
            IngestMode::Jetstream => "jetstream",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestSection {
    pub mode: IngestMode,
}

/// Stream retention, as JetStream names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Retention {
    #[default]
    Limits,
    Interest,
    Workqueue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Storage {
    #[default]
    File,
    Memory,
}

/// The subjects krytend publishes its own events on (status changes, gap
/// events, alerts...). In JetStream mode they are part of the stream, so
/// that they are numbered by it like everything else.
pub const OWN_SUBJECTS: &str = "krytend.>";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JetStreamSection {
    /// The stream's name.
    pub stream: String,
    /// Subjects recorded through the stream; null: `nats.subjects`.
    /// `krytend.>` (krytend's own events) is always added.
    pub subjects: Option<Vec<String>>,
    pub retention: Retention,
    pub storage: Storage,
    /// The oldest message the stream keeps (null: no limit).
    #[serde(with = "humantime_serde")]
    pub max_age: Option<Duration>,
    /// The stream's size cap in bytes (null: no limit).
    pub max_bytes: Option<u64>,
    pub replicas: usize,
    /// Create the stream, or update it to this configuration, at start.
    /// With `false` krytend only checks that it exists and covers the
    /// subjects.
    pub manage: bool,
    /// The durable pull consumer's name.
    pub consumer: String,
    /// How long a delivered message may stay unacknowledged before the
    /// server delivers it again.
    #[serde(with = "humantime_serde")]
    pub ack_wait: Duration,
    /// Messages delivered but not yet acknowledged (committed) at most;
    /// null: twice `store.batch_max`.
    pub max_ack_pending: Option<usize>,
    /// The window in which the stream drops a message published twice with
    /// the same id (krytend's own events carry one).
    #[serde(with = "humantime_serde")]
    pub duplicate_window: Duration,
    /// Mirror the registry into the KV bucket `kv_bucket` (`jetstream/kv.rs`).
    /// null: on in JetStream mode, off in core mode (where it needs a
    /// server with JetStream).
    pub kv_mirror: Option<bool>,
    /// The mirror's bucket (kryten-robot's own `kryten_{channel}_*` buckets
    /// are refused).
    pub kv_bucket: String,
    /// The bucket's size cap in bytes (null: no limit).
    pub kv_max_bytes: Option<u64>,
    /// Replicas on one stream elect a leader through a lease in
    /// `lease_bucket` (`jetstream/lease.rs`); only the leader pings, fetches
    /// configs, polls for discovery, sends alert notifications, publishes
    /// krytend's own events and writes the KV mirror. null: on.
    pub leader_lease: Option<bool>,
    /// The KV bucket holding the lease (one key per stream).
    pub lease_bucket: String,
    /// A leader silent for this long is replaced by a follower.
    #[serde(with = "humantime_serde")]
    pub lease_ttl: Duration,
    /// This replica's name, unique among the replicas; null: the
    /// consumer's name (each replica needs a consumer of its own anyway).
    pub replica: Option<String>,
    /// Share API tokens with the other replicas through `tokens_bucket`
    /// (`jetstream/tokens.rs`). null: on whenever the lease is.
    pub shared_tokens: Option<bool>,
    pub tokens_bucket: String,
}

impl Default for JetStreamSection {
    fn default() -> Self {
        Self {
            stream: "KRYTEN".into(),
            subjects: None,
            retention: Retention::Limits,
            storage: Storage::File,
            max_age: Some(Duration::from_secs(7 * 86_400)),
            max_bytes: Some(10 << 30),
            replicas: 1,
            manage: true,
            consumer: "krytend".into(),
            ack_wait: Duration::from_secs(30),
            max_ack_pending: None,
            duplicate_window: Duration::from_secs(120),
            kv_mirror: None,
            kv_bucket: "kryten_services".into(),
            kv_max_bytes: Some(64 << 20),
            leader_lease: None,
            lease_bucket: "krytend_leases".into(),
            lease_ttl: Duration::from_secs(10),
            replica: None,
            shared_tokens: None,
            tokens_bucket: "krytend_tokens".into(),
        }
    }
}

/// A stream or consumer name: JetStream refuses these characters.
fn valid_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 255 && !s.chars().any(|c| c.is_whitespace() || ".*>/\\".contains(c))
}

impl JetStreamSection {
    /// Whether the registry is mirrored to `kv_bucket` in this mode.
    pub fn kv_mirror_on(&self, mode: IngestMode) -> bool {
        self.kv_mirror.unwrap_or(mode == IngestMode::Jetstream)
    }

    /// Whether replicas elect a leader (JetStream mode only).
    pub fn lease_on(&self, mode: IngestMode) -> bool {
        mode == IngestMode::Jetstream && self.leader_lease.unwrap_or(true)
    }

    /// Whether API tokens are shared through `tokens_bucket`.
    pub fn tokens_shared(&self, mode: IngestMode) -> bool {
        mode == IngestMode::Jetstream && self.shared_tokens.unwrap_or(self.lease_on(mode))
    }

    /// This replica's name.
    pub fn replica_name(&self) -> String {
        self.replica.clone().unwrap_or_else(|| self.consumer.clone())
    }

    /// Checked at start whenever the mirror is on (either mode).
    pub fn validate_kv(&self) -> Result<(), String> {
        let b = &self.kv_bucket;
        if b.is_empty() || b.len() > 64 || !b.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err(format!(
                "jetstream.kv_bucket {b:?} is not a bucket name (letters, digits, '_' and '-')"
            ));
        }
        // kryten-robot keeps kryten_{channel}_{what} buckets of its own.
        if b.strip_prefix("kryten_").is_some_and(|rest| rest.contains('_')) {
            return Err(format!(
                "jetstream.kv_bucket {b:?} looks like one of kryten-robot's buckets (kryten_{{channel}}_*)"
            ));
        }
        if self.kv_max_bytes == Some(0) {
            return Err("jetstream.kv_max_bytes must be above zero (or null: no limit)".into());
        }
        Ok(())
    }

    /// The stream's subjects: the recorded ones, then `krytend.>`.
    pub fn stream_subjects(&self, recorded: &[String]) -> Vec<String> {
        let mut subjects = self.subjects.clone().unwrap_or_else(|| recorded.to_vec());
        if !subjects.iter().any(|s| s == OWN_SUBJECTS) {
            subjects.push(OWN_SUBJECTS.into());
        }
        subjects
    }

    pub fn max_ack_pending(&self, batch_max: usize) -> usize {
        self.max_ack_pending.unwrap_or(batch_max.saturating_mul(2)).max(1)
    }

    /// Checked at start in JetStream mode (`config::Config::validate`).
    pub fn validate(&self, recorded: &[String]) -> Result<(), String> {
        if !valid_name(&self.stream) {
            return Err(format!(
                "jetstream.stream {:?} is not a stream name (no spaces, '.', '*', '>', '/' or '\\')",
                self.stream
            ));
        }
        if !valid_name(&self.consumer) {
            return Err(format!(
                "jetstream.consumer {:?} is not a consumer name (no spaces, '.', '*', '>', '/' or '\\')",
                self.consumer
            ));
        }
        if !(1..=5).contains(&self.replicas) {
            return Err("jetstream.replicas must be between 1 and 5".into());
        }
        if self.ack_wait < Duration::from_secs(1) || self.ack_wait > Duration::from_secs(3600) {
            return Err("jetstream.ack_wait must be between 1s and 1h".into());
        }
        if self.max_ack_pending == Some(0) {
            return Err("jetstream.max_ack_pending must be at least 1 (or null)".into());
        }
        if self.max_bytes == Some(0) || self.max_age.is_some_and(|a| a.is_zero()) {
            return Err("jetstream.max_bytes and max_age must be above zero (or null: no limit)".into());
        }
        if self.duplicate_window < Duration::from_secs(1) {
            return Err("jetstream.duplicate_window must be at least 1s".into());
        }
        if let Some(age) = self.max_age {
            if self.duplicate_window > age {
                return Err("jetstream.duplicate_window cannot be longer than jetstream.max_age".into());
            }
        }
        if self.leader_lease != Some(false) {
            let b = &self.lease_bucket;
            if b.is_empty() || b.len() > 64 || !b.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                return Err(format!(
                    "jetstream.lease_bucket {b:?} is not a bucket name (letters, digits, '_' and '-')"
                ));
            }
            // The stream's name is the lease's key.
            if !self
                .stream
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_=".contains(c))
            {
                return Err(format!(
                    "jetstream.stream {:?} names the leader lease's key, so it may hold only letters, digits, \
                     '-', '_' and '=' (or set jetstream.leader_lease: false)",
                    self.stream
                ));
            }
            if *b == self.kv_bucket {
                return Err("jetstream.lease_bucket must differ from jetstream.kv_bucket".into());
            }
            let t = &self.tokens_bucket;
            if t.is_empty() || t.len() > 64 || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                return Err(format!(
                    "jetstream.tokens_bucket {t:?} is not a bucket name (letters, digits, '_' and '-')"
                ));
            }
            if t == b || *t == self.kv_bucket {
                return Err("jetstream.tokens_bucket must differ from lease_bucket and kv_bucket".into());
            }
            if self.lease_ttl < Duration::from_secs(1) || self.lease_ttl > Duration::from_secs(600) {
                return Err("jetstream.lease_ttl must be between 1s and 10m".into());
            }
            let r = self.replica_name();
            if r.is_empty() || r.len() > 128 || r.chars().any(|c| c.is_control()) {
                return Err(format!("jetstream.replica {r:?} must be 1 to 128 printable characters"));
            }
        }
        let subjects = self.subjects.as_deref().unwrap_or(recorded);
        if subjects.is_empty() {
            return Err("jetstream.subjects is empty".into());
        }
        for s in subjects {
            let p = SubjectPattern::parse(s).map_err(|e| format!("jetstream.subjects: {e}"))?;
            // A stream over `>` would capture the JetStream API and reply
            // inboxes; one over krytend's own subjects would record them
            // twice.
            for probe in ["krytend.gap", "_INBOX.x", "$JS.API.x", "$KV.x.y"] {
                if p.matches(probe) {
                    return Err(format!(
                        "jetstream.subjects: {s:?} also covers {probe:?}: the stream must cover only the recorded \
                         subjects (krytend adds {OWN_SUBJECTS} itself)"
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded() -> Vec<String> {
        vec!["kryten.>".into()]
    }

    #[test]
    fn the_defaults_are_valid_and_add_the_own_subjects() {
        let j = JetStreamSection::default();
        j.validate(&recorded()).expect("valid");
        assert_eq!(j.stream_subjects(&recorded()), vec!["kryten.>", "krytend.>"]);
        assert_eq!(j.max_ack_pending(5000), 10_000);
    }

    #[test]
    fn bad_names_and_subjects_are_refused_with_the_key() {
        let bad = |f: fn(&mut JetStreamSection)| {
            let mut j = JetStreamSection::default();
            f(&mut j);
            j.validate(&recorded()).expect_err("refused")
        };
        assert!(bad(|j| j.stream = "a.b".into()).contains("jetstream.stream"));
        assert!(bad(|j| j.consumer = String::new()).contains("jetstream.consumer"));
        assert!(bad(|j| j.replicas = 0).contains("replicas"));
        assert!(bad(|j| j.subjects = Some(vec![">".into()])).contains("also covers"));
        assert!(bad(|j| j.subjects = Some(vec!["krytend.>".into()])).contains("krytend.gap"));
        assert!(bad(|j| j.subjects = Some(vec![])).contains("empty"));
        assert!(bad(|j| j.max_ack_pending = Some(0)).contains("max_ack_pending"));
        assert!(bad(|j| j.lease_ttl = Duration::from_millis(10)).contains("lease_ttl"));
        assert!(bad(|j| j.lease_bucket = "a.b".into()).contains("lease_bucket"));
        assert!(bad(|j| j.lease_bucket = "kryten_services".into()).contains("differ"));
    }

    #[test]
    fn the_lease_is_on_in_jetstream_mode_and_names_the_replica_after_its_consumer() {
        let mut j = JetStreamSection::default();
        assert!(j.lease_on(IngestMode::Jetstream));
        assert!(!j.lease_on(IngestMode::Core));
        assert_eq!(j.replica_name(), "krytend");
        j.replica = Some("east".into());
        assert_eq!(j.replica_name(), "east");
        j.leader_lease = Some(false);
        assert!(!j.lease_on(IngestMode::Jetstream));
    }

    #[test]
    fn the_kv_mirror_is_on_in_jetstream_mode_and_keeps_off_the_robots_buckets() {
        let mut j = JetStreamSection::default();
        assert!(j.kv_mirror_on(IngestMode::Jetstream));
        assert!(!j.kv_mirror_on(IngestMode::Core));
        j.kv_mirror = Some(true);
        assert!(j.kv_mirror_on(IngestMode::Core));
        j.validate_kv().expect("the default bucket is valid");
        j.kv_bucket = "kryten_lounge_playlist".into();
        assert!(j.validate_kv().expect_err("refused").contains("kryten-robot"));
        j.kv_bucket = "a.b".into();
        assert!(j.validate_kv().expect_err("refused").contains("kv_bucket"));
    }
}
