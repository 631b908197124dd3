//! krytenctl end to end: output shapes and exit codes as `cli.md` sets them.

use std::time::Duration;

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
    assert!(!stdout(&out).contains("NAME"));
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

    let out = d
        .ctl(&["events", "ls", "--grep", "hello #[0-9]+", "-n", "3", "-o", "json"])
        .await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|e| e["payload"]["payload"]["msg"]
            .as_str()
            .is_some_and(|m| m.starts_with("hello #"))));

    let out = d
        .ctl(&["events", "ls", "--since", "1h", "--until", "now", "-n", "1"])
        .await;
    assert_eq!(out.status.code(), Some(0));
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
    let (_n, d, _s) = fleet().await;
    let out = d
        .ctl(&["events", "tail", "-n", "4", "--type", "channel_event", "-o", "jsonl"])
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let seqs: Vec<u64> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("json")["seq"]
                .as_u64()
                .expect("seq")
        })
        .collect();
    assert_eq!(seqs.len(), 4);
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
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
    // Not there yet: waited for, not an error.
    let server = d.server();
    let waiter =
        tokio::spawn(async move { ctl(&server, &["wait", "--for=healthy", "latecomer", "--timeout", "10s"]).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _late = SimService::start(
        bus(&n.url()).await,
        SimSpec::new("latecomer").heartbeat(Some(Duration::from_millis(300))),
    )
    .await
    .expect("sim");
    let out = waiter.await.expect("join");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
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
