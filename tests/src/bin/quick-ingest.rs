//! A quick measure (not the benchmark suite): how fast krytend records a
//! flat-out burst, next to a bare NATS subscriber in the same run, and how
//! soon a startup is listed.
//!
//! cargo run --release -p kryten-e2e --bin quick-ingest -- [MESSAGES] [TRIALS]

use std::time::{Duration, Instant};

use futures::StreamExt;
use kryten_e2e::{bus, nats, Daemon, SimService, SimSpec};
use kryten_proto::v1::ServiceStatus;

fn payload(i: u64) -> String {
    format!(
        "{{\"event_name\":\"chatmsg\",\"payload\":{{\"username\":\"user{}\",\"msg\":\"message number {i} with some text\"}},\"channel\":\"lounge\",\"domain\":\"cytu.be\",\"timestamp\":\"2026-11-21T22:08:12.042280+00:00\",\"correlation_id\":\"{i:032x}\"}}",
        i % 97
    )
}

async fn publish(client: &async_nats::Client, n: u64) {
    for i in 0..n {
        client
            .publish(format!("kryten.events.cytube.lounge.e{}", i % 50), payload(i).into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let trials: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let nats = nats().await;
    let pub_client = bus(&nats.url()).await;

    let mut raw_rates = Vec::new();
    let mut d_rates = Vec::new();
    let mut lost = Vec::new();
    for t in 0..trials {
        // The bus limit: a bare subscriber that only counts.
        let sub_client = async_nats::ConnectOptions::new()
            .subscription_capacity(1 << 20)
            .connect(nats.url())
            .await
            .expect("connect");
        let mut sub = sub_client.subscribe("kryten.>").await.expect("sub");
        sub_client.flush().await.expect("flush");
        let start = Instant::now();
        let counter = tokio::spawn(async move {
            let mut got = 0u64;
            while got < n {
                match tokio::time::timeout(Duration::from_secs(5), sub.next()).await {
                    Ok(Some(_)) => got += 1,
                    _ => break,
                }
            }
            got
        });
        publish(&pub_client, n).await;
        let got = counter.await.expect("join");
        let raw = got as f64 / start.elapsed().as_secs_f64();
        raw_rates.push(raw);

        // krytend: from the first publish until the last is committed.
        let d = Daemon::start(&nats.url(), "discovery_poll: false\n").await;
        let base = d.status().await.store.expect("store").committed_seq;
        let start = Instant::now();
        publish(&pub_client, n).await;
        let deadline = Instant::now() + Duration::from_secs(120);
        let (committed, dropped) = loop {
            let st = d.status().await;
            let store = st.store.expect("store");
            let ing = st.ingest.expect("ingest");
            if store.committed_seq >= base + n - ing.dropped || Instant::now() > deadline {
                break (store.committed_seq - base, ing.dropped);
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        };
        let rate = committed as f64 / start.elapsed().as_secs_f64();
        d_rates.push(rate);
        lost.push(n - committed.min(n));
        eprintln!(
            "trial {}: bare subscriber {got}/{n} at {raw:.0}/s; krytend committed {committed}/{n} at {rate:.0}/s, dropped {dropped}",
            t + 1
        );
    }

    // Startup → listed, through the API's watch stream.
    let d = Daemon::start(&nats.url(), "").await;
    let mut listed = Vec::new();
    for i in 0..trials.max(5) {
        let name = format!("probe{i}");
        let start = Instant::now();
        let svc = SimService::start(pub_client.clone(), SimSpec::new(&name))
            .await
            .expect("sim");
        d.wait_status(&name, ServiceStatus::Starting, Duration::from_secs(5))
            .await;
        listed.push(start.elapsed().as_secs_f64() * 1e3);
        svc.crash().await;
    }
    let (raw, rate) = (median(raw_rates), median(d_rates));
    println!("messages per trial        {n} (~300-byte JSON channel events, 50 subjects)");
    println!("bare NATS subscriber      {raw:.0} msg/s (median of {trials})");
    println!(
        "krytend publish->commit   {rate:.0} msg/s (median of {trials}), {:.2}x the bus",
        rate / raw
    );
    println!("lost                      {:?} per trial", lost);
    println!(
        "startup -> listed         {:.1} ms median, {:.1} ms max",
        median(listed.clone()),
        listed.iter().cloned().fold(0.0, f64::max)
    );
}
