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
    assert_eq!(r.due_pings(0), vec!["robot".to_string()]);
    assert!(r.due_pings(S).is_empty(), "not again within the interval");
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
