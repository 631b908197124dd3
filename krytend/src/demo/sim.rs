//! Simulated Kryten services that speak the real wire protocol: lifecycle
//! events, heartbeats, discovery re-announcements, `system.*` commands and
//! channel events. Used by `krytend --demo` and by the tests.

use std::time::{Duration, Instant};

use async_nats::Client;
use futures::StreamExt;
use rand::Rng;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::protocol::timestamp::{format_us, now_us};

#[derive(Debug, Clone)]
pub struct SimSpec {
    pub name: String,
    pub version: String,
    /// `None`: never heartbeats (like kryten-robot).
    pub heartbeat: Option<Duration>,
    /// Publish `kryten.service.heartbeat` with this status word instead of
    /// the lifecycle heartbeat.
    pub reported_status: Option<String>,
    pub answers_commands: bool,
    pub reannounces: bool,
    /// Channel events on `kryten.events.cytube.{channel}.*` at this period.
    pub channel_events: Option<(String, Duration)>,
    /// Log lines on `kryten.logs.{name}` at this period.
    pub logs: Option<Duration>,
    pub health_port: Option<u16>,
    /// Answer `system.shutdown` (and stop); with `respawn`, come back as a
    /// new process, as a supervisor would start it again.
    pub honors_shutdown: bool,
    /// Acknowledge `system.shutdown` but keep running (a broken service).
    pub ignores_shutdown: bool,
    /// Restart on `kryten.lifecycle.group.restart` (after its delay).
    pub honors_group_restart: bool,
    pub respawn: Option<Duration>,
    /// Answer `system.config` with this (shared, so a test can change it
    /// while the service runs).
    pub config: Option<std::sync::Arc<std::sync::Mutex<Value>>>,
}

impl SimSpec {
    pub fn new(name: &str) -> Self {
        Self {
            name: name.into(),
            version: "1.0.0".into(),
            heartbeat: Some(Duration::from_secs(5)),
            reported_status: None,
            answers_commands: true,
            reannounces: true,
            channel_events: None,
            logs: None,
            health_port: None,
            honors_shutdown: false,
            ignores_shutdown: false,
            honors_group_restart: false,
            respawn: None,
            config: None,
        }
    }

    pub fn heartbeat(mut self, every: Option<Duration>) -> Self {
        self.heartbeat = every;
        self
    }
}

/// A running simulated service.
pub struct SimService {
    stop: CancellationToken,
    graceful: CancellationToken,
    task: tokio::task::JoinHandle<()>,
}

impl SimService {
    pub async fn start(client: Client, spec: SimSpec) -> Result<SimService, async_nats::SubscribeError> {
        let stop = CancellationToken::new();
        let graceful = CancellationToken::new();
        let commands = client.subscribe(format!("kryten.{}.command", spec.name)).await?;
        let polls = client.subscribe(crate::protocol::wire::DISCOVERY_POLL_SUBJECT).await?;
        let group = client.subscribe(crate::protocol::wire::GROUP_RESTART_SUBJECT).await?;
        let task = tokio::spawn(run(
            client,
            spec,
            commands,
            polls,
            group,
            stop.clone(),
            graceful.clone(),
        ));
        Ok(SimService { stop, graceful, task })
    }

    /// Publishes `shutdown` and stops.
    pub async fn shutdown(self) {
        self.graceful.cancel();
        let _ = self.task.await;
    }

    /// Vanishes without a word, as a crashed process does.
    pub async fn crash(self) {
        self.stop.cancel();
        let _ = self.task.await;
    }
}

struct Life {
    client: Client,
    spec: SimSpec,
    started: Instant,
}

/// What a command asks of the process.
enum After {
    Continue,
    Exit,
}

impl Life {
    fn base(&self) -> Value {
        let mut v = json!({
            "service": self.spec.name,
            "version": self.spec.version,
            "hostname": "demo-host",
            "timestamp": format_us(now_us()),
            "uptime_seconds": self.started.elapsed().as_secs_f64(),
        });
        if let Some(port) = self.spec.health_port {
            v["metadata"] = json!({"endpoints": {
                "health": {"port": port, "path": "/health"},
                "metrics": {"port": port, "path": "/metrics"},
            }});
        }
        v
    }

    async fn publish(&self, subject: String, body: Value) {
        if let Err(e) = self.client.publish(subject, body.to_string().into()).await {
            tracing::debug!("sim {}: publish failed: {e}", self.spec.name);
        }
    }

    async fn lifecycle(&self, event: &str, extra: Value) {
        let mut body = self.base();
        if let (Value::Object(b), Value::Object(e)) = (&mut body, extra) {
            b.extend(e);
        }
        self.publish(format!("kryten.lifecycle.{}.{event}", self.spec.name), body)
            .await;
    }

    fn reply(&self, request: &[u8]) -> (Value, After) {
        let Ok(req) = serde_json::from_slice::<Value>(request) else {
            return (json!({"error": "Invalid JSON"}), After::Continue);
        };
        let name = &self.spec.name;
        match req.get("service").and_then(Value::as_str) {
            Some(s) if s != name => {
                return (
                    json!({"service": name, "success": false,
                    "error": format!("Command intended for '{s}', not '{name}'")}),
                    After::Continue,
                )
            }
            _ => {}
        }
        let Some(cmd) = req.get("command").and_then(Value::as_str) else {
            return (
                json!({"service": name, "success": false, "error": "Missing 'command' field"}),
                After::Continue,
            );
        };
        if cmd == "system.shutdown" && (self.spec.honors_shutdown || self.spec.ignores_shutdown) {
            let data = json!({"success": true, "message": "Shutdown initiated", "delay_seconds": 0,
                "reason": req.get("reason").cloned().unwrap_or(Value::Null)});
            let after = if self.spec.honors_shutdown {
                After::Exit
            } else {
                After::Continue
            };
            return (
                json!({"service": name, "command": cmd, "success": true, "data": data}),
                after,
            );
        }
        let uptime = self.started.elapsed().as_secs_f64();
        let data = match cmd {
            "system.ping" => json!({"pong": true, "service": name, "version": self.spec.version,
                "uptime_seconds": uptime, "timestamp": format_us(now_us())}),
            "system.health" => json!({"service": name, "status":
                self.spec.reported_status.clone().unwrap_or_else(|| "healthy".into()),
                "version": self.spec.version, "uptime_seconds": uptime}),
            "system.stats" => json!({"service": name, "uptime_seconds": uptime}),
            "system.config" if self.spec.config.is_some() => self
                .spec
                .config
                .as_ref()
                .and_then(|c| c.lock().ok().map(|v| v.clone()))
                .unwrap_or(Value::Null),
            other => {
                return (
                    json!({"service": name, "command": other, "success": false,
                    "error": format!("Unknown command: {other}")}),
                    After::Continue,
                )
            }
        };
        (
            json!({"service": name, "command": cmd, "success": true, "data": data}),
            After::Continue,
        )
    }
}

async fn run(
    client: Client,
    spec: SimSpec,
    mut commands: async_nats::Subscriber,
    mut polls: async_nats::Subscriber,
    mut group: async_nats::Subscriber,
    stop: CancellationToken,
    graceful: CancellationToken,
) {
    loop {
        let exit = live(&client, &spec, &mut commands, &mut polls, &mut group, &stop, &graceful).await;
        match (exit, spec.respawn) {
            (Exit::Asked, Some(pause)) => {
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = graceful.cancelled() => return,
                    _ = tokio::time::sleep(pause) => {}
                }
            }
            _ => return,
        }
    }
}

enum Exit {
    /// Told to stop by the test (crash or graceful).
    Done,
    /// Asked to by a command or a group restart.
    Asked,
}

/// One process lifetime.
async fn live(
    client: &Client,
    spec: &SimSpec,
    commands: &mut async_nats::Subscriber,
    polls: &mut async_nats::Subscriber,
    group: &mut async_nats::Subscriber,
    stop: &CancellationToken,
    graceful: &CancellationToken,
) -> Exit {
    let client = client.clone();
    let spec = spec.clone();
    let life = Life {
        client: client.clone(),
        spec: spec.clone(),
        started: Instant::now(),
    };
    life.lifecycle("connected", json!({"target": "NATS"})).await;
    life.lifecycle("startup", json!({})).await;
    let far = Duration::from_secs(86_400 * 365);
    let mut hb = tokio::time::interval_at(
        tokio::time::Instant::now() + spec.heartbeat.unwrap_or(far),
        spec.heartbeat.unwrap_or(far),
    );
    let ev_every = spec.channel_events.as_ref().map_or(far, |c| c.1);
    let mut events = tokio::time::interval_at(tokio::time::Instant::now() + ev_every, ev_every);
    let log_every = spec.logs.unwrap_or(far);
    let mut logs = tokio::time::interval_at(tokio::time::Instant::now() + log_every, log_every);
    let mut n: u64 = 0;
    loop {
        tokio::select! {
            _ = stop.cancelled() => return Exit::Done,
            _ = graceful.cancelled() => {
                life.lifecycle("shutdown", json!({"reason": "Normal shutdown"})).await;
                let _ = tokio::time::timeout(Duration::from_secs(2), client.flush()).await;
                return Exit::Done;
            }
            _ = hb.tick() => match &spec.reported_status {
                Some(word) => {
                    let mut body = life.base();
                    body["status"] = json!(word);
                    body["metrics"] = json!({"queue_depth": rand::rng().random_range(0..50)});
                    life.publish("kryten.service.heartbeat".into(), body).await;
                }
                None => life.lifecycle("heartbeat", json!({})).await,
            },
            _ = events.tick() => {
                if let Some((channel, _)) = &spec.channel_events {
                    n += 1;
                    let (event, payload) = match n % 3 {
                        0 => ("usercount", json!(rand::rng().random_range(1..40))),
                        1 => ("chatmsg", json!({"username": "alice", "msg": format!("hello #{n}"), "time": now_us() / 1000})),
                        _ => ("mediaupdate", json!({"currentTime": n as f64 * 1.5, "paused": false})),
                    };
                    let body = json!({"event_name": event, "payload": payload, "channel": channel,
                        "domain": "cytu.be", "timestamp": format_us(now_us()),
                        "correlation_id": format!("{:032x}", rand::rng().random::<u128>())});
                    life.publish(format!("kryten.events.cytube.{channel}.{event}"), body).await;
                }
            }
            _ = logs.tick() => {
                n += 1;
                let level = ["INFO", "INFO", "DEBUG", "WARNING"][(n % 4) as usize];
                let body = json!({"service": spec.name, "level": level,
                    "message": format!("processed batch {n}"), "timestamp": format_us(now_us()),
                    "logger": format!("kryten.{}", spec.name)});
                life.publish(format!("kryten.logs.{}", spec.name), body).await;
            }
            Some(msg) = commands.next() => {
                if spec.answers_commands {
                    let (body, after) = life.reply(&msg.payload);
                    if let Some(reply) = msg.reply {
                        let _ = client.publish(reply, body.to_string().into()).await;
                    }
                    if let After::Exit = after {
                        life.lifecycle("shutdown", json!({"reason": "Shutdown requested"})).await;
                        let _ = tokio::time::timeout(Duration::from_secs(2), client.flush()).await;
                        return Exit::Asked;
                    }
                }
            }
            Some(msg) = group.next() => {
                if spec.honors_group_restart {
                    let delay = serde_json::from_slice::<Value>(&msg.payload)
                        .ok()
                        .and_then(|v| v.get("delay_seconds").and_then(Value::as_f64))
                        .unwrap_or(0.0);
                    tokio::time::sleep(Duration::from_secs_f64(delay.clamp(0.0, 300.0))).await;
                    life.lifecycle("shutdown", json!({"reason": "Group restart"})).await;
                    let _ = tokio::time::timeout(Duration::from_secs(2), client.flush()).await;
                    return Exit::Asked;
                }
            }
            Some(_) = polls.next() => {
                if spec.reannounces {
                    life.lifecycle("startup", json!({})).await;
                }
            }
        }
    }
}
