//! Timestamps as the ecosystem writes them: ISO 8601, usually with an
//! offset, sometimes without one (read as UTC).

use jiff::{civil::DateTime, tz::TimeZone, Timestamp};

/// Microseconds since the Unix epoch, or `None` when the text is not a
/// timestamp we understand. Bounded by construction: years -9999 to 9999,
/// so the difference of any two fits an `i64` many times over.
pub fn parse_iso_us(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some(ts.as_microsecond());
    }
    let dt: DateTime = s.parse().ok()?;
    let zoned = dt.to_zoned(TimeZone::UTC).ok()?;
    Some(zoned.timestamp().as_microsecond())
}

pub fn now_us() -> i64 {
    Timestamp::now().as_microsecond()
}

/// RFC 3339 in UTC for a microsecond timestamp (empty for 0).
pub fn format_us(us: i64) -> String {
    if us == 0 {
        return String::new();
    }
    Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offset_and_naive_forms_alike() {
        // 2026-11-21T22:08:20Z is 1,795,298,900 s after the epoch (`date -u -d ... +%s`).
        const AT: i64 = 1_795_298_900_000_000;
        assert_eq!(parse_iso_us("2026-11-21T22:08:20.278627+00:00"), Some(AT + 278_627));
        assert_eq!(
            parse_iso_us("2026-11-21T22:08:20.278627"),
            Some(AT + 278_627),
            "naive is UTC"
        );
        assert_eq!(parse_iso_us("2026-11-21T22:08:20Z"), Some(AT));
        assert_eq!(parse_iso_us("  2026-11-21T22:08:20Z\n"), Some(AT), "surrounding space");
        // An offset moves the instant: 23:08:20 at +01:00 is 22:08:20 UTC.
        assert_eq!(parse_iso_us("2026-11-21T23:08:20+01:00"), Some(AT));
        assert_eq!(parse_iso_us("2026-11-21T20:08:20.5-02:00"), Some(AT + 500_000));
        assert_eq!(parse_iso_us("1970-01-01T00:00:00Z"), Some(0));
    }

    #[test]
    fn extreme_years_stay_far_from_overflow() {
        let hi = Timestamp::MAX.as_microsecond();
        assert!(parse_iso_us("9999-06-01T00:00:00Z").is_some_and(|t| t <= hi));
        let lo = Timestamp::MIN.as_microsecond();
        assert!(hi.checked_sub(lo).is_some_and(|d| d < i64::MAX / 8));
        assert_eq!(parse_iso_us("10000-01-01T00:00:00Z"), None);
    }

    #[test]
    fn rejects_non_timestamps() {
        assert_eq!(parse_iso_us("yesterday"), None);
        assert_eq!(parse_iso_us(""), None);
        assert_eq!(parse_iso_us("2026-13-45T99:99:99"), None);
    }
}
