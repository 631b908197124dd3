//! Alerts that reach a person: a real webhook receiver on loopback gets a
//! signed firing notification when a service dies and a resolved one when
//! it is back, and a krytend restart in between sends nothing twice.

use std::time::Duration;

use kryten_e2e::{
    api_guard::{host_port, token},
    bus, eventually,
    http::get,
    nats,
    receiver::Receiver,
    smtp::SmtpServer,
    Daemon, SimService, SimSpec, FAST_LIVENESS,
};
use serde_json::Value;

const SECRET: &str = "hook-s3cret-value";

fn config(url: &str) -> String {
    format!(
        "{FAST_LIVENESS}alerts:
  evaluation_interval: 200ms
  default_receiver: hook
  receivers:
    hook: {{type: webhook, url: \"{url}\", secret: {SECRET}, attempts: 2}}
  rules:
    - {{type: service_down, severity: critical}}
  routes:
    - {{receiver: hook, group_by: [alertname, service], group_wait: 0s, group_interval: 500ms, repeat_interval: 1h}}
"
    )
}

fn quick(name: &str) -> SimSpec {
    SimSpec::new(name).heartbeat(Some(Duration::from_millis(500)))
}

/// Notifications received so far with the given status, checked signed.
async fn notices(r: &Receiver, status: &str) -> Vec<Value> {
    let secret = krytend::alerts::notify::Secret::new(SECRET);
    r.received()
        .await
        .into_iter()
        .filter(|n| {
            let sig = n.header("x-kryten-signature").unwrap_or_default();
            assert!(
                krytend::alerts::notify::webhook::verify(&secret, sig, &n.body),
                "a notification without a valid signature: {sig:?}"
            );
            n.json()["status"] == status
        })
        .map(|n| n.json())
        .collect()
}

async fn active(d: &Daemon, viewer: &str) -> Vec<Value> {
    let a = host_port(&d.ws().await);
    let r = get(&a, "/api/v1/alerts", Some(viewer)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_dead_service_fires_one_signed_notification_and_its_return_resolves_it_across_a_krytend_restart() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    let tmp = tempfile::tempdir().expect("tmp");
    let yaml = config(&hook.url);
    let mut d = Daemon::start_in(tmp.path(), &nats.url(), &yaml).await;
    let viewer = token(&d, "alerts-viewer", "viewer", &[]).await;
    let c = bus(&nats.url()).await;
    let steady = SimService::start(c.clone(), quick("steady")).await.expect("sim");
    let doomed = SimService::start(c.clone(), quick("doomed")).await.expect("sim");
    d.wait_status(
        "doomed",
        kryten_proto::v1::ServiceStatus::Healthy,
        Duration::from_secs(10),
    )
    .await;

    doomed.crash().await;
    let firing = eventually(Duration::from_secs(15), "a firing notification", || async {
        let n = notices(&hook, "firing").await;
        (!n.is_empty()).then_some(n)
    })
    .await;
    let alert = &firing[0]["alerts"][0];
    assert_eq!(alert["labels"]["service"], "doomed", "{firing:?}");
    assert_eq!(alert["labels"]["alertname"], "ServiceDown", "{firing:?}");
    assert_eq!(alert["status"], "firing");
    // Held by the daemon and recorded as an event in the stream and store.
    let held = active(&d, &viewer).await;
    assert!(
        held.iter()
            .any(|a| a["labels"]["service"] == "doomed" && a["state"] == "firing"),
        "{held:?}"
    );
    let a = host_port(&d.ws().await);
    let events = get(&a, "/api/v1/events?kind=alert", Some(&viewer)).await.json();
    assert!(
        events["items"]
            .as_array()
            .is_some_and(|e| e.iter().any(|e| e["subject"] == "krytend.alert.firing")),
        "{events}"
    );

    // krytend restarts while the alert fires: it comes back holding it, and
    // says nothing new about it.
    d.terminate().await;
    let d = Daemon::start_in(tmp.path(), &nats.url(), &yaml).await;
    let viewer = token(&d, "alerts-viewer-2", "viewer", &[]).await;
    eventually(Duration::from_secs(10), "the firing alert restored", || async {
        active(&d, &viewer)
            .await
            .iter()
            .any(|a| a["labels"]["service"] == "doomed" && a["state"] == "firing")
            .then_some(())
    })
    .await;
    // Several evaluations (200 ms each) and a group interval have passed:
    // a duplicate would have been sent by now.
    let before = d.status().await.ingest.map(|i| i.accepted).unwrap_or(0);
    eventually(Duration::from_secs(10), "a few seconds of evaluations", || async {
        let now = d.status().await.ingest.map(|i| i.accepted).unwrap_or(0);
        (now > before + 10).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(notices(&hook, "firing").await.len(), 1, "a duplicate after the restart");

    // It comes back: one resolved notification.
    let back = SimService::start(c.clone(), quick("doomed")).await.expect("sim");
    let resolved = eventually(Duration::from_secs(15), "a resolved notification", || async {
        let n = notices(&hook, "resolved").await;
        (!n.is_empty()).then_some(n)
    })
    .await;
    assert_eq!(resolved[0]["alerts"][0]["labels"]["service"], "doomed");
    assert!(active(&d, &viewer).await.is_empty());
    assert_eq!(notices(&hook, "firing").await.len(), 1);
    back.shutdown().await;
    steady.shutdown().await;
}

#[test]
fn a_config_naming_an_undefined_receiver_is_refused_at_start_with_the_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = dir.path().join("k.yaml");
    std::fs::write(&cfg, "alerts:\n  routes:\n    - {receiver: pager}\n").expect("write");
    let out = std::process::Command::new(kryten_e2e::bin("krytend"))
        .args(["--config"])
        .arg(&cfg)
        .arg("--check-config")
        .output()
        .expect("run krytend");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "accepted: {err}");
    assert!(err.contains("routes[0]") && err.contains("pager"), "{err}");
}

#[tokio::test]
async fn a_silence_made_with_krytenctl_keeps_its_alerts_quiet_and_is_audited() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    let d = Daemon::start(&nats.url(), &config(&hook.url)).await;
    let c = bus(&nats.url()).await;
    let loud = SimService::start(c.clone(), quick("loud")).await.expect("sim");
    let quiet = SimService::start(c.clone(), quick("quiet")).await.expect("sim");
    for n in ["loud", "quiet"] {
        d.wait_status(n, kryten_proto::v1::ServiceStatus::Healthy, Duration::from_secs(10))
            .await;
    }
    // A viewer may not silence; an operator may.
    let viewer = token(&d, "silence-viewer", "viewer", &[]).await;
    let tcp = d.tcp().await;
    let out = kryten_e2e::ctl(
        &tcp,
        &["--token", &viewer, "silence", "add", "service=quiet", "--for", "1h"],
    )
    .await;
    assert_ne!(out.status.code(), Some(0), "a viewer made a silence");
    assert!(
        kryten_e2e::stderr(&out).contains("viewer"),
        "{}",
        kryten_e2e::stderr(&out)
    );
    let out = d
        .ctl(&[
            "silence",
            "add",
            "service=quiet",
            "--for",
            "1h",
            "--comment",
            "planned work",
        ])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    let id = kryten_e2e::stdout(&out).trim().to_string();
    let ls = kryten_e2e::stdout(&d.ctl(&["silence", "ls", "-o", "json"]).await);
    assert!(ls.contains(&id) && ls.contains("planned work"), "{ls}");

    loud.crash().await;
    quiet.crash().await;
    // The unsilenced one is notified: the silenced one would have been by now.
    eventually(Duration::from_secs(15), "loud's notification", || async {
        notices(&hook, "firing")
            .await
            .iter()
            .any(|n| n["alerts"][0]["labels"]["service"] == "loud")
            .then_some(())
    })
    .await;
    // Both fire in the daemon (silences stop notifications, not alerts).
    let alerts = kryten_e2e::stdout(&d.ctl(&["alerts", "ls", "-o", "json"]).await);
    assert!(alerts.contains("\"quiet\"") && alerts.contains("\"loud\""), "{alerts}");
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let sent = notices(&hook, "firing").await;
    assert!(
        sent.iter().all(|n| n["alerts"][0]["labels"]["service"] != "quiet"),
        "a silenced alert was notified: {sent:?}"
    );
    let audit = kryten_e2e::api_guard::audit(&d).await;
    assert!(
        audit
            .iter()
            .any(|r| r["action"] == "silence" && r["reason"] == "planned work"),
        "{audit:?}"
    );
    // A test notification on demand, through the same receiver.
    let before = hook.received().await.len();
    let out = d.ctl(&["alerts", "test", "hook"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    let got = hook.received().await;
    assert_eq!(got.len(), before + 1);
    assert_eq!(
        got[before].json()["alerts"][0]["labels"]["alertname"],
        "TestNotification"
    );
    let out = d.ctl(&["alerts", "test", "nope"]).await;
    assert_ne!(out.status.code(), Some(0));
    assert!(
        kryten_e2e::stderr(&out).contains("hook"),
        "{}",
        kryten_e2e::stderr(&out)
    );
    let out = d.ctl(&["silence", "expire", &id]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    let ls = kryten_e2e::stdout(&d.ctl(&["silence", "ls", "-o", "json"]).await);
    assert!(!ls.contains(&id), "{ls}");
    // Its end lets the alert through: still firing, it is notified now.
    eventually(
        Duration::from_secs(10),
        "quiet's notification after the silence",
        || async {
            notices(&hook, "firing")
                .await
                .iter()
                .any(|n| n["alerts"][0]["labels"]["service"] == "quiet")
                .then_some(())
        },
    )
    .await;
}

#[tokio::test]
async fn email_reaches_a_real_smtp_server_and_chat_gets_a_slack_shaped_message() {
    let smtp = SmtpServer::start(None, None).await;
    let chat = Receiver::start(200).await;
    let nats = nats().await;
    let yaml = format!(
        "{FAST_LIVENESS}alerts:
  evaluation_interval: 200ms
  default_receiver: mail
  receivers:
    mail: {{type: smtp, host: 127.0.0.1, port: {}, security: none, from: \"krytend <krytend@example.org>\", to: [\"ops@example.org\"]}}
    chat: {{type: slack, url: \"{}\"}}
  rules:
    - {{type: service_down, severity: critical}}
  routes:
    - {{receiver: mail, group_wait: 0s, continue: true}}
    - {{receiver: chat, group_wait: 0s}}
",
        smtp.port, chat.url
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let c = bus(&nats.url()).await;
    let svc = SimService::start(c.clone(), quick("mailer")).await.expect("sim");
    d.wait_status(
        "mailer",
        kryten_proto::v1::ServiceStatus::Healthy,
        Duration::from_secs(10),
    )
    .await;
    svc.crash().await;
    let mail = eventually(Duration::from_secs(20), "the email", || async {
        smtp.messages().into_iter().find(|m| {
            let data = m["data"].as_str().unwrap_or_default();
            data.contains("Subject: [FIRING:1] ServiceDown mailer") && data.contains("mailer is down")
        })
    })
    .await;
    assert_eq!(mail["to"], serde_json::json!(["ops@example.org"]), "{mail}");
    assert_eq!(mail["from"], "krytend@example.org", "{mail}");
    let slack = eventually(Duration::from_secs(10), "the chat message", || async {
        chat.received().await.into_iter().next()
    })
    .await;
    let text = slack.json()["text"].as_str().unwrap_or_default().to_string();
    assert!(text.contains("[FIRING:1] ServiceDown mailer"), "{text}");
}

#[tokio::test]
async fn sighup_applies_new_rules_and_an_invalid_file_keeps_the_running_ones_with_the_reason() {
    use nix::{sys::signal::Signal, unistd::Pid};

    let nats = nats().await;
    let hook = Receiver::start(200).await;
    // Running rules that a dead service does not trip.
    let first = config(&hook.url).replace("service_down", "service_degraded");
    let d = Daemon::start(&nats.url(), &first).await;
    let hup = || {
        nix::sys::signal::kill(Pid::from_raw(d.pid().expect("pid") as i32), Signal::SIGHUP).expect("SIGHUP");
    };
    let c = bus(&nats.url()).await;
    let svc = SimService::start(c.clone(), quick("reloaded")).await.expect("sim");
    d.wait_status(
        "reloaded",
        kryten_proto::v1::ServiceStatus::Healthy,
        Duration::from_secs(10),
    )
    .await;

    // A route to a receiver that does not exist: refused, said, audited.
    std::fs::write(
        &d.config,
        format!("{first}  default_receiver: nowhere\n").replace("  default_receiver: hook\n", ""),
    )
    .expect("write");
    hup();
    eventually(Duration::from_secs(10), "the refusal in the log", || async {
        d.log().contains("reload refused").then_some(())
    })
    .await;
    assert!(d.log().contains("nowhere"), "the reason is not given:\n{}", d.log());

    // A valid file: applied without a restart.
    std::fs::write(&d.config, config(&hook.url)).expect("write");
    hup();
    eventually(Duration::from_secs(10), "the reload in the log", || async {
        d.log().contains("rules, routes and receivers reloaded").then_some(())
    })
    .await;
    svc.crash().await;
    eventually(
        Duration::from_secs(15),
        "a firing notification from the new rule",
        || async {
            let n = notices(&hook, "firing").await;
            (!n.is_empty()).then_some(())
        },
    )
    .await;
    let audit = kryten_e2e::api_guard::audit(&d).await;
    let reloads: Vec<&Value> = audit.iter().filter(|r| r["action"] == "reload-config").collect();
    assert!(reloads.iter().any(|r| r["outcome"] == "failed"), "{audit:?}");
    assert!(reloads.iter().any(|r| r["outcome"] == "ok"), "{audit:?}");
}

#[tokio::test]
async fn a_receiver_that_keeps_failing_raises_its_own_alert() {
    let nats = nats().await;
    let broken = Receiver::start(500).await;
    let yaml = config(&broken.url).replace("attempts: 2", "attempts: 3").replace(
        "    - {type: service_down, severity: critical}\n",
        "    - {type: service_down, severity: critical}\n    - {type: receiver_failing, severity: critical}\n",
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let viewer = token(&d, "failing-viewer", "viewer", &[]).await;
    let c = bus(&nats.url()).await;
    let svc = SimService::start(c.clone(), quick("unheard")).await.expect("sim");
    d.wait_status(
        "unheard",
        kryten_proto::v1::ServiceStatus::Healthy,
        Duration::from_secs(10),
    )
    .await;
    svc.crash().await;
    // Three attempts, each answered 500, then the receiver's own alert.
    let held = eventually(Duration::from_secs(20), "ReceiverFailing firing", || async {
        let held = active(&d, &viewer).await;
        held.iter()
            .any(|a| a["labels"]["alertname"] == "ReceiverFailing" && a["labels"]["receiver"] == "hook")
            .then_some(held)
    })
    .await;
    assert!(broken.received().await.len() >= 3, "{held:?}");
    let a = host_port(&d.ws().await);
    let doc = get(&a, "/api/v1/alerts", Some(&viewer)).await.json();
    assert!(doc["deliveryFailures"].as_u64().unwrap_or(0) >= 3, "{doc}");
    // `status` says so too, in both forms.
    let st: Value = serde_json::from_str(&kryten_e2e::stdout(&d.ctl(&["status", "-o", "json"]).await)).expect("JSON");
    assert_eq!(st["alerts"]["failingReceivers"], serde_json::json!(["hook"]), "{st}");
    let text = kryten_e2e::stdout(&d.ctl(&["status"]).await);
    assert!(text.contains("FAILING receivers: hook"), "{text}");
}

#[tokio::test]
async fn log_error_rate_and_pattern_rules_fire_on_real_log_traffic() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    let yaml = config(&hook.url).replace(
        "    - {type: service_down, severity: critical}\n",
        "    - {type: log_error_rate, per_min: 5, severity: warning}\n    - {type: log_pattern, name: Panic, pattern: \"panic:\", severity: critical}\n",
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let viewer = token(&d, "logs-viewer", "viewer", &[]).await;
    let c = bus(&nats.url()).await;
    let svc = SimService::start(c.clone(), quick("noisy")).await.expect("sim");
    d.wait_status(
        "noisy",
        kryten_proto::v1::ServiceStatus::Healthy,
        Duration::from_secs(10),
    )
    .await;
    let now = krytend::protocol::timestamp::format_us(krytend::protocol::timestamp::now_us());
    let publish = |level: &'static str, msg: String| {
        let c = c.clone();
        let now = now.clone();
        async move {
            let body = serde_json::json!({"service": "noisy", "level": level, "message": msg, "timestamp": now});
            c.publish("kryten.logs.noisy", body.to_string().into())
                .await
                .expect("publish");
        }
    };
    // Five errors: at the limit, not above it.
    for i in 0..5 {
        publish("error", format!("timeout {i}")).await;
    }
    publish("info", "all good".into()).await;
    c.flush().await.expect("flush");
    // Proven quiet first: the lines are recorded and evaluations ran.
    eventually(Duration::from_secs(10), "the six lines recorded", || async {
        let out = d.ctl(&["logs", "noisy", "-o", "jsonl"]).await;
        (kryten_e2e::stdout(&out).lines().count() >= 6).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(active(&d, &viewer).await.is_empty(), "fired at the limit");
    publish("error", "timeout 5".into()).await;
    publish("critical", "panic: index out of range".into()).await;
    c.flush().await.expect("flush");
    let held = eventually(Duration::from_secs(10), "both log alerts", || async {
        let held = active(&d, &viewer).await;
        let has = |name: &str| {
            held.iter()
                .any(|a| a["labels"]["alertname"] == name && a["labels"]["service"] == "noisy")
        };
        (has("LogErrorRate") && has("Panic")).then_some(held)
    })
    .await;
    assert!(
        held.iter().any(|a| a["summary"]
            .as_str()
            .is_some_and(|s| s.contains("panic: index out of range"))),
        "{held:?}"
    );
    svc.shutdown().await;
}

#[tokio::test]
async fn a_recurring_maintenance_window_keeps_its_services_alerts_quiet() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    // Starts every minute and lasts two: in force all the time.
    let yaml = format!(
        "{}  maintenance:\n    - {{name: nightly, matchers: [service=patched], cron: \"* * * * *\", time_zone: Europe/London, duration: 2m}}\n",
        config(&hook.url)
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let c = bus(&nats.url()).await;
    let patched = SimService::start(c.clone(), quick("patched")).await.expect("sim");
    let other = SimService::start(c.clone(), quick("other")).await.expect("sim");
    for n in ["patched", "other"] {
        d.wait_status(n, kryten_proto::v1::ServiceStatus::Healthy, Duration::from_secs(10))
            .await;
    }
    patched.crash().await;
    other.crash().await;
    eventually(Duration::from_secs(15), "the other service's notification", || async {
        notices(&hook, "firing")
            .await
            .iter()
            .any(|n| n["alerts"][0]["labels"]["service"] == "other")
            .then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let sent = notices(&hook, "firing").await;
    assert!(
        sent.iter().all(|n| n["alerts"][0]["labels"]["service"] != "patched"),
        "notified inside its maintenance window: {sent:?}"
    );
}

#[test]
fn a_maintenance_window_without_a_schedule_is_refused_at_start() {
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = dir.path().join("k.yaml");
    std::fs::write(
        &cfg,
        "alerts:\n  maintenance:\n    - {name: x, matchers: [service=a]}\n",
    )
    .expect("write");
    let out = std::process::Command::new(kryten_e2e::bin("krytend"))
        .arg("--config")
        .arg(&cfg)
        .arg("--check-config")
        .output()
        .expect("run krytend");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("maintenance[0]"), "{err}");
}

/// The webhook config of [`config`] with these rules.
fn config_with_rules(url: &str, rules: &str) -> String {
    config(url).replace("    - {type: service_down, severity: critical}\n", rules)
}

/// Firing notifications that carry an alert named `alertname`.
async fn firing_named(r: &Receiver, alertname: &str) -> Vec<Value> {
    notices(r, "firing")
        .await
        .into_iter()
        .filter(|n| {
            n["alerts"]
                .as_array()
                .is_some_and(|a| a.iter().any(|a| a["labels"]["alertname"] == alertname))
        })
        .collect()
}

/// The alert `alertname` about `service` the daemon holds now (pending or firing).
async fn held(d: &Daemon, viewer: &str, alertname: &str, service: &str) -> Option<Value> {
    active(d, viewer)
        .await
        .into_iter()
        .find(|a| a["labels"]["alertname"] == alertname && a["labels"]["service"] == service)
}

/// The `n` of a flapping alert's summary ("… changed status n times in …").
fn status_changes(alert: &Value) -> u64 {
    let s = alert["summary"].as_str().unwrap_or_default();
    s.split("changed status ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a flapping summary: {alert}"))
}

#[tokio::test]
async fn a_flapping_service_pages_once_while_it_keeps_flapping() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    // ServiceDown waits a minute, far longer than one flap (about a second
    // down), so it never pages; it is pending while the service is down,
    // which tells the test that an evaluation saw the service down.
    let yaml = config_with_rules(
        &hook.url,
        "    - {type: service_down, for: 1m, severity: critical}
    - {type: flapping, count: 4, window: 1m, for: 0s, keep_firing_for: 1m, severity: warning}
",
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let viewer = token(&d, "flap-viewer", "viewer", &[]).await;
    let c = bus(&nats.url()).await;
    let mut svc = SimService::start(c.clone(), quick("flappy")).await.expect("sim");
    d.wait_status(
        "flappy",
        kryten_proto::v1::ServiceStatus::Healthy,
        Duration::from_secs(10),
    )
    .await;
    // One flap: it dies, an evaluation sees it down (ServiceDown pending),
    // it comes back, an evaluation sees it up (ServiceDown forgotten). At
    // least two status changes each.
    let flap = |svc: SimService| {
        let (c, d, viewer) = (c.clone(), &d, viewer.clone());
        async move {
            svc.crash().await;
            eventually(Duration::from_secs(10), "flappy seen down", || async {
                held(d, &viewer, "ServiceDown", "flappy").await.map(|_| ())
            })
            .await;
            let svc = SimService::start(c, quick("flappy")).await.expect("sim");
            d.wait_status(
                "flappy",
                kryten_proto::v1::ServiceStatus::Healthy,
                Duration::from_secs(10),
            )
            .await;
            eventually(Duration::from_secs(10), "flappy seen up", || async {
                held(d, &viewer, "ServiceDown", "flappy").await.is_none().then_some(())
            })
            .await;
            svc
        }
    };
    // Two flaps make four changes: it fires.
    for _ in 0..2 {
        svc = flap(svc).await;
    }
    let first = eventually(Duration::from_secs(10), "ServiceFlapping notified", || async {
        let n = firing_named(&hook, "ServiceFlapping").await;
        (!n.is_empty()).then_some(n)
    })
    .await;
    let alert = &first[0]["alerts"][0];
    assert_eq!(alert["labels"]["service"], "flappy", "{first:?}");
    assert_eq!(first[0]["group_labels"]["service"], "flappy", "{first:?}");
    let at_fire = status_changes(
        &held(&d, &viewer, "ServiceFlapping", "flappy")
            .await
            .expect("ServiceFlapping held"),
    );

    // It keeps flapping: the alert stays firing and is not sent again.
    for _ in 0..3 {
        svc = flap(svc).await;
    }
    let now = held(&d, &viewer, "ServiceFlapping", "flappy")
        .await
        .expect("ServiceFlapping still held");
    assert_eq!(now["state"], "firing", "{now}");
    assert!(
        status_changes(&now) >= at_fire + 6,
        "three more flaps not counted: {now}"
    );
    // Each flap took more than one group_interval (500 ms); four more after
    // the last one: a re-send of the changed or unchanged group would be out.
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let sent = firing_named(&hook, "ServiceFlapping").await;
    assert_eq!(sent.len(), 1, "paged more than once: {sent:?}");
    assert!(
        firing_named(&hook, "ServiceDown").await.is_empty(),
        "a flap paged ServiceDown"
    );
    assert!(notices(&hook, "resolved").await.is_empty(), "resolved while flapping");
    svc.shutdown().await;
}

fn supervised(name: &str) -> SimSpec {
    let mut s = quick(name);
    s.honors_shutdown = true;
    s.respawn = Some(Duration::from_millis(300));
    s
}

#[tokio::test]
async fn a_restart_through_krytenctl_pages_no_one_but_a_crash_and_an_unasked_stop_do() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    let yaml = config_with_rules(
        &hook.url,
        "    - {type: service_down, for: 0s, severity: critical}
    - {type: stopped_unexpectedly, for: 0s, severity: critical}
",
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let viewer = token(&d, "restart-viewer", "viewer", &[]).await;
    let c = bus(&nats.url()).await;
    let planned = SimService::start(c.clone(), supervised("planned")).await.expect("sim");
    let twin = SimService::start(c.clone(), supervised("twin")).await.expect("sim");
    for n in ["planned", "twin"] {
        d.wait_status(n, kryten_proto::v1::ServiceStatus::Healthy, Duration::from_secs(10))
            .await;
    }
    let out = d
        .ctl(&["restart", "planned", "--wait", "--timeout", "20s", "--reason", "deploy"])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}\n{}", kryten_e2e::stderr(&out), d.log());
    assert_eq!(d.service("planned").await.map(|s| s.restart_count), Some(1));
    // With for: 0s and group_wait: 0s a finding fires at the evaluation
    // that sees it and is sent at once; ten evaluations (200 ms) after the
    // restart is proven back, anything it caused would have fired and been
    // sent (the crash below is sent within one or two evaluations).
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let paged = notices(&hook, "firing").await;
    assert!(
        hook.received().await.is_empty(),
        "a planned restart paged: {paged:?}\nits timeline:\n{}",
        kryten_e2e::stdout(&d.ctl(&["services", "describe", "planned"]).await)
    );
    let a = host_port(&d.ws().await);
    let doc = get(&a, "/api/v1/alerts", Some(&viewer)).await.json();
    assert!(
        doc["items"].as_array().is_some_and(Vec::is_empty) && doc["recent"].as_array().is_some_and(Vec::is_empty),
        "a planned restart fired: {doc}"
    );

    // The same kind of service stopping unasked pages, and the restarted
    // one crashing pages: the rules were live all along.
    twin.shutdown().await;
    planned.crash().await;
    let page = |alertname: &'static str, service: &'static str| {
        let hook = &hook;
        async move {
            firing_named(hook, alertname)
                .await
                .iter()
                .any(|n| n["alerts"][0]["labels"]["service"] == service)
        }
    };
    eventually(Duration::from_secs(15), "both pages", || async {
        (page("ServiceStoppedUnexpectedly", "twin").await && page("ServiceDown", "planned").await).then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_shutdown_through_krytenctl_pages_no_one_however_long_the_service_stays_stopped() {
    let nats = nats().await;
    let hook = Receiver::start(200).await;
    let yaml = config_with_rules(
        &hook.url,
        "    - {type: stopped_unexpectedly, for: 0s, severity: critical}
",
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let c = bus(&nats.url()).await;
    let mut spec = quick("retired");
    spec.honors_shutdown = true;
    let retired = SimService::start(c.clone(), spec).await.expect("sim");
    let other = SimService::start(c.clone(), quick("other")).await.expect("sim");
    for n in ["retired", "other"] {
        d.wait_status(n, kryten_proto::v1::ServiceStatus::Healthy, Duration::from_secs(10))
            .await;
    }
    let out = d
        .ctl(&["shutdown", "retired", "--yes", "--reason", "decommissioned"])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    d.wait_status(
        "retired",
        kryten_proto::v1::ServiceStatus::Stopped,
        Duration::from_secs(10),
    )
    .await;
    // With for: 0s and group_wait: 0s an unplanned stop is sent within an
    // evaluation or two (the control below): ten evaluations see nothing.
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert!(hook.received().await.is_empty(), "a requested shutdown paged");
    // The control: a stop nobody asked for pages.
    other.shutdown().await;
    eventually(Duration::from_secs(15), "the unasked stop paged", || async {
        firing_named(&hook, "ServiceStoppedUnexpectedly")
            .await
            .iter()
            .any(|n| n["alerts"][0]["labels"]["service"] == "other")
            .then_some(())
    })
    .await;
    let sent = firing_named(&hook, "ServiceStoppedUnexpectedly").await;
    assert!(
        sent.iter().all(|n| n["alerts"][0]["labels"]["service"] != "retired"),
        "{sent:?}"
    );
    drop(retired);
}

const MAIL_USER: &str = "krytend-mail";
const MAIL_PASSWORD: &str = "Mail-pw-7Qx2-right";
const WRONG_PASSWORD: &str = "Mail-pw-9Kz4-wrong";

/// A private CA and a certificate it signed for 127.0.0.1, as PEM files in
/// `dir`: (CA, leaf certificate, leaf key).
fn private_ca(dir: &std::path::Path) -> (std::path::PathBuf, kryten_e2e::smtp::Tls) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "Kryten test mail CA");
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
    let issuer = Issuer::new(ca, &ca_key);
    let key = KeyPair::generate().expect("key");
    let mut leaf = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).expect("params");
    leaf.distinguished_name.push(DnType::CommonName, "mail.test");
    let cert = leaf.signed_by(&key, &issuer).expect("certificate");
    let paths = (dir.join("ca.pem"), dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&paths.0, ca_cert.pem()).expect("write CA");
    std::fs::write(&paths.1, cert.pem()).expect("write cert");
    std::fs::write(&paths.2, key.serialize_pem()).expect("write key");
    (
        paths.0,
        kryten_e2e::smtp::Tls {
            cert: paths.1,
            key: paths.2,
        },
    )
}

#[tokio::test]
async fn email_over_starttls_to_a_private_ca_with_auth_and_the_password_shown_nowhere() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (ca, tls) = private_ca(tmp.path());
    let smtp = SmtpServer::start(Some(&tls), Some((MAIL_USER, MAIL_PASSWORD))).await;
    let nats = nats().await;
    let mail = |password: &str, ca_file: bool| {
        let ca = if ca_file {
            format!(", ca_file: \"{}\"", ca.display())
        } else {
            String::new()
        };
        format!(
            "{{type: smtp, host: 127.0.0.1, port: {}, security: starttls, username: {MAIL_USER}, password: \"{password}\"{ca}, timeout: 10s, from: \"krytend <krytend@example.org>\", to: [\"ops@example.org\"]}}",
            smtp.port
        )
    };
    let yaml = format!(
        "{FAST_LIVENESS}alerts:
  evaluation_interval: 200ms
  default_receiver: log
  receivers:
    mail: {}
    wrong: {}
    untrusting: {}
  rules:
    - {{type: service_down, severity: critical}}
  routes:
    - {{receiver: mail, matchers: [service=mailed], group_wait: 0s}}
    - {{receiver: wrong, matchers: [service=misrouted], group_wait: 0s}}
",
        mail(MAIL_PASSWORD, true),
        mail(WRONG_PASSWORD, true),
        mail(MAIL_PASSWORD, false),
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let viewer = token(&d, "mail-viewer", "viewer", &[]).await;
    let c = bus(&nats.url()).await;
    let mailed = SimService::start(c.clone(), quick("mailed")).await.expect("sim");
    let misrouted = SimService::start(c.clone(), quick("misrouted")).await.expect("sim");
    for n in ["mailed", "misrouted"] {
        d.wait_status(n, kryten_proto::v1::ServiceStatus::Healthy, Duration::from_secs(10))
            .await;
    }

    // Delivered over TLS, after AUTH as the configured user.
    mailed.crash().await;
    let got = eventually(Duration::from_secs(20), "the email", || async {
        smtp.messages().into_iter().find(|m| {
            m["data"]
                .as_str()
                .is_some_and(|d| d.contains("Subject: [FIRING:1] ServiceDown mailed"))
        })
    })
    .await;
    assert_eq!(got["tls"], true, "{got}");
    assert_eq!(got["user"], MAIL_USER, "{got}");
    assert_eq!(got["to"], serde_json::json!(["ops@example.org"]), "{got}");
    let auths = smtp.auths();
    assert!(
        !auths.is_empty()
            && auths
                .iter()
                .all(|a| a["ok"] == true && a["tls"] == true && a["user"] == MAIL_USER),
        "{auths:?}"
    );

    // The wrong password: refused by the server, recorded as failed, said in
    // the log, and the password is in none of it.
    misrouted.crash().await;
    eventually(Duration::from_secs(20), "the refused AUTH", || async {
        smtp.auths().into_iter().find(|a| a["ok"] == false).map(|_| ())
    })
    .await;
    let a = host_port(&d.ws().await);
    let doc = eventually(Duration::from_secs(10), "the failure counted", || async {
        let doc = get(&a, "/api/v1/alerts", Some(&viewer)).await.json();
        (doc["deliveryFailures"].as_u64().unwrap_or(0) >= 1).then_some(doc)
    })
    .await;
    let failed: Vec<(String, bool, Option<String>)> =
        eventually(Duration::from_secs(10), "the failure recorded", || async {
            let db = rusqlite::Connection::open_with_flags(&d.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
            let mut q = db
                .prepare("SELECT receiver, ok, error FROM alert_deliveries WHERE receiver IN ('mail', 'wrong')")
                .ok()?;
            let rows = q
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .ok()?
                .collect::<Result<Vec<_>, _>>()
                .ok()?;
            rows.iter()
                .any(|(r, _, _): &(String, bool, Option<String>)| r == "wrong")
                .then_some(rows)
        })
        .await;
    assert!(
        failed.iter().any(|(r, ok, _)| r == "mail" && *ok),
        "the good delivery is not recorded: {failed:?}"
    );
    let wrong: Vec<_> = failed.iter().filter(|(r, _, _)| r == "wrong").collect();
    assert!(
        wrong
            .iter()
            .all(|(_, ok, e)| !ok && e.as_deref().is_some_and(|e| !e.is_empty())),
        "{wrong:?}"
    );
    let log = eventually(Duration::from_secs(10), "the failure in the log", || async {
        let log = d.log();
        log.contains("delivery to wrong failed").then_some(log)
    })
    .await;
    assert!(
        !smtp
            .messages()
            .iter()
            .any(|m| m["data"].as_str().is_some_and(|d| d.contains("misrouted"))),
        "delivered with a wrong password"
    );

    // On demand: the good receiver delivers, the wrong password fails, and a
    // receiver without the private CA refuses the relay's certificate.
    let ok = d.ctl(&["alerts", "test", "mail"]).await;
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}{}",
        kryten_e2e::stdout(&ok),
        kryten_e2e::stderr(&ok)
    );
    let bad = d.ctl(&["alerts", "test", "wrong"]).await;
    assert_eq!(
        bad.status.code(),
        Some(1),
        "{}{}",
        kryten_e2e::stdout(&bad),
        kryten_e2e::stderr(&bad)
    );
    let untrusting = d.ctl(&["alerts", "test", "untrusting"]).await;
    let said = format!("{}{}", kryten_e2e::stdout(&untrusting), kryten_e2e::stderr(&untrusting));
    assert_eq!(untrusting.status.code(), Some(1), "{said}");
    assert!(said.to_lowercase().contains("certificate"), "{said}");
    assert_eq!(
        smtp.auths().iter().filter(|a| a["ok"] == true).count(),
        2,
        "{:?}",
        smtp.auths()
    );

    // Shown nowhere: the log, the alert documents, the delivery records, the
    // test output.
    let ls = kryten_e2e::stdout(&d.ctl(&["alerts", "ls", "-o", "json"]).await);
    assert!(ls.contains("mailed"), "{ls}");
    let rest = get(&a, "/api/v1/alerts", Some(&viewer)).await.body;
    let tests = [&ok, &bad, &untrusting]
        .iter()
        .map(|o| format!("{}{}", kryten_e2e::stdout(o), kryten_e2e::stderr(o)))
        .collect::<String>();
    let errors = format!("{failed:?}");
    for (what, text) in [
        ("the log", &log),
        ("the log at the end", &d.log()),
        ("alerts ls", &ls),
        ("GET /api/v1/alerts", &rest),
        ("the first alerts document", &doc.to_string()),
        ("the delivery records", &errors),
        ("alerts test", &tests),
    ] {
        for p in [MAIL_PASSWORD, WRONG_PASSWORD] {
            assert!(!text.contains(p), "a password in {what}:\n{text}");
        }
    }
}
