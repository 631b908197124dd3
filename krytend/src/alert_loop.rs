//! The daemon's alert loop: every `evaluation_interval` it reads the fleet
//! and the daemon's own counters into a [`Snapshot`], lets the engine decide
//! pending → firing → resolved, stores each transition (so a restart neither
//! loses a firing alert nor notifies it twice), records it as a `krytend.alert.*`
//! event in the stream, and routes notifications to receivers, recording
//! every delivery attempt.
//!
//! A restart started through krytend puts the service in `restarting` until
//! it is proven back; that status raises nothing here, so a planned restart
//! pages no one.

use std::{
    collections::{BTreeMap, HashMap, VecDeque},
    sync::{atomic::Ordering::Relaxed, Arc, Mutex},
};

use serde_json::json;
use tokio::sync::{broadcast, mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::alerts::{
    config::{AlertsConfig, ConfigError},
    engine::{Alert, Engine, Transition},
    maintenance::MaintenanceWindow,
    receivers::{self, Receiver},
    route::Router,
    rules::{Counters, ServiceSnapshot, Snapshot, Status as RuleStatus},
    silence::Silence,
};
use crate::{
    bus::BusState,
    ingest::{Input, ServicesView},
    protocol::{timestamp::now_us, wire::alert_subject, Kind},
    registry::Status,
    stats::IngestStats,
    store::{alerts::AlertTable, Store, StoreError},
};

/// Status changes and restarts kept per service for the window rules.
const HISTORY_PER_SERVICE: usize = 64;
/// How long after a restart asked for through krytend a stop counts as planned.
const PLANNED_STOP_MS: i64 = 10 * 60_000;
/// Transitions kept for `alerts` listings.
const RECENT_TRANSITIONS: usize = 500;
/// Transitions queued for each live watcher of the alert state.
const CHANGES_BUFFER: usize = 1024;

/// What the APIs read: the alerts pending or firing now, recent transitions,
/// and delivery failures. Cheap to clone.
#[derive(Clone)]
pub struct AlertsHandle {
    view: Arc<Mutex<AlertsView>>,
    pub table: AlertTable,
    reload_tx: mpsc::Sender<AlertsConfig>,
    reload_rx: Arc<Mutex<Option<mpsc::Receiver<AlertsConfig>>>>,
    /// The receivers in force (replaced on reload), for test notifications.
    receivers: Arc<Mutex<BTreeMap<String, Receiver>>>,
    /// The maintenance windows and routes in force, for listings.
    windows: Arc<Mutex<Vec<MaintenanceWindow>>>,
    routes: Arc<Mutex<Option<Router>>>,
    /// Every transition as it happens (the WebSocket `alerts` stream).
    changes: broadcast::Sender<Transition>,
}

#[derive(Default)]
struct AlertsView {
    active: Vec<Alert>,
    recent: VecDeque<Transition>,
    delivery_failures: u64,
    /// Notifications a follower replica left to the leader.
    left_to_leader: u64,
    engine_dropped: u64,
    /// Failed deliveries in a row, per receiver (reset by a success).
    failing_in_a_row: HashMap<String, u32>,
}

/// Failures in a row after which a receiver raises `ReceiverFailing`.
const RECEIVER_FAILING_AFTER: u32 = 3;

impl AlertsHandle {
    pub fn new(table: AlertTable) -> Self {
        let (reload_tx, reload_rx) = mpsc::channel(4);
        Self {
            view: Arc::default(),
            table,
            reload_tx,
            reload_rx: Arc::new(Mutex::new(Some(reload_rx))),
            receivers: Arc::default(),
            windows: Arc::default(),
            routes: Arc::default(),
            changes: broadcast::channel(CHANGES_BUFFER).0,
        }
    }

    /// Transitions from now on; a receiver that falls `CHANGES_BUFFER`
    /// behind is told it lagged (and should take a fresh snapshot).
    pub fn changes(&self) -> broadcast::Receiver<Transition> {
        self.changes.subscribe()
    }

    /// The maintenance windows in force.
    pub fn windows(&self) -> Vec<MaintenanceWindow> {
        self.windows.lock().map(|w| w.clone()).unwrap_or_default()
    }

    /// The receivers an alert with these labels is routed to.
    pub fn receivers_for(&self, labels: &crate::alerts::Labels) -> Vec<String> {
        self.routes
            .lock()
            .ok()
            .and_then(|r| r.as_ref().map(|r| r.receivers_for(labels)))
            .unwrap_or_default()
    }

    /// Sends a test notification through receiver `name` now, recording
    /// the attempts like any other; `None` when there is no such receiver.
    pub async fn test(&self, name: &str, by: &str) -> Option<Vec<crate::alerts::notify::DeliveryRecord>> {
        let r = self.receivers.lock().ok()?.get(name).cloned()?;
        let now_ms = now_us() / 1000;
        let mut labels = crate::alerts::Labels::new();
        labels.insert("alertname".into(), "TestNotification".into());
        labels.insert("receiver".into(), name.into());
        let alert = Alert {
            fingerprint: crate::alerts::engine::fingerprint(&labels),
            labels: labels.clone(),
            severity: crate::alerts::engine::Severity::Info,
            summary: format!("a test notification from krytend, asked for by {by}"),
            state: crate::alerts::engine::State::Firing,
            active_at_ms: now_ms,
            fired_at_ms: Some(now_ms),
            last_seen_ms: now_ms,
        };
        let n = crate::alerts::route::Notification {
            receiver: name.into(),
            group_labels: labels,
            firing: vec![alert],
            resolved: Vec::new(),
        };
        let client = reqwest::Client::new();
        let records = r.deliver(&client, &n, now_ms).await;
        for rec in &records {
            // Counted like any delivery: a receiver a test shows broken is broken.
            self.note_delivery(rec);
            if let Err(e) = self.table.record_delivery(rec.clone(), Vec::new()).await {
                tracing::error!("alerts: could not record a delivery: {e}");
            }
        }
        Some(records)
    }

    /// Counts one delivery attempt: failures since start and in a row per
    /// receiver (reset by a success), and logs a failure.
    fn note_delivery(&self, rec: &crate::alerts::notify::DeliveryRecord) {
        if let Ok(mut v) = self.view.lock() {
            if rec.ok {
                v.failing_in_a_row.remove(&rec.receiver);
            } else {
                v.delivery_failures += 1;
                // Only configured receivers are counted: the map stays small.
                *v.failing_in_a_row.entry(rec.receiver.clone()).or_default() += 1;
            }
        }
        if !rec.ok {
            tracing::warn!(
                "alerts: delivery to {} failed: {}",
                rec.receiver,
                rec.error.as_deref().unwrap_or("?")
            );
        }
    }

    /// Receiver names in force.
    pub fn receiver_names(&self) -> Vec<String> {
        self.receivers
            .lock()
            .map(|r| r.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Replaces the rules, routes and receivers without a restart; alert
    /// state is kept. An invalid configuration is refused and the running
    /// one stays.
    pub async fn reload(&self, cfg: AlertsConfig) -> Result<(), ConfigError> {
        cfg.validate()?;
        self.reload_tx.send(cfg).await.map_err(|_| ConfigError::NotRunning)
    }

    /// Alerts pending or firing now, worst first.
    pub fn active(&self) -> Vec<Alert> {
        self.view.lock().map(|v| v.active.clone()).unwrap_or_default()
    }

    /// The newest transitions, newest first.
    pub fn recent(&self) -> Vec<Transition> {
        self.view
            .lock()
            .map(|v| v.recent.iter().rev().cloned().collect())
            .unwrap_or_default()
    }

    /// Receivers whose last deliveries (at least three in a row) failed.
    pub fn failing_receivers(&self) -> Vec<String> {
        self.view
            .lock()
            .map(|v| {
                let mut r: Vec<String> = v
                    .failing_in_a_row
                    .iter()
                    .filter(|(_, n)| **n >= RECEIVER_FAILING_AFTER)
                    .map(|(r, _)| r.clone())
                    .collect();
                r.sort();
                r
            })
            .unwrap_or_default()
    }

    fn note_left_to_leader(&self) {
        if let Ok(mut v) = self.view.lock() {
            v.left_to_leader += 1;
        }
    }

    /// Notifications this replica did not send because it is a follower.
    pub fn left_to_leader(&self) -> u64 {
        self.view.lock().map(|v| v.left_to_leader).unwrap_or(0)
    }

    /// Failed delivery attempts since start.
    pub fn delivery_failures(&self) -> u64 {
        self.view.lock().map(|v| v.delivery_failures).unwrap_or(0)
    }

    pub async fn silences(&self) -> Result<Vec<Silence>, StoreError> {
        self.table.silences(crate::protocol::timestamp::now_us() / 1000).await
    }
}

/// Services whose log lines are counted (more are ignored: a hostile
/// stream of names cannot grow this).
const LOG_SERVICES_MAX: usize = 1024;
/// Recent lines kept per service for pattern rules, and their longest.
const RECENT_LINES: usize = 20;
const RECENT_LINE_BYTES: usize = 512;
/// Syslog severities at or below this are errors (3 = error).
const ERROR_SEVERITY: u8 = 3;

/// One service's recent logs: errors per second over the last minute
/// (60 counters) and its newest lines. A few KiB at most.
#[derive(Default)]
struct LogWindow {
    /// (unix second, errors in it), newest last.
    errors: VecDeque<(i64, u32)>,
    lines: VecDeque<String>,
}

impl LogWindow {
    fn add(&mut self, now_s: i64, is_error: bool, line: &str) {
        if is_error {
            match self.errors.back_mut() {
                Some((s, n)) if *s == now_s => *n = n.saturating_add(1),
                _ => self.errors.push_back((now_s, 1)),
            }
        }
        while self.errors.front().is_some_and(|(s, _)| *s <= now_s - 60) {
            self.errors.pop_front();
        }
        let mut end = line.len().min(RECENT_LINE_BYTES);
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        self.lines.push_back(line[..end].to_string());
        while self.lines.len() > RECENT_LINES {
            self.lines.pop_front();
        }
    }

    fn errors_per_min(&self, now_s: i64) -> u64 {
        self.errors
            .iter()
            .filter(|(s, _)| *s > now_s - 60)
            .map(|(_, n)| u64::from(*n))
            .sum()
    }
}

/// What the loop reads from the rest of the daemon.
pub struct Inputs {
    pub view: watch::Receiver<ServicesView>,
    pub stats: Arc<IngestStats>,
    pub bus: Arc<BusState>,
    pub store: Store,
    /// Where its events go (the sequencer numbers and records them).
    pub emit: mpsc::Sender<Input>,
    /// Live log records, for the log rules.
    pub logs: Option<crate::hub::Receiver<crate::logs::LogRecord>>,
    /// Services whose config drifted, for the drift rule.
    pub drift: crate::configs::DriftBoard,
    /// Only the leader of replicas sends notifications.
    pub leadership: crate::jetstream::Leadership,
}

#[derive(Default)]
struct Seen {
    status: Option<Status>,
    restart_count: u32,
    history: VecDeque<(i64, RuleStatus)>,
    restarts: VecDeque<i64>,
}

fn push_bounded<T>(q: &mut VecDeque<T>, v: T) {
    q.push_back(v);
    while q.len() > HISTORY_PER_SERVICE {
        q.pop_front();
    }
}

fn rule_status(s: Status) -> RuleStatus {
    match s {
        Status::Starting | Status::Healthy => RuleStatus::Running,
        Status::Degraded => RuleStatus::Degraded,
        Status::Failing => RuleStatus::Failing,
        Status::Down => RuleStatus::Down,
        Status::Stopped | Status::Restarting => RuleStatus::Stopped,
    }
}

impl Loop {
    /// New rules, routes and receivers; what fires stays firing and is not
    /// notified again.
    fn apply(&mut self, cfg: &AlertsConfig) -> Result<(), ConfigError> {
        let mut engine = Engine::new(cfg.rule_specs()?);
        let (routes, fallback) = cfg.routes()?;
        let held: Vec<Alert> = self.engine.alerts().cloned().collect();
        let firing: Vec<Alert> = held.iter().filter(|a| a.fired_at_ms.is_some()).cloned().collect();
        let mut router = Router::new(routes, fallback);
        router.restore_sent(&firing, now_us() / 1000);
        engine.restore(held);
        self.engine = engine;
        self.router = router;
        self.receivers = receivers::build(&cfg.receivers);
        self.windows = cfg.windows()?;
        self.publish_config(cfg)?;
        Ok(())
    }

    /// What the APIs show of the configuration in force.
    fn publish_config(&self, cfg: &AlertsConfig) -> Result<(), ConfigError> {
        if let Ok(mut r) = self.handle.receivers.lock() {
            r.clone_from(&self.receivers);
        }
        if let Ok(mut w) = self.handle.windows.lock() {
            w.clone_from(&self.windows);
        }
        let (routes, fallback) = cfg.routes()?;
        if let Ok(mut r) = self.handle.routes.lock() {
            *r = Some(Router::new(routes, fallback));
        }
        Ok(())
    }
}

struct Loop {
    inputs: Inputs,
    handle: AlertsHandle,
    engine: Engine,
    router: Router,
    receivers: BTreeMap<String, Receiver>,
    windows: Vec<crate::alerts::maintenance::MaintenanceWindow>,
    client: reqwest::Client,
    seen: HashMap<String, Seen>,
    logs: HashMap<String, LogWindow>,
    last_dropped: u64,
    last_write_errors: u64,
}

impl Loop {
    fn snapshot(&mut self, now_ms: i64) -> Snapshot {
        let view = self.inputs.view.borrow().clone();
        self.seen.retain(|name, _| view.contains_key(name));
        let now_us = now_ms.saturating_mul(1000);
        let mut services = Vec::with_capacity(view.len());
        for s in view.values() {
            let seen = self.seen.entry(s.name.clone()).or_default();
            if seen.status != Some(s.status) {
                if seen.status.is_some() {
                    push_bounded(&mut seen.history, (now_ms, rule_status(s.status)));
                }
                seen.status = Some(s.status);
            }
            if s.restart_count > seen.restart_count {
                for _ in 0..(s.restart_count - seen.restart_count).min(HISTORY_PER_SERVICE as u32) {
                    push_bounded(&mut seen.restarts, now_ms);
                }
            }
            seen.restart_count = s.restart_count;
            let mut snap = ServiceSnapshot::new(&s.name, rule_status(s.status));
            if let Some(w) = self.logs.get(&s.name) {
                snap.log_errors_per_min = w.errors_per_min(now_ms / 1000);
                snap.recent_logs = w.lines.iter().cloned().collect();
            }
            // Planned: a restart under way, a shutdown asked for through
            // krytend (for as long as it stays down), or a restart asked
            // for in the last ten minutes (its grace then ends: not back
            // by then pages). The registry notes the request before the
            // command is sent, so the loop need not catch `restarting`.
            let requested_ms = s.stop_requested_us / 1000;
            snap.stop_requested = s.status == Status::Restarting
                || (s.stop_requested_us > 0
                    && (s.stop_is_shutdown || now_ms.saturating_sub(requested_ms) < PLANNED_STOP_MS));
            snap.config_drift = self.inputs.drift.is_drifted(&s.name);
            snap.history = seen.history.iter().copied().collect();
            snap.restarts = seen.restarts.iter().copied().collect();
            if s.last_heartbeat_us > 0 && s.deadline_us > 0 && s.status.is_up() {
                snap.heartbeat_age_ms = Some(now_us.saturating_sub(s.last_heartbeat_us) / 1000);
                snap.heartbeat_deadline_ms = Some(s.deadline_us.saturating_sub(s.last_heartbeat_us) / 1000);
            }
            services.push(snap);
        }
        let dropped = self.inputs.stats.dropped.load(Relaxed);
        let write_errors = self.inputs.store.stats().write_errors.load(Relaxed);
        let failing_receivers = self
            .handle
            .view
            .lock()
            .map(|v| {
                v.failing_in_a_row
                    .iter()
                    .filter(|(_, n)| **n >= RECEIVER_FAILING_AFTER)
                    .map(|(r, n)| (r.clone(), *n))
                    .collect()
            })
            .unwrap_or_default();
        let counters = Counters {
            ingest_dropped: dropped.saturating_sub(self.last_dropped),
            bus_connected: self.inputs.bus.snapshot().state == "connected",
            store_write_errors: write_errors.saturating_sub(self.last_write_errors),
            failing_receivers,
        };
        self.last_dropped = dropped;
        self.last_write_errors = write_errors;
        Snapshot {
            now_ms,
            services,
            counters,
        }
    }

    fn on_log(&mut self, r: &crate::logs::LogRecord) {
        if !self.logs.contains_key(&r.service) && self.logs.len() >= LOG_SERVICES_MAX {
            return;
        }
        let is_error = r.severity.is_some_and(|s| s <= ERROR_SEVERITY);
        self.logs
            .entry(r.service.clone())
            .or_default()
            .add(now_us() / 1_000_000, is_error, &r.message);
    }

    async fn record(&mut self, t: &Transition) {
        if let Err(e) = self.handle.table.save_transition(t.clone()).await {
            tracing::error!("alerts: could not store a transition: {e}");
        }
        let a = t.alert();
        let (what, payload) = match t {
            Transition::AlertFiring { alert } => ("firing", json!({"kind": "alert_firing", "alert": alert})),
            Transition::AlertResolved { alert, resolved_at_ms } => (
                "resolved",
                json!({"kind": "alert_resolved", "alert": alert, "resolved_at_ms": resolved_at_ms}),
            ),
        };
        let _ = self
            .inputs
            .emit
            .send(Input::Emit {
                subject: alert_subject(what),
                kind: Kind::Alert,
                service: a.labels.get("service").cloned(),
                payload,
            })
            .await;
        // Nobody watching is not an error.
        let _ = self.handle.changes.send(t.clone());
        if let Ok(mut v) = self.handle.view.lock() {
            v.recent.push_back(t.clone());
            while v.recent.len() > RECENT_TRANSITIONS {
                v.recent.pop_front();
            }
        }
    }

    async fn tick(&mut self) {
        let now_ms = now_us() / 1000;
        let snap = self.snapshot(now_ms);
        let transitions = self.engine.evaluate(&snap);
        for t in &transitions {
            self.record(t).await;
            self.router.push(t, now_ms);
        }
        let mut silences = self.handle.table.silences(now_ms).await.unwrap_or_else(|e| {
            tracing::error!("alerts: could not read silences: {e}");
            Vec::new()
        });
        // An active maintenance window silences like a silence that ends
        // with this evaluation.
        for w in self.windows.iter().filter(|w| w.is_active(now_ms)) {
            if let Ok(s) = Silence::new(
                &format!("maintenance:{}", w.name),
                w.matchers.clone(),
                now_ms,
                now_ms + 1,
                "maintenance",
                &w.name,
            ) {
                silences.push(s);
            }
        }
        for n in self.router.due(now_ms, &silences) {
            // Every replica evaluates the same fleet; the leader tells.
            if !self.inputs.leadership.is_leader() {
                self.handle.note_left_to_leader();
                continue;
            }
            let Some(r) = self.receivers.get(&n.receiver).cloned() else {
                tracing::error!("alerts: no receiver {:?}", n.receiver);
                continue;
            };
            // Deliveries retry with back-off: they must not hold up evaluation.
            let client = self.client.clone();
            let handle = self.handle.clone();
            let carried: Vec<String> = n
                .firing
                .iter()
                .chain(&n.resolved)
                .map(|a| a.fingerprint.clone())
                .collect();
            tokio::spawn(async move {
                for rec in r.deliver(&client, &n, now_ms).await {
                    handle.note_delivery(&rec);
                    if let Err(e) = handle.table.record_delivery(rec, carried.clone()).await {
                        tracing::error!("alerts: could not record a delivery: {e}");
                    }
                }
            });
        }
        if let Ok(mut v) = self.handle.view.lock() {
            let mut active: Vec<Alert> = self.engine.alerts().cloned().collect();
            active.sort_by(|a, b| {
                b.severity
                    .cmp(&a.severity)
                    .then(a.active_at_ms.cmp(&b.active_at_ms))
                    .then(a.fingerprint.cmp(&b.fingerprint))
            });
            v.active = active;
            v.engine_dropped = self.engine.dropped();
        }
    }
}

/// Starts the loop; the configuration was validated at startup.
pub async fn start(
    cfg: AlertsConfig,
    inputs: Inputs,
    handle: AlertsHandle,
    cancel: CancellationToken,
) -> Result<tokio::task::JoinHandle<()>, ConfigError> {
    let mut engine = Engine::new(cfg.rule_specs()?);
    let firing = handle.table.firing().await.unwrap_or_else(|e| {
        tracing::error!("alerts: could not restore firing alerts: {e}");
        Vec::new()
    });
    let (routes, fallback) = cfg.routes()?;
    let mut router = Router::new(routes, fallback);
    router.restore_sent(&firing, now_us() / 1000);
    engine.restore(firing);
    let client = reqwest::Client::builder()
        .user_agent(concat!("krytend/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default();
    let mut lp = Loop {
        inputs,
        handle,
        engine,
        router,
        receivers: receivers::build(&cfg.receivers),
        windows: cfg.windows()?,
        client,
        seen: HashMap::new(),
        logs: HashMap::new(),
        last_dropped: 0,
        last_write_errors: 0,
    };
    lp.publish_config(&cfg)?;
    lp.last_dropped = lp.inputs.stats.dropped.load(Relaxed);
    lp.last_write_errors = lp.inputs.store.stats().write_errors.load(Relaxed);
    let mut reloads = lp
        .handle
        .reload_rx
        .lock()
        .ok()
        .and_then(|mut r| r.take())
        .ok_or(ConfigError::NotRunning)?;
    let mut every = cfg.evaluation_interval;
    let mut log_rx = lp.inputs.logs.take();
    Ok(tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = cancel.cancelled() => return,
                _ = tick.tick() => lp.tick().await,
                r = async {
                    match log_rx.as_mut() {
                        Some(rx) => rx.recv().await,
                        None => std::future::pending().await,
                    }
                } => match r {
                    Ok(rec) => lp.on_log(&rec),
                    // Missed lines only make a rate look lower; said in the log.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        tracing::debug!("alerts: {n} log lines missed by the log rules");
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => log_rx = None,
                },
                Some(new) = reloads.recv() => {
                    match lp.apply(&new) {
                        Ok(()) => {
                            if new.evaluation_interval != every {
                                every = new.evaluation_interval;
                                tick = tokio::time::interval(every);
                                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                            }
                            tracing::info!("alerts: rules, routes and receivers reloaded ({} rules)", new.rules.len());
                        }
                        Err(e) => tracing::error!("alerts: reload refused, the running rules stay: {e}"),
                    }
                }
            }
        }
    }))
}
