//! A subscription's items on their way to the client: batched, never
//! waiting on it; what does not fit is counted and reported as `lagged`,
//! and a client whose queue stays full is disconnected.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use kryten_proto::documents as doc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_util::sync::CancellationToken;

use super::{
    json as wsjson,
    protocol::ServerMessage,
    session::{Closer, Out},
    tailed::WsItem,
    WsSettings,
};
use crate::{
    alerts::engine::Transition,
    api::grpc::alerts::{alert_pb, view_pb},
    api::{tail::TailError, Shared},
    domain::{
        alerts::AlertView,
        watch::{ServiceChange, ServiceWatch},
    },
    protocol::timestamp::now_us,
};

/// Moves one subscription's items to the client: batched, never waiting
/// on the client; what does not fit is counted and reported as `lagged`.
pub(super) struct Forwarder {
    pub(super) id: String,
    pub(super) out: super::outq::OutTx,
    pub(super) closer: Closer,
    pub(super) settings: Arc<WsSettings>,
    pub(super) missed: u64,
    /// Since when its pushes are refused, and how many messages the writer
    /// had taken off the queue then: a stall is a full queue *and* a
    /// writer that takes nothing (a small notice may still fit in the
    /// bytes left, which is no sign that the client reads).
    pub(super) full_since: Option<(Instant, u64)>,
}

impl Forwarder {
    fn flush_lagged(&mut self) {
        if self.missed > 0 {
            let lag = ServerMessage::Lagged {
                subscription: self.id.clone(),
                missed: self.missed,
            };
            if self.out.try_send(Out::Text(lag.to_text())).is_ok() {
                self.missed = 0;
            } else {
                // The stall deadline runs whether or not more items come.
                self.check_stall();
            }
        }
    }

    fn check_stall(&mut self) {
        let taken = self.out.taken();
        match self.full_since {
            Some((since, then)) if then == taken => {
                if since.elapsed() > self.settings.stall_timeout {
                    self.closer.close(
                        CloseCode::Again,
                        format!(
                            "client too slow: stalled for {}s with its queue full ({} messages, {} bytes at most)",
                            self.settings.stall_timeout.as_secs(),
                            self.settings.queue,
                            self.settings.queue_bytes
                        ),
                    );
                }
            }
            // Full now, or the writer took something since: it starts over.
            _ => self.full_since = Some((Instant::now(), taken)),
        }
    }

    fn push(&mut self, msg: ServerMessage, count: u64) {
        self.push_text(msg.to_text(), count);
    }

    fn push_text(&mut self, text: String, count: u64) {
        self.flush_lagged();
        if self.missed == 0 && self.out.try_send(Out::Text(text)).is_ok() {
            self.full_since = None;
            return;
        }
        self.missed += count;
        self.check_stall();
    }

    pub(super) async fn items(
        mut self,
        mut rx: crate::api::stream_queue::Rx<WsItem>,
        stop: CancellationToken,
        events: bool,
    ) {
        loop {
            let first = tokio::select! {
                _ = stop.cancelled() => return,
                // A pending `lagged` notice is retried even when the
                // stream has gone quiet.
                _ = tokio::time::sleep(Duration::from_millis(100)), if self.missed > 0 => {
                    self.flush_lagged();
                    continue;
                }
                i = rx.recv() => match i {
                    Some(i) => i,
                    None => return,
                },
            };
            let mut batch: Vec<Arc<str>> = Vec::new();
            let mut gap = 0;
            let mut failed = None;
            let mut take = |i: Result<WsItem, TailError>, batch: &mut Vec<Arc<str>>| match i {
                Ok(WsItem::Item(v)) => batch.push(v),
                Ok(WsItem::Gap(n)) => gap += n,
                // Said to the client, never skipped in silence.
                Err(e) => failed = Some(e.to_string()),
            };
            take(first, &mut batch);
            // What is ready goes at once; with a batch delay, wait that
            // long for more.
            let deadline = tokio::time::Instant::now() + self.settings.batch_delay;
            while batch.len() < self.settings.batch_max {
                match rx.try_recv() {
                    Some(i) => take(i, &mut batch),
                    None if self.settings.batch_delay.is_zero() => break,
                    None => match tokio::time::timeout_at(deadline, rx.recv()).await {
                        Ok(Some(i)) => take(i, &mut batch),
                        _ => break,
                    },
                }
            }
            self.missed += gap;
            if let Some(why) = failed {
                self.push(ServerMessage::error("history", why, Some(self.id.clone())), 0);
            }
            if batch.is_empty() {
                continue;
            }
            let n = batch.len() as u64;
            // Items are JSON already: the batch is put together as text.
            let (kind, field) = if events {
                ("event", "events")
            } else {
                ("log", "records")
            };
            let mut text = String::with_capacity(batch.iter().map(|b| b.len() + 1).sum::<usize>() + 64);
            text.push_str(&format!(
                "{{\"type\":\"{kind}\",\"subscription\":{},\"{field}\":[",
                serde_json::Value::String(self.id.clone())
            ));
            for (i, item) in batch.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                text.push_str(item);
            }
            text.push_str("]}");
            self.push_text(text, n);
        }
    }

    /// The current state of the services watched, then every change; after
    /// falling behind, the count missed and every service again.
    pub(super) async fn services(mut self, shared: Arc<Shared>, names: Vec<String>, stop: CancellationToken) {
        let mut watch = ServiceWatch::new(&shared.hub, shared.view.clone(), names, true);
        loop {
            let change = tokio::select! {
                _ = stop.cancelled() => return,
                c = watch.next() => c,
            };
            let (service, transition) = match change {
                None => return,
                Some(ServiceChange::Current { service, .. }) => (service, None),
                Some(ServiceChange::Changed { service, transition }) => (service, transition),
                Some(ServiceChange::Missed(n)) => {
                    self.missed += n;
                    continue;
                }
            };
            self.push(
                ServerMessage::ServiceUpdate {
                    subscription: self.id.clone(),
                    service: wsjson::service(&service, now_us()),
                    transition: transition.as_ref().map(wsjson::transition),
                },
                1,
            );
        }
    }

    /// The alerts the daemon holds: what is pending or firing now (of
    /// `names`' services, when given), then each change. After a lag the
    /// client gets a fresh picture, not a patched one.
    pub(super) async fn alerts(mut self, shared: Arc<Shared>, names: Vec<String>, stop: CancellationToken) {
        let wanted = |a: &crate::alerts::engine::Alert| {
            names.is_empty() || a.labels.get("service").is_some_and(|s| names.contains(s))
        };
        // Subscribed before the snapshot is read: nothing falls between.
        let mut rx = shared.alerts.changes();
        let snapshot = |this: &Self| ServerMessage::Alerts {
            subscription: this.id.clone(),
            items: shared
                .alerts
                .active()
                .iter()
                .filter(|a| wanted(a))
                .map(|a| doc::alert_json(&alert_pb(a)))
                .collect(),
        };
        let first = snapshot(&self);
        self.push(first, 1);
        loop {
            let t = tokio::select! {
                _ = stop.cancelled() => return,
                t = rx.recv() => t,
            };
            let t = match t {
                Ok(t) => t,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    self.missed += n;
                    let again = snapshot(&self);
                    self.push(again, 1);
                    continue;
                }
                Err(_) => return,
            };
            if !wanted(t.alert()) {
                continue;
            }
            let (transition, view) = match &t {
                Transition::AlertFiring { alert } => (
                    "firing",
                    AlertView {
                        alert: alert.clone(),
                        resolved_at_ms: None,
                    },
                ),
                Transition::AlertResolved { alert, resolved_at_ms } => (
                    "resolved",
                    AlertView {
                        alert: alert.clone(),
                        resolved_at_ms: Some(*resolved_at_ms),
                    },
                ),
            };
            self.push(
                ServerMessage::Alert {
                    subscription: self.id.clone(),
                    transition: transition.into(),
                    alert: doc::alert_json(&view_pb(&view)),
                },
                1,
            );
        }
    }
}
