//! The gRPC API, over a local Unix socket and an optional TCP listener.

mod convert;
mod grpc;
pub mod health;
mod listen;
mod tail;

use std::sync::Arc;

use tokio::sync::watch;

pub use listen::{serve, ApiError, Bound};

use crate::{bus::BusState, hub::Hub, ingest::ServicesView, stats::IngestStats, store::Store};

/// What the API reads; mutation happens elsewhere (the sequencer).
pub struct Shared {
    pub hub: Arc<Hub>,
    pub store: Store,
    pub stats: Arc<IngestStats>,
    pub bus: Arc<BusState>,
    pub view: watch::Receiver<ServicesView>,
    pub started_at_us: i64,
}
