//! Role edge cases and what a low-privilege reader may see: command names
//! normalised before the role check, the operator allow-list, the restart
//! fallback rule, credentials in `status`, and symlinked log files.

use std::{io::Write, time::Duration};

use kryten_e2e::{bus, ctl, eventually, nats, stderr, stdout, Daemon, SimService, SimSpec, FAST_LIVENESS};
use kryten_proto::v1::ServiceStatus;
use serde_json::Value;

fn supervised(name: &str) -> SimSpec {
    let mut s = SimSpec::new(name).heartbeat(Some(Duration::from_millis(300)));
    s.honors_shutdown = true;
    s.respawn = Some(Duration::from_millis(300));
    s
}

async fn token(d: &Daemon, name: &str, role: &str) -> String {
    let out = d.ctl(&["token", "create", "--name", name, "--role", role]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out).trim().to_string()
}

async fn over_tcp(d: &Daemon, token: &str, args: &[&str]) -> std::process::Output {
    let tcp = d.tcp().await;
    let mut full = vec!["--token", token];
    full.extend_from_slice(args);
    ctl(&tcp, &full).await
}

async fn audit(d: &Daemon) -> Vec<Value> {
    let out = d.ctl(&["audit", "ls", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn operators_cannot_reach_admin_commands_by_spelling_them_differently() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let mut spec = SimSpec::new("svc").heartbeat(Some(Duration::from_millis(300)));
    spec.honors_shutdown = true;
    let _s = SimService::start(bus(&nats.url()).await, spec).await.expect("sim");
    d.wait_status("svc", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let operator = token(&d, "ops", "operator").await;

    for cmd in [
        "System.Shutdown",
        "system.shutdown ",
        " SYSTEM.SHUTDOWN",
        "system.frobnicate",
        "system.restart",
    ] {
        let out = over_tcp(&d, &operator, &["call", "svc", cmd]).await;
        assert_eq!(out.status.code(), Some(4), "{cmd:?}: {}{}", stdout(&out), stderr(&out));
        assert!(stderr(&out).contains("needs admin"), "{cmd:?}: {}", stderr(&out));
    }
    // The allow-list still lets an operator do its job, whatever the case.
    for cmd in ["system.stats", "System.Health ", "system.ping"] {
        let out = over_tcp(&d, &operator, &["call", "svc", cmd]).await;
        assert_eq!(out.status.code(), Some(0), "{cmd:?}: {}", stderr(&out));
    }
    // Refusals are audited under the normalised name.
    let a = audit(&d).await;
    // (Refusals are coalesced to one row per actor and action a minute.)
    let denied: Vec<&Value> = a.iter().filter(|r| r["outcome"] == "denied").collect();
    for action in ["shutdown", "call"] {
        assert!(
            denied.iter().any(|r| r["action"] == action && r["target"] == "svc"),
            "no refusal of {action} audited: {a:?}"
        );
    }
    // Nothing reached the service: it is up and never stopped.
    let svc = d.service("svc").await.expect("known");
    assert_eq!(svc.status, ServiceStatus::Healthy as i32, "{svc:?}");

    // An admin's odd spelling is sent normalised: the service understands
    // it as the shutdown it is (a raw `System.Shutdown ` it would reject).
    let out = d.ctl(&["call", "svc", " System.Shutdown "]).await;
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    d.wait_status("svc", ServiceStatus::Stopped, Duration::from_secs(5))
        .await;
    let a = audit(&d).await;
    assert!(
        a.iter().any(|r| r["action"] == "shutdown"
            && r["actor"].as_str().is_some_and(|a| a.starts_with("local (uid="))
            && r["outcome"] == "ok"),
        "{a:?}"
    );
}

#[tokio::test]
async fn a_restart_falls_back_to_shutdown_only_when_the_operator_asks_for_it() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    // The simulated service knows no `system.restart`: only the fallback
    // can restart it.
    let _s = SimService::start(bus(&nats.url()).await, supervised("svc"))
        .await
        .expect("sim");
    d.wait_status("svc", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let operator = token(&d, "ops", "operator").await;

    let out = over_tcp(&d, &operator, &["restart", "svc", "--wait", "--timeout", "20s"]).await;
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("system.shutdown") && err.contains("--allow-shutdown-fallback"),
        "{err}"
    );
    let a = audit(&d).await;
    let r = a
        .iter()
        .find(|r| r["action"] == "restart" && r["actor"] == "ops")
        .expect("audited");
    assert_eq!(r["outcome"], "denied", "{r:?}");
    // The refusal came after the probe that would have been followed by the
    // shutdown: had one been sent the sim would be gone by now.
    let ping = over_tcp(&d, &operator, &["ping", "svc"]).await;
    assert_eq!(ping.status.code(), Some(0), "{}", stderr(&ping));
    let svc = d.service("svc").await.expect("known");
    assert_eq!(
        (svc.restart_count, svc.status),
        (0, ServiceStatus::Healthy as i32),
        "{svc:?}"
    );

    // Asked for, it happens, and says so on the way and in the audit.
    let out = over_tcp(
        &d,
        &operator,
        &[
            "restart",
            "svc",
            "--wait",
            "--timeout",
            "20s",
            "--allow-shutdown-fallback",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}\n{}", stderr(&out), d.log());
    let err = stderr(&out);
    assert!(err.contains("falling back to system.shutdown"), "{err}");
    let svc = d.service("svc").await.expect("known");
    assert_eq!(svc.restart_count, 1, "{svc:?}");
    let a = audit(&d).await;
    let r = a
        .iter()
        .find(|r| r["action"] == "restart" && r["actor"] == "ops" && r["outcome"] == "ok")
        .expect("audited");
    assert!(
        r.to_string().contains("fallback to system.shutdown"),
        "the audit names the fallback: {r}"
    );
}

#[tokio::test]
async fn status_shows_a_viewer_no_credentials_of_a_scheme_less_nats_url() {
    let nats = nats().await;
    let plain = nats.url();
    let hostport = plain.split_once("://").map_or(plain.as_str(), |(_, h)| h);
    // One the URL parser refuses (the password's '/' and '@'): with no
    // usable server krytend does not start, and says why without the
    // password.
    let unparsable = format!("harness:pa/ss@w0rd-FAKE@{hostport}");
    let dir = tempfile::tempdir().expect("tmp");
    let out = tokio::process::Command::new(kryten_e2e::bin("krytend"))
        .arg("--nats")
        .arg(&unparsable)
        .arg("--db")
        .arg(dir.path().join("k.db"))
        .arg("--socket")
        .arg(dir.path().join("k.sock"))
        .arg("--no-listen")
        .env("XDG_CONFIG_HOME", dir.path())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(std::time::Duration::from_secs(30), out)
        .await
        .expect("krytend exits")
        .expect("run krytend");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "started with no usable server: {err}");
    assert!(err.contains("no usable NATS server URL"), "{err}");
    for leak in ["w0rd", "pa/ss", "FAKE"] {
        assert!(!err.contains(leak), "the refusal shows {leak:?}: {err}");
    }

    let with_creds = format!("harness:pa-ss-w0rd-FAKE@{hostport}");
    let d = Daemon::start(&with_creds, "").await;
    let viewer = token(&d, "viewer", "viewer").await;
    for args in [
        &["status", "-o", "json"][..],
        &["status"][..],
        &["status", "-o", "yaml"][..],
    ] {
        let out = over_tcp(&d, &viewer, args).await;
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.contains(hostport) || !args.contains(&"json"),
            "the server is still named: {text}"
        );
        for leak in ["w0rd", "pa-ss", "FAKE"] {
            assert!(!text.contains(leak), "{args:?} shows {leak:?}: {text}");
        }
    }
}

async fn all(d: &Daemon) -> String {
    let out = d.ctl(&["logs", "--all", "--since", "2000-01-01", "-o", "jsonl"]).await;
    stdout(&out)
}

#[tokio::test]
async fn a_symlinked_log_file_is_not_followed_unless_configured() {
    let nats = nats().await;
    let tmp = tempfile::tempdir().expect("tmp");
    let secret = tmp.path().join("client-config.yaml");
    std::fs::write(&secret, "token: kt_TOPSECRET-FAKE\n").expect("write");
    let link = tmp.path().join("link.log");
    std::os::unix::fs::symlink(&secret, &link).expect("symlink");
    let plain = tmp.path().join("plain.log");
    std::fs::write(&plain, "first plain line\n").expect("write");
    let cfg = format!(
        "logs:\n  poll_interval: 50ms\n  files:\n    - {{service: linksvc, path: {}}}\n    - {{service: plainsvc, path: {}}}\n",
        link.display(),
        plain.display()
    );
    let mut d = Daemon::start(&nats.url(), &cfg).await;
    eventually(Duration::from_secs(10), "the first plain line", || async {
        all(&d).await.contains("first plain line").then_some(())
    })
    .await;
    // More poll rounds pass: a second line of the plain file is read, so
    // the symlink had every chance to be read too.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&plain)
        .and_then(|mut f| f.write_all(b"second plain line\n"))
        .expect("append");
    let text = eventually(Duration::from_secs(10), "the second plain line", || async {
        let t = all(&d).await;
        t.contains("second plain line").then_some(t)
    })
    .await;
    assert!(!text.contains("TOPSECRET"), "the symlink was followed: {text}");
    assert!(d.log().contains("symbolic link"), "the refusal is logged:\n{}", d.log());
    d.terminate().await;

    // Opted in per file, it is followed.
    let cfg = format!(
        "logs:\n  poll_interval: 50ms\n  files:\n    - {{service: linksvc, path: {}, follow_symlinks: true}}\n",
        link.display()
    );
    let d = Daemon::start(&nats.url(), &cfg).await;
    eventually(Duration::from_secs(10), "the linked file's line", || async {
        all(&d).await.contains("TOPSECRET").then_some(())
    })
    .await;
}

#[tokio::test]
async fn log_records_from_the_bus_show_a_viewer_no_secrets() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let viewer = token(&d, "viewer", "viewer").await;
    let c = bus(&nats.url()).await;
    let body = serde_json::json!({
        "service": "leaky", "level": "INFO",
        "message": "connecting to nats://bot:pa/ss@w0rd-FAKE1@h:4222 and https://h/x?password=FAKE2",
        "session": {"id": "FAKE3", "user": "bob"},
        "cookies": ["FAKE4"],
        "db_pwd": "FAKE5",
        "peer": "bot:FAKE6@h:4222",
        "plain": "kept"});
    c.publish("kryten.logs.leaky", body.to_string().into())
        .await
        .expect("publish");
    c.flush().await.expect("flush");
    let text = eventually(Duration::from_secs(10), "the record", || async {
        let out = over_tcp(&d, &viewer, &["logs", "leaky", "-o", "jsonl"]).await;
        let t = stdout(&out);
        t.contains("kept").then_some(t)
    })
    .await;
    for leak in ["FAKE1", "FAKE2", "FAKE3", "FAKE4", "FAKE5", "FAKE6", "w0rd"] {
        assert!(!text.contains(leak), "{leak} shown: {text}");
    }
    assert!(text.contains("nats://bot:***@h:4222"), "{text}");
    // The same line as a recorded event (its payload) and live over the
    // event tail: masked alike.
    let events = over_tcp(
        &d,
        &viewer,
        &["events", "ls", "--subject", "kryten.logs.leaky", "-o", "jsonl"],
    )
    .await;
    let events = stdout(&events);
    assert!(events.contains("kept"), "the event is listed: {events}");
    for leak in ["FAKE1", "FAKE2", "FAKE3", "FAKE4", "FAKE5", "FAKE6", "w0rd"] {
        assert!(!events.contains(leak), "{leak} shown in the event: {events}");
    }
}
