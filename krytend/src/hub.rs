//! In-process fan-out of events and service changes to live subscribers.
//! Bounded: a subscriber that falls behind loses the oldest messages and is
//! told how many, and never slows ingest or anyone else.

use std::sync::{
    atomic::{AtomicU64, Ordering},
    Arc,
};

use tokio::sync::broadcast;

use crate::{
    event::Event,
    logs::LogRecord,
    registry::{ServiceState, Transition},
};

#[derive(Debug, Clone)]
pub struct ServiceUpdate {
    pub service: ServiceState,
    pub transition: Option<Transition>,
}

pub struct Hub {
    events: broadcast::Sender<Arc<Event>>,
    logs: broadcast::Sender<Arc<LogRecord>>,
    services: broadcast::Sender<Arc<ServiceUpdate>>,
    last_seq: AtomicU64,
    missed: AtomicU64,
    /// Receivers the daemon holds itself (see `subscribe_logs_internal`).
    internal: std::sync::atomic::AtomicUsize,
}

impl Hub {
    pub fn new(capacity: usize, last_seq: u64) -> Self {
        let (events, _) = broadcast::channel(capacity.max(16));
        let (logs, _) = broadcast::channel(capacity.max(16));
        let (services, _) = broadcast::channel(4096);
        Self {
            events,
            logs,
            services,
            last_seq: AtomicU64::new(last_seq),
            missed: AtomicU64::new(0),
            internal: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Publishes an event. Its sequence becomes visible through
    /// [`Hub::last_seq`] before any subscriber can see it, so a subscriber
    /// that reads `last_seq` right after subscribing knows that everything
    /// above it will reach its receiver.
    pub fn publish(&self, ev: Arc<Event>) {
        self.last_seq.store(ev.seq, Ordering::Release);
        let _ = self.events.send(ev);
    }

    /// Publishes a log record; the same ordering promise as [`Hub::publish`]
    /// (log records share the event sequence).
    pub fn publish_log(&self, rec: Arc<LogRecord>) {
        self.last_seq.fetch_max(rec.seq, Ordering::AcqRel);
        let _ = self.logs.send(rec);
    }

    pub fn subscribe_logs(&self) -> broadcast::Receiver<Arc<LogRecord>> {
        self.logs.subscribe()
    }

    pub fn publish_service(&self, update: ServiceUpdate) {
        let _ = self.services.send(Arc::new(update));
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.events.subscribe()
    }

    pub fn subscribe_services(&self) -> broadcast::Receiver<Arc<ServiceUpdate>> {
        self.services.subscribe()
    }

    pub fn last_seq(&self) -> u64 {
        self.last_seq.load(Ordering::Acquire)
    }

    /// Client streams (tails, WebSocket subscriptions); the daemon's own
    /// readers are not counted.
    pub fn subscriber_count(&self) -> usize {
        (self.events.receiver_count() + self.logs.receiver_count())
            .saturating_sub(self.internal.load(Ordering::Relaxed))
    }

    /// Log records for one of the daemon's own readers (the alert loop),
    /// kept out of `subscriber_count`. Held for the daemon's life.
    pub fn subscribe_logs_internal(&self) -> broadcast::Receiver<Arc<LogRecord>> {
        self.internal.fetch_add(1, Ordering::Relaxed);
        self.logs.subscribe()
    }

    /// Counts messages a subscriber lost, for `Status`.
    pub fn note_missed(&self, n: u64) {
        self.missed.fetch_add(n, Ordering::Relaxed);
    }

    pub fn missed(&self) -> u64 {
        self.missed.load(Ordering::Relaxed)
    }
}
