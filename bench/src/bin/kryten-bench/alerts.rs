//! `alerts`: from the SIGKILL of a service process to the notification at
//! a real HTTP receiver on loopback, against the rule's `for:` plus the
//! service's learned down-deadline; and what a receiver gets from a
//! service that dies and comes back every ~20 s for 10 minutes under the
//! default rules and routes.

use std::collections::BTreeMap;

use kryten_e2e::receiver::Receiver;
use tokio::process::{Child, Command};

use super::*;

/// The hidden mode of this binary that is one simulated service (startup,
/// heartbeats, commands, discovery answers) until it is killed.
pub(crate) async fn sim_process(name: &str, nats_url: &str, heartbeat_ms: u64) {
    let c = async_nats::connect(nats_url).await.expect("sim connects to NATS");
    let spec = kryten_e2e::SimSpec::new(name).heartbeat(Some(Duration::from_millis(heartbeat_ms)));
    let _sim = kryten_e2e::SimService::start(c, spec).await.expect("sim");
    std::future::pending::<()>().await;
}

/// A simulated service in a process of its own, so it can die by SIGKILL.
fn spawn_service(name: &str, nats_url: &str, heartbeat_ms: u64) -> Child {
    Command::new(std::env::current_exe().expect("own path"))
        .args(["--sim-service", name, "--sim-nats", nats_url, "--sim-heartbeat-ms"])
        .arg(heartbeat_ms.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn the simulated service")
}

/// SIGKILL (std's `kill` on Unix), and the moment it was sent.
async fn sigkill(child: &mut Child) -> Instant {
    let at = Instant::now();
    child.start_kill().expect("SIGKILL");
    let _ = child.wait().await;
    at
}

fn receiver_yaml(url: &str) -> String {
    format!("  default_receiver: bench\n  receivers:\n    bench: {{type: webhook, url: \"{url}\"}}\n")
}

/// (status, alertnames) of one notification.
fn notification(body: &serde_json::Value) -> (String, Vec<String>) {
    let status = body["status"].as_str().unwrap_or("?").to_string();
    let names = body["alerts"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    format!(
                        "{}:{}",
                        x["labels"]["alertname"].as_str().unwrap_or("?"),
                        x["status"].as_str().unwrap_or("?")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (status, names)
}

/// Waits until the daemon has learned `name`'s heartbeat cadence (within
/// 20 % of `heartbeat`) and it is healthy; the learned interval (REST) and
/// the down-deadline window (deadline − last heartbeat, gRPC).
async fn learned(d: &Daemon, addr: &str, token: &str, name: &str, heartbeat: Duration) -> Option<(f64, f64)> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let want = heartbeat.as_secs_f64();
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let a = kryten_e2e::http::get(addr, &format!("/api/v1/services/{name}"), Some(token)).await;
        if a.status != 200 {
            continue;
        }
        let v = a.json();
        let iv = v["heartbeatIntervalSeconds"].as_f64().unwrap_or(0.0);
        if v["status"] != "healthy" || (iv - want).abs() > want * 0.2 {
            continue;
        }
        let s = d.service(name).await?;
        if s.deadline_us > s.last_heartbeat_us && s.last_heartbeat_us > 0 {
            return Some((iv, (s.deadline_us - s.last_heartbeat_us) as f64 / 1e6));
        }
    }
    None
}

pub(crate) async fn alerts(url: &str, smoke: bool, rows: &mut Vec<Row>, checks: &mut Checks) {
    kill_to_notification(url, smoke, rows, checks).await;
    flapping(url, smoke, rows, checks).await;
}

async fn kill_to_notification(url: &str, smoke: bool, rows: &mut Vec<Row>, checks: &mut Checks) {
    let rx = Receiver::start(200).await;
    // One rule; evaluated every second (smoke 200 ms); notified at once
    // (group_wait 0): what is left beyond `for` + the deadline is the
    // daemon's own latency.
    let (hb, for_s, eval, runs) = if smoke {
        (Duration::from_millis(300), 1.0, "200ms", 1)
    } else {
        (Duration::from_secs(1), 10.0, "1s", 5)
    };
    let config = format!(
        "discovery_poll: false\nliveness:\n  missed_heartbeats: 3\nalerts:\n  evaluation_interval: {eval}\n{}  rules:\n    - {{type: service_down, for: {for_s}s, severity: critical}}\n  routes:\n    - {{receiver: bench, group_by: [alertname, service], group_wait: 0s, send_resolved: false}}\n",
        receiver_yaml(&rx.url)
    );
    let d = Daemon::start(url, &config).await;
    let token = viewer_token(&d).await;
    let addr = d
        .ws()
        .await
        .trim_start_matches("ws://")
        .trim_end_matches("/ws")
        .to_string();
    let (mut took, mut expected, mut intervals) = (Vec::new(), Vec::new(), Vec::new());
    const NOTIFIED: Duration = Duration::from_secs(120);
    for i in 0..runs {
        let name = format!("killme{i}");
        let mut child = spawn_service(&name, url, hb.as_millis() as u64);
        let Some((iv, window)) = learned(&d, &addr, &token, &name, hb).await else {
            checks.in_time(
                &format!("alerts: {name} healthy with a learned interval"),
                false,
                Duration::from_secs(30),
            );
            return;
        };
        let before = rx.received().await.len();
        let killed = sigkill(&mut child).await;
        let deadline = killed + NOTIFIED;
        let mut got = None;
        while Instant::now() < deadline {
            let all = rx.received().await;
            if all[before..].iter().any(|r| {
                let v = r.json();
                v["status"] == "firing"
                    && v["alerts"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x["labels"]["service"] == name.as_str()))
            }) {
                got = Some(killed.elapsed().as_secs_f64());
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let Some(t) = got else {
            checks.in_time(&format!("alerts: notification for {name}"), false, NOTIFIED);
            return;
        };
        eprintln!(
            "alerts: {name}: learned interval {iv:.2} s, down window {window:.2} s, notified {t:.2} s after SIGKILL"
        );
        took.push(t);
        expected.push(window + for_s);
        intervals.push(iv);
    }
    let (t, e) = (median(&took), median(&expected));
    checks.measured("alerts: SIGKILL -> notification", t);
    rows.push(Row(
        format!("alerts SIGKILL -> webhook received, median of {runs} (heartbeat {hb:?}, eval {eval})"),
        format!(
            "{t:.2} s [{}]",
            took.iter().map(|x| format!("{x:.2}")).collect::<Vec<_>>().join(" ")
        ),
        format!(
            "for {for_s:.0} s + down window {:.2} s (3 x learned {:.2} s + slack) = {e:.2} s",
            e - for_s,
            median(&intervals)
        ),
        format!("+{:.2} s over", t - e),
    ));
}

/// A service that dies (SIGKILL) and comes back every ~20 s for 10
/// minutes (smoke: every ~2 s for ~9 s, with compressed timings), under
/// the default rules and the default route; what the receiver gets.
async fn flapping(url: &str, smoke: bool, rows: &mut Vec<Row>, checks: &mut Checks) {
    let rx = Receiver::start(200).await;
    let (hb, up, down, total, config) = if smoke {
        (
            Duration::from_millis(200),
            Duration::from_millis(1200),
            Duration::from_millis(1000),
            Duration::from_secs(9),
            format!(
                "discovery_poll: false\nalerts:\n  evaluation_interval: 200ms\n{}  routes:\n    - {{receiver: bench, group_wait: 300ms, group_interval: 1s}}\n",
                receiver_yaml(&rx.url)
            ),
        )
    } else {
        (
            Duration::from_secs(1),
            Duration::from_secs(14),
            Duration::from_secs(6),
            Duration::from_secs(600),
            // Default rules, routes (group_wait 30s, group_interval 5m,
            // repeat_interval 4h) and evaluation interval (15s).
            format!("discovery_poll: false\nalerts:\n{}", receiver_yaml(&rx.url)),
        )
    };
    let d = Daemon::start(url, &config).await;
    let name = "flappy";
    let started = Instant::now();
    let mut cycles = 0;
    let mut child = spawn_service(name, url, hb.as_millis() as u64);
    while started.elapsed() + up + down <= total {
        tokio::time::sleep(up).await;
        sigkill(&mut child).await;
        cycles += 1;
        tokio::time::sleep(down).await;
        child = spawn_service(name, url, hb.as_millis() as u64);
    }
    let rest = total.saturating_sub(started.elapsed());
    tokio::time::sleep(rest).await;
    let got = rx.received().await;
    let restarts = d.service(name).await.map(|s| s.restart_count).unwrap_or(0);
    drop(child);
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    let mut seq = Vec::new();
    for r in &got {
        let (status, names) = notification(&r.json());
        for n in &names {
            *by.entry(n.clone()).or_default() += 1;
        }
        seq.push(format!("{status}[{}]", names.join(",")));
    }
    eprintln!(
        "alerts: flapping: {cycles} deaths in {:.0} s; restarts counted {restarts}; notifications in order: {seq:?}",
        total.as_secs_f64(),
    );
    if got.is_empty() {
        checks.fail(format!(
            "alerts: flapping: no notification reached the receiver in {total:?} ({cycles} deaths)"
        ));
    }
    let what = if smoke {
        format!("{cycles} deaths in {} s (compressed timings)", total.as_secs())
    } else {
        format!("{cycles} deaths in {} min, defaults", total.as_secs() / 60)
    };
    rows.push(Row(
        format!("alerts flapping service ({what}): notifications"),
        format!(
            "{} ({})",
            got.len(),
            by.iter()
                .map(|(k, n)| format!("{k} x{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!("{cycles} SIGKILLs, {restarts} restarts counted by krytend"),
        format!("{:.2} per death", got.len() as f64 / cycles.max(1) as f64),
    ));
}
