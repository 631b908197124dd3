//! `krytenctl logs SERVICE... | --all`: one ordered stream of the fleet's logs.

use std::time::Duration;

use clap::{Args, ValueEnum};
use futures::StreamExt;
use kryten_proto::v1 as pb;
use owo_colors::OwoColorize;
use regex::Regex;

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    output::{sanitize, time_text, Format},
    timespec,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Services whose logs to show (several interleave in time order)
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Every service's logs
    #[arg(long, conflicts_with = "services")]
    pub all: bool,
    /// Keep following; survives the service restarting and the daemon connection dropping
    #[arg(short, long)]
    pub follow: bool,
    /// How many past lines to show first (default 100; with --since, all since then)
    #[arg(short = 'n', long = "tail", value_name = "N")]
    pub tail: Option<u32>,
    /// From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Up to this time (same syntax)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// This level or worse: debug, info, notice, warning, error, critical, alert, emerg, or 0-7
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Only lines matching this regular expression (plain words use the full-text index)
    #[arg(short = 'g', long, value_name = "REGEX")]
    pub grep: Option<String>,
    /// Leave out lines matching this regular expression
    #[arg(long, value_name = "REGEX")]
    pub exclude: Option<String>,
    /// Show each line's time
    #[arg(short, long)]
    pub timestamps: bool,
    /// Prefix each line with its service (the default with several services)
    #[arg(long)]
    pub prefix: bool,
    /// Output: text, or json / jsonl records (also -o json|jsonl)
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub format: Option<LogFormat>,
}

/// Syslog severity for a level word or number; lower is worse.
pub fn parse_level(word: &str) -> Option<u32> {
    Some(match word.trim().to_ascii_lowercase().as_str() {
        "emerg" | "emergency" | "panic" => 0,
        "alert" => 1,
        "crit" | "critical" | "fatal" => 2,
        "err" | "error" => 3,
        "warning" | "warn" => 4,
        "notice" => 5,
        "info" => 6,
        "debug" | "trace" => 7,
        n => n.parse::<u32>().ok().filter(|v| *v <= 7)?,
    })
}

struct Printer<'a> {
    ctx: &'a Ctx,
    format: LogFormat,
    prefix: bool,
    timestamps: bool,
    highlight: Option<Regex>,
    width: usize,
}

impl Printer<'_> {
    fn record(&self, r: &pb::LogRecord) {
        match self.format {
            LogFormat::Json | LogFormat::Jsonl => {
                self.ctx
                    .out
                    .raw_line(&serde_json::to_string(&record_json(r)).unwrap_or_default());
            }
            LogFormat::Text => {
                let o = &self.ctx.out;
                let mut line = String::new();
                if self.prefix {
                    let name = format!("{:<w$}", r.service, w = self.width);
                    line.push_str(&o.paint_service(&name));
                    line.push_str(" | ");
                }
                if self.timestamps {
                    line.push_str(&o.dim(&time_text(r.time_us)));
                    line.push(' ');
                }
                if !r.level.is_empty() {
                    line.push_str(&self.level(r));
                    line.push(' ');
                }
                line.push_str(&self.highlighted(&r.message));
                o.line(&line);
                for l in r.exception.lines() {
                    o.line(&format!("    {}", self.highlighted(l)));
                }
            }
        }
    }

    fn level(&self, r: &pb::LogRecord) -> String {
        let word = format!("{:<7}", r.level.to_ascii_uppercase());
        if !self.ctx.out.color {
            return word;
        }
        match r.severity {
            Some(0..=3) => word.red().bold().to_string(),
            Some(4) => word.yellow().to_string(),
            Some(5 | 6) => word.green().to_string(),
            _ => word.dimmed().to_string(),
        }
    }

    fn highlighted(&self, text: &str) -> String {
        // Escaped before the highlight is painted, so the only color codes
        // left in the line are ours.
        let text = &*sanitize(text);
        match (&self.highlight, self.ctx.out.color) {
            (Some(re), true) => re
                .replace_all(text, |c: &regex::Captures| (&c[0]).red().bold().to_string())
                .into_owned(),
            _ => text.to_string(),
        }
    }
}

pub use kryten_proto::documents::log_record_json as record_json;

pub async fn run(ctx: &Ctx, a: &LogsArgs) -> Result<u8> {
    if a.services.is_empty() && !a.all {
        return Err(CtlError::Usage("name one or more services, or use --all".into()));
    }
    let now = timespec::now();
    let t = |s: &Option<String>| -> Result<i64> {
        s.as_deref()
            .map(|s| timespec::parse(s, &now).map_err(CtlError::Usage))
            .transpose()
            .map(|v| v.unwrap_or(0))
    };
    let check = |flag: &str, re: &Option<String>| -> Result<Option<Regex>> {
        re.as_deref()
            .map(|p| Regex::new(p).map_err(|e| CtlError::Usage(format!("invalid {flag} pattern: {e}"))))
            .transpose()
    };
    let highlight = check("--grep", &a.grep)?;
    check("--exclude", &a.exclude)?;
    let max_severity = a
        .level
        .as_deref()
        .map(|l| {
            parse_level(l).ok_or_else(|| {
                CtlError::Usage(format!(
                    "unknown level {l:?}: use debug, info, notice, warning, error, critical, alert, emerg or 0-7"
                ))
            })
        })
        .transpose()?;
    let filter = pb::LogFilter {
        services: a.services.clone(),
        max_severity,
        since_us: t(&a.since)?,
        until_us: t(&a.until)?,
        grep: a.grep.clone().unwrap_or_default(),
        exclude: a.exclude.clone().unwrap_or_default(),
    };
    let format = a.format.unwrap_or(match ctx.out.format {
        Format::Json | Format::Yaml => LogFormat::Json,
        Format::Jsonl => LogFormat::Jsonl,
        _ => LogFormat::Text,
    });
    let printer = Printer {
        ctx,
        format,
        prefix: a.prefix || a.all || a.services.len() > 1,
        timestamps: a.timestamps,
        highlight,
        width: a.services.iter().map(String::len).max().unwrap_or(0),
    };
    if format == LogFormat::Json && !a.follow {
        return list(ctx, a, filter).await;
    }
    follow(ctx, a, filter, &printer).await
}

async fn list(ctx: &Ctx, a: &LogsArgs, filter: pb::LogFilter) -> Result<u8> {
    let mut c = ctx.client().await?;
    let since = filter.since_us != 0;
    let r = c
        .list_logs(pb::ListLogsRequest {
            filter: Some(filter),
            limit: a.tail.unwrap_or(if since { 100_000 } else { 100 }),
            newest: !since || a.tail.is_some(),
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    ctx.out.document(&kryten_proto::documents::log_list_json(&r));
    Ok(0)
}

/// History, then (with -f) live; after a lost connection it resumes after
/// the last record printed and says so, and whether anything was missed.
async fn follow(ctx: &Ctx, a: &LogsArgs, filter: pb::LogFilter, p: &Printer<'_>) -> Result<u8> {
    let has_since = filter.since_us != 0;
    let mut last_seq = 0u64;
    let mut first = true;
    let mut printed_any = false;
    let mut backoff = Duration::from_millis(200);
    loop {
        let attempt = async {
            let mut c = ctx.client().await?;
            let req = pb::TailLogsRequest {
                filter: Some(filter.clone()),
                tail: if last_seq > 0 || (has_since && a.tail.is_none()) {
                    0
                } else {
                    a.tail.unwrap_or(100)
                },
                after_seq: last_seq,
                no_follow: !a.follow,
            };
            c.tail_logs(req)
                .await
                .map(tonic::Response::into_inner)
                .map_err(|e| ctx.rpc_error(e))
        }
        .await;
        let mut stream = match attempt {
            Ok(s) => s,
            // While following, a daemon going away or coming back (refused,
            // reset, half-started) is waited out; other errors are final.
            Err(e) if first || !a.follow || !matches!(e, CtlError::Unreachable(_) | CtlError::Other(_)) => {
                return Err(e)
            }
            Err(e) => {
                ctx.out.notice(&format!("{e}; retrying in {backoff:?}"));
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(2));
                continue;
            }
        };
        if !first {
            ctx.out
                .notice(&format!("reconnected to krytend; resuming after record #{last_seq}"));
        }
        first = false;
        backoff = Duration::from_millis(200);
        while let Some(item) = stream.next().await {
            match item {
                Ok(r) => match r.item {
                    Some(pb::tail_logs_response::Item::Record(rec)) => {
                        last_seq = last_seq.max(rec.seq);
                        printed_any = true;
                        p.record(&rec);
                    }
                    Some(pb::tail_logs_response::Item::Gap(g)) => {
                        ctx.out
                            .notice(&crate::commands::events::gap_line(g.missed, "log records", &g.reason));
                    }
                    None => {}
                },
                Err(e) => {
                    let err = ctx.rpc_error(e);
                    if !a.follow {
                        return Err(err);
                    }
                    ctx.out
                        .notice(&format!("lost the connection to krytend ({err}); reconnecting"));
                    break;
                }
            }
        }
        if !a.follow {
            if !printed_any {
                ctx.out.notice("no log records found");
            }
            return Ok(0);
        }
        ctx.out.notice("krytend closed the stream; reconnecting");
        tokio::time::sleep(backoff).await;
    }
}
