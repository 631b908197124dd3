//! Service configs: fetched, redacted, versioned, diffed, drift.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use kryten_e2e::{bus, nats, stderr, stdout, Daemon, SimService, SimSpec, FAST_LIVENESS};
use kryten_proto::v1::ServiceStatus;
use serde_json::{json, Value};

const SECRET: &str = "hunter2-FAKE-SECRET";

fn robot_config(level: &str) -> Value {
    json!({
        "nats": {"servers": ["nats://harness:hunter2-FAKE-SECRET@127.0.0.1:4222"], "user": "harness",
                 "password": SECRET, "max_reconnect_attempts": -1},
        "cytube": {"domain": "localhost.invalid", "channel": "harness", "password": "***REDACTED***"},
        "service": {"name": "alpha", "heartbeat_interval": 5},
        "log_level": level,
    })
}

async fn with_service(extra: &str) -> (kryten_e2e::NatsServer, Daemon, Arc<Mutex<Value>>, SimService) {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), &format!("{FAST_LIVENESS}{extra}")).await;
    let cfg = Arc::new(Mutex::new(robot_config("INFO")));
    let mut spec = SimSpec::new("alpha").heartbeat(Some(Duration::from_millis(300)));
    spec.config = Some(cfg.clone());
    let svc = SimService::start(bus(&nats.url()).await, spec).await.expect("sim");
    d.wait_status("alpha", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    (nats, d, cfg, svc)
}

#[tokio::test]
async fn config_get_redacts_keeps_revisions_and_diffs_exactly_the_changed_path() {
    let (_n, d, cfg, _svc) = with_service("configs:\n  fetch_interval: null\n").await;
    let out = d.ctl(&["config", "get", "alpha"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains("hunter2"), "secret shown: {text}");
    assert!(
        text.contains("password: '***REDACTED:") || text.contains("password: \"***REDACTED:"),
        "{text}"
    );
    assert!(text.contains("nats://harness:***REDACTED:"), "{text}");
    assert!(text.contains("log_level: INFO"), "{text}");
    // Asking again with nothing changed stores nothing new.
    let out = d.ctl(&["config", "get", "alpha", "--refresh", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["rev"], 1);
    assert!(!out.stdout.windows(7).any(|w| w == b"hunter2"));
    let out = d.ctl(&["config", "diff", "alpha"]).await;
    assert_eq!(out.status.code(), Some(0), "same config: exit 0; {}", stderr(&out));

    // Change one setting and the secret.
    *cfg.lock().expect("lock") = {
        let mut c = robot_config("DEBUG");
        c["nats"]["password"] = json!("another-FAKE-SECRET");
        c
    };
    let out = d.ctl(&["config", "get", "alpha", "--refresh", "-o", "json"]).await;
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).expect("json")["rev"], 2);
    let out = d.ctl(&["config", "diff", "alpha", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(1), "different: exit 1");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let paths: Vec<&str> = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["path"].as_str())
        .collect();
    assert_eq!(paths, ["log_level", "nats.password"], "{v}");
    let pw = &v["changes"][1];
    assert_eq!(pw["kind"], "changed");
    assert!(pw["old"].as_str().expect("old").starts_with("***REDACTED:") && !v.to_string().contains("another-FAKE"));
    // Text: a unified diff of normalised YAML.
    let out = d.ctl(&["config", "diff", "alpha", "--rev", "1"]).await;
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("--- alpha rev 1") && text.contains("+++ alpha rev 2"),
        "{text}"
    );
    assert!(
        text.contains("-log_level: INFO") && text.contains("+log_level: DEBUG"),
        "{text}"
    );
    // History.
    let out = d.ctl(&["config", "history", "alpha", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["items"][1]["changedPaths"], json!(["log_level", "nats.password"]));
    // The change came without a restart or reload: drift.
    // The event may trail the revision by one store batch.
    let v = kryten_e2e::eventually(Duration::from_secs(3), "the drift event", || async {
        let out = d.ctl(&["events", "ls", "--type", "drift", "-o", "json"]).await;
        let v: Value = serde_json::from_slice(&out.stdout).ok()?;
        (!v["items"].as_array()?.is_empty()).then_some(v)
    })
    .await;
    let drift = &v["items"][0]["payload"];
    assert_eq!(drift["reason"], "config changed without a restart or reload", "{v}");
    assert_eq!(drift["service"], "alpha");
    // Errors.
    let out = d.ctl(&["config", "get", "alpha", "--rev", "9"]).await;
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let out = d.ctl(&["config", "get", "ghost"]).await;
    assert_eq!(out.status.code(), Some(5));
    // External diff tool.
    let out = tokio::process::Command::new(kryten_e2e::bin("krytenctl"))
        .args(["--server", &d.server(), "config", "diff", "alpha"])
        .env("KRYTEN_EXTERNAL_DIFF", "diff -u")
        .env("KRYTEN_CONFIG", "/nonexistent")
        .output()
        .await
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("+log_level: DEBUG"), "{}", stdout(&out));
}

#[tokio::test]
async fn against_a_desired_file_and_another_service_ignoring_order_and_formatting() {
    let (n, d, _cfg, _svc) = with_service("").await;
    let dir = tempfile::tempdir().expect("tmp");
    // The same content, keys reordered, as YAML: no difference.
    let same = dir.path().join("same.yaml");
    std::fs::write(
        &same,
        format!(
            "log_level: INFO\nservice: {{heartbeat_interval: 5, name: alpha}}\ncytube:\n  password: '***REDACTED***'\n  channel: harness\n  domain: localhost.invalid\nnats:\n  max_reconnect_attempts: -1\n  password: {SECRET}\n  user: harness\n  servers: ['nats://harness:{SECRET}@127.0.0.1:4222']\n"
        ),
    )
    .expect("write");
    let out = d
        .ctl(&["config", "diff", "alpha", "--against", same.to_str().expect("path")])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    // A deliberate difference, as JSON.
    let mut desired = robot_config("WARNING");
    desired["nats"]["password"] = json!("not-the-running-one");
    let file = dir.path().join("desired.json");
    std::fs::write(&file, desired.to_string()).expect("write");
    let out = d
        .ctl(&[
            "config",
            "diff",
            "alpha",
            "--against",
            file.to_str().expect("path"),
            "-o",
            "json",
        ])
        .await;
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let paths: Vec<&str> = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["path"].as_str())
        .collect();
    assert_eq!(paths, ["log_level", "nats.password"]);
    assert!(!v.to_string().contains("not-the-running-one") && !v.to_string().contains("hunter2"));

    // Two instances of a kind: another service with one difference.
    let other_cfg = Arc::new(Mutex::new({
        let mut c = robot_config("INFO");
        c["cytube"]["channel"] = json!("lounge");
        c
    }));
    let mut spec = SimSpec::new("alpha2").heartbeat(Some(Duration::from_millis(300)));
    spec.config = Some(other_cfg);
    let _o = SimService::start(bus(&n.url()).await, spec).await.expect("sim");
    d.wait_status("alpha2", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let out = d
        .ctl(&["config", "diff", "alpha", "--service", "alpha2", "-o", "json"])
        .await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["changes"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["changes"][0]["path"], "cytube.channel");
}

#[tokio::test]
async fn a_declared_desired_config_that_differs_raises_a_drift_event_and_no_answer_is_exit_6() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("alpha.yaml");
    // JSON is YAML too.
    std::fs::write(&file, robot_config("ERROR").to_string()).expect("write");
    let (n, d, _cfg, _svc) = with_service(&format!(
        "configs:\n  after_startup: 100ms\n  desired:\n    - {{service: alpha, path: {}}}\n",
        file.display()
    ))
    .await;
    // Fetched by itself after the new instance started.
    let v = kryten_e2e::eventually(Duration::from_secs(5), "a drift event", || async {
        let out = d.ctl(&["events", "ls", "--type", "drift", "-o", "json"]).await;
        let v: Value = serde_json::from_slice(&out.stdout).ok()?;
        (!v["items"].as_array()?.is_empty()).then_some(v)
    })
    .await;
    let p = &v["items"][0]["payload"];
    assert!(
        p["reason"]
            .as_str()
            .expect("reason")
            .starts_with("differs from the desired config"),
        "{p}"
    );
    assert_eq!(p["changed_paths"], json!(["log_level"]));
    let v = kryten_e2e::eventually(Duration::from_secs(3), "the config event", || async {
        let out = d.ctl(&["events", "ls", "--type", "config", "-o", "json"]).await;
        let v: Value = serde_json::from_slice(&out.stdout).ok()?;
        (!v["items"].as_array()?.is_empty()).then_some(v)
    })
    .await;
    assert_eq!(v["items"][0]["payload"]["trigger"], "new instance");

    let mut mute = SimSpec::new("mute").heartbeat(Some(Duration::from_millis(300)));
    mute.answers_commands = false;
    let _m = SimService::start(bus(&n.url()).await, mute).await.expect("sim");
    d.wait_status("mute", ServiceStatus::Starting, Duration::from_secs(5))
        .await;
    let out = d.ctl(&["config", "get", "mute"]).await;
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("system.config") && stderr(&out).contains("kryten.mute.command"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn fetches_answered_at_once_store_one_revision_of_one_change() {
    let (_n, d, cfg, _svc) = with_service("configs:\n  fetch_interval: null\n").await;
    let out = d.ctl(&["config", "get", "alpha", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    *cfg.lock().expect("lock") = robot_config("DEBUG");
    // Four refreshes at once, as a new instance's fetch and an operator's
    // can meet: the change is one revision, the drift one event.
    let refreshes = (0..4).map(|_| d.ctl(&["config", "get", "alpha", "--refresh", "-o", "json"]));
    for out in futures::future::join_all(refreshes).await {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(serde_json::from_slice::<Value>(&out.stdout).expect("json")["rev"], 2);
    }
    let history = d.ctl(&["config", "history", "alpha", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&history.stdout).expect("json");
    assert_eq!(v["items"].as_array().map(Vec::len), Some(2), "{v}");
}
