//! How things are shown: formats, color, tables, JSON shapes, ages. Decided
//! once per invocation, used by every command.

use std::io::{IsTerminal, Write};

use comfy_table::{presets, Cell, Color, ContentArrangement, Table};
pub use kryten_proto::documents::{event_json, list_json, payload_json, service_json, status_name, time_json};
use kryten_proto::v1 as pb;
use owo_colors::OwoColorize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Wide,
    Json,
    Yaml,
    Jsonl,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone)]
pub struct Out {
    pub format: Format,
    pub headers: bool,
    pub color: bool,
    pub quiet: bool,
    pub verbose: bool,
}

impl Out {
    pub fn new(format: Option<Format>, no_headers: bool, color: ColorChoice, quiet: bool, verbose: bool) -> Self {
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        Self {
            format: format.unwrap_or(Format::Table),
            headers: !no_headers,
            color,
            quiet,
            verbose,
        }
    }

    pub fn is_machine(&self) -> bool {
        matches!(self.format, Format::Json | Format::Yaml | Format::Jsonl)
    }

    /// A notice for people (never on stdout, so machine output stays clean).
    pub fn notice(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", sanitize(msg));
        }
    }

    /// Text for people on its way to the terminal: escaped, keeping only
    /// the color codes this program paints (see [`sanitize`]). Every text
    /// path goes through here; machine formats never do.
    pub fn safe<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.color {
            escape_keeping_colors(text)
        } else {
            sanitize(text)
        }
    }

    /// Prints a document in the chosen machine format.
    pub fn document(&self, v: &Value) {
        let text = match self.format {
            Format::Yaml => serde_yaml::to_string(v).unwrap_or_default(),
            Format::Jsonl => format!("{}\n", serde_json::to_string(v).unwrap_or_default()),
            _ => format!("{}\n", serde_json::to_string_pretty(v).unwrap_or_default()),
        };
        print_stdout(&text);
    }

    /// One line of text for people, flushed at once so pipes see it.
    pub fn line(&self, text: &str) {
        print_stdout(&format!("{}\n", self.safe(text)));
    }

    /// One line of a machine format (jsonl), exactly as given.
    pub fn raw_line(&self, text: &str) {
        print_stdout(&format!("{text}\n"));
    }

    /// A block of text for people (several lines), escaped like [`Out::line`].
    pub fn text(&self, text: &str) {
        print_stdout(&self.safe(text));
    }

    pub fn table(&self, header: &[&str]) -> Table {
        let mut t = Table::new();
        t.load_style(presets::NOTHING);
        t.set_content_arrangement(if std::io::stdout().is_terminal() {
            ContentArrangement::Dynamic
        } else {
            ContentArrangement::Disabled
        });
        if self.headers {
            t.set_header(header.iter().map(Cell::new));
        }
        if !self.color {
            t.force_no_tty();
        } else {
            t.enforce_styling();
        }
        t
    }

    pub fn print_table(&self, t: &Table) {
        let mut t = t.clone();
        // kubectl's look: no borders, columns three spaces apart.
        for c in t.column_iter_mut() {
            c.set_padding((0, 3));
        }
        let text = t.to_string();
        let text = self.safe(&text);
        // comfy-table pads every line; scripts prefer no trailing blanks.
        let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
        let mut s = lines.join("\n");
        s.push('\n');
        print_stdout(&s);
    }

    pub fn status_cell(&self, status: &str) -> Cell {
        let c = Cell::new(sanitize_field(status));
        if !self.color {
            return c;
        }
        c.fg(status_color(status))
    }

    pub fn paint_status(&self, status: &str) -> String {
        let status = &*sanitize_field(status);
        if !self.color {
            return status.to_string();
        }
        match status_color(status) {
            Color::Green => status.green().to_string(),
            Color::Yellow => status.yellow().to_string(),
            Color::Red => status.red().to_string(),
            Color::Cyan => status.cyan().to_string(),
            _ => status.dimmed().to_string(),
        }
    }

    /// A stable color per service name, so one service always looks the same.
    pub fn paint_service(&self, name: &str) -> String {
        // Escaped before painting, so the only color codes in a line are ours.
        let name = &*sanitize_field(name);
        if !self.color || name.is_empty() {
            return name.to_string();
        }
        let h = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        match h % 6 {
            0 => name.blue().to_string(),
            1 => name.magenta().to_string(),
            2 => name.cyan().to_string(),
            3 => name.green().to_string(),
            4 => name.yellow().to_string(),
            _ => name.bright_blue().to_string(),
        }
    }

    pub fn dim(&self, s: &str) -> String {
        let s = &*sanitize_field(s);
        if self.color {
            s.dimmed().to_string()
        } else {
            s.to_string()
        }
    }
}

fn status_color(status: &str) -> Color {
    match status {
        "healthy" => Color::Green,
        "starting" | "restarting" => Color::Cyan,
        "degraded" => Color::Yellow,
        "failing" | "down" => Color::Red,
        _ => Color::DarkGrey,
    }
}

fn print_stdout(s: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    if out.write_all(s.as_bytes()).is_err() || out.flush().is_err() {
        std::process::exit(0);
    }
}

/// Text from the bus or the server made safe for a terminal: every control
/// character (C0 but tab and newline, DEL, C1) and every bidirectional
/// override or isolate is shown as a visible escape (`\x1b`, `\u{202e}`),
/// so a log line or a service name can neither set the title, clear the
/// screen, move the cursor, answer for the user nor reorder what is shown.
/// Borrowed when there is nothing to escape. Machine formats never go
/// through this: JSON/YAML carry the exact string.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

/// Like [`sanitize`], for one field of a table or one word of a line: a
/// newline or tab from the bus would fake a row or a column, so those are
/// escaped too.
pub fn sanitize_field(s: &str) -> std::borrow::Cow<'_, str> {
    escape(s, |_| false)
}

/// An error or a message for people on stderr, escaped.
pub fn eprint_text(text: &str) {
    eprintln!("{}", sanitize(text));
}

/// [`sanitize`], except that the color codes this program paints with
/// (foreground colors, bold, dim, reset: `ESC [ … m`) are kept. Only those:
/// no black, no hidden or blinking text, no background, no cursor or title
/// sequence. Text from the bus is escaped before it is painted
/// ([`Out::paint_service`] etc.), so in practice these are our own; at worst
/// a string that reached a line unpainted can recolor its own text.
fn escape_keeping_colors(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\x1b') {
        return sanitize(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while let Some(i) = rest.find('\x1b') {
        out.push_str(&sanitize(&rest[..i]));
        let after = &rest[i + 1..];
        match color_code_len(after) {
            Some(n) => {
                out.push('\x1b');
                out.push_str(&after[..n]);
                rest = &after[n..];
            }
            None => {
                out.push_str("\\x1b");
                rest = after;
            }
        }
    }
    out.push_str(&sanitize(rest));
    std::borrow::Cow::Owned(out)
}

/// The length of `[params m` after an ESC when it is one of the color
/// codes we paint with.
fn color_code_len(after_esc: &str) -> Option<usize> {
    let body = after_esc.strip_prefix('[')?;
    let end = body.find('m')?;
    let params = &body[..end];
    if params.len() > 12 || !params.chars().all(|c| c.is_ascii_digit() || c == ';') {
        return None;
    }
    let ok = match params.split(';').collect::<Vec<_>>().as_slice() {
        [p] => matches!(p.parse::<u8>(), Ok(0 | 1 | 2 | 22 | 39 | 31..=36 | 91..=96)) || p.is_empty(),
        ["38", "5", n] => matches!(n.parse::<u8>(), Ok(1..=15)),
        _ => false,
    };
    ok.then_some(end + 2)
}

fn needs_escape(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| needs_escape(c) && !keep(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !needs_escape(c) || keep(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    std::borrow::Cow::Owned(out)
}

pub fn status_from_name(s: &str) -> Option<pb::ServiceStatus> {
    Some(match s.to_ascii_lowercase().as_str() {
        "starting" => pb::ServiceStatus::Starting,
        "healthy" => pb::ServiceStatus::Healthy,
        "degraded" => pb::ServiceStatus::Degraded,
        "failing" => pb::ServiceStatus::Failing,
        "down" => pb::ServiceStatus::Down,
        "stopped" => pb::ServiceStatus::Stopped,
        "restarting" => pb::ServiceStatus::Restarting,
        _ => return None,
    })
}

pub fn time_text(us: i64) -> String {
    if us == 0 {
        return "-".into();
    }
    jiff::Timestamp::from_microsecond(us)
        .map_or_else(|_| "-".into(), |t| t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

/// `3m`, `2h5m`, `4d` — for tables only.
pub fn age(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "-".into();
    }
    let s = seconds as u64;
    match s {
        0..=99 => format!("{s}s"),
        100..=3599 => format!("{}m{}s", s / 60, s % 60).replace("m0s", "m"),
        3600..=86_399 => format!("{}h{}m", s / 3600, (s % 3600) / 60).replace("h0m", "h"),
        _ => format!("{}d{}h", s / 86_400, (s % 86_400) / 3600).replace("d0h", "d"),
    }
}

pub fn age_since(now_us: i64, then_us: i64) -> String {
    if then_us == 0 {
        return "-".into();
    }
    age((now_us - then_us) as f64 / 1e6)
}

/// A payload on one line, cut to `max` characters.
pub fn payload_line(payload: &[u8], max: usize) -> String {
    let text = match serde_json::from_slice::<Value>(payload) {
        Ok(v) => v.to_string(),
        Err(_) => String::from_utf8_lossy(payload).replace(['\n', '\r'], " "),
    };
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_short() {
        assert_eq!(age(5.2), "5s");
        assert_eq!(age(180.0), "3m");
        assert_eq!(age(185.0), "3m5s");
        assert_eq!(age(7200.0), "2h");
        assert_eq!(age(90_000.0), "1d1h");
        assert_eq!(age(-1.0), "-");
    }

    #[test]
    fn payloads_survive_any_bytes() {
        assert_eq!(payload_json(br#"{"a":1}"#), serde_json::json!({"a": 1}));
        assert_eq!(payload_json(b"plain"), serde_json::json!("plain"));
        assert!(payload_json(b"\xff\xfe").is_string());
        assert_eq!(payload_line(b"abcdefghij", 5), "abcd…");
    }
}
