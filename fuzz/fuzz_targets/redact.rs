//! Config redaction over any JSON document a service may return as its
//! config: no panic, and the same input always gives the same output (the
//! keyed hash is what makes a changed secret show as changed).
#![no_main]

use krytend::configs::{diff::diff, redact};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let keys: Vec<String> = redact::DEFAULT_SECRET_KEYS.iter().map(|s| s.to_string()).collect();
    let r = redact::Redactor::new(&keys, b"fuzz-key".to_vec());
    let once = r.redact(&v);
    assert_eq!(once, r.redact(&v));
    let _ = redact::content_hash(&once);
    let _ = diff(&v, &once);
});
