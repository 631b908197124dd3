//! Service tracking against a real nats-server and the real daemon.

use std::time::{Duration, Instant};

use futures::StreamExt;
use kryten_e2e::{bus, nats, Daemon, SimService, SimSpec, FAST_LIVENESS};
use kryten_proto::v1::{self as pb, ServiceStatus};
use krytend::protocol::timestamp::now_us;

#[tokio::test]
async fn a_service_is_listed_within_one_second_of_its_startup() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    let published_us = now_us();
    let started = Instant::now();
    let _svc = SimService::start(client, SimSpec::new("alpha")).await.expect("sim");
    // The one-second promise is the daemon's: from the startup on the bus
    // to the registry knowing it, by the daemon's own stamp. How long this
    // test takes to look (debug processes on a busy machine) is not part
    // of it, so the watch and the listing get generous deadlines.
    // Known in any status: it may be healthy already by the first look.
    let s = kryten_e2e::eventually(Duration::from_secs(10), "alpha known to the registry", || async {
        d.service("alpha").await
    })
    .await;
    let known = Duration::from_micros((s.first_seen_us - published_us).max(0) as u64);
    let listed = kryten_e2e::eventually(Duration::from_secs(10), "alpha in services ls", || async {
        let out = d.ctl(&["services", "ls", "-o", "json"]).await;
        kryten_e2e::stdout(&out).contains("\"alpha\"").then_some(())
    })
    .await;
    let () = listed;
    eprintln!(
        "startup -> known to the registry: {known:?}; -> listed by krytenctl: {:?}",
        started.elapsed()
    );
    assert!(known < Duration::from_secs(1), "registered {known:?} after its startup");
}

#[tokio::test]
async fn a_silent_service_goes_down_after_its_missed_heartbeats() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let spec = SimSpec::new("beta").heartbeat(Some(Duration::from_millis(500)));
    let svc = SimService::start(bus(&nats.url()).await, spec).await.expect("sim");
    d.wait_status("beta", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    // Learned from its cadence, not the 2 s default.
    let learned = kryten_e2e::eventually(Duration::from_secs(5), "a learned interval", || async {
        let s = d.service("beta").await?;
        (s.heartbeat_count >= 2 && s.liveness == "heartbeat").then_some(s.heartbeat_interval_seconds)
    })
    .await;
    assert!((0.3..0.8).contains(&learned), "learned interval {learned}");
    svc.crash().await;
    let down = d
        .wait_status("beta", ServiceStatus::Down, Duration::from_secs(10))
        .await;
    assert!(down.status_cause.contains("no heartbeat"), "{}", down.status_cause);
    // Timed by the daemon from the last heartbeat it got, not from the
    // crash (which may come up to an interval later): 3 missed at the
    // learned interval (~0.5 s), plus a quarter interval for jitter and a
    // tick; well before the 2 s default × 3.
    let interval = down.heartbeat_interval_seconds;
    let silent = (down.status_since_us - down.last_heartbeat_us) as f64 / 1e6;
    assert!(down.last_heartbeat_us > 0, "{down:?}");
    assert!(
        silent >= 3.0 * interval,
        "down after {silent:.3} s of silence, before 3 × {interval:.3} s"
    );
    assert!(
        silent < 3.25 * interval + 1.0,
        "down only after {silent:.3} s of silence (3 × {interval:.3} s + jitter)"
    );
}

#[tokio::test]
async fn a_graceful_shutdown_is_stopped_not_down() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let spec = SimSpec::new("gamma").heartbeat(Some(Duration::from_millis(300)));
    let svc = SimService::start(bus(&nats.url()).await, spec).await.expect("sim");
    d.wait_status("gamma", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    svc.shutdown().await;
    let s = d
        .wait_status("gamma", ServiceStatus::Stopped, Duration::from_secs(2))
        .await;
    assert_eq!(s.status_cause, "shutdown: Normal shutdown");
    let out = d.ctl(&["wait", "--for=stopped", "gamma", "--timeout", "1s"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
}

#[tokio::test]
async fn a_non_heartbeater_stays_up_while_it_answers_ping_and_goes_down_when_it_stops() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let mut spec = SimSpec::new("robot").heartbeat(None);
    spec.reannounces = false;
    let svc = SimService::start(bus(&nats.url()).await, spec).await.expect("sim");
    let s = d
        .wait_status("robot", ServiceStatus::Healthy, Duration::from_secs(3))
        .await;
    assert_eq!(s.liveness, "ping");
    // Several ping windows (300 ms × 2 + 250 ms) pass with only pings:
    // every update in them, one per answered ping, says healthy. A flap
    // down and back shows here, where one look at the end would miss it.
    let mut c = d.client().await;
    let mut updates = c
        .watch_services(pb::WatchServicesRequest {
            names: vec!["robot".into()],
            initial: true,
        })
        .await
        .expect("watch")
        .into_inner();
    let window = Duration::from_secs(3);
    let mut pings = Vec::new();
    let watched = tokio::time::timeout(window, async {
        while let Some(u) = updates.next().await {
            let s = u.expect("watch stream").service.expect("a service, not a lag notice");
            assert_eq!(s.status, ServiceStatus::Healthy as i32, "flapped: {s:?}");
            assert_eq!(s.heartbeat_count, 0);
            if pings.last() != Some(&s.last_ping_us) {
                pings.push(s.last_ping_us);
            }
        }
    })
    .await;
    assert!(watched.is_err(), "the watch stream ended early");
    // The positive side: pings were answered all through the window.
    let expected = (window.as_millis() / 300) as usize / 2;
    assert!(
        pings.len() > expected,
        "only {} ping replies seen in {window:?}",
        pings.len()
    );
    let s = d.service("robot").await.expect("robot known");
    assert_eq!(s.status, ServiceStatus::Healthy as i32, "{s:?}");
    assert!(s.last_ping_us > 0 && s.last_ping_rtt_ms > 0.0, "{s:?}");
    svc.crash().await;
    let s = d
        .wait_status("robot", ServiceStatus::Down, Duration::from_secs(3))
        .await;
    assert!(s.status_cause.contains("ping"), "{}", s.status_cause);
}

#[tokio::test]
async fn a_new_instance_counts_as_a_restart_and_a_reannouncement_does_not() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    let spec = SimSpec::new("delta").heartbeat(Some(Duration::from_millis(300)));
    let first = SimService::start(client.clone(), spec.clone()).await.expect("sim");
    d.wait_status("delta", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    // A discovery poll makes it publish startup again: same process.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    client
        .publish("kryten.service.discovery.poll", "{\"requester\":\"test\"}".into())
        .await
        .expect("publish");
    client.flush().await.expect("flush");
    kryten_e2e::eventually(Duration::from_secs(3), "the re-announcement", || async {
        let out = d
            .ctl(&["events", "ls", "--service", "delta", "--type", "startup", "-o", "json"])
            .await;
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
        (v["items"].as_array()?.len() >= 2).then_some(())
    })
    .await;
    let s = d.service("delta").await.expect("known");
    assert_eq!(s.restart_count, 0, "a re-announcement is not a restart: {s:?}");
    first.crash().await;
    let _second = SimService::start(client, spec).await.expect("sim");
    kryten_e2e::eventually(Duration::from_secs(3), "restart counted", || async {
        d.service("delta").await.filter(|s| s.restart_count == 1)
    })
    .await;
    // The timeline says why (the status may have moved on since). The
    // registry is ahead of the store by up to a batch, so await the commit.
    kryten_e2e::eventually(Duration::from_secs(3), "the restart in the timeline", || async {
        let out = d
            .ctl(&["events", "ls", "--type", "status", "--service", "delta", "-o", "json"])
            .await;
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
        let causes: Vec<String> = v["items"]
            .as_array()?
            .iter()
            .filter_map(|e| e["payload"]["cause"].as_str().map(str::to_string))
            .collect();
        causes
            .iter()
            .any(|c| c.starts_with("restarted: uptime reset"))
            .then_some(())
    })
    .await;
}
