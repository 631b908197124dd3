//! The leader lease of krytend replicas reading one stream: a key in a
//! JetStream KV bucket, taken and renewed by compare-and-set.
//!
//! Every replica records the stream and keeps the registry; only the
//! leader acts on the world (pings, config fetches, discovery polls, alert
//! notifications, own events into the stream, the KV mirror). The rest of
//! krytend asks a [`Leadership`] handle, which is always "leader" when no
//! lease is used (core mode, or `jetstream.leader_lease: false`).
//!
//! The protocol, with `ttl` the lease's time to live:
//! - the key holds the holder's name; the holder renews it (an update
//!   against the revision it last wrote) every `ttl / 4`;
//! - a replica that sees the same revision for `ttl` (measured on its own
//!   clock from when it first saw that revision) takes the key by updating
//!   it against that revision; one replica wins, the others see a new
//!   revision and wait again;
//! - a leader whose renewals have failed for `ttl / 2` steps down before
//!   any follower can take over (a follower's `ttl` starts no earlier than
//!   the leader's last successful write), so two leaders never overlap as
//!   long as clocks run at similar rates;
//! - a leader that stops cleanly deletes the key, so a follower takes over
//!   within one check (`ttl / 4`) instead of `ttl`.

use std::{
    sync::{
        atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use async_nats::jetstream::{self, kv};
use bytes::Bytes;
use serde_json::json;
use tokio::{sync::watch, time::Instant};
use tokio_util::sync::CancellationToken;

use crate::protocol::timestamp::{format_us, now_us};

/// Each KV operation of the lease is bounded by this.
const OP_TIMEOUT: Duration = Duration::from_secs(2);

/// What this replica knows about the lease; shared with `status`.
#[derive(Debug)]
pub struct LeaseState {
    /// false: no lease, this krytend is the only one and always leads.
    pub elected: bool,
    pub replica: String,
    pub bucket: String,
    pub key: String,
    pub ttl: Duration,
    leader: AtomicBool,
    holder: Mutex<String>,
    role_since_us: AtomicI64,
    leaderships: AtomicU64,
    last_error: Mutex<String>,
    changed: watch::Sender<bool>,
}

/// Whether this krytend may act on the world now. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Leadership(Arc<LeaseState>);

impl Leadership {
    /// The only krytend: always the leader.
    pub fn sole() -> Self {
        Self::new(false, String::new(), String::new(), String::new(), Duration::ZERO, true)
    }

    /// A replica under a lease: a follower until it holds the key.
    pub fn elected(replica: String, bucket: String, key: String, ttl: Duration) -> Self {
        Self::new(true, replica, bucket, key, ttl, false)
    }

    fn new(elected: bool, replica: String, bucket: String, key: String, ttl: Duration, leader: bool) -> Self {
        let (changed, _) = watch::channel(leader);
        Self(Arc::new(LeaseState {
            elected,
            replica,
            bucket,
            key,
            ttl,
            leader: AtomicBool::new(leader),
            holder: Mutex::new(String::new()),
            role_since_us: AtomicI64::new(now_us()),
            leaderships: AtomicU64::new(0),
            last_error: Mutex::new(String::new()),
            changed,
        }))
    }

    pub fn is_leader(&self) -> bool {
        self.0.leader.load(Ordering::Acquire)
    }

    /// Changes of role (true: became leader).
    pub fn subscribe(&self) -> watch::Receiver<bool> {
        self.0.changed.subscribe()
    }

    pub fn state(&self) -> &LeaseState {
        &self.0
    }

    fn set_role(&self, leader: bool, holder: &str) {
        if let Ok(mut h) = self.0.holder.lock() {
            if *h != holder {
                *h = holder.to_string();
            }
        }
        if self.0.leader.swap(leader, Ordering::AcqRel) != leader {
            self.0.role_since_us.store(now_us(), Ordering::Relaxed);
            if leader {
                self.0.leaderships.fetch_add(1, Ordering::Relaxed);
                tracing::info!("leader lease: {} is now the leader", self.0.replica);
            } else {
                tracing::warn!(
                    "leader lease: {} is a follower now (leader: {})",
                    self.0.replica,
                    if holder.is_empty() { "none" } else { holder }
                );
            }
            self.0.changed.send_replace(leader);
        }
    }

    fn note_error(&self, e: String) {
        tracing::warn!("leader lease: {e}");
        if let Ok(mut l) = self.0.last_error.lock() {
            *l = e;
        }
    }
}

impl LeaseState {
    pub fn role(&self) -> &'static str {
        match (self.elected, self.leader.load(Ordering::Acquire)) {
            (false, _) => "",
            (true, true) => "leader",
            (true, false) => "follower",
        }
    }

    pub fn holder(&self) -> String {
        self.holder.lock().map(|h| h.clone()).unwrap_or_default()
    }

    pub fn role_since_us(&self) -> i64 {
        self.role_since_us.load(Ordering::Relaxed)
    }

    pub fn leaderships(&self) -> u64 {
        self.leaderships.load(Ordering::Relaxed)
    }

    pub fn last_error(&self) -> String {
        self.last_error.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// Opens, creating it if needed, a bucket of krytend's own (the lease,
/// shared tokens): history 1, file storage, and `replicas` copies, as many
/// as the stream, so that it outlives a node of a cluster.
pub async fn open_bucket(
    ctx: &jetstream::Context,
    bucket: &str,
    description: &str,
    max_bytes: i64,
    replicas: usize,
) -> Result<kv::Store, String> {
    match ctx.get_key_value(bucket).await {
        Ok(kv) => Ok(kv),
        Err(_) => ctx
            .create_key_value(kv::Config {
                bucket: bucket.to_string(),
                history: 1,
                description: description.to_string(),
                max_bytes,
                storage: jetstream::stream::StorageType::File,
                num_replicas: replicas,
                ..Default::default()
            })
            .await
            .map_err(|e| format!("cannot create the bucket {bucket}: {e}")),
    }
}

/// The lease bucket.
pub async fn open(ctx: &jetstream::Context, bucket: &str, replicas: usize) -> Result<kv::Store, String> {
    open_bucket(
        ctx,
        bucket,
        "krytend leader leases (one key per stream)",
        1 << 20,
        replicas,
    )
    .await
}

/// The holder's name in a lease value.
fn holder_of(value: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(value)
        .ok()
        .and_then(|v| v.get("replica").and_then(|r| r.as_str()).map(str::to_string))
        .unwrap_or_default()
}

/// Takes, renews and watches the lease until `stop`; a leader then
/// deletes the key so that a follower takes over at once.
/// `checked` is told once the first check is done, so that a krytend alone
/// on its stream leads before it records anything (its own events made
/// while it is a follower are left to a leader).
pub async fn run(kv: kv::Store, lead: Leadership, stop: CancellationToken, checked: tokio::sync::oneshot::Sender<()>) {
    let mut checked = Some(checked);
    let mut checks = 0u32;
    let st = lead.0.clone();
    let period = (st.ttl / 4).max(Duration::from_millis(100));
    let value = || {
        Bytes::from(
            json!({"replica": st.replica, "renewed": format_us(now_us()), "ttl_ms": st.ttl.as_millis() as u64})
                .to_string(),
        )
    };
    // As leader: the revision we last wrote, and when that write was sent.
    let mut ours: Option<(u64, Instant)> = None;
    // As follower: the revision we see, and since when.
    let mut seen: Option<(u64, Instant)> = None;
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        if checks == 1 {
            if let Some(tx) = checked.take() {
                let _ = tx.send(());
            }
        }
        checks = checks.saturating_add(1);
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = tick.tick() => {}
        }
        let sent = Instant::now();
        if let Some((rev, _)) = ours {
            match tokio::time::timeout(OP_TIMEOUT, kv.update(&st.key, value(), rev)).await {
                Ok(Ok(new)) => {
                    ours = Some((new, sent));
                    lead.set_role(true, &st.replica);
                }
                Ok(Err(e)) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => {
                    // Someone took it while we could not renew.
                    ours = None;
                    lead.note_error(format!("lost the lease {}: {e}", st.key));
                    lead.set_role(false, "");
                }
                Ok(Err(e)) => lead.note_error(format!("cannot renew the lease: {e}")),
                Err(_) => lead.note_error("renewing the lease timed out".into()),
            }
            if let Some((_, last)) = ours {
                if sent.duration_since(last) < st.ttl / 2 {
                    continue;
                }
                // Renewals failing for half the TTL: step down before any
                // follower may take over.
                ours = None;
                lead.set_role(false, "");
            }
            seen = None;
        }
        let entry = match tokio::time::timeout(OP_TIMEOUT, kv.entry(&st.key)).await {
            Ok(Ok(e)) => e,
            Ok(Err(e)) => {
                lead.note_error(format!("cannot read the lease: {e}"));
                continue;
            }
            Err(_) => {
                lead.note_error("reading the lease timed out".into());
                continue;
            }
        };
        let live = entry
            .as_ref()
            .filter(|e| e.operation == kv::Operation::Put)
            .map(|e| (e.revision, holder_of(&e.value)));
        let attempt = match &live {
            // Free (never taken, or released): take it.
            None => Some(entry.as_ref().map_or(0, |e| e.revision)),
            // Ours from an earlier run of this replica (a quick restart):
            // take it back rather than wait out our own lease.
            Some((rev, holder)) if *holder == st.replica => Some(*rev),
            Some((rev, holder)) => {
                if let Ok(mut h) = st.holder.lock() {
                    if *h != *holder {
                        *h = holder.clone();
                    }
                }
                match seen {
                    Some((r, since)) if r == *rev && sent.duration_since(since) >= st.ttl => Some(*rev),
                    Some((r, _)) if r == *rev => None,
                    _ => {
                        seen = Some((*rev, sent));
                        None
                    }
                }
            }
        };
        let Some(rev) = attempt else { continue };
        match tokio::time::timeout(OP_TIMEOUT, kv.update(&st.key, value(), rev)).await {
            Ok(Ok(new)) => {
                ours = Some((new, sent));
                seen = None;
                lead.set_role(true, &st.replica);
            }
            // Another replica was quicker; its revision is watched next.
            Ok(Err(_)) => seen = None,
            Err(_) => lead.note_error("taking the lease timed out".into()),
        }
    }
    if let Some((rev, _)) = ours {
        lead.set_role(false, "");
        // Only our own revision is removed: a newer holder is left alone.
        let purge = kv.delete_expect_revision(&st.key, Some(rev));
        match tokio::time::timeout(OP_TIMEOUT, purge).await {
            Ok(Ok(())) => tracing::info!("leader lease: released"),
            Ok(Err(e)) => {
                tracing::warn!("leader lease: could not release it ({e}); a follower takes over after the TTL")
            }
            Err(_) => tracing::warn!("leader lease: releasing it timed out; a follower takes over after the TTL"),
        }
    }
}
