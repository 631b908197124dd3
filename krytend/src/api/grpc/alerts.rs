//! Alerts and silences.

use kryten_proto::v1 as pb;
use tonic::{Request, Response, Status as RpcStatus};

use super::{caller, control_err, internal, KrytendApi, Reply};
use crate::{
    alerts::{
        engine::{Alert, Transition},
        notify::DeliveryRecord,
        silence::Silence,
    },
    auth::Action,
    domain::{
        alerts::{AlertView, Alerts, AlertsError, Wanted, WindowView},
        silences::{SilenceAdminError, Silences},
    },
    store::alerts::StoredTransition,
};

pub(crate) fn alert_pb(a: &Alert) -> pb::AlertInfo {
    view_pb(&AlertView {
        alert: a.clone(),
        resolved_at_ms: None,
    })
}

pub(crate) fn view_pb(v: &AlertView) -> pb::AlertInfo {
    let a = &v.alert;
    pb::AlertInfo {
        fingerprint: a.fingerprint.clone(),
        labels: a.labels.clone().into_iter().collect(),
        severity: a.severity.as_str().into(),
        summary: a.summary.clone(),
        state: v.state().into(),
        active_at_ms: a.active_at_ms,
        fired_at_ms: a.fired_at_ms.unwrap_or(0),
        resolved_at_ms: v.resolved_at_ms.unwrap_or(0),
    }
}

fn transition_pb(t: &Transition) -> pb::AlertTransition {
    match t {
        Transition::AlertFiring { alert } => pb::AlertTransition {
            kind: "alert_firing".into(),
            alert: Some(alert_pb(alert)),
            resolved_at_ms: 0,
        },
        Transition::AlertResolved { alert, resolved_at_ms } => pb::AlertTransition {
            kind: "alert_resolved".into(),
            alert: Some(view_pb(&AlertView {
                alert: alert.clone(),
                resolved_at_ms: Some(*resolved_at_ms),
            })),
            resolved_at_ms: *resolved_at_ms,
        },
    }
}

fn stored_pb(t: &StoredTransition) -> pb::AlertTransition {
    let resolved = t.kind == "alert_resolved";
    let mut alert = view_pb(&AlertView {
        alert: t.alert(),
        resolved_at_ms: resolved.then_some(t.at_ms),
    });
    if !resolved {
        alert.fired_at_ms = t.at_ms;
        alert.active_at_ms = t.at_ms;
    }
    pb::AlertTransition {
        kind: t.kind.clone(),
        alert: Some(alert),
        resolved_at_ms: if resolved { t.at_ms } else { 0 },
    }
}

fn window_pb(w: &WindowView) -> pb::MaintenanceInfo {
    pb::MaintenanceInfo {
        name: w.name.clone(),
        matchers: w.matchers.clone(),
        starts_ms: w.starts_ms.unwrap_or(0),
        ends_ms: w.ends_ms.unwrap_or(0),
        cron: w.cron.clone().unwrap_or_default(),
        time_zone: w.time_zone.clone().unwrap_or_default(),
        duration_seconds: w.duration_ms.map_or(0.0, |d| d as f64 / 1000.0),
        active: w.active,
        active_until_ms: w.active_until_ms.unwrap_or(0),
        next_start_ms: w.next_start_ms.unwrap_or(0),
    }
}

fn delivery_pb(r: DeliveryRecord) -> pb::DeliveryAttempt {
    pb::DeliveryAttempt {
        at_ms: r.at_ms,
        ok: r.ok,
        status: r.status.unwrap_or(0),
        error: r.error.unwrap_or_default(),
        receiver: r.receiver,
    }
}

fn alerts_err(e: AlertsError) -> RpcStatus {
    match e {
        AlertsError::Control(e) => control_err(e),
        AlertsError::BadState(_) | AlertsError::BadId(_) | AlertsError::Ambiguous { .. } => {
            RpcStatus::invalid_argument(e.to_string())
        }
        AlertsError::NotFound(_) => RpcStatus::not_found(e.to_string()),
        AlertsError::Store(_) => internal(e),
    }
}

fn domain(api: &KrytendApi) -> Alerts<'_> {
    Alerts {
        control: &api.shared.control,
        handle: &api.shared.alerts,
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
    let r = req.into_inner();
    let wanted = Wanted::parse(&r.state).map_err(alerts_err)?;
    let l = domain(api).list(&who, wanted, r.since_ms).await.map_err(alerts_err)?;
    Ok(Response::new(pb::ListAlertsResponse {
        alerts: l.items.iter().map(view_pb).collect(),
        recent: l.recent.iter().map(transition_pb).collect(),
        delivery_failures: l.delivery_failures,
        resolved: l.resolved.iter().map(view_pb).collect(),
        maintenance: l.windows.iter().map(window_pb).collect(),
        silences: l.silences.iter().map(|s| silence_pb(s, 0)).collect(),
    }))
}

pub(super) async fn describe(
    api: &KrytendApi,
    req: Request<pb::DescribeAlertRequest>,
) -> Reply<pb::DescribeAlertResponse> {
    let who = caller(&req)?;
    let id = req.into_inner().fingerprint;
    let d = domain(api).describe(&who, &id).await.map_err(alerts_err)?;
    Ok(Response::new(pb::DescribeAlertResponse {
        alert: Some(view_pb(&d.alert)),
        timeline: d.timeline.iter().map(stored_pb).collect(),
        deliveries: d.deliveries.into_iter().map(delivery_pb).collect(),
        silences: d.silences.iter().map(|s| silence_pb(s, 0)).collect(),
        maintenance: d.windows.iter().map(window_pb).collect(),
        receivers: d.receivers,
    }))
}

pub(super) async fn create_silence(api: &KrytendApi, req: Request<pb::CreateSilenceRequest>) -> Reply<pb::SilenceInfo> {
    let who = caller(&req)?;
    let r = req.into_inner();
    let (s, audit_id) = silences(api)
        .create(&who, &r.matchers, r.starts_ms, r.duration_seconds, &r.comment)
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
        attempts: records.into_iter().map(delivery_pb).collect(),
        audit_id,
    }))
}

pub(super) async fn expire_silence(api: &KrytendApi, req: Request<pb::ExpireSilenceRequest>) -> Reply<pb::SilenceInfo> {
    let who = caller(&req)?;
    let id = req.into_inner().id;
    let (s, audit_id) = silences(api).expire(&who, &id).await.map_err(silence_err)?;
    Ok(Response::new(silence_pb(&s, audit_id)))
}
