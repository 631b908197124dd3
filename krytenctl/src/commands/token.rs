//! `krytenctl token create|ls|revoke`

use clap::{Args, Subcommand};
use kryten_proto::v1 as pb;
use serde_json::json;

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    output::{age_since, list_json, time_json, Format},
    timespec,
};

#[derive(Debug, Subcommand)]
pub enum TokenCmd {
    /// Create a token; it is shown once
    Create(CreateArgs),
    /// List tokens (never their secrets)
    #[command(visible_alias = "list")]
    Ls,
    /// Revoke a token at once
    Revoke(RevokeArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[arg(long)]
    pub name: String,
    /// viewer, operator or admin
    #[arg(long, value_parser = ["viewer", "operator", "admin"])]
    pub role: String,
    /// Expire after this long (e.g. 30d)
    #[arg(long, value_name = "DURATION")]
    pub expires: Option<String>,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    pub name: String,
}

fn info_json(t: &pb::TokenInfo) -> serde_json::Value {
    json!({"name": t.name, "role": t.role, "created": time_json(t.created_us), "lastUsed": time_json(t.last_used_us),
        "expires": time_json(t.expires_us), "revoked": time_json(t.revoked_us)})
}

pub async fn run(ctx: &Ctx, cmd: &TokenCmd) -> Result<u8> {
    let mut c = ctx.client().await?;
    match cmd {
        TokenCmd::Create(a) => {
            let expires = a
                .expires
                .as_deref()
                .map(|e| timespec::duration(e).map_err(CtlError::Usage))
                .transpose()?
                .map_or(0.0, |d| d.as_secs_f64());
            let r = c
                .create_token(pb::CreateTokenRequest {
                    name: a.name.clone(),
                    role: a.role.clone(),
                    expires_in_seconds: expires,
                })
                .await
                .map_err(|e| ctx.rpc_error(e))?
                .into_inner();
            if ctx.out.is_machine() {
                let mut v = r.info.as_ref().map(info_json).unwrap_or_default();
                v["token"] = r.token.clone().into();
                ctx.out.document(&v);
            } else {
                ctx.out.line(&r.token);
                ctx.out.notice(&format!(
                    "token {:?} ({}) created; it is shown only now. Use it with --token or KRYTEN_TOKEN.",
                    a.name, a.role
                ));
            }
        }
        TokenCmd::Ls => {
            let r = c
                .list_tokens(pb::ListTokensRequest {})
                .await
                .map_err(|e| ctx.rpc_error(e))?
                .into_inner();
            if ctx.out.is_machine() {
                ctx.out
                    .document(&list_json("TokenList", r.tokens.iter().map(info_json).collect()));
            } else if matches!(ctx.out.format, Format::Table | Format::Wide | Format::Name) {
                let now = jiff::Timestamp::now().as_microsecond();
                let mut t = ctx.out.table(&["NAME", "ROLE", "AGE", "LAST-USED", "EXPIRES", "STATE"]);
                for tok in &r.tokens {
                    let state = if tok.revoked_us > 0 {
                        "revoked"
                    } else if tok.expires_us > 0 && tok.expires_us <= now {
                        "expired"
                    } else {
                        "active"
                    };
                    t.add_row(vec![
                        tok.name.clone(),
                        tok.role.clone(),
                        age_since(now, tok.created_us),
                        if tok.last_used_us > 0 {
                            format!("{} ago", age_since(now, tok.last_used_us))
                        } else {
                            "never".into()
                        },
                        if tok.expires_us > 0 {
                            crate::output::time_text(tok.expires_us)
                        } else {
                            "never".into()
                        },
                        state.into(),
                    ]);
                }
                ctx.out.print_table(&t);
            }
        }
        TokenCmd::Revoke(a) => {
            c.revoke_token(pb::RevokeTokenRequest { name: a.name.clone() })
                .await
                .map_err(|e| ctx.rpc_error(e))?;
            ctx.out.notice(&format!("token {:?} revoked", a.name));
        }
    }
    Ok(0)
}
