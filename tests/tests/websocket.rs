//! The WebSocket API with a real daemon, bus and Rust WebSocket clients.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use kryten_e2e::{bus, nats, Daemon, SimService, SimSpec, FAST_LIVENESS};
use kryten_proto::v1::{self as pb, ServiceStatus};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::{
    connect_async,
    tungstenite::{client::IntoClientRequest, protocol::frame::coding::CloseCode, Message},
    MaybeTlsStream, WebSocketStream,
};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

async fn token(d: &Daemon, name: &str, role: &str) -> String {
    let out = d.ctl(&["token", "create", "--name", name, "--role", role]).await;
    assert_eq!(out.status.code(), Some(0));
    kryten_e2e::stdout(&out).trim().to_string()
}

async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.expect("send");
}

/// The next JSON message (skipping pings).
async fn recv(ws: &mut Ws) -> Value {
    loop {
        let m = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .expect("a message within 10 s")
            .expect("stream open")
            .expect("frame");
        match m {
            Message::Text(t) => return serde_json::from_str(t.as_str()).expect("JSON text frame"),
            Message::Close(f) => {
                return json!({"type": "__closed", "code": f.as_ref().map(|f| u16::from(f.code)), "reason": f.map(|f| f.reason.to_string())})
            }
            _ => continue,
        }
    }
}

async fn authed(d: &Daemon, role: &str) -> Ws {
    let t = token(d, &format!("ws-{role}-{}", rand_suffix()), role).await;
    let (mut ws, _) = connect_async(d.ws().await).await.expect("connect");
    send(&mut ws, json!({"type": "auth", "token": t})).await;
    let ok = recv(&mut ws).await;
    assert_eq!(ok["type"], "auth_ok", "{ok}");
    assert_eq!(ok["role"], role);
    ws
}

/// Subscribes to events on `subject` and waits until the daemon has
/// attached the subscription (the only live one).
async fn subscribe_attached(d: &Daemon, ws: &mut Ws, subject: &str) {
    send(
        ws,
        json!({"type": "subscribe", "id": "s", "stream": "events", "filters": {"subjects": [subject]}}),
    )
    .await;
    assert_eq!(recv(ws).await["type"], "subscribed");
    kryten_e2e::eventually(Duration::from_secs(5), "the subscription attached", || async {
        (d.status().await.live_subscribers == 1).then_some(())
    })
    .await;
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64 % 1_000_000_007)
        .unwrap_or(0)
}

/// Reads `n` events of subscription `sub`, checking what else arrives.
async fn collect_events(ws: &mut Ws, sub: &str, n: usize) -> Vec<Value> {
    let mut out = Vec::new();
    while out.len() < n {
        let m = recv(ws).await;
        match m["type"].as_str() {
            Some("event") => {
                assert_eq!(m["subscription"], sub);
                out.extend(m["events"].as_array().expect("events").iter().cloned());
            }
            Some("subscribed") => {}
            other => panic!("unexpected {other:?}: {m}"),
        }
    }
    out
}

#[tokio::test]
async fn auth_is_required_first_and_roles_apply_to_commands() {
    let nats = nats().await;
    let d = Daemon::start(
        &nats.url(),
        &format!("{FAST_LIVENESS}websocket:\n  auth_timeout: 500ms\n"),
    )
    .await;
    // Anything before auth: refused and closed.
    let (mut ws, _) = connect_async(d.ws().await).await.expect("connect");
    send(&mut ws, json!({"type": "subscribe", "id": "s", "stream": "events"})).await;
    assert_eq!(recv(&mut ws).await["code"], "unauthorized");
    let closed = recv(&mut ws).await;
    assert_eq!(
        (closed["type"].as_str(), closed["code"].as_u64()),
        (Some("__closed"), Some(1008)),
        "{closed}"
    );
    // A bad token.
    let (mut ws, _) = connect_async(d.ws().await).await.expect("connect");
    send(&mut ws, json!({"type": "auth", "token": "kt_nope_nope"})).await;
    let e = recv(&mut ws).await;
    assert_eq!(
        (e["code"].as_str(), e["message"].as_str()),
        (Some("unauthorized"), Some("invalid, expired or revoked token"))
    );
    // Silence: closed after the auth deadline.
    let (mut ws, _) = connect_async(d.ws().await).await.expect("connect");
    let closed = recv(&mut ws).await;
    assert!(
        closed["reason"]
            .as_str()
            .expect("reason")
            .contains("authentication required"),
        "{closed}"
    );
    // A viewer may read but not command; the refusal is audited.
    let _svc = SimService::start(
        bus(&nats.url()).await,
        SimSpec::new("wsvc").heartbeat(Some(Duration::from_millis(300))),
    )
    .await
    .expect("sim");
    d.wait_status("wsvc", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let mut ws = authed(&d, "viewer").await;
    send(
        &mut ws,
        json!({"type": "command", "id": "c1", "action": "restart", "service": "wsvc"}),
    )
    .await;
    let r = recv(&mut ws).await;
    assert_eq!(
        (r["type"].as_str(), r["id"].as_str(), r["ok"].as_bool()),
        (Some("command_result"), Some("c1"), Some(false))
    );
    assert!(
        r["error"]
            .as_str()
            .expect("error")
            .contains("role viewer may not restart"),
        "{r}"
    );
    let audit = d.ctl(&["audit", "ls", "-o", "json"]).await;
    assert!(kryten_e2e::stdout(&audit).contains("\"denied\""));
    // An operator may ping; the answer carries the request id.
    let mut op = authed(&d, "operator").await;
    send(
        &mut op,
        json!({"type": "command", "id": "p1", "action": "ping", "service": "wsvc"}),
    )
    .await;
    let r = recv(&mut op).await;
    assert_eq!((r["id"].as_str(), r["ok"].as_bool()), (Some("p1"), Some(true)), "{r}");
    assert_eq!(r["result"]["reply"]["data"]["pong"], true);
    send(&mut op, json!({"type": "snapshot", "id": "snap", "what": "services"})).await;
    let s = recv(&mut op).await;
    assert_eq!((s["type"].as_str(), s["id"].as_str()), (Some("snapshot"), Some("snap")));
    assert_eq!(s["items"][0]["name"], "wsvc");
    send(&mut op, json!({"type": "ping", "id": "k"})).await;
    assert_eq!(recv(&mut op).await, json!({"type": "pong", "id": "k"}));
}

#[tokio::test]
async fn filtered_subscriptions_get_exactly_the_matching_events_in_order() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let mut ws = authed(&d, "viewer").await;
    // Two subject patterns, each matching events of two types: the type
    // filter has something to take out.
    send(
        &mut ws,
        json!({"type": "subscribe", "id": "a", "stream": "events",
        "filters": {"subjects": ["kryten.test.a.*", "kryten.events.cytube.a.*"], "types": ["other"]}}),
    )
    .await;
    assert_eq!(recv(&mut ws).await["type"], "subscribed");
    let c = bus(&nats.url()).await;
    for i in 0..400 {
        let subject = match i % 4 {
            0 => "kryten.test.a.x",                // other: wanted
            1 => "kryten.test.b.x",                // other, another subject
            2 => "kryten.test.a.y.z",              // other, one token too many
            _ => "kryten.events.cytube.a.chatmsg", // the subject, but a channel event
        };
        c.publish(subject, format!("{{\"i\":{i}}}").into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");
    let got = collect_events(&mut ws, "a", 100).await;
    let is: Vec<u64> = got.iter().map(|e| e["payload"]["i"].as_u64().expect("i")).collect();
    assert_eq!(is, (0..400).step_by(4).collect::<Vec<_>>());
    assert!(got
        .iter()
        .all(|e| e["subject"] == "kryten.test.a.x" && e["type"] == "other"));
    // Nothing else comes: the next event after them is a marker sent last.
    c.publish("kryten.test.a.x", "{\"i\":400}".into())
        .await
        .expect("publish");
    c.flush().await.expect("flush");
    let next = collect_events(&mut ws, "a", 1).await;
    assert_eq!(next.len(), 1, "{next:?}");
    assert_eq!(next[0]["payload"]["i"], 400, "{next:?}");
}

#[tokio::test]
async fn history_then_live_under_a_10k_burst_has_no_gap_and_no_duplicate() {
    const N: u64 = 10_000;
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let c = bus(&nats.url()).await;
    let publish = |c: async_nats::Client, from: u64, to: u64| async move {
        for i in from..to {
            c.publish("kryten.test.burst", format!("{{\"i\":{i}}}").into())
                .await
                .expect("publish");
        }
        c.flush().await.expect("flush");
    };
    publish(c.clone(), 0, N / 2).await;
    // The first half stored before the subscription: it can only come
    // from history.
    kryten_e2e::eventually(Duration::from_secs(20), "the first half stored", || async {
        let n = d
            .client()
            .await
            .list_events(pb::ListEventsRequest {
                filter: Some(pb::EventFilter {
                    subjects: vec!["kryten.test.burst".into()],
                    ..Default::default()
                }),
                limit: 10_000,
                ..Default::default()
            })
            .await
            .ok()?
            .into_inner()
            .events
            .len();
        (n as u64 == N / 2).then_some(())
    })
    .await;
    let mut ws = authed(&d, "viewer").await;
    send(
        &mut ws,
        json!({"type": "subscribe", "id": "h", "stream": "events",
        "filters": {"subjects": ["kryten.test.burst"]}, "since": "2000-01-01T00:00:00Z"}),
    )
    .await;
    let live = tokio::spawn(publish(c.clone(), N / 2, N));
    let got = collect_events(&mut ws, "h", N as usize).await;
    live.await.expect("publisher");
    let is: Vec<u64> = got.iter().map(|e| e["payload"]["i"].as_u64().expect("i")).collect();
    assert_eq!(is, (0..N).collect::<Vec<_>>());
    let seqs: Vec<u64> = got.iter().map(|e| e["seq"].as_u64().expect("seq")).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
}

#[tokio::test]
async fn a_slow_client_is_told_it_lagged_while_a_fast_one_gets_everything() {
    const N: u64 = 30_000;
    let nats = nats().await;
    let d = Daemon::start(
        &nats.url(),
        "websocket:\n  queue: 16\n  stall_timeout: 60s\n  batch_max: 50\n",
    )
    .await;
    let mut fast = authed(&d, "viewer").await;
    let mut slow = authed(&d, "viewer").await;
    for ws in [&mut fast, &mut slow] {
        send(
            ws,
            json!({"type": "subscribe", "id": "s", "stream": "events", "filters": {"subjects": ["kryten.test.>"]}}),
        )
        .await;
        assert_eq!(recv(ws).await["type"], "subscribed");
    }
    let c = bus(&nats.url()).await;
    let pad = "x".repeat(300);
    let fast_task = tokio::spawn(async move {
        let got = collect_events(&mut fast, "s", N as usize).await;
        got.iter()
            .map(|e| e["payload"]["i"].as_u64().expect("i"))
            .collect::<Vec<_>>()
    });
    for i in 0..N {
        c.publish("kryten.test.lag", format!("{{\"i\":{i},\"pad\":\"{pad}\"}}").into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");
    let fast_got = tokio::time::timeout(Duration::from_secs(60), fast_task)
        .await
        .expect("fast client done")
        .expect("join");
    assert_eq!(
        fast_got,
        (0..N).collect::<Vec<_>>(),
        "the fast client gets everything, in order"
    );
    // Now the slow one reads: some events, and how many it missed.
    let mut received = 0u64;
    let mut missed = 0u64;
    while received + missed < N {
        let m = recv(&mut slow).await;
        match m["type"].as_str() {
            Some("event") => received += m["events"].as_array().map_or(0, |a| a.len() as u64),
            Some("lagged") => missed += m["missed"].as_u64().expect("missed"),
            other => panic!("unexpected {other:?}: {m}"),
        }
    }
    assert!(missed > 0, "the slow client must have lagged (received {received})");
    assert_eq!(
        received + missed,
        N,
        "every event is either delivered or counted as missed"
    );
    assert_eq!(
        d.status().await.ingest.expect("ingest").dropped,
        0,
        "ingest never slowed"
    );
}

#[tokio::test]
async fn malformed_messages_get_errors_origins_and_sizes_are_enforced_and_healthz_answers() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "websocket:\n  max_frame_bytes: 4096\n").await;
    let mut ws = authed(&d, "viewer").await;
    ws.send(Message::Text("not json".into())).await.expect("send");
    assert_eq!(recv(&mut ws).await["code"], "bad_request");
    send(&mut ws, json!({"type": "dance", "id": "d1"})).await;
    let e = recv(&mut ws).await;
    assert_eq!(
        (e["code"].as_str(), e["request_id"].as_str()),
        (Some("unknown_message"), Some("d1"))
    );
    send(
        &mut ws,
        json!({"type": "subscribe", "id": "x", "stream": "events", "filters": {"subjects": ["a.>.b"]}}),
    )
    .await;
    let e = recv(&mut ws).await;
    assert_eq!(
        (e["code"].as_str(), e["request_id"].as_str()),
        (Some("bad_request"), Some("x"))
    );
    send(&mut ws, json!({"type": "ping", "id": "still"})).await;
    assert_eq!(recv(&mut ws).await["id"], "still", "the connection stays up");
    // Over the frame size: closed with 1009.
    ws.send(Message::Text("x".repeat(10_000).into())).await.expect("send");
    let closed = recv(&mut ws).await;
    assert_eq!(
        closed["code"].as_u64(),
        Some(u64::from(u16::from(CloseCode::Size))),
        "{closed}"
    );

    // A browser from another origin is refused at the handshake.
    let mut req = d.ws().await.into_client_request().expect("request");
    req.headers_mut()
        .insert("origin", "http://evil.example".parse().expect("header"));
    let err = connect_async(req).await.expect_err("refused");
    assert!(err.to_string().contains("403"), "{err}");
    let url = d.ws().await;
    let port = url
        .trim_start_matches("ws://127.0.0.1:")
        .trim_end_matches("/ws")
        .to_string();
    let mut req = url.clone().into_client_request().expect("request");
    req.headers_mut()
        .insert("origin", format!("http://localhost:{port}").parse().expect("header"));
    assert!(connect_async(req).await.is_ok(), "same host is allowed");

    // Liveness on the same listener.
    let mut s = TcpStream::connect(format!("127.0.0.1:{port}")).await.expect("tcp");
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let mut body = String::new();
    s.read_to_string(&mut body).await.expect("read");
    assert!(
        body.starts_with("HTTP/1.1 200 OK") && body.contains("\"status\":\"ok\""),
        "{body}"
    );
}

#[tokio::test]
async fn rate_client_and_stall_limits_are_enforced() {
    let nats = nats().await;
    let d = Daemon::start(
        &nats.url(),
        "websocket:\n  rate_per_sec: 5\n  rate_burst: 5\n  max_errors: 3\n  max_clients: 2\n  queue: 8\n  stall_timeout: 1s\n",
    )
    .await;
    // Rate: the sixth quick message is refused; persisting closes the connection.
    let mut ws = authed(&d, "viewer").await;
    for i in 0..12 {
        // The daemon may close the connection before the last ones are
        // written (that close is what is awaited below).
        let ping = json!({"type": "ping", "id": format!("p{i}")});
        if ws.send(Message::Text(ping.to_string().into())).await.is_err() {
            break;
        }
    }
    let mut limited = 0;
    let closed = loop {
        let m = recv(&mut ws).await;
        match m["type"].as_str() {
            Some("pong") => {}
            Some("error") => {
                assert_eq!(m["code"], "rate_limited");
                limited += 1;
            }
            Some("__closed") => break m,
            other => panic!("unexpected {other:?}: {m}"),
        }
    };
    assert!(limited >= 3, "{limited}");
    assert!(
        closed["reason"]
            .as_str()
            .expect("reason")
            .contains("too many bad requests"),
        "{closed}"
    );
    drop(ws);

    // A client that stops reading is disconnected once its queue stays full.
    let mut stalled = authed(&d, "viewer").await;
    subscribe_attached(&d, &mut stalled, "kryten.test.>").await;
    // Only two clients at once: a third is turned away.
    let _second = authed(&d, "viewer").await;
    let refused = connect_async(d.ws().await).await.expect_err("over the client limit");
    assert!(refused.to_string().contains("503"), "{refused}");
    let c = bus(&nats.url()).await;
    let pad = "y".repeat(1000);
    for i in 0..20_000 {
        c.publish("kryten.test.stall", format!("{{\"i\":{i},\"pad\":\"{pad}\"}}").into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");
    // It is closed on a delivery it cannot take once its queue has been
    // full for the stall timeout, so events keep coming until the daemon
    // lets go of its subscription (the only one: the count goes to 0).
    let feeding = tokio::spawn(async move {
        for i in 20_000.. {
            c.publish("kryten.test.stall", format!("{{\"i\":{i}}}").into())
                .await
                .expect("publish");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    kryten_e2e::eventually(Duration::from_secs(15), "the stalled client dropped", || async {
        (d.status().await.live_subscribers == 0).then_some(())
    })
    .await;
    feeding.abort();
    // Reading now: the backlog, then the close with its reason.
    let closed = loop {
        let m = recv(&mut stalled).await;
        if m["type"] == "__closed" {
            break m;
        }
    };
    assert_eq!(closed["code"].as_u64(), Some(1013), "{closed}");
    assert!(
        closed["reason"].as_str().expect("reason").contains("client too slow"),
        "{closed}"
    );
}

#[tokio::test]
async fn a_client_that_stops_reading_is_bounded_by_bytes_queued_not_only_by_messages() {
    let nats = nats().await;
    // Room for 1,024 messages but only 256 KiB: large events fill the bytes
    // long before the count.
    let d = Daemon::start(
        &nats.url(),
        "websocket:\n  queue: 1024\n  queue_bytes: 262144\n  batch_max: 1\n  stall_timeout: 1s\n",
    )
    .await;
    let mut stalled = authed(&d, "viewer").await;
    subscribe_attached(&d, &mut stalled, "kryten.test.>").await;
    // 200 events of 100 KB (20 MB), then a trickle until the daemon lets go.
    let c = bus(&nats.url()).await;
    let pad = "z".repeat(100_000);
    let feeding = tokio::spawn(async move {
        for i in 0.. {
            c.publish("kryten.test.large", format!("{{\"i\":{i},\"pad\":\"{pad}\"}}").into())
                .await
                .expect("publish");
            if i >= 200 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    });
    kryten_e2e::eventually(Duration::from_secs(20), "the stalled client dropped", || async {
        (d.status().await.live_subscribers == 0).then_some(())
    })
    .await;
    feeding.abort();
    // Reading now: far fewer than 1,024 messages were queued for it, then
    // the close with its reason.
    let mut events = 0;
    let closed = loop {
        let m = recv(&mut stalled).await;
        match m["type"].as_str() {
            Some("__closed") => break m,
            Some("event") => events += m["events"].as_array().map_or(0, Vec::len),
            _ => {}
        }
    };
    assert_eq!(closed["code"].as_u64(), Some(1013), "{closed}");
    assert!(
        closed["reason"].as_str().expect("reason").contains("client too slow"),
        "{closed}"
    );
    // What it held: the 256 KiB queue (two or three of these events), what
    // the socket buffers held, and nothing like the 1,024 messages the
    // count would allow.
    assert!(events < 200, "{events} events were queued for the stalled client");
}

#[tokio::test]
async fn clients_are_told_when_the_daemon_shuts_down() {
    let nats = nats().await;
    let mut d = Daemon::start(&nats.url(), "").await;
    let mut ws = authed(&d, "viewer").await;
    assert!(d.terminate().await.success());
    let closed = recv(&mut ws).await;
    assert_eq!(closed["code"].as_u64(), Some(1001), "{closed}");
    assert_eq!(closed["reason"], "krytend is shutting down");
}
