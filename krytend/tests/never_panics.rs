//! Classification is total: random, huge, non-UTF-8 and deeply nested
//! payloads on any subject give an answer, never a panic.

use krytend::protocol::classify;
use proptest::prelude::*;

const SUBJECTS: [&str; 12] = [
    "kryten.lifecycle.a.startup",
    "kryten.lifecycle.a.heartbeat",
    "kryten.lifecycle.a.shutdown",
    "kryten.lifecycle.a.connected",
    "kryten.lifecycle.group.restart",
    "kryten.service.discovery.poll",
    "kryten.service.discovery",
    "kryten.service.heartbeat",
    "kryten.events.cytube.lounge.chatmsg",
    "kryten.logs.a",
    "kryten.a.command",
    "kryten.something.else",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes_on_every_subject(idx in 0usize..SUBJECTS.len(), payload in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = classify(SUBJECTS[idx], &payload);
    }

    #[test]
    fn random_subjects(subject in "[a-z._>*]{0,40}", payload in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = classify(&subject, &payload);
    }

    #[test]
    fn json_shaped_noise(idx in 0usize..SUBJECTS.len(), json in r#"\{("[a-z_]{1,12}":(null|true|-?[0-9]{1,20}(\.[0-9]+)?(e[0-9]{1,4})?|"[^"\\]{0,20}"|\[\]|\{\}),?){0,8}\}"#) {
        let _ = classify(SUBJECTS[idx], json.as_bytes());
    }
}

#[test]
fn a_one_mebibyte_payload_is_handled() {
    let blob = format!(
        "{{\"service\":\"a\",\"uptime_seconds\":1,\"blob\":\"{}\"}}",
        "x".repeat(1 << 20)
    );
    for s in SUBJECTS {
        let _ = classify(s, blob.as_bytes());
        let _ = classify(s, &vec![0xffu8; 1 << 20]);
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    for depth in [100, 10_000, 1_000_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let obj = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        for s in SUBJECTS {
            let _ = classify(s, nested.as_bytes());
            let _ = classify(s, obj.as_bytes());
        }
    }
}

#[test]
fn invalid_utf8_inside_json_strings() {
    for s in SUBJECTS {
        let c = classify(s, b"{\"service\":\"\xff\xfe\",\"uptime_seconds\":1}");
        let _ = c.error;
    }
}
