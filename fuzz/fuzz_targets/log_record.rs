//! The log-record parsers: a `kryten.logs.{svc}` payload and a line of a
//! tailed file, then the length cap applied to every message.
#![no_main]

use krytend::protocol::log::{parse_file_line, parse_nats_log, truncate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parsed = parse_nats_log(data);
    let cap = data.first().map_or(0, |&b| usize::from(b));
    truncate(&mut parsed.message, cap);
    let line = String::from_utf8_lossy(data);
    let mut parsed = parse_file_line(&line);
    truncate(&mut parsed.message, cap);
    // What krytenctl prints of a message never carries a control character.
    let shown = krytenctl::output::sanitize(&parsed.message);
    assert!(!shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
});
