//! The sequencer: the one owner of the registry and of sequence numbers.
//! Every accepted message is classified, numbered, applied to the registry,
//! fanned out through the hub and queued for the store, in that order.

use std::{sync::Arc, time::Duration};

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
    registry::{Change, Forgotten, PingOutcome, Registry, ServiceMap},
    stats::IngestStats,
    store::Store,
};

/// The registry as readers see it; each change updates its own service's
/// entry (see `registry::ServiceMap`).
pub use crate::registry::ServicesView;

/// The one service that publishes channel events (`kryten.events.cytube.…`).
pub const CHANNEL_EVENT_PUBLISHER: &str = "robot";

/// Refusal reports are coalesced to at most one event this often.
const REFUSAL_REPORT_US: i64 = 1_000_000;

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
    /// Numbers handed out only once reserved in the store, so that none is
    /// reused after a crash (see `store::seqs`).
    numbers: crate::store::SeqNumbers,
    /// The last receive stamp given: stamps never go back, so the store can
    /// find times by sequence number (see `store::timeline`).
    last_stamp_us: i64,
    dropped_reported: u64,
    /// Probes go out as soon as they are due, not at the next tick.
    probes: Option<mpsc::Sender<String>>,
    refusals_reported_us: i64,
    /// JetStream ingest (`ingest.mode: jetstream`): messages come numbered
    /// by the stream, and krytend's own events go into it.
    pub jetstream: Option<crate::jetstream::Hooks>,
    /// Deliveries queued for the store since the last commit notice.
    unconfirmed: Vec<(u64, async_nats::jetstream::message::Acker)>,
}

/// The gap event for an outage of the connection that receives the
/// recorded subjects (core mode): core NATS keeps nothing for a subscriber
/// that is away, so the count is unknown and the window is what is said.
pub fn outage_gap(from_us: i64, to_us: i64) -> Input {
    let fmt = crate::protocol::timestamp::format_us;
    // The start is when the client noticed the loss (a half-open link is
    // noticed by its pings, later than it broke), or unknown.
    let window = match from_us {
        0 => format!(
            "the connection to NATS was lost at an unknown time before {}",
            fmt(to_us)
        ),
        _ => format!(
            "the connection to NATS was lost from {} (when it was noticed) to {} ({:.1} s)",
            fmt(from_us),
            fmt(to_us),
            (to_us - from_us).max(0) as f64 / 1e6
        ),
    };
    Input::Emit {
        subject: crate::protocol::wire::GAP_SUBJECT.to_string(),
        kind: Kind::Gap,
        service: None,
        payload: json!({
            "missed": null,
            "from_time": (from_us > 0).then(|| fmt(from_us)),
            "to_time": fmt(to_us),
            "reason": format!("{window}: messages published meanwhile were not recorded, and how many is unknown"),
        }),
    }
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
    /// A stop (shutdown) or restart command is about to be sent; answered
    /// on `done` once noted, so the command goes out after.
    StopRequested {
        service: String,
        shutdown: bool,
        at_us: i64,
        done: tokio::sync::oneshot::Sender<()>,
    },
    /// That command was refused or unanswered.
    StopRequestCancelled {
        service: String,
        at_us: i64,
    },
    /// A service answered a request of ours (a sign of life).
    Answered {
        service: String,
        what: String,
    },
    /// Names learned from elsewhere (the robot's registry): candidates.
    Candidates {
        names: Vec<String>,
        source: String,
    },
    /// Forget a service on request; the answer says what happened.
    Forget {
        service: String,
        reply: tokio::sync::oneshot::Sender<Result<String, crate::registry::ForgetError>>,
    },
    /// A requested restart did not happen: back to `back_to`.
    RestartAbandoned {
        service: String,
        back_to: crate::registry::Status,
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
        let numbers = store.seq_numbers();
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
            numbers,
            last_stamp_us,
            dropped_reported,
            probes: None,
            refusals_reported_us: 0,
            jetstream: None,
            unconfirmed: Vec::new(),
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
        self.probes = Some(pings.clone());
        IngestStats::set(&self.stats.max_services, self.registry.admission().max_services as u64);
        self.publish_view();
        self.report_crash_gap().await;
        let mut tick = tokio::time::interval(self.tick);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let deliveries = self.jetstream.as_ref().map(|j| j.deliveries.clone());
        let delivery = || async {
            match &deliveries {
                Some(d) => d.recv_async().await.ok(),
                None => std::future::pending().await,
            }
        };
        loop {
            tokio::select! {
                biased;
                _ = cancel.cancelled() => break,
                m = messages.recv_async() => match m {
                    Ok(m) => self.on_message(m).await,
                    Err(_) => break,
                },
                Some(d) = delivery() => {
                    self.on_delivery(d).await;
                    if deliveries.as_ref().is_some_and(|d| d.is_empty())
                        || self.unconfirmed.len() >= crate::jetstream::ACK_GROUP
                    {
                        self.confirm_deliveries().await;
                    }
                }
                Some(input) = inputs.recv() => self.on_input(input).await,
                _ = tick.tick() => self.on_tick(&pings).await,
            }
        }
        while let Ok(m) = messages.try_recv() {
            self.on_message(m).await;
        }
        if let Some(d) = &deliveries {
            while let Ok(m) = d.try_recv() {
                self.on_delivery(m).await;
            }
        }
        // Lines already read from files are committed with their offsets.
        inputs.close();
        while let Ok(input) = inputs.try_recv() {
            self.on_input(input).await;
        }
        self.report_drops().await;
        self.confirm_deliveries().await;
    }

    /// A message read from the JetStream stream: numbered by it. One that
    /// krytend published itself (an own event) is recorded as it was made.
    async fn on_delivery(&mut self, d: crate::jetstream::Delivery) {
        let crate::jetstream::Delivery {
            msg,
            seq,
            published_us,
            ack,
        } = d;
        IngestStats::add(&self.stats.received, 1);
        match crate::jetstream::own_event(&msg) {
            Some((kind, service, time)) => {
                // Another replica's audit row: kept in this one's trail.
                if kind == Kind::Audit {
                    self.keep_shared_audit(&msg).await;
                }
                // A ping's outcome shared by the leader: applied here, by
                // every replica at the same place in the stream.
                if kind == Kind::Ping {
                    if let (Some(name), Some(outcome)) = (&service, crate::jetstream::ping_outcome(&msg.payload)) {
                        let at = time.unwrap_or(published_us).min(now_us());
                        let changes = self.registry.ping_result(name, outcome, at);
                        self.apply_changes(changes, at).await;
                    }
                }
                let ev = Event {
                    seq,
                    received_us: published_us,
                    subject: msg.subject.to_string(),
                    kind,
                    service,
                    payload: msg.payload,
                    error: None,
                    channel: None,
                    event_type: None,
                    correlation_id: None,
                    event_time_us: time,
                    reply_to: None,
                    json: Default::default(),
                };
                IngestStats::add(&self.stats.accepted, 1);
                self.emit(ev).await;
            }
            None => self.on_message_numbered(msg, Some((seq, published_us))).await,
        }
        self.unconfirmed.push((seq, ack));
    }

    async fn keep_shared_audit(&self, msg: &async_nats::Message) {
        let Some(js) = &self.jetstream else { return };
        let (Some(audit), Some(origin)) = (&js.audit, crate::jetstream::origin(msg)) else {
            return;
        };
        if origin == js.replica || origin.is_empty() || origin.len() > 128 {
            return;
        }
        let rec = (msg.payload.len() <= crate::jetstream::audit::ROW_MAX)
            .then(|| serde_json::from_slice::<crate::audit::AuditRecord>(&msg.payload).ok())
            .flatten();
        let Some(mut rec) = rec else {
            tracing::warn!("an audit row from replica {origin:?} is not one; not kept");
            return;
        };
        rec.origin = origin;
        if let Err(e) = audit.apply_shared(rec).await {
            tracing::error!("cannot keep an audit row of another replica: {e}");
        }
    }

    /// The deliveries queued so far are acknowledged once the store has
    /// committed them (see `jetstream::AckGroup`).
    async fn confirm_deliveries(&mut self) {
        if self.unconfirmed.is_empty() {
            return;
        }
        let Some(js) = &self.jetstream else {
            return;
        };
        let deliveries = std::mem::take(&mut self.unconfirmed);
        match self.store.notify_committed().await {
            Ok(committed) => {
                let _ = js.acks.send(crate::jetstream::AckGroup { committed, deliveries });
            }
            // Left unacknowledged: delivered again at the next start.
            Err(e) => tracing::error!("cannot queue a commit notice: {e}"),
        }
    }

    /// The receive time for the next event: the clock, but never earlier
    /// than the previous stamp (the wall clock can step back).
    fn stamp(&mut self) -> i64 {
        self.last_stamp_us = now_us().max(self.last_stamp_us);
        self.last_stamp_us
    }

    async fn next_seq(&mut self) -> u64 {
        self.numbers.next().await
    }

    /// The first event after a crash names the numbers the previous run
    /// may have shown live but never stored: a follower resuming after one
    /// of them gets this event next, never a silent skip.
    async fn report_crash_gap(&mut self) {
        let Some(lost) = self.store.take_crash_gap() else {
            return;
        };
        let payload = json!({
            "missed": lost.to - lost.from + 1,
            "from_seq": lost.from,
            "to_seq": lost.to,
            "reason": format!(
                "krytend stopped without committing #{}..=#{} (a crash or kill): events shown live with \
                 these numbers were not stored, and the numbers are not reused",
                lost.from, lost.to
            ),
        });
        let now = self.stamp();
        self.emit_own(crate::protocol::wire::GAP_SUBJECT, Kind::Gap, None, payload, now)
            .await;
    }

    /// Rows the store gave up (full, failing, or impossible rows) become a
    /// gap event once the store can be written again.
    async fn report_store_loss(&mut self) {
        let Some(loss) = self.store.take_loss() else {
            return;
        };
        let payload = json!({
            "missed": loss.events + loss.logs + loss.rejected,
            "events": loss.events,
            "logs": loss.logs,
            "registry_rows": loss.other,
            "rejected_rows": loss.rejected,
            "from_seq": loss.first_seq,
            "to_seq": loss.last_seq,
            "reason": match self.jetstream {
                // Their messages were not acknowledged: delivered again.
                Some(_) => format!(
                    "not stored at first, delivered again by the stream (registry rows are lost): {}",
                    loss.reason
                ),
                None => format!("not stored: {}", loss.reason),
            },
        });
        let now = self.stamp();
        self.emit_own(crate::protocol::wire::GAP_SUBJECT, Kind::Gap, None, payload, now)
            .await;
    }

    async fn on_message(&mut self, m: async_nats::Message) {
        if let Some(b) = self.stats.queue_budget.get() {
            b.release(crate::budget::message_cost(&m));
        }
        self.on_message_numbered(m, None).await;
    }

    /// `numbered`: the number and receive time a JetStream stream gave it
    /// (else the sequencer gives both).
    async fn on_message_numbered(&mut self, m: async_nats::Message, numbered: Option<(u64, i64)>) {
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
        // A name seen in traffic is probed, and listed once it answers.
        match (c.kind, &c.service) {
            (Kind::Command, Some(name)) => self.registry.note_candidate(name, "its command subject", now),
            (Kind::ChannelEvent, _) => self
                .registry
                .note_candidate(CHANNEL_EVENT_PUBLISHER, "channel events", now),
            _ => {}
        }
        self.send_probes();
        let log = (c.kind == Kind::Log).then(|| parse_nats_log(&m.payload));
        let log_service = c.service.clone();
        // A log line is also kept as an event, with its payload: masked as
        // its log record is, or the events API would show what the logs
        // API hides.
        let payload = match log {
            Some(_) => crate::redact::shared()
                .payload(&m.payload)
                .map_or(m.payload, bytes::Bytes::from),
            None => m.payload,
        };
        let (seq, received_us) = match numbered {
            Some(n) => n,
            None => (self.next_seq().await, now),
        };
        let ev = Event {
            seq,
            received_us,
            subject: m.subject.to_string(),
            kind: c.kind,
            service: c.service,
            payload,
            error: c.error,
            channel: c.channel,
            event_type: c.event_type,
            correlation_id: c.correlation_id,
            event_time_us: c.event_time_us,
            reply_to: m.reply.map(|r| r.to_string()),
            json: Default::default(),
        };
        self.emit(ev).await;
        if let (Some(parsed), Some(service)) = (log, log_service) {
            self.emit_log(seq, service, parsed, received_us, "nats".into(), None)
                .await;
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
        // Log records are shown to every viewer: credentials in the text
        // and values under secret-looking attribute keys are masked.
        let redactor = crate::redact::shared();
        let message = redactor.text(&message);
        let exception = exception.map(|e| redactor.text(&e));
        let attributes = redactor.map(&parsed.attributes);
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
            attributes,
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
                if self.jetstream.as_ref().is_some_and(|j| j.shared_pings) {
                    let payload = crate::jetstream::ping_payload(&service, &outcome);
                    let subject = crate::protocol::wire::service_event_subject(&service, "ping");
                    self.emit_own(&subject, Kind::Ping, Some(service), payload, at_us).await;
                    return;
                }
                let changes = self.registry.ping_result(&service, outcome, at_us);
                self.apply_changes(changes, at_us).await;
            }
            Input::Answered { service, what } => {
                let now = self.stamp();
                let changes = self.registry.sign_of_life(&service, &format!("answered {what}"), now);
                self.apply_changes(changes, now).await;
            }
            Input::Candidates { names, source } => {
                let now = self.stamp();
                for name in names {
                    self.registry.note_candidate(&name, &source, now);
                }
                self.send_probes();
            }
            Input::Forget { service, reply } => {
                let now = self.stamp();
                let answer = match self.registry.forget(&service) {
                    Ok(f) => {
                        let reason = f.reason.clone();
                        self.apply_forgotten(vec![f], now).await;
                        Ok(reason)
                    }
                    Err(e) => Err(e),
                };
                let _ = reply.send(answer);
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
            Input::StopRequested {
                service,
                shutdown,
                at_us,
                done,
            } => {
                let now = self.stamp();
                let changes = self.registry.note_stop_requested(&service, shutdown, at_us);
                self.apply_changes(changes, now).await;
                let _ = done.send(());
            }
            Input::StopRequestCancelled { service, at_us } => {
                let now = self.stamp();
                let changes = self.registry.cancel_stop_request(&service, at_us);
                self.apply_changes(changes, now).await;
            }
            Input::RestartAbandoned {
                service,
                back_to,
                cause,
            } => {
                let now = self.stamp();
                let changes = self.registry.restart_abandoned(&service, back_to, cause, now);
                self.apply_changes(changes, now).await;
            }
            Input::FileLine(line) => {
                let seq = self.next_seq().await;
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
            self.report_store_loss().await;
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
        let forgotten = self.registry.forget_stale(now);
        self.apply_forgotten(forgotten, now).await;
        self.report_refusals(now).await;
        self.report_drops().await;
        self.report_store_loss().await;
    }

    fn send_probes(&mut self) {
        let probes = self.registry.take_probes();
        if let Some(tx) = &self.probes {
            for svc in probes {
                // A full prober queue means pings are already outstanding.
                let _ = tx.try_send(svc);
            }
        }
    }

    /// New names refused since the last report: counted at once, told in
    /// one event at most every second (a flood must not become one).
    async fn report_refusals(&mut self, now: i64) {
        IngestStats::set(&self.stats.services_refused, self.registry.refused_total());
        IngestStats::set(&self.stats.service_candidates, self.registry.candidate_count() as u64);
        if now - self.refusals_reported_us < REFUSAL_REPORT_US {
            return;
        }
        let Some(r) = self.registry.take_refusals() else {
            return;
        };
        self.refusals_reported_us = now;
        let (name, reason, _) = self.registry.last_refusal();
        if let Ok(mut l) = self.stats.last_refused.lock() {
            *l = format!("{name} ({reason})");
        }
        let refused: u64 = r.by_reason.values().sum();
        let a = self.registry.admission();
        tracing::warn!(
            "refused {refused} new service names ({:?}; e.g. {}); {} tracked of at most {}",
            r.by_reason,
            r.examples.join(", "),
            self.registry.len(),
            a.max_services
        );
        let payload = json!({
            "refused": refused,
            "by_reason": r.by_reason,
            "examples": r.examples,
            "total_refused": r.total,
            "services": self.registry.len(),
            "max_services": a.max_services,
            "new_per_second": a.new_per_second,
            "reason": "new service names are admitted at a bounded rate and up to a cap",
        });
        self.emit_own(
            crate::protocol::wire::REGISTRY_REFUSED_SUBJECT,
            Kind::Registry,
            None,
            payload,
            now,
        )
        .await;
    }

    /// Services removed from the registry: an event each, their stored
    /// state deleted, and the view updated.
    async fn apply_forgotten(&mut self, forgotten: Vec<Forgotten>, now: i64) {
        if forgotten.is_empty() {
            return;
        }
        IngestStats::set(&self.stats.services_forgotten, self.registry.forgotten_total());
        for f in &forgotten {
            tracing::info!("{}: forgotten ({})", f.service, f.reason);
            let payload = json!({"service": f.service, "status": f.status.as_str(), "reason": f.reason});
            let subject = crate::protocol::wire::service_event_subject(&f.service, "forgotten");
            self.emit_own(&subject, Kind::Registry, Some(f.service.clone()), payload, now)
                .await;
            self.write(crate::store::Op::ForgetService(f.service.clone())).await;
        }
        self.view.send_modify(|v| {
            let map = Arc::make_mut(v);
            for f in &forgotten {
                map.remove(&f.service);
            }
        });
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
            self.emit_own(crate::protocol::wire::GAP_SUBJECT, Kind::Gap, None, payload, now)
                .await;
        }
    }

    async fn apply_changes(&mut self, changes: Vec<Change>, now: i64) {
        if changes.is_empty() {
            return;
        }
        let mut changed = Vec::with_capacity(changes.len());
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
                let subject = crate::protocol::wire::service_event_subject(&t.service, "status");
                self.emit_own(&subject, Kind::Status, Some(t.service.clone()), payload, now)
                    .await;
                self.write(crate::store::Op::Transition(t.clone())).await;
            }
            self.write(crate::store::Op::Service(Box::new(ch.service.clone())))
                .await;
            changed.push(ch.service.clone());
            self.hub.publish_service(ServiceUpdate {
                service: ch.service,
                transition: ch.transition,
            });
        }
        self.view.send_modify(|v| {
            let map = Arc::make_mut(v);
            for s in changed {
                map.upsert(s);
            }
        });
    }

    async fn emit_own(
        &mut self,
        subject: &str,
        kind: Kind,
        service: Option<String>,
        payload: serde_json::Value,
        now: i64,
    ) {
        // In JetStream mode it goes into the stream and is numbered there.
        if let Some(js) = &self.jetstream {
            js.own.publish(subject, kind, service, payload, now);
            return;
        }
        // `now` may be a prober's earlier reading; stamps must not go back.
        self.last_stamp_us = self.last_stamp_us.max(now);
        let ev = Event {
            seq: self.next_seq().await,
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

    /// The whole view, once at start.
    fn publish_view(&self) {
        let view: ServiceMap = self.registry.services().map(|s| (s.name.clone(), s.clone())).collect();
        self.view.send_replace(Arc::new(view));
    }
}
