//! In-process fan-out of events and service changes to live subscribers.
//! Bounded, in bytes for events and log records: a subscriber that falls
//! behind loses the oldest messages and is told how many, and never slows
//! ingest or anyone else.

pub mod ring;

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

pub use ring::{Receiver, RecvError};

pub struct Hub {
    events: ring::Sender<Event>,
    logs: ring::Sender<LogRecord>,
    services: broadcast::Sender<Arc<ServiceUpdate>>,
    last_seq: AtomicU64,
    missed: AtomicU64,
    /// Receivers the daemon holds itself (see `subscribe_logs_internal`).
    internal: std::sync::atomic::AtomicUsize,
}

impl Hub {
    /// At most `capacity` events and as many log records held for slow
    /// subscribers, weighing at most `max_bytes` together (half each).
    pub fn new(capacity: usize, max_bytes: u64, last_seq: u64) -> Self {
        let events = ring::Sender::new(capacity.max(16), max_bytes / 2);
        let logs = ring::Sender::new(capacity.max(16), max_bytes / 2);
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
        self.events.send(ev);
    }

    /// Publishes a log record; the same ordering promise as [`Hub::publish`]
    /// (log records share the event sequence).
    pub fn publish_log(&self, rec: Arc<LogRecord>) {
        self.last_seq.fetch_max(rec.seq, Ordering::AcqRel);
        self.logs.send(rec);
    }

    pub fn subscribe_logs(&self) -> Receiver<LogRecord> {
        self.logs.subscribe()
    }

    pub fn publish_service(&self, update: ServiceUpdate) {
        let _ = self.services.send(Arc::new(update));
    }

    pub fn subscribe(&self) -> Receiver<Event> {
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
    pub fn subscribe_logs_internal(&self) -> Receiver<LogRecord> {
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

    /// Events and log records held for subscribers that have not read
    /// them yet, and their weight in bytes.
    pub fn held(&self) -> (usize, u64) {
        let (e, eb) = self.events.held();
        let (l, lb) = self.logs.held();
        (e + l, eb + lb)
    }
}

/// Strings and buffers, plus what the structure itself takes.
const BASE: usize = 256;

impl ring::Weigh for Event {
    fn weight(&self) -> usize {
        let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        // Twice the payload: a WebSocket subscriber keeps the event's JSON
        // form with it once rendered.
        BASE + 2 * self.payload.len()
            + self.subject.len()
            + opt(&self.service)
            + opt(&self.error)
            + opt(&self.channel)
            + opt(&self.event_type)
            + opt(&self.correlation_id)
            + opt(&self.reply_to)
    }
}

impl ring::Weigh for LogRecord {
    fn weight(&self) -> usize {
        let text = self.message.len()
            + self.exception.as_ref().map_or(0, String::len)
            + self.logger.as_ref().map_or(0, String::len)
            + self.service.len()
            + self.source.len()
            + self
                .attributes
                .iter()
                .map(|(k, v)| k.len() + json_weight(v))
                .sum::<usize>();
        // Twice: its JSON form is kept with it once rendered.
        BASE + 2 * text
    }
}

/// Roughly what a JSON value takes in memory.
fn json_weight(v: &serde_json::Value) -> usize {
    use serde_json::Value;
    32 + match v {
        Value::String(s) => s.len(),
        Value::Array(a) => a.iter().map(json_weight).sum(),
        Value::Object(o) => o.iter().map(|(k, v)| k.len() + json_weight(v)).sum(),
        _ => 0,
    }
}
