//! `command` messages: control actions from a WebSocket client.

use std::{sync::Arc, time::Duration};

use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::{
    protocol::ServerMessage,
    session::{Closer, Out},
};
use crate::{
    api::Shared,
    auth::{Caller, Grant, TokenError},
    control::Control,
    domain::{
        actions::{self, ControlAction},
        silences::Silences,
    },
};

/// Runs one `command` message: the token is checked again, the action
/// looked up in the one action table, and the result sent as
/// `command_result`. Same roles and audit as gRPC: through control.
#[allow(clippy::too_many_arguments)]
pub(super) fn spawn(
    shared: Arc<Shared>,
    out: super::outq::OutTx,
    closer: Closer,
    grant: Grant,
    id: String,
    action: String,
    service: String,
    args: Value,
) {
    let control = shared.control.clone();
    let tokens = shared.tokens.clone();
    tokio::spawn(async move {
        // The token may have been revoked since the session opened.
        if let Err(e) = tokens.recheck(&grant).await {
            let refused = ServerMessage::CommandResult {
                id,
                ok: false,
                result: None,
                error: Some(e.to_string()),
            };
            let _ = out.try_send(Out::Text(refused.to_text()));
            if matches!(e, TokenError::Invalid) {
                closer.close(
                    CloseCode::Policy,
                    "the token was revoked or expired; the session has ended",
                );
            }
            return;
        }
        let caller: Caller = grant.caller;
        let arg_str = |k: &str| args.get(k).and_then(Value::as_str).map(str::to_string);
        let reason = arg_str("reason").unwrap_or_default();
        let timeout = Duration::from_secs_f64(
            args.get("timeout_seconds")
                .and_then(Value::as_f64)
                .unwrap_or(5.0)
                .clamp(0.1, 600.0),
        );
        let command = args.get("command").and_then(Value::as_str);
        let result: Result<Value, String> = match actions::parse(&action, command) {
            Err(e) => Err(e.to_string()),
            Ok(ControlAction::Restart) => {
                let wait = args.get("wait").and_then(Value::as_bool).unwrap_or(false);
                let fallback = args
                    .get("allowShutdownFallback")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                restart(&control, &out, &id, caller, service, reason, wait, timeout, fallback).await
            }
            Ok(ControlAction::Silence) => {
                let matchers: Vec<String> = args
                    .get("matchers")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default();
                let seconds = args.get("duration_seconds").and_then(Value::as_f64).unwrap_or(0.0);
                let starts_ms = args.get("starts_ms").and_then(Value::as_i64).unwrap_or(0);
                let comment = arg_str("comment").unwrap_or_default();
                silences(&shared)
                    .create(&caller, &matchers, starts_ms, seconds, &comment)
                    .await
                    .map(|(s, audit_id)| json!({"id": s.id, "endsAtMs": s.ends_ms, "auditId": audit_id}))
                    .map_err(|e| e.to_string())
            }
            Ok(ControlAction::ExpireSilence) => {
                let sid = arg_str("id").unwrap_or_default();
                silences(&shared)
                    .expire(&caller, &sid)
                    .await
                    .map(|(s, audit_id)| json!({"id": s.id, "auditId": audit_id}))
                    .map_err(|e| e.to_string())
            }
            Ok(ControlAction::Command(command)) => {
                let data = args.get("data").and_then(Value::as_object).cloned().unwrap_or_default();
                match control
                    .command(&caller, &service, &command, data, &reason, timeout)
                    .await
                {
                    Ok(r) if r.success => Ok(json!({"reply": r.body, "rttMs": r.rtt_ms})),
                    Ok(r) => Err(r.error),
                    Err(e) => Err(e.to_string()),
                }
            }
        };
        let msg = match result {
            Ok(v) => ServerMessage::CommandResult {
                id,
                ok: true,
                result: Some(v),
                error: None,
            },
            Err(e) => ServerMessage::CommandResult {
                id,
                ok: false,
                result: None,
                error: Some(e),
            },
        };
        let _ = out.try_send(Out::Text(msg.to_text()));
    });
}

fn silences(shared: &Shared) -> Silences<'_> {
    Silences {
        control: &shared.control,
        audit: &shared.audit,
        table: &shared.alerts.table,
    }
}

/// A proven restart through control, its stages collected for one reply.
#[allow(clippy::too_many_arguments)]
async fn restart(
    control: &Control,
    out: &super::outq::OutTx,
    id: &str,
    caller: Caller,
    service: String,
    reason: String,
    wait: bool,
    timeout: Duration,
    fallback: bool,
) -> Result<Value, String> {
    control
        .precheck(&caller, crate::auth::Action::Restart, &service, &reason)
        .await
        .map_err(|e| e.to_string())?;
    let (ptx, mut prx) = mpsc::channel(32);
    let c2 = control.clone();
    tokio::spawn(async move { c2.restart(caller, service, reason, wait, timeout, fallback, ptx).await });
    let mut stages = Vec::new();
    let mut last_ok = false;
    let mut last_msg = String::new();
    while let Some(p) = prx.recv().await {
        stages.push(json!({"stage": p.stage, "elapsedSeconds": p.elapsed, "message": p.message}));
        if !p.done {
            // Live, for a person watching; the result repeats them all. A
            // full queue skips a notice, never the result.
            let progress = ServerMessage::CommandProgress {
                id: id.to_string(),
                stage: p.stage.to_string(),
                elapsed_seconds: p.elapsed,
                message: p.message.clone(),
            };
            let _ = out.try_send(Out::Text(progress.to_text()));
        }
        last_ok = p.ok;
        last_msg = p.message.clone();
        if p.done {
            break;
        }
    }
    if last_ok {
        Ok(json!({"stages": stages}))
    } else {
        Err(last_msg)
    }
}
