//! One service's tracked state.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::status::{Liveness, Status};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointInfo {
    pub name: String,
    pub url: String,
    pub port: u32,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DependencyInfo {
    pub target: String,
    pub connected: bool,
    pub since_us: i64,
    pub reason: String,
}

/// A process inferred from reports: when it started (sent − uptime) and when
/// it last spoke, with its own heartbeat cadence — two processes under one
/// name each beat at their own interval, and their interleaved beats say
/// nothing about either.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceSeen {
    pub started_us: i64,
    pub last_seen_us: i64,
    /// Its last heartbeat (or its startup), by the sender's clock when the
    /// payload carried a believable timestamp, else by arrival.
    #[serde(default)]
    pub last_beat_us: Option<i64>,
    /// Its recent gaps between heartbeats, seconds, newest last.
    #[serde(default)]
    pub gaps: Vec<f64>,
    /// Its learned interval, seconds (0 = unknown).
    #[serde(default)]
    pub interval_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceState {
    pub name: String,
    pub status: Status,
    pub status_cause: String,
    pub status_since_us: i64,
    pub version: String,
    pub hostname: String,
    /// Uptime as last reported, and when.
    pub uptime_seconds: f64,
    pub uptime_at_us: i64,
    pub instance_started_us: Option<i64>,
    pub first_seen_us: i64,
    pub last_seen_us: i64,
    pub last_startup_us: i64,
    /// When the current instance's own startup arrived (0 = not seen).
    pub instance_startup_us: i64,
    pub last_heartbeat_us: i64,
    /// Recent gaps between heartbeats, seconds, newest last.
    pub heartbeat_gaps: Vec<f64>,
    /// Learned heartbeat interval, seconds (0 = unknown).
    pub interval_s: f64,
    pub liveness: Liveness,
    pub deadline_us: i64,
    pub restart_count: u32,
    pub heartbeat_count: u64,
    /// Heartbeats from the current instance.
    pub instance_heartbeats: u64,
    pub last_ping_us: i64,
    pub last_ping_sent_us: Option<i64>,
    pub last_ping_rtt_ms: f64,
    pub missed_pings: u32,
    pub instances: Vec<InstanceSeen>,
    pub endpoints: Vec<EndpointInfo>,
    pub dependencies: Vec<DependencyInfo>,
    pub metadata: Option<Value>,
    pub extras: Map<String, Value>,
    /// When it last answered a request of ours (0 = never): until it does,
    /// it gets no periodic pings and no config fetches.
    #[serde(default)]
    pub answered_us: i64,
    /// Startup probes sent since its last answer.
    #[serde(default)]
    pub probes_unanswered: u32,
    /// The newest ping round trips (time, ms), oldest first, at most
    /// [`PING_HISTORY`]; kept in memory only (a restart starts it afresh).
    #[serde(skip)]
    pub ping_history: Vec<(i64, f32)>,
    /// When a restart or stop was last asked for through krytend, until the
    /// service is up again (0 = none pending): what follows is planned, and
    /// no alert is raised for it.
    #[serde(default)]
    pub stop_requested_us: i64,
    /// The request was a shutdown: the service stays stopped by intent,
    /// however long (a restart's grace ends after a while).
    #[serde(default)]
    pub stop_is_shutdown: bool,
}

/// Ping round trips kept per service: about half an hour at the default
/// interval, a kilobyte at most.
pub const PING_HISTORY: usize = 64;

impl ServiceState {
    pub fn new(name: &str, now_us: i64) -> Self {
        Self {
            name: name.to_string(),
            status: Status::Starting,
            status_cause: String::new(),
            status_since_us: now_us,
            version: String::new(),
            hostname: String::new(),
            uptime_seconds: 0.0,
            uptime_at_us: 0,
            instance_started_us: None,
            first_seen_us: now_us,
            last_seen_us: now_us,
            last_startup_us: 0,
            instance_startup_us: 0,
            last_heartbeat_us: 0,
            heartbeat_gaps: Vec::new(),
            interval_s: 0.0,
            liveness: Liveness::Startup,
            deadline_us: 0,
            restart_count: 0,
            heartbeat_count: 0,
            instance_heartbeats: 0,
            last_ping_us: 0,
            last_ping_sent_us: None,
            last_ping_rtt_ms: 0.0,
            missed_pings: 0,
            instances: Vec::new(),
            endpoints: Vec::new(),
            dependencies: Vec::new(),
            metadata: None,
            extras: Map::new(),
            answered_us: 0,
            probes_unanswered: 0,
            ping_history: Vec::new(),
            stop_requested_us: 0,
            stop_is_shutdown: false,
        }
    }

    /// It has shown itself beyond announcements: it answered a request or
    /// heartbeats. Only such services are asked for their config.
    pub fn proven(&self) -> bool {
        self.answered_us > 0 || self.heartbeat_count > 0
    }

    /// Uptime now: the last report advanced by the time since, while up.
    pub fn uptime_now(&self, now_us: i64) -> f64 {
        if self.uptime_at_us == 0 {
            return 0.0;
        }
        if self.status.is_up() {
            self.uptime_seconds + now_us.saturating_sub(self.uptime_at_us).max(0) as f64 / 1e6
        } else {
            self.uptime_seconds
        }
    }

    /// Processes that reported within the recent window; more than one
    /// means two instances share this name.
    pub fn suspected_instances(&self) -> u32 {
        self.instances.len().max(1) as u32
    }

    /// Endpoints announced in `metadata.endpoints`, as URLs on the host.
    pub fn set_metadata(&mut self, metadata: Value) {
        self.endpoints.clear();
        if let Some(eps) = metadata.get("endpoints").and_then(Value::as_object) {
            for (name, ep) in eps {
                // A port beyond 16 bits is no port: announce no URL for it.
                let port = ep
                    .get("port")
                    .and_then(Value::as_u64)
                    .and_then(|p| u16::try_from(p).ok())
                    .map_or(0, u32::from);
                let path = ep.get("path").and_then(Value::as_str).unwrap_or("/").to_string();
                let host = if self.hostname.is_empty() {
                    "localhost"
                } else {
                    &self.hostname
                };
                let url = if port > 0 {
                    format!("http://{host}:{port}{path}")
                } else {
                    String::new()
                };
                self.endpoints.push(EndpointInfo {
                    name: name.clone(),
                    url,
                    port,
                    path,
                });
            }
        }
        self.metadata = Some(metadata);
    }
}
