//! `krytenctl alerts ls` and `krytenctl silence add|ls|expire`

use clap::{Args, Subcommand};
use kryten_proto::documents as doc;
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
    /// Alerts pending or firing now (worst first), or resolved ones (--state resolved)
    #[command(visible_alias = "list")]
    Ls(AlertsLsArgs),
    /// One alert, current or past: its timeline, deliveries, silences, windows and receivers
    Describe(AlertsDescribeArgs),
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
    /// Only alerts in this state (resolved: those resolved since --since)
    #[arg(long, value_parser = ["pending", "firing", "resolved"])]
    pub state: Option<String>,
    /// How far back resolved alerts go (e.g. 2h, yesterday, RFC 3339; default 24h)
    #[arg(long)]
    pub since: Option<String>,
}

#[derive(Debug, Args)]
pub struct AlertsDescribeArgs {
    /// The alert's id (fingerprint), or a unique prefix of 4 or more characters
    pub id: String,
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
    #[arg(long = "for", value_name = "DURATION", default_value = "1h", conflicts_with = "end")]
    pub duration: String,
    /// When it starts (RFC 3339, a date, `tomorrow`…; default now): a one-off maintenance window
    #[arg(long, value_name = "TIME")]
    pub start: Option<String>,
    /// When it ends, instead of --for
    #[arg(long, value_name = "TIME")]
    pub end: Option<String>,
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

/// The first 12 characters of a fingerprint: enough to name it.
fn short_id(fingerprint: &str) -> &str {
    fingerprint.get(..12).unwrap_or(fingerprint)
}

fn describe_text(ctx: &Ctx, r: &pb::DescribeAlertResponse) {
    let Some(a) = &r.alert else { return };
    let out = &ctx.out;
    let mut labels: Vec<String> = a.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    labels.sort();
    let alertname = a.labels.get("alertname").cloned().unwrap_or_default();
    out.line(&format!("Alert:      {alertname}"));
    out.line(&format!("ID:         {}", a.fingerprint));
    out.line(&format!("State:      {}", a.state));
    out.line(&format!("Severity:   {}", a.severity));
    out.line(&format!("Summary:    {}", a.summary));
    out.line(&format!("Labels:     {}", labels.join(" ")));
    if a.fired_at_ms > 0 {
        out.line(&format!("Firing at:  {}", time_text(ms_to_us(a.fired_at_ms))));
    }
    if a.resolved_at_ms > 0 {
        out.line(&format!("Resolved:   {}", time_text(ms_to_us(a.resolved_at_ms))));
    }
    let receivers = if r.receivers.is_empty() {
        "-".to_string()
    } else {
        r.receivers.join(", ")
    };
    out.line(&format!("Receivers:  {receivers}"));
    out.line("Timeline:");
    for t in &r.timeline {
        let at = t.alert.as_ref().map_or(0, |x| {
            if t.resolved_at_ms > 0 {
                t.resolved_at_ms
            } else {
                x.fired_at_ms
            }
        });
        let what = t.kind.strip_prefix("alert_").unwrap_or(&t.kind);
        out.line(&format!("  {}  {what}", time_text(ms_to_us(at))));
    }
    out.line("Deliveries:");
    if r.deliveries.is_empty() {
        out.line("  none");
    }
    for d in &r.deliveries {
        let what = if d.ok {
            "delivered".to_string()
        } else {
            format!("failed: {}", d.error)
        };
        let when = time_text(ms_to_us(d.at_ms));
        out.line(&format!("  {when}  {}  {what} (status {})", d.receiver, d.status));
    }
    if !r.silences.is_empty() {
        out.line("Silences that match it:");
        for s in &r.silences {
            let (from, to) = (time_text(ms_to_us(s.starts_ms)), time_text(ms_to_us(s.ends_ms)));
            out.line(&format!("  {}  {from} → {to}  {} ({})", s.id, s.comment, s.author));
        }
    }
    if !r.maintenance.is_empty() {
        out.line("Maintenance windows that cover it:");
        for m in &r.maintenance {
            let when = if m.cron.is_empty() {
                let (from, to) = (time_text(ms_to_us(m.starts_ms)), time_text(ms_to_us(m.ends_ms)));
                format!("{from} → {to}")
            } else {
                format!("{} ({}) for {}s", m.cron, m.time_zone, m.duration_seconds)
            };
            let force = if m.active { "  [in force]" } else { "" };
            out.line(&format!("  {}  {when}{force}", m.name));
        }
    }
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
        AlertsCmd::Describe(a) => {
            let r = c
                .describe_alert(pb::DescribeAlertRequest {
                    fingerprint: a.id.clone(),
                })
                .await
                .map_err(|e| ctx.rpc_error(e))?
                .into_inner();
            if ctx.out.is_machine() {
                ctx.out.document(&doc::alert_description_json(&r));
                return Ok(0);
            }
            describe_text(ctx, &r);
        }
        AlertsCmd::Ls(a) => {
            let since_ms = a
                .since
                .as_deref()
                .map(|s| timespec::parse(s, &timespec::now()).map_err(CtlError::Usage))
                .transpose()?
                .map_or(0, |us| us / 1000);
            let r = c
                .list_alerts(pb::ListAlertsRequest {
                    state: a.state.clone().unwrap_or_default(),
                    since_ms,
                })
                .await
                .map_err(|e| ctx.rpc_error(e))?
                .into_inner();
            if ctx.out.is_machine() {
                ctx.out.document(&doc::alert_list_json(&r));
                return Ok(0);
            }
            let now = jiff::Timestamp::now().as_microsecond();
            let resolved = a.state.as_deref() == Some("resolved");
            let when_header = if resolved { "RESOLVED" } else { "SINCE" };
            let mut t = ctx
                .out
                .table(&["ID", "STATE", "SEVERITY", "ALERT", "SERVICE", when_header, "SUMMARY"]);
            for a in &r.alerts {
                let when = if resolved { a.resolved_at_ms } else { a.active_at_ms };
                t.add_row(vec![
                    short_id(&a.fingerprint).to_string(),
                    a.state.clone(),
                    a.severity.clone(),
                    a.labels.get("alertname").cloned().unwrap_or_default(),
                    a.labels.get("service").cloned().unwrap_or_else(|| "-".into()),
                    age_since(now, ms_to_us(when)),
                    a.summary.clone(),
                ]);
            }
            ctx.out.print_table(&t);
            if r.alerts.is_empty() {
                ctx.out.notice(if resolved {
                    "no alerts resolved in that time"
                } else {
                    "no alerts pending or firing"
                });
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
            let now = timespec::now();
            let at = |t: &Option<String>| {
                t.as_deref()
                    .map(|t| timespec::parse(t, &now).map_err(CtlError::Usage))
                    .transpose()
            };
            let starts_us = at(&a.start)?.unwrap_or(0);
            let seconds = match at(&a.end)? {
                Some(end_us) => {
                    let from = if starts_us > 0 {
                        starts_us
                    } else {
                        now.timestamp().as_microsecond()
                    };
                    if end_us <= from {
                        return Err(CtlError::Usage("--end must be after the start".into()));
                    }
                    (end_us - from) as f64 / 1e6
                }
                None => timespec::duration(&a.duration).map_err(CtlError::Usage)?.as_secs_f64(),
            };
            let s = c
                .create_silence(pb::CreateSilenceRequest {
                    matchers: a.matchers.clone(),
                    duration_seconds: seconds,
                    comment: a.comment.clone(),
                    starts_ms: starts_us / 1000,
                })
                .await
                .map_err(|e| ctx.rpc_error(e))?
                .into_inner();
            if ctx.out.is_machine() {
                ctx.out.document(&doc::silence_json(&s));
            } else {
                ctx.out.line(&s.id);
                ctx.out.notice(&format!(
                    "silence {} from {} until {} ({})",
                    s.id,
                    time_text(ms_to_us(s.starts_ms)),
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
                ctx.out.document(&list_json(
                    "SilenceList",
                    r.silences.iter().map(doc::silence_json).collect(),
                ));
                return Ok(0);
            }
            let mut t = ctx
                .out
                .table(&["ID", "MATCHERS", "STARTS", "ENDS", "AUTHOR", "COMMENT"]);
            for s in &r.silences {
                t.add_row(vec![
                    s.id.clone(),
                    s.matchers.join(","),
                    time_text(ms_to_us(s.starts_ms)),
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
