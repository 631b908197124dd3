//! The registry mirrored into a JetStream KV bucket (`jetstream.kv_mirror`,
//! bucket `jetstream.kv_bucket`, default `kryten_services`), for other
//! tools of the ecosystem to read:
//!
//! - `registry.{service}`: the service's state as JSON, with the field
//!   names of the service documents (`api/ws/json.rs` `service()`);
//! - `heartbeat.{service}`: its last heartbeat (RFC 3339) and learned
//!   interval.
//!
//! The collector follows the registry as every watch does
//! (`domain::watch::ServiceWatch`, fed by the hub) and queues a write only
//! on a change: at once for a change of status, cause, version, hostname,
//! liveness, restart count or endpoints; for a heartbeat at most once a
//! second per service. The queue holds the newest value per key (a newer
//! value replaces an unwritten one, counted), so it is bounded by the
//! number of services. The writer empties it on a task of its own: a slow
//! or failing bucket never holds up the collector, and the hub never waits
//! for the collector (it falls behind, counted, and reads the whole
//! registry again). A forgotten service's keys are deleted.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use async_nats::jetstream::{self, kv};
use bytes::Bytes;
use futures::StreamExt;
use serde_json::{json, Value};
use tokio::sync::{watch, Notify};
use tokio_util::sync::CancellationToken;

use crate::{
    domain::watch::{ServiceChange, ServiceWatch},
    hub::Hub,
    protocol::timestamp::{format_us, now_us},
    registry::{ServiceState, ServicesView},
};

use super::JetStreamSection;

/// Heartbeat-only changes of one service are written at most this often.
const HEARTBEAT_EVERY: Duration = Duration::from_secs(1);
/// How often due heartbeats are written and forgotten services looked for.
const TICK: Duration = Duration::from_millis(250);
/// One KV operation waits this long at most.
const OP_TIMEOUT: Duration = Duration::from_secs(5);
/// The fields of `registry.{service}`, as the service documents name them.
const FIELDS: &[&str] = &[
    "name",
    "status",
    "statusCause",
    "statusSince",
    "version",
    "hostname",
    "uptimeSeconds",
    "lastHeartbeat",
    "heartbeatIntervalSeconds",
    "liveness",
    "restartCount",
    "endpoints",
];
/// Those that change with every heartbeat (written at the heartbeat pace).
const MOVING: &[&str] = &["uptimeSeconds", "lastHeartbeat", "heartbeatIntervalSeconds"];

/// What `status` shows about the mirror.
#[derive(Debug, Default)]
pub struct KvState {
    pub bucket: String,
    pub ready: AtomicBool,
    pub written: AtomicU64,
    pub deleted: AtomicU64,
    pub failed: AtomicU64,
    pub coalesced: AtomicU64,
    pub missed_updates: AtomicU64,
    pub skipped: AtomicU64,
    pub last_error: Mutex<String>,
}

impl KvState {
    fn note_error(&self, e: String) {
        tracing::warn!("KV mirror ({}): {e}", self.bucket);
        if let Ok(mut l) = self.last_error.lock() {
            *l = e;
        }
    }
}

pub fn status_pb(k: &KvState) -> kryten_proto::v1::KvMirror {
    let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
    kryten_proto::v1::KvMirror {
        bucket: k.bucket.clone(),
        ready: k.ready.load(Ordering::Relaxed),
        written: g(&k.written),
        deleted: g(&k.deleted),
        failed: g(&k.failed),
        coalesced: g(&k.coalesced),
        missed_updates: g(&k.missed_updates),
        skipped: g(&k.skipped),
        last_error: k.last_error.lock().map(|l| l.clone()).unwrap_or_default(),
    }
}

/// A service name usable as one KV key token: `[-/_=a-zA-Z0-9]+` (the KV
/// key characters without `.`, so that `registry.*` names one service).
/// Other names are skipped, not encoded: an encoding would give readers
/// keys they cannot map back to the name without knowing it.
pub fn key_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-/_=".contains(&b))
}

pub fn registry_key(name: &str) -> String {
    format!("registry.{name}")
}

pub fn heartbeat_key(name: &str) -> String {
    format!("heartbeat.{name}")
}

/// The value of `registry.{service}`.
pub fn registry_doc(s: &ServiceState, now_us: i64) -> Value {
    let full = crate::api::ws::json::service(s, now_us);
    let mut out = serde_json::Map::new();
    for f in FIELDS {
        out.insert((*f).into(), full.get(*f).cloned().unwrap_or(Value::Null));
    }
    Value::Object(out)
}

/// The value of `heartbeat.{service}`.
pub fn heartbeat_doc(s: &ServiceState) -> Value {
    json!({
        "name": s.name,
        "lastHeartbeat": (s.last_heartbeat_us > 0).then(|| format_us(s.last_heartbeat_us)),
        "heartbeatIntervalSeconds": (s.interval_s > 0.0).then_some(s.interval_s),
    })
}

/// What the registry document says besides the heartbeat-paced fields.
fn steady(doc: &Value) -> Value {
    let mut d = doc.clone();
    if let Some(o) = d.as_object_mut() {
        for f in MOVING {
            o.remove(*f);
        }
    }
    d
}

enum Op {
    Put(Bytes),
    Delete,
}

/// The newest operation per key, not yet made.
#[derive(Default)]
struct Queue {
    ops: Mutex<BTreeMap<String, Op>>,
    ready: Notify,
}

impl Queue {
    fn push(&self, key: String, op: Op, state: &KvState) {
        if let Ok(mut q) = self.ops.lock() {
            if q.insert(key, op).is_some() {
                state.coalesced.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.ready.notify_one();
    }

    /// Puts back a failed operation unless a newer one came meanwhile.
    fn retry(&self, key: String, op: Op) {
        if let Ok(mut q) = self.ops.lock() {
            q.entry(key).or_insert(op);
        }
    }

    fn take(&self) -> BTreeMap<String, Op> {
        self.ops.lock().map(|mut q| std::mem::take(&mut *q)).unwrap_or_default()
    }
}

/// Starts the collector and the writer; both end with `stop`.
pub fn start(
    client: async_nats::Client,
    cfg: &JetStreamSection,
    hub: &Hub,
    view: watch::Receiver<ServicesView>,
    leadership: super::Leadership,
    stop: CancellationToken,
) -> Arc<KvState> {
    let state = Arc::new(KvState {
        bucket: cfg.kv_bucket.clone(),
        ..Default::default()
    });
    let queue = Arc::new(Queue::default());
    // Subscribed now, before the sequencer runs: no change falls between
    // the first picture and the updates.
    let services = ServiceWatch::new(hub, view.clone(), Vec::new(), true);
    tokio::spawn(collect(
        services,
        view.clone(),
        queue.clone(),
        state.clone(),
        stop.clone(),
    ));
    let config = kv::Config {
        bucket: cfg.kv_bucket.clone(),
        description: "krytend's registry: registry.{service}, heartbeat.{service}".into(),
        history: 1,
        max_bytes: cfg.kv_max_bytes.map_or(-1, |b| b.min(i64::MAX as u64) as i64),
        storage: jetstream::stream::StorageType::File,
        // As many copies as the stream: a bucket on one node of a cluster
        // would die with it.
        num_replicas: cfg.replicas,
        ..Default::default()
    };
    tokio::spawn(write(
        jetstream::new(client),
        config,
        view,
        queue,
        (state.clone(), leadership),
        stop,
    ));
    state
}

/// What the collector last queued for one service.
struct Mirrored {
    steady: Value,
    last_heartbeat_us: i64,
    heartbeat_queued: tokio::time::Instant,
    /// A heartbeat-only change waiting for `HEARTBEAT_EVERY`.
    due: Option<ServiceState>,
    /// Ticks in a row the service was missing from the registry.
    absent: u8,
}

struct Collector {
    queue: Arc<Queue>,
    state: Arc<KvState>,
    mirrored: HashMap<String, Mirrored>,
    skipped: HashSet<String>,
}

impl Collector {
    fn queue_service(&self, s: &ServiceState, doc: &Value) {
        let put = |v: &Value| Op::Put(Bytes::from(v.to_string()));
        self.queue.push(registry_key(&s.name), put(doc), &self.state);
        self.queue
            .push(heartbeat_key(&s.name), put(&heartbeat_doc(s)), &self.state);
    }

    fn on_service(&mut self, s: ServiceState) {
        if !key_token(&s.name) {
            if self.skipped.insert(s.name.clone()) {
                self.state.skipped.fetch_add(1, Ordering::Relaxed);
                tracing::info!("KV mirror: {:?} is not a KV key token, not mirrored", s.name);
            }
            return;
        }
        let now = tokio::time::Instant::now();
        let doc = registry_doc(&s, now_us());
        let steady_doc = steady(&doc);
        match self.mirrored.get_mut(&s.name) {
            Some(m) if m.steady == steady_doc => {
                if m.last_heartbeat_us == s.last_heartbeat_us {
                    return;
                }
                m.last_heartbeat_us = s.last_heartbeat_us;
                if now.duration_since(m.heartbeat_queued) < HEARTBEAT_EVERY {
                    m.due = Some(s);
                    return;
                }
                m.heartbeat_queued = now;
                m.due = None;
            }
            _ => {
                self.mirrored.insert(
                    s.name.clone(),
                    Mirrored {
                        steady: steady_doc,
                        last_heartbeat_us: s.last_heartbeat_us,
                        heartbeat_queued: now,
                        due: None,
                        absent: 0,
                    },
                );
            }
        }
        self.queue_service(&s, &doc);
    }

    fn tick(&mut self, view: &ServicesView) {
        let now = tokio::time::Instant::now();
        let mut due = Vec::new();
        let mut gone = Vec::new();
        for (name, m) in self.mirrored.iter_mut() {
            // Two ticks missing: an update for a new service reaches the
            // collector just before the service reaches the view.
            if view.contains_key(name) {
                m.absent = 0;
            } else {
                m.absent += 1;
                if m.absent >= 2 {
                    gone.push(name.clone());
                    continue;
                }
            }
            if m.due.is_some() && now.duration_since(m.heartbeat_queued) >= HEARTBEAT_EVERY {
                m.heartbeat_queued = now;
                due.extend(m.due.take());
            }
        }
        for s in due {
            let doc = registry_doc(&s, now_us());
            self.queue_service(&s, &doc);
        }
        for name in gone {
            self.mirrored.remove(&name);
            self.queue.push(registry_key(&name), Op::Delete, &self.state);
            self.queue.push(heartbeat_key(&name), Op::Delete, &self.state);
        }
        self.skipped.retain(|n| view.contains_key(n));
    }
}

async fn collect(
    mut services: ServiceWatch,
    view: watch::Receiver<ServicesView>,
    queue: Arc<Queue>,
    state: Arc<KvState>,
    stop: CancellationToken,
) {
    let mut c = Collector {
        queue,
        state,
        mirrored: HashMap::new(),
        skipped: HashSet::new(),
    };
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            change = services.next() => match change {
                Some(ServiceChange::Current { service, .. } | ServiceChange::Changed { service, .. }) => {
                    c.on_service(service)
                }
                Some(ServiceChange::Missed(n)) => {
                    c.state.missed_updates.fetch_add(n, Ordering::Relaxed);
                }
                None => return,
            },
            _ = tick.tick() => {
                let v = view.borrow().clone();
                c.tick(&v);
            }
        }
    }
}

/// Opens (creating, or updating to this configuration) the bucket.
async fn open(ctx: &jetstream::Context, config: &kv::Config) -> Result<kv::Store, String> {
    tokio::time::timeout(OP_TIMEOUT, ctx.create_or_update_key_value(config.clone()))
        .await
        .map_err(|_| "timed out opening the bucket".to_string())?
        .map_err(|e| format!("cannot open the bucket: {e}"))
}

/// Deletes the keys of services no longer known (forgotten while krytend
/// was down, or mirrored by an older run).
async fn delete_strays(kv: &kv::Store, view: &watch::Receiver<ServicesView>, queue: &Queue, state: &KvState) {
    let Ok(Ok(mut keys)) = tokio::time::timeout(OP_TIMEOUT, kv.keys()).await else {
        return;
    };
    let mut strays = Vec::new();
    while let Ok(Some(Ok(key))) = tokio::time::timeout(OP_TIMEOUT, keys.next()).await {
        let name = key.strip_prefix("registry.").or_else(|| key.strip_prefix("heartbeat."));
        if name.is_some_and(|n| !view.borrow().contains_key(n)) {
            strays.push(key);
        }
    }
    for key in strays {
        queue.push(key, Op::Delete, state);
    }
}

async fn write(
    ctx: jetstream::Context,
    config: kv::Config,
    view: watch::Receiver<ServicesView>,
    queue: Arc<Queue>,
    (state, leadership): (Arc<KvState>, super::Leadership),
    stop: CancellationToken,
) {
    let mut role = leadership.subscribe();
    let kv = loop {
        match open(&ctx, &config).await {
            Ok(kv) => break kv,
            Err(e) => state.note_error(e),
        }
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
        }
    };
    state.ready.store(true, Ordering::Relaxed);
    tracing::info!("KV mirror: registry mirrored to bucket {}", config.bucket);
    delete_strays(&kv, &view, &queue, &state).await;
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = queue.ready.notified() => {}
            // The lease's sender lives as long as `leadership`: never closed.
            _ = role.changed() => {}
        }
        // Only the leader writes (every replica derives the same values
        // from the stream). A follower keeps the newest operation per key,
        // bounded by the keys, and writes them the moment it takes over.
        if !leadership.is_leader() {
            continue;
        }
        let mut failed = 0u64;
        let mut first_error = None;
        for (key, op) in queue.take() {
            let result = match &op {
                Op::Put(v) => tokio::time::timeout(OP_TIMEOUT, kv.put(&key, v.clone()))
                    .await
                    .map(|r| r.map(|_| ()).map_err(|e| e.to_string())),
                Op::Delete => tokio::time::timeout(OP_TIMEOUT, kv.delete(&key))
                    .await
                    .map(|r| r.map_err(|e| e.to_string())),
            };
            let error = match result {
                Ok(Ok(())) => {
                    let c = match op {
                        Op::Put(_) => &state.written,
                        Op::Delete => &state.deleted,
                    };
                    c.fetch_add(1, Ordering::Relaxed);
                    continue;
                }
                Ok(Err(e)) => e,
                Err(_) => "timed out".to_string(),
            };
            failed += 1;
            state.failed.fetch_add(1, Ordering::Relaxed);
            first_error.get_or_insert(format!("{key}: {error}"));
            queue.retry(key, op);
        }
        if let Some(e) = first_error {
            // Logged once per round, not per key.
            state.note_error(format!("{failed} writes failed, tried again in 1s; first: {e}"));
            // Tried again after a pause (what was put back is woken for).
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            queue.ready.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_tokens_are_the_kv_key_characters_without_dots() {
        assert!(key_token("kryten-robot"));
        assert!(key_token("a_b=c/d"));
        assert!(!key_token(""));
        assert!(!key_token("a.b"));
        assert!(!key_token("a:b"));
        assert!(!key_token("a b"));
        assert!(!key_token("é"));
        assert_eq!(registry_key("x"), "registry.x");
        assert_eq!(heartbeat_key("x"), "heartbeat.x");
    }

    #[test]
    fn the_registry_document_uses_the_service_field_names() {
        let s = ServiceState::new("alpha", 1_000_000);
        let d = registry_doc(&s, 0);
        let keys: Vec<&str> = d.as_object().expect("object").keys().map(String::as_str).collect();
        let mut want = FIELDS.to_vec();
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want);
        assert_eq!(d["name"], "alpha");
        assert!(steady(&d).get("lastHeartbeat").is_none());
        assert_eq!(heartbeat_doc(&s)["lastHeartbeat"], Value::Null);
    }
}
