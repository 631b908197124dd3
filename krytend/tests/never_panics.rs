//! Classification is total: random, huge, non-UTF-8 and deeply nested
//! payloads on any subject give an answer, never a panic.

use krytend::protocol::{classify, Classified, Kind};
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

/// What each of [`SUBJECTS`] is classified as, and whether that kind's
/// payload must be a JSON object (so an unreadable one is flagged).
const EXPECTED: [(Kind, bool); 12] = [
    (Kind::Startup, true),
    (Kind::Heartbeat, true),
    (Kind::Shutdown, true),
    (Kind::Connected, true),
    (Kind::GroupRestart, true),
    (Kind::DiscoveryPoll, false),
    (Kind::Discovery, true),
    (Kind::ServiceHeartbeat, true),
    (Kind::ChannelEvent, true),
    (Kind::Log, false),
    (Kind::Command, true),
    (Kind::Other, false),
];

/// The flag a payload that is not valid JSON got on `SUBJECTS[i]`.
fn error_of(i: usize, c: &Classified) -> &str {
    assert_eq!(c.kind, EXPECTED[i].0, "{}: kind", SUBJECTS[i]);
    c.error.as_deref().unwrap_or("")
}

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
    let binary = vec![0xffu8; 1 << 20];
    for (i, s) in SUBJECTS.iter().enumerate() {
        if is_lifecycle(s) {
            // Over the lifecycle cap: kept raw, flagged, and only the
            // subject's service name counts (its state stays bounded).
            for payload in [blob.as_bytes(), &binary] {
                let c = classify(s, payload);
                let e = error_of(i, &c);
                assert!(
                    e.starts_with(&format!("payload of {} bytes is over the", payload.len())),
                    "{s}: {e:?}"
                );
                if let Some(lc) = &c.lifecycle {
                    assert!(lc.extras.is_empty(), "{s}: no extras from an oversized payload");
                }
            }
            continue;
        }
        // Read in full, like a small one: not cut short, not refused.
        let c = classify(s, blob.as_bytes());
        let want = if EXPECTED[i].0 == Kind::Command {
            "request has no \"command\" string"
        } else {
            ""
        };
        assert_eq!(error_of(i, &c), want, "{s}");
        if let Some(lc) = &c.lifecycle {
            assert_eq!((lc.service.as_str(), lc.uptime_seconds), ("a", Some(1.0)), "{s}");
            let kept = lc.extras.get("blob").and_then(|v| v.as_str()).map(str::len);
            assert_eq!(kept, Some(1 << 20), "{s}: the extra field kept whole");
        }
        if s.starts_with("kryten.lifecycle.a.") || *s == "kryten.service.discovery" {
            assert!(c.lifecycle.is_some(), "{s}: a lifecycle message");
        }
        // A mebibyte of bytes that are not UTF-8: flagged where a payload
        // is read at all.
        let c = classify(s, &binary);
        let flagged = EXPECTED[i].1 || EXPECTED[i].0 == Kind::Log;
        let want = if flagged { "payload is not UTF-8" } else { "" };
        assert_eq!(error_of(i, &c), want, "{s}");
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    for depth in [100, 10_000, 1_000_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let obj = format!("{}null{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        for (i, s) in SUBJECTS.iter().enumerate() {
            let arr = classify(s, nested.as_bytes());
            let arr = error_of(i, &arr).to_string();
            let o = classify(s, obj.as_bytes());
            let o = error_of(i, &o).to_string();
            if !EXPECTED[i].1 {
                // Not read as an object: nesting is nothing to flag (a log
                // line that is not JSON is plain text).
                assert_eq!((arr.as_str(), o.as_str()), ("", ""), "{s} at depth {depth}");
            } else if is_lifecycle(s) && nested.len() > 65_536 {
                // Over the lifecycle cap before the parser is reached.
                for e in [&arr, &o] {
                    assert!(e.contains("over the 65536-byte limit"), "{s} at depth {depth}: {e:?}");
                }
            } else if depth == 100 {
                // Within the parser's limit: read, and judged by its shape.
                assert_eq!(arr, "payload is a JSON array, not an object", "{s}");
                let want = match EXPECTED[i].0 {
                    Kind::Command => "request has no \"command\" string",
                    Kind::Discovery | Kind::ServiceHeartbeat => "payload has no \"service\" name",
                    _ => "",
                };
                assert_eq!(o, want, "{s}: 100 levels of objects are a valid object");
            } else if EXPECTED[i].0 == Kind::ChannelEvent {
                // The channel fast path reads the fields it indexes and
                // skips the rest without descending: a deep but valid
                // object is accepted, a deep array is not an object.
                assert!(arr.contains("recursion limit"), "{s} at depth {depth}: {arr:?}");
                assert_eq!(o, "", "{s} at depth {depth}");
            } else {
                for e in [&arr, &o] {
                    assert!(
                        e.starts_with("payload is not JSON") && e.contains("recursion limit"),
                        "{s} at depth {depth}: {e:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn invalid_utf8_inside_json_strings() {
    for (i, s) in SUBJECTS.iter().enumerate() {
        let c = classify(s, b"{\"service\":\"\xff\xfe\",\"uptime_seconds\":1}");
        let flagged = EXPECTED[i].1 || EXPECTED[i].0 == Kind::Log;
        let want = if flagged { "payload is not UTF-8" } else { "" };
        assert_eq!(error_of(i, &c), want, "{s}");
        // No service name is made up from the bytes.
        assert!(c.service.as_deref().is_none_or(|n| n == "a"), "{s}: {:?}", c.service);
    }
}

/// Whether the subject carries lifecycle messages (capped in size).
fn is_lifecycle(subject: &str) -> bool {
    classify(subject, br#"{"service":"a"}"#).lifecycle.is_some()
}
