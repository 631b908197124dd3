//! `krytenctl admin reload`: the daemon re-reads its configuration file.

use clap::Subcommand;
use kryten_proto::v1 as pb;
use serde_json::json;

use super::Ctx;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum AdminCmd {
    /// Re-read the daemon's configuration file and apply alert rules, routes,
    /// receivers and maintenance windows (admin; audited). Exit 1 if refused.
    Reload,
}

pub async fn run(ctx: &Ctx, cmd: &AdminCmd) -> Result<u8> {
    let AdminCmd::Reload = cmd;
    let mut c = ctx.client().await?;
    let r = c
        .reload_config(pb::ReloadConfigRequest {})
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    if ctx.out.is_machine() {
        ctx.out.document(&json!({
            "kind": "ConfigReload", "applied": r.applied, "message": r.message,
            "rules": r.rules, "receivers": r.receivers, "maintenance": r.maintenance,
        }));
    } else {
        ctx.out.line(&r.message);
    }
    Ok(if r.applied { 0 } else { 1 })
}
