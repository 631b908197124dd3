//! `krytenctl status`

use clap::Args;
use kryten_proto::v1 as pb;

use super::Ctx;
use crate::{
    error::Result,
    output::{age_since, time_text},
};

#[derive(Debug, Args)]
pub struct StatusArgs {}

pub async fn run(ctx: &Ctx, _args: &StatusArgs) -> Result<u8> {
    let mut c = ctx.client().await?;
    let s = c
        .status(pb::StatusRequest {})
        .await
        .map_err(|e| ctx.rpc_error(e))?
        .into_inner();
    if ctx.out.is_machine() {
        ctx.out.document(&kryten_proto::documents::status_json(&s, &ctx.server));
        return Ok(0);
    }
    let bus = s.bus.unwrap_or_default();
    let ing = s.ingest.unwrap_or_default();
    let st = s.store.unwrap_or_default();
    let reg = s.registry.unwrap_or_default();
    let now = jiff::Timestamp::now().as_microsecond();
    let o = &ctx.out;
    let bus_state = match bus.state.as_str() {
        "connected" => o.paint_status("healthy").replace("healthy", "connected"),
        other => o.paint_status("down").replace("down", other),
    };
    let mut lines = vec![
        format!(
            "krytend     {} (pid {}, API v{}, up {})",
            s.version,
            s.pid,
            s.api_version,
            age_since(now, s.started_at_us)
        ),
        format!("server      {}", ctx.server),
        format!(
            "bus         {bus_state} for {} to {} (reconnects: {})",
            age_since(now, bus.since_us),
            bus.servers.join(","),
            bus.reconnects
        ),
        format!("subjects    {}", bus.subjects.join(" ")),
    ];
    if !bus.last_error.is_empty() {
        // An error from before the current connection is history: shown with
        // its time, not as the state of a bus that is connected again.
        let at = if bus.last_error_at_us > 0 {
            format!(" at {}", time_text(bus.last_error_at_us))
        } else {
            String::new()
        };
        if error_is_past(&bus) {
            lines.push(format!("last error  {}{at} (before reconnect)", bus.last_error));
        } else {
            lines.push(format!("bus error   {}{at}", bus.last_error));
        }
    }
    lines.push(format!(
        "ingest      {:.1} msg/s; {} received, {} recorded, {} malformed, {} dropped",
        ing.rate, ing.received, ing.accepted, ing.malformed, ing.dropped
    ));
    if ing.dropped > 0 {
        lines.push(format!(
            "            {} messages were lost before recording (ingest could not keep up; {} of them over the \
             {} MiB queue budget, {} in the bus client's buffer)",
            ing.dropped,
            ing.dropped_over_budget,
            ing.queue_bytes_limit / (1024 * 1024),
            ing.dropped_by_client
        ));
    }
    if let Some(j) = &s.jetstream {
        lines.push(format!(
            "jetstream   stream {} (R{}, {} messages, last #{}), consumer {}: lag {}, {} unacknowledged, acked to #{}",
            j.stream,
            j.replicas,
            j.stream_messages,
            j.stream_last_seq,
            j.consumer,
            j.num_pending,
            j.num_ack_pending,
            j.ack_floor
        ));
        if !j.role.is_empty() {
            let leader = if j.leader.is_empty() {
                "none seen"
            } else {
                j.leader.as_str()
            };
            lines.push(format!(
                "replica     {} is {} for {} (leader: {}; lease TTL {:.1}s; led {} times)",
                crate::output::sanitize(&j.replica),
                j.role,
                age_since(now, j.role_since_us),
                crate::output::sanitize(leader),
                f64::from(j.lease_ttl_ms) / 1000.0,
                j.leaderships
            ));
        }
        if j.duplicates_skipped + j.redelivery_requests + j.stream_lost + j.own_lost > 0 {
            lines.push(format!(
                "            {} redelivered duplicates skipped, {} redeliveries asked, {} removed by the stream \
                 before read (gap events), {} own events not published",
                j.duplicates_skipped, j.redelivery_requests, j.stream_lost, j.own_lost
            ));
        }
        if !j.last_error.is_empty() {
            lines.push(format!("            last error: {}", j.last_error));
        }
    }
    if let Some(k) = &s.kv_mirror {
        lines.push(format!(
            "kv mirror   bucket {}{}: {} written, {} deleted, {} failed, {} coalesced, {} skipped (names not key \
             tokens)",
            k.bucket,
            if k.ready { "" } else { " (not open)" },
            k.written,
            k.deleted,
            k.failed,
            k.coalesced,
            k.skipped
        ));
        if !k.last_error.is_empty() {
            lines.push(format!("            last error: {}", k.last_error));
        }
    }
    // Until the rows stored before the start are counted, the count is
    // only of those written since: not shown as if it were all of them.
    let events = if st.rows_counted {
        format!("{} events", st.event_rows)
    } else {
        "events being counted".to_string()
    };
    lines.push(format!(
        "store       {} ({}, {events}, committed #{}, queue {})",
        st.path,
        human_bytes(st.size_bytes),
        st.committed_seq,
        st.queue_depth
    ));
    if st.write_errors > 0 {
        lines.push(format!(
            "store error {} failed writes, last at {}: {}",
            st.write_errors,
            time_text(st.last_error_at_us),
            st.last_error
        ));
    }
    if st.dropped_events + st.dropped_logs + st.rejected_rows > 0 || st.writes_failing {
        lines.push(format!(
            "store loss  {} events and {} log records not stored, {} rows set aside{} (gap events say where)",
            st.dropped_events,
            st.dropped_logs,
            st.rejected_rows,
            if st.writes_failing {
                "; writes are failing now"
            } else {
                ""
            }
        ));
    }
    lines.push(format!(
        "services    {} of at most {}; {} forgotten; {} seen in traffic awaiting a probe answer",
        s.service_count, reg.max_services, reg.forgotten, reg.candidates
    ));
    if reg.refused > 0 {
        lines.push(format!(
            "            {} new service names refused (admission rate or cap), last: {}",
            reg.refused, reg.last_refused
        ));
    }
    lines.push(format!(
        "streams     {} live subscribers; {} events missed by slow ones (replayed from the store)",
        s.live_subscribers, ing.subscriber_missed
    ));
    if let Some(a) = &s.alerts {
        let mut line = format!(
            "alerts      {} firing ({} critical), {} pending; {} failed deliveries since start",
            a.firing, a.critical, a.pending, a.delivery_failures
        );
        if !a.failing_receivers.is_empty() {
            line.push_str(&format!("; FAILING receivers: {}", a.failing_receivers.join(", ")));
        }
        lines.push(line);
    }
    if s.task_panics > 0 {
        lines.push(format!(
            "panics      {} in krytend's own tasks (see its log); last: {}",
            s.task_panics, s.last_task_panic
        ));
    }
    for l in lines {
        o.line(&l);
    }
    Ok(0)
}

/// The last error predates the current connection.
fn error_is_past(bus: &pb::BusState) -> bool {
    !bus.last_error.is_empty() && bus.state == "connected" && bus.last_error_at_us < bus.since_us
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}
