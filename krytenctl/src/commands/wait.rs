//! `krytenctl wait --for=CONDITION SERVICE... [--timeout D]`

use std::collections::BTreeMap;

use clap::{Args, ValueEnum};
use futures::StreamExt;
use kryten_proto::v1 as pb;

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    output::status_name,
    timespec,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Condition {
    /// Status healthy
    Healthy,
    /// Up: starting, healthy, degraded or failing
    Startup,
    /// Status down (heartbeats or pings stopped)
    Down,
    /// Announced a graceful shutdown
    Stopped,
}

impl Condition {
    fn holds(self, status: &str) -> bool {
        match self {
            Condition::Healthy => status == "healthy",
            Condition::Startup => matches!(status, "starting" | "healthy" | "degraded" | "failing"),
            Condition::Down => status == "down",
            Condition::Stopped => status == "stopped",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Condition::Healthy => "healthy",
            Condition::Startup => "startup",
            Condition::Down => "down",
            Condition::Stopped => "stopped",
        }
    }
}

#[derive(Debug, Args)]
pub struct WaitArgs {
    /// The condition to wait for
    #[arg(long = "for", value_enum, value_name = "CONDITION")]
    pub condition: Condition,
    /// Services; one that does not exist yet is waited for
    #[arg(required = true, value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Give up after this long (exit 1)
    #[arg(long, default_value = "60s", value_name = "DURATION")]
    pub timeout: String,
}

pub async fn run(ctx: &Ctx, a: &WaitArgs) -> Result<u8> {
    let timeout = timespec::duration(&a.timeout).map_err(CtlError::Usage)?;
    let mut c = ctx.client().await?;
    let mut stream = c
        .watch_services(pb::WatchServicesRequest {
            names: a.services.clone(),
            initial: true,
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    let mut current: BTreeMap<String, String> = a.services.iter().map(|s| (s.clone(), "unknown".to_string())).collect();
    let done = |current: &BTreeMap<String, String>| current.values().all(|st| a.condition.holds(st));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let next = tokio::select! {
            _ = tokio::time::sleep_until(deadline) => None,
            n = stream.next() => Some(n),
        };
        match next {
            None => {
                let pending: Vec<String> = current
                    .iter()
                    .filter(|(_, st)| !a.condition.holds(st))
                    .map(|(n, st)| format!("{n} is {st}"))
                    .collect();
                return Err(CtlError::Failed(format!(
                    "timed out after {} waiting for {}: {}",
                    a.timeout,
                    a.condition.name(),
                    pending.join(", ")
                )));
            }
            Some(None) => {
                return Err(CtlError::Unreachable(format!(
                    "krytend at {} closed the stream",
                    ctx.server
                )));
            }
            Some(Some(Err(e))) => return Err(ctx.rpc_error(e)),
            Some(Some(Ok(u))) => {
                if let Some(s) = u.service {
                    let st = status_name(s.status).to_string();
                    if ctx.out.verbose {
                        ctx.out.notice(&format!("{}: {st}", s.name));
                    }
                    current.insert(s.name, st);
                }
                // The initial snapshot may already satisfy it; otherwise wait
                // for changes.
                if done(&current) {
                    ctx.out.notice(&format!(
                        "condition met: {} {}",
                        a.services.join(", "),
                        a.condition.name()
                    ));
                    return Ok(0);
                }
            }
        }
    }
}
