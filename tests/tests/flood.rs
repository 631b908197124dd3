//! The monitor outlives a hostile or odd fleet: a flood of new names, state
//! that would grow without bound, forgetting, and services learned from
//! traffic and probed (the robot never heartbeats).

use std::time::{Duration, Instant};

use kryten_e2e::{
    bus, eventually,
    flood::{answer_commands, base, channel_events, rss_bytes, settle, store_latency, RequestCounter},
    nats, stderr, stdout, Daemon, SimService, SimSpec, FAST_LIVENESS,
};
use kryten_proto::v1::{self as pb, ServiceStatus};
use serde_json::{json, Value};

async fn events_of_kind(d: &Daemon, kind: &str) -> Vec<pb::Event> {
    d.client()
        .await
        .list_events(pb::ListEventsRequest {
            filter: Some(pb::EventFilter {
                kinds: vec![kind.into()],
                ..Default::default()
            }),
            limit: 1000,
            ..Default::default()
        })
        .await
        .expect("list events")
        .into_inner()
        .events
}

async fn names(d: &Daemon) -> Vec<String> {
    d.client()
        .await
        .list_services(pb::ListServicesRequest { status: vec![] })
        .await
        .expect("list services")
        .into_inner()
        .services
        .into_iter()
        .map(|s| s.name)
        .collect()
}

#[tokio::test]
async fn a_name_flood_is_admitted_at_a_bounded_rate_refused_visibly_and_never_pinged() {
    let nats = nats().await;
    let extra = format!("{FAST_LIVENESS}registry:\n  max_services: 100\n  new_per_second: 20\n  new_burst: 40\n");
    let d = Daemon::start(&nats.url(), &extra).await;
    let client = bus(&nats.url()).await;
    settle(&d, &client).await;
    let (requests, _counting) = RequestCounter::start(&client).await;
    // A real service that never heartbeats and answers pings: it shows
    // that periodic pings do go out while the flood's names get none.
    let _pinger = answer_commands(client.clone(), "pinger", vec![]).await;
    client
        .publish(
            "kryten.lifecycle.pinger.startup",
            base("pinger", 0.1).to_string().into(),
        )
        .await
        .expect("publish");
    d.wait_status("pinger", ServiceStatus::Healthy, Duration::from_secs(3))
        .await;
    let quiet = store_latency(&d, &client, "kryten.test.latency.quiet").await;

    let tag = std::process::id();
    let started = Instant::now();
    for i in 0..3000 {
        let name = format!("flood-{tag:x}-{i}");
        client
            .publish(
                format!("kryten.lifecycle.{name}.startup"),
                base(&name, 0.0).to_string().into(),
            )
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    let published_in = started.elapsed();
    let loaded = store_latency(&d, &client, "kryten.test.latency.flood").await;
    eprintln!(
        "publish->store latency: {quiet:?} quiet, {loaded:?} right after 3,000 new names (sent in {published_in:?})"
    );
    assert!(
        loaded < Duration::from_secs(2),
        "a normal event took {loaded:?} to be stored"
    );

    // Admitted: the burst plus the rate over the flood, never all of them.
    let is_flood = |n: &str| n.starts_with("flood-");
    let admitted = names(&d).await.iter().filter(|n| is_flood(n)).count() as u64;
    let bound = 40 + (20.0 * (published_in.as_secs_f64() + 1.0)).ceil() as u64;
    eprintln!("admitted {admitted} of 3,000 (bound {bound})");
    assert!(admitted >= 30 && admitted <= bound, "admitted {admitted}");
    // Every refusal counted in status, and told by an event.
    let st = eventually(Duration::from_secs(5), "refusals in status", || async {
        let r = d.status().await.registry?;
        (r.refused == 3000 - admitted).then_some(r)
    })
    .await;
    assert_eq!(st.max_services, 100);
    assert!(st.last_refused.contains("flood-"), "{}", st.last_refused);
    let told = eventually(Duration::from_secs(5), "a registry event", || async {
        let evs = events_of_kind(&d, "registry").await;
        let refused: u64 = evs
            .iter()
            .filter(|e| e.subject == "krytend.registry.refused")
            .filter_map(|e| serde_json::from_slice::<Value>(&e.payload).ok())
            .filter_map(|v| v["refused"].as_u64())
            .sum();
        (refused == 3000 - admitted).then_some(evs.len())
    })
    .await;
    // Coalesced: a few events, not one per name.
    assert!(told <= 10, "{told} refusal events");
    let out = d.ctl(&["status"]).await;
    assert!(stdout(&out).contains("new service names refused"), "{}", stdout(&out));

    // Several ping intervals pass (the pinger is pinged each one) ...
    let pinged = requests.count("system.ping", |t| t == "pinger");
    eventually(Duration::from_secs(10), "five more pings of the pinger", || async {
        (requests.count("system.ping", |t| t == "pinger") >= pinged + 5).then_some(())
    })
    .await;
    // ... and a name that never answered got at most its one startup probe,
    // no periodic ping and no config fetch.
    let flood_pings = requests.count("system.ping", is_flood);
    let flood_configs = requests.count("system.config", is_flood);
    eprintln!("requests to flood names: {flood_pings} pings (startup probes), {flood_configs} config fetches");
    assert_eq!(flood_configs, 0);
    assert!(
        flood_pings <= admitted,
        "{flood_pings} pings to {admitted} admitted names"
    );
    eventually(Duration::from_secs(10), "three more pings of the pinger", || async {
        (requests.count("system.ping", |t| t == "pinger") >= pinged + 8).then_some(())
    })
    .await;
    assert_eq!(
        requests.count("system.ping", is_flood),
        flood_pings,
        "no pings after the probe"
    );
}

#[tokio::test]
async fn state_stays_bounded_under_growing_extras_and_dependencies() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    settle(&d, &client).await;
    let pid = d.pid().expect("pid");
    let rss_before = rss_bytes(pid);
    client
        .publish("kryten.lifecycle.fat.startup", base("fat", 0.0).to_string().into())
        .await
        .expect("publish");
    let pad = "x".repeat(20 * 1024);
    for i in 0..150u32 {
        let mut hb = base("fat", f64::from(i) + 1.0);
        hb[format!("extra_{i}")] = json!(pad);
        client
            .publish("kryten.lifecycle.fat.heartbeat", hb.to_string().into())
            .await
            .expect("publish");
        let mut c = base("fat", f64::from(i) + 1.0);
        c["target"] = json!(format!("target-{i}"));
        client
            .publish("kryten.lifecycle.fat.connected", c.to_string().into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    // The stored state, once it reflects every heartbeat.
    let db = d.db.clone();
    let state = eventually(Duration::from_secs(20), "the stored state after 150 heartbeats", || {
        let db = db.clone();
        async move {
            let c = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
            let json: String = c
                .query_row("SELECT state FROM services WHERE name = 'fat'", [], |r| r.get(0))
                .ok()?;
            let v: Value = serde_json::from_str(&json).ok()?;
            (v["heartbeat_count"].as_u64() == Some(150)
                && v["dependencies"]
                    .as_array()
                    .is_some_and(|d| d.iter().any(|t| t["target"] == "target-149")))
            .then_some((json.len(), v))
        }
    })
    .await;
    let rss_after = rss_bytes(pid);
    eprintln!(
        "stored state of one service: {} bytes; krytend RSS {} MiB before, {} MiB after",
        state.0,
        rss_before / (1 << 20),
        rss_after / (1 << 20)
    );
    assert!(state.0 < 64 * 1024, "stored state is {} bytes", state.0);
    let deps = state.1["dependencies"].as_array().map_or(0, Vec::len);
    assert!(deps <= 32, "{deps} dependencies kept");
    assert!(rss_after < rss_before + 200 * (1 << 20), "RSS grew to {rss_after}");
    // Over-cap payload parts are flagged like other malformed input.
    let flagged = d
        .client()
        .await
        .list_events(pb::ListEventsRequest {
            filter: Some(pb::EventFilter {
                subjects: vec!["kryten.lifecycle.fat.heartbeat".into()],
                ..Default::default()
            }),
            limit: 1000,
            ..Default::default()
        })
        .await
        .expect("events")
        .into_inner()
        .events;
    assert_eq!(flagged.len(), 150);
    assert!(
        flagged.iter().all(|e| e.malformed && e.error.contains("limit")),
        "{:?}",
        flagged[0].error
    );
}

const QUICK_FORGET: &str = "liveness:\n  default_heartbeat_interval: 500ms\n  missed_heartbeats: 3\n  ping_interval: 300ms\n  ping_timeout: 250ms\n  missed_pings: 2\n  tick: 50ms\nregistry:\n  forget_unanswered_after: 1s\n";

#[tokio::test]
async fn services_are_forgotten_on_request_with_an_audit_record_and_after_retention() {
    let nats = nats().await;
    let mut d = Daemon::start(&nats.url(), QUICK_FORGET).await;
    let client = bus(&nats.url()).await;
    settle(&d, &client).await;
    let svc = SimService::start(
        client.clone(),
        SimSpec::new("gone").heartbeat(Some(Duration::from_millis(200))),
    )
    .await
    .expect("sim");
    d.wait_status("gone", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let out = d.ctl(&["services", "forget", "gone"]).await;
    assert_ne!(out.status.code(), Some(0), "a live service is not forgotten");
    assert!(stderr(&out).contains("only a down or stopped"), "{}", stderr(&out));
    svc.crash().await;
    d.wait_status("gone", ServiceStatus::Down, Duration::from_secs(5)).await;
    let out = d
        .ctl(&["services", "forget", "gone", "--reason", "decommissioned"])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(d.service("gone").await.is_none());
    let out = d.ctl(&["audit", "ls", "-o", "json"]).await;
    let audit: Value = serde_json::from_slice(&out.stdout).expect("json");
    let rec = audit["items"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|r| r["action"] == "forget" && r["reason"] == "decommissioned")
        })
        .cloned()
        .unwrap_or_else(|| panic!("no forget record: {audit}"));
    assert_eq!(rec["target"], "gone");
    assert_eq!(rec["outcome"], "ok");
    let refused = audit["items"].as_array().map_or(0, |a| {
        a.iter()
            .filter(|r| r["action"] == "forget" && r["outcome"] == "failed")
            .count()
    });
    assert_eq!(refused, 1, "the refused attempt is on record too");

    // A name that never answered anything: down, then forgotten by itself.
    client
        .publish("kryten.lifecycle.ghost.startup", base("ghost", 0.0).to_string().into())
        .await
        .expect("publish");
    d.wait_status("ghost", ServiceStatus::Down, Duration::from_secs(5))
        .await;
    eventually(Duration::from_secs(5), "ghost forgotten", || async {
        d.service("ghost").await.is_none().then_some(())
    })
    .await;
    eventually(Duration::from_secs(5), "the ghost's forgotten event stored", || async {
        let evs = events_of_kind(&d, "registry").await;
        evs.iter()
            .any(|e| e.subject == "krytend.service.ghost.forgotten")
            .then_some(())
    })
    .await;
    assert!(d.status().await.registry.expect("registry").forgotten >= 2);

    // Forgotten stays forgotten across a restart (the stored state went too).
    let dir = d.dir.clone();
    d.terminate().await;
    let d2 = Daemon::start_in(&dir, &nats.url(), QUICK_FORGET).await;
    let known = names(&d2).await;
    assert!(!known.iter().any(|n| n == "gone" || n == "ghost"), "{known:?}");
}

#[tokio::test]
async fn a_robot_started_before_krytend_is_learned_from_traffic_and_probed() {
    let nats = nats().await;
    let client = bus(&nats.url()).await;
    // The robot: never heartbeats, ignores discovery polls, publishes
    // channel events, keeps a registry that names a quiet helper.
    let _robot = answer_commands(client.clone(), "robot", vec!["robot".into(), "helper".into()]).await;
    let _helper = answer_commands(client.clone(), "helper", vec![]).await;
    let _events = channel_events(client.clone(), Duration::from_millis(100));
    // A name seen only as a command subject, that never answers.
    client
        .publish("kryten.phantom.command", r#"{"command":"say"}"#.into())
        .await
        .expect("publish");
    client.flush().await.expect("flush");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (requests, _counting) = RequestCounter::start(&client).await;

    let d = Daemon::start(&nats.url(), "").await;
    let robot = d
        .wait_status("robot", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    assert!(robot.status_cause.contains("answered ping"), "{}", robot.status_cause);
    d.wait_status("helper", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    // Seen again in traffic after krytend started: probed, never listed.
    client
        .publish("kryten.phantom.command", r#"{"command":"say"}"#.into())
        .await
        .expect("publish");
    eventually(Duration::from_secs(5), "a probe of phantom", || async {
        (requests.count("system.ping", |t| t == "phantom") >= 1).then_some(())
    })
    .await;
    // The probe had its full timeout (2 s) to be answered.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let known = names(&d).await;
    assert!(!known.iter().any(|n| n == "phantom"), "{known:?}");
    assert_eq!(d.status().await.registry.expect("registry").candidates, 1);
}

#[tokio::test]
async fn a_robot_like_service_is_healthy_within_a_second_of_its_ready_startup() {
    let nats = nats().await;
    // The shipped ping interval (15 s): no waiting for the next round.
    let d = Daemon::start(&nats.url(), "").await;
    let client = bus(&nats.url()).await;
    settle(&d, &client).await;
    // Boot as kryten-robot does: a startup before its command handler is
    // subscribed, then a second ("ready") startup ~0.4 s later.
    client
        .publish("kryten.lifecycle.robot.startup", base("robot", 0.2).to_string().into())
        .await
        .expect("publish");
    client.flush().await.expect("flush");
    d.wait_status("robot", ServiceStatus::Starting, Duration::from_secs(2))
        .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let _handler = answer_commands(client.clone(), "robot", vec![]).await;
    let mut ready = base("robot", 0.6);
    ready["domain"] = json!("localhost");
    ready["channel"] = json!("lobby");
    let at = Instant::now();
    client
        .publish("kryten.lifecycle.robot.startup", ready.to_string().into())
        .await
        .expect("publish");
    client.flush().await.expect("flush");
    let s = d
        .wait_status("robot", ServiceStatus::Healthy, Duration::from_secs(1))
        .await;
    let took = at.elapsed();
    eprintln!("robot healthy {} ms after its ready startup", took.as_millis());
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(s.liveness, "ping");
}
