//! `kryten.v1.Krytend`: each RPC translates its request, asks the domain
//! layer, and translates the answer; one file per noun. Domain errors are
//! mapped to gRPC codes here and nowhere else.

pub(crate) mod admin;
pub(crate) mod alerts;
mod configs;
mod control;
mod history;
mod services;
mod status;

use std::{pin::Pin, sync::Arc};

use futures::Stream;
use kryten_proto::v1::{self as pb, krytend_server::Krytend};
use tonic::{Request, Response, Status as RpcStatus};

use super::Shared;
use crate::{
    auth::{Caller, TokenError},
    configs::ConfigError,
    control::ControlError,
    domain::{configs::DiffError, history::HistoryError, services::UnknownService, tokens::TokenAdminError},
};

pub struct KrytendApi {
    pub shared: Arc<Shared>,
}

type Streamed<T> = Pin<Box<dyn Stream<Item = Result<T, RpcStatus>> + Send>>;
type Reply<T> = Result<Response<T>, RpcStatus>;

/// Items a streaming RPC may have queued for a slow client.
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

/// A client-supplied wait, bounded to a day; `default` when unset or
/// not a number.
fn timeout_of(seconds: f64, default: u64) -> std::time::Duration {
    if seconds > 0.0 && seconds.is_finite() {
        std::time::Duration::from_secs_f64(seconds.min(86_400.0))
    } else {
        std::time::Duration::from_secs(default)
    }
}

fn unknown(e: UnknownService) -> RpcStatus {
    RpcStatus::not_found(e.to_string())
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

fn token_admin_err(e: TokenAdminError) -> RpcStatus {
    match e {
        TokenAdminError::Control(e) => control_err(e),
        TokenAdminError::Token(e) => token_err(e),
        TokenAdminError::BadRole(_) | TokenAdminError::BadExpiry(_) => RpcStatus::invalid_argument(e.to_string()),
        TokenAdminError::Audit(e) => internal(e),
    }
}

fn config_err(e: ConfigError) -> RpcStatus {
    match e {
        ConfigError::UnknownService(..) | ConfigError::NoRevision { .. } => RpcStatus::not_found(e.to_string()),
        ConfigError::NoAnswer(m) => RpcStatus::deadline_exceeded(m),
        ConfigError::Refused { .. } => RpcStatus::failed_precondition(e.to_string()),
        ConfigError::Store(_) => internal(e),
    }
}

fn diff_err(e: DiffError) -> RpcStatus {
    match e {
        DiffError::Config(e) => config_err(e),
        DiffError::Desired(_) => RpcStatus::invalid_argument(e.to_string()),
    }
}

fn history_err(e: HistoryError) -> RpcStatus {
    match e {
        HistoryError::UnknownService(e) => unknown(e),
        HistoryError::Store(e) => internal(e),
    }
}

#[tonic::async_trait]
impl Krytend for KrytendApi {
    async fn status(&self, r: Request<pb::StatusRequest>) -> Reply<pb::StatusResponse> {
        status::status(self, r).await
    }

    async fn health(&self, r: Request<pb::HealthRequest>) -> Reply<pb::HealthResponse> {
        status::health(self, r).await
    }

    async fn list_services(&self, r: Request<pb::ListServicesRequest>) -> Reply<pb::ListServicesResponse> {
        services::list(self, r).await
    }

    async fn get_service(&self, r: Request<pb::GetServiceRequest>) -> Reply<pb::GetServiceResponse> {
        services::get(self, r).await
    }

    type WatchServicesStream = Streamed<pb::ServiceUpdate>;

    async fn watch_services(&self, r: Request<pb::WatchServicesRequest>) -> Reply<Self::WatchServicesStream> {
        services::watch(self, r).await
    }

    async fn discover(&self, r: Request<pb::DiscoverRequest>) -> Reply<pb::DiscoverResponse> {
        services::discover(self, r).await
    }

    async fn forget_service(&self, r: Request<pb::ForgetServiceRequest>) -> Reply<pb::ForgetServiceResponse> {
        services::forget(self, r).await
    }

    async fn list_events(&self, r: Request<pb::ListEventsRequest>) -> Reply<pb::ListEventsResponse> {
        history::list_events(self, r).await
    }

    type TailEventsStream = Streamed<pb::TailEventsResponse>;

    async fn tail_events(&self, r: Request<pb::TailEventsRequest>) -> Reply<Self::TailEventsStream> {
        history::tail_events(self, r).await
    }

    async fn list_logs(&self, r: Request<pb::ListLogsRequest>) -> Reply<pb::ListLogsResponse> {
        history::list_logs(self, r).await
    }

    type TailLogsStream = Streamed<pb::TailLogsResponse>;

    async fn tail_logs(&self, r: Request<pb::TailLogsRequest>) -> Reply<Self::TailLogsStream> {
        history::tail_logs(self, r).await
    }

    type RestartStream = Streamed<pb::ControlProgress>;

    async fn restart(&self, r: Request<pb::RestartRequest>) -> Reply<Self::RestartStream> {
        control::restart(self, r).await
    }

    type RestartAllStream = Streamed<pb::ControlProgress>;

    async fn restart_all(&self, r: Request<pb::RestartAllRequest>) -> Reply<Self::RestartAllStream> {
        control::restart_all(self, r).await
    }

    async fn command(&self, r: Request<pb::CommandRequest>) -> Reply<pb::CommandResponse> {
        control::command(self, r).await
    }

    async fn list_audit(&self, r: Request<pb::ListAuditRequest>) -> Reply<pb::ListAuditResponse> {
        admin::list_audit(self, r).await
    }

    async fn create_token(&self, r: Request<pb::CreateTokenRequest>) -> Reply<pb::CreateTokenResponse> {
        admin::create_token(self, r).await
    }

    async fn list_tokens(&self, r: Request<pb::ListTokensRequest>) -> Reply<pb::ListTokensResponse> {
        admin::list_tokens(self, r).await
    }

    async fn revoke_token(&self, r: Request<pb::RevokeTokenRequest>) -> Reply<pb::RevokeTokenResponse> {
        admin::revoke_token(self, r).await
    }

    async fn who_am_i(&self, r: Request<pb::WhoAmIRequest>) -> Reply<pb::WhoAmIResponse> {
        admin::who_am_i(self, r).await
    }

    async fn get_config(&self, r: Request<pb::GetConfigRequest>) -> Reply<pb::ConfigRevision> {
        configs::get(self, r).await
    }

    async fn list_config_revisions(
        &self,
        r: Request<pb::ListConfigRevisionsRequest>,
    ) -> Reply<pb::ListConfigRevisionsResponse> {
        configs::list(self, r).await
    }

    async fn diff_config(&self, r: Request<pb::DiffConfigRequest>) -> Reply<pb::DiffConfigResponse> {
        configs::diff(self, r).await
    }

    async fn list_alerts(&self, r: Request<pb::ListAlertsRequest>) -> Reply<pb::ListAlertsResponse> {
        alerts::list(self, r).await
    }

    async fn create_silence(&self, r: Request<pb::CreateSilenceRequest>) -> Reply<pb::SilenceInfo> {
        alerts::create_silence(self, r).await
    }

    async fn list_silences(&self, r: Request<pb::ListSilencesRequest>) -> Reply<pb::ListSilencesResponse> {
        alerts::list_silences(self, r).await
    }

    async fn expire_silence(&self, r: Request<pb::ExpireSilenceRequest>) -> Reply<pb::SilenceInfo> {
        alerts::expire_silence(self, r).await
    }

    async fn test_receiver(&self, r: Request<pb::TestReceiverRequest>) -> Reply<pb::TestReceiverResponse> {
        alerts::test_receiver(self, r).await
    }

    async fn describe_alert(&self, r: Request<pb::DescribeAlertRequest>) -> Reply<pb::DescribeAlertResponse> {
        alerts::describe(self, r).await
    }

    async fn reload_config(&self, r: Request<pb::ReloadConfigRequest>) -> Reply<pb::ReloadConfigResponse> {
        admin::reload_config(self, r).await
    }

    async fn create_sign_in_link(
        &self,
        r: Request<pb::CreateSignInLinkRequest>,
    ) -> Reply<pb::CreateSignInLinkResponse> {
        admin::create_sign_in_link(self, r).await
    }

    async fn event_stats(&self, r: Request<pb::EventStatsRequest>) -> Reply<pb::EventStatsResponse> {
        history::event_stats(self, r).await
    }
}
