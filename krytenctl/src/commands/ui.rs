//! `krytenctl ui`: a single-use, short-lived link that signs a browser in
//! to the web UI with this context's role (as Jupyter prints one), opened
//! in the desktop's browser when there is one.

use clap::Args;
use kryten_proto::v1 as pb;
use serde_json::json;

use super::Ctx;
use crate::{
    error::{CtlError, Result},
    timespec,
};

#[derive(Debug, Args)]
pub struct UiArgs {
    /// A lower role for the browser than this context's (viewer, operator)
    #[arg(long, value_parser = ["viewer", "operator", "admin"])]
    pub role: Option<String>,
    /// How long the browser stays signed in (default 12h, at most 7d)
    #[arg(long, value_name = "DURATION")]
    pub session: Option<String>,
    /// Only print the link; do not start a browser
    #[arg(long)]
    pub no_open: bool,
}

/// The daemon names its own listen address; a wildcard one means "this
/// host", which is where a browser on the same machine reaches it.
fn reachable(link: &str, server: &str) -> String {
    let host = server
        .strip_prefix("http://")
        .or_else(|| server.strip_prefix("https://"))
        .and_then(|rest| rest.split('/').next())
        .and_then(|hp| hp.rsplit_once(':').map(|(h, _)| h.to_string()))
        .unwrap_or_else(|| "127.0.0.1".to_string());
    link.replacen("://0.0.0.0:", &format!("://{host}:"), 1)
        .replacen("://[::]:", &format!("://{host}:"), 1)
}

fn open_browser(link: &str) -> bool {
    let desktop = std::env::var_os("DISPLAY").is_some()
        || std::env::var_os("WAYLAND_DISPLAY").is_some()
        || cfg!(target_os = "macos");
    if !desktop {
        return false;
    }
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    std::process::Command::new(opener)
        .arg(link)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

pub async fn run(ctx: &Ctx, a: &UiArgs) -> Result<u8> {
    let session_seconds = match &a.session {
        Some(s) => timespec::duration(s).map_err(CtlError::Usage)?.as_secs_f64(),
        None => 0.0,
    };
    let mut c = ctx.client().await?;
    let r = c
        .create_sign_in_link(pb::CreateSignInLinkRequest {
            role: a.role.clone().unwrap_or_default(),
            session_seconds,
        })
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    if r.link.is_empty() {
        return Err(CtlError::Usage(
            "the daemon serves no web UI: its HTTP listener (websocket.listen) is off".into(),
        ));
    }
    let link = reachable(&r.link, &ctx.server);
    if ctx.out.is_machine() {
        ctx.out.document(&json!({
            "kind": "SignInLink", "link": link, "role": r.role,
            "expiresAt": kryten_proto::documents::time_json(r.expires_at_ms.saturating_mul(1000)),
        }));
    } else {
        ctx.out.line(&link);
        ctx.out.notice(&format!(
            "signs one browser in as {} within a minute; it works once",
            r.role
        ));
    }
    if !a.no_open && !ctx.out.is_machine() && open_browser(&link) {
        ctx.out.notice("opened in your browser");
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_listen_address_becomes_the_host_the_cli_reached() {
        let link = "http://0.0.0.0:7469/#/signin/abc";
        assert_eq!(
            reachable(link, "http://ops.example:7468"),
            "http://ops.example:7469/#/signin/abc"
        );
        assert_eq!(
            reachable(link, "unix:///run/krytend.sock"),
            "http://127.0.0.1:7469/#/signin/abc"
        );
        assert_eq!(
            reachable("http://127.0.0.1:7469/", "unix:///x"),
            "http://127.0.0.1:7469/"
        );
    }
}
