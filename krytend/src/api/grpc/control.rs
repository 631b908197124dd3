//! Control actions: proven restarts with their progress, and commands.

use kryten_proto::v1 as pb;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status as RpcStatus};

use super::{caller, control_err, timeout_of, KrytendApi, Reply, Streamed};
use crate::{auth::Action, control::Progress};

fn progress_pb(p: Progress) -> pb::ControlProgress {
    pb::ControlProgress {
        service: p.service,
        stage: p.stage.into(),
        elapsed_seconds: p.elapsed,
        done: p.done,
        ok: p.ok,
        message: p.message,
        audit_id: p.audit_id,
    }
}

/// Forwards progress to the client until it is done or the client leaves.
fn stream_progress(mut progress: mpsc::Receiver<Progress>, depth: usize) -> Streamed<pb::ControlProgress> {
    let (tx, rx) = mpsc::channel(depth);
    tokio::spawn(async move {
        while let Some(p) = progress.recv().await {
            if tx.send(Ok(progress_pb(p))).await.is_err() {
                return;
            }
        }
    });
    Box::pin(ReceiverStream::new(rx))
}

pub(super) async fn restart(
    api: &KrytendApi,
    req: Request<pb::RestartRequest>,
) -> Reply<Streamed<pb::ControlProgress>> {
    let who = caller(&req)?;
    let r = req.into_inner();
    let control = api.shared.control.clone();
    control
        .precheck(&who, Action::Restart, &r.service, &r.reason)
        .await
        .map_err(control_err)?;
    let (ptx, prx) = mpsc::channel(64);
    let timeout = timeout_of(r.timeout_seconds, 60);
    tokio::spawn(async move {
        control
            .restart(
                who,
                r.service,
                r.reason,
                r.wait,
                timeout,
                r.allow_shutdown_fallback,
                ptx,
            )
            .await
    });
    Ok(Response::new(stream_progress(prx, 64)))
}

pub(super) async fn restart_all(
    api: &KrytendApi,
    req: Request<pb::RestartAllRequest>,
) -> Reply<Streamed<pb::ControlProgress>> {
    let who = caller(&req)?;
    let r = req.into_inner();
    if !(0.0..=300.0).contains(&r.delay_seconds) {
        return Err(RpcStatus::invalid_argument("--delay must be 0-300 seconds"));
    }
    let control = api.shared.control.clone();
    control
        .precheck(&who, Action::RestartAll, "*", &r.reason)
        .await
        .map_err(control_err)?;
    let (ptx, prx) = mpsc::channel(256);
    let timeout = timeout_of(r.timeout_seconds, 120);
    tokio::spawn(async move {
        control
            .restart_all(who, r.delay_seconds, r.reason, r.wait, timeout, ptx)
            .await
    });
    Ok(Response::new(stream_progress(prx, 256)))
}

pub(super) async fn command(api: &KrytendApi, req: Request<pb::CommandRequest>) -> Reply<pb::CommandResponse> {
    let who = caller(&req)?;
    let r = req.into_inner();
    let args = if r.args_json.trim().is_empty() {
        serde_json::Map::new()
    } else {
        match serde_json::from_str::<serde_json::Value>(&r.args_json) {
            Ok(serde_json::Value::Object(m)) => m,
            Ok(_) => return Err(RpcStatus::invalid_argument("--data must be a JSON object")),
            Err(e) => return Err(RpcStatus::invalid_argument(format!("--data is not JSON: {e}"))),
        }
    };
    let reply = api
        .shared
        .control
        .command(
            &who,
            &r.service,
            &r.command,
            args,
            &r.reason,
            timeout_of(r.timeout_seconds, 5),
        )
        .await
        .map_err(control_err)?;
    Ok(Response::new(pb::CommandResponse {
        reply_json: reply.body.to_string(),
        rtt_ms: reply.rtt_ms,
        success: reply.success,
        error: reply.error,
        audit_id: reply.audit_id,
        subject: reply.subject,
    }))
}
