//! Ingest counters and the rate over a sliding window.

use std::{
    collections::VecDeque,
    sync::{
        atomic::{AtomicU64, Ordering},
        Mutex,
    },
};

const WINDOW_US: i64 = 10_000_000;

#[derive(Debug, Default)]
pub struct IngestStats {
    pub received: AtomicU64,
    pub accepted: AtomicU64,
    /// Lost before krytend could sequence them (a full buffer).
    pub dropped: AtomicU64,
    pub malformed: AtomicU64,
    pub slow_consumer_events: AtomicU64,
    pub log_lines_from_files: AtomicU64,
    /// New service names refused by admission (rate, cap, bad names).
    pub services_refused: AtomicU64,
    /// Services removed after retention or on request.
    pub services_forgotten: AtomicU64,
    /// Names seen only in traffic, probed but not yet answering.
    pub service_candidates: AtomicU64,
    /// The configured cap on tracked services.
    pub max_services: AtomicU64,
    /// The last refused name and why ("name (reason)").
    pub last_refused: Mutex<String>,
    /// JetStream ingest's state, when `ingest.mode` is `jetstream`.
    pub jetstream: std::sync::OnceLock<std::sync::Arc<crate::jetstream::JsState>>,
    /// The registry's KV mirror, when `jetstream.kv_mirror` is on.
    pub kv_mirror: std::sync::OnceLock<std::sync::Arc<crate::jetstream::kv::KvState>>,
    /// The byte budget of the queue between the bus client and the
    /// sequencer (core mode): charged by the forwarder, released as the
    /// sequencer takes each message.
    pub queue_budget: std::sync::OnceLock<std::sync::Arc<crate::budget::ByteBudget>>,
    /// Messages dropped because that budget was spent (part of `dropped`).
    pub dropped_over_budget: AtomicU64,
    /// Messages the bus client discarded, its buffer full (part of
    /// `dropped`; see `bus::drops`).
    pub dropped_by_client: AtomicU64,
    samples: Mutex<VecDeque<(i64, u64)>>,
}

impl IngestStats {
    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    pub fn set(counter: &AtomicU64, n: u64) {
        counter.store(n, Ordering::Relaxed);
    }

    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }

    /// Records the accepted count at `now_us`, for the rate.
    pub fn sample(&self, now_us: i64) {
        let accepted = Self::get(&self.accepted);
        if let Ok(mut s) = self.samples.lock() {
            s.push_back((now_us, accepted));
            while s.front().is_some_and(|(t, _)| now_us - t > WINDOW_US) {
                s.pop_front();
            }
        }
    }

    /// Messages per second over the window.
    pub fn rate(&self) -> f64 {
        let Ok(s) = self.samples.lock() else {
            return 0.0;
        };
        match (s.front(), s.back()) {
            (Some((t0, n0)), Some((t1, n1))) if t1 > t0 => (n1 - n0) as f64 / ((t1 - t0) as f64 / 1e6),
            _ => 0.0,
        }
    }
}
