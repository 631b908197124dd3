//! `logs`: log lines persisted with their full-text index, from NATS
//! (flat out) and from a tailed file, next to a bare subscriber to the same
//! lines in the same run; and every line kept at a fixed offered rate.
//!
//! Each trial starts a fresh daemon per figure, so every figure starts
//! from an empty store; medians over the trials are reported with each
//! trial's figure.

use std::io::Write;

use super::*;

/// The daemon's config for the log runs: no retention row cap (a trial
/// stores more than the default keeps) and a quick file poll.
fn config(file: Option<&std::path::Path>) -> String {
    let mut yaml = String::from(
        "discovery_poll: false\nstore:\n  max_rows: null\nlogs:\n  max_rows: null\n  poll_interval: 20ms\n",
    );
    if let Some(f) = file {
        yaml.push_str(&format!(
            "  files:\n    - {{service: filebench, path: {}}}\n",
            f.display()
        ));
    }
    yaml
}

/// Only log lines, from 10 services.
fn spec(count: u64, rate: u64, seed: u64) -> LoadSpec {
    LoadSpec {
        count,
        rate,
        log_ratio: 1.0,
        seed,
        ..Default::default()
    }
}

fn log_rows(d: &Daemon, source_like: &str) -> u64 {
    let db = rusqlite::Connection::open_with_flags(&d.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db");
    db.query_row("SELECT COUNT(*) FROM logs WHERE source LIKE ?1", [source_like], |r| {
        r.get::<_, i64>(0)
    })
    .expect("count log rows") as u64
}

/// Lines whose message has `word` by the full-text index, and by a scan
/// of the messages: equal when every stored line was indexed.
fn fts_rows(d: &Daemon, word: &str) -> (u64, u64) {
    let db = rusqlite::Connection::open_with_flags(&d.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db");
    let indexed = db
        .query_row("SELECT COUNT(*) FROM logs_fts WHERE logs_fts MATCH ?1", [word], |r| {
            r.get::<_, i64>(0)
        })
        .expect("count indexed rows") as u64;
    let scanned = db
        .query_row(
            "SELECT COUNT(*) FROM logs WHERE message LIKE ?1",
            [format!("%{word}%")],
            |r| r.get::<_, i64>(0),
        )
        .expect("count rows") as u64;
    (indexed, scanned)
}

struct Run {
    rate: f64,
    lost: u64,
    /// (by the index, by a scan) of one word.
    indexed: (u64, u64),
    cpu_us: f64,
    rss_mib: u64,
}

/// krytend from NATS: lines/s from the first publish to the last commit,
/// lines missing from the store, krytend's CPU per line and peak RSS.
async fn from_nats(url: &str, spec: &LoadSpec) -> Run {
    let d = Daemon::start(url, &config(None)).await;
    let pid = d.pid().unwrap_or(0);
    let base = log_count(&d).await;
    let cpu0 = usage(pid).0;
    let p = async_nats::connect(url).await.expect("connect");
    let t = Instant::now();
    load(&p, spec).await.expect("load");
    p.flush().await.expect("flush");
    let (stored, at) = until_stored(&d, base, spec.count, "nats").await;
    let (cpu1, _, peak) = usage(pid);
    let rate = stored as f64 / (at - t).as_secs_f64();
    Run {
        rate,
        lost: spec.count.saturating_sub(stored),
        indexed: fts_rows(&d, "kryten"),
        cpu_us: (cpu1 - cpu0) as f64 * 1e6 / ticks_per_second() / stored.max(1) as f64,
        rss_mib: peak / 1024,
    }
}

/// krytend from a tailed file: `count` lines appended at once, lines/s
/// from the write to the last commit.
async fn from_file(url: &str, count: u64) -> Run {
    let dir = std::env::temp_dir().join(format!("kryten-bench-logs-{}-{count}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("tmp");
    let file = dir.join("bench.log");
    std::fs::write(&file, b"").expect("create");
    let d = Daemon::start(url, &config(Some(&file))).await;
    let pid = d.pid().unwrap_or(0);
    let mut text = Vec::with_capacity(count as usize * 100);
    for i in 0..count {
        writeln!(
            text,
            "2026-11-21 10:00:{:02},{:03} - kryten.filebench - INFO - processed request {i} for user{} kryten in 12 ms",
            (i / 1000) % 60,
            i % 1000,
            i % 500
        )
        .expect("fmt");
    }
    let base = log_count(&d).await;
    let cpu0 = usage(pid).0;
    let t = Instant::now();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .expect("open")
        .write_all(&text)
        .expect("write");
    let (stored, at) = until_stored(&d, base, count, "file:%").await;
    let (cpu1, _, peak) = usage(pid);
    let indexed = fts_rows(&d, "kryten");
    drop(d);
    let _ = std::fs::remove_dir_all(&dir);
    Run {
        rate: stored as f64 / (at - t).as_secs_f64(),
        lost: count.saturating_sub(stored),
        indexed,
        cpu_us: (cpu1 - cpu0) as f64 * 1e6 / ticks_per_second() / stored.max(1) as f64,
        rss_mib: peak / 1024,
    }
}

/// Polls the daemon's count of stored log records every 5 ms until it
/// reaches `want` more than `base`, or stands still for 5 s. Returns the
/// rows stored from `source_like` and when the count last moved (its last
/// commit).
async fn until_stored(d: &Daemon, base: u64, want: u64, source_like: &str) -> (u64, Instant) {
    let mut last = (0u64, Instant::now());
    let deadline = Instant::now() + SETTLE_DEADLINE;
    loop {
        let rows = d.status().await.store.map(|s| s.log_rows).unwrap_or(0);
        let now = Instant::now();
        if rows != last.0 {
            last = (rows, now);
        }
        if rows >= base + want || now.duration_since(last.1) > Duration::from_secs(5) || now > deadline {
            return (log_rows(d, source_like), last.1);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn log_count(d: &Daemon) -> u64 {
    d.status().await.store.map(|s| s.log_rows).unwrap_or(0)
}

fn ticks_per_second() -> f64 {
    // sysconf(_SC_CLK_TCK) is 100 on every Linux this runs on.
    100.0
}

fn trials_of(v: &[f64]) -> String {
    v.iter().map(|x| format!("{x:.0}")).collect::<Vec<_>>().join(", ")
}

pub(crate) async fn logs(url: &str, smoke: bool, trials: usize, rows: &mut Vec<Row>, checks: &mut Checks) {
    let n: u64 = if smoke { 5_000 } else { 300_000 };
    let offered: u64 = if smoke { 5_000 } else { 100_000 };
    let (mut bus, mut nats, mut file) = (Vec::new(), Vec::new(), Vec::new());
    let (mut cpu_nats, mut cpu_file, mut rss) = (Vec::new(), Vec::new(), 0u64);
    let mut lost_flat = Vec::new();
    for t in 0..trials {
        let seed = 100 + t as u64;
        let (rate, lost) = bare_count_on(url, "kryten.logs.>", &spec(n, 0, seed)).await;
        checks.none_lost("logs: bare subscriber", lost);
        bus.push(rate);
        let r = from_nats(url, &spec(n, 0, seed)).await;
        // Flat out is over capacity by design outside the smoke run: the
        // rate is of what was stored, the loss is noted (counted by krytend
        // as over its queue budget) and checked at the fixed rate below.
        if smoke {
            checks.none_lost("logs: krytend from NATS flat out", r.lost);
        }
        lost_flat.push(r.lost);
        checks.all_delivered("logs: lines in the full-text index (NATS)", r.indexed.0, r.indexed.1);
        checks.measured("logs: krytend from NATS", r.rate);
        nats.push(r.rate);
        cpu_nats.push(r.cpu_us);
        rss = rss.max(r.rss_mib);
        let f = from_file(url, n).await;
        checks.none_lost("logs: krytend from a file", f.lost);
        checks.all_delivered(
            "logs: lines in the full-text index (file)",
            f.indexed.0,
            f.indexed.1.max(n),
        );
        checks.measured("logs: krytend from a file", f.rate);
        file.push(f.rate);
        cpu_file.push(f.cpu_us);
        eprintln!(
            "logs trial {}: bus {rate:.0}/s, NATS {:.0}/s ({:.1} µs CPU/line), file {:.0}/s ({:.1} µs CPU/line)",
            t + 1,
            r.rate,
            r.cpu_us,
            f.rate,
            f.cpu_us
        );
    }
    // Every line at a fixed offered rate (the lossless claim).
    let fixed_count = if smoke { offered } else { offered * 5 };
    let fixed = from_nats(url, &spec(fixed_count, offered, 7)).await;
    checks.none_lost(&format!("logs: krytend from NATS at {offered}/s offered"), fixed.lost);
    let (b, nt, fl) = (median(&bus), median(&nats), median(&file));
    rows.push(Row(
        format!("log lines persisted from NATS, indexed ({n}, median of {trials})"),
        format!("{nt:.0} lines/s [{}], lost flat out {lost_flat:?}", trials_of(&nats)),
        format!("bare subscriber {b:.0}/s [{}]", trials_of(&bus)),
        format!("{:.2}x", nt / b),
    ));
    rows.push(Row(
        format!("log lines persisted from a file ({n}, median of {trials})"),
        format!("{fl:.0} lines/s [{}]", trials_of(&file)),
        format!("from NATS {nt:.0}/s"),
        format!("{:.2}x", fl / nt),
    ));
    rows.push(Row(
        "log lines: krytend CPU per line (NATS / file), peak RSS".into(),
        format!("{:.1} / {:.1} µs, {rss} MiB", median(&cpu_nats), median(&cpu_file)),
        "-".into(),
        "-".into(),
    ));
    rows.push(Row(
        format!("log lines at {offered}/s offered ({fixed_count})"),
        format!("{} lost, {:.0} lines/s", fixed.lost, fixed.rate),
        format!("offered {offered}/s"),
        "-".into(),
    ));
}
