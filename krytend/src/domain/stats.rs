//! Event statistics for charts: how many events of each type per time
//! bucket, and the busiest subjects, over a range the caller picks within
//! budgets (buckets, range, subjects returned; the store bounds the scan).

use thiserror::Error;

use crate::{
    auth::{Action, Caller},
    control::{Control, ControlError},
    protocol::timestamp::now_us,
    store::{
        gate,
        stats::{EventStats, StatsQuery},
        Store, StoreError,
    },
};

pub const MAX_BUCKETS: i64 = 1_440;
pub const DEFAULT_BUCKETS: i64 = 60;
pub const DEFAULT_RANGE_US: i64 = 3_600 * 1_000_000;
/// The longest range one request may count over.
pub const MAX_RANGE_US: i64 = 31 * 86_400 * 1_000_000;
pub const DEFAULT_TOP: u32 = 10;
pub const MAX_TOP: u32 = 100;
const MAX_SERVICE_BYTES: usize = 256;

#[derive(Debug, Error)]
pub enum StatsError {
    #[error(transparent)]
    Control(#[from] ControlError),
    #[error("invalid statistics request: {0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A request as a client sends it (0 = the default for each).
#[derive(Debug, Clone, Default)]
pub struct StatsRequest {
    pub since_us: i64,
    pub until_us: i64,
    pub step_seconds: f64,
    pub top: u32,
    pub service: String,
}

/// Bucket widths offered when the caller names none: a round number.
const NICE_STEPS_S: [i64; 12] = [1, 5, 10, 15, 30, 60, 300, 600, 900, 1_800, 3_600, 86_400];

/// The query a request stands for, or why it is refused.
pub fn plan(r: &StatsRequest, now_us: i64) -> Result<StatsQuery, StatsError> {
    let bad = |m: &str| Err(StatsError::Invalid(m.to_string()));
    let until_us = if r.until_us > 0 { r.until_us } else { now_us };
    let since_us = if r.since_us > 0 {
        r.since_us
    } else {
        until_us - DEFAULT_RANGE_US
    };
    if since_us >= until_us {
        return bad("`since` must be before `until`");
    }
    let range = until_us - since_us;
    if range > MAX_RANGE_US {
        return bad("the range is at most 31 days");
    }
    let step_us = if r.step_seconds == 0.0 {
        let want = range / DEFAULT_BUCKETS / 1_000_000;
        NICE_STEPS_S.iter().copied().find(|s| *s >= want).unwrap_or(86_400) * 1_000_000
    } else if r.step_seconds.is_finite() && r.step_seconds >= 0.001 {
        (r.step_seconds * 1e6) as i64
    } else {
        return bad("`step` must be at least 1 ms");
    };
    // Buckets start at multiples of the step, so charts of consecutive
    // requests line up (the first one may then start before `since`).
    let since_us = since_us.div_euclid(step_us) * step_us;
    let range = until_us - since_us;
    if (range + step_us - 1) / step_us > MAX_BUCKETS + 1 {
        return bad(&format!(
            "at most {MAX_BUCKETS} buckets: widen `step` or narrow the range"
        ));
    }
    if r.service.len() > MAX_SERVICE_BYTES {
        return bad("the service name is too long");
    }
    let top = match r.top {
        0 => DEFAULT_TOP,
        n => n.min(MAX_TOP),
    };
    Ok(StatsQuery {
        since_us,
        until_us,
        step_us,
        service: (!r.service.is_empty()).then(|| r.service.clone()),
        top: top as usize,
    })
}

pub struct Stats<'a> {
    pub control: &'a Control,
    pub store: &'a Store,
}

impl Stats<'_> {
    pub async fn events(&self, who: &Caller, r: &StatsRequest) -> Result<(StatsQuery, EventStats), StatsError> {
        self.control.authorize(who, Action::Read, "", "").await?;
        let q = plan(r, now_us())?;
        let stats = gate::as_caller(&who.name, self.store.reader().event_stats(q.clone())).await?;
        Ok((q, stats))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A whole minute, so the default range starts on a bucket boundary.
    const NOW: i64 = 1_800_000_000 * 1_000_000;

    #[test]
    fn defaults_are_the_last_hour_in_one_minute_buckets() {
        let q = plan(&StatsRequest::default(), NOW).unwrap();
        assert_eq!(q.until_us, NOW);
        assert_eq!(q.since_us, NOW - DEFAULT_RANGE_US, "already a multiple of the step");
        assert_eq!(q.step_us, 60_000_000);
        assert_eq!(q.top, 10);
    }

    #[test]
    fn budgets_refuse_too_many_buckets_too_long_a_range_and_a_bad_order() {
        let r = |since_us, step_seconds| StatsRequest {
            since_us,
            until_us: NOW,
            step_seconds,
            ..Default::default()
        };
        assert!(plan(&r(NOW - 3_600_000_000, 1.0), NOW).is_err(), "3,600 buckets");
        assert!(plan(&r(NOW - MAX_RANGE_US - 1, 0.0), NOW).is_err());
        assert!(plan(&r(NOW + 1, 0.0), NOW).is_err());
        assert!(plan(&r(NOW - 1_000_000, f64::NAN), NOW).is_err());
        assert!(plan(&r(NOW - 3_600_000_000, 10.0), NOW).is_ok());
    }
}
