//! krytend: the Kryten mission-control daemon.

pub mod alerts;
pub mod api;
pub mod audit;
pub mod auth;
pub mod bus;
pub mod cli;
pub mod client_config;
pub mod config;
pub mod configs;
pub mod control;
pub mod daemon;
pub mod demo;
pub mod event;
pub mod forget;
pub mod hub;
pub mod ingest;
pub mod logs;
pub mod notify;
pub mod paths;
pub mod prober;
pub mod protocol;
pub mod redact;
pub mod registry;
pub mod stats;
pub mod store;
pub mod supervise;
