//! `restart`, `reload`, `shutdown`, `ping`, `call`, `discover`.

use std::{
    io::{BufRead, IsTerminal, Write},
    time::{Duration, Instant},
};

use clap::Args;
use futures::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use kryten_proto::v1 as pb;
use serde_json::{json, Value};

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    timespec,
};

#[derive(Debug, Args)]
pub struct RestartArgs {
    /// The service to restart (through its own command subject)
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub service: Option<String>,
    /// Restart every service with the group-restart broadcast
    #[arg(long)]
    pub all: bool,
    /// Why (recorded in the audit trail and sent to the service)
    #[arg(long)]
    pub reason: Option<String>,
    /// Wait until back and healthy, showing each stage (the default on a terminal)
    #[arg(long, overrides_with = "no_wait")]
    pub wait: bool,
    /// Return once the request is acknowledged
    #[arg(long)]
    pub no_wait: bool,
    /// Give up waiting after this long (exit 1, naming the stage)
    #[arg(long, default_value = "60s", value_name = "DURATION")]
    pub timeout: String,
    /// With --all: seconds services wait before restarting (0-300)
    #[arg(long, default_value_t = 0.0, value_name = "SECONDS")]
    pub delay: f64,
    /// Do not ask for confirmation (--all)
    #[arg(short, long)]
    pub yes: bool,
    /// If the service does not know system.restart, send system.shutdown and
    /// rely on its supervisor (needed for operators; see docs/roles.md)
    #[arg(long, conflicts_with = "all")]
    pub allow_shutdown_fallback: bool,
}

#[derive(Debug, Args)]
pub struct ReloadArgs {
    pub service: String,
    #[arg(long)]
    pub reason: Option<String>,
    /// How long to wait for the reply
    #[arg(long, default_value = "5s", value_name = "DURATION")]
    pub timeout: String,
}

#[derive(Debug, Args)]
pub struct ShutdownArgs {
    pub service: String,
    /// Seconds the service waits before stopping (0-300)
    #[arg(long, default_value_t = 0.0, value_name = "SECONDS")]
    pub delay: f64,
    #[arg(long)]
    pub reason: Option<String>,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub yes: bool,
    #[arg(long, default_value = "5s", value_name = "DURATION")]
    pub timeout: String,
}

#[derive(Debug, Args)]
pub struct PingArgs {
    pub service: String,
    /// Number of pings, like ping(8)
    #[arg(short = 'c', long, default_value_t = 1)]
    pub count: u32,
    /// Time between pings
    #[arg(short = 'i', long, default_value = "1s", value_name = "DURATION")]
    pub interval: String,
    /// How long to wait for each reply
    #[arg(long, default_value = "2s", value_name = "DURATION")]
    pub timeout: String,
}

#[derive(Debug, Args)]
pub struct CallArgs {
    pub service: String,
    /// e.g. system.stats
    pub command: String,
    /// Extra request fields, a JSON object
    #[arg(long, value_name = "JSON")]
    pub data: Option<String>,
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long, default_value = "5s", value_name = "DURATION")]
    pub timeout: String,
}

#[derive(Debug, Args)]
pub struct DiscoverArgs {
    /// How long to listen for answers
    #[arg(long, default_value = "3s", value_name = "DURATION")]
    pub wait: String,
}

fn duration(s: &str) -> Result<Duration> {
    timespec::duration(s).map_err(CtlError::Usage)
}

/// Asks on a terminal; elsewhere refuses unless `--yes` was given.
fn confirm(question: &str, yes: bool) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(CtlError::Usage(format!(
            "{question} — not confirmed: pass --yes to do this without a terminal"
        )));
    }
    eprint!("{} [y/N] ", crate::output::sanitize(question));
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    if matches!(line.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(CtlError::Failed("cancelled".into()))
    }
}

fn stage_label(stage: &str) -> &str {
    match stage {
        "requested" => "request sent",
        "acknowledged" => "request acknowledged",
        "shutdown_seen" => "shutdown seen",
        "new_instance" => "new instance started",
        "healthy" => "healthy",
        "fallback" => "shutdown fallback",
        "refused" => "refused",
        // Group restart verdicts, per service and overall.
        "ignored" => "never reacted",
        "not_back" => "shut down, not back",
        "not_healthy" => "new instance, not healthy",
        "done" => "finished",
        other => other,
    }
}

pub async fn restart(ctx: &Ctx, a: &RestartArgs) -> Result<u8> {
    let timeout = duration(&a.timeout)?;
    let wait = if a.no_wait {
        false
    } else {
        a.wait || std::io::stderr().is_terminal()
    };
    let mut c = ctx.client().await?;
    let reason = a.reason.clone().unwrap_or_default();
    let stream = if a.all {
        confirm("Restart EVERY service (group restart)?", a.yes)?;
        c.restart_all(pb::RestartAllRequest {
            delay_seconds: a.delay,
            reason,
            wait,
            timeout_seconds: timeout.as_secs_f64(),
        })
        .await
    } else {
        c.restart(pb::RestartRequest {
            service: a.service.clone().unwrap_or_default(),
            reason,
            wait,
            timeout_seconds: timeout.as_secs_f64(),
            allow_shutdown_fallback: a.allow_shutdown_fallback,
        })
        .await
    };
    let mut stream = stream.map_err(|e| ctx.rpc_error(e))?.into_inner();
    let tty = std::io::stderr().is_terminal() && !ctx.out.quiet;
    let spinner = tty.then(|| {
        let s = ProgressBar::new_spinner();
        s.set_style(
            ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        s.enable_steady_tick(Duration::from_millis(100));
        s
    });
    let say = |line: String| match &spinner {
        Some(s) => s.println(crate::output::sanitize(&line)),
        None if !ctx.out.quiet => crate::output::eprint_text(&line),
        None => {}
    };
    let mut last: Option<pb::ControlProgress> = None;
    let mut events = Vec::new();
    while let Some(item) = stream.next().await {
        let p = item.map_err(|e| ctx.rpc_error(e))?;
        let who = if p.service == "*" {
            "all".to_string()
        } else {
            p.service.clone()
        };
        // A verdict that is not a success (a service that never reacted)
        // is marked as such even before the end.
        let mark = if p.ok { "✓" } else { "✗" };
        say(format!(
            "{mark} {who}: {} ({:.1}s){}",
            stage_label(&p.stage),
            p.elapsed_seconds,
            if p.message.is_empty() {
                String::new()
            } else {
                format!(" — {}", p.message)
            }
        ));
        if let Some(s) = &spinner {
            s.set_message(format!("waiting for {who}..."));
        }
        events.push(
            json!({"service": p.service, "stage": p.stage, "elapsedSeconds": p.elapsed_seconds,
            "ok": p.ok, "message": p.message}),
        );
        let done = p.done;
        last = Some(p);
        if done {
            break;
        }
    }
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    if ctx.out.is_machine() {
        ctx.out.document(&json!({"kind": "RestartResult", "stages": events}));
    }
    let Some(last) = last else {
        return Err(CtlError::Unreachable(
            "krytend closed the stream before the restart finished".into(),
        ));
    };
    match (last.ok, last.stage.as_str()) {
        (true, _) => Ok(0),
        (false, "no_reply") => Err(CtlError::NoAnswer(last.message)),
        (false, "refused") => Err(CtlError::Unauthorized(last.message)),
        (false, "timeout") => Err(CtlError::Failed(format!("restart {}", last.message))),
        (false, _) => Err(CtlError::Failed(last.message)),
    }
}

async fn command(
    ctx: &Ctx,
    service: &str,
    command: &str,
    args: Value,
    reason: Option<String>,
    timeout: Duration,
) -> Result<pb::CommandResponse> {
    let mut c = ctx.client().await?;
    c.command(pb::CommandRequest {
        service: service.into(),
        command: command.into(),
        args_json: args.to_string(),
        reason: reason.unwrap_or_default(),
        timeout_seconds: timeout.as_secs_f64(),
    })
    .await
    .map(tonic::Response::into_inner)
    .map_err(|e| ctx.rpc_error(e))
}

fn show_reply(ctx: &Ctx, r: &pb::CommandResponse) {
    let body: Value = serde_json::from_str(&r.reply_json).unwrap_or(Value::Null);
    if ctx.out.is_machine() {
        ctx.out.document(
            &json!({"kind": "Reply", "subject": r.subject, "rttMs": r.rtt_ms, "success": r.success,
            "error": if r.error.is_empty() { Value::Null } else { json!(r.error) }, "reply": body}),
        );
    } else {
        ctx.out.line(&serde_json::to_string_pretty(&body).unwrap_or_default());
    }
}

fn outcome(r: &pb::CommandResponse, what: &str) -> Result<u8> {
    if r.success {
        Ok(0)
    } else {
        Err(CtlError::Failed(format!(
            "{what} failed: {}",
            if r.error.is_empty() {
                "no reason given"
            } else {
                &r.error
            }
        )))
    }
}

pub async fn reload(ctx: &Ctx, a: &ReloadArgs) -> Result<u8> {
    let r = command(
        ctx,
        &a.service,
        "system.reload",
        json!({}),
        a.reason.clone(),
        duration(&a.timeout)?,
    )
    .await?;
    show_reply(ctx, &r);
    outcome(&r, &format!("reload of {}", a.service))
}

pub async fn shutdown(ctx: &Ctx, a: &ShutdownArgs) -> Result<u8> {
    if !(0.0..=300.0).contains(&a.delay) {
        return Err(CtlError::Usage("--delay must be 0-300 seconds".into()));
    }
    confirm(&format!("Shut down {}?", a.service), a.yes)?;
    let args = json!({"delay_seconds": a.delay, "reason": a.reason.clone().unwrap_or_else(|| "requested via krytenctl".into())});
    let r = command(
        ctx,
        &a.service,
        "system.shutdown",
        args,
        a.reason.clone(),
        duration(&a.timeout)?,
    )
    .await?;
    show_reply(ctx, &r);
    outcome(&r, &format!("shutdown of {}", a.service))
}

pub async fn call(ctx: &Ctx, a: &CallArgs) -> Result<u8> {
    let args = match &a.data {
        Some(d) => match serde_json::from_str::<Value>(d) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => return Err(CtlError::Usage("--data must be a JSON object".into())),
            Err(e) => return Err(CtlError::Usage(format!("--data is not JSON: {e}"))),
        },
        None => json!({}),
    };
    let r = command(
        ctx,
        &a.service,
        &a.command,
        args,
        a.reason.clone(),
        duration(&a.timeout)?,
    )
    .await?;
    show_reply(ctx, &r);
    outcome(&r, &format!("{} on {}", a.command, a.service))
}

pub async fn ping(ctx: &Ctx, a: &PingArgs) -> Result<u8> {
    let interval = duration(&a.interval)?;
    let timeout = duration(&a.timeout)?;
    let count = a.count.max(1);
    let mut rtts = Vec::new();
    let mut last_err = None;
    for i in 0..count {
        let started = Instant::now();
        match command(ctx, &a.service, "system.ping", json!({}), None, timeout).await {
            Ok(r) => {
                rtts.push(r.rtt_ms);
                if !ctx.out.is_machine() {
                    ctx.out.line(&format!(
                        "reply from {}: seq={} time={:.2} ms",
                        a.service,
                        i + 1,
                        r.rtt_ms
                    ));
                }
            }
            Err(CtlError::NoAnswer(m)) => {
                if !ctx.out.is_machine() {
                    ctx.out
                        .line(&format!("no reply from {}: seq={} ({m})", a.service, i + 1));
                }
                last_err = Some(m);
            }
            Err(e) => return Err(e),
        }
        if i + 1 < count {
            tokio::time::sleep(interval.saturating_sub(started.elapsed())).await;
        }
    }
    let n = rtts.len();
    let (min, max) = rtts
        .iter()
        .fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let avg = if n > 0 {
        rtts.iter().sum::<f64>() / n as f64
    } else {
        0.0
    };
    let loss = 100.0 * f64::from(count - n as u32) / f64::from(count);
    if ctx.out.is_machine() {
        ctx.out.document(&json!({"kind": "PingResult", "service": a.service, "sent": count, "received": n,
            "lossPercent": loss, "rttMs": {"min": if n > 0 { json!(min) } else { Value::Null }, "avg": avg, "max": max}}));
    } else {
        ctx.out.line(&format!("--- {} ping statistics ---", a.service));
        ctx.out.line(&format!("{count} sent, {n} received, {loss:.0}% loss"));
        if n > 0 {
            ctx.out
                .line(&format!("rtt min/avg/max = {min:.2}/{avg:.2}/{max:.2} ms"));
        }
    }
    match (n, last_err) {
        (0, Some(m)) => Err(CtlError::NoAnswer(m)),
        (n, _) if n < count as usize => Ok(1),
        _ => Ok(0),
    }
}

pub async fn discover(ctx: &Ctx, a: &DiscoverArgs) -> Result<u8> {
    let wait = duration(&a.wait)?;
    let mut c = ctx.client().await?;
    let r = c
        .discover(pb::DiscoverRequest {
            wait_seconds: wait.as_secs_f64(),
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    if ctx.out.is_machine() {
        ctx.out
            .document(&json!({"kind": "Discovery", "answered": r.answered, "silent": r.silent,
            "waitedSeconds": r.waited_seconds}));
        return Ok(0);
    }
    ctx.out.line(&format!(
        "answered within {:.1}s: {}",
        r.waited_seconds,
        if r.answered.is_empty() {
            "none".into()
        } else {
            r.answered.join(", ")
        }
    ));
    if !r.silent.is_empty() {
        ctx.out.line(&format!(
            "known but silent: {} (some services, like kryten-robot, ignore discovery polls)",
            r.silent.join(", ")
        ));
    }
    Ok(0)
}
