//! Every subject krytend publishes or requests on, in one place: the
//! services' own (commands, discovery, group restart) and the events
//! krytend records about itself (`krytend.*`).

/// Where a service takes commands (request/reply).
pub fn command_subject(service: &str) -> String {
    format!("kryten.{service}.command")
}

/// Asks every kryten-py service to announce itself again.
pub const DISCOVERY_POLL_SUBJECT: &str = "kryten.service.discovery.poll";

/// kryten-py's group restart: every service listening restarts (see the
/// hazard in wire-protocol.md).
pub const GROUP_RESTART_SUBJECT: &str = "kryten.lifecycle.group.restart";

/// A range of sequence numbers lost (crash, full store, dropped messages).
pub const GAP_SUBJECT: &str = "krytend.gap";

/// New service names refused by admission.
pub const REGISTRY_REFUSED_SUBJECT: &str = "krytend.registry.refused";

/// krytend's own events about a service: `status`, `forgotten`, config
/// events (`config`, `config_drift`, …).
pub fn service_event_subject(service: &str, what: &str) -> String {
    format!("krytend.service.{service}.{what}")
}

/// The `system.*` commands kryten-py services answer on their command
/// subject (see wire-protocol.md).
pub mod system {
    pub const PING: &str = "system.ping";
    pub const HEALTH: &str = "system.health";
    pub const STATS: &str = "system.stats";
    pub const CONFIG: &str = "system.config";
    pub const SERVICES: &str = "system.services";
    pub const RELOAD: &str = "system.reload";
    pub const SHUTDOWN: &str = "system.shutdown";
    /// Not in kryten-py 0.17; a service that knows it restarts in place.
    pub const RESTART: &str = "system.restart";
}

/// krytend's own alerts: `krytend.alert.firing` and `krytend.alert.resolved`.
pub fn alert_subject(what: &str) -> String {
    format!("krytend.alert.{what}")
}
