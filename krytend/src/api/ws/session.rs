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
use serde_json::{json, Value};
use tokio::{
    io::{AsyncRead, AsyncWrite},
    sync::mpsc,
};
use tokio_tungstenite::{
    tungstenite::{
        protocol::{frame::coding::CloseCode, CloseFrame},
        Error as WsError, Message,
    },
    WebSocketStream,
};
use tokio_util::sync::CancellationToken;

use super::{
    json as wsjson,
    protocol::{request_id_of, ClientMessage, Filters, ServerMessage, Stream},
    tailed::{Ws, WsItem},
    WsSettings,
};
use crate::{
    api::{tail, tailed, Shared},
    auth::{Caller, Ended, Grant, TokenError},
    control::Control,
    domain::{
        actions::{self, ControlAction},
        event_alerts,
        watch::{ServiceChange, ServiceWatch},
    },
    event::EventFilter,
    logs::LogFilter,
    protocol::{log::parse_level, timestamp::now_us},
    store::{logs_reader::LogPaging, reader::Paging},
};

enum Out {
    Text(String),
    Ping,
}

/// Why the session ends, said in the close frame.
#[derive(Clone, Default)]
struct Closer {
    token: CancellationToken,
    reason: Arc<Mutex<Option<(CloseCode, String)>>>,
}

impl Closer {
    fn close(&self, code: CloseCode, reason: impl Into<String>) {
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
    let (out, mut out_rx) = mpsc::channel::<Out>(settings.queue.max(8));
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
        async fn finish<S>(sink: &mut S, out_rx: &mut mpsc::Receiver<Out>, frame: Message)
        where
            S: futures::Sink<Message> + Unpin,
        {
            while let Ok(o) = out_rx.try_recv() {
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
    out: mpsc::Sender<Out>,
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
            Err(e) => return self.reject(Some(id), "bad_request", e),
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
                    Err(e) => return self.reject(Some(id), "bad_request", e),
                };
                f.since_us = since_us;
                let (tx, rx) = mpsc::channel(256);
                tokio::spawn(tail::run(self.shared.clone(), Ws(tailed::Events(f)), start, true, tx));
                tokio::spawn(fwd.items(rx, token.clone(), true));
            }
            Stream::Logs => {
                let mut f = match log_filter(&filters) {
                    Ok(f) => f,
                    Err(e) => return self.reject(Some(id), "bad_request", e),
                };
                f.since_us = since_us;
                let (tx, rx) = mpsc::channel(256);
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
        let limit = limit.unwrap_or(100).clamp(1, 1000) as usize;
        let reader = self.shared.store.reader();
        let mut searched_to_seq = None;
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
                Ok(f) => reader
                    .events_interactive(f, Paging::Newest { before: 0 }, limit)
                    .await
                    .map(|p| {
                        searched_to_seq = p.stopped_at;
                        p.events.iter().map(wsjson::event).collect()
                    })
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            },
            Stream::Logs => match log_filter(&filters) {
                Ok(f) => reader
                    .logs(f, LogPaging::Newest { upto: None }, limit)
                    .await
                    .map(|p| p.records.iter().map(wsjson::log).collect())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
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
        let control = self.shared.control.clone();
        let out = self.out.clone();
        let tokens = self.shared.tokens.clone();
        let closer = self.closer.clone();
        tokio::spawn(async move {
            // The token may have been revoked since the session opened.
            if let Err(e) = tokens.recheck(&grant).await {
                let refused = ServerMessage::CommandResult {
                    id,
                    ok: false,
                    result: None,
                    error: Some(e.to_string()),
                };
                let _ = out.try_send(Out::Text(refused.to_text()));
                if matches!(e, TokenError::Invalid) {
                    closer.close(
                        CloseCode::Policy,
                        "the token was revoked or expired; the session has ended",
                    );
                }
                return;
            }
            let caller: Caller = grant.caller;
            let arg_str = |k: &str| args.get(k).and_then(Value::as_str).map(str::to_string);
            let reason = arg_str("reason").unwrap_or_default();
            let timeout = Duration::from_secs_f64(
                args.get("timeout_seconds")
                    .and_then(Value::as_f64)
                    .unwrap_or(5.0)
                    .clamp(0.1, 600.0),
            );
            let command = args.get("command").and_then(Value::as_str);
            let result: Result<Value, String> = match actions::parse(&action, command) {
                Err(e) => Err(e.to_string()),
                Ok(ControlAction::Restart) => {
                    let wait = args.get("wait").and_then(Value::as_bool).unwrap_or(false);
                    let fallback = args
                        .get("allowShutdownFallback")
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                    restart(&control, caller, service, reason, wait, timeout, fallback).await
                }
                Ok(ControlAction::Command(command)) => {
                    let data = args.get("data").and_then(Value::as_object).cloned().unwrap_or_default();
                    match control
                        .command(&caller, &service, &command, data, &reason, timeout)
                        .await
                    {
                        Ok(r) if r.success => Ok(json!({"reply": r.body, "rttMs": r.rtt_ms})),
                        Ok(r) => Err(r.error),
                        Err(e) => Err(e.to_string()),
                    }
                }
            };
            let msg = match result {
                Ok(v) => ServerMessage::CommandResult {
                    id,
                    ok: true,
                    result: Some(v),
                    error: None,
                },
                Err(e) => ServerMessage::CommandResult {
                    id,
                    ok: false,
                    result: None,
                    error: Some(e),
                },
            };
            let _ = out.try_send(Out::Text(msg.to_text()));
        });
    }
}

/// A proven restart through control, its stages collected for one reply.
async fn restart(
    control: &Control,
    caller: Caller,
    service: String,
    reason: String,
    wait: bool,
    timeout: Duration,
    fallback: bool,
) -> Result<Value, String> {
    control
        .precheck(&caller, crate::auth::Action::Restart, &service, &reason)
        .await
        .map_err(|e| e.to_string())?;
    let (ptx, mut prx) = mpsc::channel(32);
    let c2 = control.clone();
    tokio::spawn(async move { c2.restart(caller, service, reason, wait, timeout, fallback, ptx).await });
    let mut stages = Vec::new();
    let mut last_ok = false;
    let mut last_msg = String::new();
    while let Some(p) = prx.recv().await {
        stages.push(json!({"stage": p.stage, "elapsedSeconds": p.elapsed, "message": p.message}));
        last_ok = p.ok;
        last_msg = p.message.clone();
        if p.done {
            break;
        }
    }
    if last_ok {
        Ok(json!({"stages": stages}))
    } else {
        Err(last_msg)
    }
}

fn parse_since(v: &Value) -> Result<i64, String> {
    match v {
        Value::Number(n) => n
            .as_f64()
            .map(|s| (s * 1e6) as i64)
            .ok_or_else(|| "since: not a number".into()),
        Value::String(s) => {
            if let Some(secs) = s.strip_prefix('@') {
                return secs
                    .parse::<f64>()
                    .map(|x| (x * 1e6) as i64)
                    .map_err(|_| format!("since: bad {s:?}"));
            }
            crate::protocol::timestamp::parse_iso_us(s)
                .ok_or_else(|| format!("since: {s:?} is not RFC 3339 or @<unix seconds>"))
        }
        _ => Err("since: a time string or unix seconds".into()),
    }
}

fn event_filter(f: &Filters) -> Result<EventFilter, String> {
    let grep = f.grep.as_deref().unwrap_or_default();
    crate::domain::filters::events(&f.subjects, &f.services, &f.types, 0, 0, grep).map_err(|e| e.to_string())
}

fn log_filter(f: &Filters) -> Result<LogFilter, String> {
    let levels = f
        .levels
        .iter()
        .map(|l| parse_level(l).ok_or_else(|| format!("unknown level {l:?}")))
        .collect::<Result<Vec<_>, _>>()?;
    let grep = f.grep.as_deref().unwrap_or_default();
    let max = levels.into_iter().max().map(u32::from);
    crate::domain::filters::logs(&f.services, max, 0, 0, grep, "").map_err(|e| e.to_string())
}

/// Moves one subscription's items to the client: batched, never waiting
/// on the client; what does not fit is counted and reported as `lagged`.
struct Forwarder {
    id: String,
    out: mpsc::Sender<Out>,
    closer: Closer,
    settings: Arc<WsSettings>,
    missed: u64,
    full_since: Option<Instant>,
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

    async fn items(
        mut self,
        mut rx: mpsc::Receiver<Result<WsItem, tonic::Status>>,
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
            let mut take = |i: Result<WsItem, tonic::Status>, batch: &mut Vec<Arc<str>>| match i {
                Ok(WsItem::Item(v)) => batch.push(v),
                Ok(WsItem::Gap(n)) => gap += n,
                Err(_) => {}
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
    async fn services(mut self, shared: Arc<Shared>, names: Vec<String>, stop: CancellationToken) {
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
    async fn alerts(mut self, shared: Arc<Shared>, names: Vec<String>, stop: CancellationToken) {
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
