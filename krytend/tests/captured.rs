//! Every payload captured from the real fleet classifies as the protocol
//! document says.

use krytend::protocol::{classify, Kind, LifecycleKind};
use serde_json::Value;

#[test]
fn every_captured_payload_classifies_as_documented() {
    let text = include_str!("data/captured-payloads.jsonl");
    let mut seen = std::collections::BTreeMap::<&'static str, usize>::new();
    for (i, line) in text.lines().enumerate() {
        let rec: Value = serde_json::from_str(line).expect("capture line is JSON");
        let subject = rec["subject"].as_str().expect("subject");
        let payload = match &rec["payload"] {
            Value::String(s) => s.clone().into_bytes(),
            v => v.to_string().into_bytes(),
        };
        let c = classify(subject, &payload);
        *seen.entry(c.kind.as_str()).or_default() += 1;
        let ctx = format!("line {}: {subject}", i + 1);
        let tokens: Vec<&str> = subject.split('.').collect();
        match tokens.as_slice() {
            ["kryten", "lifecycle", "group", "restart"] => {
                assert_eq!(c.kind, Kind::GroupRestart, "{ctx}");
                assert!(c.lifecycle.is_none(), "{ctx}");
            }
            ["kryten", "lifecycle", svc, ev] => {
                let lc = c.lifecycle.as_ref().expect(&ctx);
                assert_eq!(lc.service, *svc, "{ctx}");
                let want = match *ev {
                    "startup" => LifecycleKind::Startup,
                    "heartbeat" => LifecycleKind::Heartbeat,
                    "shutdown" => LifecycleKind::Shutdown,
                    "connected" => LifecycleKind::Connected,
                    "disconnected" => LifecycleKind::Disconnected,
                    other => panic!("{ctx}: unexpected lifecycle event {other}"),
                };
                assert_eq!(lc.kind, want, "{ctx}");
                assert!(lc.uptime_seconds.is_some(), "{ctx}: uptime");
                assert!(lc.version.is_some() && lc.hostname.is_some(), "{ctx}");
                assert!(c.event_time_us.is_some(), "{ctx}: timestamp");
                if want == LifecycleKind::Shutdown {
                    assert!(lc.reason.is_some(), "{ctx}: reason");
                }
                if matches!(want, LifecycleKind::Connected | LifecycleKind::Disconnected) {
                    assert!(lc.target.is_some(), "{ctx}: target");
                }
                assert_eq!(c.error, None, "{ctx}");
            }
            ["kryten", "service", "discovery", "poll"] => {
                assert_eq!(c.kind, Kind::DiscoveryPoll, "{ctx}")
            }
            ["kryten", "events", "cytube", ch, ev] => {
                assert_eq!(c.kind, Kind::ChannelEvent, "{ctx}");
                assert_eq!(c.channel.as_deref(), Some(*ch), "{ctx}");
                assert_eq!(c.event_type.as_deref(), Some(*ev), "{ctx}");
                assert!(c.correlation_id.is_some(), "{ctx}: correlation id");
                assert_eq!(c.error, None, "{ctx}");
            }
            ["kryten", "logs", svc] => {
                assert_eq!(c.kind, Kind::Log, "{ctx}");
                assert_eq!(c.service.as_deref(), Some(*svc), "{ctx}");
                assert!(c.event_type.is_some(), "{ctx}: level");
            }
            ["kryten", svc, "command"] => {
                assert_eq!(c.kind, Kind::Command, "{ctx}");
                assert_eq!(c.service.as_deref(), Some(*svc), "{ctx}");
                match rec["payload"].get("command") {
                    Some(cmd) => {
                        assert_eq!(c.event_type.as_deref(), cmd.as_str(), "{ctx}: command name")
                    }
                    // The captured "this is not json" request and the one
                    // without a command are malformed, and said to be.
                    None => assert!(c.error.is_some(), "{ctx}: flagged"),
                }
            }
            ["_INBOX", ..] => assert_eq!(c.kind, Kind::Reply, "{ctx}"),
            _ => panic!("{ctx}: subject not covered by this test"),
        }
    }
    for kind in [
        "startup",
        "heartbeat",
        "shutdown",
        "connected",
        "disconnected",
        "group_restart",
        "discovery_poll",
        "channel_event",
        "log",
        "command",
        "reply",
    ] {
        assert!(seen.contains_key(kind), "the capture has no {kind}: {seen:?}");
    }
}
