//! A quick measure of the logs path (not the benchmark suite): lines/s
//! recorded from NATS and from a tailed file, and publish → `logs -f`
//! print latency, next to a bare NATS subscriber in the same run.
//!
//! cargo build --release --workspace && target/release/quick-logs [LINES]

use std::{
    io::Write,
    process::Stdio,
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use futures::StreamExt;
use kryten_e2e::{bin, bus, nats, Daemon};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::Command,
};

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

async fn committed(d: &Daemon) -> u64 {
    d.status().await.store.map(|s| s.committed_seq).unwrap_or(0)
}

async fn until_committed(d: &Daemon, target: u64) {
    while committed(d).await < target {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let nats = nats().await;
    let client = bus(&nats.url()).await;
    let line = |i: u64| {
        format!("{{\"service\":\"bench\",\"level\":\"INFO\",\"message\":\"processed request {i} for user {} in 12 ms\",\"timestamp\":\"2026-11-21T10:00:00+00:00\",\"logger\":\"kryten.bench\"}}", i % 100)
    };

    // Bare subscriber, same lines.
    let sub_client = async_nats::ConnectOptions::new()
        .subscription_capacity(1 << 20)
        .connect(nats.url())
        .await
        .expect("connect");
    let mut sub = sub_client.subscribe("kryten.logs.>").await.expect("sub");
    sub_client.flush().await.expect("flush");
    let start = Instant::now();
    let count = tokio::spawn(async move {
        let mut got = 0;
        while got < n {
            match tokio::time::timeout(Duration::from_secs(5), sub.next()).await {
                Ok(Some(_)) => got += 1,
                _ => break,
            }
        }
        got
    });
    for i in 0..n {
        client
            .publish("kryten.logs.bench", line(i).into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    let got = count.await.expect("join");
    let raw = got as f64 / start.elapsed().as_secs_f64();
    drop(sub_client);

    // From NATS into krytend.
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("bench.log");
    std::fs::write(&file, b"").expect("create");
    let yaml = format!(
        "discovery_poll: false\nlogs:\n  poll_interval: 50ms\n  files:\n    - {{service: filebench, path: {}}}\n",
        file.display()
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let base = committed(&d).await;
    let start = Instant::now();
    for i in 0..n {
        client
            .publish("kryten.logs.bench", line(i).into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    until_committed(&d, base + n).await;
    let from_nats = n as f64 / start.elapsed().as_secs_f64();

    // From a file.
    let base = committed(&d).await;
    let mut text = Vec::with_capacity(n as usize * 80);
    for i in 0..n {
        writeln!(
            text,
            "2026-11-21 10:00:00,{:03} - kryten.filebench - INFO - processed request {i} in 12 ms",
            i % 1000
        )
        .expect("fmt");
    }
    let start = Instant::now();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .expect("open")
        .write_all(&text)
        .expect("write");
    until_committed(&d, base + n).await;
    let from_file = n as f64 / start.elapsed().as_secs_f64();

    // Publish → printed by `krytenctl logs -f`, at 1,000 lines/s.
    client
        .publish("kryten.logs.lat", "{\"message\":\"warm-up\"}".into())
        .await
        .expect("publish");
    client.flush().await.expect("flush");
    until_committed(&d, committed(&d).await + 1).await;
    let mut child = Command::new(bin("krytenctl"))
        .args(["--server", &d.server(), "logs", "lat", "-f", "-n", "1"])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("krytenctl");
    let mut out = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let _ = out.next_line().await;
    let samples = 3000u64;
    let pc = client.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(1));
        for _ in 0..samples {
            tick.tick().await;
            pc.publish(
                "kryten.logs.lat",
                format!("{{\"level\":\"INFO\",\"message\":\"sent {}\"}}", now_ns()).into(),
            )
            .await
            .expect("publish");
        }
        pc.flush().await.expect("flush");
    });
    let mut lat = Vec::new();
    while (lat.len() as u64) < samples {
        let Ok(Ok(Some(l))) = tokio::time::timeout(Duration::from_secs(10), out.next_line()).await else {
            break;
        };
        if let Some(sent) = l.rsplit("sent ").next().and_then(|s| s.trim().parse::<u128>().ok()) {
            lat.push((now_ns().saturating_sub(sent)) as f64 / 1e6);
        }
    }
    lat.sort_by(f64::total_cmp);
    println!("lines per run                {n}");
    println!("bare NATS subscriber         {raw:.0} lines/s");
    println!(
        "krytend from NATS            {from_nats:.0} lines/s recorded ({:.2}x the bus)",
        from_nats / raw
    );
    println!("krytend from a file          {from_file:.0} lines/s recorded");
    println!(
        "publish -> `logs -f` print   p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} lines at 1,000/s)",
        pct(&lat, 0.5),
        pct(&lat, 0.99),
        lat.last().copied().unwrap_or(0.0),
        lat.len()
    );
}
