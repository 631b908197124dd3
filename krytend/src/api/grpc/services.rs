//! Services: the list, one in detail, the watch, discovery and forgetting.

use kryten_proto::v1 as pb;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response};

use super::{caller, control_err, internal, timeout_of, unknown, KrytendApi, Reply, Streamed, STREAM_BUFFER};
use crate::{
    api::convert::{event_to_pb, reliability_to_pb, service_to_pb, status_from_pb, transition_to_pb},
    domain::watch::{ServiceChange, ServiceWatch},
    event::EventFilter,
    protocol::timestamp::now_us,
    registry::reliability,
    store::reader::Paging,
};

/// Transitions read to work out reliability figures.
const RELIABILITY_HISTORY: u32 = 10_000;

pub(super) async fn list(api: &KrytendApi, req: Request<pb::ListServicesRequest>) -> Reply<pb::ListServicesResponse> {
    let wanted = req
        .into_inner()
        .status
        .into_iter()
        .map(status_from_pb)
        .collect::<Result<Vec<_>, _>>()?;
    let now = now_us();
    let view = api.shared.view.borrow().clone();
    let services = view
        .values()
        .filter(|s| wanted.is_empty() || wanted.contains(&s.status))
        .map(|s| service_to_pb(s, now))
        .collect();
    Ok(Response::new(pb::ListServicesResponse { services, now_us: now }))
}

pub(super) async fn get(api: &KrytendApi, req: Request<pb::GetServiceRequest>) -> Reply<pb::GetServiceResponse> {
    let req = req.into_inner();
    let now = now_us();
    let view = api.shared.view.borrow().clone();
    let state = crate::domain::services::get(&view, &req.name).map_err(unknown)?;
    let reader = api.shared.store.reader();
    let history = reader
        .timeline(req.name.clone(), RELIABILITY_HISTORY)
        .await
        .map_err(internal)?;
    let rel = reliability(&history, now);
    let tl_limit = match req.timeline_limit {
        0 => 20,
        n => n as usize,
    };
    let timeline = history[history.len().saturating_sub(tl_limit)..]
        .iter()
        .map(transition_to_pb)
        .collect();
    let ev_limit = match req.events_limit {
        0 => 10,
        n => n.min(1000) as usize,
    };
    let filter = EventFilter {
        services: vec![req.name.clone()],
        ..Default::default()
    };
    let page = reader
        .events(filter, Paging::Newest { before: 0 }, ev_limit)
        .await
        .map_err(internal)?;
    Ok(Response::new(pb::GetServiceResponse {
        service: Some(service_to_pb(&state, now)),
        timeline,
        recent_events: page.events.iter().map(event_to_pb).collect(),
        reliability: Some(reliability_to_pb(&rel)),
        now_us: now,
        ping_history: state
            .ping_history
            .iter()
            .map(|(at_us, rtt)| pb::PingSample {
                at_us: *at_us,
                rtt_ms: f64::from(*rtt),
            })
            .collect(),
    }))
}

pub(super) async fn watch(
    api: &KrytendApi,
    req: Request<pb::WatchServicesRequest>,
) -> Reply<Streamed<pb::ServiceUpdate>> {
    let req = req.into_inner();
    let shared = api.shared.clone();
    let mut watch = ServiceWatch::new(&shared.hub, shared.view.clone(), req.names, req.initial);
    let (tx, rx) = mpsc::channel(STREAM_BUFFER);
    tokio::spawn(async move {
        loop {
            let change = tokio::select! {
                _ = tx.closed() => return,
                _ = shared.streams_stop.cancelled() => return,
                c = watch.next() => c,
            };
            let update = match change {
                None => return,
                Some(ServiceChange::Current { service, initial }) => pb::ServiceUpdate {
                    service: Some(service_to_pb(&service, now_us())),
                    transition: None,
                    initial,
                    missed: 0,
                },
                Some(ServiceChange::Changed { service, transition }) => pb::ServiceUpdate {
                    service: Some(service_to_pb(&service, now_us())),
                    transition: transition.as_ref().map(transition_to_pb),
                    initial: false,
                    missed: 0,
                },
                Some(ServiceChange::Missed(n)) => pb::ServiceUpdate {
                    service: None,
                    transition: None,
                    initial: false,
                    missed: n,
                },
            };
            if tx.send(Ok(update)).await.is_err() {
                return;
            }
        }
    });
    Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
}

pub(super) async fn discover(api: &KrytendApi, req: Request<pb::DiscoverRequest>) -> Reply<pb::DiscoverResponse> {
    let who = caller(&req)?;
    let wait = timeout_of(req.into_inner().wait_seconds, 3);
    let (answered, silent) = api.shared.control.discover(&who, wait).await.map_err(control_err)?;
    Ok(Response::new(pb::DiscoverResponse {
        answered,
        silent,
        waited_seconds: wait.as_secs_f64(),
    }))
}

pub(super) async fn forget(
    api: &KrytendApi,
    req: Request<pb::ForgetServiceRequest>,
) -> Reply<pb::ForgetServiceResponse> {
    let who = caller(&req)?;
    let r = req.into_inner();
    let (message, audit_id) = crate::forget::forget_service(&api.shared.control, &who, &r.name, &r.reason)
        .await
        .map_err(control_err)?;
    Ok(Response::new(pb::ForgetServiceResponse {
        name: r.name,
        message,
        audit_id,
    }))
}
