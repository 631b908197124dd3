//! The time parsers: the daemon's ISO 8601 reader (timestamps in payloads
//! and log lines) and krytenctl's time syntax (`--since`, `--before`, ...).
#![no_main]

use krytend::protocol::timestamp::{format_us, parse_iso_us};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Some(us) = parse_iso_us(s) {
        // What we print, we read back to the same instant.
        let shown = format_us(us);
        if !shown.is_empty() {
            assert_eq!(parse_iso_us(&shown), Some(us), "{s:?} -> {us} -> {shown:?}");
        }
    }
    let now = krytenctl::timespec::zoned_at("2026-11-21T10:00:00Z", "Europe/Paris");
    let _ = krytenctl::timespec::parse(s, &now);
    let _ = krytenctl::timespec::duration(s);
});
