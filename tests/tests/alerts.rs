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
}

/// A free loopback port (bound, then released for the server to take).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[tokio::test]
async fn email_reaches_a_real_smtp_server_and_chat_gets_a_slack_shaped_message() {
    use tokio::io::AsyncBufReadExt;

    let python =
        std::env::var("KRYTEN_SMTP_PYTHON").expect("KRYTEN_SMTP_PYTHON: the venv with aiosmtpd (./x test installs it)");
    let port = free_port();
    let mut smtp = tokio::process::Command::new(&python)
        .args([
            "-u",
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Debugging",
            "stdout",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("aiosmtpd runs");
    let mut lines = tokio::io::BufReader::new(smtp.stdout.take().expect("stdout")).lines();
    // Listening once it accepts a connection.
    eventually(Duration::from_secs(20), "aiosmtpd listening", || async {
        tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .ok()
            .map(|_| ())
    })
    .await;
    let chat = Receiver::start(200).await;
    let nats = nats().await;
    let yaml = format!(
        "{FAST_LIVENESS}alerts:
  evaluation_interval: 200ms
  default_receiver: mail
  receivers:
    mail: {{type: smtp, host: 127.0.0.1, port: {port}, security: none, from: \"krytend <krytend@example.org>\", to: [\"ops@example.org\"]}}
    chat: {{type: slack, url: \"{}\"}}
  rules:
    - {{type: service_down, severity: critical}}
  routes:
    - {{receiver: mail, group_wait: 0s, continue: true}}
    - {{receiver: chat, group_wait: 0s}}
",
        chat.url
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
    let mut seen = String::new();
    tokio::time::timeout(Duration::from_secs(20), async {
        while let Ok(Some(l)) = lines.next_line().await {
            seen.push_str(&l);
            seen.push('\n');
            if seen.contains("Subject: [FIRING:1] ServiceDown mailer") && seen.contains("mailer is down") {
                return;
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no email within 20 s; the SMTP server printed:\n{seen}"));
    assert!(seen.contains("ops@example.org"), "{seen}");
    let slack = eventually(Duration::from_secs(10), "the chat message", || async {
        chat.received().await.into_iter().next()
    })
    .await;
    let text = slack.json()["text"].as_str().unwrap_or_default().to_string();
    assert!(text.contains("[FIRING:1] ServiceDown mailer"), "{text}");
    let _ = smtp.kill().await;
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
