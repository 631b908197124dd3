//! One time syntax for every command: durations ago (`90s`, `1h30m`, `2d`,
//! `1w`), RFC 3339 (local zone without an offset), a date, `today`,
//! `yesterday`, `now`, `@<unix seconds>`.

use jiff::{civil, tz::TimeZone, Timestamp, Zoned};

/// Microseconds since the epoch for `spec`, relative to `now`.
pub fn parse(spec: &str, now: &Zoned) -> Result<i64, String> {
    let s = spec.trim();
    let bad = || {
        format!(
            "invalid time {spec:?}: use a duration ago (90s, 5m, 1h30m, 2d, 1w), RFC 3339 \
             (2026-11-21T10:00:00Z), a date (2026-11-21), today, yesterday, now or @<unix seconds>"
        )
    };
    if s.is_empty() {
        return Err(bad());
    }
    let midnight = |z: &Zoned| -> Result<i64, String> {
        z.date()
            .to_zoned(z.time_zone().clone())
            .map(|m| m.timestamp().as_microsecond())
            .map_err(|e| e.to_string())
    };
    match s {
        "now" => return Ok(now.timestamp().as_microsecond()),
        "today" => return midnight(now),
        "yesterday" => {
            let y = now.yesterday().map_err(|e| e.to_string())?;
            return midnight(&y);
        }
        _ => {}
    }
    if let Some(secs) = s.strip_prefix('@') {
        let secs: f64 = secs.parse().map_err(|_| bad())?;
        if !secs.is_finite() {
            return Err(bad());
        }
        return Ok((secs * 1e6) as i64);
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) && s.ends_with(|c: char| c.is_ascii_alphabetic()) && !s.contains('-')
    {
        let d = humantime::parse_duration(s).map_err(|_| bad())?;
        let us = i64::try_from(d.as_micros()).map_err(|_| bad())?;
        return Ok(now.timestamp().as_microsecond() - us);
    }
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Ok(ts.as_microsecond());
    }
    if let Ok(dt) = s.parse::<civil::DateTime>() {
        return dt
            .to_zoned(now.time_zone().clone())
            .map(|z| z.timestamp().as_microsecond())
            .map_err(|_| bad());
    }
    if let Ok(d) = s.parse::<civil::Date>() {
        return d
            .to_zoned(now.time_zone().clone())
            .map(|z| z.timestamp().as_microsecond())
            .map_err(|_| bad());
    }
    Err(bad())
}

pub fn now() -> Zoned {
    Zoned::now()
}

/// Parses a duration such as `30s` or `2m` (for `--timeout`).
pub fn duration(spec: &str) -> Result<std::time::Duration, String> {
    humantime::parse_duration(spec.trim())
        .map_err(|e| format!("invalid duration {spec:?}: {e} (examples: 30s, 2m, 1h30m)"))
}

/// For tests: a fixed clock in a fixed zone.
pub fn zoned_at(rfc3339: &str, tz: &str) -> Zoned {
    let ts: Timestamp = rfc3339.parse().unwrap_or(Timestamp::UNIX_EPOCH);
    ts.to_zoned(TimeZone::get(tz).unwrap_or(TimeZone::UTC))
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = 1_000_000;

    fn now() -> Zoned {
        zoned_at("2026-11-21T12:00:00Z", "UTC")
    }

    fn at(s: &str) -> i64 {
        s.parse::<Timestamp>().expect("timestamp").as_microsecond()
    }

    #[test]
    fn durations_are_ago() {
        let n = at("2026-11-21T12:00:00Z");
        assert_eq!(parse("90s", &now()), Ok(n - 90 * S));
        assert_eq!(parse("5m", &now()), Ok(n - 300 * S));
        assert_eq!(parse("1h30m", &now()), Ok(n - 5400 * S));
        assert_eq!(parse("2d", &now()), Ok(n - 2 * 86_400 * S));
        assert_eq!(parse("1w", &now()), Ok(n - 7 * 86_400 * S));
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(parse("2026-11-21T10:00:00Z", &now()), Ok(at("2026-11-21T10:00:00Z")));
        assert_eq!(
            parse("2026-11-21T10:00:00+02:00", &now()),
            Ok(at("2026-11-21T08:00:00Z"))
        );
        assert_eq!(parse("2026-11-21", &now()), Ok(at("2026-11-21T00:00:00Z")));
        assert_eq!(parse("@1700000000", &now()), Ok(1_700_000_000 * S));
        assert_eq!(parse("now", &now()), Ok(at("2026-11-21T12:00:00Z")));
        assert_eq!(parse("today", &now()), Ok(at("2026-11-21T00:00:00Z")));
        assert_eq!(parse("yesterday", &now()), Ok(at("2026-11-20T00:00:00Z")));
    }

    #[test]
    fn no_offset_means_the_local_zone() {
        let berlin = zoned_at("2026-11-21T12:00:00Z", "Europe/Berlin");
        assert_eq!(parse("2026-11-21T10:00:00", &berlin), Ok(at("2026-11-21T09:00:00Z")));
        assert_eq!(parse("today", &berlin), Ok(at("2026-11-20T23:00:00Z")));
    }

    #[test]
    fn nonsense_is_an_error_that_shows_the_syntax() {
        for bad in ["", "soon", "5 parsecs", "@x", "2026-13-01", "-5m"] {
            let err = parse(bad, &now()).expect_err(bad);
            assert!(err.contains("1h30m"), "{err}");
        }
    }
}
