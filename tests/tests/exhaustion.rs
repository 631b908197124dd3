//! Unauthenticated and low-privilege callers cannot exhaust krytend:
//! trickling WebSocket handshakes, idle TCP connections under a low
//! descriptor limit, floods of refused actions.

use std::time::{Duration, Instant};

use kryten_e2e::{
    api_guard::{
        self, audit, connect_from, cpu_ticks, host_port, http_get, open_fds, tcp_client, token, ws_authed, ws_recv,
        ws_send, Launch, TICKS_PER_SEC,
    },
    bus, eventually, nats, Daemon, SimService, SimSpec, FAST_LIVENESS,
};
use kryten_proto::v1::{self as pb, ServiceStatus};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Opens `n` connections from `from` that send a WebSocket request line
/// and then one header byte a second, never finishing the handshake.
async fn tricklers(from: [u8; 4], addr: &str, n: usize) -> Vec<tokio::net::TcpStream> {
    let mut out = Vec::new();
    for _ in 0..n {
        if let Ok(mut s) = connect_from(from, addr).await {
            let _ = s.write_all(b"GET /ws HTTP/1.1\r\nHost: x\r\nX-Slow: ").await;
            out.push(s);
        }
    }
    out
}

#[tokio::test]
async fn trickling_handshakes_lock_out_neither_clients_nor_healthz_and_are_cut_at_the_deadline() {
    let nats = nats().await;
    // Two session slots: the liveness check must not need one.
    let d = Daemon::start(&nats.url(), &format!("{FAST_LIVENESS}websocket:\n  max_clients: 2\n")).await;
    let ws_addr = host_port(&d.ws().await);
    let viewer = token(&d, "legit", "viewer", &[]).await;
    // One hostile address holds 300 connections mid-handshake.
    let mut slow = tricklers([127, 0, 0, 2], &ws_addr, 300).await;
    assert_eq!(slow.len(), 300);
    let feeding = Instant::now();
    for s in slow.iter_mut().take(20) {
        let _ = s.write_all(b"a").await;
    }
    // Both session slots taken by real clients.
    let mut a = ws_authed(&d, &viewer).await;
    let mut b = ws_authed(&d, &viewer).await;
    // /healthz answers, from the hostile address's neighbour and while
    // every session slot is taken.
    assert_eq!(http_get(&ws_addr, "/healthz").await, 200);
    ws_send(&mut a, json!({"type": "ping", "id": "1"})).await;
    assert_eq!(ws_recv(&mut a, Duration::from_secs(5)).await["type"], "pong");
    drop(b.close(None).await);
    // A slot freed: another legitimate client gets in at once.
    let mut c = eventually(Duration::from_secs(5), "a free session slot", || async {
        let (mut ws, _) = tokio_tungstenite::connect_async(d.ws().await).await.ok()?;
        ws_send(&mut ws, json!({"type": "auth", "token": viewer})).await;
        (ws_recv(&mut ws, Duration::from_secs(5)).await["type"] == "auth_ok").then_some(ws)
    })
    .await;
    ws_send(&mut c, json!({"type": "ping", "id": "2"})).await;
    assert_eq!(ws_recv(&mut c, Duration::from_secs(5)).await["type"], "pong");

    // Every trickling connection is closed by the handshake deadline (5 s
    // by default), however it keeps sending.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut open = 0;
        for s in slow.iter_mut() {
            let _ = s.write_all(b"b").await;
            let mut buf = [0u8; 512];
            // End of stream, an error, or an answer (a 503) before the
            // close: not held. No answer yet: held.
            if tokio::time::timeout(Duration::from_millis(1), s.read(&mut buf))
                .await
                .is_err()
            {
                open += 1;
            }
        }
        if open == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{open} trickling connections still held");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!("tricklers all closed {:?} after they started", feeding.elapsed());
    assert!(feeding.elapsed() < Duration::from_secs(9), "{:?}", feeding.elapsed());
}

#[tokio::test]
async fn idle_tcp_connections_under_a_low_descriptor_limit_stop_neither_recording_nor_status_and_nothing_spins() {
    let nats = nats().await;
    let tmp = tempfile::tempdir().expect("tmp");
    let d = api_guard::start(
        tmp.path(),
        &nats.url(),
        FAST_LIVENESS,
        Launch {
            nofile: Some(256),
            ..Launch::default()
        },
    )
    .await;
    let pid = d.pid().expect("pid");
    let tcp = host_port(&d.tcp().await);
    let ws = host_port(&d.ws().await);
    let viewer = token(&d, "watcher", "viewer", &[]).await;
    let mut legit = tcp_client(&d, &viewer).await;
    // 600 idle connections from six addresses, to both listeners: more
    // than the daemon has descriptors.
    let mut idle = Vec::new();
    for host in 2..8u8 {
        for i in 0..100 {
            let target = if i % 2 == 0 { &tcp } else { &ws };
            if let Ok(Ok(s)) =
                tokio::time::timeout(Duration::from_secs(2), connect_from([127, 0, 0, host], target)).await
            {
                idle.push(s);
            }
        }
    }
    println!(
        "opened {} idle connections; daemon holds {} descriptors",
        idle.len(),
        open_fds(pid)
    );

    // Recording goes on: events published now are committed.
    let before = d.status().await.store.expect("store").committed_seq;
    let publisher = bus(&nats.url()).await;
    for i in 0..50 {
        publisher
            .publish(format!("kryten.test.idle{i}"), "{}".into())
            .await
            .expect("publish");
    }
    publisher.flush().await.expect("flush");
    eventually(Duration::from_secs(10), "50 events recorded", || async {
        let c = d.status().await.store.expect("store").committed_seq;
        (c >= before + 50).then_some(())
    })
    .await;
    // Status answers over the socket, an established TCP client works,
    // the audit and token store answer.
    let t0 = Instant::now();
    d.status().await;
    legit
        .status(pb::StatusRequest {})
        .await
        .expect("an established client keeps working");
    let out = d.ctl(&["audit", "ls"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    let out = d.ctl(&["token", "ls"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    println!("status, audit ls and token ls answered in {:?}", t0.elapsed());

    // The accept loops do not spin while the connections are held.
    let ticks0 = cpu_ticks(pid);
    let w0 = Instant::now();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let cpu = (cpu_ticks(pid) - ticks0) as f64 / TICKS_PER_SEC / w0.elapsed().as_secs_f64();
    println!(
        "daemon CPU over 2 s with {} idle connections held: {:.1} %",
        idle.len(),
        cpu * 100.0
    );
    assert!(cpu < 0.25, "krytend used {:.0} % CPU while idle", cpu * 100.0);
    assert!(open_fds(pid) < 256, "{} descriptors", open_fds(pid));
    drop(idle);
}

#[tokio::test]
async fn a_flood_of_refused_actions_leaves_a_bounded_number_of_audit_rows() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let _svc = SimService::start(
        bus(&nats.url()).await,
        SimSpec::new("fsvc").heartbeat(Some(Duration::from_millis(300))),
    )
    .await
    .expect("sim");
    d.wait_status("fsvc", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let viewer = token(&d, "flooder", "viewer", &[]).await;
    let mut c = tcp_client(&d, &viewer).await;
    for _ in 0..300 {
        let e = c
            .command(pb::CommandRequest {
                service: "fsvc".into(),
                command: "system.shutdown".into(),
                args_json: String::new(),
                reason: "flood".into(),
                timeout_seconds: 1.0,
            })
            .await
            .expect_err("a viewer may not shut down");
        assert_eq!(e.code(), tonic::Code::PermissionDenied);
    }
    let rows = eventually(Duration::from_secs(5), "the refusals counted", || async {
        let rows: Vec<_> = audit(&d)
            .await
            .into_iter()
            .filter(|r| r["actor"] == "flooder" && r["outcome"] == "denied")
            .collect();
        let counted: u64 = rows
            .iter()
            .map(|r| {
                let detail = r["detail"].as_str().unwrap_or_default();
                detail
                    .split_once(" refusals")
                    .and_then(|(head, _)| head.rsplit(' ').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(1)
            })
            .sum();
        (counted == 300).then_some(rows)
    })
    .await;
    println!("300 refusals left {} audit rows", rows.len());
    assert!(rows.len() <= 2, "{} rows, first: {:?}", rows.len(), rows.first());
}
