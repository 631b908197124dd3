//! `krytenctl services ls|get|describe`

use clap::{Args, Subcommand};
use comfy_table::{Cell, Table};
use futures::StreamExt;
use kryten_proto::v1 as pb;

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    output::{age, age_since, list_json, payload_line, service_json, status_from_name, status_name, time_text, Format},
};

#[derive(Debug, Subcommand)]
pub enum ServicesCmd {
    /// One row per service
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// One service
    Get(GetArgs),
    /// One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR
    Describe(DescribeArgs),
    /// Remove a down or stopped service from the registry (operator; audited)
    Forget(ForgetArgs),
}

#[derive(Debug, Args)]
pub struct ForgetArgs {
    pub name: String,
    /// Why (kept in the audit trail)
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Keep watching and print each change
    #[arg(short, long)]
    pub watch: bool,
    /// Only services in these statuses (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    pub name: String,
}

#[derive(Debug, Args)]
pub struct DescribeArgs {
    pub name: String,
    /// Status changes to show
    #[arg(long, default_value_t = 20)]
    pub timeline: u32,
    /// Recent events to show
    #[arg(long, default_value_t = 10)]
    pub events: u32,
}

pub async fn run(ctx: &Ctx, cmd: &ServicesCmd) -> Result<u8> {
    match cmd {
        ServicesCmd::Ls(a) => ls(ctx, a).await,
        ServicesCmd::Get(a) => get(ctx, a).await,
        ServicesCmd::Describe(a) => describe(ctx, a).await,
        ServicesCmd::Forget(a) => forget(ctx, a).await,
    }
}

async fn forget(ctx: &Ctx, a: &ForgetArgs) -> Result<u8> {
    let mut c = ctx.client().await?;
    let r = c
        .forget_service(pb::ForgetServiceRequest {
            name: a.name.clone(),
            reason: a.reason.clone().unwrap_or_default(),
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    if ctx.out.is_machine() {
        ctx.out
            .document(&serde_json::json!({"kind": "ServiceForgotten", "name": r.name,
            "message": r.message, "auditId": r.audit_id}));
    } else {
        ctx.out
            .line(&format!("{}: {} (audit #{})", r.name, r.message, r.audit_id));
    }
    Ok(0)
}

fn parse_statuses(names: &[String]) -> Result<Vec<pb::ServiceStatus>> {
    names
        .iter()
        .map(|n| {
            status_from_name(n).ok_or_else(|| {
                CtlError::Usage(format!(
                    "unknown status {n:?}; use starting, healthy, degraded, failing, down, stopped or restarting"
                ))
            })
        })
        .collect()
}

const HEADER: [&str; 7] = ["NAME", "STATUS", "VERSION", "HOST", "UPTIME", "LAST-HB", "INTERVAL"];
const WIDE: [&str; 4] = ["RESTARTS", "LIVENESS", "INSTANCES", "CAUSE"];

fn header(ctx: &Ctx) -> Vec<&'static str> {
    let mut h = HEADER.to_vec();
    if ctx.out.format == Format::Wide {
        h.extend(WIDE);
    }
    h
}

fn row(ctx: &Ctx, s: &pb::Service, now: i64) -> Vec<Cell> {
    let status = status_name(s.status);
    let up = matches!(status, "starting" | "healthy" | "degraded" | "failing" | "restarting");
    let mut r = vec![
        Cell::new(&s.name),
        ctx.out.status_cell(status),
        Cell::new(if s.version.is_empty() { "-" } else { &s.version }),
        Cell::new(if s.hostname.is_empty() { "-" } else { &s.hostname }),
        Cell::new(if up && s.uptime_seconds > 0.0 {
            age(s.uptime_seconds)
        } else {
            "-".into()
        }),
        Cell::new(match s.liveness.as_str() {
            "ping" if s.last_ping_us > 0 => format!("ping {}", age_since(now, s.last_ping_us)),
            _ => age_since(now, s.last_heartbeat_us),
        }),
        Cell::new(if s.heartbeat_interval_seconds > 0.0 {
            age(s.heartbeat_interval_seconds.round())
        } else {
            "-".into()
        }),
    ];
    if ctx.out.format == Format::Wide {
        r.push(Cell::new(s.restart_count));
        r.push(Cell::new(&s.liveness));
        r.push(Cell::new(s.suspected_instances));
        r.push(Cell::new(&s.status_cause));
    }
    r
}

async fn ls(ctx: &Ctx, a: &LsArgs) -> Result<u8> {
    let statuses = parse_statuses(&a.status)?;
    let mut c = ctx.client().await?;
    if a.watch {
        return watch(ctx, &mut c, &statuses).await;
    }
    let resp = c
        .list_services(pb::ListServicesRequest {
            status: statuses.iter().map(|s| *s as i32).collect(),
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    if resp.services.is_empty() {
        ctx.out.notice("no services found");
    }
    match ctx.out.format {
        Format::Json | Format::Yaml | Format::Jsonl => {
            ctx.out.document(&list_json(
                "ServiceList",
                resp.services.iter().map(service_json).collect(),
            ));
        }
        Format::Name => {
            for s in &resp.services {
                ctx.out.line(&format!("service/{}", s.name));
            }
        }
        Format::Table | Format::Wide => {
            if !resp.services.is_empty() {
                let mut t = ctx.out.table(&header(ctx));
                for s in &resp.services {
                    t.add_row(row(ctx, s, resp.now_us));
                }
                ctx.out.print_table(&t);
            }
        }
    }
    Ok(0)
}

/// kubectl-style: the current rows, then one row per change.
async fn watch(ctx: &Ctx, c: &mut crate::client::Client, statuses: &[pb::ServiceStatus]) -> Result<u8> {
    let mut stream = c
        .watch_services(pb::WatchServicesRequest {
            names: vec![],
            initial: true,
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    let mut printed_header = false;
    while let Some(item) = stream.next().await {
        let u = item.map_err(|e| ctx.rpc_error(e))?;
        if u.missed > 0 {
            ctx.out.notice(&format!(
                "(fell behind: {} updates skipped; current state follows)",
                u.missed
            ));
            continue;
        }
        let Some(s) = u.service else { continue };
        if !statuses.is_empty() && !statuses.iter().any(|st| *st as i32 == s.status) {
            continue;
        }
        match ctx.out.format {
            Format::Json | Format::Yaml | Format::Jsonl => {
                let mut v = service_json(&s);
                if let Some(t) = &u.transition {
                    v["transition"] = serde_json::json!({
                        "from": status_name(t.from), "to": status_name(t.to), "cause": t.cause,
                        "at": crate::output::time_json(t.at_us),
                    });
                }
                ctx.out.raw_line(&serde_json::to_string(&v).unwrap_or_default());
            }
            Format::Name => ctx.out.line(&format!("service/{}", s.name)),
            Format::Table | Format::Wide => {
                let now = jiff::Timestamp::now().as_microsecond();
                let mut t: Table = ctx.out.table(&header(ctx));
                if printed_header || !ctx.out.headers {
                    t = {
                        let mut quiet = ctx.out.clone();
                        quiet.headers = false;
                        quiet.table(&header(ctx))
                    };
                }
                t.add_row(row(ctx, &s, now));
                ctx.out.print_table(&t);
                printed_header = true;
            }
        }
    }
    Err(CtlError::Unreachable(format!(
        "krytend at {} closed the stream",
        ctx.server
    )))
}

async fn fetch(ctx: &Ctx, name: &str, timeline: u32, events: u32) -> Result<pb::GetServiceResponse> {
    let mut c = ctx.client().await?;
    Ok(c.get_service(pb::GetServiceRequest {
        name: name.to_string(),
        timeline_limit: timeline,
        events_limit: events,
    })
    .await
    .map_err(|e| ctx.rpc_error(e))?
    .into_inner())
}

async fn get(ctx: &Ctx, a: &GetArgs) -> Result<u8> {
    let r = fetch(ctx, &a.name, 1, 1).await?;
    let s = r.service.unwrap_or_default();
    match ctx.out.format {
        Format::Json | Format::Yaml | Format::Jsonl => ctx.out.document(&service_json(&s)),
        Format::Name => ctx.out.line(&format!("service/{}", s.name)),
        Format::Table | Format::Wide => {
            let mut t = ctx.out.table(&header(ctx));
            t.add_row(row(ctx, &s, r.now_us));
            ctx.out.print_table(&t);
        }
    }
    Ok(0)
}

async fn describe(ctx: &Ctx, a: &DescribeArgs) -> Result<u8> {
    let r = fetch(ctx, &a.name, a.timeline, a.events).await?;
    let s = r.service.clone().unwrap_or_default();
    let rel = r.reliability.unwrap_or_default();
    if ctx.out.is_machine() {
        ctx.out.document(&kryten_proto::documents::service_description_json(&r));
        return Ok(0);
    }
    let o = &ctx.out;
    let now = r.now_us;
    let status = status_name(s.status);
    let mut lines = vec![
        format!("Name:          {}", s.name),
        format!(
            "Status:        {} for {} ({})",
            o.paint_status(status),
            age_since(now, s.status_since_us),
            s.status_cause
        ),
        format!("Version:       {}", s.version),
        format!("Host:          {}", s.hostname),
        format!(
            "Uptime:        {}",
            if s.uptime_seconds > 0.0 {
                age(s.uptime_seconds)
            } else {
                "-".into()
            }
        ),
        format!("Instance:      started {}", time_text(s.instance_started_us)),
        format!("Restarts:      {}", s.restart_count),
        format!(
            "Liveness:      {} (interval {}, last heartbeat {}, deadline {})",
            s.liveness,
            if s.heartbeat_interval_seconds > 0.0 {
                format!("{:.1}s", s.heartbeat_interval_seconds)
            } else {
                "unknown".into()
            },
            if s.last_heartbeat_us > 0 {
                format!("{} ago", age_since(now, s.last_heartbeat_us))
            } else {
                "never".into()
            },
            if s.deadline_us > 0 {
                format!("in {}", age((s.deadline_us - now) as f64 / 1e6))
            } else {
                "none".into()
            },
        ),
    ];
    if s.last_ping_us > 0 || s.missed_pings > 0 {
        lines.push(format!(
            "Ping:          last reply {} ago ({:.1} ms), {} unanswered",
            age_since(now, s.last_ping_us),
            s.last_ping_rtt_ms,
            s.missed_pings
        ));
    }
    if s.suspected_instances > 1 {
        lines.push(format!(
            "Warning:       {} processes report under this name (interleaved uptimes)",
            s.suspected_instances
        ));
    }
    lines.push(format!("First seen:    {}", time_text(s.first_seen_us)));
    lines.push(format!(
        "Reliability:   availability {:.2}%, {} failures, MTBF {}, MTTR {} (over {})",
        rel.availability * 100.0,
        rel.failures,
        if rel.failures > 0 {
            age(rel.mtbf_seconds)
        } else {
            "-".into()
        },
        if rel.mttr_seconds > 0.0 {
            age(rel.mttr_seconds)
        } else {
            "-".into()
        },
        age(rel.observed_seconds)
    ));
    if !s.endpoints.is_empty() {
        lines.push("Endpoints:".into());
        for e in &s.endpoints {
            lines.push(format!("  {:<10} {}", e.name, e.url));
        }
    }
    if !s.dependencies.is_empty() {
        lines.push("Dependencies:".into());
        for d in &s.dependencies {
            lines.push(format!(
                "  {:<10} {} since {}{}",
                d.target,
                if d.connected { "connected" } else { "disconnected" },
                time_text(d.since_us),
                if d.reason.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", d.reason)
                }
            ));
        }
    }
    if !s.metadata_json.is_empty() {
        lines.push(format!("Metadata:      {}", s.metadata_json));
    }
    lines.push("Timeline:".into());
    for t in &r.timeline {
        lines.push(format!(
            "  {}  {:<9} -> {:<9} {}",
            time_text(t.at_us),
            status_name(t.from).replace("unknown", "-"),
            o.paint_status(status_name(t.to)),
            t.cause
        ));
    }
    lines.push("Recent events:".into());
    for e in &r.recent_events {
        lines.push(format!(
            "  {}  #{:<8} {:<13} {}",
            time_text(e.received_us),
            e.seq,
            e.kind,
            payload_line(&e.payload, 90)
        ));
    }
    for l in lines {
        o.line(&l);
    }
    Ok(0)
}
