//! Alerts and silences.

use kryten_proto::v1 as pb;
use tonic::{Request, Response, Status as RpcStatus};

use super::{caller, control_err, internal, KrytendApi, Reply};
use crate::{
    alerts::{
        engine::{Alert, State, Transition},
        silence::Silence,
    },
    auth::Action,
    domain::silences::{SilenceAdminError, Silences},
};

fn alert_pb(a: &Alert) -> pb::AlertInfo {
    pb::AlertInfo {
        fingerprint: a.fingerprint.clone(),
        labels: a.labels.clone().into_iter().collect(),
        severity: a.severity.as_str().into(),
        summary: a.summary.clone(),
        state: match a.state {
            State::Pending => "pending",
            State::Firing => "firing",
        }
        .into(),
        active_at_ms: a.active_at_ms,
        fired_at_ms: a.fired_at_ms.unwrap_or(0),
    }
}

fn silence_pb(s: &Silence, audit_id: u64) -> pb::SilenceInfo {
    pb::SilenceInfo {
        id: s.id.clone(),
        matchers: s.matchers.iter().map(|m| m.to_string()).collect(),
        starts_ms: s.starts_ms,
        ends_ms: s.ends_ms,
        author: s.author.clone(),
        comment: s.comment.clone(),
        audit_id,
    }
}

fn silence_err(e: SilenceAdminError) -> RpcStatus {
    match e {
        SilenceAdminError::Control(e) => control_err(e),
        SilenceAdminError::Invalid(_) | SilenceAdminError::Matcher(_) => RpcStatus::invalid_argument(e.to_string()),
        SilenceAdminError::NotFound(_) => RpcStatus::not_found(e.to_string()),
        SilenceAdminError::Audit(_) | SilenceAdminError::Store(_) => internal(e),
    }
}

fn silences(api: &KrytendApi) -> Silences<'_> {
    Silences {
        control: &api.shared.control,
        audit: &api.shared.audit,
        table: &api.shared.alerts.table,
    }
}

pub(super) async fn list(api: &KrytendApi, req: Request<pb::ListAlertsRequest>) -> Reply<pb::ListAlertsResponse> {
    let who = caller(&req)?;
    api.shared
        .control
        .authorize(&who, Action::Read, "", "")
        .await
        .map_err(control_err)?;
    let want = req.into_inner().state;
    let state = match want.as_str() {
        "" => None,
        "pending" => Some(State::Pending),
        "firing" => Some(State::Firing),
        other => {
            return Err(RpcStatus::invalid_argument(format!(
                "unknown state {other:?}: pending or firing"
            )))
        }
    };
    let h = &api.shared.alerts;
    Ok(Response::new(pb::ListAlertsResponse {
        alerts: h
            .active()
            .iter()
            .filter(|a| state.is_none_or(|s| a.state == s))
            .map(alert_pb)
            .collect(),
        recent: h
            .recent()
            .iter()
            .map(|t| match t {
                Transition::AlertFiring { alert } => pb::AlertTransition {
                    kind: "alert_firing".into(),
                    alert: Some(alert_pb(alert)),
                    resolved_at_ms: 0,
                },
                Transition::AlertResolved { alert, resolved_at_ms } => pb::AlertTransition {
                    kind: "alert_resolved".into(),
                    alert: Some(alert_pb(alert)),
                    resolved_at_ms: *resolved_at_ms,
                },
            })
            .collect(),
        delivery_failures: h.delivery_failures(),
    }))
}

pub(super) async fn create_silence(api: &KrytendApi, req: Request<pb::CreateSilenceRequest>) -> Reply<pb::SilenceInfo> {
    let who = caller(&req)?;
    let r = req.into_inner();
    let (s, audit_id) = silences(api)
        .create(&who, &r.matchers, r.duration_seconds, &r.comment)
        .await
        .map_err(silence_err)?;
    Ok(Response::new(silence_pb(&s, audit_id)))
}

pub(super) async fn list_silences(
    api: &KrytendApi,
    req: Request<pb::ListSilencesRequest>,
) -> Reply<pb::ListSilencesResponse> {
    let who = caller(&req)?;
    let list = silences(api).list(&who).await.map_err(silence_err)?;
    Ok(Response::new(pb::ListSilencesResponse {
        silences: list.iter().map(|s| silence_pb(s, 0)).collect(),
    }))
}

pub(super) async fn test_receiver(
    api: &KrytendApi,
    req: Request<pb::TestReceiverRequest>,
) -> Reply<pb::TestReceiverResponse> {
    let who = caller(&req)?;
    let name = req.into_inner().receiver;
    let s = &api.shared;
    s.control
        .authorize(&who, Action::TestReceiver, &name, "")
        .await
        .map_err(control_err)?;
    let audit_id = s
        .audit
        .begin(&who, Action::TestReceiver, &name, "", "test notification")
        .await
        .map_err(internal)?;
    let Some(records) = s.alerts.test(&name, &who.name).await else {
        let known = s.alerts.receiver_names().join(", ");
        let msg = format!("no receiver named {name:?}; receivers: {known}");
        s.audit.finish(audit_id, "failed", &msg, 0.0).await;
        return Err(RpcStatus::not_found(msg));
    };
    let ok = records.last().is_some_and(|r| r.ok);
    s.audit
        .finish(
            audit_id,
            if ok { "ok" } else { "failed" },
            &format!("{} attempt(s)", records.len()),
            0.0,
        )
        .await;
    Ok(Response::new(pb::TestReceiverResponse {
        attempts: records
            .into_iter()
            .map(|r| pb::DeliveryAttempt {
                at_ms: r.at_ms,
                ok: r.ok,
                status: r.status.unwrap_or(0),
                error: r.error.unwrap_or_default(),
            })
            .collect(),
        audit_id,
    }))
}

pub(super) async fn expire_silence(api: &KrytendApi, req: Request<pb::ExpireSilenceRequest>) -> Reply<pb::SilenceInfo> {
    let who = caller(&req)?;
    let id = req.into_inner().id;
    let (s, audit_id) = silences(api).expire(&who, &id).await.map_err(silence_err)?;
    Ok(Response::new(silence_pb(&s, audit_id)))
}
