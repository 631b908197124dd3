//! Service status and how liveness is judged.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Starting,
    Healthy,
    Degraded,
    Failing,
    Down,
    Stopped,
    Restarting,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Starting,
        Status::Healthy,
        Status::Degraded,
        Status::Failing,
        Status::Down,
        Status::Stopped,
        Status::Restarting,
    ];

    /// Alive as far as we know (a deadline applies).
    pub fn is_up(self) -> bool {
        matches!(
            self,
            Status::Starting | Status::Healthy | Status::Degraded | Status::Failing | Status::Restarting
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Starting => "starting",
            Status::Healthy => "healthy",
            Status::Degraded => "degraded",
            Status::Failing => "failing",
            Status::Down => "down",
            Status::Stopped => "stopped",
            Status::Restarting => "restarting",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str().eq_ignore_ascii_case(s))
    }

    /// The health word a service reports about itself; anything unknown
    /// (or nothing) counts as healthy, per the protocol.
    pub fn from_reported(word: Option<&str>) -> Status {
        match word.map(str::to_ascii_lowercase).as_deref() {
            Some("degraded") => Status::Degraded,
            Some("failing") | Some("unhealthy") | Some("critical") => Status::Failing,
            _ => Status::Healthy,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What keeps a service's status fresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Liveness {
    /// Started, neither a heartbeat nor a ping reply since.
    Startup,
    Heartbeat,
    /// Never heartbeats; answers `system.ping`.
    Ping,
}

impl Liveness {
    pub fn as_str(self) -> &'static str {
        match self {
            Liveness::Startup => "startup",
            Liveness::Heartbeat => "heartbeat",
            Liveness::Ping => "ping",
        }
    }
}

/// The knobs of the status machine, in microseconds where they are times.
#[derive(Debug, Clone)]
pub struct LivenessConfig {
    /// Assumed heartbeat interval until one is learned.
    pub default_interval_us: i64,
    /// Heartbeats missed before a service is down.
    pub missed_heartbeats: u32,
    pub ping_interval_us: i64,
    pub ping_timeout_us: i64,
    /// Unanswered pings before a ping-probed service is down.
    pub missed_pings: u32,
}

impl Default for LivenessConfig {
    fn default() -> Self {
        Self {
            default_interval_us: 30_000_000,
            missed_heartbeats: 3,
            ping_interval_us: 15_000_000,
            ping_timeout_us: 2_000_000,
            missed_pings: 2,
        }
    }
}
