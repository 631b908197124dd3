//! Subject + payload → [`Classified`].

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{checked_uptime, timestamp::parse_iso_us, Kind, MAX_UPTIME_S};

/// The lifecycle kinds that drive the service registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleKind {
    Startup,
    Heartbeat,
    Shutdown,
    Connected,
    Disconnected,
}

/// What a lifecycle message says about its service.
#[derive(Debug, Clone, PartialEq)]
pub struct Lifecycle {
    pub kind: LifecycleKind,
    pub service: String,
    pub version: Option<String>,
    pub hostname: Option<String>,
    /// Range-checked: finite, 0 to [`MAX_UPTIME_S`]; anything else is
    /// flagged and left out.
    pub uptime_seconds: Option<f64>,
    /// The payload's own `timestamp`: when the service sent it, by its clock
    /// (differs from arrival when publishes were buffered during an outage).
    pub sent_us: Option<i64>,
    /// The service's own health word (`kryten.service.heartbeat`).
    pub status: Option<String>,
    pub reason: Option<String>,
    pub target: Option<String>,
    pub metadata: Option<Value>,
    /// Fields beyond the base payload (e.g. kryten-robot's `domain`).
    pub extras: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    pub kind: Kind,
    pub service: Option<String>,
    pub channel: Option<String>,
    pub event_type: Option<String>,
    pub correlation_id: Option<String>,
    pub event_time_us: Option<i64>,
    /// Why the payload does not fit its subject's schema; the message is
    /// still recorded, raw.
    pub error: Option<String>,
    pub lifecycle: Option<Lifecycle>,
}

impl Classified {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            service: None,
            channel: None,
            event_type: None,
            correlation_id: None,
            event_time_us: None,
            error: None,
            lifecycle: None,
        }
    }
}

const BASE_FIELDS: [&str; 9] = [
    "service",
    "version",
    "hostname",
    "timestamp",
    "uptime_seconds",
    "metadata",
    "reason",
    "target",
    "status",
];

/// A lifecycle payload larger than this is stored raw and flagged; only
/// its subject drives the registry. Real ones are well under 2 KiB.
pub const MAX_LIFECYCLE_BYTES: usize = 64 * 1024;
/// Extra (non-base) fields kept from one lifecycle message, by count and by
/// their JSON size; the rest are dropped and the message flagged.
pub const MAX_EXTRA_KEYS: usize = 32;
pub const MAX_EXTRA_BYTES: usize = 16 * 1024;
/// `metadata` kept up to this JSON size.
pub const MAX_METADATA_BYTES: usize = 16 * 1024;
/// Text fields (version, hostname, status, target) and `reason` are cut to
/// these many characters.
pub const MAX_TEXT_CHARS: usize = 256;
pub const MAX_REASON_CHARS: usize = 1024;

/// Classifies one message. Total: every input gives an answer.
pub fn classify(subject: &str, payload: &[u8]) -> Classified {
    let tokens: Vec<&str> = subject.split('.').collect();
    match tokens.as_slice() {
        ["kryten", "lifecycle", "group", "restart"] => object_event(Kind::GroupRestart, payload),
        ["kryten", "lifecycle", svc, event] => lifecycle(svc, event, payload),
        ["kryten", "service", "discovery", "poll"] => {
            // Free-form by the protocol: only its timestamp is of interest.
            let mut c = Classified::new(Kind::DiscoveryPoll);
            if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(payload) {
                c.event_time_us = map.get("timestamp").and_then(Value::as_str).and_then(parse_iso_us);
            }
            c
        }
        ["kryten", "service", "discovery"] => seed_lifecycle(Kind::Discovery, LifecycleKind::Startup, payload),
        ["kryten", "service", "heartbeat"] => seed_lifecycle(Kind::ServiceHeartbeat, LifecycleKind::Heartbeat, payload),
        ["kryten", "events", "cytube", channel, event] => channel_event(channel, event, payload),
        ["kryten", "logs", svc] => log_line(svc, payload),
        ["kryten", svc, "command"] => command(svc, payload),
        ["_INBOX", ..] => Classified::new(Kind::Reply),
        _ => Classified::new(Kind::Other),
    }
}

fn parse_object(payload: &[u8]) -> Result<Map<String, Value>, String> {
    if payload.is_empty() {
        return Err("empty payload".into());
    }
    match serde_json::from_slice::<Value>(payload) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(format!("payload is a JSON {}, not an object", json_type(&other))),
        Err(e) => Err(if std::str::from_utf8(payload).is_err() {
            "payload is not UTF-8".to_string()
        } else {
            format!("payload is not JSON: {e}")
        }),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn object_event(kind: Kind, payload: &[u8]) -> Classified {
    let mut c = Classified::new(kind);
    match parse_object(payload) {
        Ok(map) => {
            c.event_time_us = map.get("timestamp").and_then(Value::as_str).and_then(parse_iso_us);
        }
        Err(e) => c.error = Some(e),
    }
    c
}

fn lifecycle(svc: &str, event: &str, payload: &[u8]) -> Classified {
    let lk = match event {
        "startup" => LifecycleKind::Startup,
        "heartbeat" => LifecycleKind::Heartbeat,
        "shutdown" => LifecycleKind::Shutdown,
        "connected" => LifecycleKind::Connected,
        "disconnected" => LifecycleKind::Disconnected,
        _ => {
            let mut c = object_event(Kind::Other, payload);
            c.service = Some(svc.to_string());
            c.event_type = Some(event.to_string());
            return c;
        }
    };
    let kind = match lk {
        LifecycleKind::Startup => Kind::Startup,
        LifecycleKind::Heartbeat => Kind::Heartbeat,
        LifecycleKind::Shutdown => Kind::Shutdown,
        LifecycleKind::Connected => Kind::Connected,
        LifecycleKind::Disconnected => Kind::Disconnected,
    };
    let mut c = Classified::new(kind);
    c.service = Some(svc.to_string());
    if payload.len() > MAX_LIFECYCLE_BYTES {
        c.error = Some(format!(
            "payload of {} bytes is over the {MAX_LIFECYCLE_BYTES}-byte limit for lifecycle messages",
            payload.len()
        ));
        c.lifecycle = Some(bare_lifecycle(lk, svc.to_string()));
        return c;
    }
    match parse_object(payload) {
        Ok(map) => {
            let (lc, problems) = lifecycle_from_map(lk, svc.to_string(), map);
            c.event_time_us = lc.1;
            c.lifecycle = Some(lc.0);
            if !problems.is_empty() {
                c.error = Some(problems.join("; "));
            }
        }
        Err(e) => {
            c.error = Some(e);
            // The subject alone still says the service is alive (or leaving).
            c.lifecycle = Some(bare_lifecycle(lk, svc.to_string()));
        }
    }
    c
}

fn seed_lifecycle(kind: Kind, lk: LifecycleKind, payload: &[u8]) -> Classified {
    let mut c = Classified::new(kind);
    if payload.len() > MAX_LIFECYCLE_BYTES {
        // Without a trusted payload there is no service name either.
        c.error = Some(format!(
            "payload of {} bytes is over the {MAX_LIFECYCLE_BYTES}-byte limit for lifecycle messages",
            payload.len()
        ));
        return c;
    }
    match parse_object(payload) {
        Ok(map) => match map.get("service").and_then(Value::as_str).filter(|s| !s.is_empty()) {
            Some(svc) => {
                let svc = svc.to_string();
                c.service = Some(svc.clone());
                let (lc, problems) = lifecycle_from_map(lk, svc, map);
                c.event_time_us = lc.1;
                c.lifecycle = Some(lc.0);
                if !problems.is_empty() {
                    c.error = Some(problems.join("; "));
                }
            }
            None => c.error = Some("payload has no \"service\" name".into()),
        },
        Err(e) => c.error = Some(e),
    }
    c
}

fn bare_lifecycle(kind: LifecycleKind, service: String) -> Lifecycle {
    Lifecycle {
        kind,
        service,
        version: None,
        hostname: None,
        uptime_seconds: None,
        sent_us: None,
        status: None,
        reason: None,
        target: None,
        metadata: None,
        extras: Map::new(),
    }
}

fn lifecycle_from_map(
    kind: LifecycleKind,
    service: String,
    mut map: Map<String, Value>,
) -> ((Lifecycle, Option<i64>), Vec<String>) {
    let mut problems = Vec::new();
    let text = |map: &Map<String, Value>, key: &str, problems: &mut Vec<String>| -> Option<String> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                problems.push(format!("\"{key}\" is a {}, not a string", json_type(other)));
                None
            }
        }
    };
    let version = capped(
        text(&map, "version", &mut problems),
        "version",
        MAX_TEXT_CHARS,
        &mut problems,
    );
    let hostname = capped(
        text(&map, "hostname", &mut problems),
        "hostname",
        MAX_TEXT_CHARS,
        &mut problems,
    );
    let status = capped(
        text(&map, "status", &mut problems),
        "status",
        MAX_TEXT_CHARS,
        &mut problems,
    );
    let reason = capped(
        text(&map, "reason", &mut problems),
        "reason",
        MAX_REASON_CHARS,
        &mut problems,
    );
    let target = capped(
        text(&map, "target", &mut problems),
        "target",
        MAX_TEXT_CHARS,
        &mut problems,
    );
    let ts_text = text(&map, "timestamp", &mut problems);
    let event_time = ts_text.as_deref().and_then(|t| {
        let parsed = parse_iso_us(t);
        if parsed.is_none() {
            problems.push(format!("\"timestamp\" {t:?} is not an ISO 8601 time"));
        }
        parsed
    });
    let uptime_seconds = match map.get("uptime_seconds") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => {
            let v = n.as_f64().and_then(checked_uptime);
            if v.is_none() {
                problems.push(format!(
                    "\"uptime_seconds\" {n} is out of range (0 to {MAX_UPTIME_S:e} s)"
                ));
            }
            v
        }
        Some(other) => {
            problems.push(format!("\"uptime_seconds\" is a {}, not a number", json_type(other)));
            None
        }
    };
    let metadata = map.get("metadata").filter(|v| !v.is_null()).cloned().filter(|m| {
        let size = json_size(m);
        let fits = size <= MAX_METADATA_BYTES;
        if !fits {
            problems.push(format!(
                "\"metadata\" of {size} bytes is over the {MAX_METADATA_BYTES}-byte limit: not kept"
            ));
        }
        fits
    });
    for key in BASE_FIELDS {
        map.remove(key);
    }
    cap_extras(&mut map, &mut problems);
    let lc = Lifecycle {
        kind,
        service,
        version,
        hostname,
        uptime_seconds,
        sent_us: event_time,
        status,
        reason,
        target,
        metadata,
        extras: map,
    };
    ((lc, event_time), problems)
}

/// Cuts a text field to `max` characters, saying so.
fn capped(v: Option<String>, key: &str, max: usize, problems: &mut Vec<String>) -> Option<String> {
    v.map(|mut s| {
        if let Some((at, _)) = s.char_indices().nth(max) {
            problems.push(format!("\"{key}\" is longer than {max} characters: cut"));
            s.truncate(at);
        }
        s
    })
}

fn json_size(v: &Value) -> usize {
    serde_json::to_vec(v).map_or(usize::MAX, |b| b.len())
}

/// Keeps extra fields, in order, while they fit the key and byte budgets.
fn cap_extras(map: &mut Map<String, Value>, problems: &mut Vec<String>) {
    let mut used = 0usize;
    let mut dropped = 0usize;
    map.retain(|k, v| {
        let size = k.len() + json_size(v);
        let keep = dropped == 0 && used + size <= MAX_EXTRA_BYTES;
        if keep {
            used += size;
        } else {
            dropped += 1;
        }
        keep
    });
    let over_keys = map.len().saturating_sub(MAX_EXTRA_KEYS);
    if over_keys > 0 {
        let keep: Vec<String> = map.keys().take(MAX_EXTRA_KEYS).cloned().collect();
        map.retain(|k, _| keep.contains(k));
        dropped += over_keys;
    }
    if dropped > 0 {
        problems.push(format!(
            "{dropped} extra fields over the limit ({MAX_EXTRA_KEYS} fields, {MAX_EXTRA_BYTES} bytes): not kept"
        ));
    }
}

#[derive(Deserialize)]
struct ChannelEnvelope<'a> {
    #[serde(borrow, default)]
    event_name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    timestamp: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    correlation_id: Option<Cow<'a, str>>,
}

fn channel_event(channel: &str, event: &str, payload: &[u8]) -> Classified {
    let mut c = Classified::new(Kind::ChannelEvent);
    c.channel = Some(channel.to_string());
    c.event_type = Some(event.to_string());
    // The fast path borrows the few fields we index; anything odd goes the
    // slow way to say precisely what is wrong.
    // serde skips the fields it does not index without checking their
    // UTF-8, so the fast path checks the bytes itself.
    match serde_json::from_slice::<ChannelEnvelope>(payload) {
        Ok(env) if std::str::from_utf8(payload).is_ok() => {
            c.event_time_us = env.timestamp.as_deref().and_then(parse_iso_us);
            c.correlation_id = env.correlation_id.map(Cow::into_owned);
            let _ = env.event_name;
        }
        _ => match parse_object(payload) {
            Ok(map) => {
                c.correlation_id = map.get("correlation_id").and_then(Value::as_str).map(str::to_string);
                c.event_time_us = map.get("timestamp").and_then(Value::as_str).and_then(parse_iso_us);
                c.error = Some("channel event fields have unexpected types".into());
            }
            Err(e) => c.error = Some(e),
        },
    }
    c
}

/// The two fields of a log record the classifier needs; the rest is
/// skipped without being built (the record is parsed whole once more,
/// into its row, and building it twice was a tenth of ingest's CPU on a
/// stream of log lines).
#[derive(serde::Deserialize)]
struct LogHead {
    #[serde(default)]
    timestamp: Option<Value>,
    #[serde(default)]
    level: Option<Value>,
}

fn log_line(svc: &str, payload: &[u8]) -> Classified {
    let mut c = Classified::new(Kind::Log);
    c.service = Some(svc.to_string());
    // Only an object: serde would also read a struct from an array.
    let object = payload.trim_ascii_start().first() == Some(&b'{');
    // Skipped fields are not checked for UTF-8 by the parser; the whole
    // payload is, cheaply, so bad bytes anywhere are still flagged.
    let utf8 = std::str::from_utf8(payload).is_ok();
    match serde_json::from_slice::<LogHead>(payload) {
        Ok(head) if object && utf8 => {
            c.event_time_us = head.timestamp.as_ref().and_then(Value::as_str).and_then(parse_iso_us);
            c.event_type = head.level.as_ref().and_then(Value::as_str).map(str::to_ascii_lowercase);
        }
        // Plain text is a valid log record with an unknown level.
        _ if utf8 => {}
        _ => c.error = Some("payload is not UTF-8".into()),
    }
    c
}

fn command(svc: &str, payload: &[u8]) -> Classified {
    let mut c = Classified::new(Kind::Command);
    c.service = Some(svc.to_string());
    match parse_object(payload) {
        Ok(map) => match map.get("command") {
            Some(Value::String(cmd)) => c.event_type = Some(cmd.clone()),
            _ => c.error = Some("request has no \"command\" string".into()),
        },
        Err(e) => c.error = Some(e),
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn startup_carries_identity_uptime_and_extras() {
        let c = classify(
            "kryten.lifecycle.robot.startup",
            br#"{"service": "robot", "version": "1.12.6", "hostname": "vm", "timestamp": "2026-11-21T22:08:12.041543+00:00", "uptime_seconds": 0.568873, "domain": "127.0.0.1:29443", "channel": "harness"}"#,
        );
        assert_eq!(c.kind, Kind::Startup);
        assert_eq!(c.service.as_deref(), Some("robot"));
        assert_eq!(c.error, None);
        let lc = c.lifecycle.expect("lifecycle");
        assert_eq!(lc.version.as_deref(), Some("1.12.6"));
        assert_eq!(lc.uptime_seconds, Some(0.568873));
        assert_eq!(lc.extras.get("domain").and_then(Value::as_str), Some("127.0.0.1:29443"));
        assert!(c.event_time_us.is_some());
    }

    #[test]
    fn wrong_field_types_are_flagged_but_still_drive_the_registry() {
        let c = classify(
            "kryten.lifecycle.a.heartbeat",
            br#"{"uptime_seconds": "ten", "version": 3}"#,
        );
        assert_eq!(c.kind, Kind::Heartbeat);
        let err = c.error.expect("flagged");
        assert!(err.contains("uptime_seconds"), "{err}");
        assert!(err.contains("version"), "{err}");
        assert!(c.lifecycle.is_some());
    }

    #[test]
    fn out_of_range_uptimes_are_flagged_and_left_out() {
        for bad in ["1e300", "-1", "-0.5", "3.3e9", "18446744073709551615"] {
            let payload = format!(r#"{{"service":"a","uptime_seconds":{bad},"timestamp":"2026-11-21T22:08:12Z"}}"#);
            let c = classify("kryten.lifecycle.a.heartbeat", payload.as_bytes());
            let err = c.error.unwrap_or_default();
            assert!(
                err.contains("uptime_seconds") && err.contains("out of range"),
                "{bad}: {err}"
            );
            let lc = c.lifecycle.expect("still a heartbeat");
            assert_eq!(lc.uptime_seconds, None, "{bad}");
            assert!(lc.sent_us.is_some(), "{bad}: the rest of the payload still counts");
        }
        let c = classify("kryten.lifecycle.a.heartbeat", br#"{"uptime_seconds":0}"#);
        assert_eq!((c.error, c.lifecycle.and_then(|l| l.uptime_seconds)), (None, Some(0.0)));
    }

    #[test]
    fn non_json_lifecycle_is_malformed_with_a_bare_lifecycle() {
        let c = classify("kryten.lifecycle.a.shutdown", b"\xff\xfe");
        assert_eq!(c.error.as_deref(), Some("payload is not UTF-8"));
        assert_eq!(c.lifecycle.map(|l| l.kind), Some(LifecycleKind::Shutdown));
    }

    #[test]
    fn group_restart_is_not_a_service_called_group() {
        let c = classify(
            "kryten.lifecycle.group.restart",
            br#"{"initiator":"x","reason":"r","delay_seconds":3.0}"#,
        );
        assert_eq!(c.kind, Kind::GroupRestart);
        assert_eq!(c.service, None);
        assert!(c.lifecycle.is_none());
    }

    #[test]
    fn seed_heartbeat_takes_its_service_and_status_from_the_payload() {
        let c = classify(
            "kryten.service.heartbeat",
            br#"{"service":"beta","status":"degraded","metrics":{"q":1}}"#,
        );
        assert_eq!(c.kind, Kind::ServiceHeartbeat);
        assert_eq!(c.service.as_deref(), Some("beta"));
        let lc = c.lifecycle.expect("lifecycle");
        assert_eq!(lc.kind, LifecycleKind::Heartbeat);
        assert_eq!(lc.status.as_deref(), Some("degraded"));
        let c = classify("kryten.service.heartbeat", br#"{"status":"healthy"}"#);
        assert!(c.error.is_some() && c.lifecycle.is_none());
    }

    #[test]
    fn channel_event_indexes_channel_type_and_correlation() {
        let c = classify(
            "kryten.events.cytube.harness.usercount",
            br#"{"event_name": "usercount", "payload": 2, "channel": "harness", "domain": "d", "timestamp": "2026-11-21T22:08:12.042280+00:00", "correlation_id": "e054"}"#,
        );
        assert_eq!(c.kind, Kind::ChannelEvent);
        assert_eq!(c.channel.as_deref(), Some("harness"));
        assert_eq!(c.event_type.as_deref(), Some("usercount"));
        assert_eq!(c.correlation_id.as_deref(), Some("e054"));
        assert_eq!(c.error, None);
    }

    #[test]
    fn plain_text_logs_are_fine_and_binary_logs_are_not() {
        let c = classify("kryten.logs.alpha", b"just a line");
        assert_eq!((c.kind, c.error), (Kind::Log, None));
        let c = classify("kryten.logs.alpha", br#"{"level":"WARNING","message":"m"}"#);
        assert_eq!(c.event_type.as_deref(), Some("warning"));
        assert!(classify("kryten.logs.alpha", b"\xc3\x28").error.is_some());
    }

    #[test]
    fn commands_name_their_target_and_command() {
        let c = classify(
            "kryten.robot.command",
            br#"{"service":"robot","command":"system.ping"}"#,
        );
        assert_eq!(c.kind, Kind::Command);
        assert_eq!(c.service.as_deref(), Some("robot"));
        assert_eq!(c.event_type.as_deref(), Some("system.ping"));
        let c = classify("kryten.userstats.command", br#""this is not json""#);
        assert!(c.error.expect("flagged").contains("string"));
    }

    #[test]
    fn oversized_lifecycle_payloads_are_flagged_and_extras_capped() {
        let big = format!(r#"{{"service":"a","uptime_seconds":1,"pad":"{}"}}"#, "x".repeat(70_000));
        let c = classify("kryten.lifecycle.a.heartbeat", big.as_bytes());
        assert!(c.error.expect("flagged").contains("limit"));
        let lc = c.lifecycle.expect("the subject still counts");
        assert!(lc.extras.is_empty() && lc.uptime_seconds.is_none());

        let one = format!(r#"{{"service":"a","f1":"{}"}}"#, "x".repeat(20 * 1024));
        let c = classify("kryten.lifecycle.a.heartbeat", one.as_bytes());
        assert!(c.error.expect("flagged").contains("extra fields"));
        assert!(c.lifecycle.expect("lifecycle").extras.is_empty());

        let many: String = (0..100).map(|i| format!(r#","k{i}":{i}"#)).collect();
        let c = classify(
            "kryten.lifecycle.a.heartbeat",
            format!(r#"{{"service":"a"{many}}}"#).as_bytes(),
        );
        assert!(c.error.is_some());
        assert_eq!(c.lifecycle.expect("lifecycle").extras.len(), MAX_EXTRA_KEYS);

        let long = format!(r#"{{"service":"a","version":"{}"}}"#, "é".repeat(300));
        let c = classify("kryten.lifecycle.a.startup", long.as_bytes());
        assert_eq!(
            c.lifecycle.expect("lifecycle").version.map(|v| v.chars().count()),
            Some(MAX_TEXT_CHARS)
        );
    }

    #[test]
    fn unknown_subjects_are_other_and_never_errors() {
        for s in [
            "kryten.something.else.entirely",
            "kryten",
            "",
            "...",
            "kryten.lifecycle",
        ] {
            let c = classify(s, b"\x00\x01");
            assert_eq!(c.kind, Kind::Other, "{s}");
            assert_eq!(c.error, None);
        }
        assert_eq!(classify("_INBOX.abc.def", b"{}").kind, Kind::Reply);
    }
}
