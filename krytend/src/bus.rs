//! The NATS connections: connect (forever, with backoff), subscribe, and
//! keep the connection state visible.
//!
//! In core mode the recorded subjects have a connection of their own, so
//! that the client's count of messages read is the ingest's alone and
//! every message the client drops can be counted ([`drops`]); requests,
//! publishes and JetStream use the main one.

pub mod drops;

use std::sync::{Arc, Mutex};

use async_nats::{Client, ConnectOptions, Event};
use std::task::Poll;

use futures::StreamExt;
use thiserror::Error;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use serde::{Deserialize, Serialize};

use crate::{protocol::timestamp::now_us, stats::IngestStats};

#[derive(Debug, Error)]
pub enum BusError {
    #[error("cannot read NATS credentials file {path}: {source}")]
    Creds { path: String, source: std::io::Error },
    #[error("cannot connect to NATS at {servers}: {source}")]
    Connect {
        servers: String,
        source: async_nats::ConnectError,
    },
    #[error("no usable NATS server URL in {servers}: {reasons}")]
    NoServers { servers: String, reasons: String },
    #[error("cannot start the bus forwarder: {0}")]
    Forwarder(std::io::Error),
    #[error("cannot subscribe to {subject}: {source}")]
    Subscribe {
        subject: String,
        source: async_nats::SubscribeError,
    },
}

/// What `Status` shows about the connection.
#[derive(Debug, Clone)]
pub struct BusSnapshot {
    pub state: &'static str,
    pub since_us: i64,
    pub reconnects: u64,
    pub servers: Vec<String>,
    pub subjects: Vec<String>,
    pub last_error: String,
    /// When `last_error` happened (0: never). Older than `since_us` while
    /// connected means it was before the current connection.
    pub last_error_us: i64,
}

impl BusSnapshot {
    fn note_error(&mut self, msg: String) {
        self.last_error = msg;
        self.last_error_us = now_us();
    }
}

#[derive(Debug)]
pub struct BusState {
    inner: Mutex<BusSnapshot>,
    /// The ingest connection (core mode) is down while the main one may
    /// be up: nothing is being recorded, so the bus is not "connected".
    ingest_down: std::sync::atomic::AtomicBool,
}

impl BusState {
    fn new(cfg: &NatsConfig) -> Self {
        Self {
            inner: Mutex::new(BusSnapshot {
                state: "connecting",
                since_us: now_us(),
                reconnects: 0,
                servers: cfg.servers.iter().map(|s| redact_url(s)).collect(),
                subjects: cfg.subjects.clone(),
                last_error: String::new(),
                last_error_us: 0,
            }),
            ingest_down: std::sync::atomic::AtomicBool::new(false),
        }
    }

    pub fn snapshot(&self) -> BusSnapshot {
        let mut s = match self.inner.lock() {
            Ok(s) => s.clone(),
            Err(p) => p.into_inner().clone(),
        };
        if s.state == "connected" && self.ingest_down.load(std::sync::atomic::Ordering::Acquire) {
            s.state = "reconnecting";
        }
        s
    }

    pub fn is_connected(&self) -> bool {
        self.snapshot().state == "connected"
    }

    /// Logs an error one connection reported and keeps it for `status`.
    fn note_error(&self, side: &str, connection: &str, e: &dyn std::fmt::Display) {
        let msg = format!("{connection}{e}");
        tracing::warn!("NATS {side} error: {msg}");
        self.update(|s| s.note_error(msg));
    }

    fn update(&self, f: impl FnOnce(&mut BusSnapshot)) {
        match self.inner.lock() {
            Ok(mut s) => f(&mut s),
            Err(p) => f(&mut p.into_inner()),
        }
    }
}

/// Connection events the daemon reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusSignal {
    Connected,
    /// The ingest connection is back after an outage (microseconds, from
    /// the disconnect to the reconnect). Core NATS keeps nothing for a
    /// subscriber that is away, so what was published meanwhile was not
    /// recorded, and how much is unknown: the stream must say so.
    IngestOutage {
        from_us: i64,
        to_us: i64,
    },
}

pub struct Bus {
    pub client: Client,
    pub state: Arc<BusState>,
}

/// `nats://user:pass@host` → `nats://user:***@host` (and the scheme-less
/// `user:pass@host`), so no password is ever shown or logged.
pub fn redact_url(url: &str) -> String {
    crate::redact::url(url)
}

/// The options both connections share: credentials, TLS, reconnecting
/// forever.
async fn base_options(cfg: &NatsConfig) -> Result<ConnectOptions, BusError> {
    let mut opts = match &cfg.creds_file {
        Some(path) => ConnectOptions::with_credentials_file(path.clone())
            .await
            .map_err(|source| BusError::Creds {
                path: path.display().to_string(),
                source,
            })?,
        None => ConnectOptions::new(),
    };
    if let (Some(user), Some(pass)) = (&cfg.user, &cfg.password) {
        opts = opts.user_and_password(user.clone(), pass.clone());
    }
    if let Some(token) = &cfg.token {
        opts = opts.token(token.clone());
    }
    if let Some(ca) = &cfg.tls_ca {
        opts = opts.add_root_certificates(ca.clone()).require_tls(true);
    }
    Ok(opts.retry_on_initial_connect().max_reconnects(None))
}

/// The servers that parse; an error if none does (the client would try
/// an empty list in a busy loop forever).
fn server_addrs(cfg: &NatsConfig) -> Result<Vec<async_nats::ServerAddr>, BusError> {
    let mut reasons = Vec::new();
    let addrs: Vec<async_nats::ServerAddr> = cfg
        .servers
        .iter()
        .filter_map(|s| match s.parse() {
            Ok(a) => Some(a),
            Err(e) => {
                tracing::error!("ignoring NATS server {}: {e}", redact_url(s));
                reasons.push(format!("{}: {e}", redact_url(s)));
                None
            }
        })
        .collect();
    if addrs.is_empty() {
        return Err(BusError::NoServers {
            servers: cfg.servers.iter().map(|s| redact_url(s)).collect::<Vec<_>>().join(","),
            reasons: if reasons.is_empty() {
                "none given".into()
            } else {
                reasons.join("; ")
            },
        });
    }
    Ok(addrs)
}

async fn open(cfg: &NatsConfig, opts: ConnectOptions) -> Result<Client, BusError> {
    opts.connect(server_addrs(cfg)?)
        .await
        .map_err(|source| BusError::Connect {
            servers: cfg.servers.iter().map(|s| redact_url(s)).collect::<Vec<_>>().join(","),
            source,
        })
}

/// The main connection: requests, publishes, JetStream, and (through its
/// events) the bus state shown in `status`.
pub async fn connect(
    cfg: &NatsConfig,
    stats: Arc<IngestStats>,
    signals: mpsc::UnboundedSender<BusSignal>,
) -> Result<Bus, BusError> {
    let state = Arc::new(BusState::new(cfg));
    let ev_state = state.clone();
    let opts = base_options(cfg).await?.name(&cfg.name).event_callback(move |event| {
        let state = ev_state.clone();
        let stats = stats.clone();
        let signals = signals.clone();
        async move {
            match event {
                Event::Connected => {
                    state.update(|s| {
                        if s.state != "connecting" {
                            s.reconnects += 1;
                        }
                        s.state = "connected";
                        s.since_us = now_us();
                    });
                    tracing::info!("connected to NATS");
                    let _ = signals.send(BusSignal::Connected);
                }
                Event::Disconnected => {
                    state.update(|s| {
                        s.state = "reconnecting";
                        s.since_us = now_us();
                    });
                    tracing::warn!("lost the NATS connection; reconnecting");
                }
                Event::SlowConsumer(_) => {
                    // Only replies subscribe here; a dropped one is a
                    // request that times out, which its caller reports.
                    IngestStats::add(&stats.slow_consumer_events, 1);
                }
                Event::ClientError(e) => state.note_error("client", "", &e),
                Event::ServerError(e) => state.note_error("server", "", &e),
                Event::Closed => state.update(|s| {
                    s.state = "closed";
                    s.since_us = now_us();
                }),
                Event::LameDuckMode | Event::Draining => {}
            }
        }
    });
    let client = open(cfg, opts).await?;
    Ok(Bus { client, state })
}

/// The ingest connection (core mode): only the recorded subjects'
/// subscriptions, with `subscription_capacity` messages buffered each. Its
/// state joins the main connection's: down here means not recording.
pub async fn connect_ingest(
    cfg: &NatsConfig,
    state: Arc<BusState>,
    stats: Arc<IngestStats>,
    signals: mpsc::UnboundedSender<BusSignal>,
) -> Result<Client, BusError> {
    // Not recording until this one is connected too.
    state.ingest_down.store(true, std::sync::atomic::Ordering::Release);
    let connected_once = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // When the connection was lost (0: it is up).
    let down_since_us = Arc::new(std::sync::atomic::AtomicI64::new(0));
    let ev_state = state.clone();
    let opts = base_options(cfg)
        .await?
        .name(format!("{}-ingest", cfg.name))
        .subscription_capacity(cfg.subscription_capacity.max(1))
        .event_callback(move |event| {
            let state = ev_state.clone();
            let stats = stats.clone();
            let signals = signals.clone();
            let connected_once = connected_once.clone();
            let down_since_us = down_since_us.clone();
            async move {
                match event {
                    Event::Connected => {
                        state.ingest_down.store(false, std::sync::atomic::Ordering::Release);
                        let from_us = down_since_us.swap(0, std::sync::atomic::Ordering::AcqRel);
                        // The first connect is the main connection's news.
                        if connected_once.swap(true, std::sync::atomic::Ordering::AcqRel) {
                            state.update(|s| s.reconnects += 1);
                            tracing::info!("the ingest connection to NATS is back");
                            // The client drops its notices when their queue
                            // (128) is full, as in a storm of slow-consumer
                            // notices before the server cuts the connection:
                            // a reconnect without its disconnect still means
                            // an outage, of unknown start (0).
                            let _ = signals.send(BusSignal::IngestOutage {
                                from_us,
                                to_us: now_us(),
                            });
                            // What was published meanwhile was not seen:
                            // the fleet is asked again, as on any reconnect.
                            let _ = signals.send(BusSignal::Connected);
                        }
                    }
                    Event::Disconnected => {
                        state.ingest_down.store(true, std::sync::atomic::Ordering::Release);
                        // The first loss of an outage marks its start.
                        let _ = down_since_us.compare_exchange(
                            0,
                            now_us(),
                            std::sync::atomic::Ordering::AcqRel,
                            std::sync::atomic::Ordering::Acquire,
                        );
                        tracing::warn!("lost the ingest connection to NATS; reconnecting");
                    }
                    Event::SlowConsumer(_) => {
                        // A notice only: the notices themselves are dropped
                        // under load, so the subscriber counts the drops
                        // from the client's read count instead (`drops`).
                        IngestStats::add(&stats.slow_consumer_events, 1);
                    }
                    Event::ClientError(e) => state.note_error("client", "ingest connection: ", &e),
                    Event::ServerError(e) => state.note_error("server", "ingest connection: ", &e),
                    Event::Closed => state.ingest_down.store(true, std::sync::atomic::Ordering::Release),
                    Event::LameDuckMode | Event::Draining => {}
                }
            }
        });
    open(cfg, opts).await
}

/// Subscribes to every configured subject and forwards messages into one
/// bounded queue without ever waiting: if the queue is full the message is
/// counted as dropped. Returns when `cancel` fires (subscriptions closed).
pub async fn subscribe_all(
    client: &Client,
    subjects: &[String],
    tx: flume::Sender<async_nats::Message>,
    stats: Arc<IngestStats>,
    budget: Arc<crate::budget::ByteBudget>,
    cancel: CancellationToken,
) -> Result<tokio::task::JoinHandle<()>, BusError> {
    let mut subs = Vec::new();
    for subject in subjects {
        let sub = client
            .subscribe(subject.clone())
            .await
            .map_err(|source| BusError::Subscribe {
                subject: subject.clone(),
                source,
            })?;
        subs.push(sub);
    }
    // Readiness is announced after this returns: the server must have the
    // subscriptions by then, or a message published right after could be
    // missed. Bounded, since the bus may be down (they are sent again on
    // reconnect).
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), client.flush()).await;
    let read = client.statistics();
    // The task holds the connection open (the caller may drop its handle).
    let client = client.clone();
    // On a thread of its own: the bus client's buffer is small, and this
    // loop must drain it even while the runtime's workers are busy with
    // a burst (sequencing, hub, API). It does little per message.
    let forward = async move {
        let _connection = client;
        let mut subs = Subscriptions { subs };
        let mut ledger = drops::DropLedger::default();
        let mut taken: u64 = 0;
        loop {
            if cancel.is_cancelled() {
                break;
            }
            // Loaded before the channels are polled: if they are all empty
            // then, every message this count includes was taken, dropped,
            // or is the one the client is queueing right now.
            let read_before = read.in_messages.load(std::sync::atomic::Ordering::Acquire);
            let now = subs.poll_any(&mut std::task::Context::from_waker(futures::task::noop_waker_ref()));
            let msg = match now {
                Poll::Ready(Some(m)) => m,
                Poll::Ready(None) => break,
                Poll::Pending => {
                    let new = ledger.idle(read_before, taken, std::time::Instant::now());
                    if new > 0 {
                        IngestStats::add(&stats.dropped, new);
                        IngestStats::add(&stats.dropped_by_client, new);
                    }
                    tokio::select! {
                        biased;
                        _ = cancel.cancelled() => break,
                        m = std::future::poll_fn(|cx| subs.poll_any(cx)) => match m {
                            Some(m) => m,
                            None => break,
                        },
                        // Nothing more came: look again, to settle the count.
                        _ = tokio::time::sleep(drops::SETTLE), if ledger.unsettled() => continue,
                    }
                }
            };
            taken += 1;
            IngestStats::add(&stats.received, 1);
            // Bytes first: a burst of large messages must not hold more
            // memory than the budget, whatever the queue's count bound.
            let cost = crate::budget::message_cost(&msg);
            if !budget.try_charge(cost) {
                IngestStats::add(&stats.dropped, 1);
                IngestStats::add(&stats.dropped_over_budget, 1);
                continue;
            }
            match tx.try_send(msg) {
                Ok(()) => {}
                Err(flume::TrySendError::Full(_)) => {
                    budget.release(cost);
                    IngestStats::add(&stats.dropped, 1);
                }
                Err(flume::TrySendError::Disconnected(_)) => {
                    budget.release(cost);
                    break;
                }
            }
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .thread_name("bus-forwarder")
        .build()
        .map_err(BusError::Forwarder)?;
    // Unconstrained: the runtime's cooperative budget would otherwise make
    // a channel holding messages answer "nothing yet" every so often,
    // which the drop count would take for an empty buffer.
    Ok(tokio::task::spawn_blocking(move || {
        runtime.block_on(tokio::task::unconstrained(forward))
    }))
}

/// The ingest subscriptions, in the order of `nats.subjects`.
struct Subscriptions {
    subs: Vec<async_nats::Subscriber>,
}

impl Subscriptions {
    /// The next message of the first subscription that has one; `Pending`
    /// only when every one is empty (and then each will wake `cx`).
    ///
    /// The server sends one ordered stream, which the client splits by
    /// subscription, so the order between subscriptions is lost once two
    /// hold messages. Taking the earlier-listed first keeps a request on
    /// `kryten.>` ahead of its reply on `_INBOX.>` (listed after it); a
    /// later subscription waits while an earlier one is flooded, and
    /// what overflows its buffer is counted like any drop.
    ///
    /// `None` when one has ended: its subject is no longer recorded, so
    /// the forwarder stops (and its supervisor says so) rather than go on
    /// half-alive.
    fn poll_any(&mut self, cx: &mut std::task::Context<'_>) -> Poll<Option<async_nats::Message>> {
        if self.subs.is_empty() {
            return Poll::Ready(None);
        }
        for sub in &mut self.subs {
            match sub.poll_next_unpin(cx) {
                Poll::Ready(m) => return Poll::Ready(m),
                Poll::Pending => {}
            }
        }
        Poll::Pending
    }
}

/// The `nats:` configuration section; kept here so the bus takes nothing from `config`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NatsConfig {
    pub servers: Vec<String>,
    pub user: Option<String>,
    pub password: Option<String>,
    pub token: Option<String>,
    pub creds_file: Option<std::path::PathBuf>,
    pub tls_ca: Option<std::path::PathBuf>,
    /// Subjects recorded and tracked.
    pub subjects: Vec<String>,
    /// Messages the bus client may buffer per subscription.
    pub subscription_capacity: usize,
    /// Messages buffered between the bus client and the sequencer...
    pub ingest_queue: usize,
    /// ...and the bytes they may hold (payload, subject, headers and a
    /// fixed overhead each); beyond either, a message is dropped, counted.
    pub ingest_queue_bytes: u64,
    pub name: String,
}

impl Default for NatsConfig {
    fn default() -> Self {
        Self {
            servers: vec!["nats://127.0.0.1:4222".into()],
            user: None,
            password: None,
            token: None,
            creds_file: None,
            tls_ca: None,
            subjects: vec!["kryten.>".into()],
            // Small, since it is bounded by count only: a burst then
            // waits in the byte-bounded queue behind it, or is dropped,
            // counted (`drops`).
            subscription_capacity: 16_384,
            ingest_queue: 262_144,
            ingest_queue_bytes: 40 * 1024 * 1024,
            name: "krytend".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_in_urls_are_redacted() {
        assert_eq!(redact_url("nats://u:secret@h:4222"), "nats://u:***@h:4222");
        assert_eq!(redact_url("nats://tok@h:4222"), "nats://***@h:4222");
        assert_eq!(redact_url("nats://h:4222"), "nats://h:4222");
        assert_eq!(redact_url("h:4222"), "h:4222");
    }
}
