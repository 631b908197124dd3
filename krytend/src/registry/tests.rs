//! The status machine under a virtual clock.

use serde_json::Map;

use super::*;
use crate::protocol::{Lifecycle, LifecycleKind};

const S: i64 = 1_000_000;

fn cfg() -> LivenessConfig {
    LivenessConfig {
        default_interval_us: 30 * S,
        missed_heartbeats: 3,
        ping_interval_us: 10 * S,
        ping_timeout_us: 2 * S,
        missed_pings: 2,
    }
}

fn lc(kind: LifecycleKind, svc: &str, uptime: f64) -> Lifecycle {
    Lifecycle {
        kind,
        service: svc.into(),
        version: Some("1.0".into()),
        hostname: Some("vm".into()),
        uptime_seconds: Some(uptime),
        sent_us: None,
        status: None,
        reason: None,
        target: None,
        metadata: None,
        extras: Map::new(),
    }
}

fn status_of(r: &Registry, svc: &str) -> Status {
    r.get(svc).expect("known service").status
}

/// Startup at t0, then heartbeats every `iv` seconds up to `n` of them.
fn boot(r: &mut Registry, svc: &str, t0: i64, iv: i64, n: i64) -> i64 {
    r.apply(&lc(LifecycleKind::Startup, svc, 0.0), t0);
    let mut t = t0;
    for i in 1..=n {
        t = t0 + i * iv * S;
        r.apply(&lc(LifecycleKind::Heartbeat, svc, (i * iv) as f64), t);
    }
    t
}

#[test]
fn startup_then_heartbeat_is_starting_then_healthy() {
    let mut r = Registry::new(cfg());
    let ch = r.apply(&lc(LifecycleKind::Startup, "a", 0.0), 100 * S);
    assert_eq!(status_of(&r, "a"), Status::Starting);
    let t = ch[0].transition.as_ref().expect("transition");
    assert_eq!((t.from, t.to), (None, Status::Starting));
    r.apply(&lc(LifecycleKind::Heartbeat, "a", 5.0), 105 * S);
    assert_eq!(status_of(&r, "a"), Status::Healthy);
    assert_eq!(r.get("a").map(|s| s.interval_s), Some(5.0));
}

#[test]
fn learned_cadence_sets_the_down_deadline() {
    let mut r = Registry::new(cfg());
    let t = boot(&mut r, "a", 0, 5, 4);
    // 3 missed at 5 s (+ slack) is not yet 15 s after the last beat.
    assert!(r.tick(t + 14 * S).is_empty());
    assert_eq!(status_of(&r, "a"), Status::Healthy);
    let ch = r.tick(t + 17 * S);
    assert_eq!(status_of(&r, "a"), Status::Down);
    let tr = ch[0].transition.as_ref().expect("transition");
    assert!(tr.cause.contains("no heartbeat"), "{}", tr.cause);
}

#[test]
fn a_slow_heartbeater_is_not_down_at_a_fast_ones_deadline() {
    let mut r = Registry::new(cfg());
    let t = boot(&mut r, "slow", 0, 300, 2);
    r.tick(t + 200 * S);
    assert_eq!(status_of(&r, "slow"), Status::Healthy);
    r.tick(t + 950 * S);
    assert_eq!(status_of(&r, "slow"), Status::Down);
}

#[test]
fn heartbeat_after_down_recovers_with_a_cause() {
    let mut r = Registry::new(cfg());
    let t = boot(&mut r, "a", 0, 5, 2);
    r.tick(t + 60 * S);
    assert_eq!(status_of(&r, "a"), Status::Down);
    let ch = r.apply(&lc(LifecycleKind::Heartbeat, "a", 75.0), t + 65 * S);
    assert_eq!(status_of(&r, "a"), Status::Healthy);
    let cause = &ch[0].transition.as_ref().expect("transition").cause;
    assert!(cause.contains("resumed"), "{cause}");
}

#[test]
fn shutdown_is_stopped_and_never_goes_down() {
    let mut r = Registry::new(cfg());
    let t = boot(&mut r, "a", 0, 5, 1);
    let mut sd = lc(LifecycleKind::Shutdown, "a", 5.0);
    sd.reason = Some("Normal shutdown".into());
    r.apply(&sd, t + S);
    assert_eq!(status_of(&r, "a"), Status::Stopped);
    assert!(r.tick(t + 3600 * S).is_empty());
    assert_eq!(
        r.get("a").map(|s| s.status_cause.as_str()),
        Some("shutdown: Normal shutdown")
    );
}

#[test]
fn reported_health_words_map_to_statuses() {
    let mut r = Registry::new(cfg());
    boot(&mut r, "a", 0, 5, 1);
    let mut hb = lc(LifecycleKind::Heartbeat, "a", 10.0);
    hb.status = Some("degraded".into());
    r.apply(&hb, 10 * S);
    assert_eq!(status_of(&r, "a"), Status::Degraded);
    hb.status = Some("failing".into());
    hb.uptime_seconds = Some(15.0);
    r.apply(&hb, 15 * S);
    assert_eq!(status_of(&r, "a"), Status::Failing);
}

#[test]
fn reset_uptime_counts_a_restart_and_a_reannounce_does_not() {
    let mut r = Registry::new(cfg());
    let t = boot(&mut r, "a", 0, 5, 4);
    // A discovery poll: startup again from the same process.
    r.apply(&lc(LifecycleKind::Startup, "a", 21.0), t + S);
    assert_eq!(r.get("a").map(|s| s.restart_count), Some(0));
    assert_eq!(status_of(&r, "a"), Status::Healthy);
    // A new process.
    let ch = r.apply(&lc(LifecycleKind::Startup, "a", 0.1), t + 2 * S);
    assert_eq!(r.get("a").map(|s| s.restart_count), Some(1));
    assert_eq!(status_of(&r, "a"), Status::Starting);
    let cause = &ch[0].transition.as_ref().expect("transition").cause;
    assert!(cause.starts_with("restarted"), "{cause}");
}

#[test]
fn connected_before_startup_is_not_a_restart() {
    let mut r = Registry::new(cfg());
    let mut c = lc(LifecycleKind::Connected, "robot", 0.0007);
    c.target = Some("NATS".into());
    r.apply(&c, 0);
    r.apply(&lc(LifecycleKind::Startup, "robot", 0.0005), S / 1000);
    r.apply(&lc(LifecycleKind::Startup, "robot", 0.57), S / 2);
    let s = r.get("robot").expect("robot");
    assert_eq!(s.restart_count, 0);
    assert_eq!(s.dependencies.len(), 1);
    assert!(s.dependencies[0].connected);
}

#[test]
fn interleaved_timelines_are_reported_as_duplicates() {
    let mut r = Registry::new(cfg());
    boot(&mut r, "a", 0, 5, 2);
    // A second process, up 1000 s, heartbeating under the same name.
    r.apply(&lc(LifecycleKind::Heartbeat, "a", 1000.0), 11 * S);
    r.apply(&lc(LifecycleKind::Heartbeat, "a", 15.0), 15 * S);
    assert_eq!(r.get("a").map(ServiceState::suspected_instances), Some(2));
}

#[test]
fn a_non_heartbeater_lives_by_ping_and_dies_by_silence() {
    let mut r = Registry::new(cfg());
    r.apply(&lc(LifecycleKind::Startup, "robot", 0.0), 0);
    assert_eq!(r.take_probes(), vec!["robot".to_string()], "probed on its startup");
    assert!(r.due_pings(S).is_empty(), "no periodic ping before it answered");
    r.ping_result(
        "robot",
        PingOutcome::Reply {
            rtt_ms: 1.0,
            uptime_seconds: Some(0.1),
            version: None,
        },
        S / 10,
    );
    assert_eq!(status_of(&r, "robot"), Status::Healthy);
    assert_eq!(r.get("robot").map(|s| s.liveness), Some(Liveness::Ping));
    // Keeps answering: stays up far beyond the heartbeat default.
    for i in 1..20 {
        let t = i * 10 * S;
        assert_eq!(r.due_pings(t), vec!["robot".to_string()]);
        r.ping_result(
            "robot",
            PingOutcome::Reply {
                rtt_ms: 1.0,
                uptime_seconds: None,
                version: None,
            },
            t,
        );
        r.tick(t);
    }
    assert_eq!(status_of(&r, "robot"), Status::Healthy);
    r.ping_result("robot", PingOutcome::NoReply, 200 * S);
    assert_eq!(status_of(&r, "robot"), Status::Healthy);
    r.ping_result("robot", PingOutcome::NoReply, 210 * S);
    assert_eq!(status_of(&r, "robot"), Status::Down);
    r.ping_result(
        "robot",
        PingOutcome::Reply {
            rtt_ms: 1.0,
            uptime_seconds: None,
            version: None,
        },
        220 * S,
    );
    assert_eq!(status_of(&r, "robot"), Status::Healthy);
}

#[test]
fn heartbeating_services_are_not_pinged() {
    let mut r = Registry::new(cfg());
    boot(&mut r, "a", 0, 5, 1);
    assert!(r.due_pings(100 * S).is_empty());
}

#[test]
fn unanswered_pings_do_not_kill_a_service_still_in_startup() {
    let mut r = Registry::new(cfg());
    r.apply(&lc(LifecycleKind::Startup, "a", 0.0), 0);
    for i in 0..5 {
        r.ping_result("a", PingOutcome::NoReply, i * S);
    }
    assert_eq!(status_of(&r, "a"), Status::Starting);
    r.tick(100 * S);
    assert_eq!(status_of(&r, "a"), Status::Down);
}

#[test]
fn restore_gives_live_services_a_fresh_deadline() {
    let mut r = Registry::new(cfg());
    let t = boot(&mut r, "a", 0, 5, 2);
    let states: Vec<ServiceState> = r.services().cloned().collect();
    let later = t + 3600 * S;
    let mut r2 = Registry::restore(cfg(), states, later);
    assert!(r2.tick(later + S).is_empty());
    assert_eq!(status_of(&r2, "a"), Status::Healthy);
    r2.tick(later + 20 * S);
    assert_eq!(status_of(&r2, "a"), Status::Down);
}

#[test]
fn reliability_counts_failures_and_repairs() {
    let t = |at: i64, from: Option<Status>, to: Status| Transition {
        service: "a".into(),
        at_us: at * S,
        from,
        to,
        cause: String::new(),
    };
    let timeline = vec![
        t(0, None, Status::Starting),
        t(10, Some(Status::Starting), Status::Healthy),
        t(100, Some(Status::Healthy), Status::Down),
        t(120, Some(Status::Down), Status::Healthy),
    ];
    let rel = reliability(&timeline, 200 * S);
    assert_eq!(rel.failures, 1);
    assert!((rel.mttr_seconds - 20.0).abs() < 1e-9);
    assert!((rel.mtbf_seconds - 180.0).abs() < 1e-9);
    assert!((rel.availability - 0.9).abs() < 1e-9);
}

#[test]
fn a_requested_restart_holds_until_the_new_instance() {
    let mut r = Registry::new(cfg());
    let t = boot(&mut r, "a", 0, 5, 2);
    r.mark_restarting("a", "restart requested by test".into(), t + S);
    assert_eq!(status_of(&r, "a"), Status::Restarting);
    // The old process still beats: still restarting.
    r.apply(&lc(LifecycleKind::Heartbeat, "a", 15.0), t + 5 * S);
    assert_eq!(status_of(&r, "a"), Status::Restarting);
    r.apply(&lc(LifecycleKind::Shutdown, "a", 16.0), t + 6 * S);
    assert_eq!(status_of(&r, "a"), Status::Stopped);
    r.apply(&lc(LifecycleKind::Startup, "a", 0.1), t + 8 * S);
    assert_eq!(r.get("a").map(|s| s.restart_count), Some(1));
}

#[test]
fn a_quick_comeback_after_a_stop_is_a_new_instance() {
    let mut r = Registry::new(cfg());
    r.apply(&lc(LifecycleKind::Startup, "a", 0.0), 100 * S);
    r.apply(&lc(LifecycleKind::Shutdown, "a", 0.4), 100 * S + 400_000);
    r.apply(&lc(LifecycleKind::Startup, "a", 0.01), 100 * S + 700_000);
    assert_eq!(r.get("a").map(|s| s.restart_count), Some(1));
}

#[test]
fn silence_while_we_could_not_listen_does_not_count() {
    let mut r = Registry::new(cfg());
    let t = boot(&mut r, "a", 0, 5, 2);
    // The bus was gone for a minute; then it is back.
    r.refresh_deadlines(t + 60 * S);
    assert!(r.tick(t + 61 * S).is_empty());
    assert_eq!(status_of(&r, "a"), Status::Healthy);
    r.tick(t + 80 * S);
    assert_eq!(status_of(&r, "a"), Status::Down);
}

/// A heartbeat as kryten-py sends it: its own timestamp and uptime.
fn sent_hb(svc: &str, started_us: i64, sent_us: i64) -> Lifecycle {
    let mut l = lc(LifecycleKind::Heartbeat, svc, (sent_us - started_us) as f64 / 1e6);
    l.sent_us = Some(sent_us);
    l
}

#[test]
fn absurd_uptimes_and_times_neither_panic_nor_restart_anything() {
    let mut r = Registry::new(cfg());
    boot(&mut r, "a", 100 * S, 5, 3);
    for (uptime, sent) in [
        (1e300, None),
        (f64::MAX, Some(i64::MAX)),
        (-1e300, Some(i64::MIN)),
        (f64::NAN, Some(0)),
        (f64::INFINITY, None),
    ] {
        let mut l = lc(LifecycleKind::Heartbeat, "a", uptime);
        l.sent_us = sent;
        r.apply(&l, 120 * S);
        r.apply(&lc(LifecycleKind::Heartbeat, "a", 21.0), 121 * S);
    }
    r.apply(&lc(LifecycleKind::Startup, "a", 1e300), i64::MAX);
    r.apply(&lc(LifecycleKind::Heartbeat, "a", 1.0), i64::MIN);
    r.tick(i64::MAX);
    r.tick(i64::MIN);
    r.refresh_deadlines(i64::MAX);
    let _ = r.due_pings(i64::MAX);
    assert!(r.get("a").is_some());
}

#[test]
fn reliability_saturates_on_extreme_times() {
    let tl = [
        Transition {
            service: "a".into(),
            at_us: i64::MIN,
            from: None,
            to: Status::Healthy,
            cause: String::new(),
        },
        Transition {
            service: "a".into(),
            at_us: i64::MAX,
            from: Some(Status::Healthy),
            to: Status::Down,
            cause: String::new(),
        },
    ];
    let rel = reliability(&tl, i64::MIN);
    assert!(rel.mtbf_seconds.is_finite() && rel.availability.is_finite());
    let rel = reliability(&tl[..1], i64::MAX);
    assert!(rel.observed_seconds > 0.0);
}

#[test]
fn a_heartbeat_buffered_through_an_outage_is_no_restart() {
    let mut r = Registry::new(cfg());
    let started = 1_000 * S;
    r.apply(&lc(LifecycleKind::Startup, "a", 0.0), started);
    for i in 1..=4 {
        r.apply(&sent_hb("a", started, started + i * 5 * S), started + i * 5 * S + 3_000);
    }
    // Sent at +25 s and +30 s while the bus was down, both arriving 7.5 s
    // late at +37.5 s; then the normal cadence again.
    let late = started + 37_500_000;
    r.apply(&sent_hb("a", started, started + 25 * S), late);
    r.apply(&sent_hb("a", started, started + 30 * S), late + 2_000);
    r.apply(&sent_hb("a", started, started + 40 * S), started + 40 * S + 3_000);
    let s = r.get("a").expect("known");
    assert_eq!(s.restart_count, 0);
    assert_eq!(s.instance_started_us, Some(started));
    assert_eq!(s.interval_s, 5.0, "the burst is timed by its send times");
    assert_eq!(s.status, Status::Healthy);
}

#[test]
fn without_timestamps_only_our_own_outage_excuses_a_late_heartbeat() {
    let late_beat = |r: &mut Registry| {
        r.apply(&lc(LifecycleKind::Startup, "a", 0.0), 0);
        r.apply(&lc(LifecycleKind::Heartbeat, "a", 5.0), 5 * S);
        r.apply(&lc(LifecycleKind::Heartbeat, "a", 10.0), 10 * S);
        // Sent at 15 s (uptime 15), arriving at 22.5 s.
        r.apply(&lc(LifecycleKind::Heartbeat, "a", 15.0), 22_500_000);
        r.get("a").map(|s| s.restart_count)
    };
    let mut r = Registry::new(cfg());
    r.bus_lost(14 * S);
    r.bus_back(22 * S);
    assert_eq!(late_beat(&mut r), Some(0));
    // The same arrival with no outage of ours: a new process.
    let mut r = Registry::new(cfg());
    assert_eq!(late_beat(&mut r), Some(1));
}

#[test]
fn a_timestamp_beyond_belief_falls_back_to_arrival() {
    let mut r = Registry::new(cfg());
    r.apply(&lc(LifecycleKind::Startup, "a", 0.0), 1_000 * S);
    // A sender clock a day fast would place the start a day ahead.
    let mut hb = lc(LifecycleKind::Heartbeat, "a", 5.0);
    hb.sent_us = Some(1_005 * S + 86_400 * S);
    r.apply(&hb, 1_005 * S);
    let s = r.get("a").expect("known");
    assert_eq!((s.restart_count, s.instance_started_us), (0, Some(1_000 * S)));
}

#[test]
fn two_processes_under_one_name_are_judged_by_their_own_cadences() {
    let mut r = Registry::new(cfg());
    // Process A started at 0, B at 10 s; both beat every 5 s, B's beats
    // 0.3 s after A's: interleaved, the gaps are 0.3 s and 4.7 s.
    let (a0, b0) = (0, 10 * S);
    r.apply(&lc(LifecycleKind::Startup, "a", 0.0), a0);
    r.apply(&sent_hb("a", a0, 5 * S), 5 * S);
    r.apply(&sent_hb("a", a0, 10 * S), 10 * S);
    let mut t = 15 * S;
    let mut last = t;
    while t <= 120 * S {
        r.apply(&sent_hb("a", a0, t), t);
        r.apply(&sent_hb("a", b0, t + 300_000), t + 300_000);
        last = t + 300_000;
        // Every tick between beats: never down while both beat.
        for dt in [1, 2, 3, 4] {
            assert!(r.tick(t + dt * S).is_empty(), "flapped at {}", t + dt * S);
        }
        t += 5 * S;
    }
    let s = r.get("a").expect("known");
    assert_eq!(s.interval_s, 5.0);
    assert_eq!(s.suspected_instances(), 2);
    assert!(s.instances.iter().all(|i| i.interval_s == 5.0), "{:?}", s.instances);
    // Silence from both: down after 3 intervals (+ slack), not before.
    assert!(r.tick(last + 14 * S).is_empty());
    assert_eq!(r.tick(last + 17 * S).len(), 1);
    assert_eq!(status_of(&r, "a"), Status::Down);
}

fn reply() -> PingOutcome {
    PingOutcome::Reply {
        rtt_ms: 1.0,
        uptime_seconds: None,
        version: None,
    }
}

fn admission(max: usize, per_second: f64, burst: u32) -> AdmissionConfig {
    AdmissionConfig {
        max_services: max,
        new_per_second: per_second,
        new_burst: burst,
        forget_after_us: 3600 * S,
        forget_unanswered_after_us: 600 * S,
    }
}

#[test]
fn new_names_are_admitted_at_a_bounded_rate_and_up_to_a_cap() {
    let mut r = Registry::new(cfg()).with_admission(admission(30, 5.0, 10));
    // A flood within one instant: the burst gets in, the rest is refused.
    for i in 0..1000 {
        r.apply(&lc(LifecycleKind::Startup, &format!("x{i}"), 0.0), 0);
    }
    assert_eq!(r.len(), 10);
    assert_eq!(r.refused_total(), 990);
    let rep = r.take_refusals().expect("a report");
    assert_eq!(rep.by_reason.get("rate"), Some(&990));
    assert!(rep.examples.len() <= 5 && !rep.examples.is_empty());
    assert!(r.take_refusals().is_none(), "reported once");
    // Known names are never refused.
    r.apply(&lc(LifecycleKind::Heartbeat, "x0", 5.0), S);
    assert_eq!(r.refused_total(), 990);
    // Over time the rate admits more, up to the cap.
    for t in 1..=100 {
        r.apply(&lc(LifecycleKind::Startup, &format!("y{t}"), 0.0), t * S);
    }
    assert_eq!(r.len(), 30);
    let rep = r.take_refusals().expect("a report");
    assert!(rep.by_reason.get("cap").is_some_and(|n| *n > 0), "{rep:?}");
}

#[test]
fn a_service_that_never_answered_gets_startup_probes_only() {
    let mut r = Registry::new(cfg());
    r.apply(&lc(LifecycleKind::Startup, "ghost", 0.0), 0);
    assert_eq!(r.take_probes(), vec!["ghost".to_string()]);
    r.ping_result("ghost", PingOutcome::NoReply, S);
    for t in 1..100 {
        assert!(r.due_pings(t * 10 * S).is_empty(), "no periodic ping at {t}");
    }
    // Each startup may probe, but a silent name gets a few probes at most.
    let mut probes = 0;
    for i in 0..10 {
        r.apply(&lc(LifecycleKind::Startup, "ghost", 0.0), 2000 * S + i * S);
        probes += r.take_probes().len();
    }
    assert_eq!(probes, admission::UNANSWERED_PROBES as usize - 1);
    assert!(!r.get("ghost").expect("known").proven());
}

#[test]
fn a_robot_like_service_is_healthy_on_its_ready_startup() {
    let mut r = Registry::new(cfg());
    // First startup: its command handler is not up yet.
    r.apply(&lc(LifecycleKind::Startup, "robot", 0.2), 0);
    assert_eq!(r.take_probes(), vec!["robot".to_string()]);
    r.ping_result("robot", PingOutcome::NoReply, S / 100);
    // The "ready" startup 0.4 s later is probed again, and answered.
    r.apply(&lc(LifecycleKind::Startup, "robot", 0.6), 400_000);
    assert_eq!(r.take_probes(), vec!["robot".to_string()]);
    r.ping_result("robot", reply(), 410_000);
    assert_eq!(status_of(&r, "robot"), Status::Healthy);
    // From now on it is pinged periodically.
    assert_eq!(r.due_pings(400_000 + 10 * S), vec!["robot".to_string()]);
}

#[test]
fn any_answer_is_a_sign_of_life() {
    let mut r = Registry::new(cfg());
    r.apply(&lc(LifecycleKind::Startup, "robot", 0.0), 0);
    let ch = r.sign_of_life("robot", "answered system.config", 2 * S);
    assert_eq!(status_of(&r, "robot"), Status::Healthy);
    assert_eq!(
        ch[0].transition.as_ref().map(|t| t.cause.as_str()),
        Some("answered system.config")
    );
    assert!(r.get("robot").expect("known").proven());
}

#[test]
fn names_seen_in_traffic_are_listed_only_once_they_answer() {
    let mut r = Registry::new(cfg());
    r.note_candidate("robot", "channel events", 0);
    assert!(r.get("robot").is_none(), "not a service yet");
    assert_eq!(r.take_probes(), vec!["robot".to_string()]);
    // Seen again at once: no second probe.
    r.note_candidate("robot", "channel events", S / 10);
    assert!(r.take_probes().is_empty());
    let ch = r.ping_result("robot", reply(), S / 5);
    assert_eq!(status_of(&r, "robot"), Status::Healthy);
    let t = ch[0].transition.as_ref().expect("transition");
    assert!(t.cause.contains("channel events"), "{}", t.cause);
    // A name that never answers stays unlisted.
    r.note_candidate("nobody", "its command subject", 0);
    r.take_probes();
    r.ping_result("nobody", PingOutcome::NoReply, S);
    assert!(r.get("nobody").is_none());
    // Implausible names are refused outright.
    r.note_candidate("a b", "its command subject", 0);
    assert!(r.take_probes().is_empty());
    assert_eq!(r.refused_total(), 1);
}

#[test]
fn candidates_share_the_admission_rate() {
    let mut r = Registry::new(cfg()).with_admission(admission(100, 1.0, 3));
    for i in 0..50 {
        r.note_candidate(&format!("c{i}"), "its command subject", 0);
    }
    assert_eq!(r.take_probes().len(), 3);
    assert_eq!(r.refused_total(), 47);
}

#[test]
fn silent_services_are_forgotten_after_retention() {
    let mut r = Registry::new(cfg());
    // Never answered: goes down, then is forgotten after the short retention.
    r.apply(&lc(LifecycleKind::Startup, "ghost", 0.0), 0);
    // Answers and heartbeats: kept much longer.
    boot(&mut r, "real", 0, 5, 2);
    r.tick(200 * S);
    assert_eq!(status_of(&r, "ghost"), Status::Down);
    assert!(r.forget_stale(500 * S).is_empty());
    let f = r.forget_stale(700 * S);
    assert_eq!(f.iter().map(|f| f.service.as_str()).collect::<Vec<_>>(), vec!["ghost"]);
    assert!(r.get("ghost").is_none());
    assert!(r.get("real").is_some());
    let f = r.forget_stale(8 * 86_400 * S);
    assert_eq!(f.len(), 1);
    assert_eq!(r.forgotten_total(), 2);
    assert!(r.is_empty());
}

#[test]
fn forget_on_request_refuses_a_live_service() {
    let mut r = Registry::new(cfg());
    boot(&mut r, "a", 0, 5, 2);
    assert!(r.forget("a").is_err());
    assert!(r.forget("nope").is_err());
    r.tick(100 * S);
    assert!(r.forget("a").is_ok());
    assert!(r.get("a").is_none());
}

#[test]
fn extras_replace_and_dependencies_are_capped() {
    let mut r = Registry::new(cfg());
    r.apply(&lc(LifecycleKind::Startup, "a", 0.0), 0);
    for i in 0..150 {
        let mut hb = lc(LifecycleKind::Heartbeat, "a", i as f64);
        hb.extras
            .insert(format!("field{i}"), serde_json::Value::String("x".repeat(100)));
        r.apply(&hb, i * S);
        let mut c = lc(LifecycleKind::Connected, "a", i as f64);
        c.target = Some(format!("target{i}"));
        r.apply(&c, i * S);
    }
    let s = r.get("a").expect("a");
    assert_eq!(s.extras.len(), 1, "the last message's extras only");
    assert!(s.extras.contains_key("field149"));
    assert_eq!(s.dependencies.len(), MAX_DEPENDENCIES);
    assert!(s.dependencies.iter().any(|d| d.target == "target149"));
}

#[test]
fn the_view_is_updated_per_service() {
    let mut v = ServiceMap::default();
    v.upsert(ServiceState::new("a", 0));
    v.upsert(ServiceState::new("b", 0));
    let snapshot = std::sync::Arc::new(v.clone());
    let mut next = (*snapshot).clone();
    let mut a = ServiceState::new("a", 0);
    a.version = "2".into();
    next.upsert(a);
    next.remove("b");
    assert_eq!(snapshot.len(), 2, "a reader's snapshot does not change");
    assert_eq!(next.get("a").map(|s| s.version.as_str()), Some("2"));
    assert_eq!(next.keys().cloned().collect::<Vec<_>>(), vec!["a".to_string()]);
}

#[test]
fn an_abandoned_restart_puts_the_status_back_and_heartbeats_count_again() {
    let mut r = Registry::new(cfg());
    let t = boot(&mut r, "a", 0, 5, 2);
    r.mark_restarting("a", "restart requested by test".into(), t + S);
    r.restart_abandoned("a", Status::Healthy, "restart refused".into(), t + 2 * S);
    assert_eq!(status_of(&r, "a"), Status::Healthy);
    // A later heartbeat saying "degraded" is heard again.
    let mut hb = lc(LifecycleKind::Heartbeat, "a", 15.0);
    hb.status = Some("degraded".into());
    r.apply(&hb, t + 5 * S);
    assert_eq!(status_of(&r, "a"), Status::Degraded);
    // A service that stopped meanwhile is left as it is.
    r.mark_restarting("a", "again".into(), t + 6 * S);
    r.apply(&lc(LifecycleKind::Shutdown, "a", 16.0), t + 7 * S);
    assert!(r
        .restart_abandoned("a", Status::Healthy, "late".into(), t + 8 * S)
        .is_empty());
    assert_eq!(status_of(&r, "a"), Status::Stopped);
}
