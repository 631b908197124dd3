//! `events tail -f --since` delivers history then live, exactly once, in
//! order, through the built krytenctl.

use std::{process::Stdio, time::Duration};

use kryten_e2e::{bin, bus, nats, Daemon};
use serde_json::Value;
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::Command,
};

const TOTAL: u64 = 10_000;

async fn publish_range(client: &async_nats::Client, from: u64, to: u64) {
    for i in from..to {
        let body = format!("{{\"n\":{i},\"pad\":\"{}\"}}", "x".repeat(200));
        client
            .publish(format!("kryten.test.burst.{}", i % 7), body.into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
}

/// `krytenctl events tail -f --subject <subject> -o jsonl`, once its live
/// stream is subscribed.
async fn follow(d: &Daemon, subject: &str) -> tokio::process::Child {
    let child = Command::new(bin("krytenctl"))
        .args([
            "--server",
            &d.server(),
            "events",
            "tail",
            "-f",
            "--subject",
            subject,
            "-o",
            "jsonl",
        ])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn krytenctl");
    kryten_e2e::eventually(Duration::from_secs(5), "the tail to subscribe", || async {
        (d.status().await.live_subscribers >= 1).then_some(())
    })
    .await;
    child
}

/// The `n` of the first `want` events the tail prints (within a minute).
async fn read_ns(child: &mut tokio::process::Child, want: u64) -> Vec<u64> {
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut ns = Vec::new();
    let read = async {
        while let Some(line) = lines.next_line().await.expect("line") {
            let v: Value = serde_json::from_str(&line).expect("json");
            ns.push(v["payload"]["n"].as_u64().expect("n"));
            if ns.len() as u64 == want {
                break;
            }
        }
    };
    if tokio::time::timeout(Duration::from_secs(60), read).await.is_err() {
        panic!("only {} of {want} arrived", ns.len());
    }
    ns
}

#[tokio::test]
async fn tail_since_over_a_burst_delivers_every_event_once_in_order() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let client = bus(&nats.url()).await;
    // Half before the tail starts (history), half while it runs (live).
    publish_range(&client, 0, TOTAL / 2).await;
    let mut child = Command::new(bin("krytenctl"))
        .args([
            "--server",
            &d.server(),
            "events",
            "tail",
            "-f",
            "--since",
            "10m",
            "--subject",
            "kryten.test.>",
            "-o",
            "jsonl",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn krytenctl");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut seen: Vec<(u64, u64)> = Vec::with_capacity(TOTAL as usize);
    let read = async {
        while let Some(line) = lines.next_line().await.expect("read line") {
            let v: Value = serde_json::from_str(&line).expect("one JSON object per line");
            let seq = v["seq"].as_u64().expect("seq");
            let n = v["payload"]["n"].as_u64().expect("payload n");
            seen.push((seq, n));
            if seen.len() == 1 {
                // The stream is established: publish the second half now,
                // racing the history replay.
                let client = client.clone();
                tokio::spawn(async move { publish_range(&client, TOTAL / 2, TOTAL).await });
            }
            if seen.len() as u64 == TOTAL {
                break;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(60), read)
        .await
        .unwrap_or_else(|_| panic!("only {} of {TOTAL} events arrived", seen.len()));
    let ns: Vec<u64> = seen.iter().map(|(_, n)| *n).collect();
    assert_eq!(
        ns,
        (0..TOTAL).collect::<Vec<_>>(),
        "every event exactly once, in publish order"
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 < w[1].0),
        "sequence numbers strictly increase"
    );
    // Nothing more arrives after the last one (no duplicate trailing).
    let extra = tokio::time::timeout(Duration::from_millis(500), lines.next_line()).await;
    assert!(extra.is_err(), "unexpected extra line: {extra:?}");
    let st = d.status().await.ingest.expect("ingest");
    assert_eq!(st.dropped, 0);
}

#[tokio::test]
async fn a_slow_tail_client_catches_up_from_the_store_without_loss() {
    let nats = nats().await;
    // A tiny hub buffer forces the tail to lag behind the burst.
    let d = Daemon::start(&nats.url(), "hub:\n  capacity: 16\n").await;
    let client = bus(&nats.url()).await;
    let mut child = follow(&d, "kryten.test.>").await;
    publish_range(&client, 0, TOTAL).await;
    assert_eq!(read_ns(&mut child, TOTAL).await, (0..TOTAL).collect::<Vec<_>>());
    let st = d.status().await.ingest.expect("ingest");
    assert!(
        st.subscriber_missed > 0,
        "the hub should have lagged this client: {st:?}"
    );
}

/// A gauge from the daemon's metrics.
async fn metric(d: &Daemon, name: &str) -> f64 {
    let addr = kryten_e2e::api_guard::host_port(&d.ws().await);
    let m = kryten_e2e::http::get(&addr, "/metrics", None).await;
    assert_eq!(m.status, 200, "{}", m.body);
    m.body
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
        .unwrap_or_else(|| panic!("{name} not in the metrics"))
}

#[tokio::test]
async fn a_tail_client_that_stops_reading_holds_no_more_than_the_hubs_byte_budget_and_loses_nothing() {
    const BIG: u64 = 300;
    let nats = nats().await;
    // 4 MiB for the hub: 2 MiB of events, about ten of these.
    let d = Daemon::start(&nats.url(), "hub:\n  max_bytes: 4194304\n").await;
    let client = bus(&nats.url()).await;
    let mut child = follow(&d, "kryten.test.big.>").await;
    // 30 MB the client does not read (its stdout is not read either).
    let pad = "x".repeat(100_000);
    for i in 0..BIG {
        client
            .publish(
                format!("kryten.test.big.{}", i % 3),
                format!("{{\"n\":{i},\"pad\":\"{pad}\"}}").into(),
            )
            .await
            .expect("publish");
        if i % 20 == 19 {
            client.flush().await.expect("flush");
        }
    }
    client.flush().await.expect("flush");
    kryten_e2e::eventually(Duration::from_secs(30), "the hub to pass the client over", || async {
        let st = d.status().await;
        let missed = st.ingest.expect("ingest").subscriber_missed;
        (missed > 0 && st.store.expect("store").committed_seq >= BIG).then_some(())
    })
    .await;
    let held = metric(&d, "krytend_stream_held_bytes").await;
    // Holding what the stuck client has not read, within the budget.
    assert!(
        held > 0.0 && held <= 2.0 * 1024.0 * 1024.0,
        "the hub holds {held} bytes"
    );
    // Once the client reads again, the tail catches up from the store.
    assert_eq!(read_ns(&mut child, BIG).await, (0..BIG).collect::<Vec<_>>());
}
