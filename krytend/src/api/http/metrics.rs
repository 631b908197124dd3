//! `GET /metrics`: the daemon's own figures (`krytend_…`) and the fleet's
//! (`kryten_…`, one series per service) in the OpenMetrics text format that
//! Prometheus scrapes. Names are stable and listed in docs/http.md.
//!
//! The figures live where they are kept (ingest, store, hub, tokens, the
//! registry view); a scrape reads them into a fresh registry, so nothing
//! here can drift from what `krytenctl status` shows. Only request counts
//! and latencies are kept here. Label values from the bus (service names)
//! are escaped by the encoder and bounded by the registry's service cap.

use std::{
    sync::atomic::{AtomicU64, Ordering::Relaxed},
    time::Instant,
};

use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use prometheus_client::{
    encoding::text::encode,
    metrics::{
        counter::Counter,
        family::Family,
        gauge::Gauge,
        histogram::{exponential_buckets, Histogram},
    },
    registry::Registry,
};

use super::{auth, HttpState, Peer};
use crate::{auth::Action, protocol::timestamp::now_us, registry::Status};

type Labels = Vec<(String, String)>;

fn latency_histogram() -> Histogram {
    // 0.5 ms to about 16 s.
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

/// Requests served, by surface and route: kept across scrapes.
#[derive(Clone)]
pub struct HttpMetrics {
    requests: Family<Labels, Counter>,
    latency: Family<Labels, Histogram, fn() -> Histogram>,
}

impl Default for HttpMetrics {
    fn default() -> Self {
        Self {
            requests: Family::default(),
            latency: Family::new_with_constructor(latency_histogram),
        }
    }
}

impl HttpMetrics {
    /// Counts one request of `surface` (`http`, `grpc`) to `route`.
    pub fn record(&self, surface: &str, route: &str, code: &str, seconds: f64) {
        let labels: Labels = vec![
            ("surface".into(), surface.into()),
            ("route".into(), route.into()),
            ("code".into(), code.into()),
        ];
        self.requests.get_or_create(&labels).inc();
        let labels: Labels = vec![("surface".into(), surface.into()), ("route".into(), route.into())];
        self.latency.get_or_create(&labels).observe(seconds);
    }

    /// Middleware: the route is the matched pattern (bounded), never the
    /// raw path a client chose.
    pub(super) async fn observe(&self, req: Request, next: Next) -> Response {
        let route = req
            .extensions()
            .get::<MatchedPath>()
            .map(|m| m.as_str().to_string())
            .unwrap_or_else(|| "unmatched".into());
        let started = Instant::now();
        let resp = next.run(req).await;
        self.record("http", &route, resp.status().as_str(), started.elapsed().as_secs_f64());
        resp
    }
}

fn counter(reg: &mut Registry, name: &str, help: &str, value: u64) {
    let c: Counter = Counter::default();
    c.inc_by(value);
    reg.register(name, help, c);
}

fn gauge(reg: &mut Registry, name: &str, help: &str, value: f64) {
    let g: Gauge<f64, AtomicU64> = Gauge::default();
    g.set(value);
    reg.register(name, help, g);
}

/// From loopback without a token when configured; otherwise a viewer token.
async fn allowed(parts: &Parts, st: &HttpState) -> Result<(), Response> {
    let loopback = parts.extensions.get::<Peer>().is_some_and(|p| p.0.ip().is_loopback());
    if loopback && st.settings.metrics_from_loopback_without_token && auth::bearer(parts).is_none() {
        return Ok(());
    }
    auth::authorize(parts, st, Action::Read).await.map(|_| ())
}

pub(super) async fn scrape(State(st): State<HttpState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    if let Err(r) = allowed(&parts, &st).await {
        return r;
    }
    let text = render(&st);
    let mut r = (StatusCode::OK, text).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    r
}

fn render(st: &HttpState) -> String {
    let s = &st.shared;
    let mut reg = Registry::default();
    let info: Family<Labels, Gauge> = Family::default();
    info.get_or_create(&vec![("version".into(), env!("CARGO_PKG_VERSION").into())])
        .set(1);
    reg.register("krytend_build_info", "The running krytend's version", info);
    gauge(
        &mut reg,
        "krytend_start_time_seconds",
        "When this krytend started (Unix time)",
        s.started_at_us as f64 / 1e6,
    );

    let i = &s.stats;
    counter(
        &mut reg,
        "krytend_ingest_received",
        "Bus messages received",
        i.received.load(Relaxed),
    );
    counter(
        &mut reg,
        "krytend_ingest_accepted",
        "Bus messages sequenced and recorded",
        i.accepted.load(Relaxed),
    );
    counter(
        &mut reg,
        "krytend_ingest_dropped",
        "Bus messages lost before they could be sequenced (a full buffer)",
        i.dropped.load(Relaxed),
    );
    counter(
        &mut reg,
        "krytend_ingest_dropped_over_budget",
        "Of the dropped: messages refused because the ingest queue held its byte budget",
        i.dropped_over_budget.load(Relaxed),
    );
    counter(
        &mut reg,
        "krytend_ingest_dropped_by_client",
        "Of the dropped: messages the bus client discarded, its buffer (nats.subscription_capacity) full",
        i.dropped_by_client.load(Relaxed),
    );
    gauge(
        &mut reg,
        "krytend_ingest_queue_bytes",
        "Bytes held by messages between the bus client and the sequencer",
        i.queue_budget.get().map_or(0, |b| b.used()) as f64,
    );
    counter(
        &mut reg,
        "krytend_ingest_malformed",
        "Payloads kept raw and flagged",
        i.malformed.load(Relaxed),
    );
    counter(
        &mut reg,
        "krytend_ingest_slow_consumer_events",
        "Times the NATS client reported it discarded messages",
        i.slow_consumer_events.load(Relaxed),
    );
    gauge(
        &mut reg,
        "krytend_ingest_rate",
        "Messages per second over the last 10 s",
        i.rate(),
    );
    gauge(
        &mut reg,
        "krytend_ingest_last_seq",
        "The last sequence number handed out",
        s.hub.last_seq() as f64,
    );
    counter(
        &mut reg,
        "krytend_stream_missed",
        "Messages live subscribers missed because they lagged",
        s.hub.missed(),
    );
    let (held, held_bytes) = s.hub.held();
    gauge(
        &mut reg,
        "krytend_stream_held",
        "Events and log records held for live subscribers that have not read them yet",
        held as f64,
    );
    gauge(
        &mut reg,
        "krytend_stream_held_bytes",
        "What those held records weigh (bounded by hub.max_bytes)",
        held_bytes as f64,
    );
    gauge(
        &mut reg,
        "krytend_stream_subscribers",
        "Live subscribers (gRPC and WebSocket streams)",
        s.hub.subscriber_count() as f64,
    );
    gauge(
        &mut reg,
        "krytend_websocket_sessions",
        "Open WebSocket sessions",
        st.settings.max_clients.saturating_sub(st.slots.available_permits()) as f64,
    );

    let store = s.store.stats();
    gauge(
        &mut reg,
        "krytend_store_size_bytes",
        "Database size with its WAL",
        s.store.size_bytes() as f64,
    );
    gauge(
        &mut reg,
        "krytend_store_queue_depth",
        "Writes waiting for the writer",
        s.store.queue_depth() as f64,
    );
    gauge(
        &mut reg,
        "krytend_store_queue_bytes",
        "Bytes held by the writes waiting for the writer",
        s.store.queue_bytes().0 as f64,
    );
    gauge(
        &mut reg,
        "krytend_store_committed_seq",
        "The last committed event number",
        s.store.committed_seq() as f64,
    );
    counter(
        &mut reg,
        "krytend_store_write_errors",
        "Failed write batches",
        store.write_errors.load(Relaxed),
    );
    counter(
        &mut reg,
        "krytend_store_dropped_events",
        "Events given up because the store could not take them",
        store.dropped_events.load(Relaxed),
    );
    counter(
        &mut reg,
        "krytend_store_dropped_logs",
        "Log records given up because the store could not take them",
        store.dropped_logs.load(Relaxed),
    );
    counter(
        &mut reg,
        "krytend_store_rejected_rows",
        "Rows set aside because they failed on their own",
        store.rejected_rows.load(Relaxed),
    );
    gauge(
        &mut reg,
        "krytend_store_writes_failing",
        "1 while the last batch could not be committed",
        f64::from(u8::from(store.failing.load(Relaxed))),
    );

    let bus = s.bus.snapshot();
    gauge(
        &mut reg,
        "krytend_bus_connected",
        "1 while connected to NATS",
        f64::from(u8::from(bus.state == "connected")),
    );
    counter(
        &mut reg,
        "krytend_bus_reconnects",
        "Reconnections to NATS",
        bus.reconnects,
    );
    counter(
        &mut reg,
        "krytend_auth_failures",
        "Tokens refused, over every API",
        s.tokens.failures(),
    );
    counter(
        &mut reg,
        "krytend_task_panics",
        "Panics caught in long-lived tasks",
        s.supervisor.panics(),
    );
    counter(
        &mut reg,
        "krytend_registry_refused",
        "New service names refused by admission",
        i.services_refused.load(Relaxed),
    );
    counter(
        &mut reg,
        "krytend_registry_forgotten",
        "Services forgotten after retention or on request",
        i.services_forgotten.load(Relaxed),
    );
    reg.register(
        "krytend_api_requests",
        "API requests served, by surface, route and status",
        s.http_metrics.requests.clone(),
    );
    reg.register(
        "krytend_api_request_duration_seconds",
        "API request latency, by surface and route",
        s.http_metrics.latency.clone(),
    );

    fleet(&mut reg, s);
    let mut out = String::new();
    if let Err(e) = encode(&mut out, &reg) {
        tracing::error!("cannot encode the metrics: {e}");
    }
    out
}

/// One series per tracked service (the registry caps how many).
fn fleet(reg: &mut Registry, s: &crate::api::Shared) {
    let view = s.view.borrow().clone();
    let now = now_us();
    let up: Family<Labels, Gauge> = Family::default();
    let status: Family<Labels, Gauge> = Family::default();
    let age: Family<Labels, Gauge<f64, AtomicU64>> = Family::default();
    let interval: Family<Labels, Gauge<f64, AtomicU64>> = Family::default();
    let restarts: Family<Labels, Counter> = Family::default();
    let rtt: Family<Labels, Gauge<f64, AtomicU64>> = Family::default();
    for svc in view.values() {
        let name = vec![("service".to_string(), svc.name.clone())];
        up.get_or_create(&name).set(i64::from(svc.status.is_up()));
        for st in Status::ALL {
            let labels = vec![
                ("service".to_string(), svc.name.clone()),
                ("status".to_string(), st.as_str().to_string()),
            ];
            status.get_or_create(&labels).set(i64::from(svc.status == st));
        }
        if svc.last_heartbeat_us > 0 {
            age.get_or_create(&name)
                .set(now.saturating_sub(svc.last_heartbeat_us).max(0) as f64 / 1e6);
        }
        if svc.interval_s.is_finite() && svc.interval_s > 0.0 {
            interval.get_or_create(&name).set(svc.interval_s);
        }
        restarts.get_or_create(&name).inc_by(u64::from(svc.restart_count));
        if svc.last_ping_rtt_ms.is_finite() && svc.last_ping_rtt_ms > 0.0 {
            rtt.get_or_create(&name).set(svc.last_ping_rtt_ms / 1e3);
        }
    }
    gauge(reg, "kryten_services", "Services tracked", view.len() as f64);
    reg.register(
        "kryten_service_up",
        "1 while the service is starting, healthy, degraded or failing",
        up,
    );
    reg.register(
        "kryten_service_status",
        "1 for the service's current status, 0 for the others",
        status,
    );
    reg.register(
        "kryten_service_heartbeat_age_seconds",
        "Time since the service's last heartbeat",
        age,
    );
    reg.register(
        "kryten_service_heartbeat_interval_seconds",
        "The heartbeat interval learned for the service",
        interval,
    );
    reg.register("kryten_service_restarts", "Restarts seen for the service", restarts);
    reg.register("kryten_service_ping_rtt_seconds", "The last ping round trip", rtt);
}
