//! Control with proof, tokens and roles, and the audit trail — through the
//! built krytenctl against a real daemon and bus.

use std::{os::unix::fs::PermissionsExt, time::Duration};

use kryten_e2e::{bus, ctl, nats, stderr, stdout, Daemon, SimService, SimSpec, FAST_LIVENESS};
use kryten_proto::v1::ServiceStatus;
use serde_json::Value;

fn supervised(name: &str) -> SimSpec {
    let mut s = SimSpec::new(name).heartbeat(Some(Duration::from_millis(300)));
    s.honors_shutdown = true;
    s.honors_group_restart = true;
    s.respawn = Some(Duration::from_millis(300));
    s
}

async fn token(d: &Daemon, name: &str, role: &str, extra: &[&str]) -> String {
    let mut args = vec!["token", "create", "--name", name, "--role", role];
    args.extend_from_slice(extra);
    let out = d.ctl(&args).await;
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
async fn restart_one_of_three_brings_it_back_and_leaves_the_others_alone() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    let mut held = Vec::new();
    for n in ["one", "two", "three"] {
        held.push(SimService::start(client.clone(), supervised(n)).await.expect("sim"));
    }
    for n in ["one", "two", "three"] {
        d.wait_status(n, ServiceStatus::Healthy, Duration::from_secs(5)).await;
    }
    let out = d
        .ctl(&[
            "restart",
            "two",
            "--wait",
            "--timeout",
            "20s",
            "--reason",
            "test restart",
        ])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}\n{}", stderr(&out), d.log());
    let err = stderr(&out);
    for stage in [
        "request acknowledged",
        "shutdown seen",
        "new instance started",
        "healthy",
    ] {
        assert!(err.contains(stage), "missing stage {stage:?} in:\n{err}");
    }
    let two = d.service("two").await.expect("two");
    assert_eq!(two.restart_count, 1);
    assert_eq!(two.status, ServiceStatus::Healthy as i32);
    for n in ["one", "three"] {
        let s = d.service(n).await.expect("known");
        assert_eq!(s.restart_count, 0, "{n} must not restart: {s:?}");
    }
    // Nothing was broadcast.
    let out = d.ctl(&["events", "ls", "--type", "group_restart", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["items"].as_array().map(Vec::len), Some(0));
    let a = audit(&d).await;
    let r = a.iter().find(|r| r["action"] == "restart").expect("audited");
    assert_eq!((r["target"].as_str(), r["outcome"].as_str()), (Some("two"), Some("ok")));
    // Socket callers are named with their credentials.
    assert!(r["actor"].as_str().is_some_and(|a| a.starts_with("local (uid=")), "{r}");
    assert_eq!(r["reason"], "test restart");
}

#[tokio::test]
async fn a_service_that_ignores_the_restart_times_out_naming_the_stage() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let mut spec = SimSpec::new("stubborn").heartbeat(Some(Duration::from_millis(300)));
    spec.ignores_shutdown = true;
    let _s = SimService::start(bus(&nats.url()).await, spec).await.expect("sim");
    d.wait_status("stubborn", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let out = d.ctl(&["restart", "stubborn", "--wait", "--timeout", "2s"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("at stage acknowledged"), "{}", stderr(&out));
    let a = audit(&d).await;
    assert!(
        a.iter().any(|r| r["action"] == "restart" && r["outcome"] == "timeout"),
        "{a:?}"
    );
    // A service that answers nothing: exit 6, saying what was sent where.
    let mut mute = SimSpec::new("mute").heartbeat(Some(Duration::from_millis(300)));
    mute.answers_commands = false;
    let _m = SimService::start(bus(&nats.url()).await, mute).await.expect("sim");
    d.wait_status("mute", ServiceStatus::Starting, Duration::from_secs(5))
        .await;
    let out = d.ctl(&["ping", "mute", "--timeout", "500ms"]).await;
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("kryten.mute.command") && stderr(&out).contains("0.5s"),
        "{}",
        stderr(&out)
    );
    let out = d.ctl(&["restart", "mute", "--wait", "--timeout", "1s"]).await;
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    // A refusal (success: false) is exit 1 with the service's error.
    let out = d.ctl(&["call", "stubborn", "no.such.command"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Unknown command: no.such.command"),
        "{}",
        stderr(&out)
    );
    let out = d.ctl(&["call", "stubborn", "system.stats", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["reply"]["data"]["service"], "stubborn");
    let out = d.ctl(&["ping", "stubborn", "-c", "3", "-i", "100ms"]).await;
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("3 sent, 3 received, 0% loss"), "{}", stdout(&out));
    assert!(stdout(&out).contains("rtt min/avg/max"), "{}", stdout(&out));
    let out = d.ctl(&["restart", "ghost"]).await;
    assert_eq!(out.status.code(), Some(5));
}

#[tokio::test]
async fn restart_all_brings_every_service_back() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    let mut held = Vec::new();
    for n in ["a1", "a2", "a3"] {
        held.push(SimService::start(client.clone(), supervised(n)).await.expect("sim"));
    }
    for n in ["a1", "a2", "a3"] {
        d.wait_status(n, ServiceStatus::Healthy, Duration::from_secs(5)).await;
    }
    let out = d.ctl(&["restart", "--all"]).await;
    assert_eq!(out.status.code(), Some(2), "no terminal, no --yes: refused");
    let out = d
        .ctl(&[
            "restart",
            "--all",
            "--yes",
            "--wait",
            "--timeout",
            "20s",
            "--delay",
            "0.2",
        ])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("all 3 back"), "{}", stderr(&out));
    for n in ["a1", "a2", "a3"] {
        assert_eq!(d.service(n).await.map(|s| s.restart_count), Some(1), "{n}");
    }
    let out = d.ctl(&["events", "ls", "--type", "group_restart", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let payload = &v["items"][0]["payload"];
    assert_eq!(payload["targets"].as_array().map(Vec::len), Some(3), "{payload}");
    assert!(audit(&d)
        .await
        .iter()
        .any(|r| r["action"] == "restart-all" && r["outcome"] == "ok"));
    let out = d.ctl(&["discover", "--wait", "500ms", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["answered"].as_array().map(Vec::len), Some(3), "{v}");
}

#[tokio::test]
async fn roles_tokens_rate_limits_and_the_audit_of_refusals() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let _s = SimService::start(bus(&nats.url()).await, supervised("svc"))
        .await
        .expect("sim");
    d.wait_status("svc", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let viewer = token(&d, "ci-viewer", "viewer", &[]).await;
    let operator = token(&d, "ops", "operator", &[]).await;
    assert!(viewer.starts_with("kt_") && viewer.len() > 60, "{viewer}");

    // Over TCP, a token is required.
    let tcp = d.tcp().await;
    let out = ctl(&tcp, &["services", "ls"]).await;
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("token is required"), "{}", stderr(&out));
    // A viewer reads, but may not restart: exit 4, and the refusal is audited.
    let out = over_tcp(&d, &viewer, &["services", "ls", "-o", "name"]).await;
    assert_eq!(
        (out.status.code(), stdout(&out)),
        (Some(0), "service/svc\n".to_string())
    );
    let out = over_tcp(&d, &viewer, &["restart", "svc", "--wait"]).await;
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("role viewer may not restart (needs operator)"),
        "{}",
        stderr(&out)
    );
    let a = audit(&d).await;
    let denied = a.iter().find(|r| r["outcome"] == "denied").expect("refusal audited");
    assert_eq!(
        (denied["actor"].as_str(), denied["action"].as_str()),
        (Some("ci-viewer"), Some("restart"))
    );
    // An operator may ping but not shut down or manage tokens.
    let out = over_tcp(&d, &operator, &["ping", "svc"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = over_tcp(&d, &operator, &["shutdown", "svc", "--yes"]).await;
    assert_eq!(out.status.code(), Some(4));
    let out = over_tcp(&d, &operator, &["token", "ls"]).await;
    assert_eq!(out.status.code(), Some(4));

    // Revoked and expired tokens fail, saying no more than that.
    let out = d.ctl(&["token", "revoke", "ops"]).await;
    assert_eq!(out.status.code(), Some(0));
    let out = over_tcp(&d, &operator, &["services", "ls"]).await;
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("invalid, expired or revoked token"),
        "{}",
        stderr(&out)
    );
    let short = token(&d, "short", "viewer", &["--expires", "1s"]).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let out = over_tcp(&d, &short, &["services", "ls"]).await;
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("invalid, expired or revoked token"));
    let out = d.ctl(&["token", "ls", "-o", "json"]).await;
    let text = stdout(&out);
    assert!(!text.contains(&viewer[3..20]), "token ls must not show secrets");
    let v: Value = serde_json::from_str(&text).expect("json");
    let ops = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|t| t["name"] == "ops")
        .expect("ops");
    assert!(ops["revoked"].is_string());

    // Brute force: after 5 failures a minute, tokens not yet known good
    // wait; one verified before (the viewer's) does not.
    for i in 0..3 {
        let out = over_tcp(&d, &format!("kt_deadbeef0000_{i:064}"), &["status"]).await;
        assert_eq!(out.status.code(), Some(4));
    }
    let out = over_tcp(&d, &viewer, &["status"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = over_tcp(&d, &format!("kt_deadbeef0000_{:064}", 9), &["status"]).await;
    assert_eq!(out.status.code(), Some(4), "5 failures now (2 earlier + 3)");
    assert!(
        stderr(&out).contains("too many failed authentications"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("retry after"), "{}", stderr(&out));
    // The local socket is unaffected.
    assert_eq!(d.ctl(&["status"]).await.status.code(), Some(0));

    // No secret in the daemon's log.
    let log = d.log();
    for secret in [&viewer, &operator, &short] {
        assert!(!log.contains(&secret[3..]), "a token leaked into the log");
    }
}

#[tokio::test]
async fn first_start_writes_a_private_client_config_with_working_contexts() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let path = d.client_config();
    // Written right after the listeners are bound.
    kryten_e2e::eventually(Duration::from_secs(5), "the client config", || async {
        path.exists().then_some(())
    })
    .await;
    let mode = std::fs::metadata(&path)
        .expect("client config written")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("current-context: local"), "{text}");
    assert!(text.contains("name: tcp") && text.contains("token: kt_"), "{text}");
    assert!(!d.log().contains("kt_"), "the admin token is only in the file");
    let run = |args: Vec<&'static str>| {
        let path = path.clone();
        async move {
            tokio::process::Command::new(kryten_e2e::bin("krytenctl"))
                .args(args)
                .env("KRYTEN_CONFIG", &path)
                .env("NO_COLOR", "1")
                .env_remove("KRYTEN_SERVER")
                .env_remove("KRYTEN_TOKEN")
                .output()
                .await
                .expect("krytenctl")
        }
    };
    let out = run(vec!["--context", "tcp", "status", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(vec!["config", "get-contexts"]).await;
    let table = stdout(&out);
    assert!(
        table.contains("tcp") && table.contains("local") && !table.contains("kt_"),
        "{table}"
    );
    let out = run(vec!["config", "use-context", "tcp"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&run(vec!["config", "current-context"]).await), "tcp\n");
    let mode = std::fs::metadata(&path).expect("still there").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "rewritten privately");
    let out = run(vec!["services", "ls", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(vec!["--context", "nope", "status"]).await;
    assert_eq!(out.status.code(), Some(5));
    // The admin token from the file manages tokens over TCP.
    let out = run(vec!["token", "create", "--name", "x", "--role", "viewer"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let a = audit(&d).await;
    assert!(
        a.iter()
            .any(|r| r["action"] == "token" && r["actor"] == "admin" && r["target"] == "x"),
        "{a:?}"
    );
}

#[tokio::test]
async fn tls_on_the_tcp_listener_and_no_secret_in_responses_or_logs() {
    let nats = nats().await;
    let dir = tempfile::tempdir().expect("tmp");
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .expect("certificate");
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert.cert.pem()).expect("write cert");
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).expect("write key");
    let yaml = format!(
        "api:\n  tls_cert: {}\n  tls_key: {}\n",
        cert_path.display(),
        key_path.display()
    );
    // A password in the NATS URL (this server asks for none, so it connects).
    let url = nats.url().replace("nats://", "nats://krytend:s3cr3t-pass@");
    let d = Daemon::start(&url, &yaml).await;
    let tcp = d.tcp().await;
    assert!(tcp.starts_with("https://"), "{tcp}");
    let viewer = token(&d, "tls-viewer", "viewer", &[]).await;
    let ca = cert_path.display().to_string();
    let out = ctl(&tcp, &["--ca", &ca, "--token", &viewer, "status", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains("s3cr3t-pass"), "password in a response: {text}");
    let v: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(
        v["bus"]["servers"][0],
        nats.url().replace("nats://", "nats://krytend:***@")
    );
    // Without the CA the server is not trusted.
    let out = ctl(&tcp, &["--token", &viewer, "status"]).await;
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // Plain HTTP to a TLS listener does not work either.
    let out = ctl(&tcp.replace("https://", "http://"), &["--token", &viewer, "status"]).await;
    assert_ne!(out.status.code(), Some(0));
    assert!(!d.log().contains("s3cr3t-pass"), "password in the log");
}
