//! `krytenctl audit ls`

use clap::{Args, Subcommand};
use kryten_proto::v1 as pb;

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    output::time_text,
    timespec,
};

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// The control audit trail, oldest first
    #[command(visible_alias = "list")]
    Ls(LsArgs),
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// From this time (same syntax as everywhere: 1h, 2d, RFC 3339, ...)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only actions on this service
    #[arg(long)]
    pub service: Option<String>,
    /// Only actions by this token name (or "local")
    #[arg(long)]
    pub actor: Option<String>,
    #[arg(short = 'n', long = "tail", default_value_t = 100)]
    pub tail: u32,
}

pub async fn run(ctx: &Ctx, cmd: &AuditCmd) -> Result<u8> {
    let AuditCmd::Ls(a) = cmd;
    let since = a
        .since
        .as_deref()
        .map(|s| timespec::parse(s, &timespec::now()).map_err(CtlError::Usage))
        .transpose()?
        .unwrap_or(0);
    let mut c = ctx.client().await?;
    let r = c
        .list_audit(pb::ListAuditRequest {
            since_us: since,
            service: a.service.clone().unwrap_or_default(),
            actor: a.actor.clone().unwrap_or_default(),
            limit: a.tail,
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    if ctx.out.is_machine() {
        ctx.out.document(&kryten_proto::documents::audit_list_json(&r));
        return Ok(0);
    }
    if r.records.is_empty() {
        ctx.out.notice("no audit records found");
        return Ok(0);
    }
    let mut t = ctx.out.table(&[
        "ID", "TIME", "ACTOR", "ROLE", "ACTION", "TARGET", "OUTCOME", "DURATION", "REASON", "DETAIL",
    ]);
    for x in &r.records {
        t.add_row(vec![
            x.id.to_string(),
            time_text(x.at_us),
            // Another replica's action: said where it was carried out.
            if x.origin.is_empty() {
                x.actor.clone()
            } else {
                format!("{} (on {})", x.actor, x.origin)
            },
            x.role.clone(),
            x.action.clone(),
            x.target.clone(),
            x.outcome.clone(),
            format!("{:.0}ms", x.duration_ms),
            x.reason.clone(),
            x.detail.clone(),
        ]);
    }
    ctx.out.print_table(&t);
    Ok(0)
}
