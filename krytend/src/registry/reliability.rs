//! Uptime, MTBF and MTTR from a service's status timeline.

use super::{Status, Transition};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reliability {
    /// Up time over up + down time (stopped time is not counted).
    pub availability: f64,
    /// Mean up time between failures; 0 with no failure yet.
    pub mtbf_seconds: f64,
    /// Mean time from down to up again; 0 with no recovery yet.
    pub mttr_seconds: f64,
    pub failures: u32,
    pub observed_seconds: f64,
}

/// `timeline` is oldest first.
pub fn reliability(timeline: &[Transition], now_us: i64) -> Reliability {
    let mut up = 0i64;
    let mut down = 0i64;
    let mut failures = 0u32;
    let mut repairs = Vec::new();
    for (i, t) in timeline.iter().enumerate() {
        let end = timeline.get(i + 1).map_or(now_us, |n| n.at_us);
        let span = end.saturating_sub(t.at_us).max(0);
        match t.to {
            s if s.is_up() => up = up.saturating_add(span),
            Status::Down => {
                down = down.saturating_add(span);
                if t.from.is_some_and(Status::is_up) {
                    failures = failures.saturating_add(1);
                }
                if timeline.get(i + 1).is_some_and(|n| n.to.is_up()) {
                    repairs.push(span);
                }
            }
            _ => {}
        }
    }
    let observed = timeline.first().map_or(0, |f| now_us.saturating_sub(f.at_us).max(0));
    Reliability {
        availability: if up.saturating_add(down) > 0 {
            up as f64 / (up as f64 + down as f64)
        } else {
            0.0
        },
        mtbf_seconds: if failures > 0 {
            up as f64 / 1e6 / f64::from(failures)
        } else {
            0.0
        },
        mttr_seconds: if repairs.is_empty() {
            0.0
        } else {
            repairs.iter().map(|&r| r as f64).sum::<f64>() / 1e6 / repairs.len() as f64
        },
        failures,
        observed_seconds: observed as f64 / 1e6,
    }
}
