//! A WebSocket request's `filters` and `since`, read with the domain's
//! one filter parser.

use serde_json::Value;

use super::protocol::Filters;
use crate::{
    domain::filters::{self, FilterError},
    event::EventFilter,
    logs::LogFilter,
    protocol::log::parse_level,
};

pub(super) fn parse_since(v: &Value) -> Result<i64, FilterError> {
    parse_since_text(v).map_err(FilterError)
}

fn parse_since_text(v: &Value) -> Result<i64, String> {
    match v {
        Value::Number(n) => n
            .as_f64()
            .map(|s| (s * 1e6) as i64)
            .ok_or_else(|| "since: not a number".into()),
        Value::String(s) => {
            if let Some(secs) = s.strip_prefix('@') {
                return secs
                    .parse::<f64>()
                    .map(|x| (x * 1e6) as i64)
                    .map_err(|_| format!("since: bad {s:?}"));
            }
            crate::protocol::timestamp::parse_iso_us(s)
                .ok_or_else(|| format!("since: {s:?} is not RFC 3339 or @<unix seconds>"))
        }
        _ => Err("since: a time string or unix seconds".into()),
    }
}

pub(super) fn event_filter(f: &Filters) -> Result<EventFilter, FilterError> {
    let grep = f.grep.as_deref().unwrap_or_default();
    filters::events(&f.subjects, &f.services, &f.types, 0, 0, grep)
}

pub(super) fn log_filter(f: &Filters) -> Result<LogFilter, FilterError> {
    let levels = f
        .levels
        .iter()
        .map(|l| parse_level(l).ok_or_else(|| FilterError(format!("unknown level {l:?}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let grep = f.grep.as_deref().unwrap_or_default();
    let max = levels.into_iter().max().map(u32::from);
    filters::logs(&f.services, max, 0, 0, grep, "")
}
