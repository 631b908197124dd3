//! What the alert state looks like from outside, on every surface: an
//! alert's whole story (`alerts describe`, REST), resolved alerts since a
//! time, health counting what fires, the WebSocket `alerts` stream serving
//! the daemon's state, reloading the configuration over the API, web UI
//! sign-in links and event statistics. Real nats-server, real binaries, a
//! real webhook receiver on loopback.

use std::time::Duration;

use kryten_e2e::{
    api_guard::{audit, host_port, token, ws_recv, ws_send, Ws},
    bus, eventually,
    http::{get, post_json},
    nats,
    receiver::Receiver,
    stderr, stdout, Daemon, SimService, SimSpec, FAST_LIVENESS,
};
use serde_json::{json, Value};
use tokio_tungstenite::connect_async;

fn config(url: &str) -> String {
    format!(
        "{FAST_LIVENESS}alerts:
  evaluation_interval: 200ms
  default_receiver: hook
  receivers:
    hook: {{type: webhook, url: \"{url}\", attempts: 1}}
  rules:
    - {{type: service_down, severity: critical}}
  routes:
    - {{receiver: hook, group_by: [alertname, service], group_wait: 0s, group_interval: 200ms, repeat_interval: 1h}}
  maintenance:
    - {{name: nightly, matchers: [service=backup], cron: \"0 3 * * *\", time_zone: UTC, duration: 1h}}
"
    )
}

fn quick(name: &str) -> SimSpec {
    SimSpec::new(name).heartbeat(Some(Duration::from_millis(500)))
}

/// The next WebSocket message of one of these types (others skipped).
async fn next_of(ws: &mut Ws, types: &[&str]) -> Value {
    loop {
        let v = ws_recv(ws, Duration::from_secs(15)).await;
        assert!(v["type"] != "__closed" && v["type"] != "__ended", "{v}");
        if types.iter().any(|t| v["type"] == *t) {
            return v;
        }
    }
}

fn json_of(o: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("JSON ({e}): {} / {}", stdout(o), stderr(o)))
}

async fn received(r: &Receiver, status: &str) -> usize {
    r.received()
        .await
        .iter()
        .filter(|n| n.json()["status"] == status)
        .count()
}

#[tokio::test]
async fn a_resolved_alert_is_described_with_its_timeline_deliveries_and_receivers_alike_on_cli_and_rest() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    let d = Daemon::start(&nats.url(), &config(&hook.url)).await;
    let viewer = token(&d, "describe-viewer", "viewer", &[]).await;
    let addr = host_port(&d.ws().await);
    let c = bus(&nats.url()).await;
    let svc = SimService::start(c.clone(), quick("flaky")).await.expect("sim");
    d.wait_status(
        "flaky",
        kryten_proto::v1::ServiceStatus::Healthy,
        Duration::from_secs(10),
    )
    .await;

    // A silence that starts in an hour (a one-off window) keeps nothing
    // quiet now.
    let later = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1)).to_string();
    let made = d
        .ctl(&[
            "silence",
            "add",
            "service=flaky",
            "--start",
            &later,
            "--for",
            "30m",
            "--comment",
            "tonight",
            "-o",
            "json",
        ])
        .await;
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let made = json_of(&made);
    let starts: jiff::Timestamp = made["startsAt"].as_str().unwrap().parse().unwrap();
    let ends: jiff::Timestamp = made["endsAt"].as_str().unwrap().parse().unwrap();
    assert!(
        starts > jiff::Timestamp::now() + jiff::SignedDuration::from_mins(59),
        "{made}"
    );
    assert_eq!((ends - starts).get_seconds(), 1800, "{made}");

    svc.crash().await;
    eventually(Duration::from_secs(15), "a firing notification", || async {
        (received(&hook, "firing").await > 0).then_some(())
    })
    .await;
    // Health counts what fires; asked to, it decides by it (critical).
    let h = json_of(&d.ctl(&["health", "-o", "json"]).await);
    assert_eq!(h["alerts"]["firing"], 1, "{h}");
    assert_eq!(h["alerts"]["critical"], 1, "{h}");
    let gate = d.ctl(&["health", "--fail-on", "alerts"]).await;
    assert_eq!(gate.status.code(), Some(2), "{}", stdout(&gate));
    assert!(
        stdout(&gate).contains("1 alerts firing (1 critical)"),
        "{}",
        stdout(&gate)
    );

    let held = json_of(&d.ctl(&["alerts", "ls", "--state", "firing", "-o", "json"]).await);
    let fp = held["items"][0]["fingerprint"]
        .as_str()
        .expect("a fingerprint")
        .to_string();
    assert_eq!(held["items"][0]["state"], "firing");
    assert_eq!(held["maintenance"][0]["name"], "nightly", "{held}");
    assert_eq!(held["maintenance"][0]["cron"], "0 3 * * *");
    assert!(held["maintenance"][0]["nextStart"].is_string(), "{held}");

    let back = SimService::start(c.clone(), quick("flaky")).await.expect("sim");
    eventually(Duration::from_secs(15), "a resolved notification", || async {
        (received(&hook, "resolved").await > 0).then_some(())
    })
    .await;
    let resolved = json_of(
        &d.ctl(&["alerts", "ls", "--state", "resolved", "--since", "10m", "-o", "json"])
            .await,
    );
    let r = resolved["items"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["fingerprint"] == fp.as_str()))
        .unwrap_or_else(|| panic!("the alert among the resolved: {resolved}"));
    assert_eq!(r["state"], "resolved");
    assert!(r["resolvedAt"].is_string() && r["firedAt"].is_string(), "{r}");

    // Described by a short prefix: the same document on both surfaces.
    let cli = json_of(&d.ctl(&["alerts", "describe", &fp[..8], "-o", "json"]).await);
    let rest = get(&addr, &format!("/api/v1/alerts/{}", &fp[..8]), Some(&viewer)).await;
    assert_eq!(rest.status, 200, "{}", rest.body);
    assert_eq!(cli["kind"], "AlertDescription");
    assert_eq!(cli["alert"]["fingerprint"], fp.as_str());
    assert_eq!(cli["alert"]["state"], "resolved");
    let kinds: Vec<&str> = cli["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["alert_firing", "alert_resolved"], "{cli}");
    let deliveries = cli["deliveries"].as_array().unwrap();
    assert_eq!(deliveries.len(), 2, "one firing and one resolved delivery: {cli}");
    assert!(
        deliveries.iter().all(|d| d["receiver"] == "hook" && d["ok"] == true),
        "{cli}"
    );
    assert_eq!(cli["receivers"], json!(["hook"]));
    assert_eq!(
        cli["silences"][0]["comment"], "tonight",
        "the matching silence to come: {cli}"
    );
    assert_eq!(rest.json()["timeline"], cli["timeline"]);
    assert_eq!(rest.json()["deliveries"], cli["deliveries"]);

    // The table names it too.
    let text = stdout(&d.ctl(&["alerts", "describe", &fp]).await);
    assert!(
        text.contains("ServiceDown") && text.contains("resolved") && text.contains("hook"),
        "{text}"
    );
    // An unknown or malformed id is refused plainly.
    assert_eq!(
        d.ctl(&["alerts", "describe", "ffffffffffff"]).await.status.code(),
        Some(5)
    );
    assert_eq!(d.ctl(&["alerts", "describe", "zz"]).await.status.code(), Some(2));
    assert_eq!(get(&addr, "/api/v1/alerts/ffffffff", Some(&viewer)).await.status, 404);
    back.shutdown().await;
}

#[tokio::test]
async fn the_websocket_alerts_stream_gives_what_fires_then_each_change() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    let d = Daemon::start(&nats.url(), &config(&hook.url)).await;
    let viewer = token(&d, "ws-alerts", "viewer", &[]).await;
    let c = bus(&nats.url()).await;
    let first = SimService::start(c.clone(), quick("first")).await.expect("sim");
    let second = SimService::start(c.clone(), quick("second")).await.expect("sim");
    d.wait_status(
        "second",
        kryten_proto::v1::ServiceStatus::Healthy,
        Duration::from_secs(10),
    )
    .await;
    first.crash().await;
    eventually(Duration::from_secs(15), "the first alert firing", || async {
        (received(&hook, "firing").await > 0).then_some(())
    })
    .await;

    let (mut ws, _) = connect_async(d.ws().await).await.expect("connect");
    ws_send(&mut ws, json!({"type": "auth", "token": viewer})).await;
    ws_send(&mut ws, json!({"type": "subscribe", "id": "al", "stream": "alerts"})).await;
    // What fires now, first.
    let snap = next_of(&mut ws, &["alerts"]).await;
    assert_eq!(snap["subscription"], "al");
    let items = snap["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{snap}");
    assert_eq!(items[0]["labels"]["service"], "first");
    assert_eq!(items[0]["state"], "firing");

    // Then each change, as it happens.
    second.crash().await;
    let fired = next_of(&mut ws, &["alert"]).await;
    // The first one back resolves its alert.
    let _back = SimService::start(c.clone(), quick("first")).await.expect("sim");
    let changes = vec![fired, next_of(&mut ws, &["alert"]).await];
    let seen: Vec<(String, String)> = changes
        .iter()
        .map(|v| {
            (
                v["transition"].as_str().unwrap_or("").to_string(),
                v["alert"]["labels"]["service"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(seen.contains(&("firing".into(), "second".into())), "{changes:?}");
    assert!(seen.contains(&("resolved".into(), "first".into())), "{changes:?}");
    let resolved = changes.iter().find(|v| v["transition"] == "resolved").unwrap();
    assert!(resolved["alert"]["resolvedAt"].is_string(), "{resolved}");
}

#[tokio::test]
async fn admin_reload_applies_a_valid_file_refuses_an_invalid_one_and_needs_admin() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    let tmp = tempfile::tempdir().expect("tmp");
    let d = Daemon::start_in(tmp.path(), &nats.url(), &config(&hook.url)).await;
    let path = tmp.path().join("krytend.yaml");
    let original = std::fs::read_to_string(&path).expect("the daemon's config file");

    let ok = d.ctl(&["admin", "reload"]).await;
    assert_eq!(ok.status.code(), Some(0), "{} {}", stdout(&ok), stderr(&ok));
    assert!(
        stdout(&ok).contains("1 rules, 2 receivers, 1 maintenance windows"),
        "{}",
        stdout(&ok)
    );

    std::fs::write(&path, original.replace("type: service_down", "type: no_such_rule")).expect("write");
    let refused = d.ctl(&["admin", "reload", "-o", "json"]).await;
    assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
    let doc = json_of(&refused);
    assert_eq!(doc["applied"], false);
    assert!(doc["message"].as_str().unwrap_or("").contains("no_such_rule"), "{doc}");

    // An operator may not; the refusal is audited like the attempts.
    let op = token(&d, "reload-operator", "operator", &[]).await;
    let tcp = d.tcp().await;
    let denied = kryten_e2e::ctl(&tcp, &["--token", &op, "admin", "reload"]).await;
    assert_eq!(denied.status.code(), Some(4), "{}", stderr(&denied));
    let records = audit(&d).await;
    let reloads: Vec<&Value> = records.iter().filter(|r| r["action"] == "reload-config").collect();
    assert!(reloads.iter().any(|r| r["outcome"] == "ok"), "{records:?}");
    assert!(reloads.iter().any(|r| r["outcome"] == "failed"), "{records:?}");
    assert!(reloads.iter().any(|r| r["outcome"] == "denied"), "{records:?}");
}

#[tokio::test]
async fn a_sign_in_link_gives_one_browser_a_token_of_the_callers_role_once() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let addr = host_port(&d.ws().await);

    let out = d.ctl(&["ui", "--no-open", "--role", "operator", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let link = json_of(&out)["link"].as_str().expect("a link").to_string();
    assert!(link.starts_with(&format!("http://{addr}/#/signin/")), "{link}");
    let code = link.rsplit('/').next().unwrap().to_string();

    let got = post_json(&addr, "/api/v1/signin", &json!({ "code": code }), None).await;
    assert_eq!(got.status, 200, "{}", got.body);
    let doc = got.json();
    assert_eq!(doc["role"], "operator");
    assert!(doc["expiresAt"].is_string(), "the browser's token expires: {doc}");
    let t = doc["token"].as_str().unwrap().to_string();
    let whoami = get(&addr, "/api/v1/status", Some(&t)).await;
    assert_eq!(whoami.status, 200, "the new token works");
    // Once only.
    let again = post_json(&addr, "/api/v1/signin", &json!({ "code": code }), None).await;
    assert_eq!(again.status, 401, "{}", again.body);
    assert!(again.body.contains("not valid"), "{}", again.body);
    // The token is listed and revocable like any other, and its making audited.
    let tokens = stdout(&d.ctl(&["token", "ls"]).await);
    let name = doc["name"].as_str().unwrap();
    assert!(
        name.starts_with("ui-local") && tokens.contains(name),
        "{name} in {tokens}"
    );
    assert!(audit(&d)
        .await
        .iter()
        .any(|r| r["target"] == name && r["outcome"] == "ok"));

    // Never above the caller: a viewer cannot mint an admin link.
    let viewer = token(&d, "ui-viewer", "viewer", &[]).await;
    let tcp = d.tcp().await;
    let up = kryten_e2e::ctl(&tcp, &["--token", &viewer, "ui", "--no-open", "--role", "admin"]).await;
    assert_eq!(up.status.code(), Some(4), "{}", stderr(&up));
    // Guessing is limited like failed tokens (5 a minute from one address).
    let mut codes = Vec::new();
    for i in 0..7 {
        let r = post_json(&addr, "/api/v1/signin", &json!({"code": format!("{i:032x}")}), None).await;
        codes.push(r.status);
    }
    // The used link above was the first failure: four more, then refused.
    assert_eq!(&codes[..4], &[401; 4], "{codes:?}");
    assert_eq!(&codes[4..], &[429; 3], "{codes:?}");
    // A body that is not the document is a plain 400, even when limited.
    let junk = post_json(&addr, "/api/v1/signin", &json!({"nope": 1}), None).await;
    assert_eq!(junk.status, 400, "{}", junk.body);
}

#[tokio::test]
async fn event_statistics_count_per_bucket_and_type_with_the_busiest_subjects() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let viewer = token(&d, "stats-viewer", "viewer", &[]).await;
    let addr = host_port(&d.ws().await);
    let c = bus(&nats.url()).await;
    for i in 0..30 {
        c.publish("kryten.events.cytube.lobby.chatmsg", format!("{{\"n\":{i}}}").into())
            .await
            .expect("publish");
    }
    for _ in 0..5 {
        c.publish("kryten.other.thing", "{}".into()).await.expect("publish");
    }
    c.flush().await.expect("flush");
    let doc = eventually(Duration::from_secs(10), "the events counted", || async {
        let r = get(&addr, "/api/v1/stats/events?since=5m&step=10s&top=2", Some(&viewer)).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        let chat = v["topSubjects"][0]["count"].as_u64().unwrap_or(0);
        (chat == 30).then_some(v)
    })
    .await;
    assert_eq!(doc["kind"], "EventStats");
    assert_eq!(doc["step"], 10.0);
    // Buckets start at multiples of the step: 30 of them, or 31 when the
    // five minutes do not start on one.
    let n = doc["buckets"].as_array().unwrap().len();
    assert!((30..=31).contains(&n), "{n} buckets");
    let first = doc["buckets"][0]["start"].as_str().unwrap();
    assert!(first.ends_with("0Z"), "aligned to 10 s: {first}");
    assert_eq!(doc["topSubjects"][0]["subject"], "kryten.events.cytube.lobby.chatmsg");
    assert_eq!(doc["topSubjects"][1]["subject"], "kryten.other.thing");
    assert_eq!(doc["topSubjects"].as_array().unwrap().len(), 2);
    let by_type: u64 = doc["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["byType"]["channel_event"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(by_type, 30, "{doc}");
    assert!(doc["total"].as_u64().unwrap() >= 35);
    // Budgets: too many buckets, a bad step, no token.
    let r = get(&addr, "/api/v1/stats/events?since=2d&step=1s", Some(&viewer)).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(
        get(&addr, "/api/v1/stats/events?step=soon", Some(&viewer)).await.status,
        400
    );
    assert_eq!(get(&addr, "/api/v1/stats/events", None).await.status, 401);
}
