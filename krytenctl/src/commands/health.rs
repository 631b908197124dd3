//! `krytenctl health`: Nagios-style exit codes (0 OK, 1 WARNING,
//! 2 CRITICAL, 3 UNKNOWN), as `nats server check` does.

use clap::{Args, ValueEnum};
use kryten_proto::v1 as pb;
use serde_json::json;

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    output::{status_from_name, status_name, Format},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HealthFormat {
    Text,
    Json,
    Nagios,
}

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Services that must exist and be up (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "SVC")]
    pub require: Vec<String>,
    /// Statuses that are critical rather than a warning, e.g. degraded (comma-separated);
    /// `alerts`: firing alerts decide too (a critical one: CRITICAL, others: WARNING)
    #[arg(long, value_delimiter = ',', value_name = "STATUS")]
    pub fail_on: Vec<String>,
    /// Output style (also follows -o json)
    #[arg(long, value_enum)]
    pub format: Option<HealthFormat>,
}

pub fn nagios_code(state: &str) -> u8 {
    match state {
        "ok" => 0,
        "warning" => 1,
        "critical" => 2,
        _ => 3,
    }
}

pub async fn run(ctx: &Ctx, a: &HealthArgs) -> Result<u8> {
    let format = a.format.unwrap_or(match ctx.out.format {
        Format::Json | Format::Jsonl | Format::Yaml => HealthFormat::Json,
        _ => HealthFormat::Text,
    });
    let fail_on_alerts = a.fail_on.iter().any(|s| s == "alerts");
    let fail_on = a
        .fail_on
        .iter()
        .filter(|s| *s != "alerts")
        .map(|s| {
            status_from_name(s)
                .map(|st| st as i32)
                .ok_or_else(|| CtlError::Usage(format!("unknown status {s:?} in --fail-on")))
        })
        .collect::<Result<Vec<_>>>()?;
    let resp = async {
        let mut c = ctx.client().await?;
        c.health(pb::HealthRequest {
            require: a.require.clone(),
            fail_on,
            fail_on_alerts,
        })
        .await
        .map(tonic::Response::into_inner)
        .map_err(|e| ctx.rpc_error(e))
    }
    .await;
    let r = match resp {
        Ok(r) => r,
        // A monitor must hear UNKNOWN, with the reason, when we cannot look.
        Err(CtlError::Unreachable(msg)) => {
            match format {
                HealthFormat::Json => ctx
                    .out
                    .document(&json!({"kind": "Health", "state": "unknown", "summary": msg})),
                HealthFormat::Nagios => ctx.out.line(&format!("KRYTEN UNKNOWN - {msg}")),
                HealthFormat::Text => ctx.out.line(&format!("UNKNOWN: {msg}")),
            }
            return Ok(3);
        }
        Err(e) => return Err(e),
    };
    match format {
        HealthFormat::Json => ctx.out.document(&kryten_proto::documents::health_json(&r)),
        HealthFormat::Nagios => {
            let count = |st: &str| r.services.iter().filter(|s| status_name(s.status) == st).count();
            let perf = ["healthy", "starting", "degraded", "failing", "down", "stopped"]
                .iter()
                .map(|st| format!("{st}={}", count(st)))
                .collect::<Vec<_>>()
                .join(" ");
            ctx.out.line(&format!(
                "KRYTEN {} - {} | services={} {perf} alerts_firing={} alerts_critical={}",
                r.state.to_ascii_uppercase(),
                r.summary,
                r.services.len(),
                r.alerts_firing,
                r.alerts_critical
            ));
        }
        HealthFormat::Text => {
            ctx.out.line(&format!(
                "{}: {}",
                ctx.out
                    .paint_status(&match r.state.as_str() {
                        "ok" => "healthy".to_string(),
                        "warning" => "degraded".to_string(),
                        _ => "down".to_string(),
                    })
                    .replace("healthy", "OK")
                    .replace("degraded", "WARNING")
                    .replace("down", &r.state.to_ascii_uppercase()),
                r.summary
            ));
            if ctx.out.verbose {
                for s in &r.services {
                    ctx.out
                        .line(&format!("  {:<20} {:<10} {}", s.name, status_name(s.status), s.reason));
                }
            }
        }
    }
    Ok(nagios_code(&r.state))
}
