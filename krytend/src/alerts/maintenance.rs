//! Maintenance windows: while one is active, alerts matching its matchers are not
//! notified (like a silence that recurs). A window is one-off (start, end) or recurring: a
//! cron expression giving start times as wall-clock times in a named time zone, and a
//! duration. Recurring starts follow the zone across DST (03:00 stays 03:00 local); a start
//! time skipped by a spring-forward jump does not happen that day, and one repeated by a
//! fall-back happens twice.

use super::silence::Matcher;
use super::Labels;
use chrono::{NaiveDate, TimeZone, Utc};
use croner::Cron;
use jiff::tz::TimeZone as Zone;
use jiff::Timestamp;

/// Longest recurring window; bounds the per-check scan (one step per minute).
pub const MAX_RECURRING_MS: i64 = 7 * 24 * 3_600_000;

#[derive(Debug, thiserror::Error)]
pub enum MaintenanceError {
    #[error("cron expression {0:?}: {1}")]
    Cron(String, String),
    #[error("unknown time zone {0:?}")]
    Zone(String),
    #[error("duration must be between one minute and 7 days")]
    Duration,
    #[error("a window must end after it starts")]
    EmptyWindow,
}

#[derive(Debug, Clone)]
pub enum Schedule {
    OneOff {
        starts_ms: i64,
        ends_ms: i64,
    },
    Recurring {
        cron: Box<Cron>,
        zone: Zone,
        duration_ms: i64,
        /// As written, for listings.
        cron_text: String,
        zone_name: String,
    },
}

#[derive(Debug, Clone)]
pub struct MaintenanceWindow {
    pub name: String,
    pub matchers: Vec<Matcher>,
    pub schedule: Schedule,
}

impl MaintenanceWindow {
    pub fn one_off(name: &str, matchers: Vec<Matcher>, starts_ms: i64, ends_ms: i64) -> Result<Self, MaintenanceError> {
        if ends_ms <= starts_ms {
            return Err(MaintenanceError::EmptyWindow);
        }
        Ok(MaintenanceWindow {
            name: name.into(),
            matchers,
            schedule: Schedule::OneOff { starts_ms, ends_ms },
        })
    }

    /// `cron` is five fields (minute hour day-of-month month day-of-week); `zone` an IANA
    /// name such as `Europe/London`.
    pub fn recurring(
        name: &str,
        matchers: Vec<Matcher>,
        cron: &str,
        zone: &str,
        duration_ms: i64,
    ) -> Result<Self, MaintenanceError> {
        if !(60_000..=MAX_RECURRING_MS).contains(&duration_ms) {
            return Err(MaintenanceError::Duration);
        }
        let parsed = Cron::new(cron)
            .parse()
            .map_err(|e| MaintenanceError::Cron(cron.chars().take(100).collect(), e.to_string()))?;
        let zone_name = zone;
        let zone = jiff::tz::db()
            .get(zone)
            .map_err(|_| MaintenanceError::Zone(zone.chars().take(100).collect()))?;
        Ok(MaintenanceWindow {
            name: name.into(),
            matchers,
            schedule: Schedule::Recurring {
                cron: Box::new(parsed),
                zone,
                duration_ms,
                cron_text: cron.to_string(),
                zone_name: zone_name.to_string(),
            },
        })
    }

    pub fn is_active(&self, now_ms: i64) -> bool {
        match &self.schedule {
            Schedule::OneOff { starts_ms, ends_ms } => *starts_ms <= now_ms && now_ms < *ends_ms,
            Schedule::Recurring {
                cron,
                zone,
                duration_ms,
                ..
            } => {
                // Is there a start minute in (now - duration, now]? Walk real instants so
                // the zone's offset at each of them (DST) is the one that counts.
                let last = now_ms.div_euclid(60_000) * 60_000;
                let mut t = last;
                while t > now_ms - duration_ms {
                    if starts_at(cron, zone, t) {
                        return true;
                    }
                    t -= 60_000;
                }
                false
            }
        }
    }

    /// While active: when the occurrence in force ends (for a recurring
    /// window, the latest end of the occurrences that overlap now).
    pub fn active_until(&self, now_ms: i64) -> Option<i64> {
        match &self.schedule {
            Schedule::OneOff { starts_ms, ends_ms } => (*starts_ms <= now_ms && now_ms < *ends_ms).then_some(*ends_ms),
            Schedule::Recurring {
                cron,
                zone,
                duration_ms,
                ..
            } => {
                // The newest start in (now - duration, now] ends last.
                let mut t = now_ms.div_euclid(60_000) * 60_000;
                while t > now_ms - duration_ms {
                    if starts_at(cron, zone, t) {
                        return Some(t + duration_ms);
                    }
                    t -= 60_000;
                }
                None
            }
        }
    }

    /// The next start after `now_ms`, looking at most `MAX_RECURRING_MS`
    /// ahead for a recurring window (a schedule that starts less often
    /// than weekly shows no next start until it is that close).
    pub fn next_start(&self, now_ms: i64) -> Option<i64> {
        match &self.schedule {
            Schedule::OneOff { starts_ms, .. } => (*starts_ms > now_ms).then_some(*starts_ms),
            Schedule::Recurring { cron, zone, .. } => {
                let mut t = now_ms.div_euclid(60_000) * 60_000 + 60_000;
                let end = now_ms + MAX_RECURRING_MS;
                while t <= end {
                    if starts_at(cron, zone, t) {
                        return Some(t);
                    }
                    t += 60_000;
                }
                None
            }
        }
    }

    /// True when active now and every matcher matches.
    pub fn covers(&self, labels: &Labels, now_ms: i64) -> bool {
        self.is_active(now_ms) && self.matchers.iter().all(|m| m.matches(labels))
    }
}

/// Whether the wall-clock minute at instant `t_ms` in `zone` is a cron start.
fn starts_at(cron: &Cron, zone: &Zone, t_ms: i64) -> bool {
    let Ok(ts) = Timestamp::from_millisecond(t_ms) else {
        return false;
    };
    let local = ts.to_zoned(zone.clone()).datetime();
    let Some(naive) = NaiveDate::from_ymd_opt(local.year().into(), local.month() as u32, local.day() as u32)
        .and_then(|d| d.and_hms_opt(local.hour() as u32, local.minute() as u32, 0))
    else {
        return false;
    };
    // The wall-clock time, matched as if it were UTC: the zone is already applied.
    cron.is_time_matching(&Utc.from_utc_datetime(&naive)).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> i64 {
        s.parse::<Timestamp>().unwrap().as_millisecond()
    }

    #[test]
    fn recurring_window_keeps_local_time_across_dst() {
        // 03:00-05:00 London time daily. London moves to BST on 2026-03-29.
        let w = MaintenanceWindow::recurring("nightly", vec![], "0 3 * * *", "Europe/London", 2 * 3_600_000).unwrap();
        // Before the change London is UTC: 03:00-05:00Z.
        assert!(!w.is_active(ms("2026-03-28T02:59:00Z")));
        assert!(w.is_active(ms("2026-03-28T03:00:00Z")));
        assert!(w.is_active(ms("2026-03-28T04:59:00Z")));
        assert!(!w.is_active(ms("2026-03-28T05:00:00Z")));
        // After it, 03:00 BST is 02:00Z: a UTC-only reading would get all of these wrong.
        assert!(w.is_active(ms("2026-03-30T02:30:00Z")));
        assert!(!w.is_active(ms("2026-03-30T04:30:00Z")));
        assert!(!w.is_active(ms("2026-03-30T01:59:00Z")));
    }

    #[test]
    fn one_off_and_matchers() {
        let w = MaintenanceWindow::one_off("swap", vec![Matcher::parse("service=nav").unwrap()], 10, 20).unwrap();
        let nav = Labels::from([("service".to_string(), "nav".to_string())]);
        let db = Labels::from([("service".to_string(), "db".to_string())]);
        assert!(w.covers(&nav, 10) && !w.covers(&nav, 20) && !w.covers(&db, 15));
    }

    #[test]
    fn bad_windows_are_refused() {
        let r = |c: &str, z: &str, d: i64| MaintenanceWindow::recurring("x", vec![], c, z, d).err();
        assert!(matches!(r("nonsense", "UTC", 60_000), Some(MaintenanceError::Cron(..))));
        assert!(matches!(
            r("0 3 * * *", "Mars/Olympus", 60_000),
            Some(MaintenanceError::Zone(_))
        ));
        assert!(matches!(
            r("0 3 * * *", "UTC", MAX_RECURRING_MS + 1),
            Some(MaintenanceError::Duration)
        ));
        assert!(matches!(
            MaintenanceWindow::one_off("x", vec![], 5, 5),
            Err(MaintenanceError::EmptyWindow)
        ));
    }
}
