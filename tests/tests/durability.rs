//! The daemon keeps what it accepted: across its own restart, across the
//! bus going away, and through malformed input.

use std::time::Duration;

use futures::StreamExt;
use kryten_e2e::{bus, nats, stdout, Daemon, SimService, SimSpec, FAST_LIVENESS};
use kryten_proto::v1::{self as pb, ServiceStatus};
use serde_json::Value;

async fn count_events(d: &Daemon, subject: &str) -> usize {
    let out = d
        .ctl(&["events", "ls", "--subject", subject, "-n", "10000", "-o", "json"])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v["items"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn nothing_accepted_is_lost_on_sigterm_and_history_survives_a_restart() {
    let nats = nats().await;
    // A long batch delay: at SIGTERM most events are still uncommitted.
    let extra = format!("{FAST_LIVENESS}store:\n  batch_delay: 5s\n  batch_max: 100000\n");
    let mut d = Daemon::start(&nats.url(), &extra).await;
    let client = bus(&nats.url()).await;
    let svc = SimService::start(
        client.clone(),
        SimSpec::new("keeper").heartbeat(Some(Duration::from_millis(300))),
    )
    .await
    .expect("sim");
    d.wait_status("keeper", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    // Healthy may come from the startup probe's answer: the restored state
    // is checked for heartbeats below, so one must have been counted.
    kryten_e2e::eventually(Duration::from_secs(5), "a heartbeat of keeper counted", || async {
        d.service("keeper").await.filter(|s| s.heartbeat_count > 0)
    })
    .await;
    // Accepted is what a live tail sees (the hub gets each event when it
    // is numbered, before the commit): the 3000 test events by their own
    // numbers, whatever the service's heartbeats do meanwhile.
    let mut c = d.client().await;
    let mut live = c
        .tail_events(pb::TailEventsRequest {
            filter: Some(pb::EventFilter {
                subjects: vec!["kryten.test.keep.>".into(), "kryten.test.probe".into()],
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .expect("tail")
        .into_inner();
    let mut next_event = async || loop {
        let r = tokio::time::timeout(Duration::from_secs(10), live.next())
            .await
            .expect("an event within 10 s")
            .expect("tail open")
            .expect("tail item");
        if let Some(pb::tail_events_response::Item::Event(e)) = r.item {
            return e;
        }
    };
    // Attached once a probe comes through.
    client.publish("kryten.test.probe", "{}".into()).await.expect("publish");
    client.flush().await.expect("flush");
    assert_eq!(next_event().await.subject, "kryten.test.probe");
    for i in 0..3000 {
        client
            .publish(format!("kryten.test.keep.{}", i % 3), format!("{{\"i\":{i}}}").into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    let mut accepted: Vec<(u64, String, Vec<u8>)> = Vec::new();
    while accepted.len() < 3000 {
        let e = next_event().await;
        accepted.push((e.seq, e.subject, e.payload));
    }
    let expected: Vec<(String, Vec<u8>)> = (0..3000)
        .map(|i| {
            (
                format!("kryten.test.keep.{}", i % 3),
                format!("{{\"i\":{i}}}").into_bytes(),
            )
        })
        .collect();
    let got: Vec<(String, Vec<u8>)> = accepted.iter().map(|(_, s, p)| (s.clone(), p.clone())).collect();
    assert!(got == expected, "the 3000 accepted live, in order");
    let last_seq = accepted.last().map_or(0, |a| a.0);
    let committed_before = d.status().await.store.expect("store").committed_seq;
    assert!(
        committed_before < last_seq,
        "the test needs uncommitted events at SIGTERM"
    );
    let status = d.terminate().await;
    assert!(status.success(), "clean exit on SIGTERM: {status}\n{}", d.log());
    assert!(d.log().contains("stopped cleanly"), "{}", d.log());
    drop(svc);

    let dir = d.dir.clone();
    let d2 = Daemon::start_in(&dir, &nats.url(), FAST_LIVENESS).await;
    let st = d2.status().await;
    let store = st.store.expect("store");
    assert!(
        store.committed_seq >= last_seq,
        "committed #{} < accepted #{last_seq} (before SIGTERM only #{committed_before} was committed)",
        store.committed_seq
    );
    // Exactly the events accepted, under the numbers they were given.
    let mut c2 = d2.client().await;
    let mut stored = c2
        .list_events(pb::ListEventsRequest {
            filter: Some(pb::EventFilter {
                subjects: vec!["kryten.test.keep.>".into()],
                ..Default::default()
            }),
            limit: 10_000,
            ..Default::default()
        })
        .await
        .expect("list")
        .into_inner()
        .events
        .into_iter()
        .map(|e| (e.seq, e.subject, e.payload))
        .collect::<Vec<_>>();
    stored.sort_by_key(|e| e.0);
    assert_eq!(stored.len(), 3000);
    assert!(stored == accepted, "what is stored is what was accepted");
    // The rows stored before this start are counted in the background;
    // once status says so, its count holds them all.
    let rows = kryten_e2e::eventually(Duration::from_secs(10), "the stored rows counted", || async {
        let s = d2.status().await.store.expect("store");
        s.rows_counted.then_some(s.event_rows)
    })
    .await;
    assert!(rows >= 3000, "{rows} event rows counted, 3000 load events at least");
    // The registry came back from the store.
    let keeper = d2.service("keeper").await.expect("keeper restored");
    assert!(keeper.heartbeat_count > 0, "{keeper:?}");
    // New events continue the sequence.
    client.publish("kryten.test.after", "{}".into()).await.expect("publish");
    client.flush().await.expect("flush");
    let ev = kryten_e2e::eventually(Duration::from_secs(5), "the new event", || async {
        let mut c = d2.client().await;
        let r = c
            .list_events(pb::ListEventsRequest {
                filter: Some(pb::EventFilter {
                    subjects: vec!["kryten.test.after".into()],
                    ..Default::default()
                }),
                limit: 1,
                newest: true,
                ..Default::default()
            })
            .await
            .ok()?
            .into_inner();
        r.events.into_iter().next()
    })
    .await;
    assert!(ev.seq > last_seq, "sequence continues: #{} after #{last_seq}", ev.seq);
    drop(d);
}

#[tokio::test]
async fn the_daemon_survives_the_bus_dying_and_records_what_comes_after() {
    let mut nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    let _svc = SimService::start(
        client.clone(),
        SimSpec::new("steady").heartbeat(Some(Duration::from_secs(2))),
    )
    .await
    .expect("sim");
    d.wait_status("steady", ServiceStatus::Healthy, Duration::from_secs(10))
        .await;
    client
        .publish("kryten.test.before", "{}".into())
        .await
        .expect("publish");
    client.flush().await.expect("flush");
    kryten_e2e::eventually(Duration::from_secs(5), "first event", || async {
        (count_events(&d, "kryten.test.before").await == 1).then_some(())
    })
    .await;
    nats.kill().await;
    let outage = std::time::Instant::now();
    let bus_state = kryten_e2e::eventually(Duration::from_secs(10), "bus marked not connected", || async {
        let b = d.status().await.bus.expect("bus");
        (b.state != "connected").then_some(b)
    })
    .await;
    assert_eq!(bus_state.state, "reconnecting");
    // `health` says the fleet cannot be seen: critical.
    let out = d.ctl(&["health"]).await;
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    // Longer than the service's down window (3 × 2 s): its silence is ours.
    tokio::time::sleep(Duration::from_secs(7).saturating_sub(outage.elapsed())).await;
    let during = d.service("steady").await.expect("known");
    assert_eq!(
        during.status,
        ServiceStatus::Healthy as i32,
        "not down for our outage: {during:?}"
    );
    nats.restart().await.expect("nats back");
    let b = kryten_e2e::eventually(Duration::from_secs(20), "reconnected", || async {
        let b = d.status().await.bus.expect("bus");
        (b.state == "connected").then_some(b)
    })
    .await;
    assert!(b.reconnects >= 1, "{b:?}");
    let client = bus(&nats.url()).await;
    client.publish("kryten.test.after", "{}".into()).await.expect("publish");
    client.flush().await.expect("flush");
    kryten_e2e::eventually(Duration::from_secs(5), "event after reconnect", || async {
        (count_events(&d, "kryten.test.after").await == 1).then_some(())
    })
    .await;
    assert_eq!(count_events(&d, "kryten.test.before").await, 1, "history kept");
    // What was published during the outage was never seen: the stream says
    // so with a gap event naming the window, its count unknown.
    let gap = kryten_e2e::eventually(Duration::from_secs(5), "the outage's gap event", || async {
        let out = d.ctl(&["events", "ls", "--type", "gap", "-o", "json"]).await;
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
        v["items"].as_array()?.first().cloned()
    })
    .await;
    let payload = &gap["payload"];
    assert!(payload["missed"].is_null(), "{gap}");
    let reason = payload["reason"].as_str().expect("reason");
    assert!(reason.starts_with("the connection to NATS was lost from "), "{reason}");
    let from = payload["from_time"].as_str().expect("from_time");
    let to = payload["to_time"].as_str().expect("to_time");
    assert!(from < to, "{from} .. {to}");
    // The window covers the outage this test made (7 s at least).
    let span_us = krytend::protocol::timestamp::parse_iso_us(to).expect("to")
        - krytend::protocol::timestamp::parse_iso_us(from).expect("from");
    assert!(span_us >= 6_000_000, "{span_us} µs");
    // The service reconnects and beats again; it never went down.
    let beats = during.heartbeat_count;
    kryten_e2e::eventually(Duration::from_secs(15), "heartbeats after the outage", || async {
        d.service("steady").await.filter(|s| s.heartbeat_count > beats)
    })
    .await;
    let out = d
        .ctl(&["events", "ls", "--type", "status", "--service", "steady", "-o", "json"])
        .await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let tos: Vec<&str> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["payload"]["to"].as_str())
        .collect();
    assert!(!tos.contains(&"down"), "{tos:?}");
}

#[tokio::test]
async fn malformed_huge_and_binary_payloads_are_recorded_flagged_and_harmless() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let huge = format!("{{\"service\":\"big\",\"blob\":\"{}\"}}", "x".repeat(1_000_000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("kryten.lifecycle.bad.startup", b"not json at all".to_vec()),
        ("kryten.lifecycle.bad.heartbeat", vec![0xff, 0xfe, 0x00, 0x80]),
        ("kryten.lifecycle.bad.heartbeat", nested.clone().into_bytes()),
        ("kryten.lifecycle.big.startup", huge.into_bytes()),
        ("kryten.events.cytube.x.chatmsg", b"[1,2,3]".to_vec()),
        ("kryten.service.heartbeat", b"{\"status\":\"healthy\"}".to_vec()),
        ("kryten.totally.unknown.subject", nested.into_bytes()),
        ("kryten.bad.command", Vec::new()),
    ];
    for (subject, payload) in &cases {
        client
            .publish(subject.to_string(), payload.clone().into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    // krytend's own status events take numbers too: wait for all of the
    // bus messages to be counted, not for a sequence number.
    let st = kryten_e2e::eventually(Duration::from_secs(10), "all recorded", || async {
        let st = d.status().await;
        let ingest = st.ingest.as_ref()?;
        (ingest.accepted >= cases.len() as u64
            && st.store.as_ref()?.committed_seq >= ingest.last_seq
            && ingest.malformed >= 7)
            .then_some(st)
    })
    .await;
    let ingest = st.ingest.expect("ingest");
    // Seven: the 1 MB startup is over the lifecycle payload cap (flagged, raw).
    assert_eq!(ingest.malformed, 7, "{ingest:?}");
    // Each bad lifecycle message still says the service exists.
    assert!(d.service("bad").await.is_some());
    let big = d.service("big").await.expect("a 1 MB startup still registers");
    assert_eq!(big.status, ServiceStatus::Starting as i32);
    // Raw bytes are kept as they came.
    let mut c = d.client().await;
    let r = c
        .list_events(pb::ListEventsRequest {
            filter: Some(pb::EventFilter {
                subjects: vec!["kryten.lifecycle.bad.heartbeat".into()],
                ..Default::default()
            }),
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("list")
        .into_inner();
    assert_eq!(r.events[0].payload, vec![0xff, 0xfe, 0x00, 0x80]);
    assert!(r.events.iter().all(|e| e.malformed));
    // And the daemon still answers.
    let out = d.ctl(&["events", "ls", "--type", "other", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(0));
}

async fn events_in(d: &Daemon, subject: &str, since_us: i64, until_us: i64) -> Vec<pb::Event> {
    let mut c = d.client().await;
    c.list_events(pb::ListEventsRequest {
        filter: Some(pb::EventFilter {
            subjects: vec![subject.into()],
            since_us,
            until_us,
            ..Default::default()
        }),
        limit: 10_000,
        ..Default::default()
    })
    .await
    .expect("list events")
    .into_inner()
    .events
}

async fn publish_batch(client: &async_nats::Client, subject: &str, n: usize) {
    for i in 0..n {
        client
            .publish(subject.to_string(), format!("{{\"i\":{i}}}").into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
}

#[tokio::test]
async fn time_windows_select_exactly_the_events_received_in_them() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let client = bus(&nats.url()).await;
    let mut batches = Vec::new();
    for b in 0..3 {
        publish_batch(&client, &format!("kryten.test.window.b{b}"), 200).await;
        let got = kryten_e2e::eventually(Duration::from_secs(10), "the batch stored", || async {
            let evs = events_in(&d, &format!("kryten.test.window.b{b}"), 0, 0).await;
            (evs.len() == 200).then_some(evs)
        })
        .await;
        batches.push(got);
    }
    let first = |b: usize| batches[b][0].received_us;
    let last = |b: usize| batches[b][199].received_us;
    assert!(
        last(0) < first(1) && last(1) < first(2),
        "batches do not overlap in time"
    );
    // [start of batch 1, start of batch 2) is batch 1, whole.
    let window = events_in(&d, "kryten.test.window.>", first(1), first(2)).await;
    assert_eq!(
        window.len(),
        200,
        "{:?}",
        window.iter().map(|e| &e.subject).collect::<Vec<_>>()
    );
    assert!(window.iter().all(|e| e.subject == "kryten.test.window.b1"));
    // Open-ended on either side.
    assert_eq!(events_in(&d, "kryten.test.window.>", first(1), 0).await.len(), 400);
    assert_eq!(events_in(&d, "kryten.test.window.>", 0, first(1)).await.len(), 200);
    // A bound inside a batch splits it at the right event.
    let mid = batches[1][100].received_us;
    let before_mid = batches[1].iter().filter(|e| e.received_us < mid).count();
    assert_eq!(
        events_in(&d, "kryten.test.window.>", first(1), mid).await.len(),
        before_mid
    );
    // After every event, nothing; before every event, nothing.
    assert!(events_in(&d, "kryten.test.window.>", last(2) + 1, 0).await.is_empty());
    assert!(events_in(&d, "kryten.test.window.>", 0, first(0)).await.is_empty());
}

#[tokio::test]
async fn age_retention_removes_old_events_and_keeps_newer_ones() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "store:\n  max_age: 3s\n  retention_interval: 100ms\n").await;
    let client = bus(&nats.url()).await;
    publish_batch(&client, "kryten.test.age.old", 300).await;
    kryten_e2e::eventually(Duration::from_secs(10), "old batch stored", || async {
        (events_in(&d, "kryten.test.age.old", 0, 0).await.len() == 300).then_some(())
    })
    .await;
    // An age difference is the point here, so this waits on the clock.
    tokio::time::sleep(Duration::from_secs(2)).await;
    publish_batch(&client, "kryten.test.age.new", 300).await;
    kryten_e2e::eventually(Duration::from_secs(10), "new batch stored", || async {
        (events_in(&d, "kryten.test.age.new", 0, 0).await.len() == 300).then_some(())
    })
    .await;
    kryten_e2e::eventually(Duration::from_secs(10), "old batch removed", || async {
        events_in(&d, "kryten.test.age.old", 0, 0)
            .await
            .is_empty()
            .then_some(())
    })
    .await;
    // Removed within ~1 s of expiring; the new batch has ~2 s to live.
    assert_eq!(events_in(&d, "kryten.test.age.new", 0, 0).await.len(), 300);
    let st = d.status().await.store.expect("store");
    assert!(st.retention_deleted >= 300, "{st:?}");
}
