//! krytenctl end to end: output shapes and exit codes as `cli.md` sets them.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};

use kryten_e2e::{bus, ctl, nats, stderr, stdout, Daemon, SimService, SimSpec, FAST_LIVENESS};
use kryten_proto::v1::ServiceStatus;
use serde_json::Value;

async fn fleet() -> (kryten_e2e::NatsServer, Daemon, Vec<SimService>) {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let client = bus(&nats.url()).await;
    let mut degraded = SimSpec::new("llm").heartbeat(Some(Duration::from_millis(300)));
    degraded.reported_status = Some("degraded".into());
    let mut with_events = SimSpec::new("alpha").heartbeat(Some(Duration::from_millis(300)));
    with_events.channel_events = Some(("lounge".into(), Duration::from_millis(50)));
    with_events.health_port = Some(29101);
    let svcs = vec![
        SimService::start(client.clone(), with_events).await.expect("sim"),
        SimService::start(client.clone(), degraded).await.expect("sim"),
    ];
    d.wait_status("alpha", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    d.wait_status("llm", ServiceStatus::Degraded, Duration::from_secs(5))
        .await;
    (nats, d, svcs)
}

#[tokio::test]
async fn services_ls_prints_a_table_and_stable_json() {
    let (_n, d, _s) = fleet().await;
    let out = d.ctl(&["services", "ls"]).await;
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let header = text.lines().next().expect("header");
    for col in ["NAME", "STATUS", "VERSION", "HOST", "UPTIME", "LAST-HB", "INTERVAL"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(
        text.lines().any(|l| l.starts_with("alpha") && l.contains("healthy")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("llm") && l.contains("degraded")),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no color when not a terminal");

    let out = d.ctl(&["services", "ls", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["kind"], "ServiceList");
    let alpha = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|s| s["name"] == "alpha")
        .expect("alpha");
    assert_eq!(alpha["status"], "healthy");
    assert_eq!(alpha["endpoints"][0]["url"], "http://demo-host:29101/health");
    assert!(alpha["lastSeen"].as_str().expect("time").ends_with('Z'), "RFC 3339 UTC");

    let out = d.ctl(&["services", "ls", "--status", "degraded", "-o", "name"]).await;
    assert_eq!(stdout(&out), "service/llm\n");
    let out = d.ctl(&["services", "ls", "--no-headers"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let names: Vec<&str> = text.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(names, ["alpha", "llm"], "the rows without the header: {text}");
    assert!(!text.contains("NAME"), "{text}");
    let out = d.ctl(&["services", "ls", "-o", "yaml"]).await;
    assert!(stdout(&out).starts_with("kind: ServiceList"), "{}", stdout(&out));
}

#[tokio::test]
async fn get_and_describe_one_service_and_unknown_is_exit_5() {
    let (_n, d, _s) = fleet().await;
    let out = d.ctl(&["services", "describe", "alpha"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for want in [
        "Name:          alpha",
        "Timeline:",
        "Recent events:",
        "Reliability:",
        "first seen: ",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    let out = d.ctl(&["services", "get", "nosuch"]).await;
    assert_eq!(out.status.code(), Some(5));
    let err = stderr(&out);
    assert!(
        err.contains("nosuch") && err.contains("alpha"),
        "names the known ones: {err}"
    );
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[tokio::test]
async fn events_filters_and_time_syntax() {
    let (_n, d, _s) = fleet().await;
    let out = d
        .ctl(&[
            "events",
            "ls",
            "--subject",
            "kryten.events.cytube.*.chatmsg",
            "-n",
            "5",
            "-o",
            "json",
        ])
        .await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = v["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|e| e["subject"] == "kryten.events.cytube.lounge.chatmsg"),
        "{v}"
    );
    assert!(items.iter().all(|e| e["correlationId"].is_string()));

    let out = d
        .ctl(&["events", "ls", "--type", "status", "--service", "llm", "-o", "jsonl"])
        .await;
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl"))
        .collect();
    assert!(lines.iter().any(|e| e["payload"]["to"] == "degraded"), "{lines:?}");

    // Only one in three of alpha's events is a chat message saying "hello #N".
    let items = kryten_e2e::eventually(Duration::from_secs(10), "three chat messages", || async {
        let out = d
            .ctl(&["events", "ls", "--grep", "hello #[0-9]+", "-n", "3", "-o", "json"])
            .await;
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        let items = v["items"].as_array().expect("items").clone();
        (items.len() == 3).then_some(items)
    })
    .await;
    for e in &items {
        assert_eq!(e["subject"], "kryten.events.cytube.lounge.chatmsg", "{e}");
        let msg = e["payload"]["payload"]["msg"].as_str().unwrap_or("");
        assert!(msg.starts_with("hello #"), "{e}");
    }

    // Everything here was received in the last minute: inside the last
    // hour up to now, and nothing until an hour ago.
    let out = d
        .ctl(&[
            "events", "ls", "--since", "1h", "--until", "now", "-n", "1", "-o", "json",
        ])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = v["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{v}");
    let received = items[0]["received"].as_str().expect("received time");
    let received_us = krytend::protocol::timestamp::parse_iso_us(received).expect("RFC 3339");
    let now_us = krytend::protocol::timestamp::now_us();
    assert!(
        (now_us - 60_000_000..=now_us).contains(&received_us),
        "{received} is not within the last minute"
    );
    let out = d
        .ctl(&["events", "ls", "--since", "2h", "--until", "1h", "-o", "json"])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["items"].as_array().map(Vec::len), Some(0), "{v}");
    let out = d
        .ctl(&["events", "ls", "--since", "2w", "--until", "2020-01-01", "-o", "json"])
        .await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["items"].as_array().map(Vec::len), Some(0));
    assert!(stderr(&out).contains("no events found"));

    // Paging back from a sequence number gives the newest events below it.
    let out = d.ctl(&["events", "ls", "-n", "4", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let newest: Vec<u64> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["seq"].as_u64())
        .collect();
    assert_eq!(newest.len(), 4, "{v}");
    let before = newest[2].to_string();
    let out = d
        .ctl(&["events", "ls", "-n", "2", "--before", &before, "-o", "json"])
        .await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let page: Vec<u64> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["seq"].as_u64())
        .collect();
    assert_eq!(page, newest[..2].to_vec(), "{v}");
    // A table that is not all says how to get the next page.
    let out = d.ctl(&["events", "ls", "-n", "2"]).await;
    assert!(
        stderr(&out).contains("for the next page") && stderr(&out).contains("--before "),
        "{}",
        stderr(&out)
    );

    for bad in [
        vec!["events", "ls", "--after", "1", "--before", "9"],
        vec!["events", "ls", "--since", "soon"],
        vec!["events", "ls", "--grep", "("],
        vec!["events", "ls", "--subject", "a.>.b"],
        vec!["events", "ls", "--type", "nonsense"],
    ] {
        let out = d.ctl(&bad).await;
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty());
    }
}

#[tokio::test]
async fn events_tail_without_follow_prints_the_last_n() {
    let (n, d, _s) = fleet().await;
    // A channel of its own that nothing else writes to, so "the last four"
    // holds still while it is checked.
    const SUBJECT: &str = "kryten.events.cytube.quiet.chatmsg";
    let c = bus(&n.url()).await;
    for i in 0..10 {
        c.publish(SUBJECT, format!("{{\"i\":{i}}}").into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");
    let stored: Vec<u64> = kryten_e2e::eventually(Duration::from_secs(10), "all ten stored", || async {
        let out = d.ctl(&["events", "ls", "--subject", SUBJECT, "-o", "json"]).await;
        let v: Value = serde_json::from_slice(&out.stdout).ok()?;
        let seqs: Vec<u64> = v["items"]
            .as_array()?
            .iter()
            .filter_map(|e| e["seq"].as_u64())
            .collect();
        (seqs.len() == 10).then_some(seqs)
    })
    .await;
    let mut newest = stored.clone();
    newest.sort_unstable();
    let newest = newest.split_off(6);
    let out = d
        .ctl(&[
            "events",
            "tail",
            "-n",
            "4",
            "--subject",
            "kryten.events.cytube.quiet.*",
            "--type",
            "channel_event",
            "-o",
            "jsonl",
        ])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got: Vec<(u64, u64)> = stdout(&out)
        .lines()
        .map(|l| {
            let v = serde_json::from_str::<Value>(l).expect("json");
            (
                v["seq"].as_u64().expect("seq"),
                v["payload"]["i"].as_u64().expect("payload i"),
            )
        })
        .collect();
    // The last four, oldest first.
    assert_eq!(
        got,
        newest.into_iter().zip(6..10).collect::<Vec<_>>(),
        "{}",
        stdout(&out)
    );
}

#[tokio::test]
async fn health_speaks_nagios() {
    let (_n, d, _s) = fleet().await;
    let out = d.ctl(&["health"]).await;
    assert_eq!(out.status.code(), Some(1), "degraded is a warning: {}", stdout(&out));
    assert!(stdout(&out).starts_with("WARNING:"), "{}", stdout(&out));
    let out = d.ctl(&["health", "--fail-on", "degraded", "--format", "nagios"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).starts_with("KRYTEN CRITICAL - "), "{}", stdout(&out));
    assert!(stdout(&out).contains("| services=2"), "perfdata: {}", stdout(&out));
    let out = d.ctl(&["health", "--require", "alpha,ghost", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["missing"], serde_json::json!(["ghost"]));
    let out = ctl("unix:///nonexistent/krytend.sock", &["health"]).await;
    assert_eq!(out.status.code(), Some(3), "cannot look: UNKNOWN");
}

#[tokio::test]
async fn wait_succeeds_waits_for_newcomers_and_times_out_with_exit_1() {
    let (n, d, _s) = fleet().await;
    let out = d.ctl(&["wait", "--for=healthy", "alpha", "--timeout", "5s"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Not there yet: waited for, not an error. Waiting on alpha as well
    // gives a marker: with -v the waiter names alpha's status once its
    // watch is open, and only then does the latecomer start.
    let mut waiter = tokio::process::Command::new(kryten_e2e::bin("krytenctl"))
        .args([
            "--server",
            &d.server(),
            "-v",
            "wait",
            "--for=healthy",
            "latecomer",
            "alpha",
        ])
        .args(["--timeout", "20s"])
        .env("NO_COLOR", "1")
        .env("KRYTEN_CONFIG", "/nonexistent/kryten-config.yaml")
        .env_remove("KRYTEN_TOKEN")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn krytenctl wait");
    let mut err = BufReader::new(waiter.stderr.take().expect("stderr")).lines();
    let mut said = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(l) = err.next_line().await.expect("read stderr") {
            let watching = l == "alpha: healthy";
            said.push(l);
            if watching {
                return;
            }
        }
        panic!("krytenctl wait ended first: {said:?}");
    })
    .await
    .expect("the waiter watching within 10 s");
    assert!(
        waiter.try_wait().expect("try_wait").is_none(),
        "still waiting: {said:?}"
    );
    let _late = SimService::start(
        bus(&n.url()).await,
        SimSpec::new("latecomer").heartbeat(Some(Duration::from_millis(300))),
    )
    .await
    .expect("sim");
    let status = tokio::time::timeout(Duration::from_secs(20), waiter.wait())
        .await
        .expect("the waiter done within 20 s")
        .expect("wait");
    while let Some(l) = err.next_line().await.expect("read stderr") {
        said.push(l);
    }
    assert_eq!(status.code(), Some(0), "{said:?}");
    assert!(said.iter().any(|l| l == "latecomer: healthy"), "{said:?}");
    assert!(said.iter().any(|l| l.starts_with("condition met")), "{said:?}");
    let out = d.ctl(&["wait", "--for=down", "alpha", "--timeout", "500ms"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("alpha is healthy"), "{}", stderr(&out));
}

#[tokio::test]
async fn status_and_unreachable_daemon() {
    let (_n, d, _s) = fleet().await;
    let out = d.ctl(&["status", "-o", "json"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["kind"], "Status");
    assert_eq!(v["bus"]["state"], "connected");
    assert!(v["ingest"]["accepted"].as_u64().expect("accepted") > 0);
    assert_eq!(v["ingest"]["dropped"], 0);
    let out = ctl("unix:///nonexistent/krytend.sock", &["services", "ls"]).await;
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.starts_with("krytenctl: cannot reach krytend at unix:///nonexistent/krytend.sock"),
        "{err}"
    );
    assert!(err.contains("is krytend running?"), "{err}");
    let out = ctl("unix:///nonexistent/krytend.sock", &["services", "frobnicate"]).await;
    assert_eq!(out.status.code(), Some(2), "usage error");
}

#[tokio::test]
async fn completion_scripts_are_printed() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = ctl("unix:///unused", &["completion", shell]).await;
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("krytenctl"), "{shell}");
    }
}
