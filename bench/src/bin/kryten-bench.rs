//! kryten-bench: krytend's figures next to their references, measured in
//! the same run, on a private nats-server. `--smoke` runs each benchmark
//! for seconds (CI); the full run is manual (see bench/README.md).

use std::{
    process::Stdio,
    time::{Duration, Instant},
};

use clap::Parser;
use futures::StreamExt;
use kryten_bench::{now_ns, run as load, LoadSpec};
use kryten_e2e::{bin, nats, Daemon};
use kryten_proto::v1 as pb;
use serde_json::Value;

#[derive(Parser)]
#[command(
    name = "kryten-bench",
    about = "Benchmarks of krytend against the bus and a hand-written pipeline"
)]
struct Args {
    /// Seconds, not minutes: small counts, for CI
    #[arg(long)]
    smoke: bool,
    /// Comma-separated subset: ingest, tail, fanout, query, cli
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Events per ingest run (default 1,000,000; smoke 20,000)
    #[arg(long)]
    events: Option<u64>,
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// (cpu ticks, current RSS KiB, peak RSS KiB)
fn usage(pid: u32) -> (u64, u64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let f: Vec<&str> = stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    };
    (t(11) + t(12), kib("VmRSS:"), kib("VmHWM:"))
}

struct Row(String, String, String, String);

fn print(rows: &[Row]) {
    let w0 = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let w2 = rows.iter().map(|r| r.2.len()).max().unwrap_or(0);
    println!(
        "{:<w0$}  {:<w1$}  {:<w2$}  RATIO",
        "BENCHMARK", "KRYTEND", "REFERENCE (same run)"
    );
    for r in rows {
        println!("{:<w0$}  {:<w1$}  {:<w2$}  {}", r.0, r.1, r.2, r.3);
    }
}

/// The bus limit: a bare subscriber that only counts.
async fn bare_count(url: &str, spec: &LoadSpec) -> (f64, u64) {
    let c = async_nats::ConnectOptions::new()
        .subscription_capacity(1 << 21)
        .connect(url)
        .await
        .expect("connect");
    let mut sub = c.subscribe("kryten.events.>").await.expect("sub");
    c.flush().await.expect("flush");
    let n = spec.count;
    let t = Instant::now();
    let counter = tokio::spawn(async move {
        let mut got = 0u64;
        while got < n {
            match tokio::time::timeout(Duration::from_secs(3), sub.next()).await {
                Ok(Some(_)) => got += 1,
                _ => break,
            }
        }
        got
    });
    let p = async_nats::connect(url).await.expect("connect");
    load(&p, spec).await.expect("load");
    let got = counter.await.expect("join");
    (got as f64 / t.elapsed().as_secs_f64(), n - got)
}

/// The storage limit: a minimal subscriber → batched SQLite writer with
/// krytend's event schema and indexes.
async fn handwritten(url: &str, spec: &LoadSpec) -> (f64, u64, f64, f64) {
    let dir = std::env::temp_dir().join(format!("kryten-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("naive.db");
    let _ = std::fs::remove_file(&path);
    let c = async_nats::ConnectOptions::new().connect(url).await.expect("connect");
    let mut sub = c.subscribe("kryten.events.>").await.expect("sub");
    c.flush().await.expect("flush");
    let (tx, rx) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(65_536);
    let n = spec.count;
    let writer = std::thread::spawn(move || {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
             CREATE TABLE events (seq INTEGER PRIMARY KEY, received_us INTEGER NOT NULL, subject TEXT NOT NULL,
               kind TEXT NOT NULL, service TEXT, channel TEXT, event_type TEXT, correlation_id TEXT,
               event_time_us INTEGER, reply_to TEXT, error TEXT, payload BLOB NOT NULL);
             CREATE INDEX e1 ON events (received_us); CREATE INDEX e2 ON events (service, seq) WHERE service IS NOT NULL;
             CREATE INDEX e3 ON events (kind, seq);",
        )
        .expect("schema");
        let mut lat = Vec::new();
        let mut stored = 0u64;
        let mut seq = 0i64;
        while let Ok(first) = rx.recv_timeout(Duration::from_secs(3)) {
            let mut batch = vec![first];
            while batch.len() < 1000 {
                match rx.recv_timeout(Duration::from_millis(10)) {
                    Ok(m) => batch.push(m),
                    Err(_) => break,
                }
            }
            let tx = conn.transaction().expect("tx");
            {
                let mut st = tx
                    .prepare_cached("INSERT INTO events (seq, received_us, subject, kind, payload) VALUES (?1, ?2, ?3, 'channel_event', ?4)")
                    .expect("prepare");
                for (s, p) in &batch {
                    seq += 1;
                    st.execute(rusqlite::params![seq, (now_ns() / 1000) as i64, s, p])
                        .expect("insert");
                }
            }
            tx.commit().expect("commit");
            let now = now_ns();
            for (_, p) in &batch {
                if let Some(sent) = serde_json::from_slice::<Value>(p).ok().and_then(|v| v["sent"].as_u64()) {
                    lat.push((now.saturating_sub(sent)) as f64 / 1e6);
                }
            }
            stored += batch.len() as u64;
            if stored >= n {
                break;
            }
        }
        (stored, lat)
    });
    let t = Instant::now();
    let fwd = tokio::spawn(async move {
        let mut dropped = 0u64;
        let mut got = 0u64;
        while got < n {
            match tokio::time::timeout(Duration::from_secs(3), sub.next()).await {
                Ok(Some(m)) => {
                    got += 1;
                    if tx.try_send((m.subject.to_string(), m.payload.to_vec())).is_err() {
                        dropped += 1;
                    }
                }
                _ => break,
            }
        }
        dropped
    });
    let p = async_nats::connect(url).await.expect("connect");
    load(&p, spec).await.expect("load");
    let _ = fwd.await;
    let (stored, mut lat) = tokio::task::spawn_blocking(move || writer.join().expect("writer"))
        .await
        .expect("join");
    let rate = stored as f64 / t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    (rate, n.saturating_sub(stored), pct(&mut lat, 0.5), pct(&mut lat, 0.99))
}

/// krytend: publish → committed, loss, commit latency (from committed-
/// sequence polls every 2 ms), CPU per event, peak RSS.
async fn krytend_ingest(url: &str, spec: &LoadSpec) -> (f64, u64, f64, f64, f64, u64) {
    let d = Daemon::start(url, "discovery_poll: false\nhub:\n  capacity: 65536\n").await;
    let st = d.status().await;
    let pid = st.pid;
    let base = st.store.map(|s| s.committed_seq).unwrap_or(0);
    let (t0, _, _) = usage(pid);
    let p = async_nats::connect(url).await.expect("connect");
    let started = Instant::now();
    let spec2 = spec.clone();
    let publisher = tokio::spawn(async move { load(&p, &spec2).await.expect("load") });
    let mut polls: Vec<(u64, u64)> = Vec::new();
    let mut c = d.client().await;
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut quiet_since: Option<(Instant, u64)> = None;
    loop {
        let s = c.status(pb::StatusRequest {}).await.expect("status").into_inner();
        let committed = s.store.map(|x| x.committed_seq).unwrap_or(0);
        let ing = s.ingest.unwrap_or_default();
        polls.push((now_ns(), committed - base));
        // Done when the publisher is, everything accepted is committed,
        // and nothing new has arrived for a while.
        if publisher.is_finished() && committed >= ing.last_seq {
            match quiet_since {
                Some((t, r)) if r == ing.received && t.elapsed() > Duration::from_millis(300) => break,
                Some((_, r)) if r == ing.received => {}
                _ => quiet_since = Some((Instant::now(), ing.received)),
            }
        }
        if Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let sent = publisher.await.expect("publisher");
    let s = d.status().await;
    let ing = s.ingest.unwrap_or_default();
    let (t1, _, hwm) = usage(pid);
    // Message i is committed once the committed count passes it (plus the
    // startups sent before it).
    let mut lat = Vec::with_capacity(sent.len() / 10);
    let mut j = 0;
    for (i, sent_ns) in sent.iter().enumerate().step_by(10) {
        let need = i as u64 + 1 + spec.services as u64;
        while j < polls.len() && polls[j].1 < need {
            j += 1;
        }
        if j < polls.len() {
            lat.push(polls[j].0.saturating_sub(*sent_ns) as f64 / 1e6);
        }
    }
    let lost = ing.dropped;
    // The time of the last commit, not of the quiet wait after it.
    let last_commit = polls
        .iter()
        .find(|p| p.1 >= polls.last().map_or(0, |l| l.1))
        .map_or(0, |p| p.0);
    let elapsed = (last_commit.saturating_sub(sent.first().copied().unwrap_or(0))) as f64 / 1e9;
    let _ = started;
    let cpu_us = (t1 - t0) as f64 * 10_000.0 / spec.count as f64;
    (
        spec.count as f64 / elapsed,
        lost,
        pct(&mut lat, 0.5),
        pct(&mut lat, 0.99),
        cpu_us,
        hwm / 1024,
    )
}

async fn ingest(url: &str, events: u64, rows: &mut Vec<Row>) {
    for rate in [0u64, 10_000, 50_000, 100_000, 200_000] {
        let spec = LoadSpec {
            count: events,
            rate,
            ..Default::default()
        };
        let label = if rate == 0 {
            "flat out".to_string()
        } else {
            format!("{}k/s", rate / 1000)
        };
        let (bus, bus_lost) = bare_count(url, &spec).await;
        let (naive, naive_lost, n50, n99) = handwritten(url, &spec).await;
        let (k, k_lost, k50, k99, cpu, rss) = krytend_ingest(url, &spec).await;
        rows.push(Row(
            format!("ingest {label}: rate persisted"),
            format!("{k:.0}/s, lost {k_lost}"),
            format!("bus {bus:.0}/s (lost {bus_lost}); hand-written {naive:.0}/s (lost {naive_lost})"),
            format!("{:.2}x bus, {:.2}x hand-written", k / bus, k / naive),
        ));
        rows.push(Row(
            format!("ingest {label}: publish->commit p50/p99"),
            format!("{k50:.1}/{k99:.1} ms"),
            format!("hand-written {n50:.1}/{n99:.1} ms"),
            format!("{:.2}x p99", k99 / n99),
        ));
        rows.push(Row(
            format!("ingest {label}: CPU/event, peak RSS"),
            format!("{cpu:.1} us, {rss} MiB"),
            String::new(),
            String::new(),
        ));
    }
}

/// Publish → TailEvents receipt, and the bare subscriber's latency.
async fn tail_latency(
    url: &str,
    d: &Daemon,
    rate: u64,
    count: u64,
    clients: usize,
) -> (Vec<f64>, Vec<f64>, Vec<f64>, f64) {
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let mut c = d.client().await;
        let mut stream = c
            .tail_events(pb::TailEventsRequest {
                filter: Some(pb::EventFilter {
                    subjects: vec!["kryten.events.cytube.>".into()],
                    kinds: vec!["channel_event".into()],
                    ..Default::default()
                }),
                ..Default::default()
            })
            .await
            .expect("tail")
            .into_inner();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while let Ok(Some(Ok(r))) = tokio::time::timeout(Duration::from_secs(3), stream.next()).await {
                if let Some(pb::tail_events_response::Item::Event(e)) = r.item {
                    let now = now_ns();
                    if let Some(sent) = serde_json::from_slice::<Value>(&e.payload)
                        .ok()
                        .and_then(|v| v["sent"].as_u64())
                    {
                        lat.push(now.saturating_sub(sent) as f64 / 1e6);
                    }
                }
            }
            lat
        }));
    }
    let raw = async_nats::connect(url).await.expect("connect");
    let mut sub = raw.subscribe("kryten.events.>").await.expect("sub");
    raw.flush().await.expect("flush");
    let raw_task = tokio::spawn(async move {
        let mut lat = Vec::new();
        while let Ok(Some(m)) = tokio::time::timeout(Duration::from_secs(3), sub.next()).await {
            if let Some(sent) = serde_json::from_slice::<Value>(&m.payload)
                .ok()
                .and_then(|v| v["sent"].as_u64())
            {
                lat.push(now_ns().saturating_sub(sent) as f64 / 1e6);
            }
        }
        lat
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let p = async_nats::connect(url).await.expect("connect");
    let spec = LoadSpec {
        count,
        rate,
        channel: "tail".into(),
        ..Default::default()
    };
    let before = d.status().await.store.map(|s| s.committed_seq).unwrap_or(0);
    let started = Instant::now();
    load(&p, &spec).await.expect("load");
    // Ingest while the clients were attached: committed over the window.
    let mut committed = before;
    for _ in 0..500 {
        let s = d.status().await;
        committed = s.store.map(|s| s.committed_seq).unwrap_or(0);
        if committed >= s.ingest.map(|i| i.last_seq).unwrap_or(0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let ingest_rate = (committed - before) as f64 / started.elapsed().as_secs_f64();
    let mut per_client_p99 = Vec::new();
    let mut all = Vec::new();
    for t in tasks {
        let mut l = t.await.expect("client");
        per_client_p99.push(pct(&mut l, 0.99));
        all.extend(l);
    }
    (all, raw_task.await.expect("raw"), per_client_p99, ingest_rate)
}

async fn tail(url: &str, smoke: bool, rows: &mut Vec<Row>) {
    let d = Daemon::start(url, "discovery_poll: false\n").await;
    for rate in [1_000u64, 10_000] {
        let count = if smoke { rate } else { rate * 10 };
        let (mut k, mut raw, _, _) = tail_latency(url, &d, rate, count, 1).await;
        rows.push(Row(
            format!("tail at {}k/s: publish->client p50/p99/p999", rate / 1000),
            format!(
                "{:.2}/{:.2}/{:.2} ms ({} recv)",
                pct(&mut k, 0.5),
                pct(&mut k, 0.99),
                pct(&mut k, 0.999),
                k.len()
            ),
            format!(
                "bare NATS {:.2}/{:.2}/{:.2} ms",
                pct(&mut raw, 0.5),
                pct(&mut raw, 0.99),
                pct(&mut raw, 0.999)
            ),
            format!("{:.1}x p99", pct(&mut k, 0.99) / pct(&mut raw, 0.99)),
        ));
    }
}

async fn fanout(url: &str, smoke: bool, rows: &mut Vec<Row>) {
    let d = Daemon::start(url, "discovery_poll: false\n").await;
    let pid = d.status().await.pid;
    for clients in [1usize, 50, 200] {
        let count = if smoke { 1_000 } else { 10_000 };
        let (t0, _, _) = usage(pid);
        let started = Instant::now();
        let (mut all, _, mut per, ingest_rate) = tail_latency(url, &d, 1_000, count, clients).await;
        let secs = started.elapsed().as_secs_f64();
        let (t1, rss, _) = usage(pid);
        rows.push(Row(
            format!("fan-out {clients} tail clients at 1k/s"),
            format!(
                "p99 {:.2} ms (worst client {:.2} ms), {} deliveries",
                pct(&mut all, 0.99),
                per.iter().cloned().fold(0.0, f64::max),
                all.len()
            ),
            format!("ingest {ingest_rate:.0}/s committed (published at 1000/s)"),
            format!("CPU {:.0}%, RSS {} MiB", (t1 - t0) as f64 / secs, rss / 1024),
        ));
        let _ = pct(&mut per, 0.5);
    }
}

async fn query(url: &str, smoke: bool, rows: &mut Vec<Row>) {
    let n = if smoke { 50_000 } else { 1_000_000 };
    let d = Daemon::start(url, "discovery_poll: false\n").await;
    let p = async_nats::connect(url).await.expect("connect");
    let spec = LoadSpec {
        count: n,
        log_ratio: 0.2,
        ..Default::default()
    };
    load(&p, &spec).await.expect("load");
    let target = d.status().await.ingest.map(|i| i.last_seq).unwrap_or(0);
    while d.status().await.store.map(|s| s.committed_seq).unwrap_or(0) < target {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut c = d.client().await;
    let now_us = (now_ns() / 1000) as i64;
    let cases: Vec<(&str, pb::EventFilter)> = vec![
        (
            "time (last 10 s)",
            pb::EventFilter {
                since_us: now_us - 10_000_000,
                ..Default::default()
            },
        ),
        (
            "service",
            pb::EventFilter {
                services: vec!["svc3".into()],
                ..Default::default()
            },
        ),
        (
            "subject wildcard",
            pb::EventFilter {
                subjects: vec!["kryten.events.cytube.*.chatmsg".into()],
                ..Default::default()
            },
        ),
    ];
    for (name, f) in cases {
        let mut t = Vec::new();
        for _ in 0..30 {
            let s = Instant::now();
            c.list_events(pb::ListEventsRequest {
                filter: Some(f.clone()),
                limit: 100,
                newest: true,
                ..Default::default()
            })
            .await
            .expect("list");
            t.push(s.elapsed().as_secs_f64() * 1e3);
        }
        rows.push(Row(
            format!("query {name} over {n} rows"),
            format!("p50 {:.1} ms, p99 {:.1} ms", pct(&mut t, 0.5), pct(&mut t, 0.99)),
            String::new(),
            String::new(),
        ));
    }
    let mut t = Vec::new();
    for _ in 0..30 {
        let s = Instant::now();
        c.list_logs(pb::ListLogsRequest {
            filter: Some(pb::LogFilter {
                grep: "kryten party".into(),
                ..Default::default()
            }),
            limit: 100,
            newest: true,
        })
        .await
        .expect("logs");
        t.push(s.elapsed().as_secs_f64() * 1e3);
    }
    rows.push(Row(
        format!("query full-text logs over {} rows", n / 5),
        format!("p50 {:.1} ms, p99 {:.1} ms", pct(&mut t, 0.5), pct(&mut t, 0.99)),
        String::new(),
        String::new(),
    ));
}

async fn cli(url: &str, rows: &mut Vec<Row>) {
    let d = Daemon::start(url, "discovery_poll: false\n").await;
    let p = async_nats::connect(url).await.expect("connect");
    for s in 0..50 {
        let (subj, body) = kryten_bench::lifecycle(s, "startup", 1.0);
        p.publish(subj, body.into()).await.expect("publish");
    }
    p.flush().await.expect("flush");
    while d.status().await.service_count < 50 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for args in [vec!["services", "ls"], vec!["events", "ls", "-n", "100"]] {
        let mut t = Vec::new();
        for _ in 0..20 {
            let s = Instant::now();
            let out = std::process::Command::new(bin("krytenctl"))
                .arg("--server")
                .arg(d.server())
                .args(&args)
                .stdout(Stdio::null())
                .env("KRYTEN_CONFIG", "/nonexistent")
                .status()
                .expect("krytenctl");
            assert!(out.success());
            t.push(s.elapsed().as_secs_f64() * 1e3);
        }
        rows.push(Row(
            format!("krytenctl {} (50 services)", args.join(" ")),
            format!("median {:.1} ms wall", pct(&mut t, 0.5)),
            String::new(),
            String::new(),
        ));
    }
}

#[tokio::main]
async fn main() {
    let a = Args::parse();
    let want = |s: &str| a.only.is_empty() || a.only.iter().any(|o| o == s);
    let nats = nats().await;
    let url = nats.url();
    let mut rows = Vec::new();
    let events = a.events.unwrap_or(if a.smoke { 20_000 } else { 1_000_000 });
    if want("ingest") {
        ingest(&url, events, &mut rows).await;
    }
    if want("tail") {
        tail(&url, a.smoke, &mut rows).await;
    }
    if want("fanout") {
        fanout(&url, a.smoke, &mut rows).await;
    }
    if want("query") {
        query(&url, a.smoke, &mut rows).await;
    }
    if want("cli") {
        cli(&url, &mut rows).await;
    }
    print(&rows);
}
