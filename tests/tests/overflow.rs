//! A burst longer than every buffer of core ingest: what is lost is
//! counted to the message, wherever it was lost (the bus client's buffer,
//! the byte budget, the queue), and marked in the stream by gap events.

use std::time::Duration;

use async_nats::HeaderMap;
use kryten_e2e::{
    bus, eventually,
    jsload::{stored_counters, SUBJECT},
    nats, Daemon,
};
use kryten_proto::v1 as pb;

const N: u64 = 200_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_over_every_buffer_loses_only_what_it_counts() {
    let nats = nats().await;
    // Buffers far smaller than the burst: the bus client holds 4 messages,
    // the queue behind it 64 KiB.
    let d = Daemon::start(
        &nats.url(),
        "discovery_poll: false\nnats:\n  subscription_capacity: 4\n  ingest_queue: 256\n  ingest_queue_bytes: 65536\n",
    )
    .await;
    let before = d.status().await.ingest.expect("ingest");
    let client = bus(&nats.url()).await;
    for i in 0..N {
        // A header too, so a message's cost is not only its payload.
        let mut h = HeaderMap::new();
        h.insert("Kryten-Test", "overflow");
        client
            .publish_with_headers(SUBJECT, h, format!("{{\"i\":{i}}}").into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");

    // Everything published is either stored or counted as dropped, exactly.
    let db = d.db.clone();
    let (stored, ingest) = eventually(Duration::from_secs(60), "stored + dropped = published", || {
        let db = db.clone();
        let d = &d;
        async move {
            let ingest = d.status().await.ingest?;
            let stored = tokio::task::spawn_blocking(move || stored_counters(&db))
                .await
                .expect("join");
            let dropped = ingest.dropped - before.dropped;
            (stored.len() as u64 + dropped == N).then_some((stored, ingest))
        }
    })
    .await;
    let dup: Vec<_> = stored.iter().filter(|(_, k)| **k > 1).take(5).collect();
    assert!(dup.is_empty(), "stored twice: {dup:?}");
    let dropped = ingest.dropped - before.dropped;
    assert!(
        dropped > 0,
        "a burst this long over these buffers loses some: {ingest:?}"
    );
    // Each loss has its cause, and the causes add up.
    let by_client = ingest.dropped_by_client - before.dropped_by_client;
    let over_budget = ingest.dropped_over_budget - before.dropped_over_budget;
    assert!(by_client + over_budget <= dropped, "{ingest:?}");
    eprintln!("{N} published: {} stored, {by_client} dropped by the bus client, {over_budget} over the byte budget, {} at the queue", stored.len(), dropped - by_client - over_budget);
    // Stays exact: nothing more is counted once the bus is still.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let later = d.status().await.ingest.expect("ingest");
    assert_eq!(later.dropped, ingest.dropped, "the count settled");

    // The stream marks the loss: gap events whose `missed` add up to it.
    let d = &d;
    eventually(Duration::from_secs(30), "gap events for every loss", || async move {
        let gaps = d
            .client()
            .await
            .list_events(pb::ListEventsRequest {
                filter: Some(pb::EventFilter {
                    kinds: vec!["gap".into()],
                    ..Default::default()
                }),
                limit: 10_000,
                ..Default::default()
            })
            .await
            .ok()?
            .into_inner()
            .events;
        let missed: u64 = gaps
            .iter()
            .filter_map(|g| serde_json::from_slice::<serde_json::Value>(&g.payload).ok())
            .filter_map(|v| v["missed"].as_u64())
            .sum();
        (missed == ingest.dropped).then_some(())
    })
    .await;
}
