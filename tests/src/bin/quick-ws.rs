//! A quick measure of the WebSocket path (not the benchmark suite):
//! publish → WebSocket client latency at 1,000 events/s with 1 and with 200
//! clients, the daemon's CPU and memory meanwhile, and a bare NATS
//! subscriber's latency in the same run.
//!
//! cargo build --release --workspace && target/release/quick-ws [SECONDS]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::{SinkExt, StreamExt};
use kryten_e2e::{bus, nats, Daemon};
use serde_json::{json, Value};
use tokio_tungstenite::{connect_async, tungstenite::Message};

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// (utime + stime in clock ticks, RSS in KiB) of a process.
fn proc_usage(pid: u32) -> (u64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = f.get(11).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
        + f.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (ticks, rss)
}

async fn round(
    d: &Daemon,
    nats_url: &str,
    token: &str,
    clients: usize,
    seconds: u64,
) -> (Vec<f64>, Vec<f64>, f64, u64) {
    let url = d.ws().await;
    let mut tasks = Vec::new();
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel(clients);
    let total = seconds * 1000;
    for _ in 0..clients {
        let (url, token, ready) = (url.clone(), token.to_string(), ready_tx.clone());
        tasks.push(tokio::spawn(async move {
            let (mut ws, _) = connect_async(url).await.expect("connect");
            ws.send(Message::Text(
                json!({"type": "auth", "token": token}).to_string().into(),
            ))
            .await
            .expect("auth");
            ws.send(Message::Text(
                json!({"type": "subscribe", "id": "s", "stream": "events",
                "filters": {"subjects": ["kryten.bench.ws"]}})
                .to_string()
                .into(),
            ))
            .await
            .expect("sub");
            let mut lat = Vec::new();
            let mut seen = 0u64;
            while seen < total {
                let Ok(Some(Ok(m))) = tokio::time::timeout(Duration::from_secs(10), ws.next()).await else {
                    break;
                };
                let Message::Text(t) = m else { continue };
                let v: Value = serde_json::from_str(t.as_str()).unwrap_or(Value::Null);
                match v["type"].as_str() {
                    Some("subscribed") => {
                        let _ = ready.send(()).await;
                    }
                    Some("event") => {
                        let now = now_ns();
                        for e in v["events"].as_array().into_iter().flatten() {
                            seen += 1;
                            if let Some(sent) = e["payload"]["sent"].as_u64() {
                                lat.push((now.saturating_sub(u128::from(sent))) as f64 / 1e6);
                            }
                        }
                    }
                    _ => {}
                }
            }
            lat
        }));
    }
    for _ in 0..clients {
        ready_rx.recv().await;
    }
    // The bare subscriber, same messages.
    let raw = async_nats::connect(nats_url).await.expect("connect");
    let mut sub = raw.subscribe("kryten.bench.ws").await.expect("sub");
    raw.flush().await.expect("flush");
    let raw_task = tokio::spawn(async move {
        let mut lat = Vec::new();
        while (lat.len() as u64) < total {
            let Ok(Some(m)) = tokio::time::timeout(Duration::from_secs(10), sub.next()).await else {
                break;
            };
            let v: Value = serde_json::from_slice(&m.payload).unwrap_or(Value::Null);
            if let Some(sent) = v["sent"].as_u64() {
                lat.push((now_ns().saturating_sub(u128::from(sent))) as f64 / 1e6);
            }
        }
        lat
    });
    let pid = d.status().await.pid;
    let (t0, _) = proc_usage(pid);
    let client = bus(nats_url).await;
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    let started = std::time::Instant::now();
    let mut peak_rss = 0;
    let pad = "x".repeat(250);
    for i in 0..total {
        tick.tick().await;
        let body = format!("{{\"sent\":{},\"i\":{i},\"pad\":\"{pad}\"}}", now_ns());
        client.publish("kryten.bench.ws", body.into()).await.expect("publish");
        if i % 500 == 0 {
            peak_rss = peak_rss.max(proc_usage(pid).1);
        }
    }
    client.flush().await.expect("flush");
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let (t1, rss) = proc_usage(pid);
    let ticks_per_sec = 100.0;
    let cpu = (t1 - t0) as f64 / ticks_per_sec / elapsed * 100.0;
    (all, raw_task.await.expect("raw"), cpu, peak_rss.max(rss))
}

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "discovery_poll: false\nwebsocket:\n  max_clients: 512\n").await;
    let out = d.ctl(&["token", "create", "--name", "bench", "--role", "viewer"]).await;
    let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
    println!("publish -> WebSocket client at 1,000 events/s for {seconds}s (release build)");
    for clients in [1usize, 200] {
        let (mut ws, mut raw, cpu, rss) = round(&d, &nats.url(), &token, clients, seconds).await;
        let expected = clients as u64 * seconds * 1000;
        println!(
            "{clients:>3} client(s): {} of {expected} received, p50 {:.2} ms, p99 {:.2} ms | bare NATS p50 {:.2} ms, p99 {:.2} ms | krytend CPU {cpu:.0}% of a core, RSS {} MiB",
            ws.len(),
            pct(&mut ws, 0.5),
            pct(&mut ws, 0.99),
            pct(&mut raw, 0.5),
            pct(&mut raw, 0.99),
            rss / 1024
        );
    }
}
