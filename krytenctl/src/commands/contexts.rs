//! `krytenctl config get-contexts|use-context|current-context`: the client
//! config's kubeconfig-style contexts. Tokens are never printed.

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use crate::{
    client::{config_path, load_config},
    error::{CtlError, Result},
    output::list_json,
};

#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// A service's running config, secrets redacted (YAML by default)
    Get(super::service_config::GetArgs),
    /// What changed: against the previous revision, --rev N, --against FILE or --service OTHER
    Diff(super::service_config::DiffArgs),
    /// A service's config revisions
    History(super::service_config::HistoryArgs),
    /// List the contexts of the client config
    GetContexts,
    /// Make a context the default
    UseContext(UseArgs),
    /// Print the current context's name
    CurrentContext,
}

#[derive(Debug, Args)]
pub struct UseArgs {
    pub name: String,
}

pub async fn run(ctx: &Ctx, cmd: &ConfigCmd) -> Result<u8> {
    match cmd {
        ConfigCmd::Get(a) => return super::service_config::get(ctx, a).await,
        ConfigCmd::Diff(a) => return super::service_config::diff(ctx, a).await,
        ConfigCmd::History(a) => return super::service_config::history(ctx, a).await,
        _ => {}
    }
    let path = config_path();
    let mut cfg = load_config(&path)?.ok_or_else(|| {
        CtlError::NotFound(format!(
            "no client config at {} (krytend writes one on its first start)",
            path.display()
        ))
    })?;
    match cmd {
        ConfigCmd::GetContexts => {
            if ctx.out.is_machine() {
                let items = cfg
                    .contexts
                    .iter()
                    .map(|c| {
                        json!({"name": c.name, "server": c.server, "current": c.name == cfg.current_context,
                        "hasToken": c.token.is_some()})
                    })
                    .collect();
                ctx.out.document(&list_json("ContextList", items));
                return Ok(0);
            }
            let mut t = ctx.out.table(&["CURRENT", "NAME", "SERVER", "TOKEN"]);
            for c in &cfg.contexts {
                t.add_row(vec![
                    if c.name == cfg.current_context { "*" } else { "" }.to_string(),
                    c.name.clone(),
                    c.server.clone(),
                    if c.token.is_some() { "yes" } else { "-" }.to_string(),
                ]);
            }
            ctx.out.print_table(&t);
        }
        ConfigCmd::CurrentContext => ctx.out.line(&cfg.current_context),
        ConfigCmd::Get(_) | ConfigCmd::Diff(_) | ConfigCmd::History(_) => {}
        ConfigCmd::UseContext(a) => {
            if !cfg.contexts.iter().any(|c| c.name == a.name) {
                return Err(CtlError::NotFound(format!(
                    "no context {:?}; known: {}",
                    a.name,
                    cfg.contexts
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            cfg.current_context.clone_from(&a.name);
            let text = serde_yaml::to_string(&cfg).map_err(|e| CtlError::Other(e.to_string()))?;
            write_private(&path, &text)
                .map_err(|e| CtlError::Other(format!("cannot write {}: {e}", path.display())))?;
            ctx.out.notice(&format!("switched to context {:?}", a.name));
        }
    }
    Ok(0)
}

/// Rewrites the file keeping it readable by its owner alone (it holds tokens).
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::{io::Write, os::unix::fs::OpenOptionsExt};
    let tmp = path.with_extension("yaml.tmp");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}
