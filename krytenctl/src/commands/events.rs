//! `krytenctl events ls|tail`

use std::time::Duration;

use clap::{Args, Subcommand};
use futures::StreamExt;
use kryten_proto::v1 as pb;

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    output::{event_json, payload_line, sanitize_field, time_text, Format},
    timespec,
};

#[derive(Debug, Subcommand)]
pub enum EventsCmd {
    /// Recorded events, newest last
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// The last events, and with -f every new one as it arrives
    Tail(TailArgs),
}

#[derive(Debug, Args, Clone)]
pub struct FilterArgs {
    /// Subject pattern (NATS wildcards * and >); repeatable
    #[arg(long, value_name = "PATTERN")]
    pub subject: Vec<String>,
    /// Only events of these services (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub service: Vec<String>,
    /// Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)
    #[arg(long = "type", value_delimiter = ',', value_name = "TYPE")]
    pub kind: Vec<String>,
    /// From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Up to this time (same syntax)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Regular expression matched against subject and payload
    #[arg(short = 'g', long, value_name = "REGEX")]
    pub grep: Option<String>,
}

impl FilterArgs {
    pub fn to_pb(&self) -> Result<pb::EventFilter> {
        let now = timespec::now();
        let t = |s: &Option<String>| -> Result<i64> {
            s.as_deref()
                .map(|s| timespec::parse(s, &now).map_err(CtlError::Usage))
                .transpose()
                .map(|v| v.unwrap_or(0))
        };
        if let Some(g) = &self.grep {
            regex::Regex::new(g).map_err(|e| CtlError::Usage(format!("invalid --grep pattern: {e}")))?;
        }
        Ok(pb::EventFilter {
            subjects: self.subject.clone(),
            services: self.service.clone(),
            kinds: self.kind.clone(),
            since_us: t(&self.since)?,
            until_us: t(&self.until)?,
            grep: self.grep.clone().unwrap_or_default(),
        })
    }
}

#[derive(Debug, Args)]
pub struct LsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How many of the newest matching events
    #[arg(short = 'n', long = "tail", default_value_t = 100, value_name = "N")]
    pub tail: u32,
    /// Instead: the oldest events after this sequence number (paging forward)
    #[arg(long, value_name = "SEQ", conflicts_with = "before")]
    pub after: Option<u64>,
    /// The newest events below this sequence number (paging back)
    #[arg(long, value_name = "SEQ")]
    pub before: Option<u64>,
}

#[derive(Debug, Args)]
pub struct TailArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Keep following new events
    #[arg(short, long)]
    pub follow: bool,
    /// How many past events to show first (default 10; with --since, all since then)
    #[arg(short = 'n', long = "tail", value_name = "N")]
    pub tail: Option<u32>,
}

pub async fn run(ctx: &Ctx, cmd: &EventsCmd) -> Result<u8> {
    match cmd {
        EventsCmd::Ls(a) => ls(ctx, a).await,
        EventsCmd::Tail(a) => tail(ctx, a).await,
    }
}

const HEADER: [&str; 6] = ["SEQ", "TIME", "TYPE", "SERVICE", "SUBJECT", "PAYLOAD"];

async fn ls(ctx: &Ctx, a: &LsArgs) -> Result<u8> {
    let filter = a.filter.to_pb()?;
    let mut c = ctx.client().await?;
    let req = match a.after {
        Some(after) => pb::ListEventsRequest {
            filter: Some(filter),
            limit: a.tail,
            after_seq: after,
            before_seq: 0,
            newest: false,
        },
        None => pb::ListEventsRequest {
            filter: Some(filter),
            limit: a.tail,
            after_seq: 0,
            before_seq: a.before.unwrap_or(0),
            newest: true,
        },
    };
    let resp = c.list_events(req).await.map_err(|e| ctx.rpc_error(e))?.into_inner();
    if resp.events.is_empty() && resp.searched_to_seq == 0 {
        ctx.out.notice("no events found");
    }
    if resp.searched_to_seq != 0 {
        let (dir, flag) = if a.after.is_some() {
            ("forward", "--after")
        } else {
            ("back", "--before")
        };
        ctx.out.notice(&format!(
            "searched {dir} to event #{seq} and stopped with {n} found: subject wildcards and --grep are checked \
             row by row; continue with {flag} {seq}, or narrow with --since/--until",
            seq = resp.searched_to_seq,
            n = resp.events.len()
        ));
    }
    match ctx.out.format {
        Format::Json | Format::Yaml => {
            ctx.out.document(&kryten_proto::documents::event_list_json(&resp));
        }
        Format::Jsonl => {
            for e in &resp.events {
                ctx.out
                    .raw_line(&serde_json::to_string(&event_json(e)).unwrap_or_default());
            }
        }
        Format::Name => {
            for e in &resp.events {
                ctx.out.line(&format!("event/{}", e.seq));
            }
        }
        Format::Table | Format::Wide => {
            if !resp.events.is_empty() {
                let width = if ctx.out.format == Format::Wide { 400 } else { 70 };
                let mut t = ctx.out.table(&HEADER);
                for e in &resp.events {
                    t.add_row(vec![
                        e.seq.to_string(),
                        time_text(e.received_us),
                        e.kind.clone(),
                        if e.service.is_empty() {
                            "-".into()
                        } else {
                            e.service.clone()
                        },
                        e.subject.clone(),
                        payload_line(&e.payload, width),
                    ]);
                }
                ctx.out.print_table(&t);
            }
            if resp.more && resp.searched_to_seq == 0 && !ctx.out.quiet {
                let next = match (a.after, resp.events.first(), resp.events.last()) {
                    (Some(_), _, Some(last)) => format!("--after {}", last.seq),
                    (None, Some(first), _) => format!("--before {}", first.seq),
                    _ => String::new(),
                };
                ctx.out
                    .notice(&format!("(more match; use -n for more, or {next} for the next page)"));
            }
        }
    }
    Ok(0)
}

fn print_event(ctx: &Ctx, e: &pb::Event) {
    match ctx.out.format {
        Format::Json | Format::Jsonl | Format::Yaml => {
            ctx.out
                .raw_line(&serde_json::to_string(&event_json(e)).unwrap_or_default());
        }
        Format::Name => ctx.out.line(&format!("event/{}", e.seq)),
        Format::Table | Format::Wide => {
            let width = if ctx.out.format == Format::Wide { 2000 } else { 120 };
            let service = if e.service.is_empty() {
                "-".to_string()
            } else {
                ctx.out.paint_service(&e.service)
            };
            let flag = if e.malformed {
                format!(" [malformed: {}]", e.error)
            } else {
                String::new()
            };
            ctx.out.line(&format!(
                "{} {} {:<14} {} {} {}{}",
                ctx.out.dim(&time_text(e.received_us)),
                ctx.out.dim(&format!("#{}", e.seq)),
                e.kind,
                service,
                sanitize_field(&e.subject),
                sanitize_field(&payload_line(&e.payload, width)),
                sanitize_field(&flag)
            ));
        }
    }
}

/// Follows across lost connections: on reconnect it resumes after the last
/// sequence printed, so nothing is missed or repeated.
async fn tail(ctx: &Ctx, a: &TailArgs) -> Result<u8> {
    let filter = a.filter.to_pb()?;
    let has_since = filter.since_us != 0;
    let mut last_seq: u64 = 0;
    let mut backoff = Duration::from_millis(200);
    let mut first = true;
    loop {
        let mut c = match ctx.client().await {
            Ok(c) => c,
            Err(e) if !first && a.follow => {
                ctx.out.notice(&format!("{e}; retrying in {backoff:?}"));
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(2));
                continue;
            }
            Err(e) => return Err(e),
        };
        let req = pb::TailEventsRequest {
            filter: Some(filter.clone()),
            tail: if last_seq > 0 || has_since {
                0
            } else {
                a.tail.unwrap_or(10)
            },
            after_seq: last_seq,
            no_follow: !a.follow,
        };
        let mut stream = match c.tail_events(req).await {
            Ok(s) => s.into_inner(),
            Err(e) => {
                let err = ctx.rpc_error(e);
                if first || !a.follow || !matches!(err, CtlError::Unreachable(_) | CtlError::Other(_)) {
                    return Err(err);
                }
                tokio::time::sleep(backoff).await;
                continue;
            }
        };
        if !first {
            ctx.out
                .notice(&format!("reconnected; resuming after event #{last_seq}"));
        }
        first = false;
        backoff = Duration::from_millis(200);
        while let Some(item) = stream.next().await {
            match item {
                Ok(r) => match r.item {
                    Some(pb::tail_events_response::Item::Event(e)) => {
                        last_seq = e.seq;
                        print_event(ctx, &e);
                    }
                    Some(pb::tail_events_response::Item::Gap(g)) => {
                        ctx.out.notice(&gap_line(g.missed, "events", &g.reason));
                    }
                    None => {}
                },
                Err(e) => {
                    let err = ctx.rpc_error(e);
                    if !a.follow || !matches!(err, CtlError::Unreachable(_) | CtlError::Other(_)) {
                        return Err(err);
                    }
                    ctx.out.notice(&format!("connection lost ({err}); reconnecting"));
                    break;
                }
            }
        }
        if !a.follow {
            return Ok(0);
        }
        tokio::time::sleep(backoff).await;
    }
}

/// A gap notice's line; 0 missed means the count is unknown (an outage of
/// the bus, whose reason gives the window).
pub(crate) fn gap_line(missed: u64, what: &str, reason: &str) -> String {
    match missed {
        0 => format!("! {what} may be missing: {reason}"),
        n => format!("! {n} {what} could not be delivered: {reason}"),
    }
}
