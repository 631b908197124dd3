//! Behaviour every API shares, whatever surface asks. Surfaces (`api/`)
//! translate to and from their wire formats and map these errors to their
//! status codes; nothing here knows a surface.

pub mod actions;
pub mod alerts;
pub mod configs;
pub mod filters;
pub mod health;
pub mod history;
pub mod services;
pub mod sign_in;
pub mod silences;
pub mod stats;
pub mod tokens;
pub mod watch;
