//! The Kryten wire protocol: pure functions from a NATS message to a typed
//! classification. Nothing here may panic, whatever the bytes.

mod classify;
pub mod log;
pub mod subject;
pub mod timestamp;
pub mod wire;

pub use classify::{classify, Classified, Lifecycle, LifecycleKind};

use serde::{Deserialize, Serialize};

/// The longest uptime believed, seconds (about a century). A larger number
/// is not an uptime but a broken or hostile payload.
pub const MAX_UPTIME_S: f64 = 3.2e9;

/// An uptime as reported, if it is one: finite and within 0 to
/// [`MAX_UPTIME_S`]. Every uptime from the bus passes through here, so the
/// time arithmetic downstream stays far from overflow.
pub fn checked_uptime(v: f64) -> Option<f64> {
    (v.is_finite() && (0.0..=MAX_UPTIME_S).contains(&v)).then_some(v)
}

/// Seconds to microseconds, saturating at the ends of `i64` (NaN is 0).
pub fn secs_to_us(s: f64) -> i64 {
    // `as` saturates and maps NaN to 0: exactly the total function wanted.
    (s * 1e6) as i64
}

/// What a bus message is, per `wire-protocol.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Startup,
    Heartbeat,
    Shutdown,
    Connected,
    Disconnected,
    GroupRestart,
    DiscoveryPoll,
    /// `kryten.service.discovery` (seed design): same meaning as a startup.
    Discovery,
    /// `kryten.service.heartbeat` (seed design): a heartbeat with a status.
    ServiceHeartbeat,
    ChannelEvent,
    Log,
    Command,
    Reply,
    /// A status change of a service, produced by krytend itself.
    Status,
    /// A notice from krytend that messages were lost before recording.
    Gap,
    /// A new revision of a service's config, recorded by krytend.
    Config,
    /// A config that changed without a restart or reload, or that differs
    /// from its declared desired state.
    Drift,
    Other,
    /// A notice from krytend about its registry: new names refused by
    /// admission, services forgotten.
    Registry,
    /// An alert of krytend's began firing or resolved.
    Alert,
    /// The outcome of a ping, as the leader of krytend replicas shares it
    /// through the stream (JetStream mode).
    Ping,
    /// A control action's audit row, shared by krytend replicas through
    /// the stream (JetStream mode).
    Audit,
}

impl Kind {
    pub const ALL: [Kind; 22] = [
        Kind::Startup,
        Kind::Heartbeat,
        Kind::Shutdown,
        Kind::Connected,
        Kind::Disconnected,
        Kind::GroupRestart,
        Kind::DiscoveryPoll,
        Kind::Discovery,
        Kind::ServiceHeartbeat,
        Kind::ChannelEvent,
        Kind::Log,
        Kind::Command,
        Kind::Reply,
        Kind::Status,
        Kind::Gap,
        Kind::Config,
        Kind::Drift,
        Kind::Other,
        Kind::Registry,
        Kind::Alert,
        Kind::Ping,
        Kind::Audit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Startup => "startup",
            Kind::Heartbeat => "heartbeat",
            Kind::Shutdown => "shutdown",
            Kind::Connected => "connected",
            Kind::Disconnected => "disconnected",
            Kind::GroupRestart => "group_restart",
            Kind::DiscoveryPoll => "discovery_poll",
            Kind::Discovery => "discovery",
            Kind::ServiceHeartbeat => "service_heartbeat",
            Kind::ChannelEvent => "channel_event",
            Kind::Log => "log",
            Kind::Command => "command",
            Kind::Reply => "reply",
            Kind::Status => "status",
            Kind::Gap => "gap",
            Kind::Config => "config",
            Kind::Drift => "drift",
            Kind::Other => "other",
            Kind::Registry => "registry",
            Kind::Alert => "alert",
            Kind::Ping => "ping",
            Kind::Audit => "audit",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
