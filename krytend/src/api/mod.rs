//! The gRPC API, over a local Unix socket and an optional TCP listener.

mod conns;
pub(crate) mod convert;
pub(crate) mod grpc;
mod grpc_metrics;
pub mod http;
mod listen;
pub(crate) mod stream_queue;
pub(crate) mod tail;
pub(crate) mod tailed;
pub mod ws;

use std::sync::Arc;

use tokio::sync::watch;

pub use listen::{serve, ApiError, Bound};

use crate::{
    audit::Audit, auth::Tokens, bus::BusState, control::Control, hub::Hub, ingest::ServicesView, stats::IngestStats,
    store::Store,
};

/// What the API reads; mutation happens elsewhere (the sequencer).
pub struct Shared {
    pub hub: Arc<Hub>,
    pub store: Store,
    pub stats: Arc<IngestStats>,
    pub bus: Arc<BusState>,
    pub view: watch::Receiver<ServicesView>,
    pub started_at_us: i64,
    /// Services whose logs come from files (known even before a line).
    pub log_file_services: Vec<String>,
    /// Ends every open stream at shutdown, so the server can stop; clients
    /// reconnect and resume after the last sequence they saw.
    pub streams_stop: tokio_util::sync::CancellationToken,
    pub tokens: Tokens,
    pub audit: Audit,
    pub control: Control,
    pub configs: crate::configs::Configs,
    /// Where the TCP listener ended up, once bound.
    pub tcp_address: std::sync::OnceLock<String>,
    pub ws_address: std::sync::OnceLock<String>,
    /// Panics caught in long-lived tasks (for `status`).
    pub supervisor: crate::supervise::Supervisor,
    /// Request counts and latencies for `/metrics`.
    pub http_metrics: http::HttpMetrics,
    /// The alerts the daemon holds, silences and deliveries.
    pub alerts: crate::alert_loop::AlertsHandle,
    /// The configuration file, read again by a reload (none: flags only).
    pub config_path: Option<std::path::PathBuf>,
    /// Outstanding single-use web UI sign-in codes.
    pub sign_ins: crate::domain::sign_in::SignInCodes,
}
