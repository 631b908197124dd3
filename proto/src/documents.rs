//! The JSON documents of the API's read answers: what `krytenctl -o json`
//! prints and what the REST API (`/api/v1`) returns, built from the same
//! messages by the same functions so the two cannot drift. Times are RFC
//! 3339 UTC (null for "never"), names camelCase, lists
//! `{"kind": …, "items": […]}`.

use serde_json::{json, Value};

use crate::v1 as pb;

/// RFC 3339 UTC, or JSON null for "never".
pub fn time_json(us: i64) -> Value {
    if us == 0 {
        return Value::Null;
    }
    jiff::Timestamp::from_microsecond(us).map_or(Value::Null, |t| json!(t.to_string()))
}

pub fn status_name(v: i32) -> &'static str {
    match pb::ServiceStatus::try_from(v) {
        Ok(pb::ServiceStatus::Starting) => "starting",
        Ok(pb::ServiceStatus::Healthy) => "healthy",
        Ok(pb::ServiceStatus::Degraded) => "degraded",
        Ok(pb::ServiceStatus::Failing) => "failing",
        Ok(pb::ServiceStatus::Down) => "down",
        Ok(pb::ServiceStatus::Stopped) => "stopped",
        Ok(pb::ServiceStatus::Restarting) => "restarting",
        _ => "unknown",
    }
}

fn opt(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        json!(s)
    }
}

pub fn list_json(kind: &str, items: Vec<Value>) -> Value {
    json!({"kind": kind, "items": items})
}

pub fn service_json(s: &pb::Service) -> Value {
    json!({
        "name": s.name,
        "status": status_name(s.status),
        "statusCause": s.status_cause,
        "statusSince": time_json(s.status_since_us),
        "version": s.version,
        "hostname": s.hostname,
        "uptimeSeconds": s.uptime_seconds,
        "instanceStarted": time_json(s.instance_started_us),
        "firstSeen": time_json(s.first_seen_us),
        "lastSeen": time_json(s.last_seen_us),
        "lastHeartbeat": time_json(s.last_heartbeat_us),
        "heartbeatIntervalSeconds": if s.heartbeat_interval_seconds > 0.0 { json!(s.heartbeat_interval_seconds) } else { Value::Null },
        "liveness": s.liveness,
        "deadline": time_json(s.deadline_us),
        "restartCount": s.restart_count,
        "heartbeatCount": s.heartbeat_count,
        "lastPing": time_json(s.last_ping_us),
        "lastPingRttMs": if s.last_ping_us > 0 { json!(s.last_ping_rtt_ms) } else { Value::Null },
        "missedPings": s.missed_pings,
        "suspectedInstances": s.suspected_instances,
        "endpoints": s.endpoints.iter().map(|e| json!({"name": e.name, "url": e.url, "port": e.port, "path": e.path})).collect::<Vec<_>>(),
        "dependencies": s.dependencies.iter().map(|d| json!({"target": d.target, "connected": d.connected, "since": time_json(d.since_us), "reason": d.reason})).collect::<Vec<_>>(),
        "metadata": serde_json::from_str::<Value>(&s.metadata_json).unwrap_or(Value::Null),
    })
}

pub fn service_list_json(services: &[pb::Service]) -> Value {
    list_json("ServiceList", services.iter().map(service_json).collect())
}

/// `services describe`: the service, its reliability, timeline and recent
/// events.
pub fn service_description_json(r: &pb::GetServiceResponse) -> Value {
    let s = r.service.clone().unwrap_or_default();
    let rel = r.reliability.unwrap_or_default();
    let mut v = service_json(&s);
    v["kind"] = "ServiceDescription".into();
    v["reliability"] = json!({
        "availability": rel.availability, "mtbfSeconds": rel.mtbf_seconds, "mttrSeconds": rel.mttr_seconds,
        "failures": rel.failures, "observedSeconds": rel.observed_seconds,
    });
    v["timeline"] = r
        .timeline
        .iter()
        .map(|t| json!({"at": time_json(t.at_us), "from": status_name(t.from), "to": status_name(t.to), "cause": t.cause}))
        .collect();
    v["recentEvents"] = r.recent_events.iter().map(event_json).collect();
    v["pingHistory"] = r
        .ping_history
        .iter()
        .map(|p| json!({"at": time_json(p.at_us), "rttMs": p.rtt_ms}))
        .collect();
    v
}

/// The payload as JSON when it is JSON, as text when it is text; bytes that
/// are neither are shown escaped, never dropped.
pub fn payload_json(payload: &[u8]) -> Value {
    if let Ok(v) = serde_json::from_slice::<Value>(payload) {
        return v;
    }
    match std::str::from_utf8(payload) {
        Ok(s) => Value::String(s.to_string()),
        Err(_) => Value::String(String::from_utf8_lossy(payload).into_owned()),
    }
}

pub fn event_json(e: &pb::Event) -> Value {
    json!({
        "seq": e.seq,
        "received": time_json(e.received_us),
        "subject": e.subject,
        "type": e.kind,
        "service": opt(&e.service),
        "channel": opt(&e.channel),
        "eventType": opt(&e.event_type),
        "correlationId": opt(&e.correlation_id),
        "eventTime": time_json(e.event_time_us),
        "replyTo": opt(&e.reply_to),
        "malformed": e.malformed,
        "error": opt(&e.error),
        "payload": payload_json(&e.payload),
    })
}

pub fn event_list_json(r: &pb::ListEventsResponse) -> Value {
    let mut doc = list_json("EventList", r.events.iter().map(event_json).collect());
    doc["more"] = r.more.into();
    if r.searched_to_seq != 0 {
        doc["searchedToSeq"] = r.searched_to_seq.into();
    }
    doc
}

pub fn log_record_json(r: &pb::LogRecord) -> Value {
    json!({
        "seq": r.seq,
        "time": time_json(r.time_us),
        "received": time_json(r.received_us),
        "timeFromArrival": r.time_from_arrival,
        "service": r.service,
        "level": opt(&r.level),
        "severity": r.severity,
        "logger": opt(&r.logger),
        "message": r.message,
        "exception": opt(&r.exception),
        "attributes": serde_json::from_str::<Value>(&r.attributes_json).unwrap_or(json!({})),
        "source": r.source,
    })
}

pub fn log_list_json(r: &pb::ListLogsResponse) -> Value {
    let mut doc = list_json("LogList", r.records.iter().map(log_record_json).collect());
    doc["more"] = r.more.into();
    doc
}

pub fn audit_list_json(r: &pb::ListAuditResponse) -> Value {
    let items = r
        .records
        .iter()
        .map(|x| {
            json!({"id": x.id, "time": time_json(x.at_us), "actor": x.actor, "role": x.role, "action": x.action,
                "target": x.target, "reason": x.reason, "outcome": x.outcome, "detail": x.detail,
                "durationMs": x.duration_ms, "origin": x.origin})
        })
        .collect();
    list_json("AuditList", items)
}

/// `status`; `server` is where the answer came from (the client's view).
pub fn status_json(s: &pb::StatusResponse, server: &str) -> Value {
    let bus = s.bus.clone().unwrap_or_default();
    let ing = s.ingest.unwrap_or_default();
    let st = s.store.clone().unwrap_or_default();
    let reg = s.registry.clone().unwrap_or_default();
    // An error older than the current connection happened before it.
    let error_is_past = !bus.last_error.is_empty() && bus.state == "connected" && bus.last_error_at_us < bus.since_us;
    json!({
        "kind": "Status",
        "version": s.version,
        "pid": s.pid,
        "apiVersion": s.api_version,
        "startedAt": time_json(s.started_at_us),
        "server": server,
        "bus": {
            "state": bus.state, "since": time_json(bus.since_us), "reconnects": bus.reconnects,
            "servers": bus.servers, "subjects": bus.subjects, "lastError": bus.last_error,
            "lastErrorAt": time_json(bus.last_error_at_us),
            "lastErrorBeforeReconnect": error_is_past,
        },
        "ingest": {
            "received": ing.received, "accepted": ing.accepted, "dropped": ing.dropped,
            "malformed": ing.malformed, "ratePerSecond": ing.rate, "lastSeq": ing.last_seq,
            "slowConsumerEvents": ing.slow_consumer_events, "subscriberMissed": ing.subscriber_missed,
            "droppedOverBudget": ing.dropped_over_budget, "queueBytes": ing.queue_bytes,
            "queueBytesPeak": ing.queue_bytes_peak, "queueBytesLimit": ing.queue_bytes_limit,
            "droppedByClient": ing.dropped_by_client,
        },
        "store": {
            "path": st.path, "sizeBytes": st.size_bytes, "eventRows": st.event_rows,
            "committedSeq": st.committed_seq, "queueDepth": st.queue_depth,
            "writeErrors": st.write_errors, "lastError": st.last_error,
            "lastErrorAt": time_json(st.last_error_at_us), "retentionDeleted": st.retention_deleted,
            "batches": st.batches,
            "droppedEvents": st.dropped_events, "droppedLogs": st.dropped_logs,
            "rejectedRows": st.rejected_rows, "writesFailing": st.writes_failing,
            "maxDbBytes": st.max_db_bytes,
            "queueBytes": st.queue_bytes, "queueBytesLimit": st.queue_bytes_limit,
            "logRows": st.log_rows,
        },
        "services": s.service_count,
        "registry": {
            "maxServices": reg.max_services, "refused": reg.refused, "lastRefused": reg.last_refused,
            "forgotten": reg.forgotten, "candidates": reg.candidates,
        },
        "liveSubscribers": s.live_subscribers,
        "taskPanics": s.task_panics,
        "lastTaskPanic": s.last_task_panic,
        "ingestMode": if s.ingest_mode.is_empty() { "core" } else { s.ingest_mode.as_str() },
        "jetstream": s.jetstream.as_ref().map(|j| json!({
            "stream": j.stream, "consumer": j.consumer, "subjects": j.subjects, "replicas": j.replicas,
            "numPending": j.num_pending, "numAckPending": j.num_ack_pending,
            "streamMessages": j.stream_messages, "streamLastSeq": j.stream_last_seq, "ackFloor": j.ack_floor,
            "duplicatesSkipped": j.duplicates_skipped, "redeliveryRequests": j.redelivery_requests,
            "streamLost": j.stream_lost, "ownPublished": j.own_published, "ownLost": j.own_lost,
            "lastError": j.last_error,
            "lease": lease_json(j),
        })),
        "kvMirror": s.kv_mirror.as_ref().map(|k| json!({
            "bucket": k.bucket, "ready": k.ready, "written": k.written, "deleted": k.deleted,
            "failed": k.failed, "coalesced": k.coalesced, "missedUpdates": k.missed_updates,
            "skipped": k.skipped, "lastError": k.last_error,
        })),
        "alerts": s.alerts.as_ref().map(|a| json!({
            "firing": a.firing, "critical": a.critical, "pending": a.pending,
            "deliveryFailures": a.delivery_failures, "failingReceivers": a.failing_receivers,
            "leftToLeader": a.left_to_leader,
        })),
    })
}

pub fn health_json(r: &pb::HealthResponse) -> Value {
    json!({
        "kind": "Health",
        "state": r.state,
        "summary": r.summary,
        "missing": r.missing,
        "bus": r.bus.as_ref().map(|b| b.state.clone()),
        "alerts": {"firing": r.alerts_firing, "critical": r.alerts_critical},
        "services": r.services.iter().map(|s| json!({
            "name": s.name, "status": status_name(s.status), "state": s.state, "reason": s.reason,
        })).collect::<Vec<_>>(),
    })
}

pub fn config_json(r: &pb::ConfigRevision) -> Value {
    let config: Value = serde_json::from_str(&r.config_json).unwrap_or(Value::Null);
    json!({
        "kind": "ServiceConfig", "service": r.service, "rev": r.rev, "fetched": time_json(r.at_us),
        "instanceStarted": time_json(r.instance_started_us), "hash": r.hash, "config": config,
    })
}

pub fn config_history_json(r: &pb::ListConfigRevisionsResponse) -> Value {
    let items = r
        .revisions
        .iter()
        .map(|x| {
            json!({"rev": x.rev, "fetched": time_json(x.at_us), "instanceStarted": time_json(x.instance_started_us),
                "hash": x.hash, "trigger": x.trigger, "changedPaths": x.changed_paths})
        })
        .collect();
    list_json("ConfigHistory", items)
}

pub fn config_diff_json(r: &pb::DiffConfigResponse) -> Value {
    let parse = |s: &str| {
        if s.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(s).unwrap_or(Value::Null)
        }
    };
    let changes: Vec<Value> = r
        .changes
        .iter()
        .map(|c| json!({"path": c.path, "kind": c.kind, "old": parse(&c.old_json), "new": parse(&c.new_json)}))
        .collect();
    json!({"kind": "ConfigDiff", "from": r.old_label, "to": r.new_label, "changes": changes})
}

/// The leader lease and token sharing of a JetStream replica (null when
/// the lease is off).
fn lease_json(j: &pb::JetStreamIngest) -> Value {
    if j.role.is_empty() {
        return Value::Null;
    }
    json!({
        "replica": j.replica, "role": j.role, "leader": j.leader,
        "roleSince": (j.role_since_us > 0).then(|| ms_time(j.role_since_us / 1000)),
        "ttlMs": j.lease_ttl_ms, "leaderships": j.leaderships,
        "ownLeftToLeader": j.own_left_to_leader,
        "tokensShared": j.tokens_shared, "tokensApplied": j.tokens_applied,
        "tokensConflicts": j.tokens_conflicts, "tokensRefused": j.tokens_refused,
    })
}

fn ms_time(ms: i64) -> Value {
    if ms == 0 {
        Value::Null
    } else {
        time_json(ms.saturating_mul(1000))
    }
}

/// One alert: held now (pending, firing) or resolved.
pub fn alert_json(a: &pb::AlertInfo) -> Value {
    let labels: std::collections::BTreeMap<_, _> = a.labels.iter().collect();
    json!({
        "fingerprint": a.fingerprint, "labels": labels, "severity": a.severity, "summary": a.summary,
        "state": a.state, "activeAt": ms_time(a.active_at_ms), "firedAt": ms_time(a.fired_at_ms),
        "resolvedAt": ms_time(a.resolved_at_ms),
    })
}

pub fn silence_json(s: &pb::SilenceInfo) -> Value {
    json!({"id": s.id, "matchers": s.matchers, "startsAt": ms_time(s.starts_ms),
        "endsAt": ms_time(s.ends_ms), "author": s.author, "comment": s.comment})
}

pub fn maintenance_json(m: &pb::MaintenanceInfo) -> Value {
    let opt_text = |t: &str| if t.is_empty() { Value::Null } else { t.into() };
    json!({
        "name": m.name, "matchers": m.matchers,
        "startsAt": ms_time(m.starts_ms), "endsAt": ms_time(m.ends_ms),
        "cron": opt_text(&m.cron), "timeZone": opt_text(&m.time_zone),
        "duration": if m.duration_seconds > 0.0 { json!(m.duration_seconds) } else { Value::Null },
        "active": m.active, "activeUntil": ms_time(m.active_until_ms), "nextStart": ms_time(m.next_start_ms),
    })
}

fn transition_json(t: &pb::AlertTransition) -> Value {
    let at = t.alert.as_ref().map_or(0, |a| {
        if t.resolved_at_ms > 0 {
            t.resolved_at_ms
        } else {
            a.fired_at_ms
        }
    });
    json!({"kind": t.kind, "at": ms_time(at), "alert": t.alert.as_ref().map(alert_json)})
}

pub fn delivery_json(d: &pb::DeliveryAttempt) -> Value {
    json!({"at": ms_time(d.at_ms), "receiver": d.receiver, "ok": d.ok, "status": d.status, "error": d.error})
}

/// `alerts ls -o json` and `GET /api/v1/alerts`.
pub fn alert_list_json(r: &pb::ListAlertsResponse) -> Value {
    json!({
        "kind": "AlertList",
        "items": r.alerts.iter().map(alert_json).collect::<Vec<_>>(),
        "resolved": r.resolved.iter().map(alert_json).collect::<Vec<_>>(),
        "recent": r.recent.iter().map(transition_json).collect::<Vec<_>>(),
        "silences": r.silences.iter().map(silence_json).collect::<Vec<_>>(),
        "maintenance": r.maintenance.iter().map(maintenance_json).collect::<Vec<_>>(),
        "deliveryFailures": r.delivery_failures,
    })
}

/// `alerts describe ID -o json` and `GET /api/v1/alerts/{id}`.
pub fn alert_description_json(r: &pb::DescribeAlertResponse) -> Value {
    json!({
        "kind": "AlertDescription",
        "alert": r.alert.as_ref().map(alert_json),
        "timeline": r.timeline.iter().map(transition_json).collect::<Vec<_>>(),
        "deliveries": r.deliveries.iter().map(delivery_json).collect::<Vec<_>>(),
        "silences": r.silences.iter().map(silence_json).collect::<Vec<_>>(),
        "maintenance": r.maintenance.iter().map(maintenance_json).collect::<Vec<_>>(),
        "receivers": r.receivers,
    })
}

/// `GET /api/v1/stats/events`.
pub fn event_stats_json(r: &pb::EventStatsResponse) -> Value {
    json!({
        "kind": "EventStats",
        "since": time_json(r.since_us), "until": time_json(r.until_us), "step": r.step_seconds,
        "total": r.total, "truncated": r.truncated,
        "buckets": r.buckets.iter().map(|b| {
            let by_type: std::collections::BTreeMap<_, _> = b.by_type.iter().collect();
            json!({"start": time_json(b.start_us), "count": b.count, "byType": by_type})
        }).collect::<Vec<_>>(),
        "topSubjects": r.top_subjects.iter().map(|s| json!({"subject": s.subject, "count": s.count})).collect::<Vec<_>>(),
    })
}
