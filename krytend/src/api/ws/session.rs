//! One WebSocket client: auth first, then requests; each subscription a
//! task feeding a bounded outgoing queue. A client that cannot keep up is
//! told how much it missed (`lagged`), never slows anyone else, and is
//! disconnected if it stays stalled. A session lives no longer than its
//! token: revocation or expiry closes it, and every command checks the
//! token again first.

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_tungstenite::{
    tungstenite::{
        protocol::{frame::coding::CloseCode, CloseFrame},
        Error as WsError, Message,
    },
    WebSocketStream,
};
use tokio_util::sync::CancellationToken;

use super::{
    command,
    filters::{event_filter, log_filter, parse_since},
    forward::Forwarder,
    json as wsjson,
    protocol::{request_id_of, ClientMessage, Filters, ServerMessage, Stream},
    tailed::Ws,
    WsSettings,
};
use crate::{
    api::{stream_queue, tail, tailed, Shared},
    auth::{Ended, Grant, TokenError},
    domain::history::{self, LogSources},
    protocol::timestamp::now_us,
    store::reader::Paging,
};

pub(super) use super::outq::Out;

/// Why the session ends, said in the close frame.
#[derive(Clone, Default)]
pub(super) struct Closer {
    token: CancellationToken,
    reason: Arc<Mutex<Option<(CloseCode, String)>>>,
}

impl Closer {
    pub(super) fn close(&self, code: CloseCode, reason: impl Into<String>) {
        if let Ok(mut r) = self.reason.lock() {
            r.get_or_insert((code, reason.into()));
        }
        self.token.cancel();
    }

    fn reason(&self) -> Option<(CloseCode, String)> {
        self.reason.lock().ok().and_then(|r| r.clone())
    }
}

/// Requests per second, with a burst.
struct Bucket {
    tokens: f64,
    rate: f64,
    burst: f64,
    at: Instant,
}

impl Bucket {
    fn take(&mut self) -> bool {
        let now = Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * self.rate).min(self.burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

pub(crate) async fn run<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
    ws: WebSocketStream<S>,
    peer: SocketAddr,
    shared: Arc<Shared>,
    settings: Arc<WsSettings>,
    shutdown: CancellationToken,
) {
    let (mut sink, mut stream) = ws.split();
    let (out, mut out_rx) = super::outq::channel(settings.queue.max(8), settings.queue_bytes);
    // The close frame goes past whatever is queued: a stalled client must
    // still learn why it is dropped, after the frame being written now.
    let (close_tx, mut close_rx) = tokio::sync::oneshot::channel::<(CloseCode, String)>();
    let closer = Closer::default();
    let writer = tokio::spawn(async move {
        let close = |frame: Option<(CloseCode, String)>| {
            Message::Close(frame.map(|(code, reason)| CloseFrame {
                code,
                reason: reason.into(),
            }))
        };
        // What is already queued (an error saying why) goes first, unless
        // the client is not reading; then the close frame.
        async fn finish<S>(sink: &mut S, out_rx: &mut super::outq::OutRx, frame: Message)
        where
            S: futures::Sink<Message> + Unpin,
        {
            while let Some(o) = out_rx.try_recv() {
                let m = match o {
                    Out::Text(t) => Message::Text(t.into()),
                    Out::Ping => continue,
                };
                if !matches!(
                    tokio::time::timeout(Duration::from_secs(1), sink.send(m)).await,
                    Ok(Ok(()))
                ) {
                    break;
                }
            }
            let _ = tokio::time::timeout(Duration::from_secs(30), sink.send(frame)).await;
            let _ = tokio::time::timeout(Duration::from_secs(1), sink.close()).await;
        }
        loop {
            let next = tokio::select! {
                biased;
                c = &mut close_rx => Err(c.ok()),
                m = out_rx.recv() => Ok(m),
            };
            let msg = match next {
                Ok(Some(Out::Text(t))) => Message::Text(t.into()),
                Ok(Some(Out::Ping)) => Message::Ping(Vec::new().into()),
                Ok(None) => return,
                Err(frame) => return finish(&mut sink, &mut out_rx, close(frame)).await,
            };
            let sent = tokio::select! {
                biased;
                r = sink.send(msg) => r.is_ok(),
                c = &mut close_rx => return finish(&mut sink, &mut out_rx, close(c.ok())).await,
            };
            if !sent {
                return;
            }
        }
    });
    let mut s = Session {
        shared,
        settings: settings.clone(),
        out: out.clone(),
        closer: closer.clone(),
        subs: HashMap::new(),
        grant: None,
        errors: 0,
        bucket: Bucket {
            tokens: settings.rate_burst,
            rate: settings.rate_per_sec,
            burst: settings.rate_burst,
            at: Instant::now(),
        },
        peer,
    };
    let auth_deadline = tokio::time::Instant::now() + settings.auth_timeout;
    let mut ping = tokio::time::interval(settings.ping_interval);
    ping.tick().await;
    let mut last_pong = Instant::now();
    // Resolves when the session's token is revoked or expires.
    let mut token_ended: Option<std::pin::Pin<Box<dyn std::future::Future<Output = Ended> + Send>>> = None;
    loop {
        if token_ended.is_none() {
            if let Some(g) = s.grant.clone() {
                let tokens = s.shared.tokens.clone();
                token_ended = Some(Box::pin(async move { tokens.ended(&g).await }));
            }
        }
        tokio::select! {
            _ = closer.token.cancelled() => break,
            _ = shutdown.cancelled() => s.closer.close(CloseCode::Away, "krytend is shutting down"),
            why = async {
                match token_ended.as_mut() {
                    Some(f) => f.await,
                    None => std::future::pending().await,
                }
            } => {
                for (_, t) in s.subs.drain() {
                    t.cancel();
                }
                s.closer.close(CloseCode::Policy, format!("{}; the session has ended", why.as_str()));
                // Do not poll it again.
                token_ended = Some(Box::pin(std::future::pending()));
            }
            _ = tokio::time::sleep_until(auth_deadline), if s.grant.is_none() => {
                s.closer.close(CloseCode::Policy, "authentication required: send {\"type\":\"auth\",\"token\":...} first");
            }
            _ = ping.tick() => {
                if last_pong.elapsed() > settings.ping_interval * 2 + Duration::from_secs(1) {
                    s.closer.close(CloseCode::Away, "no pong: peer presumed dead");
                } else {
                    let _ = out.try_send(Out::Ping);
                }
            }
            msg = stream.next() => match msg {
                None => break,
                Some(Ok(Message::Text(t))) => s.on_text(t.as_str()).await,
                Some(Ok(Message::Binary(_))) => s.reject(None, "bad_request", "binary frames are not supported; send JSON text"),
                Some(Ok(Message::Pong(_))) => last_pong = Instant::now(),
                Some(Ok(Message::Ping(_))) | Some(Ok(Message::Frame(_))) => {}
                Some(Ok(Message::Close(_))) => break,
                Some(Err(WsError::Capacity(e))) => {
                    s.closer.close(CloseCode::Size, format!("message too large ({e}); the limit is {} bytes", settings.max_frame_bytes));
                }
                Some(Err(_)) => break,
            },
        }
    }
    for (_, t) in s.subs.drain() {
        t.cancel();
    }
    let frame = match closer.reason() {
        Some((code, reason)) => {
            tracing::info!("websocket {peer}: closing: {reason}");
            (code, reason)
        }
        None => (CloseCode::Normal, String::new()),
    };
    let _ = close_tx.send(frame);
    drop(out);
    drop(s);
    // Usually quick; a stalled client's writer goes on alone (bounded by
    // its own timeouts).
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}

struct Session {
    shared: Arc<Shared>,
    settings: Arc<WsSettings>,
    out: super::outq::OutTx,
    closer: Closer,
    subs: HashMap<String, CancellationToken>,
    grant: Option<Grant>,
    errors: u32,
    bucket: Bucket,
    peer: SocketAddr,
}

impl Session {
    fn send(&self, m: ServerMessage) {
        if self.out.try_send(Out::Text(m.to_text())).is_err() {
            // Replies to a client that reads nothing: it is stalled.
            tracing::debug!("websocket {}: outgoing queue full", self.peer);
        }
    }

    /// An error for this client alone; too many and it is disconnected.
    fn reject(&mut self, id: Option<String>, code: &str, message: impl Into<String>) {
        self.errors += 1;
        self.send(ServerMessage::error(code, message, id));
        if self.errors > self.settings.max_errors {
            self.closer
                .close(CloseCode::Policy, format!("too many bad requests ({})", self.errors));
        }
    }

    async fn on_text(&mut self, text: &str) {
        if !self.bucket.take() {
            self.reject(
                request_id_of(text),
                "rate_limited",
                format!("more than {} messages per second", self.settings.rate_per_sec),
            );
            return;
        }
        let msg = match serde_json::from_str::<ClientMessage>(text) {
            Ok(m) => m,
            Err(e) => {
                let code = if serde_json::from_str::<Value>(text).is_ok() {
                    "unknown_message"
                } else {
                    "bad_request"
                };
                self.reject(request_id_of(text), code, format!("cannot read the message: {e}"));
                return;
            }
        };
        let Some(grant) = self.grant.clone() else {
            return self.authenticate(msg).await;
        };
        match msg {
            ClientMessage::Auth { .. } => self.reject(None, "bad_request", "already authenticated"),
            ClientMessage::Ping { id } => self.send(ServerMessage::Pong { id }),
            ClientMessage::Subscribe {
                id,
                stream,
                filters,
                since,
                after_seq,
            } => self.subscribe(id, stream, filters, since, after_seq),
            ClientMessage::Unsubscribe { id } => match self.subs.remove(&id) {
                Some(t) => {
                    t.cancel();
                    self.send(ServerMessage::Unsubscribed { id });
                }
                None => self.reject(Some(id), "not_found", "no such subscription"),
            },
            ClientMessage::Snapshot {
                id,
                what,
                filters,
                limit,
            } => self.snapshot(id, what, filters, limit).await,
            ClientMessage::Command {
                id,
                action,
                service,
                args,
            } => self.command(grant, id, action, service, args),
        }
    }

    async fn authenticate(&mut self, msg: ClientMessage) {
        let ClientMessage::Auth { token } = msg else {
            self.send(ServerMessage::error(
                "unauthorized",
                "authenticate first: {\"type\":\"auth\",\"token\":...}",
                None,
            ));
            self.closer.close(CloseCode::Policy, "authentication required");
            return;
        };
        match self.shared.tokens.authenticate(&token, Some(self.peer.ip())).await {
            Ok(grant) => {
                self.send(ServerMessage::AuthOk {
                    role: grant.caller.role.as_str().into(),
                    server_version: env!("CARGO_PKG_VERSION").into(),
                });
                self.grant = Some(grant);
            }
            Err(TokenError::Limited(wait)) => {
                self.send(ServerMessage::error(
                    "rate_limited",
                    format!(
                        "too many failed authentications; retry after {}s",
                        wait.as_secs().max(1)
                    ),
                    None,
                ));
                self.closer.close(CloseCode::Policy, "too many failed authentications");
            }
            Err(TokenError::Store(e)) => {
                tracing::error!("token check failed: {e}");
                self.send(ServerMessage::error(
                    "unavailable",
                    "cannot check the token right now",
                    None,
                ));
                self.closer.close(CloseCode::Again, "cannot check the token right now");
            }
            Err(_) => {
                self.send(ServerMessage::error(
                    "unauthorized",
                    "invalid, expired or revoked token",
                    None,
                ));
                self.closer.close(CloseCode::Policy, "invalid token");
            }
        }
    }

    fn subscribe(
        &mut self,
        id: String,
        stream: Stream,
        filters: Filters,
        since: Option<Value>,
        after_seq: Option<u64>,
    ) {
        if self.subs.contains_key(&id) {
            return self.reject(Some(id), "bad_request", "a subscription with this id exists");
        }
        if self.subs.len() >= self.settings.max_subscriptions {
            return self.reject(
                Some(id),
                "limit",
                format!("at most {} subscriptions", self.settings.max_subscriptions),
            );
        }
        let since_us = match since.as_ref().map(parse_since).transpose() {
            Ok(s) => s,
            Err(e) => return self.reject(Some(id), "bad_request", e.to_string()),
        };
        let start = match (after_seq, since_us) {
            (Some(seq), _) => tail::Start::After(seq),
            (None, Some(_)) => tail::Start::All,
            (None, None) => tail::Start::Live,
        };
        let token = CancellationToken::new();
        let fwd = Forwarder {
            id: id.clone(),
            out: self.out.clone(),
            closer: self.closer.clone(),
            settings: self.settings.clone(),
            missed: 0,
            full_since: None,
        };
        match stream {
            Stream::Events => {
                let mut f = match event_filter(&filters) {
                    Ok(f) => f,
                    Err(e) => return self.reject(Some(id), "bad_request", e.to_string()),
                };
                f.since_us = since_us;
                let (tx, rx) = stream_queue::channel(256, stream_queue::STREAM_BYTES, super::tailed::WsItem::weight);
                tokio::spawn(tail::run(self.shared.clone(), Ws(tailed::Events(f)), start, true, tx));
                tokio::spawn(fwd.items(rx, token.clone(), true));
            }
            Stream::Logs => {
                let mut f = match log_filter(&filters) {
                    Ok(f) => f,
                    Err(e) => return self.reject(Some(id), "bad_request", e.to_string()),
                };
                f.since_us = since_us;
                let (tx, rx) = stream_queue::channel(256, stream_queue::STREAM_BYTES, super::tailed::WsItem::weight);
                tokio::spawn(tail::run(
                    self.shared.clone(),
                    Ws(tailed::Logs::new(f)),
                    start,
                    true,
                    tx,
                ));
                tokio::spawn(fwd.items(rx, token.clone(), false));
            }
            Stream::Services => {
                tokio::spawn(fwd.services(self.shared.clone(), filters.services, token.clone()));
            }
            Stream::Alerts => {
                tokio::spawn(fwd.alerts(self.shared.clone(), filters.services, token.clone()));
            }
        }
        self.subs.insert(id.clone(), token);
        self.send(ServerMessage::Subscribed { id, stream });
    }

    async fn snapshot(&mut self, id: String, what: Stream, filters: Filters, limit: Option<u32>) {
        let limit = limit.unwrap_or(100).clamp(1, 1000);
        let mut searched_to_seq = None;
        let caller = self.grant.as_ref().map(|g| g.caller.name.clone()).unwrap_or_default();
        let items: Result<Vec<Value>, String> = match what {
            Stream::Services => {
                let now = now_us();
                Ok(self
                    .shared
                    .view
                    .borrow()
                    .values()
                    .filter(|s| filters.services.is_empty() || filters.services.contains(&s.name))
                    .map(|s| wsjson::service(s, now))
                    .collect())
            }
            Stream::Events => match event_filter(&filters) {
                Ok(f) => history::events(&self.shared.store, &caller, f, Paging::Newest { before: 0 }, limit)
                    .await
                    .map(|p| {
                        searched_to_seq = p.stopped_at;
                        p.events.iter().map(wsjson::event).collect()
                    })
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            },
            Stream::Logs => match log_filter(&filters) {
                Ok(f) => {
                    let view = self.shared.view.borrow().clone();
                    let sources = LogSources {
                        store: &self.shared.store,
                        view: &view,
                        file_services: &self.shared.log_file_services,
                    };
                    sources
                        .page(&caller, f, true, limit)
                        .await
                        .map(|p| p.records.iter().map(wsjson::log).collect())
                        .map_err(|e| e.to_string())
                }
                Err(e) => Err(e.to_string()),
            },
            Stream::Alerts => Ok(Vec::new()),
        };
        match items {
            Ok(items) => self.send(ServerMessage::Snapshot {
                id,
                what,
                items,
                searched_to_seq,
            }),
            Err(e) => self.reject(Some(id), "bad_request", e),
        }
    }

    /// Same roles and audit as gRPC: through the control module.
    fn command(&mut self, grant: Grant, id: String, action: String, service: String, args: Value) {
        command::spawn(
            self.shared.clone(),
            self.out.clone(),
            self.closer.clone(),
            grant,
            id,
            action,
            service,
            args,
        );
    }
}
