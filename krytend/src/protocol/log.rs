//! Log records: from `kryten.logs.{svc}` payloads (JSON or plain text) and
//! from lines of log files in the common Python `logging` formats.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::timestamp::parse_iso_us;

/// Syslog severities: 0 emerg … 7 debug. Lower is worse.
pub type Severity = u8;

/// A level word or number → syslog severity. Python names, syslog names and
/// the numbers 0-7 all work; Python's numeric levels (10-50) too.
pub fn parse_level(word: &str) -> Option<Severity> {
    let w = word.trim().to_ascii_lowercase();
    Some(match w.as_str() {
        "emerg" | "emergency" | "panic" => 0,
        "alert" => 1,
        "crit" | "critical" | "fatal" => 2,
        "err" | "error" | "exception" => 3,
        "warning" | "warn" => 4,
        "notice" => 5,
        "info" | "information" => 6,
        "debug" | "trace" => 7,
        n => match n.parse::<u32>().ok()? {
            s @ 0..=7 => s as Severity,
            50 => 2,
            40 => 3,
            30 => 4,
            20 => 6,
            10 => 7,
            _ => return None,
        },
    })
}

pub fn level_name(s: Severity) -> &'static str {
    match s {
        0 => "emerg",
        1 => "alert",
        2 => "critical",
        3 => "error",
        4 => "warning",
        5 => "notice",
        6 => "info",
        _ => "debug",
    }
}

/// What a log line says, before it is sequenced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedLog {
    pub service: Option<String>,
    pub level: Option<Severity>,
    pub logger: Option<String>,
    pub message: String,
    pub time_us: Option<i64>,
    /// Traceback or exception text, shown as a block.
    pub exception: Option<String>,
    /// Extra fields of a JSON record.
    pub attributes: Map<String, Value>,
}

const KNOWN: [&str; 8] = [
    "service",
    "level",
    "levelname",
    "message",
    "msg",
    "timestamp",
    "logger",
    "name",
];

/// A `kryten.logs.{svc}` payload: a JSON record, or one line of plain text.
pub fn parse_nats_log(payload: &[u8]) -> ParsedLog {
    if let Ok(Value::Object(mut map)) = serde_json::from_slice::<Value>(payload) {
        let text = |map: &Map<String, Value>, k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
        let level = map.get("level").or_else(|| map.get("levelname")).and_then(|v| match v {
            Value::String(s) => parse_level(s),
            Value::Number(n) => parse_level(&n.to_string()),
            _ => None,
        });
        let message = text(&map, "message").or_else(|| text(&map, "msg")).unwrap_or_default();
        let exception = ["exception", "exc_info", "traceback", "exc_text", "stack_info"]
            .iter()
            .find_map(|k| match map.remove(*k) {
                Some(Value::String(s)) if !s.is_empty() => Some(s),
                Some(Value::Array(lines)) => Some(
                    lines
                        .iter()
                        .map(|l| l.as_str().map_or_else(|| l.to_string(), str::to_string))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                _ => None,
            });
        let parsed = ParsedLog {
            service: text(&map, "service"),
            level,
            logger: text(&map, "logger").or_else(|| text(&map, "name")),
            message,
            time_us: text(&map, "timestamp").as_deref().and_then(parse_iso_us),
            exception,
            attributes: Map::new(),
        };
        for k in KNOWN {
            map.remove(k);
        }
        return ParsedLog {
            attributes: map,
            ..parsed
        };
    }
    let text = String::from_utf8_lossy(payload);
    ParsedLog {
        message: text.trim_end_matches(['\n', '\r']).to_string(),
        ..Default::default()
    }
}

fn line_formats() -> &'static [Regex] {
    static FORMATS: OnceLock<Vec<Regex>> = OnceLock::new();
    FORMATS.get_or_init(|| {
        let ts = r"(?P<ts>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)";
        let lvl = r"(?P<lvl>DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|NOTICE)";
        [
            // %(asctime)s - %(name)s - %(levelname)s - %(message)s
            format!(r"^{ts}\s+-\s+(?P<logger>\S+)\s+-\s+{lvl}\s+-\s+(?P<msg>.*)$"),
            // %(asctime)s - %(levelname)s - %(message)s
            format!(r"^{ts}\s+-\s+{lvl}\s+-\s+(?P<msg>.*)$"),
            // %(asctime)s [%(levelname)s] %(name)s: %(message)s
            format!(r"^\[?{ts}\]?\s+\[?{lvl}\]?\s+(?:(?P<logger>[\w.\-]+):\s+)?(?P<msg>.*)$"),
            // %(levelname)s:%(name)s:%(message)s (logging.basicConfig)
            format!(r"^{lvl}:(?P<logger>[^:\s]*):(?P<msg>.*)$"),
        ]
        .iter()
        .filter_map(|r| Regex::new(r).ok())
        .collect()
    })
}

/// One line of a log file. Unrecognised lines are kept whole, level unknown.
pub fn parse_file_line(line: &str) -> ParsedLog {
    for re in line_formats() {
        if let Some(c) = re.captures(line) {
            let time_us = c.name("ts").and_then(|m| parse_log_time(m.as_str()));
            return ParsedLog {
                level: c.name("lvl").and_then(|m| parse_level(m.as_str())),
                logger: c
                    .name("logger")
                    .map(|m| m.as_str().to_string())
                    .filter(|s| !s.is_empty()),
                message: c.name("msg").map_or("", |m| m.as_str()).to_string(),
                time_us,
                ..Default::default()
            };
        }
    }
    ParsedLog {
        message: line.to_string(),
        ..Default::default()
    }
}

/// Python's asctime (`2026-11-21 22:08:12,345`) has no zone: local time, as
/// the process that wrote it saw it. We read it as this host's local time.
fn parse_log_time(s: &str) -> Option<i64> {
    let norm = s.replacen(' ', "T", 1).replace(',', ".");
    if let Ok(ts) = norm.parse::<jiff::Timestamp>() {
        return Some(ts.as_microsecond());
    }
    let dt: jiff::civil::DateTime = norm.parse().ok()?;
    dt.to_zoned(jiff::tz::TimeZone::system())
        .ok()
        .map(|z| z.timestamp().as_microsecond())
}

/// Cuts `message` to at most `max` bytes (on a character boundary), with a
/// marker that says how much was cut.
pub fn truncate(message: &mut String, max: usize) {
    if message.len() <= max {
        return;
    }
    let mut end = max;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    let cut = message.len() - end;
    message.truncate(end);
    message.push_str(&format!(" …[truncated {cut} bytes]"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_every_vocabulary() {
        assert_eq!(parse_level("WARNING"), Some(4));
        assert_eq!(parse_level("warn"), Some(4));
        assert_eq!(parse_level("err"), Some(3));
        assert_eq!(parse_level("CRITICAL"), Some(2));
        assert_eq!(parse_level("3"), Some(3));
        assert_eq!(parse_level("40"), Some(3));
        assert_eq!(parse_level("emerg"), Some(0));
        assert_eq!(parse_level("loud"), None);
        assert_eq!(parse_level("8"), None);
    }

    #[test]
    fn json_records_keep_extras_and_tracebacks() {
        let p = parse_nats_log(
            br#"{"service":"alpha","level":"ERROR","message":"boom","timestamp":"2026-11-21T22:08:12.785407+00:00","logger":"kryten.alpha","exception":"Traceback (most recent call last):\n  File \"x\"\nValueError: bad","user":"bob"}"#,
        );
        assert_eq!(p.level, Some(3));
        assert_eq!(p.message, "boom");
        assert_eq!(p.logger.as_deref(), Some("kryten.alpha"));
        assert!(p.exception.as_deref().is_some_and(|e| e.contains("ValueError")));
        assert_eq!(p.attributes.get("user"), Some(&Value::from("bob")));
        assert!(p.time_us.is_some());
    }

    #[test]
    fn plain_text_is_one_record_of_unknown_level() {
        let p = parse_nats_log(b"just a line\n");
        assert_eq!((p.level, p.message.as_str()), (None, "just a line"));
    }

    #[test]
    fn python_logging_line_formats() {
        let p = parse_file_line("2026-11-21 22:08:12,345 - kryten.robot - WARNING - slow reply");
        assert_eq!(
            (p.level, p.logger.as_deref(), p.message.as_str()),
            (Some(4), Some("kryten.robot"), "slow reply")
        );
        assert!(p.time_us.is_some());
        let p = parse_file_line("WARNING:kryten.userstats:cache miss");
        assert_eq!(
            (p.level, p.logger.as_deref(), p.message.as_str()),
            (Some(4), Some("kryten.userstats"), "cache miss")
        );
        let p = parse_file_line("2026-11-21 22:08:12,345 [ERROR] kryten.llm: timeout");
        assert_eq!((p.level, p.message.as_str()), (Some(3), "timeout"));
        let p = parse_file_line("2026-11-21T22:08:12Z INFO started");
        assert_eq!((p.level, p.message.as_str()), (Some(6), "started"));
        let p = parse_file_line("  File \"/app/x.py\", line 3, in <module>");
        assert_eq!((p.level, p.time_us), (None, None));
        assert_eq!(p.message, "  File \"/app/x.py\", line 3, in <module>");
    }

    #[test]
    fn truncation_says_how_much() {
        let mut s = "é".repeat(10);
        truncate(&mut s, 5);
        assert_eq!(s, "éé …[truncated 16 bytes]");
        let mut short = "ok".to_string();
        truncate(&mut short, 5);
        assert_eq!(short, "ok");
    }
}
