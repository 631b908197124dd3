//! Service configs: fetched with `system.config`, redacted on our side,
//! kept as revisions when they change, diffed, and watched for drift.

pub mod diff;
pub mod document;
pub mod redact;
mod service;
pub mod store;

pub use service::{ConfigError, Configs, ConfigsSettings, DesiredFile, DriftBoard};
