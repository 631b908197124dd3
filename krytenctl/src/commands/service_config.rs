//! `krytenctl config get|diff|history SERVICE`: what a service runs with,
//! redacted, and what changed. Diff exit codes like `diff`: 0 same,
//! 1 different, 2+ trouble.

use std::io::IsTerminal;

use clap::Args;
use kryten_proto::v1 as pb;
use owo_colors::OwoColorize;
use serde_json::{json, Value};

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    output::{time_text, Format},
};

#[derive(Debug, Args)]
pub struct GetArgs {
    pub service: String,
    /// A stored revision (default: the latest)
    #[arg(long, value_name = "N")]
    pub rev: Option<u64>,
    /// Ask the service now (system.config) instead of the stored revision
    #[arg(long)]
    pub refresh: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    pub service: String,
    /// Compare the latest with this revision (default: the previous one)
    #[arg(long, value_name = "N", conflicts_with_all = ["against", "other"])]
    pub rev: Option<u64>,
    /// Compare with a desired config file (YAML or JSON)
    #[arg(long, value_name = "FILE", conflicts_with = "other")]
    pub against: Option<std::path::PathBuf>,
    /// Compare with another service's config (two instances of a kind)
    #[arg(long = "service", value_name = "OTHER")]
    pub other: Option<String>,
    /// Ask the service(s) now before comparing
    #[arg(long)]
    pub refresh: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    pub service: String,
}

fn yaml(v: &Value) -> String {
    serde_yaml::to_string(v).unwrap_or_default()
}

pub async fn get(ctx: &Ctx, a: &GetArgs) -> Result<u8> {
    let mut c = ctx.client().await?;
    let r = c
        .get_config(pb::GetConfigRequest {
            service: a.service.clone(),
            rev: a.rev.unwrap_or(0),
            refresh: a.refresh,
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    let config: Value = serde_json::from_str(&r.config_json).unwrap_or(Value::Null);
    match ctx.out.format {
        Format::Json | Format::Jsonl => ctx.out.document(&kryten_proto::documents::config_json(&r)),
        _ => {
            ctx.out.notice(&format!(
                "# {} config rev {} (fetched {}, {}){}",
                r.service,
                r.rev,
                time_text(r.at_us),
                r.trigger,
                if r.new { ", new revision" } else { "" }
            ));
            if ctx.out.format == Format::Yaml {
                print!("{}", yaml(&config));
            } else {
                ctx.out.text(&yaml(&config));
            }
        }
    }
    Ok(0)
}

pub async fn history(ctx: &Ctx, a: &HistoryArgs) -> Result<u8> {
    let mut c = ctx.client().await?;
    let r = c
        .list_config_revisions(pb::ListConfigRevisionsRequest {
            service: a.service.clone(),
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    if ctx.out.is_machine() {
        ctx.out.document(&kryten_proto::documents::config_history_json(&r));
        return Ok(0);
    }
    if r.revisions.is_empty() {
        ctx.out.notice(&format!(
            "no config revisions of {} yet (krytenctl config get {} --refresh)",
            a.service, a.service
        ));
        return Ok(0);
    }
    let mut t = ctx.out.table(&["REV", "TIME", "INSTANCE", "TRIGGER", "CHANGED"]);
    for x in &r.revisions {
        t.add_row(vec![
            x.rev.to_string(),
            time_text(x.at_us),
            time_text(x.instance_started_us),
            x.trigger.clone(),
            if x.rev == 1 {
                "(first)".into()
            } else {
                x.changed_paths.join(", ")
            },
        ]);
    }
    ctx.out.print_table(&t);
    Ok(0)
}

pub async fn diff(ctx: &Ctx, a: &DiffArgs) -> Result<u8> {
    let against = match &a.against {
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| CtlError::Usage(format!("cannot read --against {}: {e}", p.display())))?,
        None => String::new(),
    };
    let mut c = ctx.client().await?;
    let r = c
        .diff_config(pb::DiffConfigRequest {
            service: a.service.clone(),
            rev: a.rev.unwrap_or(0),
            against,
            other_service: a.other.clone().unwrap_or_default(),
            refresh: a.refresh,
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    let differs = !r.changes.is_empty();
    if ctx.out.is_machine() {
        let changes: Vec<Value> = r
            .changes
            .iter()
            .map(|c| {
                let parse = |s: &str| {
                    if s.is_empty() {
                        Value::Null
                    } else {
                        serde_json::from_str(s).unwrap_or(Value::Null)
                    }
                };
                json!({"path": c.path, "kind": c.kind, "old": parse(&c.old_json), "new": parse(&c.new_json)})
            })
            .collect();
        ctx.out
            .document(&json!({"kind": "ConfigDiff", "from": r.old_label, "to": r.new_label, "changes": changes}));
        return Ok(u8::from(differs));
    }
    let old: Value = serde_json::from_str(&r.old_json).unwrap_or(Value::Null);
    let new: Value = serde_json::from_str(&r.new_json).unwrap_or(Value::Null);
    let (old_text, new_text) = (yaml(&old), yaml(&new));
    if let Ok(tool) = std::env::var("KRYTEN_EXTERNAL_DIFF") {
        if !tool.trim().is_empty() {
            return external(&tool, &r.old_label, &old_text, &r.new_label, &new_text);
        }
    }
    if !differs {
        ctx.out
            .notice(&format!("no differences between {} and {}", r.old_label, r.new_label));
        return Ok(0);
    }
    let d = similar::TextDiff::from_lines(&old_text, &new_text);
    let text = d
        .unified_diff()
        .context_radius(3)
        .header(&r.old_label, &r.new_label)
        .to_string();
    let color = ctx.out.color && std::io::stdout().is_terminal();
    for line in text.lines() {
        let shown = match (color, line.chars().next()) {
            (true, Some('+')) if !line.starts_with("+++") => line.green().to_string(),
            (true, Some('-')) if !line.starts_with("---") => line.red().to_string(),
            (true, Some('@')) => line.cyan().to_string(),
            _ => line.to_string(),
        };
        ctx.out.line(&shown);
    }
    Ok(1)
}

/// `KRYTEN_EXTERNAL_DIFF="diff -u"` etc.: the tool gets two files.
fn external(tool: &str, old_label: &str, old: &str, new_label: &str, new: &str) -> Result<u8> {
    let dir = tempfile::tempdir().map_err(|e| CtlError::Other(e.to_string()))?;
    let name = |l: &str| l.replace(|c: char| !c.is_ascii_alphanumeric(), "-") + ".yaml";
    let (a, b) = (
        dir.path().join(format!("a-{}", name(old_label))),
        dir.path().join(format!("b-{}", name(new_label))),
    );
    std::fs::write(&a, old)
        .and_then(|_| std::fs::write(&b, new))
        .map_err(|e| CtlError::Other(e.to_string()))?;
    let mut parts = tool.split_whitespace();
    let program = parts.next().unwrap_or("diff");
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(&a)
        .arg(&b)
        .status()
        .map_err(|e| CtlError::Other(format!("cannot run KRYTEN_EXTERNAL_DIFF ({tool}): {e}")))?;
    match status.code() {
        Some(0) => Ok(0),
        Some(1) => Ok(1),
        Some(n) => Err(CtlError::Other(format!(
            "KRYTEN_EXTERNAL_DIFF ({tool}) failed with exit status {n}"
        ))),
        None => Err(CtlError::Other(format!("KRYTEN_EXTERNAL_DIFF ({tool}) was killed"))),
    }
}
