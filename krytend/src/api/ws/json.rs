//! JSON shapes of events, log records and services on the WebSocket API
//! (the same field names `krytenctl -o json` uses).

use serde_json::{json, Value};

use crate::{
    event::Event,
    logs::LogRecord,
    protocol::{log::level_name, timestamp::format_us},
    registry::{ServiceState, Transition},
};

fn time(us: i64) -> Value {
    if us == 0 {
        Value::Null
    } else {
        Value::String(format_us(us))
    }
}

fn payload(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
}

pub fn event(e: &Event) -> Value {
    json!({
        "seq": e.seq,
        "received": time(e.received_us),
        "subject": e.subject,
        "type": e.kind.as_str(),
        "service": e.service,
        "channel": e.channel,
        "eventType": e.event_type,
        "correlationId": e.correlation_id,
        "replyTo": e.reply_to,
        "eventTime": e.event_time_us.map_or(Value::Null, time),
        "malformed": e.error.is_some(),
        "error": e.error,
        "payload": payload(&e.payload),
    })
}

pub fn log(r: &LogRecord) -> Value {
    json!({
        "seq": r.seq,
        "time": time(r.time_us),
        "received": time(r.received_us),
        "timeFromArrival": r.time_from_arrival,
        "service": r.service,
        "level": r.severity.map(level_name),
        "severity": r.severity,
        "logger": r.logger,
        "message": r.message,
        "exception": r.exception,
        "attributes": Value::Object(r.attributes.clone()),
        "source": r.source,
    })
}

pub fn service(s: &ServiceState, now_us: i64) -> Value {
    json!({
        "name": s.name,
        "status": s.status.as_str(),
        "statusCause": s.status_cause,
        "statusSince": time(s.status_since_us),
        "version": s.version,
        "hostname": s.hostname,
        "uptimeSeconds": s.uptime_now(now_us),
        "lastSeen": time(s.last_seen_us),
        "lastHeartbeat": time(s.last_heartbeat_us),
        "heartbeatIntervalSeconds": if s.interval_s > 0.0 { json!(s.interval_s) } else { Value::Null },
        "liveness": s.liveness.as_str(),
        "deadline": time(s.deadline_us),
        "lastPing": time(s.last_ping_us),
        "lastPingRttMs": if s.last_ping_us > 0 { json!(s.last_ping_rtt_ms) } else { Value::Null },
        "missedPings": s.missed_pings,
        "restartCount": s.restart_count,
        "suspectedInstances": s.suspected_instances(),
        "endpoints": s.endpoints.iter().map(|e| json!({"name": e.name, "url": e.url})).collect::<Vec<_>>(),
    })
}

pub fn transition(t: &Transition) -> Value {
    json!({"from": t.from.map(|s| s.as_str()), "to": t.to.as_str(), "cause": t.cause, "at": time(t.at_us)})
}
