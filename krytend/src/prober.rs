//! Pings services that never heartbeat (`system.ping` on their command
//! subject) and reports each answer or silence to the sequencer.

use std::time::{Duration, Instant};

use async_nats::Client;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::{ingest::Input, protocol::timestamp::now_us, registry::PingOutcome};

pub fn command_subject(service: &str) -> String {
    format!("kryten.{service}.command")
}

pub async fn run(
    client: Client,
    mut due: mpsc::Receiver<String>,
    results: mpsc::Sender<Input>,
    timeout: Duration,
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
    let body = json!({"service": service, "command": "system.ping"}).to_string();
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
