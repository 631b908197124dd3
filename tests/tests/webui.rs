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
    b.wait_for_text("[data-log-count]", "1 lines", 5_000).await;
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
    // Live: the page learns of the alert from the event stream.
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
