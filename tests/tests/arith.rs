//! Numbers and times from the bus: absurd values, late deliveries after a
//! bus outage, and two processes under one name — against a real
//! nats-server and the real daemon (a debug build, so arithmetic overflow
//! panics).

use std::{
    process::Stdio,
    time::{Duration, Instant},
};

use kryten_e2e::{bus, eventually, kryten_python, nats, stdout, Daemon, FAST_LIVENESS};
use kryten_proto::v1::ServiceStatus;
use krytend::protocol::timestamp::{format_us, now_us};
use serde_json::{json, Value};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    process::Command,
};

async fn publish(client: &async_nats::Client, subject: &str, body: Value) {
    client
        .publish(subject.to_string(), body.to_string().into())
        .await
        .expect("publish");
    client.flush().await.expect("flush");
}

fn heartbeat(svc: &str, uptime: Value) -> Value {
    json!({"service": svc, "version": "1.0", "hostname": "vm",
           "timestamp": format_us(now_us()), "uptime_seconds": uptime})
}

/// Status events of `svc` in the store, as (to, cause).
async fn status_events(d: &Daemon, svc: &str) -> Vec<(String, String)> {
    let o = d
        .ctl(&[
            "events",
            "ls",
            "--type",
            "status",
            "--service",
            svc,
            "-n",
            "1000",
            "-o",
            "jsonl",
        ])
        .await;
    stdout(&o)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| {
            let p = &v["payload"];
            (
                p["to"].as_str().unwrap_or_default().to_string(),
                p["cause"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_absurd_uptime_is_flagged_and_recording_goes_on() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    // First seen through the absurd uptime, then a normal one (the order
    // that overflowed the instance arithmetic).
    publish(
        &client,
        "kryten.lifecycle.huge.heartbeat",
        heartbeat("huge", json!(1e300)),
    )
    .await;
    // A process that just started (any uptime shorter than the time since
    // the absurd one arrived will do).
    publish(
        &client,
        "kryten.lifecycle.huge.heartbeat",
        heartbeat("huge", json!(0.0)),
    )
    .await;
    publish(&client, "kryten.lifecycle.huge.heartbeat", heartbeat("huge", json!(-3))).await;
    publish(
        &client,
        "kryten.lifecycle.huge.heartbeat",
        heartbeat("huge", json!(1.0)),
    )
    .await;
    // Recording continues: an event published after them is stored…
    publish(
        &client,
        "kryten.arith.marker",
        json!({"marker": "after-the-absurd-uptime"}),
    )
    .await;
    eventually(Duration::from_secs(5), "the marker event in the store", || async {
        let o = d
            .ctl(&["events", "ls", "--grep", "after-the-absurd-uptime", "-o", "json"])
            .await;
        stdout(&o).contains("kryten.arith.marker").then_some(())
    })
    .await;
    let st = d.status().await;
    let ingest = st.ingest.expect("ingest stats");
    assert!(ingest.malformed >= 2, "both absurd uptimes flagged: {ingest:?}");
    assert_eq!(st.task_panics, 0, "{}", st.last_task_panic);
    let s = d.service("huge").await.expect("listed");
    assert!(
        s.uptime_seconds < 1e6,
        "the absurd uptime was not taken: {}",
        s.uptime_seconds
    );
    assert_eq!(s.restart_count, 0);
    // …and the status machine still runs: silence makes it down.
    let down = d
        .wait_status("huge", ServiceStatus::Down, Duration::from_secs(10))
        .await;
    assert!(down.status_cause.contains("no heartbeat"), "{}", down.status_cause);
    let o = d.ctl(&["status", "-o", "json"]).await;
    let v: Value = serde_json::from_str(&stdout(&o)).expect("status JSON");
    assert_eq!(v["taskPanics"], 0, "{v}");
    assert!(d.pid().is_some(), "krytend still running");
}

#[tokio::test]
async fn a_nats_outage_counts_no_phantom_restart_of_a_kryten_py_service() {
    let python = kryten_python().expect("the interop venv");
    let mut nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/interop/kryten_service.py");
    let mut child = Command::new(python)
        .args([script, &nats.url(), "pyout", "5"])
        // Attempts at 7 s and 14 s into the outage: krytend (which retries
        // at most 4 s apart) is back before the buffered heartbeats come.
        .env("KRYTEN_TEST_RECONNECT_WAIT", "7")
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
    let before = eventually(Duration::from_secs(10), "a first heartbeat", || async {
        let s = d.service("pyout").await?;
        (s.heartbeat_count >= 1).then_some(s)
    })
    .await;
    assert_eq!(before.restart_count, 0);

    // An 8 s outage spans at least one of its 5 s heartbeats, which
    // kryten-py buffers and sends on reconnect.
    nats.kill().await;
    let outage = Instant::now();
    tokio::time::sleep(Duration::from_secs(8)).await;
    nats.restart().await.expect("nats-server back on its port");
    eprintln!("outage: {:?}", outage.elapsed());

    // The positive marker: a heartbeat sent during the outage was recorded
    // (its own timestamp is older than its arrival by seconds).
    let late_by = eventually(
        Duration::from_secs(20),
        "a heartbeat buffered through the outage",
        || async {
            let o = d
                .ctl(&[
                    "events",
                    "ls",
                    "--type",
                    "heartbeat",
                    "--service",
                    "pyout",
                    "-n",
                    "100",
                    "-o",
                    "jsonl",
                ])
                .await;
            stdout(&o)
                .lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .filter_map(|v| {
                    let sent = krytend::protocol::timestamp::parse_iso_us(v["payload"]["timestamp"].as_str()?)?;
                    let received = krytend::protocol::timestamp::parse_iso_us(v["received"].as_str()?)?;
                    Some(received - sent)
                })
                .find(|&late| late > 1_000_000)
        },
    )
    .await;
    eprintln!("a buffered heartbeat arrived {:.1}s late", late_by as f64 / 1e6);
    // And one heartbeat sent after the outage, for good measure.
    let n = d.service("pyout").await.expect("listed").heartbeat_count;
    let after = eventually(Duration::from_secs(10), "a heartbeat after the outage", || async {
        let s = d.service("pyout").await?;
        (s.heartbeat_count > n).then_some(s)
    })
    .await;
    eprintln!(
        "restarts across the outage: {} (start moved by {:.3}s)",
        after.restart_count,
        (after.instance_started_us - before.instance_started_us) as f64 / 1e6
    );
    assert_eq!(after.restart_count, 0, "no process restarted");
    assert!(
        (after.instance_started_us - before.instance_started_us).abs() < 1_000_000,
        "start moved from {} to {}",
        before.instance_started_us,
        after.instance_started_us
    );
    assert_eq!(after.status, ServiceStatus::Healthy as i32);
    let mut stdin = child.stdin.take().expect("stdin");
    let _ = stdin.write_all(b"stop\n").await;
    let _ = tokio::time::timeout(Duration::from_secs(10), child.wait()).await;
}

#[tokio::test]
async fn two_processes_under_one_name_beating_every_2s_are_not_marked_down() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    let stop = tokio_util::sync::CancellationToken::new();
    // Process A started 10 s before process B; both beat every 2 s, B's
    // beats 0.3 s after A's — interleaved gaps of 0.3 s and 1.7 s.
    let beats = {
        let client = client.clone();
        let stop = stop.clone();
        tokio::spawn(async move {
            let t0 = Instant::now();
            let a_started = now_us() - 10_000_000;
            let b_started = now_us();
            let mut k = 0u64;
            loop {
                let at = t0 + Duration::from_millis(2000 * k);
                for (offset, started) in [(0, a_started), (300, b_started)] {
                    tokio::select! {
                        _ = stop.cancelled() => return,
                        _ = tokio::time::sleep_until((at + Duration::from_millis(offset)).into()) => {}
                    }
                    let now = now_us();
                    let body = json!({"service": "twin", "version": "1.0", "hostname": "vm",
                        "timestamp": format_us(now), "uptime_seconds": (now - started) as f64 / 1e6});
                    publish(&client, "kryten.lifecycle.twin.heartbeat", body).await;
                }
                k += 1;
            }
        })
    };
    // The positive marker: both processes seen, the 2 s cadence learned.
    let learned = eventually(
        Duration::from_secs(15),
        "two instances at a learned 2 s cadence",
        || async {
            let s = d.service("twin").await?;
            (s.suspected_instances == 2 && s.heartbeat_count >= 8 && (s.heartbeat_interval_seconds - 2.0).abs() < 0.2)
                .then_some(s)
        },
    )
    .await;
    assert_eq!(learned.status, ServiceStatus::Healthy as i32);
    // A 0.3 s interval would have made the deadline ~1 s; the right one is
    // 6.5 s. Wait past several of either, then look at every status change.
    let watched = Instant::now();
    tokio::time::sleep(Duration::from_secs(8)).await;
    let s = d.service("twin").await.expect("listed");
    assert_eq!(s.status, ServiceStatus::Healthy as i32, "{}", s.status_cause);
    let changes = status_events(&d, "twin").await;
    assert!(
        changes.iter().all(|(to, _)| to != "down"),
        "flapped while both beat: {changes:?}"
    );
    eprintln!(
        "healthy for {:?} past learning; interval {:.2}s",
        watched.elapsed(),
        s.heartbeat_interval_seconds
    );
    // Both silent: down at the instances' own deadline.
    stop.cancel();
    let _ = beats.await;
    let silent = Instant::now();
    d.wait_status("twin", ServiceStatus::Down, Duration::from_secs(10))
        .await;
    let after = silent.elapsed();
    assert!(after >= Duration::from_secs(5), "down after {after:?}");
}
