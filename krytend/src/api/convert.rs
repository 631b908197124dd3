//! Domain types ↔ API messages.

use kryten_proto::v1 as pb;
use tonic::Status as RpcStatus;

use crate::{
    bus::BusSnapshot,
    event::{Event, EventFilter},
    logs::{LogFilter, LogRecord},
    protocol::log::level_name,
    registry::{Reliability, ServiceState, Status, Transition},
};

pub fn status_to_pb(s: Status) -> pb::ServiceStatus {
    match s {
        Status::Starting => pb::ServiceStatus::Starting,
        Status::Healthy => pb::ServiceStatus::Healthy,
        Status::Degraded => pb::ServiceStatus::Degraded,
        Status::Failing => pb::ServiceStatus::Failing,
        Status::Down => pb::ServiceStatus::Down,
        Status::Stopped => pb::ServiceStatus::Stopped,
        Status::Restarting => pb::ServiceStatus::Restarting,
    }
}

pub fn status_from_pb(v: i32) -> Result<Status, RpcStatus> {
    match pb::ServiceStatus::try_from(v) {
        Ok(pb::ServiceStatus::Starting) => Ok(Status::Starting),
        Ok(pb::ServiceStatus::Healthy) => Ok(Status::Healthy),
        Ok(pb::ServiceStatus::Degraded) => Ok(Status::Degraded),
        Ok(pb::ServiceStatus::Failing) => Ok(Status::Failing),
        Ok(pb::ServiceStatus::Down) => Ok(Status::Down),
        Ok(pb::ServiceStatus::Stopped) => Ok(Status::Stopped),
        Ok(pb::ServiceStatus::Restarting) => Ok(Status::Restarting),
        _ => Err(RpcStatus::invalid_argument(format!("unknown service status {v}"))),
    }
}

pub fn service_to_pb(s: &ServiceState, now_us: i64) -> pb::Service {
    pb::Service {
        name: s.name.clone(),
        status: status_to_pb(s.status) as i32,
        status_cause: s.status_cause.clone(),
        status_since_us: s.status_since_us,
        version: s.version.clone(),
        hostname: s.hostname.clone(),
        uptime_seconds: s.uptime_now(now_us),
        instance_started_us: s.instance_started_us.unwrap_or(0),
        first_seen_us: s.first_seen_us,
        last_seen_us: s.last_seen_us,
        last_heartbeat_us: s.last_heartbeat_us,
        heartbeat_interval_seconds: s.interval_s,
        liveness: s.liveness.as_str().into(),
        deadline_us: s.deadline_us,
        restart_count: s.restart_count,
        heartbeat_count: s.heartbeat_count,
        last_ping_us: s.last_ping_us,
        last_ping_rtt_ms: s.last_ping_rtt_ms,
        missed_pings: s.missed_pings,
        suspected_instances: s.suspected_instances(),
        endpoints: s
            .endpoints
            .iter()
            .map(|e| pb::Endpoint {
                name: e.name.clone(),
                url: e.url.clone(),
                port: e.port,
                path: e.path.clone(),
            })
            .collect(),
        dependencies: s
            .dependencies
            .iter()
            .map(|d| pb::Dependency {
                target: d.target.clone(),
                connected: d.connected,
                since_us: d.since_us,
                reason: d.reason.clone(),
            })
            .collect(),
        metadata_json: s.metadata.as_ref().map(|m| m.to_string()).unwrap_or_default(),
    }
}

pub fn transition_to_pb(t: &Transition) -> pb::Transition {
    pb::Transition {
        service: t.service.clone(),
        at_us: t.at_us,
        from: t.from.map_or(pb::ServiceStatus::Unspecified, status_to_pb) as i32,
        to: status_to_pb(t.to) as i32,
        cause: t.cause.clone(),
    }
}

pub fn reliability_to_pb(r: &Reliability) -> pb::Reliability {
    pb::Reliability {
        availability: r.availability,
        mtbf_seconds: r.mtbf_seconds,
        mttr_seconds: r.mttr_seconds,
        failures: r.failures,
        observed_seconds: r.observed_seconds,
    }
}

pub fn event_to_pb(e: &Event) -> pb::Event {
    pb::Event {
        seq: e.seq,
        received_us: e.received_us,
        subject: e.subject.clone(),
        kind: e.kind.as_str().into(),
        service: e.service.clone().unwrap_or_default(),
        payload: e.payload.to_vec(),
        malformed: e.error.is_some(),
        error: e.error.clone().unwrap_or_default(),
        channel: e.channel.clone().unwrap_or_default(),
        event_type: e.event_type.clone().unwrap_or_default(),
        correlation_id: e.correlation_id.clone().unwrap_or_default(),
        event_time_us: e.event_time_us.unwrap_or(0),
        reply_to: e.reply_to.clone().unwrap_or_default(),
    }
}

pub fn bus_to_pb(b: &BusSnapshot) -> pb::BusState {
    pb::BusState {
        state: b.state.into(),
        since_us: b.since_us,
        reconnects: b.reconnects,
        servers: b.servers.clone(),
        subjects: b.subjects.clone(),
        last_error: b.last_error.clone(),
        last_error_at_us: b.last_error_us,
    }
}

/// Validates a filter; every problem is the caller's, so it is an
/// `InvalidArgument` that names it.
pub fn filter_from_pb(f: Option<pb::EventFilter>) -> Result<EventFilter, RpcStatus> {
    let f = f.unwrap_or_default();
    crate::domain::filters::events(&f.subjects, &f.services, &f.kinds, f.since_us, f.until_us, &f.grep)
        .map_err(|e| RpcStatus::invalid_argument(e.to_string()))
}

pub fn log_to_pb(r: &LogRecord) -> pb::LogRecord {
    pb::LogRecord {
        seq: r.seq,
        time_us: r.time_us,
        received_us: r.received_us,
        time_from_arrival: r.time_from_arrival,
        service: r.service.clone(),
        severity: r.severity.map(u32::from),
        level: r.severity.map(level_name).unwrap_or_default().into(),
        logger: r.logger.clone().unwrap_or_default(),
        message: r.message.clone(),
        exception: r.exception.clone().unwrap_or_default(),
        attributes_json: if r.attributes.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(r.attributes.clone()).to_string()
        },
        source: r.source.clone(),
    }
}

pub fn log_filter_from_pb(f: Option<pb::LogFilter>) -> Result<LogFilter, RpcStatus> {
    let f = f.unwrap_or_default();
    crate::domain::filters::logs(&f.services, f.max_severity, f.since_us, f.until_us, &f.grep, &f.exclude)
        .map_err(|e| RpcStatus::invalid_argument(e.to_string()))
}
