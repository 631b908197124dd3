//! The web UI in a real browser (Debian's Chromium driven by Playwright)
//! against the real daemon, a real nats-server and simulated services on
//! the bus. Screenshots land in target/ui-artifacts/.

use std::time::Duration;

use kryten_e2e::{
    api_guard::{host_port, token},
    browser::Browser,
    bus, nats, Daemon, SimService, SimSpec, FAST_LIVENESS,
};
use serde_json::json;

async fn base(d: &Daemon) -> String {
    format!("http://{}", host_port(&d.ws().await))
}

fn quick(name: &str) -> SimSpec {
    let mut s = SimSpec::new(name).heartbeat(Some(Duration::from_millis(500)));
    s.version = "2.0.0".into();
    s
}

#[tokio::test]
async fn sign_in_refuses_a_bad_token_then_shows_the_fleet_live_and_a_killed_service_goes_down() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let c = bus(&nats.url()).await;
    let steady = SimService::start(c.clone(), quick("steady")).await.expect("sim");
    let doomed = SimService::start(c.clone(), quick("doomed")).await.expect("sim");
    let viewer = token(&d, "ui-viewer", "viewer", &[]).await;
    let url = base(&d).await;
    let mut b = Browser::launch().await;

    // First load to a usable sign-in page.
    let load_ms = b.open(&format!("{url}/")).await;
    b.wait_for("input[name=token]").await;
    b.fill("input[name=token]", "kt_forged_0000").await;
    b.click("button[type=submit]").await;
    b.wait_for_text("[role=alert]", "not valid", 10_000).await;
    b.screenshot("login-refused").await;

    b.fill("input[name=token]", &viewer).await;
    b.click("button[type=submit]").await;
    b.wait_for("[data-conn=open]").await;
    b.wait_for("[data-service=steady] [data-status=healthy]").await;
    b.wait_for("[data-service=doomed] [data-status=healthy]").await;
    // What a first visit costs once signed in: the overview, usable.
    let overview_ms =
        b.open(&format!("{url}/")).await + b.wait_for("[data-service=doomed] [data-status=healthy]").await;
    b.screenshot("overview").await;
    assert_eq!(
        b.count("[data-service] [data-action]").await,
        0,
        "quick actions shown to a viewer"
    );

    // Killed without a word: the card turns down within its deadline
    // (3 missed heartbeats at 0.5 s, plus pings), without a reload.
    doomed.crash().await;
    let took = b
        .wait_for_text("[data-service=doomed] [data-status]", "down", 10_000)
        .await;
    assert_eq!(b.text("[data-service=steady] [data-status]").await, "healthy");
    assert_eq!(b.text("[data-count=down] .big").await, "1");
    b.screenshot("overview-down").await;
    eprintln!(
        "first load {load_ms} ms; signed-in overview usable in {overview_ms} ms; down shown {took} ms after the kill"
    );
    assert!(overview_ms < 2_000, "overview took {overview_ms} ms");
    steady.shutdown().await;
}

#[tokio::test]
async fn a_viewer_sees_no_control_buttons_and_a_forged_command_is_refused_by_the_server() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let c = bus(&nats.url()).await;
    let svc = SimService::start(c.clone(), quick("api")).await.expect("sim");
    let viewer = token(&d, "ui-viewer2", "viewer", &[]).await;
    let url = base(&d).await;
    let mut b = Browser::launch().await;
    b.sign_in(&url, &viewer).await;
    assert_eq!(b.text("[data-role]").await, "viewer");
    b.open(&format!("{url}/#/services/api")).await;
    b.wait_for("[data-page=service]").await;
    assert_eq!(b.count("[data-control]").await, 0, "control panel shown to a viewer");
    assert_eq!(b.count("[data-action]").await, 0, "action buttons shown to a viewer");
    b.screenshot("service-viewer").await;
    // The page's own session, asked directly: the server refuses.
    let verdict = b
        .eval(&format!(
            "new Promise((ok) => {{ const ws = new WebSocket(`ws://${{location.host}}/ws`);
               ws.onopen = () => ws.send(JSON.stringify({{type: 'auth', token: {viewer:?}}}));
               ws.onmessage = (e) => {{ const m = JSON.parse(e.data);
                 if (m.type === 'auth_ok') ws.send(JSON.stringify({{type: 'command', id: 'x', action: 'restart', service: 'api', args: {{reason: 'forged'}}}}));
                 if (m.type === 'command_result') ok(m); }}; }})"
        ))
        .await;
    assert_eq!(verdict["ok"], false, "{verdict}");
    assert!(verdict["error"].as_str().unwrap_or("").contains("viewer"), "{verdict}");
    svc.shutdown().await;
}

#[tokio::test]
async fn an_operator_restarts_a_service_from_its_page_and_sees_the_stages_until_it_is_back() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let c = bus(&nats.url()).await;
    let mut spec = quick("worker");
    spec.honors_shutdown = true;
    spec.respawn = Some(Duration::from_millis(300));
    let svc = SimService::start(c.clone(), spec).await.expect("sim");
    let op = token(&d, "ui-operator", "operator", &[]).await;
    let url = base(&d).await;
    let mut b = Browser::launch().await;
    b.sign_in(&url, &op).await;
    b.open(&format!("{url}/#/services/worker")).await;
    b.wait_for("[data-page=service] [data-status=healthy]").await;
    b.click("[data-action=restart]").await;
    b.wait_for("[data-confirm]").await;
    b.fill("[data-reason]", "from the browser test").await;
    // The simulated service has no system.restart: a shutdown its
    // supervisor answers with a new instance, which the operator allows.
    b.op(json!({"op": "check", "selector": "[data-fallback]"})).await;
    b.screenshot("service-restart-confirm").await;
    b.click("[data-confirm-go]").await;
    // Stages show while the restart is under way, not only at the end.
    b.wait_for("[data-live-stages] [data-stage]").await;
    b.wait_for("[data-result=ok]").await;
    let stages = b.text("[data-result=ok] .stages").await;
    assert!(stages.contains("healthy"), "{stages}");
    assert!(stages.contains("new_instance"), "{stages}");
    b.screenshot("service-restarted").await;
    // Audited with the reason typed in the dialog.
    let audit = kryten_e2e::api_guard::audit(&d).await;
    assert!(
        audit
            .iter()
            .any(|r| r["action"] == "restart" && r["target"] == "worker" && r["reason"] == "from the browser test"),
        "{audit:?}"
    );
    svc.shutdown().await;
}

#[tokio::test]
async fn events_filter_and_inspector_and_log_search_work_on_live_data() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let c = bus(&nats.url()).await;
    let viewer = token(&d, "ui-viewer3", "viewer", &[]).await;
    let url = base(&d).await;
    let mut b = Browser::launch().await;
    b.sign_in(&url, &viewer).await;
    b.open(&format!("{url}/#/events")).await;
    b.wait_for("[data-page=events]").await;
    b.fill("input[name=subjects]", "kryten.events.cytube.*.chatmsg").await;
    b.click("[data-apply]").await;
    for i in 0..20 {
        let body = json!({"event_name": "chatMsg", "payload": {"username": "alice", "msg": format!("hello {i}")}});
        c.publish("kryten.events.cytube.lounge.chatmsg", body.to_string().into())
            .await
            .expect("publish");
        c.publish("kryten.events.cytube.lounge.usercount", "{\"count\":3}".into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");
    b.wait_for_text("[data-event-count]", "20 events", 10_000).await;
    let subjects = b
        .eval("[...document.querySelectorAll('.vlist .row .subject')].map(e => e.textContent)")
        .await;
    let subjects = subjects.as_array().expect("rows");
    assert!(!subjects.is_empty());
    assert!(
        subjects.iter().all(|s| s == "kryten.events.cytube.lounge.chatmsg"),
        "{subjects:?}"
    );
    b.click(".vlist .row").await;
    b.wait_for("[data-inspector]").await;
    let inspected = b.text("[data-inspector]").await;
    assert!(
        inspected.contains("alice") && inspected.contains("hello"),
        "{inspected}"
    );
    b.screenshot("events").await;

    for (level, msg) in [
        ("info", "cache warmed"),
        ("error", "database timeout after 5s"),
        ("warning", "slow query"),
    ] {
        let now = krytend::protocol::timestamp::format_us(krytend::protocol::timestamp::now_us());
        let body = json!({"service": "db", "level": level, "message": msg, "timestamp": now, "logger": "kryten.db"});
        c.publish("kryten.logs.db", body.to_string().into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");
    b.open(&format!("{url}/#/logs")).await;
    b.wait_for_text("[data-log-count]", "3 lines", 10_000).await;
    b.fill("[data-page=logs] [data-search]", "time?out").await;
    b.wait_for_text("[data-log-count]", "1 lines", 15_000).await;
    assert!(b.text(".loglines").await.contains("database timeout"));
    b.fill("[data-page=logs] [data-search]", "").await;
    b.click("[data-level=warning]").await;
    b.wait_for_text("[data-log-count]", "2 lines", 10_000).await;
    b.screenshot("logs").await;
    d.ctl(&["token", "create", "--name", "audited", "--role", "viewer"])
        .await;
    b.open(&format!("{url}/#/audit")).await;
    b.wait_for_text("[data-page=audit] td", "audited", 10_000).await;
    b.screenshot("audit").await;
}

#[tokio::test]
async fn the_page_reconnects_after_the_daemon_restarts_and_resumes_the_event_stream() {
    let nats = nats().await;
    let tmp = tempfile::tempdir().expect("tmp");
    let mut d = Daemon::start_in(tmp.path(), &nats.url(), FAST_LIVENESS).await;
    let addr = host_port(&d.ws().await);
    let c = bus(&nats.url()).await;
    let viewer = token(&d, "ui-viewer4", "viewer", &[]).await;
    let url = format!("http://{addr}");
    let mut b = Browser::launch().await;
    b.sign_in(&url, &viewer).await;
    b.open(&format!("{url}/#/events")).await;
    b.fill("input[name=subjects]", "kryten.uitest.>").await;
    b.click("[data-apply]").await;
    c.publish("kryten.uitest.before", "{}".into()).await.expect("publish");
    c.flush().await.expect("flush");
    b.wait_for_text("[data-event-count]", "1 events", 10_000).await;

    d.terminate().await;
    b.wait_for("[data-conn=reconnecting]").await;
    b.screenshot("reconnecting").await;
    let mut d = Daemon::start_in_at(tmp.path(), &nats.url(), FAST_LIVENESS, &addr).await;
    b.wait_for("[data-conn=open]").await;
    c.publish("kryten.uitest.after", "{}".into()).await.expect("publish");
    c.flush().await.expect("flush");
    b.wait_for_text("[data-event-count]", "2 events", 15_000).await;
    let seqs = b
        .eval("[...document.querySelectorAll('.vlist .row')].map(e => Number(e.dataset.seq))")
        .await;
    let seqs: Vec<u64> = seqs
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|v| v.as_u64())
        .collect();
    assert_eq!(seqs.len(), 2, "{seqs:?}");
    assert!(seqs[0] < seqs[1], "no duplicate, in order: {seqs:?}");
    d.terminate().await;
}

/// The UI in the binary is what `web/` builds today: a change to the
/// sources without `npm run build` (or a hand edit of krytend/ui/) fails.
#[test]
fn the_embedded_ui_is_the_build_of_the_current_sources() {
    let web = kryten_e2e::browser::web_dir();
    assert!(
        web.join("node_modules").join("vite").exists(),
        "web/node_modules is missing: run `./x test` (it installs web/'s npm packages)"
    );
    let out = tempfile::tempdir().expect("tmp");
    let tsc = std::process::Command::new("npx")
        .args(["--no-install", "tsc", "--noEmit"])
        .current_dir(&web)
        .output()
        .expect("npx runs");
    assert!(
        tsc.status.success(),
        "type errors:\n{}",
        String::from_utf8_lossy(&tsc.stdout)
    );
    let build = std::process::Command::new("npx")
        .args([
            "--no-install",
            "vite",
            "build",
            "--emptyOutDir",
            "--logLevel",
            "error",
            "--outDir",
        ])
        .arg(out.path())
        .current_dir(&web)
        .output()
        .expect("npx runs");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let committed = web.join("..").join("krytend").join("ui");
    let listing = |root: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).expect("read dir") {
                let p = e.expect("entry").path();
                if p.is_dir() {
                    dirs.push(p);
                } else {
                    let rel = p.strip_prefix(root).expect("under root").display().to_string();
                    files.push((rel, std::fs::read(&p).expect("read")));
                }
            }
        }
        files.sort();
        files
    };
    let fresh = listing(out.path());
    let kept = listing(&committed);
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&kept),
        names(&fresh),
        "krytend/ui/ is stale: run `npm run build` in web/ and commit it"
    );
    assert!(
        kept == fresh,
        "krytend/ui/ differs from a fresh build: run `npm run build` in web/ and commit it"
    );
}

#[tokio::test]
async fn an_operator_silences_a_firing_alert_from_the_alerts_page() {
    let nats = nats().await;
    let yaml = format!(
        "{FAST_LIVENESS}alerts:\n  evaluation_interval: 200ms\n  rules:\n    - {{type: service_down, severity: critical}}\n"
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let c = bus(&nats.url()).await;
    let svc = SimService::start(c.clone(), quick("flaky")).await.expect("sim");
    let op = token(&d, "ui-operator-alerts", "operator", &[]).await;
    let url = base(&d).await;
    let mut b = Browser::launch().await;
    b.sign_in(&url, &op).await;
    b.open(&format!("{url}/#/alerts")).await;
    b.wait_for("[data-no-alerts]").await;
    svc.crash().await;
    // Live: the page learns of the alert from the WebSocket alerts stream.
    b.wait_for("[data-alert=ServiceDown][data-alert-service=flaky]").await;
    b.click("[data-alert-service=flaky] [data-silence]").await;
    b.wait_for("[data-silence-dialog]").await;
    b.fill("[data-silence-comment]", "known outage").await;
    b.screenshot("alerts-silence-dialog").await;
    b.click("[data-silence-go]").await;
    b.wait_for_text("[data-silence-id]", "known outage", 10_000).await;
    b.screenshot("alerts").await;
    let ls = kryten_e2e::stdout(&d.ctl(&["silence", "ls", "-o", "json"]).await);
    assert!(
        ls.contains("service=flaky") && ls.contains("alertname=ServiceDown"),
        "{ls}"
    );
    let audit = kryten_e2e::api_guard::audit(&d).await;
    assert!(
        audit
            .iter()
            .any(|r| r["action"] == "silence" && r["actor"] == "ui-operator-alerts" && r["reason"] == "known outage"),
        "{audit:?}"
    );
}

#[tokio::test]
async fn the_service_page_charts_heartbeat_intervals_metrics_and_ping_round_trips() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let c = bus(&nats.url()).await;
    // Heartbeats on kryten.service.heartbeat carry metrics (queue_depth).
    let mut spec = quick("metered");
    spec.reported_status = Some("healthy".into());
    let metered = SimService::start(c.clone(), spec).await.expect("sim");
    // Never heartbeats: krytend pings it (every 300 ms here).
    let pinged = SimService::start(c.clone(), SimSpec::new("pinged").heartbeat(None))
        .await
        .expect("sim");
    let viewer = token(&d, "ui-charts", "viewer", &[]).await;
    let url = base(&d).await;
    // Beats stored before the page opens come from the REST history.
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let mut b = Browser::launch().await;
    b.sign_in(&url, &viewer).await;
    b.open(&format!("{url}/#/services/metered")).await;
    b.wait_for("[data-chart=heartbeat] canvas").await;
    let n = b.chart_points("heartbeat", 1, 3, 10_000).await;
    assert!(n >= 3, "{n} intervals");
    let history = b
        .eval(
            "(() => { const u = document.querySelector('[data-chart=heartbeat]').__uplot;
               return { first: u.data[0][0], opened: performance.timeOrigin / 1000, intervals: u.data[1] }; })()",
        )
        .await;
    assert!(
        history["first"].as_f64().unwrap() < history["opened"].as_f64().unwrap(),
        "the first interval predates the page: {history}"
    );
    let intervals: Vec<f64> = history["intervals"]
        .as_array()
        .expect("intervals")
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    let mut sorted = intervals.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    assert!((0.3..1.0).contains(&median), "a 0.5 s heartbeat: {intervals:?}");
    // Then live: more intervals arrive without a reload.
    b.chart_points("heartbeat", 1, n as usize + 3, 10_000).await;
    // The learned interval is drawn as a line.
    b.chart_points("heartbeat", 2, 1, 10_000).await;
    // The metric the heartbeats carry.
    b.chart_points("metrics", 1, 3, 10_000).await;
    let label = b
        .eval("document.querySelector('[data-chart=metrics]').__uplot.series[1].label")
        .await;
    assert_eq!(label, "queue_depth");
    b.screenshot("service-charts").await;

    b.open(&format!("{url}/#/services/pinged")).await;
    b.wait_for("[data-chart=ping] canvas").await;
    b.wait_for("[data-no-heartbeats]").await;
    let pings = b.chart_points("ping", 1, 2, 15_000).await;
    assert!(pings >= 2, "{pings}");
    let rtt = b
        .eval("document.querySelector('[data-chart=ping]').__uplot.data[1][0]")
        .await;
    assert!(rtt.as_f64().is_some_and(|ms| (0.0..250.0).contains(&ms)), "{rtt}");
    b.screenshot("service-ping-chart").await;
    metered.shutdown().await;
    pinged.shutdown().await;
}

#[tokio::test]
async fn a_sign_in_link_from_krytenctl_ui_signs_the_browser_in_once() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let out = d.ctl(&["ui", "--no-open", "--role", "operator"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    let link = kryten_e2e::stdout(&out).trim().to_string();
    let url = base(&d).await;
    assert!(
        link.starts_with(&format!("{url}/#/signin/")),
        "{link} (the UI is at {url})"
    );
    let mut b = Browser::launch().await;
    b.open(&link).await;
    b.wait_for("[data-conn=open]").await;
    assert_eq!(b.text("[data-role]").await, "operator");
    // The code is gone from the address bar; the token is this tab's only.
    let state = b
        .eval(
            "({ hash: location.hash, href: location.href, session: sessionStorage.getItem('krytend.token'),
                kept: localStorage.getItem('krytend.token') })",
        )
        .await;
    assert_eq!(state["hash"], "#/", "{state}");
    assert!(!state["href"].as_str().unwrap_or("").contains("signin"), "{state}");
    assert!(
        state["session"].as_str().is_some_and(|t| t.starts_with("kt_")),
        "{state}"
    );
    assert!(state["kept"].is_null(), "{state}");
    b.screenshot("signin-link-used").await;

    // The same link again, in another browser: refused, and the normal
    // sign-in form is there.
    b.op(json!({"op": "open", "page": "again", "url": link})).await;
    b.op(json!({"op": "waitFor", "page": "again", "selector": "[data-link-refused]"}))
        .await;
    let shown = b
        .op(json!({"op": "text", "page": "again", "selector": "[data-link-refused]"}))
        .await;
    assert!(shown.as_str().unwrap_or("").contains("not valid"), "{shown}");
    b.op(json!({"op": "waitFor", "page": "again", "selector": "input[name=token]"}))
        .await;
    let hash = b
        .op(json!({"op": "eval", "page": "again", "js": "location.hash"}))
        .await;
    assert_eq!(hash, "#/");
    let shot = kryten_e2e::browser::artifacts().join("signin-link-refused.png");
    b.op(json!({"op": "screenshot", "page": "again", "path": shot, "fullPage": false}))
        .await;
}

#[tokio::test]
async fn the_events_page_charts_the_event_rate_by_type_and_the_top_subjects() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let c = bus(&nats.url()).await;
    for i in 0..30 {
        c.publish("kryten.events.cytube.lounge.chatmsg", format!("{{\"n\":{i}}}").into())
            .await
            .expect("publish");
    }
    for _ in 0..5 {
        c.publish("kryten.events.cytube.lounge.usercount", "{\"count\":3}".into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");
    let viewer = token(&d, "ui-stats", "viewer", &[]).await;
    let url = base(&d).await;
    let mut b = Browser::launch().await;
    b.sign_in(&url, &viewer).await;
    b.open(&format!("{url}/#/events")).await;
    b.wait_for("[data-chart=event-rate] canvas").await;
    let buckets = b.chart_points("event-rate", 1, 1, 15_000).await;
    assert!(buckets >= 1, "{buckets}");
    // The rates add up to what was sent (35 channel events, and more).
    let total = b
        .eval(
            "(() => { const u = document.querySelector('[data-chart=event-rate]').__uplot;
               const top = u.data[1]; return top.reduce((s, v) => s + (v ?? 0), 0) * 60; })()",
        )
        .await;
    assert!(total.as_f64().is_some_and(|n| n >= 35.0 - 0.01), "{total}");
    let labels = b
        .eval("document.querySelector('[data-chart=event-rate]').__uplot.series.slice(1).map((s) => s.label)")
        .await;
    assert!(
        labels.as_array().expect("labels").iter().any(|l| l == "channel_event"),
        "{labels}"
    );
    b.wait_for("[data-top-subjects] [data-subject='kryten.events.cytube.lounge.chatmsg']")
        .await;
    let first = b.text("[data-top-subjects] tr").await;
    assert!(
        first.contains("kryten.events.cytube.lounge.chatmsg") && first.contains("30"),
        "{first}"
    );
    b.screenshot("events-charts").await;
}

#[tokio::test]
async fn a_firing_alert_opens_to_its_timeline_and_maintenance_windows_are_listed() {
    let nats = nats().await;
    let yaml = format!(
        "{FAST_LIVENESS}alerts:\n  evaluation_interval: 200ms\n  rules:\n    - {{type: service_down, severity: critical}}\n  maintenance:\n    - {{name: nightly, matchers: [service=patched], cron: \"* * * * *\", time_zone: Europe/London, duration: 2m}}\n    - {{name: migration, matchers: [service=llm], starts: \"2099-12-01T08:00:00Z\", ends: \"2099-12-01T10:00:00Z\"}}\n"
    );
    let d = Daemon::start(&nats.url(), &yaml).await;
    let c = bus(&nats.url()).await;
    let svc = SimService::start(c.clone(), quick("flaky")).await.expect("sim");
    let viewer = token(&d, "ui-alert-detail", "viewer", &[]).await;
    let url = base(&d).await;
    let mut b = Browser::launch().await;
    b.sign_in(&url, &viewer).await;
    b.wait_for("[data-service=flaky] [data-status=healthy]").await;
    svc.crash().await;
    // The overview shows what fires now, from the alerts stream.
    b.wait_for("[data-alerts] [data-firing]").await;
    assert!(b.text("[data-alerts]").await.contains("ServiceDown"));
    b.screenshot("overview-alert-firing").await;
    b.open(&format!("{url}/#/alerts")).await;
    b.wait_for("[data-alert=ServiceDown][data-alert-service=flaky][data-state=firing]")
        .await;
    b.screenshot("alerts-firing").await;
    b.click("[data-alert=ServiceDown][data-alert-service=flaky] a").await;
    b.wait_for("[data-page=alert]").await;
    assert!(b
        .eval("location.hash")
        .await
        .as_str()
        .unwrap_or("")
        .starts_with("#/alerts/"));
    b.wait_for("[data-alert-timeline] [data-kind=alert_firing]").await;
    assert_eq!(b.text("[data-alert-state]").await, "firing");
    b.screenshot("alert-detail").await;

    b.open(&format!("{url}/#/alerts")).await;
    b.click("[data-tab=maintenance]").await;
    b.wait_for("[data-maintenance=nightly][data-active=true]").await;
    b.wait_for("[data-maintenance=migration][data-active=false]").await;
    assert!(b.text("[data-maintenance=nightly]").await.contains("in force"));
    assert!(b.text("[data-maintenance=migration]").await.contains("next"));
    assert!(b.text("[data-maintenance-in-force]").await.contains("nightly"));
    b.screenshot("alerts-maintenance").await;
}

/// Now, as RFC 3339 (UTC).
fn now_rfc3339() -> String {
    krytend::protocol::timestamp::format_us(krytend::protocol::timestamp::now_us())
}

/// A value for a hash parameter (`+` and `:` would otherwise be mangled).
fn enc(s: &str) -> String {
    s.replace('%', "%25")
        .replace('+', "%2B")
        .replace(':', "%3A")
        .replace('>', "%3E")
        .replace(' ', "%20")
}

#[tokio::test]
async fn an_operator_pings_and_restarts_from_an_overview_card_and_filters_the_audit_trail() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let c = bus(&nats.url()).await;
    let mut spec = quick("worker");
    spec.honors_shutdown = true;
    spec.respawn = Some(Duration::from_millis(300));
    let svc = SimService::start(c.clone(), spec).await.expect("sim");
    let other = SimService::start(c.clone(), quick("bystander")).await.expect("sim");
    let op = token(&d, "ui-card-operator", "operator", &[]).await;
    let url = base(&d).await;
    let mut b = Browser::launch().await;
    b.sign_in(&url, &op).await;
    b.wait_for("[data-service=worker] [data-status=healthy]").await;

    // Ping from the card: the same dialog, with a reason, as on the service page.
    b.click("[data-service=worker] [data-action=ping]").await;
    b.wait_for("[data-confirm]").await;
    b.fill("[data-confirm] [data-reason]", "checking from the card").await;
    b.screenshot("overview-card-confirm").await;
    b.click("[data-confirm-go]").await;
    b.wait_for_text("[data-service=worker] [data-result=ok]", "pong", 10_000)
        .await;
    assert_eq!(b.count("[data-confirm]").await, 0, "the dialog closes");

    // Restart from the card: its stages, until the new instance is healthy.
    b.click("[data-service=worker] [data-action=restart]").await;
    b.wait_for("[data-confirm] [data-fallback]").await;
    b.fill("[data-confirm] [data-reason]", "card restart").await;
    b.op(json!({"op": "check", "selector": "[data-confirm] [data-fallback]"}))
        .await;
    b.click("[data-confirm-go]").await;
    b.wait_for_text("[data-service=worker] [data-result=ok]", "restart done", 30_000)
        .await;
    let stages = b.text("[data-service=worker] [data-result=ok]").await;
    assert!(
        stages.contains("healthy") && stages.contains("new_instance"),
        "{stages}"
    );
    assert_eq!(b.count("[data-service=bystander] [data-result]").await, 0);
    b.screenshot("overview-card-restarted").await;

    // The audit trail, filtered by actor, then by a service nobody touched.
    d.ctl(&["token", "create", "--name", "someone-else", "--role", "viewer"])
        .await;
    b.open(&format!("{url}/#/audit")).await;
    b.wait_for_text("[data-page=audit] td", "card restart", 10_000).await;
    b.wait_for_text("[data-page=audit] td", "someone-else", 10_000).await;
    b.fill("[data-page=audit] input[name=actor]", "ui-card-operator").await;
    b.wait_js(
        "(() => { const r = [...document.querySelectorAll('[data-page=audit] tbody tr')];
           return r.length >= 2 && r.every((x) => x.dataset.actor === 'ui-card-operator'); })()",
        10_000,
    )
    .await;
    let trail = b.text("[data-page=audit] tbody").await;
    assert!(
        trail.contains("checking from the card") && trail.contains("card restart"),
        "{trail}"
    );
    assert!(!trail.contains("someone-else"), "{trail}");
    assert!(b
        .eval("location.hash")
        .await
        .as_str()
        .unwrap_or("")
        .contains("actor=ui-card-operator"));
    b.screenshot("audit-filtered").await;
    b.fill("[data-page=audit] input[name=service]", "bystander").await;
    b.wait_for("[data-audit-count='0']").await;

    // A phone: one column, the header wraps, nothing cut off.
    b.open_sized(
        "phone",
        &format!("{url}/"),
        &op,
        390,
        844,
        "[data-service=worker] [data-status=healthy]",
    )
    .await;
    let overflow = b
        .op(json!({"op": "eval", "page": "phone", "js": "document.documentElement.scrollWidth - innerWidth"}))
        .await;
    assert!(
        overflow.as_i64().unwrap_or(99) <= 0,
        "wider than the phone by {overflow} px"
    );
    b.screenshot_of("phone", "overview-phone").await;
    svc.shutdown().await;
    other.shutdown().await;
}

#[tokio::test]
async fn the_service_page_shows_the_redacted_config_its_revisions_and_a_diff_live() {
    let nats = nats().await;
    let d = Daemon::start(
        &nats.url(),
        &format!("{FAST_LIVENESS}configs:\n  fetch_interval: null\n"),
    )
    .await;
    let cfg = std::sync::Arc::new(std::sync::Mutex::new(json!({
        "db": {"url": "postgres://app:hunter2-FAKE@db/app", "password": "hunter2-FAKE"},
        "log_level": "INFO",
        "service": {"name": "alpha", "heartbeat_interval": 5},
    })));
    let mut spec = quick("alpha");
    spec.config = Some(cfg.clone());
    let svc = SimService::start(bus(&nats.url()).await, spec).await.expect("sim");
    let viewer = token(&d, "ui-config-viewer", "viewer", &[]).await;
    let url = base(&d).await;
    let mut b = Browser::launch().await;
    b.sign_in(&url, &viewer).await;
    b.open(&format!("{url}/#/services/alpha")).await;
    b.wait_for("[data-revisions] [data-rev='1']").await;
    b.wait_for_text("[data-config] .json", "INFO", 10_000).await;
    let shown = b.text("[data-config]").await;
    assert!(!shown.contains("hunter2"), "secret shown: {shown}");
    assert!(shown.contains("REDACTED"), "{shown}");

    // A new revision is recorded while the page is open: it shows up live.
    cfg.lock().expect("lock")["log_level"] = json!("DEBUG");
    let out = d.ctl(&["config", "get", "alpha", "--refresh", "-o", "json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    b.wait_for("[data-revisions] [data-rev='2']").await;
    b.wait_for_text("[data-revisions] [data-rev='2']", "log_level", 15_000)
        .await;
    b.wait_for_text("[data-config] .json", "DEBUG", 10_000).await;
    // The new revision's event joins the recent events, live too.
    b.wait_for_text("[data-recent-events] td", "krytend.service.alpha.config", 10_000)
        .await;
    b.click("[data-config-tab=diff]").await;
    b.wait_for_text("[data-diff]", "+ log_level: DEBUG", 10_000).await;
    let diff = b.text("[data-diff]").await;
    assert!(diff.contains("- log_level: INFO"), "{diff}");
    assert!(diff.contains("rev 1") && diff.contains("rev 2"), "{diff}");
    assert!(!diff.contains("hunter2"), "{diff}");
    b.eval("document.querySelector('[data-config]').scrollIntoView()").await;
    b.screenshot("service-config-diff").await;
    // An older revision: its own document.
    b.click("[data-revisions] [data-rev='1']").await;
    b.wait_for_text("[data-config] .json", "INFO", 10_000).await;
    svc.shutdown().await;
}

#[tokio::test]
async fn events_show_a_time_range_from_history_and_the_reply_of_a_request() {
    let nats = nats().await;
    // Replies go to the requester's inbox: recorded only when the
    // subjects cover it.
    let yaml = format!("{FAST_LIVENESS}nats:\n  subjects: [\"kryten.>\", \"_INBOX.>\"]\n");
    let d = Daemon::start(&nats.url(), &yaml).await;
    let c = bus(&nats.url()).await;
    let svc = SimService::start(c.clone(), quick("echo")).await.expect("sim");
    let viewer = token(&d, "ui-range-viewer", "viewer", &[]).await;
    let url = base(&d).await;

    let t0 = now_rfc3339();
    for i in 0..5 {
        c.publish("kryten.uirange.early", format!("{{\"n\":{i}}}").into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mid = now_rfc3339();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    for i in 0..3 {
        c.publish("kryten.uirange.late", format!("{{\"n\":{i}}}").into())
            .await
            .expect("publish");
    }
    c.flush().await.expect("flush");

    let mut b = Browser::launch().await;
    b.sign_in(&url, &viewer).await;
    // Live (the last 5 minutes, then live): all eight, once stored.
    b.open(&format!("{url}/#/events?subject={}", enc("kryten.uirange.>")))
        .await;
    b.wait_for_text("[data-event-count]", "8 events", 10_000).await;

    // A closed range (a shared link): only what was recorded in it.
    b.open(&format!(
        "{url}/#/events?subject={}&since={}&until={}",
        enc("kryten.uirange.>"),
        enc(&t0),
        enc(&mid)
    ))
    .await;
    b.wait_for_text("[data-event-count]", "5 events", 10_000).await;
    b.wait_for_text("[data-event-count]", "closed range", 15_000).await;
    let subjects = b
        .eval("[...document.querySelectorAll('.vlist .row .subject')].map(e => e.textContent)")
        .await;
    assert!(
        subjects
            .as_array()
            .is_some_and(|s| s.len() == 5 && s.iter().all(|x| x == "kryten.uirange.early")),
        "{subjects}"
    );
    // The field holds the range's start to the second. Its value string
    // leaves out ":00" seconds (HTML's normalised form), so compare instants:
    // the field is read as local time, the start floored to the second.
    let shown = b
        .eval(&format!(
            "(() => {{ const v = document.querySelector('input[name=from]').value; \
             return [v, new Date(v).getTime(), Math.floor(Date.parse('{t0}') / 1000) * 1000]; }})()"
        ))
        .await;
    assert_eq!(shown.get(1), shown.get(2), "from shown to the second: {shown}");
    b.screenshot("events-range").await;

    // The last hour, then live: history and what comes next, combined with a text filter.
    b.select("select[name=range]", "1h").await;
    b.fill("input[name=grep]", "\"n\":[0-2]").await;
    b.click("[data-apply]").await;
    b.wait_for_text("[data-event-count]", "6 events", 10_000).await;
    b.wait_for_text("[data-event-count]", "history, then live", 15_000)
        .await;
    c.publish("kryten.uirange.late", "{\"n\":1}".into())
        .await
        .expect("publish");
    c.publish("kryten.uirange.late", "{\"n\":7}".into())
        .await
        .expect("publish");
    c.flush().await.expect("flush");
    b.wait_for_text("[data-event-count]", "7 events", 10_000).await;
    assert!(b
        .eval("location.hash")
        .await
        .as_str()
        .unwrap_or("")
        .contains("range=1h"));

    // A request and its reply: the inspector of the request shows the reply.
    let body = json!({"service": "echo", "command": "system.ping", "note": "ui-request"});
    let reply = c
        .request("kryten.echo.command", body.to_string().into())
        .await
        .expect("the service answers");
    assert!(String::from_utf8_lossy(&reply.payload).contains("pong"));
    b.open(&format!("{url}/#/events?type=command&q=ui-request")).await;
    b.wait_for_text("[data-event-count]", "1 events", 10_000).await;
    b.click(".vlist .row").await;
    b.wait_for("[data-request-reply] [data-reply-seq]").await;
    let shown = b.text("[data-request-reply]").await;
    assert!(
        shown.contains("reply") && shown.contains("_INBOX.") && shown.contains("pong"),
        "{shown}"
    );
    b.screenshot("events-request-reply").await;
    // And back: the reply names its request (both now on the page).
    b.click("[data-request-reply] [data-reply-seq]").await;
    b.wait_for_text("[data-inspector] h2", "_INBOX.", 15_000).await;
    svc.shutdown().await;
}

#[tokio::test]
async fn logs_show_a_history_range_with_tracebacks_and_a_permalink_then_tail_live() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), FAST_LIVENESS).await;
    let c = bus(&nats.url()).await;
    let viewer = token(&d, "ui-logs-viewer", "viewer", &[]).await;
    let url = base(&d).await;
    let log = |msg: &str, level: &str, exception: Option<&str>| {
        let mut body =
            json!({"service": "db", "level": level, "message": msg, "timestamp": now_rfc3339(), "logger": "kryten.db"});
        if let Some(e) = exception {
            body["exception"] = json!(e);
        }
        body.to_string()
    };
    let t0 = now_rfc3339();
    c.publish("kryten.logs.db", log("early one", "info", None).into())
        .await
        .expect("publish");
    c.publish(
        "kryten.logs.db",
        log(
            "early failure",
            "error",
            Some("Traceback (most recent call last):\n  File \"db.py\", line 3\nValueError: bad row"),
        )
        .into(),
    )
    .await
    .expect("publish");
    c.flush().await.expect("flush");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mid = now_rfc3339();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    c.publish("kryten.logs.db", log("late one", "info", None).into())
        .await
        .expect("publish");
    c.flush().await.expect("flush");

    let mut b = Browser::launch().await;
    b.sign_in(&url, &viewer).await;
    b.open(&format!("{url}/#/logs")).await;
    b.wait_for_text("[data-log-count]", "3 lines", 10_000).await;

    // History: a pinned range from a link, from the store, nothing live.
    b.open(&format!(
        "{url}/#/logs?mode=history&since={}&until={}",
        enc(&t0),
        enc(&mid)
    ))
    .await;
    b.wait_for("[data-page=logs][data-mode=history]").await;
    b.wait_for_text("[data-log-count]", "2 lines", 10_000).await;
    let text = b.text(".loglines").await;
    assert!(text.contains("early one") && !text.contains("late one"), "{text}");
    b.click(".logline.lv-error").await;
    b.wait_for_text(".logline .tb", "ValueError: bad row", 15_000).await;
    let link = b.attr("[data-permalink]", "href").await;
    assert!(link.contains("mode=history") && link.contains("until="), "{link}");
    b.screenshot("logs-history").await;
    // Errors only, in the same range.
    b.click("[data-level=error]").await;
    b.wait_for_text("[data-log-count]", "1 lines", 10_000).await;
    b.click("[data-level=all]").await;
    b.wait_for_text("[data-log-count]", "2 lines", 10_000).await;

    // The last hour, then tail: live again.
    b.select("[data-range] select[name=range]", "1h").await;
    b.click("[data-range-go]").await;
    b.wait_for_text("[data-log-count]", "3 lines", 10_000).await;
    b.click("[data-mode-btn=tail]").await;
    b.wait_for_text("[data-log-count]", "live", 15_000).await;
    c.publish("kryten.logs.db", log("later still", "warning", None).into())
        .await
        .expect("publish");
    c.flush().await.expect("flush");
    b.wait_for_text("[data-log-count]", "4 lines", 10_000).await;
    b.wait_for_text(".loglines", "later still", 15_000).await;
}
