//! krytend beside the released services as they really behave (issue 12):
//! kryten-robot 1.12.6 on a stand-in CyTube, kryten-userstats 0.7.1,
//! kryten-moderator 0.8.2 and kryten-py 0.17.5 services, on a JetStream
//! nats-server. Each test reproduces one status that lied to the operator.

use std::time::{Duration, Instant};

use futures::StreamExt;
use kryten_e2e::{
    bus,
    ecosystem::{Ecosystem, Proc},
    eventually, stderr, stdout, Daemon,
};
use kryten_proto::v1::{self as pb, ServiceStatus};
use serde_json::Value;

/// Liveness quick enough to test, with the default ping cadence kept where
/// the test is about it.
const TICK: &str = "liveness:\n  tick: 100ms\n";
const QUICK_PINGS: &str = "liveness:\n  tick: 100ms\n  ping_interval: 1s\n  ping_timeout: 500ms\n";

/// Resolves with the arrival time of the robot's second ("ready") startup,
/// the one carrying `domain`.
async fn robot_ready(sub: &mut async_nats::Subscriber, robot: &mut Proc) -> Instant {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(40);
    loop {
        let msg = tokio::time::timeout_at(deadline, sub.next())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "no ready startup from the robot; exited: {:?}; log:\n{}",
                    robot.exited(),
                    robot.log()
                )
            })
            .expect("subscription open");
        let v: Value = serde_json::from_slice(&msg.payload).unwrap_or(Value::Null);
        if v.get("domain").is_some() {
            return Instant::now();
        }
    }
}

async fn up(d: &Daemon, name: &str, timeout: Duration) -> pb::Service {
    eventually(timeout, &format!("{name} listed and up"), || async {
        d.service(name)
            .await
            .filter(|s| s.status == ServiceStatus::Healthy as i32 || s.status == ServiceStatus::Starting as i32)
    })
    .await
}

/// Item 1: a robot started before krytend is listed once probed.
#[tokio::test]
async fn a_robot_started_before_krytend_is_listed_after_probing() {
    let eco = Ecosystem::start().await;
    let nc = bus(&eco.nats.url()).await;
    let mut startups = nc.subscribe("kryten.lifecycle.robot.startup").await.expect("subscribe");
    let mut chat = nc
        .subscribe(format!("kryten.events.cytube.{}.>", kryten_e2e::ecosystem::CHANNEL))
        .await
        .expect("subscribe");
    let cytube = eco.cytube().await;
    let mut robot = eco.robot(&cytube).await;
    robot_ready(&mut startups, &mut robot).await;
    // The robot's traffic is on the bus before krytend starts.
    tokio::time::timeout(Duration::from_secs(5), chat.next())
        .await
        .expect("the robot publishes channel events")
        .expect("subscription open");

    let d = Daemon::start(&eco.nats.url(), QUICK_PINGS).await;
    let started = Instant::now();
    let listed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Some(s) = d.service("robot").await {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
    let s = match listed {
        Ok(s) => s,
        Err(_) => panic!(
            "the robot (running, publishing channel events) is not listed {:?} after krytend started:\n{}",
            started.elapsed(),
            stdout(&d.ctl(&["services", "ls"]).await)
        ),
    };
    eprintln!(
        "robot listed {} ms after krytend started",
        started.elapsed().as_millis()
    );
    // Listed only because it answered: it is alive, not a name from traffic.
    let s = if s.status == ServiceStatus::Healthy as i32 {
        s
    } else {
        d.wait_status("robot", ServiceStatus::Healthy, Duration::from_secs(5))
            .await
    };
    assert_eq!(s.version, "1.12.6", "{s:?}");
    robot.stop().await;
}

/// Item 2: the robot is healthy within 1 s of its ready startup, with the
/// default ping interval (15 s).
#[tokio::test]
async fn the_robot_is_healthy_within_a_second_of_its_ready_startup() {
    let eco = Ecosystem::start().await;
    let d = Daemon::start(&eco.nats.url(), TICK).await;
    let nc = bus(&eco.nats.url()).await;
    let mut startups = nc.subscribe("kryten.lifecycle.robot.startup").await.expect("subscribe");
    let cytube = eco.cytube().await;
    let mut robot = eco.robot(&cytube).await;
    let ready = robot_ready(&mut startups, &mut robot).await;
    let s = d
        .wait_status("robot", ServiceStatus::Healthy, Duration::from_secs(25))
        .await;
    let ms = ready.elapsed().as_millis();
    eprintln!("robot healthy {ms} ms after its ready startup ({})", s.status_cause);
    assert!(
        ms < 1000,
        "robot healthy only {ms} ms after its ready startup ({})",
        s.status_cause
    );
    robot.stop().await;
}

/// Item 3: a refused restart puts the status back.
#[tokio::test]
async fn a_refused_restart_puts_the_status_back() {
    let eco = Ecosystem::start().await;
    let d = Daemon::start(&eco.nats.url(), QUICK_PINGS).await;
    let mut userstats = eco.userstats(5).await;
    d.wait_status("userstats", ServiceStatus::Healthy, Duration::from_secs(20))
        .await;

    let out = d
        .ctl(&[
            "restart",
            "userstats",
            "--wait",
            "--timeout",
            "10s",
            "--reason",
            "eco test",
        ])
        .await;
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stderr(&out).contains("Unknown command"),
        "the refusal is named: {}",
        stderr(&out)
    );
    // Back at once, not `restarting` until something else happens.
    let s = eventually(Duration::from_secs(2), "userstats no longer restarting", || async {
        d.service("userstats")
            .await
            .filter(|s| s.status != ServiceStatus::Restarting as i32)
    })
    .await;
    assert_eq!(s.status, ServiceStatus::Healthy as i32, "{s:?}");
    assert!(s.status_cause.contains("refused"), "{}", s.status_cause);
    let out = d.ctl(&["health"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // Its heartbeats count again: it goes down when they stop.
    let beats = s.heartbeat_count;
    eventually(Duration::from_secs(8), "a heartbeat after the refusal", || async {
        d.service("userstats").await.filter(|s| s.heartbeat_count > beats)
    })
    .await;
    userstats.stop().await;
    d.wait_status("userstats", ServiceStatus::Stopped, Duration::from_secs(10))
        .await;
}

/// Item 4: restart counts stay 0 across an 8 s NATS restart for services
/// that heartbeat (they buffer and send late on reconnect).
#[tokio::test]
async fn a_nats_restart_counts_no_phantom_restarts() {
    let mut eco = Ecosystem::start().await;
    let d = Daemon::start(&eco.nats.url(), TICK).await;
    let mut us = eco.userstats(5).await;
    let mut md = eco.moderator(5).await;
    let mut py = eco.kryten_py("pyeco", "pyeco", 5).await;
    let names = ["userstats", "moderator", "pyeco"];
    for n in names {
        eventually(Duration::from_secs(20), &format!("{n} heartbeating"), || async {
            d.service(n).await.filter(|s| s.heartbeat_count >= 1)
        })
        .await;
    }
    let mut before = Vec::new();
    for n in names {
        before.push(d.service(n).await.expect("listed"));
    }

    eco.nats.kill().await;
    tokio::time::sleep(Duration::from_secs(8)).await;
    eco.nats.start_again().await;

    let mut report = Vec::new();
    for (n, b) in names.iter().zip(&before) {
        let after = eventually(Duration::from_secs(20), &format!("{n} heartbeating again"), || async {
            d.service(n)
                .await
                .filter(|s| s.heartbeat_count >= b.heartbeat_count + 2)
        })
        .await;
        report.push(format!(
            "{n}: restarts {} -> {}, start moved {:.1}s",
            b.restart_count,
            after.restart_count,
            (after.instance_started_us - b.instance_started_us) as f64 / 1e6
        ));
    }
    eprintln!("across an 8 s NATS restart: {}", report.join("; "));
    for (n, b) in names.iter().zip(&before) {
        let after = d.service(n).await.expect("listed");
        assert_eq!(after.restart_count, b.restart_count, "{n}: {}", report.join("; "));
        assert!(
            (after.instance_started_us - b.instance_started_us).abs() < 2_000_000,
            "{n}: {}",
            report.join("; ")
        );
    }
    us.stop().await;
    md.stop().await;
    py.stop().await;
}

/// Item 5: two processes under one name (both beating every 5 s) are not
/// flapped down.
#[tokio::test]
async fn two_processes_under_one_name_are_not_flapped_down() {
    let eco = Ecosystem::start().await;
    let d = Daemon::start(&eco.nats.url(), TICK).await;
    let mut c = d.client().await;
    let mut watch = c
        .watch_services(pb::WatchServicesRequest {
            names: vec!["twin".into()],
            initial: true,
        })
        .await
        .expect("watch")
        .into_inner();
    let statuses = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = statuses.clone();
    let watcher = tokio::spawn(async move {
        while let Some(Ok(u)) = watch.next().await {
            if let Some(s) = u.service {
                if let Ok(mut v) = sink.lock() {
                    v.push((s.status, s.status_cause.clone()));
                }
            }
        }
    });
    // About 0.7 s apart, as when the issue was seen: close enough that the
    // two look like one timeline, so one interleaved stream of heartbeats.
    let (mut a, mut b) = tokio::join!(eco.kryten_py("twin", "twin-a", 5), async {
        tokio::time::sleep(Duration::from_millis(700)).await;
        eco.kryten_py("twin", "twin-b", 5).await
    });
    // Five beats from each: with 7 gaps kept, the short ones (the offset
    // between the two) become the median by the eighth heartbeat, and the
    // next long gap would then count as silence.
    let s = eventually(Duration::from_secs(35), "ten heartbeats from the twins", || async {
        d.service("twin").await.filter(|s| s.heartbeat_count >= 10)
    })
    .await;
    watcher.abort();
    let statuses = statuses.lock().map(|v| v.clone()).unwrap_or_default();
    let downs: Vec<&(i32, String)> = statuses
        .iter()
        .filter(|(st, _)| *st == ServiceStatus::Down as i32)
        .collect();
    eprintln!(
        "twins: interval {:.1}s, suspected instances {}, {} status updates, down {} times",
        s.heartbeat_interval_seconds,
        s.suspected_instances,
        statuses.len(),
        downs.len()
    );
    assert!(downs.is_empty(), "flapped down: {downs:?}; now {s:?}");
    assert!((4.0..6.5).contains(&s.heartbeat_interval_seconds), "{s:?}");
    a.stop().await;
    b.stop().await;
}

/// Item 7, with the robot: it shuts down and never comes back (no
/// supervisor here); userstats and moderator ignore the broadcast. Each is
/// named for what it did.
#[tokio::test]
async fn group_restart_says_who_shut_down_and_who_never_reacted() {
    let eco = Ecosystem::start().await;
    let d = Daemon::start(&eco.nats.url(), QUICK_PINGS).await;
    let cytube = eco.cytube().await;
    let mut robot = eco.robot(&cytube).await;
    let mut us = eco.userstats(5).await;
    let mut md = eco.moderator(5).await;
    for n in ["robot", "userstats", "moderator"] {
        up(&d, n, Duration::from_secs(30)).await;
    }
    let started = Instant::now();
    let out = d
        .ctl(&["restart", "--all", "--wait", "--timeout", "12s", "--yes", "-o", "json"])
        .await;
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(&out), stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let stages = v["stages"].as_array().expect("stages").clone();
    let of = |name: &str| -> Vec<Value> { stages.iter().filter(|s| s["service"] == name).cloned().collect() };
    let last = stages.last().expect("a final stage").clone();
    let msg = last["message"].as_str().unwrap_or_default().to_string();
    eprintln!("restart --all took {took:?}: {msg}");
    // The robot shut down and did not come back.
    assert!(of("robot").iter().any(|s| s["stage"] == "not_back"), "{stages:#?}");
    // userstats and moderator never reacted: said as soon as known, long
    // before the timeout.
    for n in ["userstats", "moderator"] {
        let verdict = of(n)
            .into_iter()
            .find(|s| s["stage"] == "ignored")
            .unwrap_or_else(|| panic!("no verdict for {n}: {stages:#?}"));
        let at = verdict["elapsedSeconds"].as_f64().unwrap_or(99.0);
        assert!(at < 8.0, "{n}'s verdict came at {at}s");
    }
    assert!(msg.contains("robot") && msg.contains("not back"), "{msg}");
    assert!(
        msg.contains("userstats") && msg.contains("moderator") && msg.contains("never reacted"),
        "{msg}"
    );
    assert!(!msg.contains("(requested)"), "{msg}");
    assert!(
        robot.exited().is_some() || {
            tokio::time::sleep(Duration::from_secs(2)).await;
            robot.exited().is_some()
        },
        "the robot exited after the group restart"
    );
    us.stop().await;
    md.stop().await;
}

/// Item 7, every outcome known early: when no service restarts, the wait
/// ends as soon as that is clear, not at the timeout.
#[tokio::test]
async fn group_restart_stops_waiting_once_every_outcome_is_known() {
    let eco = Ecosystem::start().await;
    let d = Daemon::start(&eco.nats.url(), QUICK_PINGS).await;
    let mut us = eco.userstats(5).await;
    let mut md = eco.moderator(5).await;
    for n in ["userstats", "moderator"] {
        up(&d, n, Duration::from_secs(20)).await;
    }
    let started = Instant::now();
    let out = d
        .ctl(&["restart", "--all", "--wait", "--timeout", "25s", "--yes"])
        .await;
    let took = started.elapsed();
    let err = stderr(&out);
    eprintln!("restart --all took {took:?}:\n{err}");
    assert_eq!(out.status.code(), Some(1), "{}{err}", stdout(&out));
    assert!(took < Duration::from_secs(10), "waited {took:?}:\n{err}");
    assert!(err.contains("never reacted"), "{err}");
    us.stop().await;
    md.stop().await;
}

/// Item 8: after a reconnect the old bus error is not shown as current, and
/// a service's refusal is not worded as krytend failing.
#[tokio::test]
async fn messages_after_reconnect_and_refusals_say_what_happened() {
    let mut eco = Ecosystem::start().await;
    let d = Daemon::start(&eco.nats.url(), QUICK_PINGS).await;
    let mut us = eco.userstats(5).await;
    d.wait_status("userstats", ServiceStatus::Healthy, Duration::from_secs(20))
        .await;

    let out = d.ctl(&["config", "get", "userstats"]).await;
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{}{err}", stdout(&out));
    assert!(err.contains("userstats refused system.config"), "{err}");
    assert!(!err.contains("krytend failed"), "{err}");

    eco.nats.kill().await;
    eventually(Duration::from_secs(10), "a bus error recorded", || async {
        let b = d.status().await.bus.unwrap_or_default();
        (b.state != "connected" && !b.last_error.is_empty()).then_some(())
    })
    .await;
    eco.nats.start_again().await;
    eventually(Duration::from_secs(15), "reconnected", || async {
        let b = d.status().await.bus.unwrap_or_default();
        (b.state == "connected").then_some(())
    })
    .await;
    let out = d.ctl(&["status"]).await;
    let text = stdout(&out);
    eprintln!("status after the reconnect:\n{text}");
    assert!(!text.contains("bus error"), "an old error shown as current:\n{text}");
    let line = text
        .lines()
        .find(|l| l.contains("IO error") || l.contains("last error"))
        .unwrap_or_else(|| panic!("the old error is gone without a trace:\n{text}"));
    assert!(line.starts_with("last error"), "{line}");
    assert!(line.contains("before reconnect"), "{line}");
    us.stop().await;
}
