//! `krytenctl config diff --against FILE`: the YAML (or JSON) a viewer
//! sends is parsed, redacted and diffed against the latest revision, as
//! the DiffConfig handler does.
#![no_main]

use krytend::configs::{diff::diff, redact};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The same bounded parser the handler uses (byte and node budgets).
    let Ok(v) = krytend::configs::document::parse(text, krytend::configs::document::CONFIG_LIMITS) else {
        return;
    };
    let keys: Vec<String> = redact::DEFAULT_SECRET_KEYS.iter().map(|s| s.to_string()).collect();
    let r = redact::Redactor::new(&keys, b"fuzz-key".to_vec());
    let desired = r.redact(&v);
    let latest = serde_json::json!({"channel": "main", "nats": {"url": "nats://u:p@h:4222"}, "list": [1, 2, 3]});
    let _ = diff(&desired, &r.redact(&latest));
});
