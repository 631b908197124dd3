//! Events and log lines: pages of the past and live tails.

use kryten_proto::v1 as pb;
use prost::Message;
use tokio_stream::StreamExt;
use tonic::{Request, Response};

use super::{caller, history_err, internal, KrytendApi, Reply, Streamed, STREAM_BUFFER};
use crate::{
    api::{
        convert::{event_to_pb, filter_from_pb, log_filter_from_pb, log_to_pb},
        stream_queue, tail, tailed,
    },
    domain::history::{self, LogSources},
    store::gate,
};

/// Lines or events a tail may replay before following.
const TAIL_MAX: u32 = 100_000;

pub(super) async fn list_events(
    api: &KrytendApi,
    req: Request<pb::ListEventsRequest>,
) -> Reply<pb::ListEventsResponse> {
    let who = caller(&req)?;
    let req = req.into_inner();
    let filter = filter_from_pb(req.filter)?;
    let paging = history::event_paging(req.newest, req.before_seq, req.after_seq);
    let page = history::events(&api.shared.store, &who.name, filter, paging, req.limit)
        .await
        .map_err(internal)?;
    Ok(Response::new(pb::ListEventsResponse {
        events: page.events.iter().map(event_to_pb).collect(),
        more: page.more,
        searched_to_seq: page.stopped_at.unwrap_or(0),
    }))
}

pub(super) async fn tail_events(
    api: &KrytendApi,
    req: Request<pb::TailEventsRequest>,
) -> Reply<Streamed<pb::TailEventsResponse>> {
    let who = caller(&req)?;
    let req = req.into_inner();
    let has_since = req.filter.as_ref().is_some_and(|f| f.since_us != 0);
    let filter = filter_from_pb(req.filter)?;
    let start = if req.after_seq > 0 {
        tail::Start::After(req.after_seq)
    } else if req.tail > 0 {
        tail::Start::Last(req.tail.min(TAIL_MAX) as usize)
    } else if has_since {
        tail::Start::All
    } else {
        tail::Start::Live
    };
    let (tx, rx) = stream_queue::channel(
        STREAM_BUFFER,
        stream_queue::STREAM_BYTES,
        |r: &pb::TailEventsResponse| r.encoded_len(),
    );
    // Its history queries count against this caller's share.
    tokio::spawn(gate::as_caller(
        &who.name,
        tail::run(api.shared.clone(), tailed::Events(filter), start, !req.no_follow, tx),
    ));
    Ok(Response::new(Box::pin(rx.into_stream().map(|r| r.map_err(internal)))))
}

fn log_sources<'a>(api: &'a KrytendApi, view: &'a crate::ingest::ServicesView) -> LogSources<'a> {
    LogSources {
        store: &api.shared.store,
        view,
        file_services: &api.shared.log_file_services,
    }
}

pub(super) async fn list_logs(api: &KrytendApi, req: Request<pb::ListLogsRequest>) -> Reply<pb::ListLogsResponse> {
    let who = caller(&req)?;
    let req = req.into_inner();
    let filter = log_filter_from_pb(req.filter)?;
    let view = api.shared.view.borrow().clone();
    let page = log_sources(api, &view)
        .page(&who.name, filter, req.newest, req.limit)
        .await
        .map_err(history_err)?;
    Ok(Response::new(pb::ListLogsResponse {
        records: page.records.iter().map(log_to_pb).collect(),
        more: page.more,
    }))
}

pub(super) async fn tail_logs(
    api: &KrytendApi,
    req: Request<pb::TailLogsRequest>,
) -> Reply<Streamed<pb::TailLogsResponse>> {
    let who = caller(&req)?;
    let req = req.into_inner();
    let has_since = req.filter.as_ref().is_some_and(|f| f.since_us != 0);
    let filter = log_filter_from_pb(req.filter)?;
    let view = api.shared.view.borrow().clone();
    log_sources(api, &view)
        .check(&filter.services)
        .await
        .map_err(history_err)?;
    let start = if req.after_seq > 0 {
        tail::Start::After(req.after_seq)
    } else if has_since {
        tail::Start::All
    } else if req.tail > 0 {
        tail::Start::Last(req.tail.min(TAIL_MAX) as usize)
    } else {
        tail::Start::Live
    };
    let (tx, rx) = stream_queue::channel(STREAM_BUFFER, stream_queue::STREAM_BYTES, |r: &pb::TailLogsResponse| {
        r.encoded_len()
    });
    // Its history queries count against this caller's share.
    tokio::spawn(gate::as_caller(
        &who.name,
        tail::run(api.shared.clone(), tailed::Logs::new(filter), start, !req.no_follow, tx),
    ));
    Ok(Response::new(Box::pin(rx.into_stream().map(|r| r.map_err(internal)))))
}

pub(super) async fn event_stats(
    api: &KrytendApi,
    req: Request<pb::EventStatsRequest>,
) -> Reply<pb::EventStatsResponse> {
    use crate::domain::stats::{Stats, StatsError, StatsRequest};
    let who = caller(&req)?;
    let r = req.into_inner();
    let stats = Stats {
        control: &api.shared.control,
        store: &api.shared.store,
    };
    let ask = StatsRequest {
        since_us: r.since_us,
        until_us: r.until_us,
        step_seconds: r.step_seconds,
        top: r.top,
        service: r.service,
    };
    let (q, s) = stats.events(&who, &ask).await.map_err(|e| match e {
        StatsError::Control(e) => super::control_err(e),
        StatsError::Invalid(_) => tonic::Status::invalid_argument(e.to_string()),
        StatsError::Store(e) => super::internal(e),
    })?;
    Ok(Response::new(pb::EventStatsResponse {
        buckets: s
            .buckets
            .into_iter()
            .map(|b| pb::StatsBucket {
                start_us: b.start_us,
                count: b.count,
                by_type: b.by_type.into_iter().collect(),
            })
            .collect(),
        top_subjects: s
            .top_subjects
            .into_iter()
            .map(|(subject, count)| pb::SubjectCount { subject, count })
            .collect(),
        total: s.total,
        step_seconds: q.step_us as f64 / 1e6,
        truncated: s.truncated,
        since_us: q.since_us,
        until_us: q.until_us,
    }))
}
