//! JetStream ingest on a three-node cluster with an R3 stream: killing
//! the node that leads the stream (and that krytend may be connected to)
//! loses nothing and stores nothing twice.
//!
//! The stream takes several seconds to elect a new leader; publishes in
//! that window fail or go unanswered and are sent again (the load is the
//! test's, krytend only reads the stream).

use std::time::Duration;

use async_nats::{jetstream, HeaderMap};
use kryten_e2e::{
    cluster::NatsCluster,
    eventually,
    jsload::{seq_span, stored_counters, SUBJECT},
    Daemon,
};

const N: u64 = 20_000;

/// Publishes `0..N` into the stream at about `per_sec`, each with a message
/// id, retrying one until the stream has it (a retry of a stored one is
/// dropped by the stream's duplicate window): published means stored once.
async fn publish(js: jetstream::Context, per_sec: u64) -> u64 {
    let started = tokio::time::Instant::now();
    // Every wait is bounded: a publish to a cluster in the middle of an
    // election must fail (and be retried), never hang the test.
    let store = |i: u64| {
        let js = js.clone();
        async move {
            let mut h = HeaderMap::new();
            h.insert("Nats-Msg-Id", format!("load-{i}").as_str());
            let ack = tokio::time::timeout(
                Duration::from_secs(5),
                js.publish_with_headers(SUBJECT, h, format!("{{\"i\":{i}}}").into()),
            )
            .await
            .map_err(|_| ())?
            .map_err(|_| ())?;
            match tokio::time::timeout(Duration::from_secs(5), ack).await {
                Ok(Ok(_)) => Ok(()),
                _ => Err(()),
            }
        }
    };
    let mut done = 0;
    const CHUNK: u64 = 200;
    for from in (0..N).step_by(CHUNK as usize) {
        tokio::time::sleep_until(started + Duration::from_micros(from * 1_000_000 / per_sec)).await;
        // A chunk's publishes are awaited together, and so are the retries
        // of those that failed: a publish sent to a stream leader that then
        // died gets no answer, and 200 of them waited out one by one
        // (5 s each) would take many minutes.
        let mut pending: Vec<u64> = (from..(from + CHUNK).min(N)).collect();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        let mut tries = 0;
        while !pending.is_empty() {
            tries += 1;
            if tries > 1 {
                eprintln!(
                    "{:?}: {} of events {from}.. not acknowledged, try {tries}",
                    started.elapsed(),
                    pending.len()
                );
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "events {pending:?} never stored by the stream"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            let results = futures::future::join_all(pending.iter().map(|&i| store(i))).await;
            let before = pending.len();
            pending = pending
                .into_iter()
                .zip(results)
                .filter_map(|(i, r)| r.is_err().then_some(i))
                .collect();
            done += (before - pending.len()) as u64;
        }
        if done % 2_000 == 0 {
            eprintln!("{:?}: {done} published and acknowledged", started.elapsed());
        }
    }
    done
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_stream_leader_of_three_nodes_loses_nothing_and_stores_nothing_twice() {
    // A hang anywhere is a failure, not a stuck run.
    tokio::time::timeout(Duration::from_secs(240), scenario())
        .await
        .expect("the scenario finished within 4 minutes");
}

async fn stream_leader(js: &jetstream::Context) -> Option<String> {
    let mut s = tokio::time::timeout(Duration::from_secs(5), js.get_stream("KRYTEN"))
        .await
        .ok()?
        .ok()?;
    let info = tokio::time::timeout(Duration::from_secs(5), s.info())
        .await
        .ok()?
        .ok()?;
    info.cluster.clone().and_then(|c| c.leader)
}

async fn scenario() {
    let mut cluster = NatsCluster::start(3);
    let addrs: Vec<async_nats::ServerAddr> = (0..3).map(|i| cluster.url(i).parse().expect("url")).collect();
    let c = async_nats::connect(addrs).await.expect("connect to the cluster");
    let js = jetstream::new(c);
    eventually(Duration::from_secs(30), "JetStream ready on the cluster", || async {
        tokio::time::timeout(Duration::from_secs(5), js.query_account())
            .await
            .ok()?
            .ok()
            .map(|_| ())
    })
    .await;
    let d = Daemon::start(
        &cluster.urls(),
        "ingest:\n  mode: jetstream\njetstream:\n  replicas: 3\n  ack_wait: 5s\n  max_bytes: 268435456\n",
    )
    .await;
    // The load comes through a node that stays; krytend may be on the one
    // that dies (it is given all three).
    let leader = eventually(Duration::from_secs(30), "the stream's leader", || stream_leader(&js)).await;
    let idx = cluster.index(&leader).expect("a node of ours");
    let publisher_node = (idx + 1) % 3;
    let pc = async_nats::connect(cluster.url(publisher_node)).await.expect("connect");
    let publisher = tokio::spawn(publish(jetstream::new(pc), 4_000));
    // Mid-stream: the node leading the stream dies.
    let db = d.db.clone();
    eventually(Duration::from_secs(30), "a fifth of the load stored", || {
        let db = db.clone();
        async move {
            let n = tokio::task::spawn_blocking(move || stored_counters(&db).len())
                .await
                .expect("join");
            (n as u64 >= N / 5).then_some(())
        }
    })
    .await;
    cluster.kill(idx);
    eprintln!("killed {leader}, the stream's leader");
    assert_eq!(publisher.await.expect("publisher"), N);

    let got = eventually(Duration::from_secs(60), "every event stored", || {
        let db = db.clone();
        async move {
            let c = tokio::task::spawn_blocking(move || stored_counters(&db))
                .await
                .expect("join");
            (c.len() as u64 >= N).then_some(c)
        }
    })
    .await;
    let dup: Vec<_> = got.iter().filter(|(_, k)| **k > 1).take(10).collect();
    assert!(dup.is_empty(), "events stored twice (counter, times): {dup:?}");
    assert_eq!(got.len() as u64, N, "only the published counters");
    // Every stream number is a row, once.
    let survivor = async_nats::connect(cluster.url(publisher_node)).await.expect("connect");
    let js = jetstream::new(survivor);
    eventually(Duration::from_secs(30), "the store mirrors the stream", || {
        let db = db.clone();
        let js = js.clone();
        async move {
            let mut s = tokio::time::timeout(Duration::from_secs(5), js.get_stream("KRYTEN"))
                .await
                .ok()?
                .ok()?;
            let last = tokio::time::timeout(Duration::from_secs(5), s.info())
                .await
                .ok()?
                .ok()?
                .state
                .last_sequence;
            let span = tokio::task::spawn_blocking(move || seq_span(&db)).await.expect("join");
            (span == (last, 1, last)).then_some(())
        }
    })
    .await;
    // Its lease lives in an R3 bucket too: krytend still leads.
    let st = d.status().await.jetstream.expect("jetstream");
    assert_eq!(st.replicas, 3);
    assert_eq!(st.role, "leader", "{}", st.last_error);
}
