//! Wires the components together and runs them until shutdown.
//!
//! Start order (each step needs the ones before it):
//! 1. store (opened, schema migrated, writer thread started);
//! 2. registry restored from the store, hub;
//! 3. bus connection;
//! 4. domain handles on the store and bus: tokens, audit, control, configs;
//! 5. bus subscriptions (before any API answers, so a client that sees the
//!    daemon ready can publish and have it recorded);
//! 6. API listeners: HTTP (WebSocket, REST, metrics, health), then gRPC
//!    (unix socket and TCP);
//! 7. ingest: log tailers, config tracker, sequencer, prober, discovery
//!    poller;
//! 8. client config on first start, then `ready`; the service manager is
//!    told once the bus is connected too.
//!
//! Stop order, the reverse, all within `store.shutdown_timeout`:
//! 1. ingest stops (`ingest_stop`: subscriptions, tailers, tracker,
//!    sequencer, prober, poller) and drains into the store;
//! 2. store flush;
//! 3. APIs end their streams and listeners (`api_stop`);
//! 4. bus flushed and closed;
//! 5. store closed and its writer thread joined.
//!
//! Tests run the daemon in-process with [`Daemon::start`].

use std::sync::Arc;

use serde_json::json;
use thiserror::Error;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::{
    api::{self, Bound, Shared},
    audit::Audit,
    auth::Tokens,
    bus::{self, BusSignal},
    config::{Config, ConfigError},
    control::Control,
    hub::Hub,
    ingest::{Sequencer, ServicesView},
    prober,
    protocol::timestamp::now_us,
    registry::Registry,
    stats::IngestStats,
    store::{Store, StoreError},
};

#[derive(Debug, Error)]
pub enum DaemonError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Bus(#[from] bus::BusError),
    #[error(transparent)]
    Api(#[from] api::ApiError),
    #[error("config tracking: {0}")]
    Configs(#[from] crate::configs::ConfigError),
    #[error(transparent)]
    JetStream(#[from] crate::jetstream::JsError),
    /// A long-lived task panicked and could not be restarted: stopping is
    /// better than running half-alive.
    #[error("stopped after a failure: {0}")]
    TaskFailed(String),
}

/// Runs krytend until `shutdown` fires. `ready` is called once the API
/// listeners are bound and ingest runs.
pub async fn run(cfg: Config, shutdown: CancellationToken, ready: impl FnOnce(&Bound)) -> Result<(), DaemonError> {
    // One key list for configs, logs, status and the audit.
    crate::redact::install(&cfg.configs.secret_keys);
    cfg.validate()?;
    let store_cfg = cfg.store_config();
    let (store, writer) = Store::open(store_cfg)?;
    let supervisor = crate::supervise::Supervisor::new();
    let writer = supervisor.watch_thread("store writer", writer.into_handle());
    tracing::info!("store: {}", store.path().display());

    let now = now_us();
    let saved = store.reader().load_services().await?;
    if !saved.is_empty() {
        tracing::info!("restored {} services from the store", saved.len());
    }
    let registry = Registry::restore(cfg.liveness_config(), saved, now).with_admission(cfg.admission_config());
    let hub = Arc::new(Hub::new(cfg.hub.capacity, cfg.hub.max_bytes, store.head_at_open()));
    let stats = Arc::new(IngestStats::default());
    let (signals_tx, mut signals) = mpsc::unbounded_channel();
    let bus = bus::connect(&cfg.nats, stats.clone(), signals_tx.clone()).await?;
    let initial_view: ServicesView = Arc::new(registry.services().map(|s| (s.name.clone(), s.clone())).collect());
    let (view_tx, view_rx) = watch::channel(initial_view);

    let api_stop = CancellationToken::new();
    let (input_tx, input_rx) = mpsc::channel(1024);
    // One failure limit for every API.
    let tokens = Tokens::new(store.token_table()).with_failure_limit(cfg.api.auth_failures_per_minute);
    let audit = Audit::new(store.audit_log());
    let audit_for_replicas = audit.clone();
    let control = Control {
        client: bus.client.clone(),
        audit: audit.clone(),
        view: view_rx.clone(),
        hub: hub.clone(),
        inputs: input_tx.clone(),
    };
    // Replicas on one stream elect a leader; alone (or in core mode) this
    // krytend always leads.
    let leadership = if cfg.jetstream.lease_on(cfg.ingest.mode) {
        crate::jetstream::Leadership::elected(
            cfg.jetstream.replica_name(),
            cfg.jetstream.lease_bucket.clone(),
            cfg.jetstream.stream.clone(),
            cfg.jetstream.lease_ttl,
        )
    } else {
        crate::jetstream::Leadership::sole()
    };
    let mut configs = crate::configs::Configs::new(
        bus.client.clone(),
        store.config_revisions(),
        view_rx.clone(),
        input_tx.clone(),
        cfg.configs.settings(),
    )
    .await?;
    configs.leadership = leadership.clone();
    let shared = Arc::new(Shared {
        hub: hub.clone(),
        store: store.clone(),
        stats: stats.clone(),
        bus: bus.state.clone(),
        view: view_rx,
        started_at_us: now,
        log_file_services: cfg.logs.files.iter().map(|f| f.service.clone()).collect(),
        streams_stop: api_stop.clone(),
        tokens: tokens.clone(),
        audit,
        control,
        configs: configs.clone(),
        tcp_address: std::sync::OnceLock::new(),
        ws_address: std::sync::OnceLock::new(),
        supervisor: supervisor.clone(),
        http_metrics: Default::default(),
        alerts: crate::alert_loop::AlertsHandle::new(store.alert_table()),
        config_path: cfg.source.clone(),
        sign_ins: Default::default(),
    });
    let config_hub = shared.hub.clone();
    // Subscribed before any API answers: a client that sees the daemon
    // ready can publish and have it recorded.
    let ingest_stop = CancellationToken::new();
    let (msg_tx, msg_rx) = flume::bounded(cfg.nats.ingest_queue.max(1));
    // JetStream mode reads a stream instead (the core queue stays open,
    // and empty, so the sequencer runs on).
    let (forwarder, jetstream, js_hooks, _core_queue) = match cfg.ingest.mode {
        crate::jetstream::IngestMode::Core => {
            let budget = crate::budget::ByteBudget::new(cfg.nats.ingest_queue_bytes);
            let _ = stats.queue_budget.set(budget.clone());
            let ingest_client = bus::connect_ingest(&cfg.nats, bus.state.clone(), stats.clone(), signals_tx).await?;
            let f = bus::subscribe_all(
                &ingest_client,
                &cfg.nats.subjects,
                msg_tx,
                stats.clone(),
                budget,
                ingest_stop.clone(),
            )
            .await?;
            (f, None, None, None)
        }
        crate::jetstream::IngestMode::Jetstream => {
            let (consumer, js, hooks) =
                crate::jetstream::start(&bus.client, &cfg, &store, leadership.clone(), ingest_stop.clone()).await?;
            let _ = stats.jetstream.set(js.state.clone());
            if cfg.jetstream.tokens_shared(cfg.ingest.mode) {
                supervisor.watch(
                    "token sharer",
                    tokio::spawn(crate::jetstream::tokens::run(
                        async_nats::jetstream::new(bus.client.clone()),
                        cfg.jetstream.tokens_bucket.clone(),
                        cfg.jetstream.replicas,
                        tokens.clone(),
                        js.state.clone(),
                        ingest_stop.clone(),
                    )),
                );
            }
            (consumer, Some(js), Some(hooks), Some(msg_tx))
        }
    };
    let forwarder = supervisor.watch("bus subscriber", forwarder);
    let ws_task = match cfg.websocket.listen {
        Some(addr) => {
            let (local, task) =
                api::ws::serve(shared.clone(), addr, cfg.websocket.settings(), api_stop.clone()).await?;
            let (ws, http) = match cfg.websocket.tls_cert {
                Some(_) => ("wss", "https"),
                None => ("ws", "http"),
            };
            let _ = shared.ws_address.set(format!("{ws}://{local}/ws"));
            tracing::info!("HTTP on {http}://{local}/ (WebSocket API: {ws}://{local}/ws, REST: /api/v1, /metrics)");
            Some(supervisor.watch("WebSocket listener", task))
        }
        None => None,
    };
    let alerts_view = shared.view.clone();
    if cfg.jetstream.kv_mirror_on(cfg.ingest.mode) {
        let kv = crate::jetstream::kv::start(
            bus.client.clone(),
            &cfg.jetstream,
            &hub,
            shared.view.clone(),
            leadership.clone(),
            ingest_stop.clone(),
        );
        let _ = stats.kv_mirror.set(kv);
    }
    let alerts_handle = shared.alerts.clone();
    let reload_parts = (shared.alerts.clone(), shared.audit.clone());
    let (bound, api_task) = api::serve(shared, &cfg.api, api_stop.clone()).await?;
    let api_task = supervisor.watch("API listener", api_task);

    let (ping_tx, ping_rx) = mpsc::channel(1024);
    let robot_inputs = input_tx.clone();
    let robot_timeout = cfg.liveness.ping_timeout;
    let alerts_stats = stats.clone();
    let mut sequencer = Sequencer::new(registry, hub.clone(), store.clone(), stats, view_tx, cfg.liveness.tick);
    sequencer.max_log_line = cfg.logs.max_line_bytes;
    sequencer.bus = Some(bus.state.clone());
    let mut js_hooks = js_hooks;
    if let Some(h) = js_hooks.as_mut().filter(|_| cfg.jetstream.lease_on(cfg.ingest.mode)) {
        h.audit = Some(audit_for_replicas.clone());
        supervisor.watch(
            "audit sharer",
            tokio::spawn(crate::jetstream::audit::run(
                audit_for_replicas.clone(),
                h.own.clone(),
                h.replica.clone(),
                ingest_stop.clone(),
            )),
        );
    }
    sequencer.jetstream = js_hooks;
    spawn_tailers(&cfg, &store, input_tx.clone(), ingest_stop.clone(), &supervisor).await?;
    // The config tracker keeps its state in the store: a fresh one resumes.
    let tracker_stop = ingest_stop.clone();
    let drift_board = configs.drift.clone();
    supervisor.spawn_restarting("config tracker", ingest_stop.clone(), move || {
        configs.clone().run(config_hub.clone(), tracker_stop.clone())
    });
    // The sequencer owns the registry and the numbering: it cannot be
    // restarted in place, so its panic stops the daemon.
    let seq_task = supervisor.spawn_critical(
        "sequencer",
        sequencer.run(msg_rx, input_rx, ping_tx, ingest_stop.clone()),
    );
    // Alerts read the fleet the sequencer keeps; their events go back
    // through it to be numbered and recorded.
    let alerts_task = crate::alert_loop::start(
        cfg.alerts.clone(),
        crate::alert_loop::Inputs {
            view: alerts_view,
            stats: alerts_stats,
            bus: bus.state.clone(),
            store: store.clone(),
            emit: input_tx.clone(),
            logs: Some(hub.subscribe_logs_internal()),
            drift: drift_board,
            leadership: leadership.clone(),
        },
        alerts_handle,
        ingest_stop.clone(),
    )
    .await
    .map_err(|e| DaemonError::Config(ConfigError::Invalid(e.to_string())))?;
    supervisor.watch("alert loop", alerts_task);
    if let Some(path) = cfg.source.clone() {
        let (alerts, audit) = reload_parts;
        supervisor.watch(
            "config reloader",
            tokio::spawn(crate::reload::on_sighup(path, alerts, audit, ingest_stop.clone())),
        );
    }
    supervisor.spawn_critical(
        "prober",
        prober::run(
            bus.client.clone(),
            ping_rx,
            input_tx,
            cfg.liveness.ping_timeout,
            leadership.clone(),
            ingest_stop.clone(),
        ),
    );

    // Ask the fleet to re-announce itself whenever we (re)connect: services
    // may have come and gone while we could not see the bus.
    let poll_client = bus.client.clone();
    let poll_enabled = cfg.discovery_poll;
    let poll_stop = ingest_stop.clone();
    let poll_leadership = leadership.clone();
    let outage_inputs = robot_inputs.clone();
    let mut became_leader = leadership.subscribe();
    supervisor.spawn_critical("discovery poller", async move {
        loop {
            // A replica that becomes leader asks too: the fleet may have
            // changed while the old leader was dying.
            let sig = tokio::select! {
                _ = poll_stop.cancelled() => return,
                s = signals.recv() => s,
                Ok(()) = became_leader.changed() => {
                    if !*became_leader.borrow_and_update() {
                        continue;
                    }
                    Some(BusSignal::Connected)
                }
            };
            match sig {
                // A `Connected` follows, which asks the fleet again.
                Some(BusSignal::IngestOutage { from_us, to_us }) => {
                    let _ = outage_inputs.send(crate::ingest::outage_gap(from_us, to_us)).await;
                }
                Some(BusSignal::Connected) => {
                    if !poll_leadership.is_leader() {
                        continue;
                    }
                    // The robot ignores discovery polls; its own registry
                    // names it and the fleet it has seen.
                    tokio::spawn(prober::learn_from_robot(
                        poll_client.clone(),
                        robot_inputs.clone(),
                        robot_timeout,
                    ));
                    if !poll_enabled {
                        continue;
                    }
                    let body = json!({
                        "timestamp": crate::protocol::timestamp::format_us(now_us()),
                        "requester": "krytend",
                    });
                    if let Err(e) = poll_client
                        .publish(crate::protocol::wire::DISCOVERY_POLL_SUBJECT, body.to_string().into())
                        .await
                    {
                        tracing::warn!("cannot publish the discovery poll: {e}");
                    }
                }
                None => return,
            }
        }
    });

    if let Some(p) = &bound.socket {
        tracing::info!("API listening on unix://{}", p.display());
    }
    if let Some(a) = &bound.tcp {
        tracing::info!("API listening on http://{a}");
    }
    if let Err(e) = crate::client_config::first_start(&cfg, &tokens, bound.socket.as_deref(), bound.tcp).await {
        tracing::warn!("could not write the client config: {e}");
    }
    ready(&bound);
    tokio::spawn(crate::service_manager::ready_when_connected(bus.state.clone()));

    let failure = tokio::select! {
        _ = shutdown.cancelled() => None,
        why = supervisor.failed() => Some(why),
    };
    crate::service_manager::stopping();
    // Everything below is bounded: a stop must not hang on a failing store
    // (what could not be flushed is logged here and reported as a gap at
    // the next start).
    let bound = cfg.store.shutdown_timeout;
    let deadline = tokio::time::Instant::now() + bound;
    store.set_shutdown_deadline(deadline.into_std());
    tracing::info!("shutting down: stopping ingest and flushing the store (at most {bound:?})");
    ingest_stop.cancel();
    let drained = tokio::time::timeout_at(deadline, async {
        let _ = forwarder.await;
        let _ = seq_task.await;
        if let Err(e) = store.flush().await {
            tracing::error!("final flush failed: {e}");
        }
        // What was committed is acknowledged before the bus closes.
        if let Some(js) = jetstream {
            js.finish(deadline).await;
        }
    })
    .await
    .is_ok();
    api_stop.cancel();
    let grace = deadline.max(tokio::time::Instant::now() + std::time::Duration::from_millis(500));
    let _ = tokio::time::timeout_at(grace, api_task).await;
    if let Some(t) = ws_task {
        let _ = tokio::time::timeout_at(grace, t).await;
    }
    // With the bus gone, a flush would wait for a reconnect forever.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2).min(bound), bus.client.flush()).await;
    drop(bus);
    let handed = hub.last_seq();
    let stats_store = store.clone();
    let closed = tokio::time::timeout_at(grace, async move {
        store.close().await;
        // The writer may be stuck in SQLite: main ends the runtime with a
        // short shutdown timeout, so this wait is the only bound needed.
        let _ = writer.await;
    })
    .await
    .is_ok();
    let committed = stats_store.committed_seq();
    // The writer may have been the one to fail, only now.
    if let Some(why) = failure.or_else(|| supervisor.failure()) {
        tracing::error!("stopped after a failure: {why}; last committed event #{committed}");
        return Err(DaemonError::TaskFailed(why));
    }
    if drained && closed {
        tracing::info!("stopped cleanly; last committed event #{committed}");
    } else {
        let st = stats_store.stats();
        use std::sync::atomic::Ordering::Relaxed;
        tracing::error!(
            "stopped at the shutdown bound ({bound:?}) without a complete flush: {} numbers handed out after the \
             last committed #{committed} (up to #{handed}) and {} queued writes were not flushed; {} events and {} \
             log records were dropped earlier; the next start reports the lost range as a gap",
            handed.saturating_sub(committed),
            stats_store.queue_depth(),
            st.dropped_events.load(Relaxed),
            st.dropped_logs.load(Relaxed),
        );
    }
    Ok(())
}

/// One tailer per configured log file, resuming from committed offsets,
/// feeding the sequencer.
async fn spawn_tailers(
    cfg: &Config,
    store: &Store,
    inputs: mpsc::Sender<crate::ingest::Input>,
    stop: CancellationToken,
    supervisor: &crate::supervise::Supervisor,
) -> Result<(), DaemonError> {
    if cfg.logs.files.is_empty() {
        return Ok(());
    }
    let offsets = store.reader().file_offsets().await?;
    for f in &cfg.logs.files {
        let (tx, mut rx) = mpsc::channel(1024);
        let spec = crate::logs::tailer::TailSpec {
            service: f.service.clone(),
            path: f.path.clone(),
            poll: cfg.logs.poll_interval,
            max_line: cfg.logs.max_line_bytes,
            resume: offsets.get(&f.path.display().to_string()).copied(),
            follow_symlinks: f.follow_symlinks.unwrap_or(cfg.logs.follow_symlinks),
        };
        tracing::info!("tailing {} as the logs of {}", f.path.display(), f.service);
        // A restarted tailer would resume from stale offsets: critical.
        supervisor.spawn_critical(
            format!("log tailer {}", f.path.display()),
            crate::logs::tailer::run(spec, tx, stop.clone()),
        );
        let inputs = inputs.clone();
        supervisor.spawn_critical("log line forwarder", async move {
            while let Some(line) = rx.recv().await {
                if inputs.send(crate::ingest::Input::FileLine(line)).await.is_err() {
                    return;
                }
            }
        });
    }
    Ok(())
}

/// The daemon run in-process (tests, embedding): [`Daemon::start`] returns
/// once the API listeners are bound and ingest runs.
pub struct Daemon;

/// A started daemon; [`RunningDaemon::stop`] runs the documented stop order.
pub struct RunningDaemon {
    /// Where the API listens (a TCP port of 0 is resolved).
    pub bound: Bound,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<Result<(), DaemonError>>,
}

impl Daemon {
    /// Starts the components in the documented order. A failure before the
    /// daemon is ready is returned here.
    pub async fn start(cfg: Config) -> Result<RunningDaemon, DaemonError> {
        let shutdown = CancellationToken::new();
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let stop = shutdown.clone();
        let mut task = tokio::spawn(async move {
            run(cfg, stop, move |bound| {
                let _ = ready_tx.send(bound.clone());
            })
            .await
        });
        tokio::select! {
            bound = ready_rx => match bound {
                Ok(bound) => Ok(RunningDaemon { bound, shutdown, task }),
                // `run` returned (or panicked) before calling `ready`.
                Err(_) => Err(join_result(task.await)),
            },
            ended = &mut task => Err(join_result(ended)),
        }
    }
}

/// The error of a daemon task that ended before it was ready.
fn join_result(ended: Result<Result<(), DaemonError>, tokio::task::JoinError>) -> DaemonError {
    match ended {
        Ok(Err(e)) => e,
        Ok(Ok(())) => DaemonError::TaskFailed("stopped before it was ready".into()),
        Err(e) => DaemonError::TaskFailed(format!("daemon task: {e}")),
    }
}

impl RunningDaemon {
    /// Stops in the documented order (bounded by `store.shutdown_timeout`)
    /// and returns how the daemon ended.
    pub async fn stop(self) -> Result<(), DaemonError> {
        self.shutdown.cancel();
        self.task
            .await
            .unwrap_or_else(|e| Err(DaemonError::TaskFailed(format!("daemon task: {e}"))))
    }
}
