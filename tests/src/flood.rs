//! Helpers for the name-flood, state-growth and discovery tests: a
//! robot-like command handler, a counter of the requests krytend sends,
//! and publish→store latency.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::StreamExt;
use kryten_proto::v1 as pb;
use serde_json::{json, Value};
use tokio::task::JoinHandle;

use crate::Daemon;

/// Answers `kryten.{name}.command` as kryten-robot does: `system.ping`,
/// `system.services` (with `listed`), `Unknown command` for anything else.
pub struct Responder {
    task: JoinHandle<()>,
}

impl Drop for Responder {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub async fn answer_commands(client: async_nats::Client, name: &str, listed: Vec<String>) -> Responder {
    let mut sub = client
        .subscribe(format!("kryten.{name}.command"))
        .await
        .expect("subscribe to the command subject");
    client.flush().await.expect("flush");
    let name = name.to_string();
    let started = Instant::now();
    let task = tokio::spawn(async move {
        while let Some(m) = sub.next().await {
            let Some(reply) = m.reply else { continue };
            let req: Value = serde_json::from_slice(&m.payload).unwrap_or(Value::Null);
            let body = match req["command"].as_str() {
                Some("system.ping") => json!({"service": name, "command": "system.ping", "success": true,
                    "data": {"pong": true, "service": name, "version": "1.0",
                        "uptime_seconds": started.elapsed().as_secs_f64()}}),
                Some("system.services") => json!({"service": name, "command": "system.services", "success": true,
                    "data": {"services": listed.iter().map(|n| json!({"name": n})).collect::<Vec<_>>(),
                        "count": listed.len()}}),
                _ => json!({"success": false, "error": "Unknown command"}),
            };
            let _ = client.publish(reply, body.to_string().into()).await;
        }
    });
    Responder { task }
}

/// Publishes a CyTube channel event every `every`, as only the robot does.
pub fn channel_events(client: async_nats::Client, every: Duration) -> Responder {
    let task = tokio::spawn(async move {
        let mut i = 0u64;
        loop {
            i += 1;
            let body = json!({"event_name": "usercount", "payload": i, "channel": "lobby", "domain": "localhost",
                "timestamp": "2026-11-22T07:00:00+00:00", "correlation_id": format!("c{i}")});
            let _ = client
                .publish("kryten.events.cytube.lobby.usercount", body.to_string().into())
                .await;
            tokio::time::sleep(every).await;
        }
    });
    Responder { task }
}

/// Counts the commands sent on `kryten.*.command`, per target and command.
#[derive(Clone, Default)]
pub struct RequestCounter {
    counts: Arc<Mutex<HashMap<(String, String), u64>>>,
}

impl RequestCounter {
    pub async fn start(client: &async_nats::Client) -> (RequestCounter, Responder) {
        let mut sub = client.subscribe("kryten.*.command").await.expect("subscribe");
        client.flush().await.expect("flush");
        let me = RequestCounter::default();
        let counts = me.counts.clone();
        let task = tokio::spawn(async move {
            while let Some(m) = sub.next().await {
                let target = m.subject.split('.').nth(1).unwrap_or_default().to_string();
                let req: Value = serde_json::from_slice(&m.payload).unwrap_or(Value::Null);
                let command = req["command"].as_str().unwrap_or_default().to_string();
                if let Ok(mut c) = counts.lock() {
                    *c.entry((target, command)).or_default() += 1;
                }
            }
        });
        (me, Responder { task })
    }

    /// Requests of `command` to targets for which `which` holds.
    pub fn count(&self, command: &str, which: impl Fn(&str) -> bool) -> u64 {
        self.counts.lock().map_or(0, |c| {
            c.iter()
                .filter(|((t, cmd), _)| cmd == command && which(t))
                .map(|(_, n)| *n)
                .sum()
        })
    }
}

/// How long one message takes from publish to being readable in the store.
pub async fn store_latency(d: &Daemon, client: &async_nats::Client, subject: &str) -> Duration {
    let mut c = d.client().await;
    let started = Instant::now();
    client.publish(subject.to_string(), "{}".into()).await.expect("publish");
    client.flush().await.expect("flush");
    loop {
        let found = c
            .list_events(pb::ListEventsRequest {
                filter: Some(pb::EventFilter {
                    subjects: vec![subject.to_string()],
                    ..Default::default()
                }),
                limit: 1,
                newest: true,
                ..Default::default()
            })
            .await
            .map(|r| !r.into_inner().events.is_empty())
            .unwrap_or(false);
        if found {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{subject} not stored within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Resident memory of a process, in bytes (`VmRSS`).
pub fn rss_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// A lifecycle message's base payload.
pub fn base(service: &str, uptime: f64) -> Value {
    json!({"service": service, "version": "1.0", "hostname": "vm",
        "timestamp": "2026-11-22T07:00:00+00:00", "uptime_seconds": uptime})
}

/// Returns once krytend records what is published (its subscription is
/// live): a single message sent before that would be lost to the test.
pub async fn settle(d: &Daemon, client: &async_nats::Client) {
    let mut c = d.client().await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        client
            .publish("kryten.test.settle", "{}".into())
            .await
            .expect("publish");
        client.flush().await.expect("flush");
        tokio::time::sleep(Duration::from_millis(50)).await;
        let seen = c
            .list_events(pb::ListEventsRequest {
                filter: Some(pb::EventFilter {
                    subjects: vec!["kryten.test.settle".into()],
                    ..Default::default()
                }),
                limit: 1,
                ..Default::default()
            })
            .await
            .map(|r| !r.into_inner().events.is_empty())
            .unwrap_or(false);
        if seen {
            return;
        }
        assert!(Instant::now() < deadline, "krytend records nothing published");
    }
}
