//! `krytenctl alerts ls` and `krytenctl silence add|ls|expire`

use clap::{Args, Subcommand};
use kryten_proto::v1 as pb;
use serde_json::json;

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    output::{age_since, list_json, time_json, time_text},
    timespec,
};

#[derive(Debug, Subcommand)]
pub enum AlertsCmd {
    /// Alerts pending or firing now, worst first
    #[command(visible_alias = "list")]
    Ls(AlertsLsArgs),
    /// Send a test notification through a receiver now (operator)
    Test(AlertsTestArgs),
}

#[derive(Debug, Args)]
pub struct AlertsTestArgs {
    /// A receiver named in the daemon's alerts.receivers (or `log`)
    pub receiver: String,
}

#[derive(Debug, Args)]
pub struct AlertsLsArgs {
    /// Only alerts in this state
    #[arg(long, value_parser = ["pending", "firing"])]
    pub state: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SilenceCmd {
    /// Silence the alerts that match every matcher (name=value, name!=value, name=~regex)
    Add(SilenceAddArgs),
    /// Silences in force or yet to start
    #[command(visible_alias = "list")]
    Ls,
    /// End a silence now
    Expire(SilenceExpireArgs),
}

#[derive(Debug, Args)]
pub struct SilenceAddArgs {
    /// Label matchers, e.g. service=llm alertname=~Service.*
    #[arg(required = true, value_name = "MATCHER")]
    pub matchers: Vec<String>,
    /// How long (e.g. 2h, 30m)
    #[arg(long = "for", value_name = "DURATION", default_value = "1h")]
    pub duration: String,
    /// Why (kept with the silence and in the audit trail)
    #[arg(long, default_value = "")]
    pub comment: String,
}

#[derive(Debug, Args)]
pub struct SilenceExpireArgs {
    pub id: String,
}

fn ms_to_us(ms: i64) -> i64 {
    ms.saturating_mul(1000)
}

fn alert_json(a: &pb::AlertInfo) -> serde_json::Value {
    let labels: std::collections::BTreeMap<_, _> = a.labels.iter().collect();
    json!({"fingerprint": a.fingerprint, "labels": labels, "severity": a.severity, "summary": a.summary,
        "state": a.state, "activeAt": time_json(ms_to_us(a.active_at_ms)), "firedAt": time_json(ms_to_us(a.fired_at_ms))})
}

fn silence_json(s: &pb::SilenceInfo) -> serde_json::Value {
    json!({"id": s.id, "matchers": s.matchers, "startsAt": time_json(ms_to_us(s.starts_ms)),
        "endsAt": time_json(ms_to_us(s.ends_ms)), "author": s.author, "comment": s.comment})
}

pub async fn run_alerts(ctx: &Ctx, cmd: &AlertsCmd) -> Result<u8> {
    let mut c = ctx.client().await?;
    match cmd {
        AlertsCmd::Test(a) => {
            let r = c
                .test_receiver(pb::TestReceiverRequest {
                    receiver: a.receiver.clone(),
                })
                .await
                .map_err(|e| ctx.rpc_error(e))?
                .into_inner();
            let ok = r.attempts.last().is_some_and(|x| x.ok);
            if ctx.out.is_machine() {
                let attempts: Vec<_> = r
                    .attempts
                    .iter()
                    .map(|x| json!({"at": time_json(ms_to_us(x.at_ms)), "ok": x.ok, "status": x.status, "error": x.error}))
                    .collect();
                ctx.out
                    .document(&json!({"kind": "ReceiverTest", "receiver": a.receiver, "ok": ok, "attempts": attempts}));
            } else {
                for (i, x) in r.attempts.iter().enumerate() {
                    let what = if x.ok {
                        "delivered".to_string()
                    } else {
                        format!("failed: {}", x.error)
                    };
                    ctx.out
                        .line(&format!("attempt {}: {what} (status {})", i + 1, x.status));
                }
            }
            return Ok(if ok { 0 } else { 1 });
        }
        AlertsCmd::Ls(a) => {
            let r = c
                .list_alerts(pb::ListAlertsRequest {
                    state: a.state.clone().unwrap_or_default(),
                })
                .await
                .map_err(|e| ctx.rpc_error(e))?
                .into_inner();
            if ctx.out.is_machine() {
                let mut doc = list_json("AlertList", r.alerts.iter().map(alert_json).collect());
                doc["deliveryFailures"] = r.delivery_failures.into();
                ctx.out.document(&doc);
                return Ok(0);
            }
            let now = jiff::Timestamp::now().as_microsecond();
            let mut t = ctx
                .out
                .table(&["STATE", "SEVERITY", "ALERT", "SERVICE", "SINCE", "SUMMARY"]);
            for a in &r.alerts {
                t.add_row(vec![
                    a.state.clone(),
                    a.severity.clone(),
                    a.labels.get("alertname").cloned().unwrap_or_default(),
                    a.labels.get("service").cloned().unwrap_or_else(|| "-".into()),
                    age_since(now, ms_to_us(a.active_at_ms)),
                    a.summary.clone(),
                ]);
            }
            ctx.out.print_table(&t);
            if r.alerts.is_empty() {
                ctx.out.notice("no alerts pending or firing");
            }
            if r.delivery_failures > 0 {
                ctx.out.notice(&format!(
                    "{} notification delivery attempts failed since krytend started",
                    r.delivery_failures
                ));
            }
        }
    }
    Ok(0)
}

pub async fn run_silence(ctx: &Ctx, cmd: &SilenceCmd) -> Result<u8> {
    let mut c = ctx.client().await?;
    match cmd {
        SilenceCmd::Add(a) => {
            let d = timespec::duration(&a.duration).map_err(CtlError::Usage)?;
            let s = c
                .create_silence(pb::CreateSilenceRequest {
                    matchers: a.matchers.clone(),
                    duration_seconds: d.as_secs_f64(),
                    comment: a.comment.clone(),
                })
                .await
                .map_err(|e| ctx.rpc_error(e))?
                .into_inner();
            if ctx.out.is_machine() {
                ctx.out.document(&silence_json(&s));
            } else {
                ctx.out.line(&s.id);
                ctx.out.notice(&format!(
                    "silence {} until {} ({})",
                    s.id,
                    time_text(ms_to_us(s.ends_ms)),
                    s.matchers.join(", ")
                ));
            }
        }
        SilenceCmd::Ls => {
            let r = c
                .list_silences(pb::ListSilencesRequest {})
                .await
                .map_err(|e| ctx.rpc_error(e))?
                .into_inner();
            if ctx.out.is_machine() {
                ctx.out
                    .document(&list_json("SilenceList", r.silences.iter().map(silence_json).collect()));
                return Ok(0);
            }
            let mut t = ctx.out.table(&["ID", "MATCHERS", "ENDS", "AUTHOR", "COMMENT"]);
            for s in &r.silences {
                t.add_row(vec![
                    s.id.clone(),
                    s.matchers.join(","),
                    time_text(ms_to_us(s.ends_ms)),
                    s.author.clone(),
                    s.comment.clone(),
                ]);
            }
            ctx.out.print_table(&t);
        }
        SilenceCmd::Expire(a) => {
            c.expire_silence(pb::ExpireSilenceRequest { id: a.id.clone() })
                .await
                .map_err(|e| ctx.rpc_error(e))?;
            ctx.out.notice(&format!("silence {} expired", a.id));
        }
    }
    Ok(0)
}
