//! Pings services that never heartbeat (`system.ping` on their command
//! subject) and reports each answer or silence to the sequencer.

use std::time::{Duration, Instant};

use async_nats::Client;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::protocol::wire::system;
use crate::{ingest::Input, protocol::timestamp::now_us, registry::PingOutcome};

pub use crate::protocol::wire::command_subject;

pub async fn run(
    client: Client,
    mut due: mpsc::Receiver<String>,
    results: mpsc::Sender<Input>,
    timeout: Duration,
    leadership: crate::jetstream::Leadership,
    cancel: CancellationToken,
) {
    loop {
        let service = tokio::select! {
            _ = cancel.cancelled() => return,
            s = due.recv() => match s {
                Some(s) => s,
                None => return,
            },
        };
        // Replicas: the leader pings, and every replica reads its results
        // from the stream.
        if !leadership.is_leader() {
            continue;
        }
        let client = client.clone();
        let results = results.clone();
        tokio::spawn(async move {
            let outcome = ping(&client, &service, timeout).await;
            let _ = results
                .send(Input::PingResult {
                    service,
                    outcome,
                    at_us: now_us(),
                })
                .await;
        });
    }
}

/// Any reply, even `success: false`, proves the service is alive.
pub async fn ping(client: &Client, service: &str, timeout: Duration) -> PingOutcome {
    let body = json!({"service": service, "command": system::PING}).to_string();
    let started = Instant::now();
    let req = client.request(command_subject(service), body.into());
    match tokio::time::timeout(timeout, req).await {
        Ok(Ok(reply)) => {
            let rtt_ms = started.elapsed().as_secs_f64() * 1e3;
            let data = serde_json::from_slice::<Value>(&reply.payload)
                .ok()
                .and_then(|v| v.get("data").cloned());
            PingOutcome::Reply {
                rtt_ms,
                uptime_seconds: data
                    .as_ref()
                    .and_then(|d| d.get("uptime_seconds"))
                    .and_then(Value::as_f64)
                    .and_then(crate::protocol::checked_uptime),
                version: data
                    .as_ref()
                    .and_then(|d| d.get("version"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            }
        }
        _ => PingOutcome::NoReply,
    }
}

/// The one service known to keep a registry of the fleet.
pub const ROBOT: &str = "robot";
/// Names taken from one registry reply at most.
const REGISTRY_NAMES_KEPT: usize = 256;

/// Asks the robot for its own registry (`system.services`): the names it
/// lists, and the robot itself when it answers, become candidates (each
/// still probed before it is listed). Silence is normal: there may be no
/// robot.
pub async fn learn_from_robot(client: Client, results: mpsc::Sender<Input>, timeout: Duration) {
    let body = json!({"service": ROBOT, "command": system::SERVICES}).to_string();
    let req = client.request(command_subject(ROBOT), body.into());
    let Ok(Ok(reply)) = tokio::time::timeout(timeout, req).await else {
        return;
    };
    let names = registry_names(&reply.payload);
    tracing::info!("the robot's registry lists {} services", names.len().saturating_sub(1));
    let _ = results
        .send(Input::Candidates {
            names,
            source: "the robot's registry".into(),
        })
        .await;
}

/// The robot first, then every `data.services[].name` of its reply.
fn registry_names(payload: &[u8]) -> Vec<String> {
    let v: Value = serde_json::from_slice(payload).unwrap_or(Value::Null);
    let mut names = vec![ROBOT.to_string()];
    if let Some(list) = v.pointer("/data/services").and_then(Value::as_array) {
        for s in list.iter().take(REGISTRY_NAMES_KEPT) {
            if let Some(n) = s.get("name").and_then(Value::as_str) {
                if !names.iter().any(|k| k == n) {
                    names.push(n.to_string());
                }
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_come_from_the_robots_reply() {
        let reply = br#"{"service":"robot","success":true,"data":{"services":[{"name":"alpha"},{"name":"robot"},{"x":1},{"name":"userstats"}],"count":3}}"#;
        assert_eq!(registry_names(reply), vec!["robot", "alpha", "userstats"]);
        assert_eq!(registry_names(b"not json"), vec!["robot"]);
    }
}
