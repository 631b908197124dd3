//! `kryten.v1.Krytend` over the domain layer.

use std::{pin::Pin, sync::Arc};

use futures::Stream;
use kryten_proto::v1::{self as pb, krytend_server::Krytend};
use tokio::sync::{broadcast::error::RecvError, mpsc};
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status as RpcStatus};

use super::{
    convert::{
        bus_to_pb, event_to_pb, filter_from_pb, log_filter_from_pb, log_to_pb, reliability_to_pb, service_to_pb,
        status_from_pb, status_to_pb, transition_to_pb,
    },
    health, tail, tailed, Shared,
};
use crate::{
    auth::{Action, Caller, Role, TokenError, TokenInfo},
    control::{ControlError, Progress},
    protocol::timestamp::now_us,
    registry::reliability,
    stats::IngestStats,
    store::{logs_reader::LogPaging, reader::Paging},
};

pub struct KrytendApi {
    pub shared: Arc<Shared>,
}

type Streamed<T> = Pin<Box<dyn Stream<Item = Result<T, RpcStatus>> + Send>>;

const STREAM_BUFFER: usize = 256;

fn internal(e: impl std::fmt::Display) -> RpcStatus {
    RpcStatus::internal(e.to_string())
}

/// The caller the auth layer attached to the request.
fn caller<T>(req: &Request<T>) -> Result<Caller, RpcStatus> {
    req.extensions()
        .get::<Caller>()
        .cloned()
        .ok_or_else(|| RpcStatus::unauthenticated("no authenticated caller"))
}

fn control_err(e: ControlError) -> RpcStatus {
    match e {
        ControlError::Denied { .. } => RpcStatus::permission_denied(e.to_string()),
        ControlError::UnknownService(..) => RpcStatus::not_found(e.to_string()),
        ControlError::NoAnswer(m) => RpcStatus::deadline_exceeded(m),
        ControlError::Invalid(m) => RpcStatus::invalid_argument(m),
        ControlError::Internal(m) => RpcStatus::internal(m),
    }
}

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

fn timeout_of(seconds: f64, default: u64) -> std::time::Duration {
    if seconds > 0.0 && seconds.is_finite() {
        std::time::Duration::from_secs_f64(seconds.min(86_400.0))
    } else {
        std::time::Duration::from_secs(default)
    }
}

fn token_pb(t: &TokenInfo) -> pb::TokenInfo {
    pb::TokenInfo {
        name: t.name.clone(),
        role: t.role.as_str().into(),
        created_us: t.created_us,
        last_used_us: t.last_used_us,
        expires_us: t.expires_us,
        revoked_us: t.revoked_us,
    }
}

fn token_err(e: TokenError) -> RpcStatus {
    match e {
        TokenError::Exists(_) => RpcStatus::already_exists(e.to_string()),
        TokenError::NotFound(_) => RpcStatus::not_found(e.to_string()),
        TokenError::BadName(_) => RpcStatus::invalid_argument(e.to_string()),
        TokenError::Invalid => RpcStatus::unauthenticated(e.to_string()),
        TokenError::Limited(_) => RpcStatus::resource_exhausted(e.to_string()),
        TokenError::Store(m) => RpcStatus::internal(m.to_string()),
    }
}

fn config_err(e: crate::configs::ConfigError) -> RpcStatus {
    use crate::configs::ConfigError as E;
    match e {
        E::UnknownService(..) | E::NoRevision { .. } => RpcStatus::not_found(e.to_string()),
        E::NoAnswer(m) => RpcStatus::deadline_exceeded(m),
        E::Refused { .. } => RpcStatus::failed_precondition(e.to_string()),
        E::Internal(m) => RpcStatus::internal(m),
    }
}

fn revision_pb(r: &crate::configs::store::Revision, with_body: bool, new: bool) -> pb::ConfigRevision {
    pb::ConfigRevision {
        service: r.service.clone(),
        rev: r.rev,
        at_us: r.at_us,
        instance_started_us: r.instance_started_us,
        hash: r.hash.clone(),
        config_json: if with_body { r.config.to_string() } else { String::new() },
        changed_paths: r.changed_paths.clone(),
        trigger: r.trigger.clone(),
        new,
    }
}

impl KrytendApi {
    async fn no_revision(&self, service: &str, rev: u64) -> crate::configs::ConfigError {
        let count = self
            .shared
            .configs
            .revisions
            .list(service)
            .await
            .map(|l| l.len() as u64)
            .unwrap_or(0);
        crate::configs::ConfigError::NoRevision {
            service: service.into(),
            rev,
            count,
        }
    }

    /// A service is known if the registry knows it, a log file is
    /// configured for it, or it has logged before.
    async fn check_log_services(&self, names: &[String]) -> Result<(), RpcStatus> {
        let mut unknown = Vec::new();
        for n in names {
            let known = self.shared.view.borrow().contains_key(n)
                || self.shared.log_file_services.contains(n)
                || self
                    .shared
                    .store
                    .reader()
                    .has_logs_for(n.clone())
                    .await
                    .map_err(internal)?;
            if !known {
                unknown.push(n.clone());
            }
        }
        if unknown.is_empty() {
            return Ok(());
        }
        let view = self.shared.view.borrow().clone();
        let e = crate::domain::services::UnknownService::new(unknown, &view, &self.shared.log_file_services);
        Err(RpcStatus::not_found(e.to_string()))
    }
}

#[tonic::async_trait]
impl Krytend for KrytendApi {
    async fn status(&self, _req: Request<pb::StatusRequest>) -> Result<Response<pb::StatusResponse>, RpcStatus> {
        let s = &self.shared;
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
        }))
    }

    async fn list_services(
        &self,
        req: Request<pb::ListServicesRequest>,
    ) -> Result<Response<pb::ListServicesResponse>, RpcStatus> {
        let wanted = req
            .into_inner()
            .status
            .into_iter()
            .map(status_from_pb)
            .collect::<Result<Vec<_>, _>>()?;
        let now = now_us();
        let view = self.shared.view.borrow().clone();
        let services = view
            .values()
            .filter(|s| wanted.is_empty() || wanted.contains(&s.status))
            .map(|s| service_to_pb(s, now))
            .collect();
        Ok(Response::new(pb::ListServicesResponse { services, now_us: now }))
    }

    async fn get_service(
        &self,
        req: Request<pb::GetServiceRequest>,
    ) -> Result<Response<pb::GetServiceResponse>, RpcStatus> {
        let req = req.into_inner();
        let now = now_us();
        let view = self.shared.view.borrow().clone();
        let state = crate::domain::services::get(&view, &req.name).map_err(|e| RpcStatus::not_found(e.to_string()))?;
        let reader = self.shared.store.reader();
        let history = reader.timeline(req.name.clone(), 10_000).await.map_err(internal)?;
        let rel = reliability(&history, now);
        let tl_limit = if req.timeline_limit == 0 {
            20
        } else {
            req.timeline_limit as usize
        };
        let timeline = history[history.len().saturating_sub(tl_limit)..]
            .iter()
            .map(transition_to_pb)
            .collect();
        let ev_limit = if req.events_limit == 0 {
            10
        } else {
            req.events_limit.min(1000) as usize
        };
        let filter = crate::event::EventFilter {
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
        }))
    }

    type WatchServicesStream = Streamed<pb::ServiceUpdate>;

    async fn watch_services(
        &self,
        req: Request<pb::WatchServicesRequest>,
    ) -> Result<Response<Self::WatchServicesStream>, RpcStatus> {
        let req = req.into_inner();
        let shared = self.shared.clone();
        let (tx, rx) = mpsc::channel(STREAM_BUFFER);
        let mut updates = shared.hub.subscribe_services();
        tokio::spawn(async move {
            let wanted = |name: &str| req.names.is_empty() || req.names.iter().any(|n| n == name);
            let snapshot = |initial: bool| {
                let now = now_us();
                shared
                    .view
                    .borrow()
                    .values()
                    .filter(|s| wanted(&s.name))
                    .map(|s| pb::ServiceUpdate {
                        service: Some(service_to_pb(s, now)),
                        transition: None,
                        initial,
                        missed: 0,
                    })
                    .collect::<Vec<_>>()
            };
            if req.initial {
                for u in snapshot(true) {
                    if tx.send(Ok(u)).await.is_err() {
                        return;
                    }
                }
            }
            loop {
                let next = tokio::select! {
                    _ = tx.closed() => return,
                    _ = shared.streams_stop.cancelled() => return,
                    u = updates.recv() => u,
                };
                let out = match next {
                    Ok(u) if wanted(&u.service.name) => vec![pb::ServiceUpdate {
                        service: Some(service_to_pb(&u.service, now_us())),
                        transition: u.transition.as_ref().map(transition_to_pb),
                        initial: false,
                        missed: 0,
                    }],
                    Ok(_) => continue,
                    Err(RecvError::Lagged(n)) => {
                        // Say so, then resend every service so the watcher
                        // is consistent again.
                        let mut v = vec![pb::ServiceUpdate {
                            service: None,
                            transition: None,
                            initial: false,
                            missed: n,
                        }];
                        v.extend(snapshot(false));
                        v
                    }
                    Err(RecvError::Closed) => return,
                };
                for u in out {
                    if tx.send(Ok(u)).await.is_err() {
                        return;
                    }
                }
            }
        });
        Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
    }

    async fn list_events(
        &self,
        req: Request<pb::ListEventsRequest>,
    ) -> Result<Response<pb::ListEventsResponse>, RpcStatus> {
        let who = caller(&req)?;
        let req = req.into_inner();
        let filter = filter_from_pb(req.filter)?;
        let limit = if req.limit == 0 {
            100
        } else {
            req.limit.min(10_000) as usize
        };
        let paging = if req.newest {
            Paging::Newest { before: req.before_seq }
        } else {
            Paging::Forward {
                after: req.after_seq,
                upto: None,
            }
        };
        let reader = self.shared.store.reader();
        let page = crate::store::gate::as_caller(&who.name, reader.events_interactive(filter, paging, limit))
            .await
            .map_err(internal)?;
        Ok(Response::new(pb::ListEventsResponse {
            events: page.events.iter().map(event_to_pb).collect(),
            more: page.more,
            searched_to_seq: page.stopped_at.unwrap_or(0),
        }))
    }

    type TailEventsStream = Streamed<pb::TailEventsResponse>;

    async fn tail_events(
        &self,
        req: Request<pb::TailEventsRequest>,
    ) -> Result<Response<Self::TailEventsStream>, RpcStatus> {
        let who = caller(&req)?;
        let req = req.into_inner();
        let has_since = req.filter.as_ref().is_some_and(|f| f.since_us != 0);
        let filter = filter_from_pb(req.filter)?;
        let start = if req.after_seq > 0 {
            tail::Start::After(req.after_seq)
        } else if req.tail > 0 {
            tail::Start::Last(req.tail.min(100_000) as usize)
        } else if has_since {
            tail::Start::All
        } else {
            tail::Start::Live
        };
        let (tx, rx) = mpsc::channel(STREAM_BUFFER);
        // Its history queries count against this caller's share.
        tokio::spawn(crate::store::gate::as_caller(
            &who.name,
            tail::run(self.shared.clone(), tailed::Events(filter), start, !req.no_follow, tx),
        ));
        Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
    }

    async fn list_logs(&self, req: Request<pb::ListLogsRequest>) -> Result<Response<pb::ListLogsResponse>, RpcStatus> {
        let who = caller(&req)?;
        let req = req.into_inner();
        let filter = log_filter_from_pb(req.filter)?;
        self.check_log_services(&filter.services).await?;
        let limit = if req.limit == 0 {
            100
        } else {
            req.limit.min(100_000) as usize
        };
        let paging = if req.newest {
            LogPaging::Newest { upto: None }
        } else {
            LogPaging::ByTime {
                after: None,
                upto: None,
            }
        };
        let reader = self.shared.store.reader();
        let page = crate::store::gate::as_caller(&who.name, reader.logs(filter, paging, limit))
            .await
            .map_err(internal)?;
        Ok(Response::new(pb::ListLogsResponse {
            records: page.records.iter().map(log_to_pb).collect(),
            more: page.more,
        }))
    }

    type TailLogsStream = Streamed<pb::TailLogsResponse>;

    async fn tail_logs(&self, req: Request<pb::TailLogsRequest>) -> Result<Response<Self::TailLogsStream>, RpcStatus> {
        let who = caller(&req)?;
        let req = req.into_inner();
        let has_since = req.filter.as_ref().is_some_and(|f| f.since_us != 0);
        let filter = log_filter_from_pb(req.filter)?;
        self.check_log_services(&filter.services).await?;
        let start = if req.after_seq > 0 {
            tail::Start::After(req.after_seq)
        } else if has_since {
            tail::Start::All
        } else if req.tail > 0 {
            tail::Start::Last(req.tail.min(100_000) as usize)
        } else {
            tail::Start::Live
        };
        let (tx, rx) = mpsc::channel(STREAM_BUFFER);
        // Its history queries count against this caller's share.
        tokio::spawn(crate::store::gate::as_caller(
            &who.name,
            tail::run(
                self.shared.clone(),
                tailed::Logs::new(filter),
                start,
                !req.no_follow,
                tx,
            ),
        ));
        Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
    }

    async fn health(&self, req: Request<pb::HealthRequest>) -> Result<Response<pb::HealthResponse>, RpcStatus> {
        let req = req.into_inner();
        let fail_on = req
            .fail_on
            .into_iter()
            .map(status_from_pb)
            .collect::<Result<Vec<_>, _>>()?;
        let view = self.shared.view.borrow().clone();
        let bus = self.shared.bus.snapshot();
        let report = health::evaluate(view.values(), bus.state == "connected", &req.require, &fail_on);
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
        }))
    }

    type RestartStream = Streamed<pb::ControlProgress>;

    async fn restart(&self, req: Request<pb::RestartRequest>) -> Result<Response<Self::RestartStream>, RpcStatus> {
        let who = caller(&req)?;
        let r = req.into_inner();
        let control = self.shared.control.clone();
        control
            .precheck(&who, Action::Restart, &r.service, &r.reason)
            .await
            .map_err(control_err)?;
        let (ptx, mut prx) = mpsc::channel(64);
        let (tx, rx) = mpsc::channel(64);
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
        tokio::spawn(async move {
            while let Some(p) = prx.recv().await {
                if tx.send(Ok(progress_pb(p))).await.is_err() {
                    return;
                }
            }
        });
        Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
    }

    type RestartAllStream = Streamed<pb::ControlProgress>;

    async fn restart_all(
        &self,
        req: Request<pb::RestartAllRequest>,
    ) -> Result<Response<Self::RestartAllStream>, RpcStatus> {
        let who = caller(&req)?;
        let r = req.into_inner();
        if !(0.0..=300.0).contains(&r.delay_seconds) {
            return Err(RpcStatus::invalid_argument("--delay must be 0-300 seconds"));
        }
        let control = self.shared.control.clone();
        control
            .precheck(&who, Action::RestartAll, "*", &r.reason)
            .await
            .map_err(control_err)?;
        let (ptx, mut prx) = mpsc::channel(256);
        let (tx, rx) = mpsc::channel(256);
        let timeout = timeout_of(r.timeout_seconds, 120);
        tokio::spawn(async move {
            control
                .restart_all(who, r.delay_seconds, r.reason, r.wait, timeout, ptx)
                .await
        });
        tokio::spawn(async move {
            while let Some(p) = prx.recv().await {
                if tx.send(Ok(progress_pb(p))).await.is_err() {
                    return;
                }
            }
        });
        Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
    }

    async fn command(&self, req: Request<pb::CommandRequest>) -> Result<Response<pb::CommandResponse>, RpcStatus> {
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
        let reply = self
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

    async fn discover(&self, req: Request<pb::DiscoverRequest>) -> Result<Response<pb::DiscoverResponse>, RpcStatus> {
        let who = caller(&req)?;
        let wait = timeout_of(req.into_inner().wait_seconds, 3);
        let (answered, silent) = self.shared.control.discover(&who, wait).await.map_err(control_err)?;
        Ok(Response::new(pb::DiscoverResponse {
            answered,
            silent,
            waited_seconds: wait.as_secs_f64(),
        }))
    }

    async fn forget_service(
        &self,
        req: Request<pb::ForgetServiceRequest>,
    ) -> Result<Response<pb::ForgetServiceResponse>, RpcStatus> {
        let who = caller(&req)?;
        let r = req.into_inner();
        let (message, audit_id) = crate::forget::forget_service(&self.shared.control, &who, &r.name, &r.reason)
            .await
            .map_err(control_err)?;
        Ok(Response::new(pb::ForgetServiceResponse {
            name: r.name,
            message,
            audit_id,
        }))
    }

    async fn list_audit(
        &self,
        req: Request<pb::ListAuditRequest>,
    ) -> Result<Response<pb::ListAuditResponse>, RpcStatus> {
        let who = caller(&req)?;
        self.shared
            .control
            .authorize(&who, Action::Read, "", "")
            .await
            .map_err(control_err)?;
        let r = req.into_inner();
        let records = self
            .shared
            .audit
            .list(r.since_us, r.service, r.actor, r.limit)
            .await
            .map_err(internal)?;
        Ok(Response::new(pb::ListAuditResponse {
            records: records
                .into_iter()
                .map(|a| pb::AuditRecord {
                    id: a.id,
                    at_us: a.at_us,
                    actor: a.actor,
                    role: a.role,
                    action: a.action,
                    target: a.target,
                    reason: a.reason,
                    outcome: a.outcome,
                    detail: a.detail,
                    duration_ms: a.duration_ms,
                })
                .collect(),
        }))
    }

    async fn create_token(
        &self,
        req: Request<pb::CreateTokenRequest>,
    ) -> Result<Response<pb::CreateTokenResponse>, RpcStatus> {
        let who = caller(&req)?;
        let r = req.into_inner();
        let control = &self.shared.control;
        control
            .authorize(&who, Action::ManageTokens, &r.name, "")
            .await
            .map_err(control_err)?;
        let role = Role::parse(&r.role).ok_or_else(|| {
            RpcStatus::invalid_argument(format!("unknown role {:?}: viewer, operator or admin", r.role))
        })?;
        let expires = if r.expires_in_seconds > 0.0 {
            now_us() + (r.expires_in_seconds * 1e6) as i64
        } else {
            0
        };
        let id = self
            .shared
            .audit
            .begin(
                &who,
                Action::ManageTokens,
                &r.name,
                "",
                &format!("create {} token", role.as_str()),
            )
            .await
            .map_err(internal)?;
        match self.shared.tokens.create(&r.name, role, expires).await {
            Ok((info, token)) => {
                self.shared
                    .audit
                    .finish(id, "ok", &format!("created {} token", role.as_str()), 0.0)
                    .await;
                Ok(Response::new(pb::CreateTokenResponse {
                    info: Some(token_pb(&info)),
                    token,
                }))
            }
            Err(e) => {
                self.shared.audit.finish(id, "failed", &e.to_string(), 0.0).await;
                Err(token_err(e))
            }
        }
    }

    async fn list_tokens(
        &self,
        req: Request<pb::ListTokensRequest>,
    ) -> Result<Response<pb::ListTokensResponse>, RpcStatus> {
        let who = caller(&req)?;
        self.shared
            .control
            .authorize(&who, Action::ManageTokens, "", "")
            .await
            .map_err(control_err)?;
        let tokens = self.shared.tokens.list().await.map_err(token_err)?;
        Ok(Response::new(pb::ListTokensResponse {
            tokens: tokens.iter().map(token_pb).collect(),
        }))
    }

    async fn revoke_token(
        &self,
        req: Request<pb::RevokeTokenRequest>,
    ) -> Result<Response<pb::RevokeTokenResponse>, RpcStatus> {
        let who = caller(&req)?;
        let r = req.into_inner();
        self.shared
            .control
            .authorize(&who, Action::ManageTokens, &r.name, "")
            .await
            .map_err(control_err)?;
        let id = self
            .shared
            .audit
            .begin(&who, Action::ManageTokens, &r.name, "", "revoke token")
            .await
            .map_err(internal)?;
        match self.shared.tokens.revoke(&r.name).await {
            Ok(info) => {
                self.shared.audit.finish(id, "ok", "revoked", 0.0).await;
                Ok(Response::new(pb::RevokeTokenResponse {
                    info: Some(token_pb(&info)),
                }))
            }
            Err(e) => {
                self.shared.audit.finish(id, "failed", &e.to_string(), 0.0).await;
                Err(token_err(e))
            }
        }
    }

    async fn who_am_i(&self, req: Request<pb::WhoAmIRequest>) -> Result<Response<pb::WhoAmIResponse>, RpcStatus> {
        let who = caller(&req)?;
        Ok(Response::new(pb::WhoAmIResponse {
            name: who.name,
            role: who.role.as_str().into(),
        }))
    }

    async fn get_config(&self, req: Request<pb::GetConfigRequest>) -> Result<Response<pb::ConfigRevision>, RpcStatus> {
        let _who = caller(&req)?;
        let r = req.into_inner();
        let configs = &self.shared.configs;
        configs.check_known(&r.service).map_err(config_err)?;
        if r.rev > 0 {
            let rev = configs.revisions.get(&r.service, r.rev).await.map_err(internal)?;
            return match rev {
                Some(rev) => Ok(Response::new(revision_pb(&rev, true, false))),
                None => Err(config_err(self.no_revision(&r.service, r.rev).await)),
            };
        }
        let latest = configs.revisions.latest(&r.service).await.map_err(internal)?;
        match (latest, r.refresh) {
            (Some(l), false) => Ok(Response::new(revision_pb(&l, true, false))),
            _ => {
                let (rev, new) = configs.fetch(&r.service, "on demand").await.map_err(config_err)?;
                Ok(Response::new(revision_pb(&rev, true, new)))
            }
        }
    }

    async fn list_config_revisions(
        &self,
        req: Request<pb::ListConfigRevisionsRequest>,
    ) -> Result<Response<pb::ListConfigRevisionsResponse>, RpcStatus> {
        let _who = caller(&req)?;
        let r = req.into_inner();
        self.shared.configs.check_known(&r.service).map_err(config_err)?;
        let revs = self.shared.configs.revisions.list(&r.service).await.map_err(internal)?;
        Ok(Response::new(pb::ListConfigRevisionsResponse {
            revisions: revs.iter().map(|x| revision_pb(x, false, false)).collect(),
        }))
    }

    async fn diff_config(
        &self,
        req: Request<pb::DiffConfigRequest>,
    ) -> Result<Response<pb::DiffConfigResponse>, RpcStatus> {
        let _who = caller(&req)?;
        let r = req.into_inner();
        let configs = &self.shared.configs;
        configs.check_known(&r.service).map_err(config_err)?;
        let latest = match (configs.revisions.latest(&r.service).await.map_err(internal)?, r.refresh) {
            (Some(l), false) => l,
            _ => configs.fetch(&r.service, "on demand").await.map_err(config_err)?.0,
        };
        let new_label = format!("{} rev {}", r.service, latest.rev);
        let (old, old_label) = if !r.against.trim().is_empty() {
            let v = crate::configs::document::parse(&r.against, crate::configs::document::CONFIG_LIMITS)
                .map_err(|e| RpcStatus::invalid_argument(format!("the desired config is {e}")))?;
            (configs.redact(&v), "desired".to_string())
        } else if !r.other_service.is_empty() {
            configs.check_known(&r.other_service).map_err(config_err)?;
            let other = match configs.revisions.latest(&r.other_service).await.map_err(internal)? {
                Some(o) if !r.refresh => o,
                _ => {
                    configs
                        .fetch(&r.other_service, "on demand")
                        .await
                        .map_err(config_err)?
                        .0
                }
            };
            let label = format!("{} rev {}", other.service, other.rev);
            (other.config, label)
        } else {
            let want = if r.rev > 0 {
                r.rev
            } else {
                latest.rev.saturating_sub(1).max(1)
            };
            match configs.revisions.get(&r.service, want).await.map_err(internal)? {
                Some(o) => (o.config, format!("{} rev {}", r.service, o.rev)),
                None => return Err(config_err(self.no_revision(&r.service, want).await)),
            }
        };
        let changes = crate::configs::diff::diff(&old, &latest.config);
        Ok(Response::new(pb::DiffConfigResponse {
            changes: changes
                .iter()
                .map(|c| pb::ConfigChange {
                    path: c.path.clone(),
                    kind: match c.kind {
                        crate::configs::diff::ChangeKind::Added => "added",
                        crate::configs::diff::ChangeKind::Removed => "removed",
                        crate::configs::diff::ChangeKind::Changed => "changed",
                    }
                    .into(),
                    old_json: c.old.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                    new_json: c.new.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                })
                .collect(),
            old_json: old.to_string(),
            new_json: latest.config.to_string(),
            old_label,
            new_label,
        }))
    }
}
