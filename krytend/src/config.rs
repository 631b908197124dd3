//! Daemon configuration: one YAML file, overridden by flags and
//! `KRYTEND_*` environment variables (see `cli.rs`).

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    time::Duration,
};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{paths, registry::LivenessConfig, store::StoreConfig};

/// The most messages the bus client may buffer per subscription.
pub const MAX_SUBSCRIPTION_CAPACITY: usize = 1 << 20;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config file {path} is not valid: {source}")]
    Parse { path: PathBuf, source: serde_yaml::Error },
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub nats: NatsConfig,
    pub api: ApiConfig,
    pub store: StoreSection,
    pub liveness: LivenessSection,
    pub hub: HubConfig,
    pub logs: LogsConfig,
    pub configs: ConfigsSection,
    pub websocket: WebsocketSection,
    /// Ask the fleet to re-announce itself on every (re)connect.
    pub discovery_poll: bool,
    /// Admission of new service names and forgetting of silent ones.
    pub registry: RegistrySection,
    /// Log filter (`info`, `debug`, `krytend=debug`, ...).
    pub log: String,
    /// Alert rules, receivers and routes (docs/alerts.md).
    pub alerts: crate::alerts::config::AlertsConfig,
    /// Where recorded messages come from: core subscriptions, or a
    /// JetStream stream (docs/architecture.md, "JetStream ingest").
    pub ingest: crate::jetstream::IngestSection,
    /// The stream and consumer of `ingest.mode: jetstream`.
    pub jetstream: crate::jetstream::JetStreamSection,
    /// The file this was read from, to read again on SIGHUP.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

/// Lives with the bus client so the bus needs nothing from this module.
pub use crate::bus::NatsConfig;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApiConfig {
    /// Unix socket (mode 0600) for local clients; empty disables it.
    pub socket: Option<PathBuf>,
    /// TCP address; every request on it needs a token. `null` disables it.
    pub listen: Option<SocketAddr>,
    /// TLS for the TCP listener (PEM files); both or neither.
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Failed token checks allowed per peer address per minute.
    pub auth_failures_per_minute: usize,
    /// Client config written on first start (kubeconfig-style contexts):
    /// default ~/.config/kryten/config.yaml.
    pub client_config: Option<PathBuf>,
    /// TCP connections held at once (also kept below the descriptor limit).
    pub max_connections: usize,
    pub max_connections_per_ip: usize,
    /// A connection must start its handshake (TLS or HTTP/2) within this.
    #[serde(with = "humantime_serde")]
    pub handshake_timeout: Duration,
    /// A connection silent this long is closed (live clients answer the
    /// keep-alive pings sent every third of it).
    #[serde(with = "humantime_serde")]
    pub idle_timeout: Duration,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreSection {
    pub path: Option<PathBuf>,
    pub batch_max: usize,
    #[serde(with = "humantime_serde")]
    pub batch_delay: Duration,
    pub queue: usize,
    pub queue_bytes: u64,
    #[serde(with = "humantime_serde")]
    pub max_age: Option<Duration>,
    pub max_rows: Option<u64>,
    #[serde(with = "humantime_serde")]
    pub retention_interval: Duration,
    #[serde(with = "humantime_serde")]
    pub transitions_max_age: Option<Duration>,
    /// A cap on the database size; retention by size keeps it below.
    pub max_db_bytes: Option<u64>,
    /// How long a failing batch is retried before it is dropped.
    #[serde(with = "humantime_serde")]
    pub write_retry: Duration,
    /// The longest a stop (SIGTERM) waits for the final flush.
    #[serde(with = "humantime_serde")]
    pub shutdown_timeout: Duration,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LivenessSection {
    #[serde(with = "humantime_serde")]
    pub default_heartbeat_interval: Duration,
    pub missed_heartbeats: u32,
    #[serde(with = "humantime_serde")]
    pub ping_interval: Duration,
    #[serde(with = "humantime_serde")]
    pub ping_timeout: Duration,
    pub missed_pings: u32,
    #[serde(with = "humantime_serde")]
    pub tick: Duration,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogsConfig {
    /// Files to tail, each for one service.
    pub files: Vec<LogFile>,
    #[serde(with = "humantime_serde")]
    pub poll_interval: Duration,
    /// Longer messages are cut, with a marker saying how much.
    pub max_line_bytes: usize,
    #[serde(with = "humantime_serde")]
    pub max_age: Option<Duration>,
    pub max_rows: Option<u64>,
    /// Read log files that are symbolic links (default: no — a link could
    /// point anywhere krytend may read). Overridden per file.
    pub follow_symlinks: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebsocketSection {
    /// `null` disables the WebSocket API.
    pub listen: Option<SocketAddr>,
    pub max_frame_bytes: usize,
    pub max_subscriptions: usize,
    pub max_clients: usize,
    pub rate_per_sec: f64,
    pub rate_burst: f64,
    pub allowed_origins: Vec<String>,
    #[serde(with = "humantime_serde")]
    pub ping_interval: Duration,
    #[serde(with = "humantime_serde")]
    pub auth_timeout: Duration,
    pub batch_max: usize,
    #[serde(with = "humantime_serde")]
    pub batch_delay: Duration,
    pub queue: usize,
    pub queue_bytes: u64,
    #[serde(with = "humantime_serde")]
    pub stall_timeout: Duration,
    pub max_errors: u32,
    /// Connections held at once, sessions and handshakes (also kept below
    /// the descriptor limit); `/healthz` needs none of the `max_clients`.
    pub max_connections: usize,
    pub max_connections_per_ip: usize,
    /// The HTTP request and WebSocket upgrade must be complete within this.
    #[serde(with = "humantime_serde")]
    pub handshake_timeout: Duration,
    /// `/metrics` answers loopback peers without a token (a local
    /// Prometheus or node agent); everyone else needs a viewer token.
    pub metrics_from_loopback_without_token: bool,
    /// A directory of web UI files served at `/` (none: a short page).
    pub web_root: Option<std::path::PathBuf>,
    /// TLS for this listener (PEM files); both or neither. With them it
    /// serves https:// and wss:// only.
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
}

impl Default for WebsocketSection {
    fn default() -> Self {
        Self {
            listen: Some(SocketAddr::from(([127, 0, 0, 1], DEFAULT_PORT + 1))),
            max_frame_bytes: 64 * 1024,
            max_subscriptions: 16,
            max_clients: 256,
            rate_per_sec: 50.0,
            rate_burst: 100.0,
            allowed_origins: Vec::new(),
            ping_interval: Duration::from_secs(20),
            auth_timeout: Duration::from_secs(5),
            batch_max: 100,
            batch_delay: Duration::ZERO,
            queue: 1024,
            queue_bytes: 8 << 20,
            stall_timeout: Duration::from_secs(10),
            max_errors: 20,
            max_connections: 1024,
            max_connections_per_ip: 64,
            handshake_timeout: Duration::from_secs(5),
            metrics_from_loopback_without_token: true,
            web_root: None,
            tls_cert: None,
            tls_key: None,
        }
    }
}

impl WebsocketSection {
    pub fn settings(&self) -> WsSettings {
        WsSettings {
            max_frame_bytes: self.max_frame_bytes.max(1024),
            max_subscriptions: self.max_subscriptions.max(1),
            max_clients: self.max_clients.max(1),
            rate_per_sec: self.rate_per_sec.max(0.1),
            rate_burst: self.rate_burst.max(1.0),
            allowed_origins: self.allowed_origins.clone(),
            ping_interval: self.ping_interval.max(Duration::from_millis(100)),
            auth_timeout: self.auth_timeout,
            batch_max: self.batch_max.max(1),
            batch_delay: self.batch_delay,
            queue: self.queue.max(8),
            queue_bytes: self.queue_bytes.max(64 * 1024),
            stall_timeout: self.stall_timeout,
            max_errors: self.max_errors,
            max_connections: self.max_connections.max(1),
            max_connections_per_ip: self.max_connections_per_ip.max(1),
            handshake_timeout: self.handshake_timeout.max(Duration::from_millis(100)),
            metrics_from_loopback_without_token: self.metrics_from_loopback_without_token,
            web_root: self.web_root.clone(),
            tls: match (&self.tls_cert, &self.tls_key) {
                (Some(cert), Some(key)) => Some((cert.clone(), key.clone())),
                _ => None,
            },
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigsSection {
    /// How often every live service's config is fetched; null: never.
    #[serde(with = "humantime_serde")]
    pub fetch_interval: Option<Duration>,
    #[serde(with = "humantime_serde")]
    pub fetch_timeout: Duration,
    /// Delay before fetching the config of a newly started instance.
    #[serde(with = "humantime_serde")]
    pub after_startup: Duration,
    /// Key fragments whose values are redacted (case-insensitive).
    pub secret_keys: Vec<String>,
    /// Declared desired configs; a difference raises a drift event.
    pub desired: Vec<crate::configs::DesiredFile>,
}

impl Default for ConfigsSection {
    fn default() -> Self {
        Self {
            fetch_interval: Some(Duration::from_secs(300)),
            fetch_timeout: Duration::from_secs(5),
            after_startup: Duration::from_secs(2),
            secret_keys: crate::configs::redact::DEFAULT_SECRET_KEYS.map(String::from).to_vec(),
            desired: Vec::new(),
        }
    }
}

impl ConfigsSection {
    pub fn settings(&self) -> crate::configs::ConfigsSettings {
        crate::configs::ConfigsSettings {
            fetch_interval: self.fetch_interval,
            fetch_timeout: self.fetch_timeout,
            after_startup: self.after_startup,
            secret_keys: self.secret_keys.clone(),
            desired: self.desired.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogFile {
    pub service: String,
    pub path: PathBuf,
    /// Overrides `logs.follow_symlinks` for this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_symlinks: Option<bool>,
}

impl Default for LogsConfig {
    fn default() -> Self {
        let d = StoreConfig::at("");
        Self {
            files: Vec::new(),
            poll_interval: Duration::from_millis(250),
            max_line_bytes: 64 * 1024,
            max_age: d.logs_max_age,
            max_rows: d.logs_max_rows,
            follow_symlinks: false,
        }
    }
}

/// The hub's byte budget, half for events and half for log records. At
/// the least (4 MiB) a ring holds one event of NATS's default largest
/// payload (1 MiB, weighed twice) and little else, so behind such events
/// every tail lags and reads the store; the default (32 MiB) holds about
/// seven per ring. The most: more than a machine would hold.
pub const MIN_HUB_BYTES: u64 = 4 << 20;
pub const MAX_HUB_BYTES: u64 = 16 << 30;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HubConfig {
    /// Events (and as many log records) held for live subscribers that
    /// have not read them yet, before the slowest counts as lagging.
    pub capacity: usize,
    /// What those held values may weigh, events and log records together:
    /// one subscriber that stops reading holds no more than this.
    pub max_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            nats: NatsConfig::default(),
            api: ApiConfig::default(),
            store: StoreSection::default(),
            liveness: LivenessSection::default(),
            hub: HubConfig::default(),
            logs: LogsConfig::default(),
            configs: ConfigsSection::default(),
            websocket: WebsocketSection::default(),
            discovery_poll: true,
            registry: RegistrySection::default(),
            log: "info".into(),
            alerts: Default::default(),
            ingest: Default::default(),
            jetstream: Default::default(),
            source: None,
        }
    }
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            socket: Some(paths::default_socket()),
            listen: Some(SocketAddr::from(([127, 0, 0, 1], DEFAULT_PORT))),
            tls_cert: None,
            tls_key: None,
            auth_failures_per_minute: 5,
            client_config: None,
            max_connections: 1024,
            max_connections_per_ip: 64,
            handshake_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(300),
        }
    }
}

impl Default for StoreSection {
    fn default() -> Self {
        let d = StoreConfig::at("");
        Self {
            path: None,
            batch_max: d.batch_max,
            batch_delay: d.batch_delay,
            queue: d.queue,
            queue_bytes: d.queue_bytes,
            max_age: d.max_age,
            max_rows: d.max_rows,
            retention_interval: d.retention_interval,
            transitions_max_age: d.transitions_max_age,
            max_db_bytes: d.max_db_bytes,
            write_retry: d.write_retry,
            shutdown_timeout: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegistrySection {
    /// Services tracked at most; new names beyond it are refused (counted
    /// in `status`, told by a `registry` event).
    pub max_services: usize,
    /// New names admitted per second, sustained, and in a burst.
    pub new_per_second: f64,
    pub new_burst: u32,
    /// A down or stopped service silent this long is forgotten.
    #[serde(with = "humantime_serde")]
    pub forget_after: Duration,
    /// A service that never answered nor heartbeat is forgotten this long
    /// after it was last heard, once it is not up.
    #[serde(with = "humantime_serde")]
    pub forget_unanswered_after: Duration,
}

impl Default for RegistrySection {
    fn default() -> Self {
        let d = crate::registry::AdmissionConfig::default();
        let dur = |us: i64| Duration::from_micros(us as u64);
        Self {
            max_services: d.max_services,
            new_per_second: d.new_per_second,
            new_burst: d.new_burst,
            forget_after: dur(d.forget_after_us),
            forget_unanswered_after: dur(d.forget_unanswered_after_us),
        }
    }
}

impl Default for LivenessSection {
    fn default() -> Self {
        Self {
            default_heartbeat_interval: Duration::from_secs(30),
            missed_heartbeats: 3,
            ping_interval: Duration::from_secs(15),
            ping_timeout: Duration::from_secs(2),
            missed_pings: 2,
            tick: Duration::from_millis(250),
        }
    }
}

impl Default for HubConfig {
    fn default() -> Self {
        Self {
            capacity: 16_384,
            max_bytes: 32 << 20,
        }
    }
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mut cfg = if text.trim().is_empty() {
            Config::default()
        } else {
            serde_yaml::from_str(&text).map_err(|source| ConfigError::Parse {
                path: path.to_path_buf(),
                source,
            })?
        };
        cfg.source = Some(path.to_path_buf());
        Ok(cfg)
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.nats.servers.is_empty() {
            return Err(ConfigError::Invalid("nats.servers is empty".into()));
        }
        if self.nats.subjects.is_empty() {
            return Err(ConfigError::Invalid("nats.subjects is empty".into()));
        }
        for s in &self.nats.subjects {
            crate::protocol::subject::SubjectPattern::parse(s)
                .map_err(|e| ConfigError::Invalid(format!("nats.subjects: {e}")))?;
        }
        if self.api.tls_cert.is_some() != self.api.tls_key.is_some() {
            return Err(ConfigError::Invalid("api.tls_cert and api.tls_key go together".into()));
        }
        if self.ingest.mode == crate::jetstream::IngestMode::Jetstream {
            self.jetstream
                .validate(&self.nats.subjects)
                .map_err(ConfigError::Invalid)?;
            if !self.logs.files.is_empty() {
                return Err(ConfigError::Invalid(
                    "logs.files is not supported with ingest.mode: jetstream yet (tailed lines would need numbers \
                     of the stream); tail them into kryten.logs.{service} instead, or use ingest.mode: core"
                        .into(),
                ));
            }
        }
        if self.jetstream.kv_mirror_on(self.ingest.mode) {
            self.jetstream.validate_kv().map_err(ConfigError::Invalid)?;
        }
        self.alerts
            .validate()
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        if self.websocket.tls_cert.is_some() != self.websocket.tls_key.is_some() {
            return Err(ConfigError::Invalid(
                "websocket.tls_cert and websocket.tls_key go together".into(),
            ));
        }
        if self.api.auth_failures_per_minute == 0 {
            return Err(ConfigError::Invalid(
                "api.auth_failures_per_minute must be at least 1".into(),
            ));
        }
        if self.api.socket.is_none() && self.api.listen.is_none() {
            return Err(ConfigError::Invalid(
                "neither api.socket nor api.listen is set: nothing could reach krytend".into(),
            ));
        }
        if self.liveness.missed_heartbeats == 0 || self.liveness.missed_pings == 0 {
            return Err(ConfigError::Invalid(
                "liveness.missed_heartbeats and missed_pings must be at least 1".into(),
            ));
        }
        let r = &self.registry;
        if r.max_services == 0 || r.new_burst == 0 || !(r.new_per_second > 0.0 && r.new_per_second <= 1e6) {
            return Err(ConfigError::Invalid(
                "registry.max_services and new_burst must be at least 1, new_per_second above 0 (at most 1e6)".into(),
            ));
        }
        if self.liveness.tick.is_zero() || self.liveness.ping_interval.is_zero() {
            return Err(ConfigError::Invalid(
                "liveness.tick and ping_interval must be above zero".into(),
            ));
        }
        if self.logs.max_line_bytes < 256 {
            return Err(ConfigError::Invalid("logs.max_line_bytes must be at least 256".into()));
        }
        for f in &self.logs.files {
            if f.service.is_empty() || f.service.contains(['.', '*', '>', ' ']) {
                return Err(ConfigError::Invalid(format!(
                    "logs.files: {:?} is not a service name",
                    f.service
                )));
            }
        }
        if self.store.queue_bytes < 64 * 1024 || self.nats.ingest_queue_bytes < 64 * 1024 {
            return Err(ConfigError::Invalid(
                "store.queue_bytes and nats.ingest_queue_bytes must be at least 65536".into(),
            ));
        }
        // The bus client's buffer is bounded by count only (bytes: up to
        // this times the server's max_payload), so its range is bounded too.
        if !(1..=MAX_SUBSCRIPTION_CAPACITY).contains(&self.nats.subscription_capacity) {
            return Err(ConfigError::Invalid(format!(
                "nats.subscription_capacity must be 1 to {MAX_SUBSCRIPTION_CAPACITY} (messages per subscription)"
            )));
        }
        if self.store.batch_max == 0 || self.store.queue == 0 || self.hub.capacity == 0 {
            return Err(ConfigError::Invalid(
                "store.batch_max, store.queue and hub.capacity must be above zero".into(),
            ));
        }
        if !(MIN_HUB_BYTES..=MAX_HUB_BYTES).contains(&self.hub.max_bytes) {
            return Err(ConfigError::Invalid(format!(
                "hub.max_bytes must be {MIN_HUB_BYTES} to {MAX_HUB_BYTES} (bytes)"
            )));
        }
        if self
            .store
            .max_db_bytes
            .is_some_and(|b| !(MIN_DB_BYTES..=1 << 50).contains(&b))
        {
            return Err(ConfigError::Invalid(format!(
                "store.max_db_bytes must be between {MIN_DB_BYTES} and 2^50 (or null)"
            )));
        }
        if self.store.write_retry > Duration::from_secs(3600) || self.store.shutdown_timeout > Duration::from_secs(3600)
        {
            return Err(ConfigError::Invalid(
                "store.write_retry and store.shutdown_timeout must be at most 1h".into(),
            ));
        }
        Ok(())
    }

    pub fn store_config(&self) -> StoreConfig {
        StoreConfig {
            path: self.store.path.clone().unwrap_or_else(paths::default_db),
            batch_max: self.store.batch_max,
            batch_delay: self.store.batch_delay,
            queue: self.store.queue,
            queue_bytes: self.store.queue_bytes,
            max_age: self.store.max_age,
            max_rows: self.store.max_rows,
            retention_interval: self.store.retention_interval,
            transitions_max_age: self.store.transitions_max_age,
            logs_max_age: self.logs.max_age,
            logs_max_rows: self.logs.max_rows,
            max_db_bytes: self.store.max_db_bytes,
            write_retry: self.store.write_retry,
            stream_numbering: self.ingest.mode == crate::jetstream::IngestMode::Jetstream,
        }
    }

    pub fn admission_config(&self) -> crate::registry::AdmissionConfig {
        let us = |d: Duration| d.as_micros().min(i64::MAX as u128) as i64;
        crate::registry::AdmissionConfig {
            max_services: self.registry.max_services,
            new_per_second: self.registry.new_per_second,
            new_burst: self.registry.new_burst,
            forget_after_us: us(self.registry.forget_after),
            forget_unanswered_after_us: us(self.registry.forget_unanswered_after),
        }
    }

    pub fn liveness_config(&self) -> LivenessConfig {
        let us = |d: Duration| d.as_micros().min(i64::MAX as u128) as i64;
        LivenessConfig {
            default_interval_us: us(self.liveness.default_heartbeat_interval),
            missed_heartbeats: self.liveness.missed_heartbeats,
            ping_interval_us: us(self.liveness.ping_interval),
            ping_timeout_us: us(self.liveness.ping_timeout),
            missed_pings: self.liveness.missed_pings,
        }
    }
}

/// The API's default TCP port.
pub const DEFAULT_PORT: u16 = 7468;

/// The smallest `store.max_db_bytes`: the empty schema takes ~200 KiB.
pub const MIN_DB_BYTES: u64 = 512 * 1024;

/// The commented default configuration (`krytend --print-default-config`).
pub const DEFAULT_CONFIG_YAML: &str = include_str!("default-config.yaml");

/// The WebSocket limits in force, derived from `WebsocketSection` (bounds applied).
#[derive(Debug, Clone)]
pub struct WsSettings {
    pub max_frame_bytes: usize,
    pub max_subscriptions: usize,
    pub max_clients: usize,
    pub rate_per_sec: f64,
    pub rate_burst: f64,
    /// Browser origins allowed besides the listener's own host.
    pub allowed_origins: Vec<String>,
    pub ping_interval: Duration,
    pub auth_timeout: Duration,
    pub batch_max: usize,
    pub batch_delay: Duration,
    /// Messages queued per client before it counts as lagging...
    pub queue: usize,
    /// ...and what they may weigh.
    pub queue_bytes: u64,
    /// A client whose queue stays full this long is disconnected.
    pub stall_timeout: Duration,
    pub max_errors: u32,
    /// Connections at once (handshakes and sessions), in all and per peer.
    pub max_connections: usize,
    pub max_connections_per_ip: usize,
    /// For the HTTP request and the upgrade.
    pub handshake_timeout: Duration,
    pub metrics_from_loopback_without_token: bool,
    pub web_root: Option<std::path::PathBuf>,
    /// Certificate chain and key (PEM files) when the listener speaks TLS.
    pub tls: Option<(PathBuf, PathBuf)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_default_config_parses_to_the_defaults() {
        let parsed: Config = serde_yaml::from_str(DEFAULT_CONFIG_YAML).expect("default config parses");
        let d = Config::default();
        assert_eq!(parsed.nats.servers, d.nats.servers);
        assert_eq!(parsed.nats.subjects, d.nats.subjects);
        assert_eq!(parsed.liveness.ping_interval, d.liveness.ping_interval);
        assert_eq!(parsed.store.max_age, d.store.max_age);
        assert_eq!(parsed.store.batch_delay, d.store.batch_delay);
        assert_eq!(parsed.logs.max_age, d.logs.max_age);
        assert_eq!(parsed.logs.max_line_bytes, d.logs.max_line_bytes);
        assert_eq!(parsed.ingest.mode, d.ingest.mode);
        assert_eq!(parsed.jetstream.stream, d.jetstream.stream);
        assert_eq!(parsed.jetstream.max_age, d.jetstream.max_age);
        assert_eq!(parsed.jetstream.max_bytes, d.jetstream.max_bytes);
        assert_eq!(parsed.jetstream.duplicate_window, d.jetstream.duplicate_window);
        parsed.validate().expect("valid");
    }

    #[test]
    fn jetstream_mode_is_validated_at_start() {
        let c: Config =
            serde_yaml::from_str("ingest:\n  mode: jetstream\njetstream:\n  stream: a.b\n").expect("parses");
        let err = c.validate().expect_err("refused").to_string();
        assert!(err.contains("jetstream.stream"), "{err}");
        let c: Config = serde_yaml::from_str("ingest:\n  mode: jetstream\nlogs:\n  files: [{service: x, path: /x}]\n")
            .expect("parses");
        assert!(c.validate().expect_err("refused").to_string().contains("logs.files"));
        // Core mode does not look at the jetstream section.
        let c: Config = serde_yaml::from_str("jetstream:\n  stream: a.b\n").expect("parses");
        c.validate().expect("core mode");
        assert!(serde_yaml::from_str::<Config>("ingest:\n  mode: kafka\n").is_err());
    }

    #[test]
    fn unknown_keys_and_half_tls_are_refused() {
        assert!(serde_yaml::from_str::<Config>("nats:\n  srevers: []\n").is_err());
        let c: Config = serde_yaml::from_str("api:\n  tls_cert: /x.pem\n").expect("parses");
        let err = c.validate().expect_err("refused").to_string();
        assert!(err.contains("tls_key"), "{err}");
    }

    #[test]
    fn the_bus_clients_buffer_has_a_bounded_range() {
        for bad in [0, super::MAX_SUBSCRIPTION_CAPACITY + 1] {
            let c: Config = serde_yaml::from_str(&format!("nats:\n  subscription_capacity: {bad}\n")).expect("parses");
            let err = c.validate().expect_err("refused").to_string();
            assert!(err.contains("subscription_capacity"), "{err}");
        }
        let c: Config = serde_yaml::from_str("nats:\n  subscription_capacity: 16384\n").expect("parses");
        c.validate().expect("the default is in range");
    }

    #[test]
    fn the_hubs_byte_budget_has_a_bounded_range() {
        for bad in [0, super::MIN_HUB_BYTES - 1, super::MAX_HUB_BYTES + 1] {
            let c: Config = serde_yaml::from_str(&format!("hub:\n  max_bytes: {bad}\n")).expect("parses");
            let err = c.validate().expect_err("refused").to_string();
            assert!(err.contains("hub.max_bytes"), "{err}");
        }
        Config::default().validate().expect("the default is in range");
    }
}
