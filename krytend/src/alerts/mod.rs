//! Alerts domain: rules evaluated over a fleet snapshot, alert state with `for:` and
//! hysteresis, silences and routing. Time is always passed in (unix milliseconds) so
//! every part is testable without a daemon or a clock.

pub mod config;
pub mod engine;
pub mod maintenance;
pub mod notify;
pub mod receivers;
pub mod route;
pub mod rules;
pub mod silence;

/// Labels of an alert, ordered so fingerprints and matching are deterministic.
pub type Labels = std::collections::BTreeMap<String, String>;
