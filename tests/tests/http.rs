//! The HTTP listener: health and readiness, Prometheus metrics, the REST
//! API (the same documents as `krytenctl -o json`, the same tokens and
//! roles) and its OpenAPI document — against a real nats-server, the real
//! binaries and the Python ecosystem's own parsers.

use std::time::Duration;

use kryten_e2e::{
    api_guard::{host_port, token},
    bus, eventually,
    http::{get, get_tls, parse_metrics, python, tls_connect},
    nats, stderr, stdout, Daemon, FAST_LIVENESS,
};
use serde_json::{json, Value};

async fn addr(d: &Daemon) -> String {
    host_port(&d.ws().await)
}

async fn startup(c: &async_nats::Client, svc: &str) {
    let body = json!({"service": svc, "version": "1.2.3", "hostname": "h1",
        "timestamp": "2026-11-22T10:00:00Z", "uptime_seconds": 1.0});
    c.publish(format!("kryten.lifecycle.{svc}.startup"), body.to_string().into())
        .await
        .expect("publish");
}

async fn shutdown(c: &async_nats::Client, svc: &str) {
    let body = json!({"service": svc, "timestamp": "2026-11-22T10:00:05Z", "reason": "test"});
    c.publish(format!("kryten.lifecycle.{svc}.shutdown"), body.to_string().into())
        .await
        .expect("publish");
}

async fn log(c: &async_nats::Client, svc: &str, level: &str, msg: &str) {
    let body = json!({"service": svc, "level": level, "message": msg,
        "timestamp": "2026-11-22T10:00:01Z", "logger": format!("kryten.{svc}")});
    c.publish(format!("kryten.logs.{svc}"), body.to_string().into())
        .await
        .expect("publish");
}

fn value(m: &serde_json::Map<String, Value>, key: &str) -> f64 {
    m.get(key)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("no sample {key} in {:?}", m.keys().collect::<Vec<_>>()))
}

#[tokio::test]
async fn metrics_parse_with_the_prometheus_parser_and_move_when_events_arrive() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let a = addr(&d).await;
    let first = get(&a, "/metrics", None).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(
        first
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/openmetrics-text")),
        "{:?}",
        first.headers
    );
    let before = parse_metrics(&first.body).await.expect("a valid exposition");
    let received0 = value(&before, "krytend_ingest_received_total");
    assert_eq!(value(&before, "krytend_bus_connected"), 1.0);

    let c = bus(&nats.url()).await;
    startup(&c, "llm").await;
    for i in 0..25 {
        c.publish("kryten.chat.message", format!("{{\"n\":{i}}}").into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");
    let after = eventually(Duration::from_secs(10), "ingest counters to move", || async {
        let m = parse_metrics(&get(&a, "/metrics", None).await.body).await.ok()?;
        // Received is counted at the subscriber, accepted once sequenced:
        // both must have moved past the 26 messages before asserting.
        let moved = m.get("krytend_ingest_received_total")?.as_f64()? >= received0 + 26.0
            && m.get("krytend_ingest_accepted_total")?.as_f64()? >= 26.0
            && m.get("kryten_service_up{service=\"llm\"}")?.as_f64()? == 1.0;
        moved.then_some(m)
    })
    .await;
    assert_eq!(
        value(&after, "kryten_service_status{service=\"llm\",status=\"starting\"}"),
        1.0
    );
    assert_eq!(
        value(&after, "kryten_service_status{service=\"llm\",status=\"down\"}"),
        0.0
    );
    assert_eq!(value(&after, "kryten_services"), 1.0);
    // The scrapes themselves are counted, by matched route.
    assert!(
        value(
            &after,
            "krytend_api_requests_total{code=\"200\",route=\"/metrics\",surface=\"http\"}"
        ) >= 1.0
    );
    // A name from the bus that needs escaping stays one well-formed label.
    let odd = "we\"ird\\name";
    let body = json!({"service": odd, "timestamp": "2026-11-22T10:00:00Z"});
    c.publish("kryten.lifecycle.weird.startup", body.to_string().into())
        .await
        .expect("publish");
    eventually(
        Duration::from_secs(10),
        "the odd name in a parsable exposition",
        || async {
            let text = get(&a, "/metrics", None).await.body;
            let m = parse_metrics(&text).await.expect("still a valid exposition");
            m.keys()
                .any(|k| k.starts_with("kryten_service_up{") && k.contains("ird"))
                .then_some(())
        },
    )
    .await;
}

#[tokio::test]
async fn metrics_need_a_viewer_token_unless_loopback_scrapes_are_allowed() {
    let nats = nats().await;
    let d = Daemon::start(
        &nats.url(),
        "websocket:\n  metrics_from_loopback_without_token: false\n",
    )
    .await;
    let a = addr(&d).await;
    assert_eq!(get(&a, "/metrics", None).await.status, 401);
    assert_eq!(get(&a, "/metrics", Some("kt_not_a_token")).await.status, 401);
    let viewer = token(&d, "scraper", "viewer", &[]).await;
    let ok = get(&a, "/metrics", Some(&viewer)).await;
    assert_eq!(ok.status, 200);
    parse_metrics(&ok.body).await.expect("a valid exposition");
    // The failed attempts above are counted, over every API.
    let m = parse_metrics(&ok.body).await.expect("valid");
    assert!(value(&m, "krytend_auth_failures_total") >= 1.0);
    // gRPC requests are counted beside HTTP ones, by method.
    assert!(
        value(
            &m,
            "krytend_api_requests_total{code=\"0\",route=\"/kryten.v1.Krytend/CreateToken\",surface=\"grpc\"}"
        ) >= 1.0
    );
}

#[tokio::test]
async fn readyz_goes_unready_while_the_bus_is_down_and_healthz_stays_up() {
    let mut nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let a = addr(&d).await;
    let r = get(&a, "/readyz", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["ready"], true);
    nats.kill().await;
    let down = eventually(Duration::from_secs(15), "/readyz to say 503", || async {
        let r = get(&a, "/readyz", None).await;
        (r.status == 503).then_some(r)
    })
    .await;
    let body = down.json();
    assert_eq!(body["ready"], false);
    assert!(body["reasons"][0].as_str().unwrap_or("").starts_with("bus "), "{body}");
    assert_eq!(get(&a, "/healthz", None).await.status, 200, "liveness is not readiness");
    nats.restart().await.expect("nats-server restarts");
    eventually(Duration::from_secs(30), "/readyz to be 200 again", || async {
        (get(&a, "/readyz", None).await.status == 200).then_some(())
    })
    .await;
}

/// A quiet fleet (two services that started and stopped, a few log lines,
/// a token in the audit trail): nothing changes between the two reads.
async fn quiet_fleet(nats_url: &str) -> Daemon {
    let d = Daemon::start(nats_url, "").await;
    let c = bus(nats_url).await;
    for svc in ["llm", "userstats"] {
        startup(&c, svc).await;
    }
    log(&c, "llm", "info", "model loaded").await;
    log(&c, "llm", "error", "quota exceeded").await;
    c.flush().await.expect("flush");
    for svc in ["llm", "userstats"] {
        d.wait_status(svc, kryten_proto::v1::ServiceStatus::Starting, Duration::from_secs(10))
            .await;
    }
    for svc in ["llm", "userstats"] {
        shutdown(&c, svc).await;
    }
    c.flush().await.expect("flush");
    for svc in ["llm", "userstats"] {
        d.wait_status(svc, kryten_proto::v1::ServiceStatus::Stopped, Duration::from_secs(10))
            .await;
    }
    eventually(Duration::from_secs(10), "both log lines recorded", || async {
        let out = d.ctl(&["logs", "llm", "-o", "json"]).await;
        let v: Value = serde_json::from_str(&stdout(&out)).ok()?;
        (v["items"].as_array()?.len() == 2).then_some(())
    })
    .await;
    d
}

#[tokio::test]
async fn rest_answers_exactly_what_krytenctl_prints_for_the_same_query() {
    let nats = nats().await;
    let d = quiet_fleet(&nats.url()).await;
    let a = addr(&d).await;
    let viewer = token(&d, "reader", "viewer", &[]).await;
    let pairs: &[(&str, &[&str])] = &[
        ("/api/v1/services", &["services", "ls"]),
        (
            "/api/v1/services?status=stopped",
            &["services", "ls", "--status", "stopped"],
        ),
        ("/api/v1/services/llm", &["services", "get", "llm"]),
        ("/api/v1/services/llm/describe", &["services", "describe", "llm"]),
        ("/api/v1/events", &["events", "ls"]),
        (
            "/api/v1/events?service=llm&limit=3",
            &["events", "ls", "--service", "llm", "-n", "3"],
        ),
        ("/api/v1/events?kind=log", &["events", "ls", "--type", "log"]),
        ("/api/v1/logs?service=llm", &["logs", "llm"]),
        (
            "/api/v1/logs?service=llm&level=error",
            &["logs", "llm", "--level", "error"],
        ),
        ("/api/v1/audit", &["audit", "ls"]),
        ("/api/v1/health", &["health", "-o", "json"]),
        (
            "/api/v1/health?require=llm",
            &["health", "--require", "llm", "-o", "json"],
        ),
    ];
    for (path, args) in pairs {
        let mut full: Vec<&str> = args.to_vec();
        if !full.contains(&"-o") {
            full.extend_from_slice(&["-o", "json"]);
        }
        let out = d.ctl(&full).await;
        let cli: Value = serde_json::from_str(&stdout(&out))
            .unwrap_or_else(|e| panic!("{full:?} printed no JSON ({e}): {}{}", stdout(&out), stderr(&out)));
        let rest = get(&a, path, Some(&viewer)).await;
        assert_eq!(rest.status, 200, "{path}: {}", rest.body);
        let (mut rest, mut cli) = (rest.json(), cli);
        // How long the service has been observed is as of the read.
        for v in [&mut rest, &mut cli] {
            if let Some(r) = v.get_mut("reliability") {
                r["observedSeconds"] = Value::Null;
            }
        }
        assert_eq!(rest, cli, "{path} differs from krytenctl {full:?}");
    }
    // Status: the same document; only the figures that move between two
    // reads, and where the client reached the daemon, may differ.
    let out = d.ctl(&["status", "-o", "json"]).await;
    let mut cli: Value = serde_json::from_str(&stdout(&out)).expect("status JSON");
    let mut rest = get(&a, "/api/v1/status", Some(&viewer)).await.json();
    for v in [&mut cli, &mut rest] {
        v["server"] = Value::Null;
        v["ingest"]["ratePerSecond"] = Value::Null;
        v["store"]["sizeBytes"] = Value::Null;
        v["store"]["batches"] = Value::Null;
        v["liveSubscribers"] = Value::Null;
    }
    assert_eq!(rest, cli);
    // Errors: the same message, as JSON with an HTTP status.
    let missing = get(&a, "/api/v1/services/nope", Some(&viewer)).await;
    assert_eq!(missing.status, 404);
    let msg = missing.json()["error"].as_str().unwrap_or_default().to_string();
    assert!(msg.contains("known: llm, userstats"), "{msg}");
    let bad = get(&a, "/api/v1/events?since=yesterdayish", Some(&viewer)).await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    let bad = get(&a, "/api/v1/services?status=asleep", Some(&viewer)).await;
    assert_eq!(bad.status, 400, "{}", bad.body);
}

const ROUTES: &[&str] = &[
    "/api/v1/status",
    "/api/v1/health",
    "/api/v1/services",
    "/api/v1/services/llm",
    "/api/v1/services/llm/describe",
    "/api/v1/events",
    "/api/v1/logs",
    "/api/v1/audit",
    "/api/v1/alerts",
    "/api/v1/alerts/ffffffff",
    "/api/v1/stats/events",
    "/api/v1/configs/nope",
    "/api/v1/configs/nope/history",
    "/api/v1/configs/nope/diff",
];

#[tokio::test]
async fn every_rest_route_needs_a_valid_unrevoked_token() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "api:\n  auth_failures_per_minute: 1000\n").await;
    let c = bus(&nats.url()).await;
    startup(&c, "llm").await;
    c.flush().await.expect("flush");
    d.wait_status(
        "llm",
        kryten_proto::v1::ServiceStatus::Starting,
        Duration::from_secs(10),
    )
    .await;
    let a = addr(&d).await;
    let viewer = token(&d, "v1", "viewer", &[]).await;
    let doomed = token(&d, "v2", "viewer", &[]).await;
    for route in ROUTES {
        let r = get(&a, route, None).await;
        assert_eq!(r.status, 401, "{route} without a token: {}", r.body);
        assert_eq!(r.header("www-authenticate"), Some("Bearer"), "{route}");
        let r = get(&a, route, Some("kt_0000_forged")).await;
        assert_eq!(r.status, 401, "{route} with a forged token: {}", r.body);
        let r = get(&a, route, Some(&doomed)).await;
        assert!(
            r.status != 401 && r.status != 403,
            "{route} with a valid token: {} {}",
            r.status,
            r.body
        );
        // The unknown service's config and alert are 404s; everything else answers.
        let want = if route.contains("/configs/") || route.contains("/alerts/") {
            404
        } else {
            200
        };
        let r = get(&a, route, Some(&viewer)).await;
        assert_eq!(r.status, want, "{route}: {}", r.body);
    }
    let out = d.ctl(&["token", "revoke", "v2"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for route in ROUTES {
        let r = get(&a, route, Some(&doomed)).await;
        assert_eq!(r.status, 401, "{route} with a revoked token: {}", r.body);
    }
    // Health, readiness and the OpenAPI document need none.
    for open in ["/healthz", "/readyz", "/api/v1/openapi.json"] {
        assert_eq!(get(&a, open, None).await.status, 200, "{open}");
    }
}

#[tokio::test]
async fn failed_tokens_are_limited_per_address_on_rest_too() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "api:\n  auth_failures_per_minute: 3\n").await;
    let a = addr(&d).await;
    let viewer = token(&d, "good", "viewer", &[]).await;
    assert_eq!(get(&a, "/api/v1/services", Some(&viewer)).await.status, 200);
    for _ in 0..3 {
        assert_eq!(get(&a, "/api/v1/services", Some("kt_0_bad")).await.status, 401);
    }
    let limited = get(&a, "/api/v1/services", Some("kt_0_bad")).await;
    assert_eq!(limited.status, 429, "{}", limited.body);
    // A token known good still gets in from that address.
    assert_eq!(get(&a, "/api/v1/services", Some(&viewer)).await.status, 200);
}

#[tokio::test]
async fn the_openapi_document_validates_and_a_schema_driven_fuzz_run_finds_no_server_error() {
    let nats = nats().await;
    let d = quiet_fleet(&nats.url()).await;
    let a = addr(&d).await;
    let doc = get(&a, "/api/v1/openapi.json", None).await;
    assert_eq!(doc.status, 200);
    let v = doc.json();
    let paths: Vec<&String> = v["paths"].as_object().expect("paths").keys().collect();
    for p in [
        "/status",
        "/services",
        "/services/{name}",
        "/events",
        "/logs",
        "/audit",
        "/configs/{service}",
    ] {
        assert!(paths.iter().any(|x| x.as_str() == p), "{p} missing from {paths:?}");
    }
    let checked = python(
        "import json, sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(sys.stdin))\nprint('valid')",
        &[],
        &doc.body,
    )
    .await
    .expect("the validator runs");
    assert_eq!(checked.trim(), "valid");

    let viewer = token(&d, "fuzzer", "viewer", &[]).await;
    let url = format!("http://{a}/api/v1/openapi.json");
    let header = format!("Authorization: Bearer {viewer}");
    let script = "import sys\nfrom schemathesis.cli import schemathesis\nsys.argv = ['schemathesis'] + sys.argv[1:]\nschemathesis()";
    let run = python(
        script,
        &[
            "run",
            &url,
            "--checks",
            "not_a_server_error",
            "-H",
            &header,
            "--max-examples",
            "25",
            "--phases",
            "examples,fuzzing",
            "--seed",
            "1",
        ],
        "",
    )
    .await;
    match run {
        Ok(out) => assert!(out.contains("passed"), "{out}"),
        Err(e) => panic!("schemathesis found failures: {e}"),
    }
}

#[tokio::test]
async fn a_service_manager_is_told_ready_only_once_the_bus_is_connected_and_told_when_it_stops() {
    use kryten_e2e::api_guard::{start, Launch};
    let mut nats = nats().await;
    // The bus is not there yet: krytend starts and keeps trying.
    nats.kill().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let notify = dir.path().join("notify.sock");
    let sock = tokio::net::UnixDatagram::bind(&notify).expect("a notify socket");
    let launch = Launch {
        env: vec![("NOTIFY_SOCKET".into(), notify.display().to_string())],
        ..Launch::default()
    };
    let mut d = start(dir.path(), &nats.url(), "", launch).await;
    let a = addr(&d).await;
    // Listening, answering, not ready: the readiness notice would have been
    // sent by now had it not waited for the bus.
    let r = get(&a, "/readyz", None).await;
    assert_eq!(r.status, 503, "{}", r.body);
    let mut buf = vec![0u8; 4096];
    let early = tokio::time::timeout(Duration::from_millis(500), sock.recv(&mut buf)).await;
    assert!(early.is_err(), "a notice before the bus was connected: {early:?}");

    nats.restart().await.expect("nats-server starts");
    let n = tokio::time::timeout(Duration::from_secs(30), sock.recv(&mut buf))
        .await
        .expect("READY=1 once the bus is connected")
        .expect("recv");
    let msg = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(msg.lines().any(|l| l == "READY=1"), "{msg:?}");
    assert_eq!(get(&a, "/readyz", None).await.status, 200, "ready means ready");

    let status = d.terminate().await;
    assert!(status.success(), "{status:?}");
    let n = tokio::time::timeout(Duration::from_secs(10), sock.recv(&mut buf))
        .await
        .expect("STOPPING=1 at shutdown")
        .expect("recv");
    let msg = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(msg.lines().any(|l| l == "STOPPING=1"), "{msg:?}");
}

#[tokio::test]
async fn with_a_certificate_the_listener_speaks_https_and_wss_only() {
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let nats = nats().await;
    let dir = tempfile::tempdir().expect("tmp");
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).expect("certificate");
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert.cert.pem()).expect("write cert");
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).expect("write key");
    let yaml = format!(
        "{FAST_LIVENESS}websocket:\n  tls_cert: {}\n  tls_key: {}\n",
        cert_path.display(),
        key_path.display()
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let ws_url = d.ws().await;
    assert!(ws_url.starts_with("wss://"), "{ws_url}");
    let a = addr(&d).await;
    let ca = cert.cert.pem();

    // HTTPS: health, and REST with the same tokens.
    let health = get_tls(&a, &ca, "/healthz", None).await;
    assert_eq!(health.status, 200, "{}", health.body);
    let viewer = token(&d, "tls-http-viewer", "viewer", &[]).await;
    let status = get_tls(&a, &ca, "/api/v1/status", Some(&viewer)).await;
    assert_eq!(status.status, 200, "{}", status.body);
    assert_eq!(status.json()["kind"], "Status", "{}", status.body);
    assert_eq!(get_tls(&a, &ca, "/api/v1/status", None).await.status, 401);

    // WSS: the same protocol inside TLS.
    let tls = tls_connect(&a, &ca).await.expect("TLS");
    let url = format!("wss://localhost:{}/ws", a.rsplit(':').next().expect("a port"));
    let (mut ws, _) = tokio_tungstenite::client_async(url, tls)
        .await
        .expect("a WebSocket over TLS");
    let auth = json!({"type": "auth", "token": viewer}).to_string();
    ws.send(Message::Text(auth.into())).await.expect("send");
    let reply = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(t))) => return serde_json::from_str::<Value>(t.as_str()).expect("JSON"),
                Some(Ok(_)) => continue,
                other => panic!("no answer: {other:?}"),
            }
        }
    })
    .await
    .expect("an answer in time");
    assert_eq!(reply["type"], "auth_ok", "{reply}");

    // Plain HTTP to the TLS listener gets no HTTP answer.
    let plain = get(&a, "/healthz", None).await;
    assert_eq!(plain.status, 0, "plain HTTP was answered: {plain:?}");
    // A peer that opens TLS and never finishes holds the connection no
    // longer than the handshake deadline (5 s by default).
    let stalled = tokio::net::TcpStream::connect(&a).await.expect("connect");
    let mut buf = [0u8; 16];
    let mut stalled = stalled;
    let end = tokio::time::timeout(
        Duration::from_secs(15),
        tokio::io::AsyncReadExt::read(&mut stalled, &mut buf),
    )
    .await
    .expect("the stalled handshake is cut within the deadline");
    assert!(matches!(end, Ok(0) | Err(_)), "{end:?}");
}
