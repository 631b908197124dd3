//! `ui`: the web UI's performance budgets, in Debian's Chromium (driven by
//! `web/e2e/driver.mjs`) against the release krytend on the private
//! nats-server: a cold first load to a usable overview, the size of the
//! embedded JS and CSS gzipped, long tasks and the JS heap while 1,000
//! events/s stream into the Events page (and, separately, the Overview),
//! and krytend's ingest with 0 and with 50 signed-in browser sessions.

use std::io::Write as _;

use kryten_e2e::{browser::Browser, SimService, SimSpec};
use serde_json::{json, Value};

use super::*;

/// Simulated services heartbeating every second, so the overview has
/// cards to draw.
const SERVICES: usize = 6;
const FIRST_LOAD_BUDGET_MS: f64 = 500.0;
const BUNDLE_BUDGET_KB: f64 = 250.0;
/// The heap is bounded when the second half's median is at most this
/// times the first half's.
const HEAP_GROWTH_LIMIT: f64 = 1.2;
/// The Events page keeps the newest 20,000 events (web/src/pages/Events.tsx):
/// at 1,000/s it is full after 20 s; the heap is judged after that.
const EVENTS_WARMUP: Duration = Duration::from_secs(25);
const OVERVIEW_WARMUP: Duration = Duration::from_secs(5);

fn budget(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT MET"
    }
}

/// The built JS and CSS of the embedded UI (`krytend/ui/assets`), each
/// gzipped in-process at level 9 as a server would: (files, raw bytes,
/// gzipped bytes).
fn bundle() -> anyhow::Result<(Vec<String>, u64, u64)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../krytend/ui/assets");
    let (mut names, mut raw, mut gz) = (Vec::new(), 0u64, 0u64);
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if ext != "js" && ext != "css" {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&bytes)?;
        raw += bytes.len() as u64;
        gz += enc.finish()?.len() as u64;
        names.push(path.file_name().unwrap_or_default().to_string_lossy().into_owned());
    }
    names.sort();
    Ok((names, raw, gz))
}

/// What the browser needs; a missing one fails the benchmark (never skipped).
fn tools_missing() -> Option<String> {
    let web = kryten_e2e::browser::web_dir();
    if !web.join("node_modules").join("playwright-core").exists() {
        return Some(format!(
            "{} has no playwright-core: run `./x test` once (it installs web/'s npm packages)",
            web.join("node_modules").display()
        ));
    }
    let chromium = std::env::var("KRYTEN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !std::path::Path::new(&chromium).exists() {
        return Some(format!(
            "no Chromium at {chromium}: `./x test` installs Debian's chromium"
        ));
    }
    let node = std::process::Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status();
    if !node.map(|s| s.success()).unwrap_or(false) {
        return Some("node is not on PATH".into());
    }
    None
}

/// One driver command; an error becomes a failed check.
async fn op(b: &mut Browser, checks: &mut Checks, what: &str, cmd: Value) -> Option<Value> {
    match b.try_op(cmd).await {
        Ok(v) => Some(v),
        Err(e) => {
            checks.fail(format!("ui: {what}: {e}"));
            None
        }
    }
}

/// System-wide idle share over `over` (from /proc/stat).
async fn idle_share(over: Duration) -> f64 {
    fn read() -> (u64, u64) {
        let s = std::fs::read_to_string("/proc/stat").unwrap_or_default();
        let f: Vec<u64> = s
            .lines()
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .skip(1)
            .filter_map(|x| x.parse().ok())
            .collect();
        let idle = f.get(3).copied().unwrap_or(0) + f.get(4).copied().unwrap_or(0);
        (idle, f.iter().sum())
    }
    let (i0, t0) = read();
    tokio::time::sleep(over).await;
    let (i1, t1) = read();
    (i1 - i0) as f64 / (t1 - t0).max(1) as f64
}

/// Waits (up to `limit`) until the machine is mostly idle again: browser
/// pages catching up on history, a daemon replaying to them. Returns how
/// long that took.
async fn quiet(limit: Duration) -> Duration {
    let t = Instant::now();
    while t.elapsed() < limit && idle_share(Duration::from_secs(1)).await < 0.6 {}
    t.elapsed()
}

/// `n` simulated services on the bus, heartbeating every second.
async fn sims(url: &str) -> Vec<SimService> {
    let c = async_nats::connect(url).await.expect("connect");
    let mut out = Vec::new();
    for i in 0..SERVICES {
        let spec = SimSpec::new(&format!("ui-svc{i}")).heartbeat(Some(Duration::from_secs(1)));
        out.push(SimService::start(c.clone(), spec).await.expect("sim"));
    }
    out
}

async fn wait_services(d: &Daemon, n: u32, checks: &mut Checks) -> bool {
    const KNOWN: Duration = Duration::from_secs(30);
    let deadline = Instant::now() + KNOWN;
    while d.status().await.service_count < n {
        if Instant::now() > deadline {
            checks.in_time(&format!("ui: {n} services known"), false, KNOWN);
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    true
}

const DAEMON_CONFIG: &str = "discovery_poll: false\nwebsocket:\n  max_clients: 512\n  max_connections_per_ip: 512\n";

fn http_base(ws: &str) -> String {
    ws.replace("ws://", "http://").trim_end_matches("/ws").to_string()
}

/// The first number in a text ("20000 events shown · 998/s" → 20000), and
/// the rate before "/s".
fn shown_and_rate(text: &str) -> (f64, f64) {
    let num = |s: &str| {
        s.chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<String>()
            .parse()
            .unwrap_or(f64::NAN)
    };
    let rate = text
        .split('·')
        .find(|p| p.contains("/s"))
        .map(|p| num(p.split("/s").next().unwrap_or_default()))
        .unwrap_or(f64::NAN);
    (num(text), rate)
}

/// One page under the 1k/s stream: its long tasks, long animation frames
/// and heap over the window.
async fn stream_window(
    b: &mut Browser,
    checks: &mut Checks,
    rows: &mut Vec<Row>,
    name: &str,
    page: &str,
    window: Duration,
    every_ms: u64,
) {
    let what = format!("{name} page under 1k events/s");
    let Some(v) = op(
        b,
        checks,
        &what,
        json!({"op": "perfWindow", "page": page, "ms": window.as_millis() as u64, "every": every_ms,
               "countSelector": "[data-event-count]"}),
    )
    .await
    else {
        return;
    };
    let tasks: Vec<f64> = v["tasks"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| t["duration"].as_f64()).collect())
        .unwrap_or_default();
    let samples: Vec<f64> = v["samples"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).map(|x| x / 1048576.0).collect())
        .unwrap_or_default();
    if samples.len() < 4 || samples.iter().any(|&s| s <= 0.0) {
        checks.fail(format!(
            "ui: {what}: no JS heap samples (performance.memory): {samples:?}"
        ));
        return;
    }
    let half = samples.len() / 2;
    let (h1, h2) = (median(&samples[..half]), median(&samples[half..]));
    checks.measured(&format!("ui: {what}: heap first half"), h1);
    let total: f64 = tasks.iter().fold(0.0, |a, b| a + b);
    let max = tasks.iter().cloned().fold(0.0, f64::max);
    // What the long frames were busy with: the scripts in them, by
    // invoker, and the share of style/layout and rendering.
    let frames = v["frames"].as_array().cloned().unwrap_or_default();
    let mut by_invoker: std::collections::BTreeMap<String, (usize, f64)> = Default::default();
    let (mut render, mut frame_total) = (0.0, 0.0);
    for f in &frames {
        frame_total += f["duration"].as_f64().unwrap_or(0.0);
        render += f["render"].as_f64().unwrap_or(0.0);
        for s in f["scripts"].as_array().into_iter().flatten() {
            let key = format!(
                "{} {}",
                s["type"].as_str().unwrap_or("?"),
                s["invoker"].as_str().unwrap_or("?")
            );
            let e = by_invoker.entry(key).or_default();
            e.0 += 1;
            e.1 += s["duration"].as_f64().unwrap_or(0.0);
        }
    }
    let mut top: Vec<_> = by_invoker.into_iter().collect();
    top.sort_by(|a, b| b.1 .1.total_cmp(&a.1 .1));
    let last = v["lastText"].as_str().unwrap_or_default().to_string();
    eprintln!(
        "ui: {what}: {} long tasks {:?}; {} long animation frames ({frame_total:.0} ms, render+layout {render:.0} ms), scripts by time: {:?}; heap MiB {:?}; shown at the end: {last:?}; {} DOM elements",
        tasks.len(),
        tasks.iter().map(|t| t.round() as u64).collect::<Vec<_>>(),
        frames.len(),
        top.iter().take(6).map(|(k, (n, ms))| format!("{k} x{n} {ms:.0} ms")).collect::<Vec<_>>(),
        samples.iter().map(|s| (s * 10.0).round() / 10.0).collect::<Vec<_>>(),
        v["dom"]
    );
    // Each long frame with its scripts (minified function names, but the
    // file and the invoker say which part of the page ran).
    for f in &frames {
        let scripts: Vec<String> = f["scripts"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                format!(
                    "{} {} fn={:?} {} {:.0} ms (forced layout {:.0} ms)",
                    s["type"].as_str().unwrap_or("?"),
                    s["invoker"].as_str().unwrap_or("?"),
                    s["fn"].as_str().unwrap_or(""),
                    s["src"].as_str().unwrap_or("").rsplit('/').next().unwrap_or(""),
                    s["duration"].as_f64().unwrap_or(0.0),
                    s["layout"].as_f64().unwrap_or(0.0)
                )
            })
            .collect();
        eprintln!(
            "ui: {what}: long frame at {:.0} ms: {:.0} ms (blocking {:.0}, render {:.0}, style/layout {:.0}); scripts: {scripts:?}",
            f["start"].as_f64().unwrap_or(0.0),
            f["duration"].as_f64().unwrap_or(0.0),
            f["blocking"].as_f64().unwrap_or(0.0),
            f["render"].as_f64().unwrap_or(0.0),
            f["style"].as_f64().unwrap_or(0.0)
        );
    }
    let secs = window.as_secs();
    rows.push(Row(
        format!("ui {what} for {secs} s: long tasks > 50 ms"),
        format!(
            "{} (longest {max:.0} ms, {total:.0} ms in all; {} long frames)",
            tasks.len(),
            frames.len()
        ),
        "budget: none".into(),
        budget(tasks.is_empty()).into(),
    ));
    let ratio = h2 / h1;
    rows.push(Row(
        format!("ui {what}: JS heap median, first / second half"),
        format!(
            "{h1:.1} / {h2:.1} MiB (max {:.1})",
            samples.iter().cloned().fold(0.0, f64::max)
        ),
        format!("bounded: second <= {HEAP_GROWTH_LIMIT}x first"),
        format!("{ratio:.2}x, {}", budget(ratio <= HEAP_GROWTH_LIMIT)),
    ));
    if page == "events" {
        let (shown, rate) = shown_and_rate(&last);
        // Live: events keep arriving while the window lasts.
        if rate.is_nan() || rate <= 0.0 || shown.is_nan() || shown <= 0.0 {
            checks.fail(format!("ui: {what}: the Events page is not live at the end: {last:?}"));
        }
        rows.push(Row(
            format!("ui {what}: what the page showed at the end"),
            last.clone(),
            String::new(),
            String::new(),
        ));
    }
}

pub(crate) async fn ui(url: &str, smoke: bool, rows: &mut Vec<Row>, checks: &mut Checks) {
    match bundle() {
        Ok((names, raw, gz)) if !names.is_empty() => {
            let kb = gz as f64 / 1000.0;
            rows.push(Row(
                "ui JS+CSS of the embedded UI, gzipped (level 9)".into(),
                format!("{kb:.1} KB ({:.1} KB raw; {})", raw as f64 / 1000.0, names.join(", ")),
                format!("budget < {BUNDLE_BUDGET_KB:.0} KB"),
                format!(
                    "{:.2}x budget, {}",
                    kb / BUNDLE_BUDGET_KB,
                    budget(kb < BUNDLE_BUDGET_KB)
                ),
            ));
        }
        Ok(_) => checks.fail("ui: no .js or .css in krytend/ui/assets".into()),
        Err(e) => checks.fail(format!("ui: reading krytend/ui/assets: {e}")),
    }
    if let Some(why) = tools_missing() {
        checks.fail(format!("ui: {why}"));
        return;
    }
    let d = Daemon::start(url, DAEMON_CONFIG).await;
    let fleet = sims(url).await;
    if !wait_services(&d, SERVICES as u32, checks).await {
        return;
    }
    let token = viewer_token(&d).await;
    let base = http_base(&d.ws().await);
    let mut b = Browser::launch().await;

    // First load: a fresh context each time (nothing cached), signed in for
    // the tab, until every card is drawn. The first one after the browser
    // starts also pays for Chromium's own warm-up and is not counted.
    let loads = if smoke { 1 } else { 10 };
    let cards = "[data-service] [data-status]";
    let mut usable = Vec::new();
    let mut dcl = Vec::new();
    for i in 0..=loads {
        let Some(v) = op(
            &mut b,
            checks,
            &format!("first load {}", i + 1),
            json!({"op": "firstLoad", "url": format!("{base}/"), "token": token, "selector": cards,
                   "min": SERVICES}),
        )
        .await
        else {
            return;
        };
        if i == 0 {
            eprintln!("ui: browser warm-up load (not counted): {} ms", v["usable"]);
            continue;
        }
        usable.push(v["usable"].as_f64().unwrap_or(f64::NAN));
        dcl.push(v["domContentLoaded"].as_f64().unwrap_or(f64::NAN));
    }
    eprintln!("ui: first loads (ms to {SERVICES} cards): {usable:?}; DOMContentLoaded {dcl:?}");
    let m = median(&usable);
    checks.measured("ui: first load", m);
    rows.push(Row(
        format!(
            "ui first load to a usable overview ({SERVICES} cards), cold cache, median of {loads} (after 1 warm-up)"
        ),
        format!(
            "{m:.0} ms [{:.0}-{:.0}], DOMContentLoaded {:.0} ms",
            usable.iter().cloned().fold(f64::INFINITY, f64::min),
            usable.iter().cloned().fold(0.0, f64::max),
            median(&dcl)
        ),
        format!("budget < {FIRST_LOAD_BUDGET_MS:.0} ms"),
        format!(
            "{:.2}x budget, {}",
            m / FIRST_LOAD_BUDGET_MS,
            budget(m < FIRST_LOAD_BUDGET_MS)
        ),
    ));

    // 1,000 events/s (the load generator's channel events, ~300 bytes
    // each) while one page is open and live.
    let (window, every, ev_warm, ov_warm) = if smoke {
        (
            Duration::from_secs(2),
            200,
            Duration::from_millis(500),
            Duration::from_millis(500),
        )
    } else {
        (Duration::from_secs(60), 1000, EVENTS_WARMUP, OVERVIEW_WARMUP)
    };
    let stream_secs = (ev_warm + ov_warm + window * 2).as_secs() + 30;
    let spec = LoadSpec {
        services: 0,
        count: 1000 * stream_secs,
        rate: 1000,
        channel: "ui".into(),
        ..Default::default()
    };
    let p = async_nats::connect(url).await.expect("connect");
    let stream = tokio::spawn(async move { load(&p, &spec).await.map(|_| ()) });
    for (name, page, hash, ready, warm) in [
        (
            "Events",
            "events",
            "#/events",
            "[data-page=events] [data-event-count]",
            ev_warm,
        ),
        ("Overview", "overview", "", cards, ov_warm),
    ] {
        if op(
            &mut b,
            checks,
            &format!("open the {name} page"),
            json!({"op": "openSignedIn", "page": page, "url": format!("{base}/{hash}"), "token": token,
                   "selector": ready}),
        )
        .await
        .is_none()
        {
            return;
        }
        tokio::time::sleep(warm).await;
        stream_window(&mut b, checks, rows, name, page, window, every).await;
        op(&mut b, checks, "close", json!({"op": "closePage", "page": page})).await;
    }
    stream.abort();
    let _ = stream.await;
    if let Some(errors) = op(&mut b, checks, "console errors", json!({"op": "consoleErrors"})).await {
        if errors.as_array().is_some_and(|a| !a.is_empty()) {
            eprintln!("ui: console errors in the pages: {errors}");
        }
    }
    for s in fleet {
        s.crash().await;
    }
    drop(d);
    sessions(url, smoke, &mut b, rows, checks).await;
    let _ = b.try_op(json!({"op": "close"})).await;
}

/// krytend's ingest at 1,000 events/s with 50 signed-in browser sessions
/// (half on the Overview, half on the Events page, each in a context of
/// its own) and with none, on a fresh daemon so the Events pages' history
/// replay (five minutes) holds only what this part published.
async fn sessions(url: &str, smoke: bool, b: &mut Browser, rows: &mut Vec<Row>, checks: &mut Checks) {
    let d = Daemon::start(url, DAEMON_CONFIG).await;
    let fleet = sims(url).await;
    if !wait_services(&d, SERVICES as u32, checks).await {
        return;
    }
    let token = viewer_token(&d).await;
    let base = http_base(&d.ws().await);
    let n = if smoke { 2 } else { 50 };
    let secs = if smoke { 1 } else { 30 };
    let spec = |channel: &str| LoadSpec {
        services: 0,
        count: 1000 * secs,
        rate: 1000,
        channel: channel.into(),
        ..Default::default()
    };
    let opened = Instant::now();
    for i in 0..n {
        let (hash, ready) = if i % 2 == 0 {
            ("", "[data-service] [data-status]")
        } else {
            ("#/events", "[data-page=events] [data-event-count]")
        };
        if op(
            b,
            checks,
            &format!("session {i}"),
            json!({"op": "openSignedIn", "page": format!("s{i}"), "url": format!("{base}/{hash}"),
                   "token": token, "selector": ready, "viewport": {"width": 1024, "height": 700}}),
        )
        .await
        .is_none()
        {
            return;
        }
    }
    let open_s = opened.elapsed().as_secs_f64();
    let settled = quiet(if smoke { Duration::ZERO } else { Duration::from_secs(60) }).await;
    let st = d.status().await;
    eprintln!(
        "ui: {n} sessions opened in {open_s:.1} s, machine quiet after {:.1} s more; krytend live subscribers: {}",
        settled.as_secs_f64(),
        st.live_subscribers
    );
    let with = ingest_on(&d, url, &spec("ui50")).await;
    // Still signed in and live after the run.
    let mut open_after = 0;
    for i in 0..n {
        if let Some(v) = op(
            b,
            checks,
            &format!("session {i} state"),
            json!({"op": "count", "page": format!("s{i}"), "selector": "[data-conn=open]"}),
        )
        .await
        {
            open_after += v.as_u64().unwrap_or(0);
        }
    }
    for i in 0..n {
        op(
            b,
            checks,
            "close session",
            json!({"op": "closePage", "page": format!("s{i}")}),
        )
        .await;
    }
    quiet(if smoke { Duration::ZERO } else { Duration::from_secs(30) }).await;
    let without = ingest_on(&d, url, &spec("ui0")).await;
    for s in fleet {
        s.crash().await;
    }
    if open_after < n {
        checks.fail(format!(
            "ui: {} of {n} browser sessions not connected after the run",
            n - open_after
        ));
    }
    for (what, r) in [("0 sessions", &without), ("with sessions", &with)] {
        checks.in_time(&format!("ui: ingest, {what}"), r.settled, INGEST_DEADLINE);
        checks.none_lost(&format!("ui: ingest, {what} ({})", r.where_lost), r.lost);
        checks.measured(&format!("ui: ingest, {what}: commit p99"), r.p99);
    }
    rows.push(Row(
        format!("ui ingest at 1k/s for {secs} s with {n} browser sessions (half Overview, half Events)"),
        format!(
            "{:.0}/s, lost {}; commit p50/p99 {:.1}/{:.1} ms; {:.1} us/event",
            with.rate, with.lost, with.p50, with.p99, with.cpu_us
        ),
        format!(
            "0 sessions: {:.0}/s, lost {}; p50/p99 {:.1}/{:.1} ms; {:.1} us/event",
            without.rate, without.lost, without.p50, without.p99, without.cpu_us
        ),
        format!(
            "{:.2}x rate, {:.2}x p99",
            with.rate / without.rate,
            with.p99 / without.p99
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_events_page_count_line_is_read() {
        let (n, r) = shown_and_rate("20000 events shown · 998/s · 31000 older dropped from this page");
        assert_eq!((n, r), (20000.0, 998.0));
        assert!(shown_and_rate("").0.is_nan());
        assert_eq!(http_base("ws://127.0.0.1:5/ws"), "http://127.0.0.1:5");
    }

    #[test]
    fn the_embedded_bundle_is_found_and_compressed() {
        let (names, raw, gz) = bundle().expect("krytend/ui/assets");
        assert!(names.iter().any(|n| n.ends_with(".js")), "{names:?}");
        assert!(gz > 0 && gz < raw, "{gz} of {raw}");
    }
}
