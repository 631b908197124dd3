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

/// Keys that may hold a traceback, in the order they are looked at: the
/// first that holds text (or a list of lines) is the record's exception.
const EXCEPTION_KEYS: [&str; 5] = ["exception", "exc_info", "traceback", "exc_text", "stack_info"];

/// The fields of a JSON log record, read in one pass: the known ones are
/// taken as they come, everything else is kept as an attribute. (Building
/// the whole record as a map first and then taking the known fields out
/// of it cost a tenth of krytend's CPU on a stream of log lines.) A
/// payload that is not a JSON object fails to deserialize as this.
#[derive(Default)]
struct JsonRecord {
    level: Option<Value>,
    levelname: Option<Value>,
    message: Option<Value>,
    msg: Option<Value>,
    service: Option<Value>,
    timestamp: Option<Value>,
    logger: Option<Value>,
    name: Option<Value>,
    exception: [Option<Value>; 5],
    attributes: Map<String, Value>,
}

impl<'de> serde::Deserialize<'de> for JsonRecord {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = JsonRecord;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<JsonRecord, A::Error> {
                let mut r = JsonRecord::default();
                // A repeated key: the last one counts, as in a JSON map.
                while let Some(key) = map.next_key::<String>()? {
                    let v: Value = map.next_value()?;
                    let slot = match key.as_str() {
                        "level" => &mut r.level,
                        "levelname" => &mut r.levelname,
                        "message" => &mut r.message,
                        "msg" => &mut r.msg,
                        "service" => &mut r.service,
                        "timestamp" => &mut r.timestamp,
                        "logger" => &mut r.logger,
                        "name" => &mut r.name,
                        k => match EXCEPTION_KEYS.iter().position(|e| *e == k) {
                            Some(i) => &mut r.exception[i],
                            None => {
                                r.attributes.insert(key, v);
                                continue;
                            }
                        },
                    };
                    *slot = Some(v);
                }
                Ok(r)
            }
        }
        d.deserialize_map(Fields)
    }
}

/// A field's text, if it is a string.
fn text(v: Option<Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

impl JsonRecord {
    fn into_parsed(mut self) -> ParsedLog {
        // `level` wins over `levelname` whenever it is there, even if it
        // is not a level.
        let level = self.level.or(self.levelname).and_then(|v| match v {
            Value::String(s) => parse_level(&s),
            Value::Number(n) => parse_level(&n.to_string()),
            _ => None,
        });
        let mut exception = None;
        for (i, slot) in self.exception.iter_mut().enumerate() {
            let v = slot.take();
            if exception.is_some() {
                // Keys after the one used stay with the record.
                if let Some(v) = v {
                    self.attributes.insert(EXCEPTION_KEYS[i].to_string(), v);
                }
                continue;
            }
            exception = match v {
                Some(Value::String(s)) if !s.is_empty() => Some(s),
                Some(Value::Array(lines)) => Some(
                    lines
                        .iter()
                        .map(|l| l.as_str().map_or_else(|| l.to_string(), str::to_string))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                _ => None,
            };
        }
        ParsedLog {
            service: text(self.service),
            level,
            logger: text(self.logger).or_else(|| text(self.name)),
            message: text(self.message).or_else(|| text(self.msg)).unwrap_or_default(),
            time_us: text(self.timestamp).as_deref().and_then(parse_iso_us),
            exception,
            attributes: self.attributes,
        }
    }
}

/// A `kryten.logs.{svc}` payload: a JSON record, or one line of plain text.
pub fn parse_nats_log(payload: &[u8]) -> ParsedLog {
    if let Ok(record) = serde_json::from_slice::<JsonRecord>(payload) {
        return record.into_parsed();
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
    fn json_records_read_in_one_pass_keep_their_rules() {
        // `level` counts whenever it is there, even when it is no level.
        let p = parse_nats_log(br#"{"level":true,"levelname":"ERROR","message":"m"}"#);
        assert_eq!(p.level, None);
        let p = parse_nats_log(br#"{"levelname":"ERROR","level":30}"#);
        assert_eq!(p.level, Some(4));
        // A message that is not text falls back to `msg`; `name` to logger.
        let p = parse_nats_log(br#"{"message":{"a":1},"msg":"from msg","name":"n"}"#);
        assert_eq!(p.message, "from msg");
        assert_eq!(p.logger.as_deref(), Some("n"));
        // The first exception key with text wins; an empty one before it is
        // dropped, the ones after it stay as attributes.
        let p = parse_nats_log(br#"{"stack_info":"s","exception":"","traceback":["a","b"],"x":1}"#);
        assert_eq!(p.exception.as_deref(), Some("a\nb"));
        assert!(!p.attributes.contains_key("exception"));
        assert!(!p.attributes.contains_key("traceback"));
        assert_eq!(p.attributes.get("stack_info"), Some(&Value::from("s")));
        assert_eq!(p.attributes.get("x"), Some(&Value::from(1)));
        // A repeated key: the last one counts.
        let p = parse_nats_log(br#"{"message":"first","message":"second","k":1,"k":2}"#);
        assert_eq!(p.message, "second");
        assert_eq!(p.attributes.get("k"), Some(&Value::from(2)));
        // Known keys never show up as attributes; escaped keys are read.
        let p = parse_nats_log(br#"{"service":"s","timestamp":"2026-11-21T22:08:12Z","us\u0065r":"bob"}"#);
        assert_eq!(p.attributes.len(), 1, "{:?}", p.attributes);
        assert_eq!(p.attributes.get("user"), Some(&Value::from("bob")));
        assert!(p.time_us.is_some());
        // Anything but one JSON object is a line of text.
        for raw in [&br#"["a"]"#[..], br#""text""#, br#"{"a":1} trailing"#, b"{\"a\":"] {
            let p = parse_nats_log(raw);
            assert_eq!(p.message.as_bytes(), raw);
            assert!(p.attributes.is_empty());
        }
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
