//! What a token opened stays bound to it: revocation and expiry end
//! WebSocket sessions and gRPC streams; the failure limiter is one for both
//! APIs and never locks out a token already known good; socket actions say
//! who connected.

use std::{process::Stdio, time::Duration};

use kryten_e2e::{
    api_guard::{audit, tcp_client, token, ws_authed, ws_recv, ws_send},
    bin, bus, eventually, nats, stderr, Daemon, SimService, SimSpec, FAST_LIVENESS,
};
use kryten_proto::v1::{self as pb, ServiceStatus};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};

#[tokio::test]
async fn revoking_a_token_ends_its_websocket_session_and_grpc_stream_and_refuses_its_commands() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let _svc = SimService::start(
        bus(&nats.url()).await,
        SimSpec::new("rsvc").heartbeat(Some(Duration::from_millis(300))),
    )
    .await
    .expect("sim");
    d.wait_status("rsvc", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let op = token(&d, "soon-revoked", "operator", &[]).await;
    let bystander = token(&d, "bystander", "operator", &[]).await;

    // A WebSocket session that may command, and one of another token.
    let mut ws = ws_authed(&d, &op).await;
    let mut other = ws_authed(&d, &bystander).await;
    ws_send(
        &mut ws,
        json!({"type": "command", "id": "c1", "action": "ping", "service": "rsvc"}),
    )
    .await;
    let r = ws_recv(&mut ws, Duration::from_secs(10)).await;
    assert_eq!(
        (r["type"].as_str(), r["ok"].as_bool()),
        (Some("command_result"), Some(true)),
        "{r}"
    );

    // A gRPC `events tail -f` over TCP with the same token, seen live.
    let tcp = d.tcp().await;
    let mut tail = tokio::process::Command::new(bin("krytenctl"))
        .args(["--server", &tcp, "--token", &op, "events", "tail", "-f", "-o", "json"])
        .env("NO_COLOR", "1")
        .env("KRYTEN_CONFIG", "/nonexistent/kryten-config.yaml")
        .env_remove("KRYTEN_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("krytenctl events tail -f");
    let mut lines = BufReader::new(tail.stdout.take().expect("stdout")).lines();
    let publisher = bus(&nats.url()).await;
    let seen = async {
        loop {
            publisher
                .publish("kryten.test.marker", "{\"marker\":1}".into())
                .await
                .expect("publish");
            if let Ok(Ok(Some(l))) = tokio::time::timeout(Duration::from_millis(300), lines.next_line()).await {
                if l.contains("kryten.test.marker") {
                    return;
                }
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), seen)
        .await
        .expect("the tail is live");

    let out = d.ctl(&["token", "revoke", "soon-revoked"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A command sent right after the revocation is refused (or finds the
    // session already closed), never carried out.
    let _ = ws_send(
        &mut ws,
        json!({"type": "command", "id": "c2", "action": "ping", "service": "rsvc"}),
    )
    .await;
    let closed = loop {
        let m = ws_recv(&mut ws, Duration::from_secs(5)).await;
        match m["type"].as_str() {
            Some("__closed") | Some("__ended") => break m,
            Some("command_result") => assert_eq!(m["ok"], false, "a revoked token's command ran: {m}"),
            _ => {}
        }
    };
    assert!(
        closed["reason"].as_str().unwrap_or_default().contains("revoked"),
        "{closed}"
    );
    let status = tokio::time::timeout(Duration::from_secs(5), tail.wait())
        .await
        .expect("the gRPC tail ends within 5 s of the revocation")
        .expect("wait");
    assert!(!status.success());
    let mut err = String::new();
    if let Some(mut e) = tail.stderr.take() {
        use tokio::io::AsyncReadExt;
        let _ = e.read_to_string(&mut err).await;
    }
    assert!(err.contains("revoked"), "{err}");
    let pings_after: Vec<_> = audit(&d)
        .await
        .into_iter()
        .filter(|r| r["actor"] == "soon-revoked" && r["action"] == "ping")
        .collect();
    assert_eq!(
        pings_after.len(),
        1,
        "only the ping before the revocation: {pings_after:?}"
    );
    // Another token's session is untouched.
    ws_send(&mut other, json!({"type": "ping", "id": "p"})).await;
    assert_eq!(ws_recv(&mut other, Duration::from_secs(5)).await["type"], "pong");
}

#[tokio::test]
async fn an_expiring_token_ends_its_session_when_it_expires() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let t = token(&d, "brief", "viewer", &["--expires", "8s"]).await;
    let created = std::time::Instant::now();
    let mut ws = ws_authed(&d, &t).await;
    println!("authenticated {:?} after the token was made", created.elapsed());
    let closed = loop {
        let m = ws_recv(&mut ws, Duration::from_secs(10)).await;
        if matches!(m["type"].as_str(), Some("__closed") | Some("__ended")) {
            break m;
        }
    };
    assert!(
        closed["reason"].as_str().unwrap_or_default().contains("expired"),
        "{closed}"
    );
    let at = created.elapsed();
    // Expiry counts from the request; hashing the token took some of it.
    assert!(at < Duration::from_secs(10), "{at:?}");
}

#[tokio::test]
async fn bad_tokens_from_one_address_do_not_lock_out_a_token_known_good_and_both_apis_share_the_count() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let good = token(&d, "known-good", "viewer", &[]).await;
    let fresh = token(&d, "never-used", "viewer", &[]).await;
    let mut c = tcp_client(&d, &good).await;
    c.status(pb::StatusRequest {}).await.expect("a valid token works");

    // Twenty concurrent guesses: the attempts in flight count, so no more
    // than the limit (5 a minute) are ever checked.
    let mut guesses = Vec::new();
    for i in 0..20 {
        let d = &d;
        guesses.push(async move {
            let mut c = tcp_client(d, &format!("kt_deadbeef{i:04}_{i:064}")).await;
            c.status(pb::StatusRequest {}).await.expect_err("a guess is refused")
        });
    }
    let refusals = futures::future::join_all(guesses).await;
    let checked = refusals
        .iter()
        .filter(|s| s.code() == tonic::Code::Unauthenticated)
        .count();
    let limited = refusals
        .iter()
        .filter(|s| s.code() == tonic::Code::ResourceExhausted)
        .count();
    assert_eq!((checked, limited), (5, 15), "{refusals:?}");

    // The known-good token still works, over gRPC and WebSocket.
    c.status(pb::StatusRequest {})
        .await
        .expect("a verified token is never locked out");
    let mut ws = ws_authed(&d, &good).await;
    ws_send(&mut ws, json!({"type": "ping", "id": "p"})).await;
    assert_eq!(ws_recv(&mut ws, Duration::from_secs(5)).await["type"], "pong");
    // A token not yet seen waits like any guess: it is not checked.
    let mut f = tcp_client(&d, &fresh).await;
    let e = f.status(pb::StatusRequest {}).await.expect_err("locked");
    assert_eq!(e.code(), tonic::Code::ResourceExhausted, "{e:?}");
    // The WebSocket shares the count: a guess there is limited too.
    let (mut ws, _) = tokio_tungstenite::connect_async(d.ws().await).await.expect("connect");
    ws_send(&mut ws, json!({"type": "auth", "token": "kt_abad_abad"})).await;
    let m = ws_recv(&mut ws, Duration::from_secs(5)).await;
    assert_eq!(m["code"], "rate_limited", "{m}");
}

#[tokio::test]
async fn socket_actions_are_audited_with_the_peer_uid_and_pid() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let _svc = SimService::start(
        bus(&nats.url()).await,
        SimSpec::new("usvc").heartbeat(Some(Duration::from_millis(300))),
    )
    .await
    .expect("sim");
    d.wait_status("usvc", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let out = d.ctl(&["ping", "usvc"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let uid = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata("/proc/self").expect("/proc/self"));
    let rows = eventually(Duration::from_secs(5), "the ping in the audit", || async {
        let a = audit(&d).await;
        a.iter().any(|r| r["action"] == "ping").then_some(a)
    })
    .await;
    let ping = rows.iter().find(|r| r["action"] == "ping").expect("ping row");
    let actor = ping["actor"].as_str().expect("actor");
    assert!(
        actor.starts_with("local") && actor.contains(&format!("uid={uid}")) && actor.contains("pid="),
        "{actor}"
    );
    // The actor filter still finds socket actions by "local".
    let out = d.ctl(&["audit", "ls", "--actor", "local", "-o", "json"]).await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["items"].as_array().is_some_and(|a| !a.is_empty()), "{v}");
}
