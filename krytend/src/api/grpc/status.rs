//! The daemon's own state and the fleet's health verdict.

use kryten_proto::v1 as pb;
use tonic::{Request, Response};

use super::{KrytendApi, Reply};
use crate::{
    api::convert::{bus_to_pb, status_from_pb, status_to_pb},
    domain::health,
    stats::IngestStats,
};

pub(super) async fn status(api: &KrytendApi, _req: Request<pb::StatusRequest>) -> Reply<pb::StatusResponse> {
    let s = &api.shared;
    let st = s.store.stats();
    let g = IngestStats::get;
    let ingest = &s.stats;
    use std::sync::atomic::Ordering::Relaxed;
    Ok(Response::new(pb::StatusResponse {
        version: env!("CARGO_PKG_VERSION").into(),
        pid: std::process::id(),
        api_version: kryten_proto::API_VERSION,
        started_at_us: s.started_at_us,
        bus: Some(bus_to_pb(&s.bus.snapshot())),
        ingest: Some(pb::IngestStats {
            received: g(&ingest.received),
            accepted: g(&ingest.accepted),
            dropped: g(&ingest.dropped),
            malformed: g(&ingest.malformed),
            rate: ingest.rate(),
            last_seq: s.hub.last_seq(),
            slow_consumer_events: g(&ingest.slow_consumer_events),
            subscriber_missed: s.hub.missed(),
            dropped_over_budget: g(&ingest.dropped_over_budget),
            queue_bytes: ingest.queue_budget.get().map_or(0, |b| b.used()),
            queue_bytes_peak: ingest.queue_budget.get().map_or(0, |b| b.peak()),
            queue_bytes_limit: ingest.queue_budget.get().map_or(0, |b| b.limit()),
            dropped_by_client: g(&ingest.dropped_by_client),
        }),
        store: Some(pb::StoreStats {
            path: s.store.path().display().to_string(),
            size_bytes: s.store.size_bytes(),
            event_rows: st.event_rows.load(Relaxed),
            committed_seq: s.store.committed_seq(),
            queue_depth: s.store.queue_depth() as u64,
            write_errors: st.write_errors.load(Relaxed),
            last_error: st.last_error.lock().map(|e| e.clone()).unwrap_or_default(),
            last_error_at_us: st.last_error_at_us.load(Relaxed),
            retention_deleted: st.retention_deleted.load(Relaxed),
            batches: st.batches.load(Relaxed),
            dropped_events: st.dropped_events.load(Relaxed),
            dropped_logs: st.dropped_logs.load(Relaxed),
            rejected_rows: st.rejected_rows.load(Relaxed),
            writes_failing: st.failing.load(Relaxed),
            max_db_bytes: s.store.max_db_bytes().unwrap_or(0),
            queue_bytes: s.store.queue_bytes().0,
            queue_bytes_limit: s.store.queue_bytes().1,
            log_rows: st.log_rows.load(Relaxed),
            rows_counted: st.rows_counted.load(std::sync::atomic::Ordering::Acquire),
        }),
        tcp_address: s.tcp_address.get().cloned().unwrap_or_default(),
        ws_address: s.ws_address.get().cloned().unwrap_or_default(),
        service_count: s.view.borrow().len() as u32,
        live_subscribers: s.hub.subscriber_count() as u32,
        task_panics: s.supervisor.panics(),
        last_task_panic: s.supervisor.last_panic(),
        registry: Some(pb::RegistryStats {
            max_services: g(&ingest.max_services).min(u64::from(u32::MAX)) as u32,
            refused: g(&ingest.services_refused),
            last_refused: ingest.last_refused.lock().map(|l| l.clone()).unwrap_or_default(),
            forgotten: g(&ingest.services_forgotten),
            candidates: g(&ingest.service_candidates).min(u64::from(u32::MAX)) as u32,
        }),
        ingest_mode: match ingest.jetstream.get() {
            Some(_) => "jetstream",
            None => "core",
        }
        .into(),
        jetstream: ingest.jetstream.get().map(|j| crate::jetstream::status_pb(j)),
        kv_mirror: ingest.kv_mirror.get().map(|k| crate::jetstream::kv::status_pb(k)),
        alerts: Some({
            let (firing, critical) = crate::domain::alerts::firing_counts(&s.alerts);
            let held = s.alerts.active().len() as u32;
            pb::AlertsSummary {
                firing,
                critical,
                pending: held.saturating_sub(firing),
                delivery_failures: s.alerts.delivery_failures(),
                failing_receivers: s.alerts.failing_receivers(),
                left_to_leader: s.alerts.left_to_leader(),
            }
        }),
    }))
}

pub(super) async fn health(api: &KrytendApi, req: Request<pb::HealthRequest>) -> Reply<pb::HealthResponse> {
    let req = req.into_inner();
    let fail_on = req
        .fail_on
        .into_iter()
        .map(status_from_pb)
        .collect::<Result<Vec<_>, _>>()?;
    let view = api.shared.view.borrow().clone();
    let bus = api.shared.bus.snapshot();
    let report = health::evaluate(view.values(), bus.state == "connected", &req.require, &fail_on);
    let (firing, critical) = crate::domain::alerts::firing_counts(&api.shared.alerts);
    let report = health::with_alerts(report, firing, critical, req.fail_on_alerts);
    Ok(Response::new(pb::HealthResponse {
        state: report.verdict.as_str().into(),
        summary: report.summary,
        services: report
            .services
            .iter()
            .map(|v| pb::ServiceHealth {
                name: v.name.clone(),
                status: status_to_pb(v.status) as i32,
                state: v.verdict.as_str().into(),
                reason: v.reason.clone(),
            })
            .collect(),
        missing: report.missing,
        bus: Some(bus_to_pb(&bus)),
        alerts_firing: firing,
        alerts_critical: critical,
    }))
}
