//! Interop with the real kryten-py library: a KrytenClient with a
//! `service` config, against krytend.

use std::{process::Stdio, time::Duration};

use kryten_e2e::{kryten_python, nats, Daemon};
use kryten_proto::v1::ServiceStatus;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    process::Command,
};

#[tokio::test]
async fn a_real_kryten_py_service_is_discovered_heartbeats_and_stops() {
    let python = kryten_python().expect("the interop venv");
    let nats = nats().await;
    // kryten-py's smallest heartbeat interval is 5 s.
    let d = Daemon::start(&nats.url(), "liveness:\n  tick: 100ms\n").await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/interop/kryten_service.py");
    let mut child = Command::new(python)
        .args([script, &nats.url(), "pyinterop", "5"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("start the kryten-py service");
    let mut out = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = tokio::time::timeout(Duration::from_secs(30), out.next_line())
        .await
        .expect("kryten-py connects")
        .expect("read");
    assert_eq!(first.as_deref(), Some("connected"));

    let s = d
        .wait_status("pyinterop", ServiceStatus::Starting, Duration::from_secs(2))
        .await;
    assert_eq!(s.version, "9.9.9");
    // Healthy from its own heartbeat (kryten-py does not answer ping).
    let s = d
        .wait_status("pyinterop", ServiceStatus::Healthy, Duration::from_secs(12))
        .await;
    assert_eq!(s.liveness, "heartbeat", "{s:?}");
    let s = kryten_e2e::eventually(Duration::from_secs(12), "the cadence learned", || async {
        d.service("pyinterop").await.filter(|s| s.heartbeat_count >= 2)
    })
    .await;
    assert!((4.0..6.5).contains(&s.heartbeat_interval_seconds), "{s:?}");

    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"stop\n").await.expect("tell it to stop");
    let s = d
        .wait_status("pyinterop", ServiceStatus::Stopped, Duration::from_secs(10))
        .await;
    assert!(s.status_cause.starts_with("shutdown"), "{}", s.status_cause);
    let _ = child.wait().await;

    let out = d.ctl(&["services", "get", "pyinterop", "-o", "json"]).await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["status"], "stopped");
}

#[tokio::test]
async fn the_contrib_handler_ships_a_kryten_py_services_logs() {
    let python = kryten_python().expect("the interop venv");
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/interop/kryten_service.py");
    let mut child = Command::new(python)
        .args([script, &nats.url(), "pylogs", "5", "logs"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("start the kryten-py service");
    let mut out = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = tokio::time::timeout(Duration::from_secs(30), out.next_line())
        .await
        .expect("kryten-py connects")
        .expect("read");
    assert_eq!(first.as_deref(), Some("connected"));
    let records = kryten_e2e::eventually(Duration::from_secs(10), "three log records", || async {
        let o = d.ctl(&["logs", "pylogs", "-o", "jsonl"]).await;
        let v: Vec<serde_json::Value> = kryten_e2e::stdout(&o)
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        (v.len() >= 3).then_some(v)
    })
    .await;
    assert_eq!(records[0]["message"], "interop service ready");
    assert_eq!(records[0]["level"], "info");
    assert_eq!(records[0]["logger"], "kryten.pylogs");
    assert_eq!(records[0]["attributes"]["channel"], "interop");
    assert_eq!(records[1]["message"], "cache is 91% full");
    assert_eq!(records[1]["level"], "warning");
    assert_eq!(records[2]["level"], "error");
    let exc = records[2]["exception"].as_str().expect("traceback kept");
    assert!(
        exc.starts_with("Traceback") && exc.contains("ValueError: bad input from interop"),
        "{exc}"
    );
    // Text output shows the traceback as an indented block.
    let o = d.ctl(&["logs", "pylogs", "--level", "error"]).await;
    let text = kryten_e2e::stdout(&o);
    assert!(text.starts_with("ERROR   handler failed\n    Traceback"), "{text}");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"stop\n").await.expect("stop");
    let _ = child.wait().await;
}

/// Keeps a kryten-py service running, as systemd would: started again
/// whenever it exits, until dropped.
struct Supervised {
    stop: tokio_util::sync::CancellationToken,
    task: tokio::task::JoinHandle<()>,
}

impl Supervised {
    fn start(python: std::path::PathBuf, url: String, name: &str) -> Supervised {
        let stop = tokio_util::sync::CancellationToken::new();
        let token = stop.clone();
        let name = name.to_string();
        let task = tokio::spawn(async move {
            let script = concat!(env!("CARGO_MANIFEST_DIR"), "/interop/kryten_service.py");
            loop {
                let mut child = Command::new(&python)
                    .args([script, &url, &name, "5", "commands", "quiet"])
                    .stdin(Stdio::piped())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .kill_on_drop(true)
                    .spawn()
                    .expect("start the kryten-py service");
                // Held here: `wait` would close it, and the service reads
                // a closed stdin as "stop".
                let mut stdin = child.stdin.take();
                tokio::select! {
                    _ = token.cancelled() => {
                        if let Some(stdin) = stdin.as_mut() {
                            let _ = stdin.write_all(b"stop\n").await;
                        }
                        let _ = tokio::time::timeout(Duration::from_secs(10), child.wait()).await;
                        return;
                    }
                    _ = child.wait() => {}
                }
            }
        });
        Supervised { stop, task }
    }

    async fn stop(self) {
        self.stop.cancel();
        let _ = self.task.await;
    }
}

#[tokio::test]
async fn restarting_one_of_three_kryten_py_services_brings_only_it_back() {
    let python = kryten_python().expect("the interop venv");
    let nats = nats().await;
    let d = Daemon::start(
        &nats.url(),
        "liveness:\n  tick: 100ms\n  ping_interval: 1s\n  ping_timeout: 500ms\n",
    )
    .await;
    let names = ["py1", "py2", "py3"];
    let mut sups = Vec::new();
    for n in names {
        sups.push(Supervised::start(python.clone(), nats.url(), n));
    }
    for n in names {
        d.wait_status(n, ServiceStatus::Healthy, Duration::from_secs(30)).await;
    }
    let started = std::time::Instant::now();
    let out = d
        .ctl(&["restart", "py2", "--wait", "--timeout", "60s", "--reason", "interop"])
        .await;
    let took = started.elapsed();
    let err = kryten_e2e::stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    eprintln!("restart --wait to healthy for a kryten-py service (5 s heartbeat): {took:?}\n{err}");
    assert!(
        err.contains("new instance started") && err.contains("healthy heartbeat"),
        "{err}"
    );
    let s = d.service("py2").await.expect("py2");
    assert_eq!(s.restart_count, 1);
    for n in ["py1", "py3"] {
        assert_eq!(
            d.service(n).await.map(|s| s.restart_count),
            Some(0),
            "{n} never restarts"
        );
    }
    for s in sups {
        s.stop().await;
    }
}

async fn start_py(python: &std::path::Path, url: &str, name: &str, level: &str) -> tokio::process::Child {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/interop/kryten_service.py");
    Command::new(python)
        .args([script, url, name, "5", "commands", "config"])
        .env("KRYTEN_TEST_LOG_LEVEL", level)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start the kryten-py service")
}

#[tokio::test]
async fn a_kryten_py_services_config_is_redacted_and_a_restart_with_a_new_setting_is_one_revision() {
    let python = kryten_python().expect("the interop venv");
    let nats = nats().await;
    let d = Daemon::start(
        &nats.url(),
        "configs:\n  after_startup: 300ms\n  fetch_interval: null\n",
    )
    .await;
    let mut child = start_py(&python, &nats.url(), "pycfg", "INFO").await;
    d.wait_status("pycfg", ServiceStatus::Starting, Duration::from_secs(30))
        .await;
    let first = kryten_e2e::eventually(Duration::from_secs(10), "revision 1", || async {
        let o = d.ctl(&["config", "get", "pycfg", "-o", "json"]).await;
        serde_json::from_slice::<serde_json::Value>(&o.stdout).ok()
    })
    .await;
    assert!(!first.to_string().contains("hunter2"), "{first}");
    assert!(first["config"]["nats"]["password"]
        .as_str()
        .expect("pw")
        .starts_with("***REDACTED:"));
    let out = d.ctl(&["config", "diff", "pycfg"]).await;
    assert_eq!(out.status.code(), Some(0), "same config: {}", kryten_e2e::stderr(&out));

    // Restart with a different setting.
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(b"stop\n").await.expect("stop");
    }
    let _ = child.wait().await;
    d.wait_status("pycfg", ServiceStatus::Stopped, Duration::from_secs(10))
        .await;
    let _child = start_py(&python, &nats.url(), "pycfg", "DEBUG").await;
    kryten_e2e::eventually(Duration::from_secs(20), "revision 2", || async {
        let o = d.ctl(&["config", "history", "pycfg", "-o", "json"]).await;
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).ok()?;
        (v["items"].as_array()?.len() == 2).then_some(())
    })
    .await;
    let out = d.ctl(&["config", "diff", "pycfg", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["changes"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["changes"][0]["path"], "log_level");
    assert_eq!(
        (v["changes"][0]["old"].as_str(), v["changes"][0]["new"].as_str()),
        (Some("INFO"), Some("DEBUG"))
    );
    // A restart in between: not drift. The drift decision is made right
    // after the new revision's config event is emitted, by the same task;
    // so once that event and a marker published after it are stored, a
    // drift event would be stored too.
    kryten_e2e::eventually(Duration::from_secs(10), "revision 2's config event", || async {
        let o = d
            .ctl(&["events", "ls", "--type", "config", "--service", "pycfg", "-o", "json"])
            .await;
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).ok()?;
        v["items"]
            .as_array()?
            .iter()
            .any(|e| e["payload"]["rev"] == 2)
            .then_some(())
    })
    .await;
    let c = kryten_e2e::bus(&nats.url()).await;
    c.publish("kryten.test.marker", "{}".into()).await.expect("publish");
    c.flush().await.expect("flush");
    kryten_e2e::eventually(Duration::from_secs(10), "the marker stored", || async {
        let o = d
            .ctl(&["events", "ls", "--subject", "kryten.test.marker", "-o", "json"])
            .await;
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).ok()?;
        (v["items"].as_array()?.len() == 1).then_some(())
    })
    .await;
    let out = d.ctl(&["events", "ls", "--type", "drift", "-o", "json"]).await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["items"].as_array().map(Vec::len), Some(0), "{v}");
}
