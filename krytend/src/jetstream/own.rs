//! krytend's own events in JetStream mode: published into the stream (on
//! `krytend.…`, with their kind, service and time in headers) and recorded
//! when read back, under the stream's sequence number like every other
//! event.

use std::{
    sync::{atomic::Ordering, Arc},
    time::Duration,
};

use async_nats::{jetstream, HeaderMap};
use bytes::Bytes;
use serde_json::json;
use tokio::{sync::mpsc, task::JoinHandle};
use tokio_util::sync::CancellationToken;

use super::JsState;
use crate::protocol::{timestamp::now_us, Kind};

pub const KIND_HEADER: &str = "Krytend-Kind";
pub const SERVICE_HEADER: &str = "Krytend-Service";
pub const TIME_HEADER: &str = "Krytend-Time";
/// The replica that made a record every replica keeps (audit rows).
pub const ORIGIN_HEADER: &str = "Krytend-Origin";

/// Own events queued for publishing at most; beyond, they are counted lost.
const QUEUE: usize = 65_536;

struct OwnEvent {
    subject: String,
    kind: Kind,
    service: Option<String>,
    payload: Bytes,
    time_us: i64,
    origin: Option<String>,
}

#[derive(Clone)]
pub struct OwnPublisher {
    tx: mpsc::Sender<OwnEvent>,
    state: Arc<JsState>,
}

impl OwnPublisher {
    /// Queues an own event for the stream; never waits.
    pub fn publish(
        &self,
        subject: &str,
        kind: Kind,
        service: Option<String>,
        payload: serde_json::Value,
        time_us: i64,
    ) {
        // Every replica makes the same events from the same stream; the
        // leader's are the ones recorded.
        if self.state.lease.as_ref().is_some_and(|l| !l.is_leader()) {
            self.state.own_left_to_leader.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let ev = OwnEvent {
            subject: subject.to_string(),
            kind,
            service,
            payload: Bytes::from(payload.to_string()),
            time_us,
            origin: None,
        };
        self.queue(ev);
    }

    /// A record of this replica's own doing that every replica keeps (an
    /// audit row): published whether or not this replica leads.
    pub fn publish_shared(&self, subject: &str, kind: Kind, payload: serde_json::Value, time_us: i64, origin: &str) {
        self.queue(OwnEvent {
            subject: subject.to_string(),
            kind,
            service: None,
            payload: Bytes::from(payload.to_string()),
            time_us,
            origin: Some(origin.to_string()),
        });
    }

    fn queue(&self, ev: OwnEvent) {
        let kind = ev.kind;
        if self.tx.try_send(ev).is_err() {
            self.state.own_lost.fetch_add(1, Ordering::Relaxed);
            tracing::error!(
                "cannot queue krytend's own {} event for the stream: the queue is full",
                kind.as_str()
            );
        }
    }

    /// A gap event for stream sequence numbers that were gone before
    /// krytend read them.
    pub fn gap(&self, from: u64, to: u64, stream: &str) {
        tracing::error!("stream {stream} no longer holds #{from}..=#{to}: removed by its limits before they were read");
        let payload = json!({
            "missed": to - from + 1,
            "from_seq": from,
            "to_seq": to,
            "reason": format!(
                "stream {stream} removed #{from}..=#{to} (its max_age or max_bytes) before krytend read them"
            ),
        });
        self.publish(crate::protocol::wire::GAP_SUBJECT, Kind::Gap, None, payload, now_us());
    }
}

/// A ping's outcome as the leader publishes it (`krytend.…ping` events).
pub fn ping_payload(service: &str, outcome: &crate::registry::PingOutcome) -> serde_json::Value {
    match outcome {
        crate::registry::PingOutcome::Reply {
            rtt_ms,
            uptime_seconds,
            version,
        } => json!({
            "service": service,
            "answered": true,
            "rtt_ms": rtt_ms,
            "uptime_seconds": uptime_seconds,
            "version": version,
        }),
        crate::registry::PingOutcome::NoReply => json!({"service": service, "answered": false}),
    }
}

/// Versions longer than this in a shared ping are cut.
const PING_VERSION_MAX: usize = 128;

/// The outcome in a shared ping read back from the stream; range-checked
/// like a reply (the stream is bus input too).
pub fn ping_outcome(payload: &[u8]) -> Option<crate::registry::PingOutcome> {
    let v: serde_json::Value = serde_json::from_slice(payload).ok()?;
    if !v.get("answered")?.as_bool()? {
        return Some(crate::registry::PingOutcome::NoReply);
    }
    let rtt_ms = v
        .get("rtt_ms")?
        .as_f64()
        .filter(|r| r.is_finite() && (0.0..=3.6e6).contains(r))?;
    let mut version = v.get("version").and_then(|x| x.as_str()).map(str::to_string);
    if let Some(ver) = version.as_mut() {
        if ver.len() > PING_VERSION_MAX {
            let mut end = PING_VERSION_MAX;
            while !ver.is_char_boundary(end) {
                end -= 1;
            }
            ver.truncate(end);
        }
    }
    Some(crate::registry::PingOutcome::Reply {
        rtt_ms,
        uptime_seconds: v
            .get("uptime_seconds")
            .and_then(|x| x.as_f64())
            .and_then(crate::protocol::checked_uptime),
        version,
    })
}

/// The origin header of an own event (audit rows of some replica).
pub fn origin(msg: &async_nats::Message) -> Option<String> {
    Some(msg.headers.as_ref()?.get(ORIGIN_HEADER)?.as_str().to_string())
}

/// A message read from the stream that krytend published itself: its
/// kind, service and time.
pub fn own_event(msg: &async_nats::Message) -> Option<(Kind, Option<String>, Option<i64>)> {
    if !msg.subject.starts_with("krytend.") {
        return None;
    }
    let h = msg.headers.as_ref()?;
    let kind = Kind::parse(h.get(KIND_HEADER)?.as_str())?;
    let service = h.get(SERVICE_HEADER).map(|v| v.as_str().to_string());
    let time = h.get(TIME_HEADER).and_then(|v| v.as_str().parse().ok());
    Some((kind, service, time))
}

pub(super) fn start(
    ctx: jetstream::Context,
    state: Arc<JsState>,
    give_up: CancellationToken,
) -> (OwnPublisher, JoinHandle<()>) {
    let (tx, rx) = mpsc::channel(QUEUE);
    let publisher = OwnPublisher {
        tx,
        state: state.clone(),
    };
    (publisher, tokio::spawn(run(ctx, rx, state, give_up)))
}

/// Publishes in order, each until the stream has it (a message id makes a
/// retry harmless). Ends when every publisher handle is gone and the
/// queue is empty, or at `give_up`.
async fn run(
    ctx: jetstream::Context,
    mut rx: mpsc::Receiver<OwnEvent>,
    state: Arc<JsState>,
    give_up: CancellationToken,
) {
    let instance = format!("{}-{}", std::process::id(), now_us());
    let mut n = 0u64;
    while let Some(ev) = rx.recv().await {
        n += 1;
        let mut headers = HeaderMap::new();
        headers.insert(KIND_HEADER, ev.kind.as_str());
        if let Some(s) = &ev.service {
            headers.insert(SERVICE_HEADER, s.as_str());
        }
        headers.insert(TIME_HEADER, ev.time_us.to_string().as_str());
        if let Some(o) = &ev.origin {
            headers.insert(ORIGIN_HEADER, o.as_str());
        }
        headers.insert("Nats-Msg-Id", format!("krytend-{instance}-{n}").as_str());
        let mut backoff = Duration::from_millis(100);
        loop {
            if give_up.is_cancelled() {
                state.own_lost.fetch_add(1 + rx.len() as u64, Ordering::Relaxed);
                tracing::error!("stopping with krytend's own events not published to the stream");
                return;
            }
            let sent = match ctx
                .publish_with_headers(ev.subject.clone(), headers.clone(), ev.payload.clone())
                .await
            {
                Ok(ack) => ack.await.map(|_| ()).map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match sent {
                Ok(()) => {
                    state.own_published.fetch_add(1, Ordering::Relaxed);
                    break;
                }
                Err(e) => {
                    state.note_error(format!("cannot publish krytend's own event on {}: {e}", ev.subject));
                    tokio::select! {
                        _ = give_up.cancelled() => {}
                        _ = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(2));
                }
            }
        }
    }
}
