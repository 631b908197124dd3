//! The sequencer: the one owner of the registry and of sequence numbers.
//! Every accepted message is classified, numbered, applied to the registry,
//! fanned out through the hub and queued for the store, in that order.

use std::{collections::BTreeMap, sync::Arc, time::Duration};

use bytes::Bytes;
use serde_json::json;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::{
    event::Event,
    hub::{Hub, ServiceUpdate},
    logs::{tailer::FileLine, LogRecord},
    protocol::{
        classify,
        log::{parse_nats_log, truncate, ParsedLog},
        timestamp::now_us,
        Kind,
    },
    registry::{Change, PingOutcome, Registry, ServiceState},
    stats::IngestStats,
    store::Store,
};

/// The registry as readers see it, replaced on every change.
pub type ServicesView = Arc<BTreeMap<String, ServiceState>>;

pub struct Sequencer {
    pub registry: Registry,
    pub hub: Arc<Hub>,
    pub store: Store,
    pub stats: Arc<IngestStats>,
    pub view: watch::Sender<ServicesView>,
    pub tick: Duration,
    /// Longest log message kept; longer ones are cut with a marker.
    pub max_log_line: usize,
    /// While the bus is down nothing can be heard, so no deadline counts.
    pub bus: Option<Arc<crate::bus::BusState>>,
    bus_was_down: bool,
    seq: u64,
    /// The last receive stamp given: stamps never go back, so the store can
    /// find times by sequence number (see `store::timeline`).
    last_stamp_us: i64,
    dropped_reported: u64,
}

/// Inputs besides bus messages.
pub enum Input {
    PingResult {
        service: String,
        outcome: PingOutcome,
        at_us: i64,
    },
    FileLine(FileLine),
    /// A restart was requested through the control API.
    Restarting {
        service: String,
        cause: String,
    },
    /// An event of krytend's own (config revisions, drift).
    Emit {
        subject: String,
        kind: Kind,
        service: Option<String>,
        payload: serde_json::Value,
    },
}

impl Sequencer {
    pub fn new(
        registry: Registry,
        hub: Arc<Hub>,
        store: Store,
        stats: Arc<IngestStats>,
        view: watch::Sender<ServicesView>,
        tick: Duration,
    ) -> Self {
        let seq = hub.last_seq();
        let dropped_reported = IngestStats::get(&stats.dropped);
        let last_stamp_us = store.last_stamp_at_open();
        Self {
            registry,
            hub,
            store,
            stats,
            view,
            tick,
            max_log_line: 64 * 1024,
            bus: None,
            bus_was_down: false,
            seq,
            last_stamp_us,
            dropped_reported,
        }
    }

    /// Runs until `cancel`, then drains what was already received, so that
    /// nothing accepted is lost on a clean stop.
    pub async fn run(
        mut self,
        messages: flume::Receiver<async_nats::Message>,
        mut inputs: mpsc::Receiver<Input>,
        pings: mpsc::Sender<String>,
        cancel: CancellationToken,
    ) {
        self.publish_view();
        let mut tick = tokio::time::interval(self.tick);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                biased;
                _ = cancel.cancelled() => break,
                m = messages.recv_async() => match m {
                    Ok(m) => self.on_message(m).await,
                    Err(_) => break,
                },
                Some(input) = inputs.recv() => self.on_input(input).await,
                _ = tick.tick() => self.on_tick(&pings).await,
            }
        }
        while let Ok(m) = messages.try_recv() {
            self.on_message(m).await;
        }
        // Lines already read from files are committed with their offsets.
        inputs.close();
        while let Ok(input) = inputs.try_recv() {
            self.on_input(input).await;
        }
        self.report_drops().await;
    }

    /// The receive time for the next event: the clock, but never earlier
    /// than the previous stamp (the wall clock can step back).
    fn stamp(&mut self) -> i64 {
        self.last_stamp_us = now_us().max(self.last_stamp_us);
        self.last_stamp_us
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    async fn on_message(&mut self, m: async_nats::Message) {
        let now = self.stamp();
        let c = classify(&m.subject, &m.payload);
        IngestStats::add(&self.stats.accepted, 1);
        if c.error.is_some() {
            IngestStats::add(&self.stats.malformed, 1);
        }
        let changes = match &c.lifecycle {
            Some(lc) => self.registry.apply(lc, now),
            None => Vec::new(),
        };
        let log = (c.kind == Kind::Log).then(|| parse_nats_log(&m.payload));
        let log_service = c.service.clone();
        let ev = Event {
            seq: self.next_seq(),
            received_us: now,
            subject: m.subject.to_string(),
            kind: c.kind,
            service: c.service,
            payload: m.payload,
            error: c.error,
            channel: c.channel,
            event_type: c.event_type,
            correlation_id: c.correlation_id,
            event_time_us: c.event_time_us,
            reply_to: m.reply.map(|r| r.to_string()),
            json: Default::default(),
        };
        let seq = ev.seq;
        self.emit(ev).await;
        if let (Some(parsed), Some(service)) = (log, log_service) {
            self.emit_log(seq, service, parsed, now, "nats".into(), None).await;
        }
        self.apply_changes(changes, now).await;
    }

    async fn emit_log(
        &mut self,
        seq: u64,
        service: String,
        parsed: ParsedLog,
        now: i64,
        source: String,
        offset: Option<crate::store::FileOffset>,
    ) {
        // File lines come bounded (and marked) from the tailer.
        let bounded = offset.is_some();
        let mut message = parsed.message;
        let mut exception = parsed.exception;
        if !bounded {
            truncate(&mut message, self.max_log_line);
            if let Some(e) = exception.as_mut() {
                truncate(e, self.max_log_line);
            }
        }
        let rec = Arc::new(LogRecord {
            seq,
            time_us: parsed.time_us.unwrap_or(now),
            received_us: now,
            time_from_arrival: parsed.time_us.is_none(),
            service,
            severity: parsed.level,
            logger: parsed.logger,
            message,
            exception,
            attributes: parsed.attributes,
            source,
            json: Default::default(),
        });
        self.hub.publish_log(rec.clone());
        if let Err(e) = self.store.write_log(rec, offset).await {
            tracing::error!("cannot queue a log record: {e}");
        }
    }

    async fn on_input(&mut self, input: Input) {
        match input {
            Input::PingResult {
                service,
                outcome,
                at_us,
            } => {
                let changes = self.registry.ping_result(&service, outcome, at_us);
                self.apply_changes(changes, at_us).await;
            }
            Input::Emit {
                subject,
                kind,
                service,
                payload,
            } => {
                let now = self.stamp();
                self.emit_own(&subject, kind, service, payload, now).await;
            }
            Input::Restarting { service, cause } => {
                let now = self.stamp();
                let changes = self.registry.mark_restarting(&service, cause, now);
                self.apply_changes(changes, now).await;
            }
            Input::FileLine(line) => {
                let seq = self.next_seq();
                IngestStats::add(&self.stats.log_lines_from_files, 1);
                let offset = crate::store::FileOffset {
                    path: line.path.clone(),
                    inode: line.inode,
                    offset: line.offset_after,
                };
                let source = format!("file:{}", line.path);
                let now = self.stamp();
                self.emit_log(seq, line.service, line.parsed, now, source, Some(offset))
                    .await;
            }
        }
    }

    async fn on_tick(&mut self, pings: &mpsc::Sender<String>) {
        let now = self.stamp();
        self.stats.sample(now);
        if let Some(down) = self
            .bus
            .as_ref()
            .map(|b| b.snapshot())
            .filter(|b| b.state != "connected")
        {
            // Silence during an outage is ours, not the services'; and what
            // they buffered through it will arrive late.
            self.bus_was_down = true;
            self.registry.bus_lost(down.since_us.min(now));
            self.report_drops().await;
            return;
        }
        if std::mem::take(&mut self.bus_was_down) {
            self.registry.bus_back(now);
            self.registry.refresh_deadlines(now);
        }
        let changes = self.registry.tick(now);
        self.apply_changes(changes, now).await;
        for svc in self.registry.due_pings(now) {
            // A full prober queue means pings are already outstanding.
            let _ = pings.try_send(svc);
        }
        self.report_drops().await;
    }

    /// Turns messages lost before sequencing into a gap event, so that the
    /// events stream itself shows where data is missing.
    async fn report_drops(&mut self) {
        let dropped = IngestStats::get(&self.stats.dropped);
        if dropped > self.dropped_reported {
            let missed = dropped - self.dropped_reported;
            self.dropped_reported = dropped;
            tracing::error!("{missed} bus messages were dropped before recording (ingest could not keep up)");
            let payload = json!({
                "missed": missed,
                "reason": "ingest buffer full: krytend could not keep up with the bus",
                "total_dropped": dropped,
            });
            let now = self.stamp();
            self.emit_own("krytend.gap", Kind::Gap, None, payload, now).await;
        }
    }

    async fn apply_changes(&mut self, changes: Vec<Change>, now: i64) {
        if changes.is_empty() {
            return;
        }
        for ch in changes {
            if let Some(t) = &ch.transition {
                tracing::info!(
                    "{}: {} -> {} ({})",
                    t.service,
                    t.from.map_or("new", |s| s.as_str()),
                    t.to,
                    t.cause
                );
                let payload = json!({
                    "service": t.service,
                    "from": t.from.map(|s| s.as_str()),
                    "to": t.to.as_str(),
                    "cause": t.cause,
                });
                let subject = format!("krytend.service.{}.status", t.service);
                self.emit_own(&subject, Kind::Status, Some(t.service.clone()), payload, now)
                    .await;
                self.write(crate::store::Op::Transition(t.clone())).await;
            }
            self.write(crate::store::Op::Service(Box::new(ch.service.clone())))
                .await;
            self.hub.publish_service(ServiceUpdate {
                service: ch.service,
                transition: ch.transition,
            });
        }
        self.publish_view();
    }

    async fn emit_own(
        &mut self,
        subject: &str,
        kind: Kind,
        service: Option<String>,
        payload: serde_json::Value,
        now: i64,
    ) {
        // `now` may be a prober's earlier reading; stamps must not go back.
        self.last_stamp_us = self.last_stamp_us.max(now);
        let ev = Event {
            seq: self.next_seq(),
            received_us: self.last_stamp_us,
            subject: subject.to_string(),
            kind,
            service,
            payload: Bytes::from(payload.to_string()),
            error: None,
            channel: None,
            event_type: None,
            correlation_id: None,
            event_time_us: Some(now),
            reply_to: None,
            json: Default::default(),
        };
        IngestStats::add(&self.stats.accepted, 1);
        self.emit(ev).await;
    }

    async fn emit(&mut self, ev: Event) {
        let ev = Arc::new(ev);
        self.hub.publish(ev.clone());
        self.write(crate::store::Op::Event(ev)).await;
    }

    async fn write(&self, op: crate::store::Op) {
        if let Err(e) = self.store.write(op).await {
            tracing::error!("cannot queue a write: {e}");
        }
    }

    fn publish_view(&self) {
        let view: BTreeMap<String, ServiceState> =
            self.registry.services().map(|s| (s.name.clone(), s.clone())).collect();
        self.view.send_replace(Arc::new(view));
    }
}
