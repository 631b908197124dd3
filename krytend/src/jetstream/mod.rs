//! JetStream ingest (`ingest.mode: jetstream`): the recorded subjects are
//! captured by a stream, which is the buffer; krytend reads it with a
//! durable pull consumer and acknowledges a message only once its row is
//! committed, so nothing is lost across restarts, crashes or bursts.
//!
//! - `start` ensures (or checks) the stream and the consumer, and claims
//!   the store for the stream (see `store::stream`).
//! - The consumer task hands messages to the sequencer (`ingest.rs`) with
//!   their stream sequence, which becomes the event's number.
//! - The sequencer queues an `Op::Notify` after each group of messages;
//!   the acker acknowledges the group once the writer answers that it is
//!   committed, and asks for it again (NAK) if it was dropped.
//! - krytend's own events (status changes, gaps, alerts, ...) are
//!   published into the stream (`own.rs`) and numbered by it when read
//!   back, so every reader of the stream numbers every event alike.
//!
//! The design is written down in docs/architecture.md ("JetStream ingest").

pub mod audit;
pub mod config;
pub mod kv;
pub mod lease;
mod own;
pub mod tokens;

use std::{
    collections::HashSet,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use async_nats::jetstream::{
    self,
    consumer::{pull, AckPolicy, DeliverPolicy, PullConsumer},
    message::{AckKind, Acker},
    stream,
};
use futures::StreamExt;
use thiserror::Error;
use tokio::{sync::mpsc, task::JoinHandle};
use tokio_util::sync::CancellationToken;

pub use config::{IngestMode, IngestSection, JetStreamSection, OWN_SUBJECTS};
pub use lease::Leadership;
pub use own::{origin, own_event, ping_outcome, ping_payload, OwnPublisher};

use crate::{protocol::timestamp::now_us, store::Store};

#[derive(Debug, Error)]
pub enum JsError {
    #[error("JetStream ingest: {0}")]
    Setup(String),
}

/// What `status` shows about JetStream ingest.
#[derive(Debug, Default)]
pub struct JsState {
    pub stream: String,
    pub consumer: String,
    pub subjects: Vec<String>,
    pub replicas: u64,
    /// Messages in the stream not yet delivered to krytend (its lag).
    pub num_pending: AtomicU64,
    /// Delivered, not yet acknowledged (not yet committed).
    pub num_ack_pending: AtomicU64,
    pub stream_messages: AtomicU64,
    pub stream_last_seq: AtomicU64,
    /// The consumer's acknowledged floor (everything up to it is stored).
    pub ack_floor: AtomicU64,
    /// Deliveries of messages stored already (after a crash), acknowledged
    /// and not stored again.
    pub duplicates_skipped: AtomicU64,
    /// Messages asked for again because their batch was not stored.
    pub nacked: AtomicU64,
    /// Sequence numbers the stream no longer had when krytend got there
    /// (removed by its limits before they were read): told by gap events.
    pub stream_lost: AtomicU64,
    pub own_published: AtomicU64,
    /// Own events that could not be published (queue full, or the stream
    /// refused them until the stop).
    pub own_lost: AtomicU64,
    /// Own events a follower did not publish: the leader publishes them.
    pub own_left_to_leader: AtomicU64,
    /// Shared tokens (`tokens.rs`): this replica's written to the bucket,
    /// others' applied here, names held by different tokens, and records
    /// that were not token records.
    pub tokens_shared: AtomicU64,
    pub tokens_applied: AtomicU64,
    pub tokens_conflicts: AtomicU64,
    pub tokens_refused: AtomicU64,
    pub last_error: Mutex<String>,
    /// The leader lease (always leader when it is off).
    pub lease: Option<Leadership>,
}

impl JsState {
    fn note_error(&self, e: String) {
        tracing::warn!("JetStream ingest: {e}");
        if let Ok(mut l) = self.last_error.lock() {
            *l = e;
        }
    }

    pub fn last_error(&self) -> String {
        self.last_error.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// The `status` message of JetStream ingest.
pub fn status_pb(j: &JsState) -> kryten_proto::v1::JetStreamIngest {
    let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let lease = j.lease.as_ref().map(|l| l.state()).filter(|l| l.elected);
    kryten_proto::v1::JetStreamIngest {
        stream: j.stream.clone(),
        consumer: j.consumer.clone(),
        subjects: j.subjects.clone(),
        replicas: j.replicas.min(u64::from(u32::MAX)) as u32,
        num_pending: g(&j.num_pending),
        num_ack_pending: g(&j.num_ack_pending),
        stream_messages: g(&j.stream_messages),
        stream_last_seq: g(&j.stream_last_seq),
        ack_floor: g(&j.ack_floor),
        duplicates_skipped: g(&j.duplicates_skipped),
        redelivery_requests: g(&j.nacked),
        stream_lost: g(&j.stream_lost),
        own_published: g(&j.own_published),
        own_lost: g(&j.own_lost),
        last_error: j.last_error(),
        replica: lease.map(|l| l.replica.clone()).unwrap_or_default(),
        role: lease.map(|l| l.role().to_string()).unwrap_or_default(),
        leader: lease.map(|l| l.holder()).unwrap_or_default(),
        role_since_us: lease.map(|l| l.role_since_us()).unwrap_or_default(),
        lease_ttl_ms: lease
            .map(|l| l.ttl.as_millis().min(u128::from(u32::MAX)) as u32)
            .unwrap_or_default(),
        leaderships: lease.map(|l| l.leaderships()).unwrap_or_default(),
        own_left_to_leader: g(&j.own_left_to_leader),
        tokens_shared: g(&j.tokens_shared),
        tokens_applied: g(&j.tokens_applied),
        tokens_conflicts: g(&j.tokens_conflicts),
        tokens_refused: g(&j.tokens_refused),
    }
}

/// One message read from the stream.
pub struct Delivery {
    pub msg: async_nats::Message,
    /// The stream sequence: the event's number.
    pub seq: u64,
    /// When the stream stored it: the event's receive time.
    pub published_us: i64,
    pub ack: Acker,
}

/// Deliveries the sequencer has queued for the store, behind one notice.
pub struct AckGroup {
    pub committed: tokio::sync::oneshot::Receiver<bool>,
    pub deliveries: Vec<(u64, Acker)>,
}

/// What the sequencer needs in JetStream mode.
pub struct Hooks {
    pub deliveries: flume::Receiver<Delivery>,
    pub own: OwnPublisher,
    pub acks: mpsc::UnboundedSender<AckGroup>,
    /// Replicas: ping results go through the stream (the leader publishes
    /// them, every replica applies them when read back).
    pub shared_pings: bool,
    /// Replicas: this one's name, and its audit trail, which keeps the
    /// rows other replicas share through the stream.
    pub replica: String,
    pub audit: Option<crate::audit::Audit>,
}

/// The running parts besides the consumer task, for the daemon's stop.
pub struct JetStreamIngest {
    pub state: Arc<JsState>,
    acker: JoinHandle<()>,
    own: JoinHandle<()>,
    own_give_up: CancellationToken,
    /// The lease task and its stop: stopped last, so that a follower takes
    /// over only once this leader's own events are in the stream.
    lease: Option<(JoinHandle<()>, CancellationToken)>,
}

impl JetStreamIngest {
    /// After the sequencer has stopped and the store is flushed: every
    /// committed group acknowledged, the own events queued published
    /// (retrying no longer than `deadline`).
    pub async fn finish(self, deadline: tokio::time::Instant) {
        let give_up = self.own_give_up.clone();
        let _ = tokio::time::timeout_at(deadline, self.acker).await;
        let own = self.own;
        tokio::pin!(own);
        if tokio::time::timeout_at(deadline, &mut own).await.is_err() {
            give_up.cancel();
            let _ = tokio::time::timeout(Duration::from_millis(500), own).await;
        }
        if let Some((task, stop)) = self.lease {
            stop.cancel();
            let _ = tokio::time::timeout(Duration::from_secs(3), task).await;
        }
    }
}

/// Groups of this many deliveries at most share one commit notice.
pub const ACK_GROUP: usize = 512;

/// Ensures (or checks) the stream and the consumer, claims the store for
/// the stream, and starts the consumer, acker and own-event publisher.
pub async fn start(
    client: &async_nats::Client,
    cfg: &crate::config::Config,
    store: &Store,
    leadership: Leadership,
    cancel: CancellationToken,
) -> Result<(JoinHandle<()>, JetStreamIngest, Hooks), JsError> {
    let js_cfg = &cfg.jetstream;
    let subjects = js_cfg.stream_subjects(&cfg.nats.subjects);
    let max_ack_pending = js_cfg.max_ack_pending(cfg.store.batch_max);
    let state = Arc::new(JsState {
        stream: js_cfg.stream.clone(),
        consumer: js_cfg.consumer.clone(),
        subjects: subjects.clone(),
        replicas: js_cfg.replicas as u64,
        lease: Some(leadership.clone()),
        ..Default::default()
    });
    let ctx = jetstream::new(client.clone());
    let consumer = setup(&ctx, js_cfg, &subjects, max_ack_pending, store, &state).await?;
    let shared_pings = leadership.state().elected;
    let lease = if leadership.state().elected {
        let kv = lease::open(&ctx, &js_cfg.lease_bucket, js_cfg.replicas)
            .await
            .map_err(JsError::Setup)?;
        let stop = CancellationToken::new();
        tracing::info!(
            "leader lease: replica {} on key {} of bucket {} (TTL {:?})",
            leadership.state().replica,
            leadership.state().key,
            js_cfg.lease_bucket,
            js_cfg.lease_ttl
        );
        let (checked, first_check) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(lease::run(kv, leadership, stop.clone(), checked));
        // Bounded: a lease that cannot be read leaves this replica a
        // follower (shown in status) until it can.
        let _ = tokio::time::timeout(Duration::from_secs(6), first_check).await;
        Some((task, stop))
    } else {
        None
    };
    let (tx, deliveries) = flume::bounded(max_ack_pending.max(1));
    let (acks, ack_rx) = mpsc::unbounded_channel();
    let inflight = Arc::new(Mutex::new(HashSet::new()));
    let own_give_up = CancellationToken::new();
    let (own_pub, own) = own::start(ctx.clone(), state.clone(), own_give_up.clone());
    let acker = tokio::spawn(acker(ack_rx, inflight.clone(), state.clone()));
    let consumer = tokio::spawn(consume(
        consumer,
        ConsumeParts {
            tx,
            store: store.clone(),
            inflight,
            state: state.clone(),
            own: own_pub.clone(),
            batch: max_ack_pending.clamp(1, 1000),
            stream: ctx.get_stream(&js_cfg.stream).await.ok(),
        },
        cancel,
    ));
    tracing::info!(
        "JetStream ingest: stream {} over {}, consumer {} (at most {max_ack_pending} unacknowledged)",
        js_cfg.stream,
        subjects.join(","),
        js_cfg.consumer
    );
    Ok((
        consumer,
        JetStreamIngest {
            state,
            acker,
            own,
            own_give_up,
            lease,
        },
        Hooks {
            deliveries,
            own: own_pub,
            acks,
            shared_pings,
            replica: js_cfg.replica_name(),
            audit: None,
        },
    ))
}

/// `r` (a subject or pattern) is covered by one of `have`.
fn covered(r: &str, have: &[String]) -> bool {
    let literal = r.replace('*', "x").replace('>', "x.y");
    have.iter().any(|h| {
        h == r
            || crate::protocol::subject::SubjectPattern::parse(h)
                .map(|p| p.matches(&literal))
                .unwrap_or(false)
    })
}

/// Why the stream could not be made, with what to change. A server reserves
/// a stream's `max_bytes` on its disk up front, so a server with less room
/// than `jetstream.max_bytes` refuses the stream (JetStream error 10047);
/// that needs a hint of its own, not "is JetStream enabled?".
fn stream_setup_failed(c: &JetStreamSection, e: &jetstream::context::CreateStreamError) -> String {
    /// The server's `insufficient storage resources available`.
    const INSUFFICIENT_STORAGE: u64 = 10047;
    let hint = match e.kind() {
        jetstream::context::CreateStreamErrorKind::JetStream(js) if js.error_code().0 == INSUFFICIENT_STORAGE => {
            match c.max_bytes {
                Some(b) => format!(
                    "the server cannot reserve jetstream.max_bytes ({b} bytes) for it: lower jetstream.max_bytes, \
                     or give the server more room (its max_file_store, or more free disk)"
                ),
                None => "the server has no room left for streams (its max_file_store)".to_string(),
            }
        }
        jetstream::context::CreateStreamErrorKind::JetStreamUnavailable
        | jetstream::context::CreateStreamErrorKind::TimedOut => {
            "is JetStream enabled on the server, nats-server -js?".to_string()
        }
        _ => "see the server's reason".to_string(),
    };
    format!("cannot create or update stream {} ({hint}): {e}", c.stream)
}

async fn setup(
    ctx: &jetstream::Context,
    c: &JetStreamSection,
    subjects: &[String],
    max_ack_pending: usize,
    store: &Store,
    state: &JsState,
) -> Result<PullConsumer, JsError> {
    let fail = |what: String| JsError::Setup(what);
    let mut stream = if c.manage {
        let sc = stream::Config {
            name: c.stream.clone(),
            subjects: subjects.to_vec(),
            retention: match c.retention {
                config::Retention::Limits => stream::RetentionPolicy::Limits,
                config::Retention::Interest => stream::RetentionPolicy::Interest,
                config::Retention::Workqueue => stream::RetentionPolicy::WorkQueue,
            },
            storage: match c.storage {
                config::Storage::File => stream::StorageType::File,
                config::Storage::Memory => stream::StorageType::Memory,
            },
            max_age: c.max_age.unwrap_or(Duration::ZERO),
            max_bytes: c.max_bytes.map_or(-1, |b| b.min(i64::MAX as u64) as i64),
            max_messages: -1,
            num_replicas: c.replicas,
            duplicate_window: c.duplicate_window,
            discard: stream::DiscardPolicy::Old,
            ..Default::default()
        };
        ctx.create_or_update_stream(sc)
            .await
            .map_err(|e| fail(stream_setup_failed(c, &e)))?;
        ctx.get_stream(&c.stream)
            .await
            .map_err(|e| fail(format!("cannot read stream {}: {e}", c.stream)))?
    } else {
        let s = ctx.get_stream(&c.stream).await.map_err(|e| {
            fail(format!(
                "stream {} is not there (jetstream.manage is false, so krytend does not create it): {e}",
                c.stream
            ))
        })?;
        let have = &s.cached_info().config.subjects;
        if let Some(missing) = subjects.iter().find(|r| !covered(r, have)) {
            return Err(fail(format!(
                "stream {} does not cover {missing} (it has {}); krytend needs {}",
                c.stream,
                have.join(","),
                subjects.join(",")
            )));
        }
        s
    };
    let info = stream
        .info()
        .await
        .map_err(|e| fail(format!("cannot read stream {}: {e}", c.stream)))?
        .clone();
    // The store must be numbered by this stream, and not beyond it.
    match store
        .stream_table()
        .claim(c.stream.clone(), now_us())
        .await
        .map_err(|e| fail(format!("cannot read the store: {e}")))?
    {
        crate::store::stream::Claim::Ours => {}
        crate::store::stream::Claim::OtherStream(s) => {
            return Err(fail(format!(
                "the store {} is numbered by stream {s}, not {}: use another store.path, or jetstream.stream: {s}",
                store.path().display(),
                c.stream
            )))
        }
        crate::store::stream::Claim::CoreNumbered(max) => {
            return Err(fail(format!(
                "the store {} holds events numbered by krytend itself (core mode, up to #{max}); stream sequence \
                 numbers would collide with them: use a new store.path for JetStream ingest",
                store.path().display()
            )))
        }
    }
    let committed = store.committed_seq();
    if committed > info.state.last_sequence {
        return Err(fail(format!(
            "the store holds events up to #{committed} but stream {} ends at #{}: the stream was recreated (or \
             the store was filled otherwise); use a new store.path",
            c.stream, info.state.last_sequence
        )));
    }
    let want = pull::Config {
        durable_name: Some(c.consumer.clone()),
        description: Some("krytend: recorded into its store, acknowledged once committed".into()),
        ack_policy: AckPolicy::Explicit,
        ack_wait: c.ack_wait,
        max_ack_pending: max_ack_pending as i64,
        deliver_policy: DeliverPolicy::All,
        max_deliver: -1,
        num_replicas: c.replicas,
        ..Default::default()
    };
    let consumer: PullConsumer = match stream.get_consumer::<pull::Config>(&c.consumer).await {
        Ok(mut existing) => {
            let ci = existing
                .info()
                .await
                .map_err(|e| fail(format!("cannot read consumer {}: {e}", c.consumer)))?
                .clone();
            // What a previous run was delivered but never acknowledged is
            // delivered again at once, in order, from the ack floor (not
            // after ack_wait, behind newer messages).
            if ci.num_ack_pending > 0 || ci.num_redelivered > 0 {
                let floor = ci.ack_floor.stream_sequence;
                match stream.reset_consumer(&c.consumer, None).await {
                    Ok(_) => tracing::info!(
                        "consumer {}: {} unacknowledged deliveries of the last run; resuming after #{floor}",
                        c.consumer,
                        ci.num_ack_pending
                    ),
                    Err(e) => {
                        // Servers before 2.14: recreate it from the floor.
                        tracing::info!(
                            "consumer {}: cannot reset ({e}); recreating it after #{floor}",
                            c.consumer
                        );
                        stream
                            .delete_consumer(&c.consumer)
                            .await
                            .map_err(|e| fail(format!("cannot delete consumer {}: {e}", c.consumer)))?;
                        let mut again = want.clone();
                        if floor > 0 {
                            again.deliver_policy = DeliverPolicy::ByStartSequence {
                                start_sequence: floor + 1,
                            };
                        }
                        stream
                            .create_consumer(again)
                            .await
                            .map_err(|e| fail(format!("cannot create consumer {}: {e}", c.consumer)))?;
                    }
                }
            }
            let mut update = want.clone();
            update.deliver_policy = ci.config.deliver_policy;
            match stream.update_consumer(update).await {
                Ok(_) => {}
                Err(e) => state.note_error(format!("cannot update consumer {} to this config: {e}", c.consumer)),
            }
            stream
                .get_consumer(&c.consumer)
                .await
                .map_err(|e| fail(format!("cannot read consumer {}: {e}", c.consumer)))?
        }
        Err(_) => stream
            .create_consumer(want)
            .await
            .map_err(|e| fail(format!("cannot create consumer {} on {}: {e}", c.consumer, c.stream)))?,
    };
    state.stream_messages.store(info.state.messages, Ordering::Relaxed);
    state.stream_last_seq.store(info.state.last_sequence, Ordering::Relaxed);
    Ok(consumer)
}

struct ConsumeParts {
    tx: flume::Sender<Delivery>,
    store: Store,
    inflight: Arc<Mutex<HashSet<u64>>>,
    state: Arc<JsState>,
    own: OwnPublisher,
    batch: usize,
    stream: Option<stream::Stream>,
}

/// Reads the consumer until `cancel`, handing new deliveries to the
/// sequencer; stored ones (delivered again after a crash) are
/// acknowledged and skipped; holes in the stream are told by gap events.
async fn consume(mut consumer: PullConsumer, p: ConsumeParts, cancel: CancellationToken) {
    let stored_at_open = p.store.committed_seq();
    let mut last_seen = match consumer.info().await {
        Ok(i) => i.delivered.stream_sequence.max(i.ack_floor.stream_sequence),
        Err(_) => 0,
    };
    let mut stats = tokio::time::interval(Duration::from_secs(1));
    stats.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    'outer: while !cancel.is_cancelled() {
        let mut messages = match consumer
            .stream()
            .max_messages_per_batch(p.batch)
            .heartbeat(Duration::from_secs(5))
            .expires(Duration::from_secs(30))
            .messages()
            .await
        {
            Ok(m) => m,
            Err(e) => {
                p.state
                    .note_error(format!("cannot read consumer {}: {e}", p.state.consumer));
                tokio::select! {
                    _ = cancel.cancelled() => break,
                    _ = tokio::time::sleep(Duration::from_secs(1)) => continue,
                }
            }
        };
        loop {
            let m = tokio::select! {
                biased;
                _ = cancel.cancelled() => break 'outer,
                _ = stats.tick() => {
                    refresh_stats(&mut consumer, p.stream.as_ref(), &p.state).await;
                    continue;
                }
                m = messages.next() => m,
            };
            let m = match m {
                Some(Ok(m)) => m,
                Some(Err(e)) => {
                    // Missed heartbeats, a reconnect: the stream goes on.
                    p.state
                        .note_error(format!("reading consumer {}: {e}", p.state.consumer));
                    continue;
                }
                None => break,
            };
            let (seq, delivered, published_us, pending) = match m.info() {
                Ok(i) => (
                    i.stream_sequence,
                    i.delivered,
                    (i.published.unix_timestamp_nanos() / 1000) as i64,
                    i.pending,
                ),
                Err(e) => {
                    p.state
                        .note_error(format!("a delivery without JetStream metadata: {e}"));
                    continue;
                }
            };
            p.state.num_pending.store(pending, Ordering::Relaxed);
            let (msg, ack) = m.split();
            if p.inflight.lock().map(|s| s.contains(&seq)).unwrap_or(false) {
                // Delivered again while its first delivery is still on
                // its way to the store: that one is acknowledged.
                continue;
            }
            if delivered > 1 || seq <= stored_at_open {
                match p.store.stream_table().has_seq(seq).await {
                    Ok(true) => {
                        IngestCounters::add(&p.state.duplicates_skipped);
                        let _ = ack.ack().await;
                        last_seen = last_seen.max(seq);
                        continue;
                    }
                    Ok(false) => {}
                    Err(e) => {
                        // Unknown: leave it unacknowledged; it comes again.
                        p.state.note_error(format!("cannot look up #{seq} in the store: {e}"));
                        continue;
                    }
                }
            }
            if seq > last_seen + 1 && last_seen > 0 {
                let (from, to) = (last_seen + 1, seq - 1);
                p.state.stream_lost.fetch_add(to - from + 1, Ordering::Relaxed);
                p.own.gap(from, to, &p.state.stream);
            }
            last_seen = last_seen.max(seq);
            if let Ok(mut s) = p.inflight.lock() {
                s.insert(seq);
            }
            let d = Delivery {
                msg,
                seq,
                published_us,
                ack,
            };
            if p.tx.send_async(d).await.is_err() {
                break 'outer;
            }
        }
    }
}

struct IngestCounters;

impl IngestCounters {
    fn add(c: &AtomicU64) {
        c.fetch_add(1, Ordering::Relaxed);
    }
}

async fn refresh_stats(consumer: &mut PullConsumer, stream: Option<&stream::Stream>, state: &JsState) {
    let wait = Duration::from_secs(2);
    if let Ok(Ok(i)) = tokio::time::timeout(wait, consumer.info()).await {
        state.num_pending.store(i.num_pending, Ordering::Relaxed);
        state.num_ack_pending.store(i.num_ack_pending as u64, Ordering::Relaxed);
        state.ack_floor.store(i.ack_floor.stream_sequence, Ordering::Relaxed);
    }
    if let Some(s) = stream {
        if let Ok(Ok(i)) = tokio::time::timeout(wait, s.get_info()).await {
            state.stream_messages.store(i.state.messages, Ordering::Relaxed);
            state.stream_last_seq.store(i.state.last_sequence, Ordering::Relaxed);
        }
    }
}

/// Acknowledges each group once the store says it is committed; a group
/// that was not stored is asked for again. Ends once the sequencer has
/// stopped and every group it queued is answered.
async fn acker(mut groups: mpsc::UnboundedReceiver<AckGroup>, inflight: Arc<Mutex<HashSet<u64>>>, state: Arc<JsState>) {
    while let Some(g) = groups.recv().await {
        let stored = g.committed.await;
        for (seq, ack) in g.deliveries {
            let r = match stored {
                Ok(true) => ack.ack().await,
                Ok(false) => {
                    IngestCounters::add(&state.nacked);
                    ack.ack_with(AckKind::Nak(Some(Duration::from_millis(500)))).await
                }
                // The writer is gone: left unacknowledged, delivered again
                // at the next start.
                Err(_) => Ok(()),
            };
            if let Err(e) = r {
                state.note_error(format!("cannot acknowledge #{seq}: {e}"));
            }
            if let Ok(mut s) = inflight.lock() {
                s.remove(&seq);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::covered;

    #[test]
    fn subjects_are_covered_by_wider_patterns_only() {
        let have = vec!["kryten.>".to_string(), "krytend.>".to_string()];
        assert!(covered("kryten.>", &have));
        assert!(covered("kryten.logs.*", &have));
        assert!(covered("krytend.>", &have));
        assert!(!covered("other.>", &have));
        assert!(!covered("kryten.>", &["kryten.*".to_string()]));
    }
}
