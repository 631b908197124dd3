//! Text from the bus never reaches the terminal as control sequences:
//! krytenctl's text output shows them escaped, its JSON keeps them exact.

use std::time::Duration;

use kryten_e2e::{bus, ctl, eventually, nats, stderr, stdout, Daemon};
use serde_json::{json, Value};

/// Sets the terminal title, then clears the screen.
/// A service name the registry admits, with a bidi override in it.
const NAME: &str = "evil\u{202e}gnp.exe";
const NAME_SHOWN: &str = "evil\\u{202e}gnp.exe";
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
/// The same, as krytenctl shows it.
const SHOWN: &str = "\\x1b]0;pwned\\x07\\x1b[2J";

/// A control byte, C1 control or bidi override, wherever it is.
fn control_in(bytes: &[u8]) -> Option<char> {
    String::from_utf8_lossy(bytes).chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// A hostile service (name, version, host) with a hostile log line, on a
/// real bus, recorded by a real daemon.
async fn hostile_fleet() -> (kryten_e2e::NatsServer, Daemon, String) {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let c = bus(&nats.url()).await;
    // A name with control characters is refused by the registry (and shows
    // in `status` as the last refused name); one with a bidi override is
    // admitted and must be escaped wherever it is printed.
    let refused = json!({"service": format!("evil{HOSTILE}"), "uptime_seconds": 1.0});
    c.publish("kryten.service.discovery", refused.to_string().into())
        .await
        .expect("publish");
    let name = NAME.to_string();
    let startup = json!({
        "service": name,
        "version": format!("1.0{HOSTILE}"),
        "hostname": "host\u{202e}txt.exe\u{9b}31m",
        "uptime_seconds": 1.0,
    });
    c.publish("kryten.service.discovery", startup.to_string().into())
        .await
        .expect("publish");
    let log = json!({"service": name, "level": "error", "message": format!("boom {HOSTILE} done")});
    c.publish("kryten.logs.evil", log.to_string().into())
        .await
        .expect("publish");
    c.flush().await.expect("flush");
    let server = d.server();
    eventually(
        Duration::from_secs(10),
        "the hostile service and log line recorded",
        || {
            let server = server.clone();
            async move {
                let s = ctl(&server, &["services", "ls", "-o", "json"]).await;
                let l = ctl(&server, &["logs", "--all", "-o", "json"]).await;
                (stdout(&s).contains("evil") && stdout(&l).contains("boom")).then_some(())
            }
        },
    )
    .await;
    (nats, d, name)
}

fn assert_escaped(what: &str, out: &std::process::Output) {
    assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(out));
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(c) = control_in(bytes) {
            panic!(
                "{what}: raw {c:?} on {stream}:\n{}",
                String::from_utf8_lossy(bytes).escape_debug()
            );
        }
    }
}

#[tokio::test]
async fn text_output_escapes_control_sequences_from_the_bus() {
    let (_n, d, _name) = hostile_fleet().await;
    for args in [
        &["services", "ls"][..],
        &["services", "ls", "-o", "wide"],
        &["services", "ls", "-o", "name"],
        &["services", "describe", NAME],
        &["logs", "--all"],
        &["logs", "--all", "--prefix", "--timestamps"],
        &["events", "ls"],
        &["events", "ls", "-o", "wide"],
        &["status"],
    ] {
        let out = d.ctl(args).await;
        assert_escaped(&format!("krytenctl {}", args.join(" ").escape_debug()), &out);
    }
    let out = d.ctl(&["services", "ls"]).await;
    assert!(stdout(&out).contains(NAME_SHOWN), "{}", stdout(&out));
    assert!(stdout(&out).contains(&format!("1.0{SHOWN}")), "{}", stdout(&out));
    let out = d.ctl(&["services", "ls", "-o", "wide"]).await;
    assert!(
        stdout(&out).contains("host\\u{202e}txt.exe\\u{9b}31m"),
        "{}",
        stdout(&out)
    );
    let out = d.ctl(&["logs", "--all"]).await;
    assert!(stdout(&out).contains(&format!("boom {SHOWN} done")), "{}", stdout(&out));

    // An error that echoes a name from the bus back is escaped too.
    let out = d.ctl(&["services", "describe", &format!("nothere{HOSTILE}")]).await;
    assert!(control_in(&out.stderr).is_none(), "{}", stderr(&out).escape_debug());
}

#[tokio::test]
async fn colored_output_keeps_only_its_own_colors() {
    let (_n, d, _name) = hostile_fleet().await;
    for args in [
        &["services", "ls", "--color", "always"][..],
        &["services", "describe", "--color", "always", NAME],
        &["logs", "--all", "--prefix", "--color", "always", "-g", "boom"],
        &["events", "ls", "--color", "always"],
    ] {
        let out = d.ctl(args).await;
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        for bad in ["\u{1b}]", "\u{1b}[2J", "\u{7}", "\u{202e}", "\u{9b}"] {
            assert!(!text.contains(bad), "{bad:?} in {:?}:\n{}", args, text.escape_debug());
        }
    }
}

#[tokio::test]
async fn machine_output_keeps_the_exact_strings() {
    let (_n, d, name) = hostile_fleet().await;
    let out = d.ctl(&["services", "ls", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let evil = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|s| s["name"] == name.as_str())
        .expect("the hostile name, exact");
    assert_eq!(evil["version"], format!("1.0{HOSTILE}"));
    assert_eq!(evil["hostname"], "host\u{202e}txt.exe\u{9b}31m");

    let out = d.ctl(&["logs", "--all", "-o", "jsonl"]).await;
    let line = stdout(&out);
    let rec: Value = serde_json::from_str(line.lines().find(|l| l.contains("boom")).expect("record")).expect("jsonl");
    assert_eq!(rec["message"], format!("boom {HOSTILE} done"));

    let out = d.ctl(&["events", "ls", "-o", "jsonl"]).await;
    let text = stdout(&out);
    assert!(
        text.lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .any(|e| e["payload"]["service"] == name.as_str()),
        "{text}"
    );
}
