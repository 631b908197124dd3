//! The one parser for what a client asks to see: event and log filters from
//! the raw strings any API receives (gRPC fields, WebSocket `filters`, REST
//! query parameters), with the same budgets and the same error messages.

use regex::{Regex, RegexBuilder};
use thiserror::Error;

use crate::{
    event::EventFilter,
    logs::LogFilter,
    protocol::{log::Severity, subject::SubjectPattern, Kind},
};

/// Compiled size a client's pattern may take.
const REGEX_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct FilterError(pub String);

/// A client's regular expression (empty: none), size-capped; `what` names
/// it in the error (`--grep`, `--exclude`).
pub fn pattern(p: &str, what: &str) -> Result<Option<Regex>, FilterError> {
    if p.is_empty() {
        return Ok(None);
    }
    RegexBuilder::new(p)
        .size_limit(REGEX_BYTES)
        .build()
        .map(Some)
        .map_err(|e| FilterError(format!("invalid {what} pattern: {e}")))
}

/// Which events: subject patterns, services and types (any of each may
/// match), a time range (0: open) and a pattern.
pub fn events(
    subjects: &[String],
    services: &[String],
    kinds: &[String],
    since_us: i64,
    until_us: i64,
    grep: &str,
) -> Result<EventFilter, FilterError> {
    let subjects = subjects
        .iter()
        .map(|s| SubjectPattern::parse(s).map_err(|e| FilterError(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let kinds = kinds
        .iter()
        .map(|k| {
            Kind::parse(k).ok_or_else(|| {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                FilterError(format!("unknown event type {k:?}; known types: {}", known.join(", ")))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(EventFilter {
        subjects,
        services: services.iter().filter(|s| !s.is_empty()).cloned().collect(),
        kinds,
        since_us: (since_us != 0).then_some(since_us),
        until_us: (until_us != 0).then_some(until_us),
        grep: pattern(grep, "--grep")?,
    })
}

/// Which log records: services, the least severe level wanted (0–7, lower
/// is worse), a time range (0: open), a pattern to match and one to leave
/// out.
pub fn logs(
    services: &[String],
    max_severity: Option<u32>,
    since_us: i64,
    until_us: i64,
    grep: &str,
    exclude: &str,
) -> Result<LogFilter, FilterError> {
    let max_severity = match max_severity {
        Some(s) if s <= 7 => Some(s as Severity),
        Some(s) => return Err(FilterError(format!("severity {s} is not 0-7"))),
        None => None,
    };
    Ok(LogFilter {
        services: services.iter().filter(|s| !s.is_empty()).cloned().collect(),
        max_severity,
        since_us: (since_us != 0).then_some(since_us),
        until_us: (until_us != 0).then_some(until_us),
        grep: pattern(grep, "--grep")?,
        exclude: pattern(exclude, "--exclude")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_named_and_budgets_hold() {
        let e = events(&[], &[], &["nope".into()], 0, 0, "").unwrap_err();
        assert!(e.0.starts_with("unknown event type \"nope\"; known types: "), "{e}");
        let e = events(&[], &[], &[], 0, 0, "(").unwrap_err();
        assert!(e.0.starts_with("invalid --grep pattern"), "{e}");
        // A pattern whose compiled form is over the budget is refused.
        assert!(pattern(&"a{1000}".repeat(200), "--grep").is_err());
        assert!(logs(&[], Some(8), 0, 0, "", "").is_err());
        let f = logs(&["".into(), "llm".into()], Some(4), 5, 0, "", "x").expect("a filter");
        assert_eq!(f.services, vec!["llm".to_string()]);
        assert_eq!((f.since_us, f.until_us), (Some(5), None));
        assert!(f.exclude.is_some());
    }
}
