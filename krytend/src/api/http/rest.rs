//! The read-only REST API under `/api/v1`: the read RPCs over HTTP, with
//! the same tokens and roles, answering exactly the JSON documents
//! `krytenctl -o json` prints (both are built by
//! `kryten_proto::documents`). The OpenAPI document at
//! `/api/v1/openapi.json` is generated from the handlers below.
//!
//! A handler parses its query, asks the same read path the gRPC service
//! answers with (`backend`), and converts. Every client-supplied value is
//! bounded: limits are capped, patterns are size-checked by the query
//! layer, and store queries share its gate.

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use kryten_proto::{documents as doc, v1 as pb};
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi};

use super::{auth::Reader, error, HttpState};
use crate::{api::grpc::KrytendApi, auth::Caller};

/// The most rows one request may ask for.
const MAX_LIMIT: u32 = 10_000;
/// Longest list value (comma-separated names) accepted.
const MAX_LIST_BYTES: usize = 8 * 1024;

pub(super) fn router() -> Router<HttpState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/status", get(status))
        .route("/health", get(health))
        .route("/services", get(services))
        .route("/services/{name}", get(service))
        .route("/services/{name}/describe", get(describe))
        .route("/events", get(events))
        .route("/logs", get(logs))
        .route("/audit", get(audit))
        .route("/alerts", get(alerts))
        .route("/alerts/{id}", get(alert))
        .route("/stats/events", get(event_stats))
        .route(
            "/signin",
            axum::routing::post(sign_in).layer(axum::extract::DefaultBodyLimit::max(SIGN_IN_BODY_BYTES)),
        )
        .route("/configs/{service}", get(config))
        .route("/configs/{service}/history", get(config_history))
        .route("/configs/{service}/diff", get(config_diff))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "krytend REST API", description = "Read-only view of the Kryten fleet: the same documents `krytenctl -o json` prints."),
    paths(status, health, services, service, describe, events, logs, audit, alerts, alert, event_stats, sign_in, config, config_history, config_diff),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme("token", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
        api.security = Some(vec![SecurityRequirement::new("token", Vec::<String>::new())]);
        api.servers = Some(vec![utoipa::openapi::Server::new("/api/v1")]);
    }
}

/// The document itself is public: it says what exists, not what is in it.
async fn openapi() -> Response {
    let mut api = ApiDoc::openapi();
    // Paths are declared with their full prefix below; the server entry
    // carries it, so strip it here.
    let paths = std::mem::take(&mut api.paths.paths);
    for (path, item) in paths {
        let short = path.strip_prefix("/api/v1").unwrap_or(&path).to_string();
        api.paths.paths.insert(short, item);
    }
    Json(api).into_response()
}

/// The gRPC read path, called in-process with the REST caller.
fn backend(st: &HttpState) -> KrytendApi {
    KrytendApi {
        shared: st.shared.clone(),
    }
}

fn request<T>(caller: &Caller, msg: T) -> tonic::Request<T> {
    let mut r = tonic::Request::new(msg);
    r.extensions_mut().insert(caller.clone());
    r
}

fn rpc_error(e: tonic::Status) -> Response {
    use tonic::Code;
    let code = match e.code() {
        Code::InvalidArgument | Code::OutOfRange => StatusCode::BAD_REQUEST,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::FailedPrecondition | Code::AlreadyExists => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    error(code, e.message().to_string())
}

/// A query the client must fix: answered 400 with the reason.
struct BadQuery(String);

impl IntoResponse for BadQuery {
    fn into_response(self) -> Response {
        error(StatusCode::BAD_REQUEST, self.0)
    }
}

fn bad(msg: impl Into<String>) -> BadQuery {
    BadQuery(msg.into())
}

/// A comma-separated list, bounded.
fn list(v: &Option<String>) -> Result<Vec<String>, BadQuery> {
    let Some(v) = v else { return Ok(Vec::new()) };
    if v.len() > MAX_LIST_BYTES {
        return Err(bad(format!("a list parameter is at most {MAX_LIST_BYTES} bytes")));
    }
    Ok(v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect())
}

fn statuses(v: &Option<String>) -> Result<Vec<i32>, BadQuery> {
    list(v)?
        .iter()
        .map(|s| {
            crate::registry::Status::parse(s)
                .map(|st| crate::api::convert::status_to_pb(st) as i32)
                .ok_or_else(|| bad(format!("unknown status {s:?}")))
        })
        .collect()
}

/// RFC 3339, or a duration ago (`15m`, `2h`, `1d`); absent: 0 (open).
fn time(name: &str, v: &Option<String>) -> Result<i64, BadQuery> {
    let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(0);
    };
    if let Ok(t) = v.parse::<jiff::Timestamp>() {
        return Ok(t.as_microsecond());
    }
    match humantime::parse_duration(v) {
        Ok(d) => {
            let ago = i64::try_from(d.as_micros()).unwrap_or(i64::MAX);
            Ok(crate::protocol::timestamp::now_us().saturating_sub(ago).max(1))
        }
        Err(_) => Err(bad(format!(
            "{name}: {v:?} is neither an RFC 3339 time nor a duration like 15m"
        ))),
    }
}

fn limit(v: Option<u32>, default: u32) -> u32 {
    v.unwrap_or(default).clamp(1, MAX_LIMIT)
}

macro_rules! answer {
    ($call:expr, $conv:expr) => {
        match $call.await {
            Ok(r) => Json($conv(&r.into_inner())).into_response(),
            Err(e) => rpc_error(e),
        }
    };
}

/// The daemon's own state: bus, ingest, store, registry.
#[utoipa::path(get, path = "/api/v1/status", responses((status = 200, description = "A `Status` document", body = Object)))]
async fn status(State(st): State<HttpState>, Reader(c): Reader) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let server = format!("http://{}", st.local);
    answer!(backend(&st).status(request(&c, pb::StatusRequest {})), |r| {
        doc::status_json(r, &server)
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct HealthQuery {
    /// Services that must exist and be up (comma-separated).
    require: Option<String>,
    /// Statuses that count as critical rather than a warning (comma-separated).
    fail_on: Option<String>,
    /// Firing alerts decide the verdict too (critical ones: critical).
    fail_on_alerts: Option<bool>,
}

/// The health verdict over the fleet (what `krytenctl health -o json` prints).
#[utoipa::path(get, path = "/api/v1/health", params(HealthQuery), responses((status = 200, description = "A `Health` document", body = Object)))]
async fn health(State(st): State<HttpState>, Reader(c): Reader, Query(q): Query<HealthQuery>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let req = match (list(&q.require), statuses(&q.fail_on)) {
        (Ok(require), Ok(fail_on)) => pb::HealthRequest {
            require,
            fail_on,
            fail_on_alerts: q.fail_on_alerts.unwrap_or(false),
        },
        (Err(e), _) | (_, Err(e)) => return e.into_response(),
    };
    answer!(backend(&st).health(request(&c, req)), doc::health_json)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ServicesQuery {
    /// Only services in these statuses (comma-separated).
    status: Option<String>,
}

/// Every tracked service.
#[utoipa::path(get, path = "/api/v1/services", params(ServicesQuery), responses((status = 200, description = "A `ServiceList` document", body = Object)))]
async fn services(State(st): State<HttpState>, Reader(c): Reader, Query(q): Query<ServicesQuery>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let status = match statuses(&q.status) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    answer!(
        backend(&st).list_services(request(&c, pb::ListServicesRequest { status })),
        |r: &pb::ListServicesResponse| doc::service_list_json(&r.services)
    )
}

/// One service (what `krytenctl services get NAME -o json` prints).
#[utoipa::path(get, path = "/api/v1/services/{name}", params(("name" = String, Path, description = "Service name")),
    responses((status = 200, description = "A service", body = Object), (status = 404, description = "No such service")))]
async fn service(State(st): State<HttpState>, Reader(c): Reader, Path(name): Path<String>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let req = pb::GetServiceRequest {
        name,
        timeline_limit: 0,
        events_limit: 0,
    };
    answer!(
        backend(&st).get_service(request(&c, req)),
        |r: &pb::GetServiceResponse| { doc::service_json(&r.service.clone().unwrap_or_default()) }
    )
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DescribeQuery {
    /// Status changes to include (default 20).
    timeline: Option<u32>,
    /// Recent events to include (default 10).
    events: Option<u32>,
}

/// One service with its reliability, timeline and recent events.
#[utoipa::path(get, path = "/api/v1/services/{name}/describe", params(("name" = String, Path, description = "Service name"), DescribeQuery),
    responses((status = 200, description = "A `ServiceDescription` document", body = Object), (status = 404, description = "No such service")))]
async fn describe(
    State(st): State<HttpState>,
    Reader(c): Reader,
    Path(name): Path<String>,
    Query(q): Query<DescribeQuery>,
) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let req = pb::GetServiceRequest {
        name,
        timeline_limit: q.timeline.unwrap_or(20).min(1000),
        events_limit: q.events.unwrap_or(10).min(1000),
    };
    answer!(
        backend(&st).get_service(request(&c, req)),
        doc::service_description_json
    )
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct EventsQuery {
    /// NATS subject patterns (`*`, `>`), comma-separated; any may match.
    subject: Option<String>,
    /// Services, comma-separated.
    service: Option<String>,
    /// Event types (`startup`, `heartbeat`, `log`, …), comma-separated.
    kind: Option<String>,
    /// From this time: RFC 3339 or a duration ago (`15m`).
    since: Option<String>,
    /// Up to this time: RFC 3339 or a duration ago.
    until: Option<String>,
    /// A regular expression matched against the subject and the payload.
    grep: Option<String>,
    /// Most events returned (default 100, at most 10000).
    limit: Option<u32>,
    /// Oldest first, after this sequence number.
    after: Option<u64>,
    /// Newest first, before this sequence number.
    before: Option<u64>,
}

/// Recorded events, newest last (what `krytenctl events ls -o json` prints).
#[utoipa::path(get, path = "/api/v1/events", params(EventsQuery), responses((status = 200, description = "An `EventList` document", body = Object)))]
async fn events(State(st): State<HttpState>, Reader(c): Reader, Query(q): Query<EventsQuery>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let filter = (|| {
        Ok::<_, BadQuery>(pb::EventFilter {
            subjects: list(&q.subject)?,
            services: list(&q.service)?,
            kinds: list(&q.kind)?,
            since_us: time("since", &q.since)?,
            until_us: time("until", &q.until)?,
            grep: q.grep.clone().unwrap_or_default(),
        })
    })();
    let filter = match filter {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let req = pb::ListEventsRequest {
        filter: Some(filter),
        limit: limit(q.limit, 100),
        after_seq: q.after.unwrap_or(0),
        before_seq: q.before.unwrap_or(0),
        newest: q.after.is_none(),
    };
    answer!(backend(&st).list_events(request(&c, req)), doc::event_list_json)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct LogsQuery {
    /// Services, comma-separated.
    service: Option<String>,
    /// Only records at this level or worse (`debug`, `info`, `warning`, `error`, `critical`).
    level: Option<String>,
    /// From this time: RFC 3339 or a duration ago (`15m`).
    since: Option<String>,
    /// Up to this time: RFC 3339 or a duration ago.
    until: Option<String>,
    /// A regular expression the message must match.
    grep: Option<String>,
    /// A regular expression the message must not match.
    exclude: Option<String>,
    /// Most records returned (default 100, at most 10000).
    limit: Option<u32>,
}

fn severity(level: &str) -> Option<u32> {
    Some(match level.to_ascii_lowercase().as_str() {
        "debug" | "trace" => 7,
        "info" => 6,
        "notice" => 5,
        "warning" | "warn" => 4,
        "error" => 3,
        "critical" | "fatal" => 2,
        _ => return None,
    })
}

/// Recorded log lines (what `krytenctl logs -o json` prints).
#[utoipa::path(get, path = "/api/v1/logs", params(LogsQuery), responses((status = 200, description = "A `LogList` document", body = Object)))]
async fn logs(State(st): State<HttpState>, Reader(c): Reader, Query(q): Query<LogsQuery>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let max_severity = match q.level.as_deref() {
        None | Some("") => None,
        Some(l) => match severity(l) {
            Some(s) => Some(s),
            None => return bad(format!("unknown level {l:?}")).into_response(),
        },
    };
    let filter = (|| {
        Ok::<_, BadQuery>(pb::LogFilter {
            services: list(&q.service)?,
            max_severity,
            since_us: time("since", &q.since)?,
            until_us: time("until", &q.until)?,
            grep: q.grep.clone().unwrap_or_default(),
            exclude: q.exclude.clone().unwrap_or_default(),
        })
    })();
    let filter = match filter {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let req = pb::ListLogsRequest {
        filter: Some(filter),
        limit: limit(q.limit, 100),
        newest: true,
    };
    answer!(backend(&st).list_logs(request(&c, req)), doc::log_list_json)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AuditQuery {
    /// From this time: RFC 3339 or a duration ago (`15m`).
    since: Option<String>,
    /// Only actions on this service.
    service: Option<String>,
    /// Only actions by this caller.
    actor: Option<String>,
    /// Most records returned (default 100, at most 10000).
    limit: Option<u32>,
}

/// The control audit trail (what `krytenctl audit -o json` prints).
#[utoipa::path(get, path = "/api/v1/audit", params(AuditQuery), responses((status = 200, description = "An `AuditList` document", body = Object)))]
async fn audit(State(st): State<HttpState>, Reader(c): Reader, Query(q): Query<AuditQuery>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let since_us = match time("since", &q.since) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let req = pb::ListAuditRequest {
        since_us,
        service: q.service.clone().unwrap_or_default(),
        actor: q.actor.clone().unwrap_or_default(),
        limit: limit(q.limit, 100),
    };
    answer!(backend(&st).list_audit(request(&c, req)), doc::audit_list_json)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AlertsQuery {
    /// pending, firing or resolved (default: pending and firing).
    state: Option<String>,
    /// Resolved alerts since this time (RFC 3339 or a duration ago; default 24h).
    since: Option<String>,
}

/// Alerts pending or firing now (worst first), those resolved since a time,
/// the newest transitions, the silences and maintenance windows, and
/// delivery failures since start (what `krytenctl alerts ls -o json` prints).
#[utoipa::path(get, path = "/api/v1/alerts", params(AlertsQuery), responses((status = 200, description = "An `AlertList` document", body = Object)))]
async fn alerts(State(st): State<HttpState>, Reader(c): Reader, Query(q): Query<AlertsQuery>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let since_us = match time("since", &q.since) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let req = pb::ListAlertsRequest {
        state: q.state.clone().unwrap_or_default(),
        since_ms: since_us / 1000,
    };
    answer!(backend(&st).list_alerts(request(&c, req)), doc::alert_list_json)
}

/// One alert, current or past, by id (its fingerprint, or a unique prefix of
/// at least 4 characters): timeline, deliveries, matching silences and
/// windows, receivers (what `krytenctl alerts describe ID -o json` prints).
#[utoipa::path(get, path = "/api/v1/alerts/{id}", params(("id" = String, Path, description = "Fingerprint or a unique prefix")),
    responses((status = 200, description = "An `AlertDescription` document", body = Object), (status = 404, description = "No such alert")))]
async fn alert(State(st): State<HttpState>, Reader(c): Reader, Path(id): Path<String>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let req = pb::DescribeAlertRequest { fingerprint: id };
    answer!(
        backend(&st).describe_alert(request(&c, req)),
        doc::alert_description_json
    )
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct StatsQuery {
    /// Start (RFC 3339 or a duration ago; default 1h).
    since: Option<String>,
    /// End (default now).
    until: Option<String>,
    /// Bucket width (e.g. 10s, 1m; default: about 60 buckets; at most 1,440 buckets).
    step: Option<String>,
    /// Busiest subjects returned (default 10, at most 100).
    top: Option<u32>,
    /// Only events of this service.
    service: Option<String>,
}

/// Recorded events per time bucket and type, and the busiest subjects.
#[utoipa::path(get, path = "/api/v1/stats/events", params(StatsQuery),
    responses((status = 200, description = "An `EventStats` document", body = Object), (status = 400, description = "A range or step out of bounds")))]
async fn event_stats(State(st): State<HttpState>, Reader(c): Reader, Query(q): Query<StatsQuery>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let (since_us, until_us) = match (time("since", &q.since), time("until", &q.until)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e.into_response(),
    };
    let step_seconds = match q.step.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => 0.0,
        Some(s) => match humantime::parse_duration(s) {
            Ok(d) => d.as_secs_f64(),
            Err(_) => return bad(format!("step: {s:?} is not a duration like 10s")).into_response(),
        },
    };
    let req = pb::EventStatsRequest {
        since_us,
        until_us,
        step_seconds,
        top: q.top.unwrap_or(0),
        service: q.service.clone().unwrap_or_default(),
    };
    answer!(backend(&st).event_stats(request(&c, req)), doc::event_stats_json)
}

/// The most a sign-in request body may hold.
const SIGN_IN_BODY_BYTES: usize = 1024;

#[derive(Deserialize, utoipa::ToSchema)]
struct SignInBody {
    /// The code of a link from `krytenctl ui`.
    code: String,
}

/// Trades the single-use code of a sign-in link (`krytenctl ui`) for a new
/// API token with the link's role and lifetime. Needs no token; failures
/// count against the address like failed tokens.
#[utoipa::path(post, path = "/api/v1/signin", request_body = SignInBody, security(()),
    responses((status = 200, description = "A `SignIn` document with the new token", body = Object),
              (status = 401, description = "Unknown, used or expired code"),
              (status = 429, description = "Too many failures from this address")))]
async fn sign_in(
    State(st): State<HttpState>,
    peer: Option<axum::Extension<super::Peer>>,
    body: Result<Json<SignInBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    use crate::domain::sign_in::{SignIn, SignInError};
    let Ok(Json(body)) = body else {
        return bad("the body is JSON: {\"code\": \"…\"}").into_response();
    };
    let s = &st.shared;
    let flow = SignIn {
        codes: &s.sign_ins,
        control: &s.control,
        audit: &s.audit,
        tokens: &s.tokens,
    };
    match flow.redeem(&body.code, peer.map(|p| p.0 .0.ip())).await {
        Ok(r) => Json(serde_json::json!({
            "kind": "SignIn", "token": r.secret, "name": r.info.name, "role": r.info.role.as_str(),
            "expiresAt": doc::time_json(r.info.expires_us),
        }))
        .into_response(),
        Err(SignInError::Limited(wait)) => error(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "too many failed attempts from this address; try again in {}s",
                wait.as_secs().max(1)
            ),
        ),
        Err(e @ SignInError::Invalid) => error(StatusCode::UNAUTHORIZED, e.to_string()),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ConfigQuery {
    /// A revision number (default: the latest).
    rev: Option<u64>,
}

/// A service's recorded config, secrets redacted.
#[utoipa::path(get, path = "/api/v1/configs/{service}", params(("service" = String, Path, description = "Service name"), ConfigQuery),
    responses((status = 200, description = "A `ServiceConfig` document", body = Object), (status = 404, description = "No such service or revision")))]
async fn config(
    State(st): State<HttpState>,
    Reader(c): Reader,
    Path(service): Path<String>,
    Query(q): Query<ConfigQuery>,
) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let req = pb::GetConfigRequest {
        service,
        rev: q.rev.unwrap_or(0),
        refresh: false,
    };
    answer!(backend(&st).get_config(request(&c, req)), doc::config_json)
}

/// A service's config revisions.
#[utoipa::path(get, path = "/api/v1/configs/{service}/history", params(("service" = String, Path, description = "Service name")),
    responses((status = 200, description = "A `ConfigHistory` document", body = Object), (status = 404, description = "No such service")))]
async fn config_history(State(st): State<HttpState>, Reader(c): Reader, Path(service): Path<String>) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    answer!(
        backend(&st).list_config_revisions(request(&c, pb::ListConfigRevisionsRequest { service })),
        doc::config_history_json
    )
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DiffQuery {
    /// Compare the latest revision with this one (default: the one before the latest).
    rev: Option<u64>,
    /// Compare with this other service's latest config instead.
    other: Option<String>,
}

/// What changed in a service's config.
#[utoipa::path(get, path = "/api/v1/configs/{service}/diff", params(("service" = String, Path, description = "Service name"), DiffQuery),
    responses((status = 200, description = "A `ConfigDiff` document", body = Object), (status = 404, description = "No such service or revision")))]
async fn config_diff(
    State(st): State<HttpState>,
    Reader(c): Reader,
    Path(service): Path<String>,
    Query(q): Query<DiffQuery>,
) -> Response {
    use kryten_proto::v1::krytend_server::Krytend;
    let req = pb::DiffConfigRequest {
        service,
        rev: q.rev.unwrap_or(0),
        against: String::new(),
        other_service: q.other.clone().unwrap_or_default(),
        refresh: false,
    };
    answer!(backend(&st).diff_config(request(&c, req)), doc::config_diff_json)
}
