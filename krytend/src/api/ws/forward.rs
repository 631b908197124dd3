//! A subscription's items on their way to the client: batched, never
//! waiting on it; what does not fit is counted and reported as `lagged`,
//! and a client whose queue stays full is disconnected.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use serde_json::json;
use tokio::sync::mpsc;
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
    api::{tail::TailError, Shared},
    domain::{
        event_alerts,
        watch::{ServiceChange, ServiceWatch},
    },
    protocol::timestamp::now_us,
};

/// Moves one subscription's items to the client: batched, never waiting
/// on the client; what does not fit is counted and reported as `lagged`.
pub(super) struct Forwarder {
    pub(super) id: String,
    pub(super) out: mpsc::Sender<Out>,
    pub(super) closer: Closer,
    pub(super) settings: Arc<WsSettings>,
    pub(super) missed: u64,
    pub(super) full_since: Option<Instant>,
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
                self.full_since = None;
            } else {
                // The stall deadline runs whether or not more items come.
                self.check_stall();
            }
        }
    }

    fn check_stall(&mut self) {
        let since = *self.full_since.get_or_insert_with(Instant::now);
        if since.elapsed() > self.settings.stall_timeout {
            self.closer.close(
                CloseCode::Again,
                format!(
                    "client too slow: stalled for {}s with {} messages unread",
                    self.settings.stall_timeout.as_secs(),
                    self.settings.queue
                ),
            );
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
        mut rx: mpsc::Receiver<Result<WsItem, TailError>>,
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
                    Ok(i) => take(i, &mut batch),
                    Err(_) if self.settings.batch_delay.is_zero() => break,
                    Err(_) => match tokio::time::timeout_at(deadline, rx.recv()).await {
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

    /// Alerts, derived from the event stream: services going down or
    /// failing, drift, and data lost before recording.
    pub(super) async fn alerts(mut self, shared: Arc<Shared>, names: Vec<String>, stop: CancellationToken) {
        let mut rx = shared.hub.subscribe();
        loop {
            let ev = tokio::select! {
                _ = stop.cancelled() => return,
                e = rx.recv() => e,
            };
            let ev = match ev {
                Ok(e) => e,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    self.missed += n;
                    continue;
                }
                Err(_) => return,
            };
            if !names.is_empty() && !ev.service.as_ref().is_some_and(|s| names.contains(s)) {
                continue;
            }
            let Some(found) = event_alerts::from_event(&ev) else {
                continue;
            };
            let alert = json!({"severity": found.severity.as_str(), "service": ev.service,
                "kind": ev.kind.as_str(), "message": found.message, "at": crate::protocol::timestamp::format_us(ev.received_us), "seq": ev.seq});
            self.push(
                ServerMessage::Alert {
                    subscription: self.id.clone(),
                    alert,
                },
                1,
            );
        }
    }
}
