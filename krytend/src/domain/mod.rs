//! Behaviour every API shares, whatever surface asks. Surfaces (`api/`)
//! translate to and from their wire formats and map these errors to their
//! status codes; nothing here knows a surface.

pub mod actions;
pub mod configs;
pub mod event_alerts;
pub mod filters;
pub mod health;
pub mod history;
pub mod services;
pub mod silences;
pub mod tokens;
pub mod watch;
