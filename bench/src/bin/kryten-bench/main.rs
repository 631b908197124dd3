//! kryten-bench: krytend's figures next to their references, measured in
//! the same run, on a private nats-server. `--smoke` runs each benchmark
//! for seconds (CI); the full run is manual (see bench/README.md).

use std::{
    process::Stdio,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use async_nats::jetstream;
use clap::Parser;
use futures::StreamExt;
use kryten_bench::{now_ns, run as load, sent_of, seq_of, LoadSpec};
use kryten_e2e::{bin, nats, nats_js, Daemon};
use kryten_proto::v1 as pb;

mod alerts;
mod logs;
mod ui;

#[derive(Parser)]
#[command(
    name = "kryten-bench",
    about = "Benchmarks of krytend against the bus and a hand-written pipeline"
)]
struct Args {
    /// Seconds, not minutes: small counts, for CI
    #[arg(long)]
    smoke: bool,
    /// Comma-separated subset: ingest (with ingest-js), ingest-js (its flat-out JetStream comparison only), logs, tail, fanout, fanout-ws, stall, query, cli, ui, alerts
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Events per ingest run (default 1,000,000; smoke 20,000)
    #[arg(long)]
    events: Option<u64>,
    /// Messages stored before the query benchmark (default 10,000,000; smoke 50,000)
    #[arg(long)]
    rows: Option<u64>,
    /// Ingest rates in events/s, comma-separated; 0 = flat out (default 0,10000,50000,100000,200000)
    #[arg(long, value_delimiter = ',')]
    rates: Vec<u64>,
    /// Runs of each ingest configuration; medians are reported (default 3; smoke 1)
    #[arg(long)]
    trials: Option<usize>,
    /// (internal) Be one simulated service with this name until killed
    #[arg(long, hide = true)]
    sim_service: Option<String>,
    #[arg(long, hide = true, default_value = "nats://127.0.0.1:4222")]
    sim_nats: String,
    #[arg(long, hide = true, default_value_t = 1000)]
    sim_heartbeat_ms: u64,
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// (cpu ticks, current RSS KiB, peak RSS KiB)
fn usage(pid: u32) -> (u64, u64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let f: Vec<&str> = stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    };
    (t(11) + t(12), kib("VmRSS:"), kib("VmHWM:"))
}

struct Row(String, String, String, String);

fn print(rows: &[Row]) {
    let w0 = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let w2 = rows.iter().map(|r| r.2.len()).max().unwrap_or(0);
    println!(
        "{:<w0$}  {:<w1$}  {:<w2$}  RATIO",
        "BENCHMARK", "KRYTEND", "REFERENCE (same run)"
    );
    for r in rows {
        println!("{:<w0$}  {:<w1$}  {:<w2$}  {}", r.0, r.1, r.2, r.3);
    }
}

/// What a run must show for its figures to count: nothing lost or
/// dropped, every delivery made, every percentile measured, RSS level under
/// a stalled client, every wait within its deadline. Each failure is
/// printed with its reason as found; any one makes the run exit non-zero.
#[derive(Default)]
struct Checks(Vec<String>);

impl Checks {
    fn fail(&mut self, why: String) {
        eprintln!("FAIL: {why}");
        self.0.push(why);
    }

    fn none_lost(&mut self, what: &str, lost: u64) {
        if lost > 0 {
            self.fail(format!("{what}: {lost} lost or dropped, must be 0"));
        }
    }

    fn all_delivered(&mut self, what: &str, got: u64, want: u64) {
        if got < want {
            self.fail(format!("{what}: {got} of {want} deliveries"));
        }
    }

    /// Every one of several clients got `want`; one line for all of them.
    fn each_delivered(&mut self, what: &str, per_client: &[Vec<f64>], want: u64) {
        let short: Vec<u64> = per_client
            .iter()
            .map(|l| l.len() as u64)
            .filter(|&n| n < want)
            .collect();
        if let Some(worst) = short.iter().min() {
            self.fail(format!(
                "{what}: {} of {} clients short of {want} deliveries (the worst got {worst})",
                short.len(),
                per_client.len()
            ));
        }
    }

    /// A NaN is a percentile over no samples: nothing was measured.
    fn measured(&mut self, what: &str, v: f64) {
        if v.is_nan() {
            self.fail(format!("{what} is NaN: no samples were measured"));
        }
    }

    fn in_time(&mut self, what: &str, ok: bool, limit: Duration) {
        if !ok {
            self.fail(format!("{what}: not done within its {limit:?} deadline"));
        }
    }
}

/// RSS (MiB, sampled at a steady rate) that keeps growing: the last third
/// of the samples peaks more than `slack` above the middle third. The first
/// third is left out: the hub ring, the SQLite cache and the stalled
/// clients' bounded queues fill then.
fn rss_growth(samples: &[u64], slack: u64) -> Option<(u64, u64)> {
    let third = samples.len() / 3;
    if third == 0 {
        return None;
    }
    let middle = samples[third..2 * third].iter().copied().max().unwrap_or(0);
    let last = samples[2 * third..].iter().copied().max().unwrap_or(0);
    (last > middle + slack).then_some((middle, last))
}

/// The bus limit: a bare subscriber that only counts.
async fn bare_count(url: &str, spec: &LoadSpec) -> (f64, u64) {
    bare_count_on(url, "kryten.events.>", spec).await
}

/// A bare subscriber to `subject` that only counts the load `spec`
/// publishes flat out: (messages/s, lost).
async fn bare_count_on(url: &str, subject: &str, spec: &LoadSpec) -> (f64, u64) {
    let c = async_nats::ConnectOptions::new()
        .subscription_capacity(1 << 21)
        .connect(url)
        .await
        .expect("connect");
    let mut sub = c.subscribe(subject.to_string()).await.expect("sub");
    c.flush().await.expect("flush");
    let n = spec.count;
    let t = Instant::now();
    let counter = tokio::spawn(async move {
        let mut got = 0u64;
        while got < n {
            match tokio::time::timeout(Duration::from_secs(3), sub.next()).await {
                Ok(Some(_)) => got += 1,
                _ => break,
            }
        }
        got
    });
    let p = async_nats::connect(url).await.expect("connect");
    load(&p, spec).await.expect("load");
    let got = counter.await.expect("join");
    (got as f64 / t.elapsed().as_secs_f64(), n - got)
}

/// The storage limit: a minimal subscriber → batched SQLite writer with
/// krytend's event schema and indexes.
async fn handwritten(url: &str, spec: &LoadSpec) -> (f64, u64, f64, f64) {
    let dir = std::env::temp_dir().join(format!("kryten-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("naive.db");
    let _ = std::fs::remove_file(&path);
    let c = async_nats::ConnectOptions::new().connect(url).await.expect("connect");
    let mut sub = c.subscribe("kryten.events.>").await.expect("sub");
    c.flush().await.expect("flush");
    let (tx, rx) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(65_536);
    let n = spec.count;
    let writer = std::thread::spawn(move || {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
             CREATE TABLE events (seq INTEGER PRIMARY KEY, received_us INTEGER NOT NULL, subject TEXT NOT NULL,
               kind TEXT NOT NULL, service TEXT, channel TEXT, event_type TEXT, correlation_id TEXT,
               event_time_us INTEGER, reply_to TEXT, error TEXT, payload BLOB NOT NULL);
             CREATE INDEX e1 ON events (received_us); CREATE INDEX e2 ON events (service, seq) WHERE service IS NOT NULL;
             CREATE INDEX e3 ON events (kind, seq);",
        )
        .expect("schema");
        let mut lat = Vec::new();
        let mut stored = 0u64;
        let mut seq = 0i64;
        while let Ok(first) = rx.recv_timeout(Duration::from_secs(3)) {
            let mut batch = vec![first];
            while batch.len() < 1000 {
                match rx.recv_timeout(Duration::from_millis(10)) {
                    Ok(m) => batch.push(m),
                    Err(_) => break,
                }
            }
            let tx = conn.transaction().expect("tx");
            {
                let mut st = tx
                    .prepare_cached("INSERT INTO events (seq, received_us, subject, kind, payload) VALUES (?1, ?2, ?3, 'channel_event', ?4)")
                    .expect("prepare");
                for (s, p) in &batch {
                    seq += 1;
                    st.execute(rusqlite::params![seq, (now_ns() / 1000) as i64, s, p])
                        .expect("insert");
                }
            }
            tx.commit().expect("commit");
            let now = now_ns();
            for (_, p) in &batch {
                if let Some(sent) = sent_of(p) {
                    lat.push((now.saturating_sub(sent)) as f64 / 1e6);
                }
            }
            stored += batch.len() as u64;
            if stored >= n {
                break;
            }
        }
        (stored, lat)
    });
    let t = Instant::now();
    let fwd = tokio::spawn(async move {
        let mut dropped = 0u64;
        let mut got = 0u64;
        while got < n {
            match tokio::time::timeout(Duration::from_secs(3), sub.next()).await {
                Ok(Some(m)) => {
                    got += 1;
                    if tx.try_send((m.subject.to_string(), m.payload.to_vec())).is_err() {
                        dropped += 1;
                    }
                }
                _ => break,
            }
        }
        dropped
    });
    let p = async_nats::connect(url).await.expect("connect");
    load(&p, spec).await.expect("load");
    let _ = fwd.await;
    let (stored, mut lat) = tokio::task::spawn_blocking(move || writer.join().expect("writer"))
        .await
        .expect("join");
    let rate = stored as f64 / t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    (rate, n.saturating_sub(stored), pct(&mut lat, 0.5), pct(&mut lat, 0.99))
}

/// One krytend ingest run.
struct KrytendRun {
    /// The daemon's own counts, to tell where a loss happened.
    where_lost: String,
    /// Done (everything published was committed and ingest went quiet)
    /// before the deadline.
    settled: bool,
    rate: f64,
    lost: u64,
    /// Messages krytend itself counted as dropped during the run (at the
    /// bus client, over the queue budget, queue full): equal to `lost` when
    /// no loss went uncounted.
    counted: u64,
    /// Load messages stored by krytend (rows).
    stored: u64,
    p50: f64,
    p99: f64,
    /// The time between two status polls (ms), p50 and p99: a commit is
    /// seen at the first poll after it, so this bounds how late.
    poll_p50: f64,
    poll_p99: f64,
    cpu_us: f64,
    rss_mib: u64,
    /// Seconds from the first publish to the last (the publisher's flush).
    publish_s: f64,
    /// Seconds from the first publish to the receive time of the last load
    /// row: when krytend read it off the socket (core), or when the stream
    /// stored it (JetStream, where the receive time is the stream's).
    received_s: f64,
    /// Seconds from the first publish to the last commit.
    commit_s: f64,
    /// JetStream mode: load messages the stream stored, by its own count.
    stream_stored: Option<u64>,
    /// nats-server CPU per load event during the run (µs), and its peak
    /// RSS (MiB: the server's whole life, so only meaningful for a server
    /// started for the run).
    server_cpu_us: f64,
    server_rss_mib: u64,
}

/// krytend's config in the ingest runs (either mode).
const INGEST_CONFIG: &str = "discovery_poll: false\n";
/// krytend's stream and consumer in JetStream mode (the defaults of its
/// `jetstream:` section; the bench sets only the stream's size).
const JS_STREAM: &str = "KRYTEN";
/// The stream's `max_bytes` in the bench: room for the largest run (1M
/// events of ~300 bytes) without asking the server to reserve the default
/// 10 GiB, which a machine with less free disk refuses.
const JS_MAX_BYTES: u64 = 2 << 30;
const JS_CONSUMER: &str = "krytend";

/// krytend: publish → committed, loss, CPU per event, peak RSS. Commit
/// times come from committed-sequence polls every 2 ms; after the run each
/// stored event is matched to its send time through the load sequence in
/// its payload, so the latency is exact to the poll interval.
async fn krytend_ingest(url: &str, spec: &LoadSpec) -> KrytendRun {
    let d = Daemon::start(url, INGEST_CONFIG).await;
    ingest_on(&d, url, spec).await
}

/// As [`krytend_ingest`] in JetStream mode (`ingest.mode: jetstream`), on
/// a nats-server of its own with JetStream, started for the run: the
/// stream `KRYTEN` is the buffer, the load is published with plain core
/// publishes (the server stores what the stream covers), and the event's
/// number is its stream sequence.
async fn krytend_js_ingest(spec: &LoadSpec, acked: bool) -> KrytendRun {
    let server = nats_js().await;
    let url = server.url();
    let d = Daemon::start(
        &url,
        &format!("{INGEST_CONFIG}ingest:\n  mode: jetstream\njetstream:\n  max_bytes: {JS_MAX_BYTES}\n"),
    )
    .await;
    let js = jetstream::new(async_nats::connect(&url).await.expect("connect"));
    let run = ingest_watched(&d, &url, spec, Some((js, acked))).await;
    drop(d);
    drop(server);
    run
}

/// One ingest run of `spec` on a running daemon (its store may hold
/// other messages already; only the load's are matched).
async fn ingest_on(d: &Daemon, url: &str, spec: &LoadSpec) -> KrytendRun {
    ingest_watched(d, url, spec, None).await
}

/// The stream and krytend's consumer as the server sees them.
#[derive(Clone, Copy, Default)]
struct StreamProbe {
    /// When this was read (None: not yet).
    at: Option<Instant>,
    last_seq: u64,
    num_pending: u64,
    num_ack_pending: u64,
    ack_floor: u64,
}

/// Reads the stream and consumer state every 50 ms until dropped: in a
/// task of its own, so a slow JetStream API reply (the server is busy
/// storing the burst) never delays the 2 ms commit polls.
async fn probe_stream(js: jetstream::Context, tx: tokio::sync::watch::Sender<StreamProbe>) {
    let mut stream = loop {
        match js.get_stream(JS_STREAM).await {
            Ok(s) => break s,
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    };
    loop {
        let last_seq = stream.info().await.ok().map(|i| i.state.last_sequence);
        let c = stream.consumer_info(JS_CONSUMER).await.ok();
        if let (Some(last_seq), Some(c)) = (last_seq, c) {
            let p = StreamProbe {
                at: Some(Instant::now()),
                last_seq,
                num_pending: c.num_pending,
                num_ack_pending: c.num_ack_pending as u64,
                ack_floor: c.ack_floor.stream_sequence,
            };
            if tx.send(p).is_err() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Load messages (channel events) the stream holds, by subject.
async fn stream_load_count(js: &jetstream::Context) -> Option<u64> {
    let stream = js.get_stream(JS_STREAM).await.ok()?;
    let mut subjects = stream.info_with_subjects("kryten.events.>").await.ok()?;
    let mut n = 0u64;
    while let Some(s) = subjects.next().await {
        n += s.ok()?.1 as u64;
    }
    Some(n)
}

/// The receive time (µs) of the newest load row stored after `base`.
fn last_received_us(db: &std::path::Path, base: u64) -> u64 {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db");
    conn.query_row(
        "SELECT COALESCE(MAX(received_us), 0) FROM events WHERE seq > ?1 AND kind = 'channel_event'",
        [base as i64],
        |r| r.get::<_, i64>(0),
    )
    .map(|v| v.max(0) as u64)
    .unwrap_or(0)
}

/// The pid of our nats-server child listening on `url`'s port.
fn server_pid(url: &str) -> Option<u32> {
    let port = url.rsplit(':').next()?.as_bytes().to_vec();
    let me = std::process::id().to_string();
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
        let args: Vec<&[u8]> = cmd.split(|b| *b == 0).collect();
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let ppid = stat.rsplit(')').next()?.split_whitespace().nth(1)?;
        (ppid == me && args.windows(2).any(|w| w[0] == b"-p" && w[1] == port.as_slice())).then_some(pid)
    })
}

/// One ingest run; `js` (JetStream mode) is how it tells the daemon is
/// done: not by its received count going quiet, but by the server's word
/// that the stream has stopped growing and the consumer has delivered all
/// of it and had all of it acknowledged (krytend acknowledges after the
/// commit).
/// `js`: the stream's context, and whether the load is published with
/// acknowledgements (else plain publishes the server may drop).
async fn ingest_watched(d: &Daemon, url: &str, spec: &LoadSpec, js: Option<(jetstream::Context, bool)>) -> KrytendRun {
    let acked = js.as_ref().is_some_and(|(_, a)| *a);
    let js = js.map(|(j, _)| j);
    let st = d.status().await;
    let pid = st.pid;
    let base = st.store.map(|s| s.committed_seq).unwrap_or(0);
    let base_received = st.ingest.map(|i| i.received).unwrap_or(0);
    let base_dropped = st.ingest.map(|i| i.dropped).unwrap_or(0);
    let server = server_pid(url);
    let (t0, _, _) = usage(pid);
    let (s0, _, _) = server.map(usage).unwrap_or_default();
    let (probe_tx, probe) = tokio::sync::watch::channel(StreamProbe::default());
    let prober = js.clone().map(|js| tokio::spawn(probe_stream(js, probe_tx)));
    let p = async_nats::connect(url).await.expect("connect");
    let spec2 = spec.clone();
    let publisher = tokio::spawn(async move {
        let sent = if acked {
            kryten_bench::run_acked(&jetstream::new(p), &spec2, 4096)
                .await
                .expect("acknowledged load")
        } else {
            load(&p, &spec2).await.expect("load")
        };
        (sent, now_ns())
    });
    // (time ns, committed seq)
    let mut polls: Vec<(u64, u64)> = Vec::new();
    let mut c = d.client().await;
    let deadline = Instant::now() + INGEST_DEADLINE;
    let mut quiet_since: Option<(Instant, u64)> = None;
    let mut published_at: Option<Instant> = None;
    let mut settled = false;
    loop {
        let s = c.status(pb::StatusRequest {}).await.expect("status").into_inner();
        let committed = s.store.map(|x| x.committed_seq).unwrap_or(0);
        let ing = s.ingest.unwrap_or_default();
        polls.push((now_ns(), committed));
        if publisher.is_finished() {
            published_at.get_or_insert_with(Instant::now);
        }
        if let (Some(done_at), Some(_)) = (published_at, &js) {
            // Done when a probe read after the publisher finished shows
            // the consumer caught up with everything acknowledged, and the
            // stream (which may still be storing what the server queued)
            // has not grown for 300 ms.
            let p = *probe.borrow();
            if p.at.is_some_and(|at| at > done_at) {
                let caught_up = p.num_pending == 0 && p.num_ack_pending == 0 && p.ack_floor >= p.last_seq;
                match quiet_since {
                    Some((t, last)) if last == p.last_seq && caught_up && t.elapsed() > Duration::from_millis(300) => {
                        settled = true;
                        break;
                    }
                    Some((_, last)) if last == p.last_seq => {}
                    _ => quiet_since = Some((Instant::now(), p.last_seq)),
                }
            }
        } else if published_at.is_some() && committed >= ing.last_seq {
            // Done when the publisher is, everything accepted is committed,
            // and nothing new has arrived for a while: a moment once the load
            // has all arrived, longer when some is missing (a daemon starved
            // of CPU on a busy machine reads nothing for a while; only a long
            // silence means the rest is lost).
            let quiet = if ing.received >= base_received + spec.count {
                Duration::from_millis(300)
            } else {
                QUIET_WHEN_SHORT
            };
            match quiet_since {
                Some((t, r)) if r == ing.received && t.elapsed() > quiet => {
                    settled = true;
                    break;
                }
                Some((_, r)) if r == ing.received => {}
                _ => quiet_since = Some((Instant::now(), ing.received)),
            }
        }
        if Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let (sent, published_ns) = publisher.await.expect("publisher");
    if let Some(t) = prober {
        t.abort();
    }
    let s = d.status().await;
    let ing = s.ingest.unwrap_or_default();
    let (t1, _, hwm) = usage(pid);
    let (s1, _, server_hwm) = server.map(usage).unwrap_or_default();
    let stored = stored_load_seqs(&d.db, base);
    let stream_stored = match &js {
        Some(js) => stream_load_count(js).await,
        None => None,
    };
    // Where a loss happened, for the failure message.
    let where_lost = match (&js, s.jetstream) {
        (Some(_), Some(j)) => {
            let p = *probe.borrow();
            format!(
                "the stream stored {} of {} load messages, krytend {}; consumer: pending {}, unacknowledged {}, ack floor #{} of #{}; redeliveries asked {}, duplicates skipped {}, stream_lost {}, last error {:?}",
                stream_stored.map_or("?".to_string(), |n| n.to_string()),
                spec.count,
                stored.len(),
                p.num_pending,
                p.num_ack_pending,
                p.ack_floor,
                p.last_seq,
                j.redelivery_requests,
                j.duplicates_skipped,
                j.stream_lost,
                j.last_error
            )
        }
        _ => format!(
            "received {} of {} load messages (with lifecycle), dropped by the client {}, slow-consumer notices {}, bus reconnects {}",
            ing.received - base_received,
            spec.count,
            ing.dropped,
            ing.slow_consumer_events,
            s.bus.map(|b| b.reconnects).unwrap_or(0)
        ),
    };
    let mut poll_gaps: Vec<f64> = polls.windows(2).map(|w| (w[1].0 - w[0].0) as f64 / 1e6).collect();
    let mut lat = Vec::with_capacity(stored.len());
    let mut last_commit = 0u64;
    for (seq, load_seq) in &stored {
        let Some(sent_ns) = sent.get(*load_seq as usize) else {
            continue;
        };
        let i = polls.partition_point(|p| p.1 < *seq);
        if let Some((at, _)) = polls.get(i) {
            lat.push(at.saturating_sub(*sent_ns) as f64 / 1e6);
            last_commit = last_commit.max(*at);
        }
    }
    // Loss by sequence: every load message must be stored once.
    let lost = spec.count.saturating_sub(stored.len() as u64).max(ing.dropped);
    let first = sent.first().copied().unwrap_or(0);
    let since_first = |ns: u64| ns.saturating_sub(first) as f64 / 1e9;
    let elapsed = since_first(last_commit);
    KrytendRun {
        where_lost,
        settled,
        rate: stored.len() as f64 / elapsed,
        lost,
        counted: ing.dropped.saturating_sub(base_dropped),
        stored: stored.len() as u64,
        p50: pct(&mut lat, 0.5),
        p99: pct(&mut lat, 0.99),
        poll_p50: pct(&mut poll_gaps.clone(), 0.5),
        poll_p99: pct(&mut poll_gaps, 0.99),
        cpu_us: (t1 - t0) as f64 * 10_000.0 / spec.count as f64,
        rss_mib: hwm / 1024,
        publish_s: since_first(published_ns),
        received_s: since_first(last_received_us(&d.db, base) * 1000),
        commit_s: elapsed,
        stream_stored,
        server_cpu_us: (s1 - s0) as f64 * 10_000.0 / spec.count as f64,
        server_rss_mib: server_hwm / 1024,
    }
}

/// How long one krytend ingest run may take to commit what was published.
const INGEST_DEADLINE: Duration = Duration::from_secs(600);
/// How long the daemon may take to commit what it has received.
const SETTLE_DEADLINE: Duration = Duration::from_secs(120);

/// (store seq, load seq) of the load's channel events stored after `base`.
fn stored_load_seqs(db: &std::path::Path, base: u64) -> Vec<(u64, u64)> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db");
    let mut stmt = conn
        .prepare("SELECT seq, payload FROM events WHERE seq > ?1 AND kind = 'channel_event' ORDER BY seq")
        .expect("prepare");
    let rows = stmt
        .query_map([base as i64], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get::<_, Vec<u8>>(1)?))
        })
        .expect("query");
    rows.filter_map(Result::ok)
        .filter_map(|(seq, p)| seq_of(&p).map(|l| (seq, l)))
        .collect()
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    pct(&mut v, 0.5)
}

async fn ingest(
    url: &str,
    events: u64,
    trials: usize,
    rates: &[u64],
    smoke: bool,
    rows: &mut Vec<Row>,
    checks: &mut Checks,
) {
    for &rate in rates {
        let spec = LoadSpec {
            count: events,
            rate,
            ..Default::default()
        };
        let label = if rate == 0 {
            "flat out".to_string()
        } else {
            format!("{}k/s", rate / 1000)
        };
        let (mut bus, mut naive, mut runs, mut js_runs, mut js_acked) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        // Interleaved, so a noisy minute hurts all alike. JetStream ingest
        // is compared on the flat-out burst, the one core ingest loses.
        for _ in 0..trials {
            bus.push(bare_count(url, &spec).await);
            naive.push(handwritten(url, &spec).await);
            runs.push(krytend_ingest(url, &spec).await);
            if rate == 0 {
                js_runs.push(krytend_js_ingest(&spec, false).await);
                js_acked.push(krytend_js_ingest(&spec, true).await);
            }
        }
        let m = |f: &dyn Fn(&KrytendRun) -> f64| median(&runs.iter().map(f).collect::<Vec<_>>());
        let k = m(&|r| r.rate);
        let k_lost: u64 = runs.iter().map(|r| r.lost).sum();
        let b = median(&bus.iter().map(|x| x.0).collect::<Vec<_>>());
        let b_lost: u64 = bus.iter().map(|x| x.1).sum();
        let n = median(&naive.iter().map(|x| x.0).collect::<Vec<_>>());
        let n_lost: u64 = naive.iter().map(|x| x.1).sum();
        let n99 = median(&naive.iter().map(|x| x.3).collect::<Vec<_>>());
        let n50 = median(&naive.iter().map(|x| x.2).collect::<Vec<_>>());
        let (k50, k99) = (m(&|r| r.p50), m(&|r| r.p99));
        for (i, r) in runs.iter().enumerate() {
            checks.in_time(&format!("ingest {label} trial {}", i + 1), r.settled, INGEST_DEADLINE);
            checks.measured(&format!("ingest {label} trial {} commit p50", i + 1), r.p50);
            checks.measured(&format!("ingest {label} trial {} commit p99", i + 1), r.p99);
        }
        // A flat-out burst longer than krytend's buffers loses the excess
        // by design (bench/README.md); everywhere else loss must be zero.
        if rate == 0 && !smoke {
            if k_lost > 0 {
                // The loss krytend could not see: the bus client drops
                // silently once its notice queue (128) is full.
                let counted: u64 = runs.iter().map(|r| r.counted).sum();
                eprintln!(
                    "note: ingest {label}: {k_lost} lost (a burst over capacity), {counted} counted by krytend, {} not",
                    k_lost.saturating_sub(counted)
                );
                // Loss by design, but never silent.
                checks.none_lost(
                    &format!("ingest {label}: loss krytend did not count"),
                    k_lost.saturating_sub(counted),
                );
            }
        } else {
            for (i, r) in runs.iter().enumerate() {
                checks.none_lost(&format!("ingest {label} trial {} ({})", i + 1, r.where_lost), r.lost);
            }
        }
        checks.measured(&format!("ingest {label} hand-written p50"), n50);
        checks.measured(&format!("ingest {label} hand-written p99"), n99);
        let per_trial = |v: Vec<f64>| {
            v.iter()
                .map(|x| format!("{:.0}k", x / 1000.0))
                .collect::<Vec<_>>()
                .join(" ")
        };
        rows.push(Row(
            format!("ingest {label}: rate persisted (median of {trials})"),
            format!(
                "{k:.0}/s [{}], lost {k_lost}",
                per_trial(runs.iter().map(|r| r.rate).collect())
            ),
            format!(
                "bus {b:.0}/s (lost {b_lost}); hand-written {n:.0}/s [{}] (lost {n_lost})",
                per_trial(naive.iter().map(|x| x.0).collect())
            ),
            format!("{:.2}x bus, {:.2}x hand-written", k / b, k / n),
        ));
        rows.push(Row(
            format!("ingest {label}: publish->commit p50/p99"),
            format!(
                "{k50:.1}/{k99:.1} ms (seen by status polls {:.1}/{:.1} ms apart)",
                m(&|r| r.poll_p50),
                m(&|r| r.poll_p99)
            ),
            format!("hand-written {n50:.1}/{n99:.1} ms"),
            format!("{:.2}x p99", k99 / n99),
        ));
        rows.push(Row(
            format!("ingest {label}: CPU/event, peak RSS"),
            format!("{:.1} us, {:.0} MiB", m(&|r| r.cpu_us), m(&|r| r.rss_mib as f64)),
            String::new(),
            String::new(),
        ));
        if !js_runs.is_empty() {
            js_rows(&spec, &label, false, &runs, &js_runs, (b, b_lost), rows, checks);
            js_rows(&spec, &label, true, &runs, &js_acked, (b, b_lost), rows, checks);
        }
    }
}

/// The JetStream-mode trials of one burst, beside the core-mode krytend
/// and the bare subscriber of the same trials.
#[allow(clippy::too_many_arguments)]
fn js_rows(
    spec: &LoadSpec,
    label: &str,
    acked: bool,
    core: &[KrytendRun],
    js: &[KrytendRun],
    (bus, bus_lost): (f64, u64),
    rows: &mut Vec<Row>,
    checks: &mut Checks,
) {
    let m = |runs: &[KrytendRun], f: &dyn Fn(&KrytendRun) -> f64| median(&runs.iter().map(f).collect::<Vec<_>>());
    // With acknowledged publishes nothing may be lost anywhere: the
    // publisher slows to what the stream takes.
    let label = &if acked {
        format!("{label}, acknowledged publishes")
    } else {
        label.to_string()
    };
    let trials = js.len();
    let published = spec.count * trials as u64;
    let lost: u64 = js.iter().map(|r| r.lost).sum();
    let core_lost: u64 = core.iter().map(|r| r.lost).sum();
    let in_stream: Option<u64> = js.iter().map(|r| r.stream_stored).sum();
    for (i, r) in js.iter().enumerate() {
        let what = format!("ingest {label} JetStream trial {}", i + 1);
        checks.in_time(&what, r.settled, INGEST_DEADLINE);
        checks.measured(&format!("{what} commit p50"), r.p50);
        checks.measured(&format!("{what} commit p99"), r.p99);
        // What the stream has, krytend must have stored, always.
        match r.stream_stored {
            Some(n) => checks.none_lost(
                &format!("{what}: stream -> store ({})", r.where_lost),
                n.saturating_sub(r.stored),
            ),
            None => checks.fail(format!("{what}: the stream's message count could not be read")),
        }
        // A message the server did not put in the stream is lost before
        // krytend: plain publishes get no answer, and a flat-out burst
        // overruns the stream's inbound queue (bench/README.md, "JetStream
        // ingest vs core vs the bare bus"). Counted and noted; what krytend
        // answers for is the check above.
        if acked {
            checks.none_lost(&format!("{what} ({})", r.where_lost), r.lost);
        } else if r.lost > 0 {
            eprintln!("note: {what}: {} lost ({})", r.lost, r.where_lost);
        }
    }
    let per_trial = |v: Vec<f64>| {
        v.iter()
            .map(|x| format!("{:.0}k", x / 1000.0))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (k, c) = (m(js, &|r| r.rate), m(core, &|r| r.rate));
    rows.push(Row(
        format!("ingest {label} JetStream: rate persisted (median of {trials})"),
        format!(
            "{k:.0}/s [{}], lost {lost} of {published} (the stream stored {})",
            per_trial(js.iter().map(|r| r.rate).collect()),
            in_stream.map_or("?".to_string(), |n| n.to_string())
        ),
        format!("core krytend {c:.0}/s (lost {core_lost}); bus {bus:.0}/s (lost {bus_lost})"),
        format!("{:.2}x core, {:.2}x bus", k / c, k / bus),
    ));
    rows.push(Row(
        format!("ingest {label} JetStream: publish->commit p50/p99"),
        format!("{:.1}/{:.1} ms", m(js, &|r| r.p50), m(js, &|r| r.p99)),
        format!("core krytend {:.1}/{:.1} ms", m(core, &|r| r.p50), m(core, &|r| r.p99)),
        String::new(),
    ));
    rows.push(Row(
        format!("ingest {label} JetStream: CPU/event, peak RSS"),
        format!(
            "{:.1} us, {:.0} MiB; its nats-server {:.1} us, {:.0} MiB",
            m(js, &|r| r.cpu_us),
            m(js, &|r| r.rss_mib as f64),
            m(js, &|r| r.server_cpu_us),
            m(js, &|r| r.server_rss_mib as f64)
        ),
        format!(
            "core krytend {:.1} us, {:.0} MiB; nats-server {:.1} us",
            m(core, &|r| r.cpu_us),
            m(core, &|r| r.rss_mib as f64),
            m(core, &|r| r.server_cpu_us)
        ),
        String::new(),
    ));
    rows.push(Row(
        format!("ingest {label} JetStream: s from first publish"),
        format!(
            "published {:.1}, last in the stream {:.1}, last committed {:.1}",
            m(js, &|r| r.publish_s),
            m(js, &|r| r.received_s),
            m(js, &|r| r.commit_s)
        ),
        format!(
            "core krytend: published {:.1}, last received {:.1}, last committed {:.1}",
            m(core, &|r| r.publish_s),
            m(core, &|r| r.received_s),
            m(core, &|r| r.commit_s)
        ),
        String::new(),
    ));
}

/// How long the received count must stand still, while less than the load
/// has arrived, before the rest counts as lost.
const QUIET_WHEN_SHORT: Duration = Duration::from_secs(5);

/// The daemon's received count (every bus message it got).
async fn received(d: &Daemon) -> u64 {
    d.status().await.ingest.map(|i| i.received).unwrap_or(0)
}

/// Waits until the daemon has received everything in flight (its received
/// count stops moving, having reached `want` — or for a long while if it
/// has not) and committed all of it; returns the committed seq, or `None`
/// past [`SETTLE_DEADLINE`].
async fn settle(d: &Daemon, want: u64) -> Option<u64> {
    let mut last = (u64::MAX, Instant::now());
    let deadline = Instant::now() + SETTLE_DEADLINE;
    loop {
        let s = d.status().await;
        let ing = s.ingest.unwrap_or_default();
        let committed = s.store.map(|s| s.committed_seq).unwrap_or(0);
        let quiet = if ing.received >= want {
            Duration::from_millis(200)
        } else {
            QUIET_WHEN_SHORT
        };
        if ing.received != last.0 {
            last = (ing.received, Instant::now());
        } else if committed >= ing.last_seq && last.1.elapsed() > quiet {
            return Some(committed);
        }
        if Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A message on the tailed subjects that carries no send time: published
/// until every client has seen one, so the load starts only once every
/// stream is attached to the daemon's hub (an answered subscribe call
/// does not promise that).
const PROBE: &str = "kryten.events.cytube.probe.ready";
const ATTACH_DEADLINE: Duration = Duration::from_secs(30);
/// How long a measuring client waits for its next delivery before it
/// counts the rest as not coming: with 200 clients on a debug build and a
/// busy machine, deliveries lag by over 10 s, and gaps of seconds happen.
const CLIENT_SILENCE: Duration = Duration::from_secs(20);

/// Publishes `payload` on `subject` every 50 ms until `ready` reaches `n`;
/// false if that takes longer than [`ATTACH_DEADLINE`].
async fn attach(url: &str, subject: &str, payload: &'static str, ready: &AtomicUsize, n: usize) -> bool {
    let p = async_nats::connect(url).await.expect("connect");
    let deadline = Instant::now() + ATTACH_DEADLINE;
    while ready.load(Ordering::Acquire) < n {
        if Instant::now() > deadline {
            return false;
        }
        p.publish(subject.to_string(), payload.into()).await.expect("publish");
        p.flush().await.expect("flush");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    true
}

/// One tail round: each client's latencies, the bare subscriber's, the
/// ingest rate committed meanwhile, and whether every wait kept its
/// deadline.
struct TailRound {
    clients: Vec<Vec<f64>>,
    raw: Vec<f64>,
    ingest_rate: f64,
    in_time: bool,
}

/// Publish → TailEvents receipt, and the bare subscriber's latency.
async fn tail_latency(url: &str, d: &Daemon, rate: u64, count: u64, clients: usize) -> TailRound {
    let ready = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let mut c = d.client().await;
        let mut stream = c
            .tail_events(pb::TailEventsRequest {
                filter: Some(pb::EventFilter {
                    subjects: vec!["kryten.events.cytube.>".into()],
                    kinds: vec!["channel_event".into()],
                    ..Default::default()
                }),
                ..Default::default()
            })
            .await
            .expect("tail")
            .into_inner();
        let ready = ready.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut attached = false;
            // Until all have come; a silence means the rest will not.
            while (lat.len() as u64) < count {
                let Ok(Some(Ok(r))) = tokio::time::timeout(CLIENT_SILENCE, stream.next()).await else {
                    break;
                };
                if let Some(pb::tail_events_response::Item::Event(e)) = r.item {
                    if !attached {
                        attached = e.subject == PROBE;
                        if attached {
                            ready.fetch_add(1, Ordering::AcqRel);
                        }
                        continue;
                    }
                    let now = now_ns();
                    if let Some(sent) = sent_of(&e.payload) {
                        lat.push(now.saturating_sub(sent) as f64 / 1e6);
                    }
                }
            }
            lat
        }));
    }
    let raw = async_nats::connect(url).await.expect("connect");
    let mut sub = raw.subscribe("kryten.events.>").await.expect("sub");
    raw.flush().await.expect("flush");
    let raw_task = tokio::spawn(async move {
        let mut lat = Vec::new();
        while (lat.len() as u64) < count {
            let Ok(Some(m)) = tokio::time::timeout(CLIENT_SILENCE, sub.next()).await else {
                break;
            };
            if let Some(sent) = sent_of(&m.payload) {
                lat.push(now_ns().saturating_sub(sent) as f64 / 1e6);
            }
        }
        lat
    });
    let attached = attach(url, PROBE, "{}", &ready, clients).await;
    let p = async_nats::connect(url).await.expect("connect");
    let spec = LoadSpec {
        count,
        rate,
        channel: "tail".into(),
        ..Default::default()
    };
    let before = d.status().await.store.map(|s| s.committed_seq).unwrap_or(0);
    let want = received(d).await + count;
    let started = Instant::now();
    load(&p, &spec).await.expect("load");
    // Ingest while the clients were attached: committed over the window.
    let committed = settle(d, want).await;
    let ingest_rate = (committed.unwrap_or(before) - before) as f64 / started.elapsed().as_secs_f64();
    let mut per_client = Vec::new();
    for t in tasks {
        per_client.push(t.await.expect("client"));
    }
    TailRound {
        clients: per_client,
        raw: raw_task.await.expect("raw"),
        ingest_rate,
        in_time: attached && committed.is_some(),
    }
}

async fn tail(url: &str, smoke: bool, rows: &mut Vec<Row>, checks: &mut Checks) {
    let d = Daemon::start(url, "discovery_poll: false\n").await;
    for rate in [1_000u64, 10_000] {
        let count = if smoke { rate } else { rate * 10 };
        let round = tail_latency(url, &d, rate, count, 1).await;
        let what = format!("tail at {}k/s", rate / 1000);
        checks.in_time(
            &format!("{what}: attach and settle"),
            round.in_time,
            ATTACH_DEADLINE + SETTLE_DEADLINE,
        );
        let mut k = round.clients.concat();
        let mut raw = round.raw;
        checks.all_delivered(&format!("{what}: tail client"), k.len() as u64, count);
        checks.all_delivered(&format!("{what}: bare NATS subscriber"), raw.len() as u64, count);
        for (name, v) in [("krytend", &mut k), ("bare NATS", &mut raw)] {
            for p in [0.5, 0.99, 0.999] {
                checks.measured(&format!("{what}: {name} p{}", p * 100.0), pct(v, p));
            }
        }
        rows.push(Row(
            format!("{what}: publish->client p50/p99/p999"),
            format!(
                "{:.2}/{:.2}/{:.2} ms ({} recv)",
                pct(&mut k, 0.5),
                pct(&mut k, 0.99),
                pct(&mut k, 0.999),
                k.len()
            ),
            format!(
                "bare NATS {:.2}/{:.2}/{:.2} ms",
                pct(&mut raw, 0.5),
                pct(&mut raw, 0.99),
                pct(&mut raw, 0.999)
            ),
            format!("{:.1}x p99", pct(&mut k, 0.99) / pct(&mut raw, 0.99)),
        ));
    }
}

async fn fanout(url: &str, smoke: bool, rows: &mut Vec<Row>, checks: &mut Checks) {
    let d = Daemon::start(url, "discovery_poll: false\n").await;
    let pid = d.status().await.pid;
    for clients in [1usize, 50, 200] {
        let count = if smoke { 1_000 } else { 10_000 };
        let (t0, _, _) = usage(pid);
        let started = Instant::now();
        let round = tail_latency(url, &d, 1_000, count, clients).await;
        let secs = started.elapsed().as_secs_f64();
        let (t1, rss, _) = usage(pid);
        let what = format!("fan-out {clients} tail clients");
        checks.in_time(
            &format!("{what}: attach and settle"),
            round.in_time,
            ATTACH_DEADLINE + SETTLE_DEADLINE,
        );
        checks.each_delivered(&what, &round.clients, count);
        let per: Vec<f64> = round.clients.iter().map(|l| pct(&mut l.clone(), 0.99)).collect();
        let mut all = round.clients.concat();
        checks.measured(&format!("{what}: p99"), pct(&mut all, 0.99));
        rows.push(Row(
            format!("fan-out {clients} tail clients at 1k/s"),
            format!(
                "p99 {:.2} ms (worst client {:.2} ms), {} of {} deliveries",
                pct(&mut all, 0.99),
                per.iter().cloned().fold(0.0, f64::max),
                all.len(),
                clients as u64 * count
            ),
            format!("ingest {:.0}/s committed (published at 1000/s)", round.ingest_rate),
            format!("CPU {:.0}%, RSS {} MiB", (t1 - t0) as f64 / secs, rss / 1024),
        ));
    }
}

/// Publishes `total` small load messages at 1,000/s on `subject`.
async fn publish_at_1k(url: &str, subject: &str, total: u64) {
    let client = async_nats::connect(url).await.expect("connect");
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    let pad = "x".repeat(250);
    for i in 0..total {
        tick.tick().await;
        let body = format!("{{\"i\":{i},\"pad\":\"{pad}\",\"seq\":{i},\"sent\":{}}}", now_ns());
        client.publish(subject.to_string(), body.into()).await.expect("publish");
    }
    client.flush().await.expect("flush");
}

async fn viewer_token(d: &Daemon) -> String {
    let out = d.ctl(&["token", "create", "--name", "bench", "--role", "viewer"]).await;
    assert!(out.status.success(), "token create: {}", kryten_e2e::stderr(&out));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A WebSocket client subscribed to the events on `subject`.
async fn ws_subscribe(url: &str, token: &str, subject: &str) -> Ws {
    use futures::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.expect("connect");
    let auth = format!("{{\"type\":\"auth\",\"token\":\"{token}\"}}");
    ws.send(Message::Text(auth.into())).await.expect("auth");
    let sub = format!(
        "{{\"type\":\"subscribe\",\"id\":\"s\",\"stream\":\"events\",\"filters\":{{\"subjects\":[\"{subject}\"]}}}}"
    );
    ws.send(Message::Text(sub.into())).await.expect("subscribe");
    loop {
        match tokio::time::timeout(Duration::from_secs(10), ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) if t.as_str().contains("\"subscribed\"") => return ws,
            Ok(Some(Ok(_))) => {}
            other => panic!("no subscription confirmed: {other:?}"),
        }
    }
}

/// One WebSocket round at 1k events/s.
struct WsRound {
    /// Each client's latencies.
    clients: Vec<Vec<f64>>,
    cpu: f64,
    rss_mib: u64,
    attached: bool,
}

/// `clients` WebSocket clients at 1k events/s.
async fn ws_round(url: &str, d: &Daemon, token: &str, clients: usize, total: u64) -> WsRound {
    use tokio_tungstenite::tungstenite::Message;
    let ws_url = d.ws().await;
    let subject = format!("kryten.bench.ws{clients}");
    let ready = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let mut ws = ws_subscribe(&ws_url, token, &subject).await;
        let ready = ready.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut attached = false;
            while (lat.len() as u64) < total {
                let Ok(Some(Ok(m))) = tokio::time::timeout(CLIENT_SILENCE, ws.next()).await else {
                    break;
                };
                if let Message::Text(t) = m {
                    let now = now_ns();
                    if !attached {
                        // Probes carry no send time, so later ones add nothing.
                        attached = t.as_str().contains("\"probe\"");
                        if attached {
                            ready.fetch_add(1, Ordering::AcqRel);
                        }
                        continue;
                    }
                    for sent in kryten_bench::all_sent(t.as_bytes()) {
                        lat.push(now.saturating_sub(sent) as f64 / 1e6);
                    }
                }
            }
            lat
        }));
    }
    let attached = attach(url, &subject, "{\"probe\":true}", &ready, clients).await;
    let pid = d.status().await.pid;
    let (t0, _, _) = usage(pid);
    let started = Instant::now();
    publish_at_1k(url, &subject, total).await;
    let mut per_client = Vec::new();
    for t in tasks {
        per_client.push(t.await.expect("client"));
    }
    let secs = started.elapsed().as_secs_f64();
    let (t1, rss, _) = usage(pid);
    WsRound {
        clients: per_client,
        cpu: (t1 - t0) as f64 / secs,
        rss_mib: rss / 1024,
        attached,
    }
}

async fn fanout_ws(url: &str, smoke: bool, rows: &mut Vec<Row>, checks: &mut Checks) {
    // 1,000 clients only in full runs (attaching them takes longer than a
    // smoke run should), with the default settings and again with a batch
    // delay, which trades a little latency for fewer frames per client.
    let runs: &[(&str, &[usize])] = if smoke {
        &[("", &[1, 50, 200])]
    } else {
        &[("", &[1, 50, 200, 1000]), ("10ms", &[1000])]
    };
    for &(delay, counts) in runs {
        let mut config =
            String::from("discovery_poll: false\nwebsocket:\n  max_clients: 1100\n  max_connections_per_ip: 1100\n");
        if !delay.is_empty() {
            config.push_str(&format!("  batch_delay: {delay}\n"));
        }
        let d = Daemon::start(url, &config).await;
        let token = viewer_token(&d).await;
        for &clients in counts {
            let total = if smoke { 1_000 } else { 10_000 };
            let round = ws_round(url, &d, &token, clients, total).await;
            let what = if delay.is_empty() {
                format!("fan-out {clients} WebSocket clients")
            } else {
                format!("fan-out {clients} WebSocket clients, batch_delay {delay}")
            };
            // Ingest unaffected: every event of the round is stored.
            let stored = stored_on_subject(&d, &format!("kryten.bench.ws{clients}"), total).await;
            checks.none_lost(&format!("{what}: stored"), total.saturating_sub(stored));
            checks.in_time(&format!("{what}: attach"), round.attached, ATTACH_DEADLINE);
            checks.each_delivered(&what, &round.clients, total);
            let per: Vec<f64> = round.clients.iter().map(|l| pct(&mut l.clone(), 0.99)).collect();
            let mut all = round.clients.concat();
            checks.measured(&format!("{what}: p99"), pct(&mut all, 0.99));
            rows.push(Row(
                format!("{what} at 1k/s"),
                format!(
                    "p99 {:.2} ms (worst client {:.2} ms), {} of {} deliveries",
                    pct(&mut all, 0.99),
                    per.iter().cloned().fold(0.0, f64::max),
                    all.len(),
                    clients as u64 * total
                ),
                format!("{stored} of {total} stored"),
                format!("CPU {:.0}%, RSS {} MiB", round.cpu, round.rss_mib),
            ));
        }
    }
}

/// Load events (not the attach probes) stored on `subject`: waits up to
/// 10 s for `want` of them.
async fn stored_on_subject(d: &Daemon, subject: &str, want: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (db, subject) = (d.db.clone(), subject.to_string());
        let n = tokio::task::spawn_blocking(move || {
            let c = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .expect("open db");
            c.query_row(
                "SELECT COUNT(*) FROM events WHERE subject = ?1 AND CAST(payload AS TEXT) LIKE '%\"sent\"%'",
                [subject],
                |r| r.get::<_, i64>(0),
            )
            .expect("count") as u64
        })
        .await
        .expect("join");
        if n >= want || Instant::now() >= deadline {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// RSS may rise this much (MiB) from the middle third of the stall run to
/// the last: allocator noise (up to 2 MiB seen on a busy machine). A
/// backlog kept for a stalled client grows by at least 1.5 MiB/s at 5k/s ×
/// 300 bytes, 4.5 MiB over a third of the smoke run, and more with each
/// event's keeping costs (events kept in the hub: see bench/README.md).
const RSS_SLACK_MIB: u64 = 6;

/// RSS at 10k events/s with a gRPC tail client and a WebSocket client that
/// never read: it must level off, not grow with the backlog.
async fn stall(url: &str, smoke: bool, rows: &mut Vec<Row>, checks: &mut Checks) {
    // A stalled WebSocket client's backlog grows until its queue is full
    // (1024 messages of up to 100 events: ~100k events by default) and it
    // is let go `stall_timeout` (10 s) later. The smoke run (45k events)
    // would never get there, so there the bounds are small enough to be
    // reached in 4 s: what is judged is that RSS levels off once every
    // bound has been reached.
    let config = if smoke {
        "discovery_poll: false\nwebsocket:\n  queue: 64\n  stall_timeout: 2s\n"
    } else {
        "discovery_poll: false\n"
    };
    let d = Daemon::start(url, config).await;
    let pid = d.status().await.pid;
    let token = viewer_token(&d).await;
    let mut c = d.client().await;
    // Opened and never polled again: the server sees a client that stopped.
    let grpc_stalled = c
        .tail_events(pb::TailEventsRequest {
            filter: Some(pb::EventFilter::default()),
            ..Default::default()
        })
        .await
        .expect("tail")
        .into_inner();
    let ws_stalled = ws_subscribe(&d.ws().await, &token, "kryten.>").await;
    // Long enough in the smoke run for each third to span 3 s; at half
    // the rate there, which a debug build on a busy machine keeps up with
    // (at 10k/s it may not, and its own bounded ingest backlog then grows
    // RSS and loses messages at the bus, which says nothing about the
    // stalled clients).
    let seconds: u64 = if smoke { 9 } else { 60 };
    let rate: u64 = if smoke { 5_000 } else { 10_000 };
    let spec = LoadSpec {
        count: rate * seconds,
        rate,
        channel: "stall".into(),
        ..Default::default()
    };
    let p = async_nats::connect(url).await.expect("connect");
    let publisher = tokio::spawn(async move { load(&p, &spec).await.expect("load") });
    let mut samples = Vec::new();
    while !publisher.is_finished() {
        tokio::time::sleep(Duration::from_millis(250)).await;
        samples.push(usage(pid).1 / 1024);
    }
    let _ = publisher.await;
    eprintln!("stall: RSS every 250 ms (MiB): {samples:?}");
    let half = samples.len() / 2;
    let first = samples[..half].iter().copied().max().unwrap_or(0);
    let second = samples[half..].iter().copied().max().unwrap_or(0);
    if samples.len() < 6 {
        checks.fail(format!("stall: {} RSS samples, too few to judge growth", samples.len()));
    } else if let Some((middle, last)) = rss_growth(&samples, RSS_SLACK_MIB) {
        checks.fail(format!(
            "stall: RSS still growing with stalled clients: peak {middle} MiB in the middle third, {last} MiB in the last (more than {RSS_SLACK_MIB} MiB up); samples {samples:?}"
        ));
    }
    let committed = settle(&d, rate * seconds).await;
    checks.in_time("stall: settle", committed.is_some(), SETTLE_DEADLINE);
    let st = d.status().await;
    let dropped = st.ingest.map(|i| i.dropped).unwrap_or(0);
    checks.none_lost("stall: ingest", dropped);
    let stored = stored_load_seqs(&d.db, 0).len() as u64;
    checks.none_lost("stall: stored", (rate * seconds).saturating_sub(stored));
    rows.push(Row(
        format!(
            "RSS at {}k/s for {seconds} s, stalled gRPC + WebSocket client",
            rate / 1000
        ),
        format!("max {first} MiB in the first half, {second} MiB in the second"),
        format!(
            "{} events committed, {} dropped",
            st.store.map(|s| s.committed_seq).unwrap_or(0),
            dropped
        ),
        format!("growth {:+} MiB", second as i64 - first as i64),
    ));
    drop((grpc_stalled, ws_stalled));
}

/// Fills a store with `n` messages (a fifth of them log lines) in bursts
/// the daemon can absorb without dropping, then times filtered queries.
async fn query(url: &str, n: u64, rows: &mut Vec<Row>, checks: &mut Checks) {
    let d = Daemon::start(
        url,
        "discovery_poll: false\nstore:\n  max_rows: null\nlogs:\n  max_rows: null\n",
    )
    .await;
    let p = async_nats::connect(url).await.expect("connect");
    let chunk = 200_000u64;
    let fill = Instant::now();
    for (i, start) in (0..n).step_by(chunk as usize).enumerate() {
        let spec = LoadSpec {
            count: chunk.min(n - start),
            log_ratio: 0.2,
            seed: i as u64 + 1,
            ..Default::default()
        };
        let want = received(&d).await + spec.count;
        load(&p, &spec).await.expect("load");
        if settle(&d, want).await.is_none() {
            checks.in_time(&format!("query: fill chunk {}", i + 1), false, SETTLE_DEADLINE);
        }
    }
    let st = d.status().await;
    let store = st.store.unwrap_or_default();
    let event_rows = store.event_rows;
    let db = rusqlite::Connection::open_with_flags(&d.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db");
    let log_rows: i64 = db
        .query_row("SELECT COUNT(*) FROM logs", [], |r| r.get(0))
        .expect("count log rows");
    // The receive time of the event halfway through the store.
    let t_mid: i64 = db
        .query_row(
            "SELECT received_us FROM events WHERE seq >= (SELECT MAX(seq) FROM events) / 2 ORDER BY seq LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("middle of the store");
    eprintln!(
        "query: filled {event_rows} event rows, {log_rows} log rows in {:.0} s ({} dropped)",
        fill.elapsed().as_secs_f64(),
        st.ingest.map(|i| i.dropped).unwrap_or(0)
    );
    let mut c = d.client().await;
    let now_us = (now_ns() / 1000) as i64;
    let ev = |f: pb::EventFilter| f;
    let cases: Vec<(&str, pb::EventFilter, usize)> = vec![
        ("newest, no filter", ev(Default::default()), 50),
        (
            "1 s window mid-store",
            ev(pb::EventFilter {
                since_us: t_mid,
                until_us: t_mid + 1_000_000,
                ..Default::default()
            }),
            50,
        ),
        (
            "last 10 s",
            ev(pb::EventFilter {
                since_us: now_us - 10_000_000,
                ..Default::default()
            }),
            50,
        ),
        (
            "service (sparse)",
            ev(pb::EventFilter {
                services: vec!["svc3".into()],
                ..Default::default()
            }),
            50,
        ),
        (
            "type startup (sparse)",
            ev(pb::EventFilter {
                kinds: vec!["startup".into()],
                ..Default::default()
            }),
            50,
        ),
        (
            "subject wildcard, 1 in 10",
            ev(pb::EventFilter {
                subjects: vec!["kryten.events.cytube.*.chatmsg".into()],
                ..Default::default()
            }),
            50,
        ),
        (
            "subject, 1 in 50",
            ev(pb::EventFilter {
                subjects: vec!["kryten.events.cytube.bench4.pm".into()],
                ..Default::default()
            }),
            50,
        ),
        (
            "subject matching nothing (stops at the scan limit)",
            ev(pb::EventFilter {
                subjects: vec!["kryten.events.nowhere".into()],
                ..Default::default()
            }),
            5,
        ),
    ];
    for (name, f, runs) in cases {
        let mut t = Vec::new();
        let mut got = 0;
        for _ in 0..runs {
            let s = Instant::now();
            got = c
                .list_events(pb::ListEventsRequest {
                    filter: Some(f.clone()),
                    limit: 100,
                    newest: true,
                    ..Default::default()
                })
                .await
                .expect("list")
                .into_inner()
                .events
                .len();
            t.push(s.elapsed().as_secs_f64() * 1e3);
        }
        checks.measured(&format!("query {name}: p50"), pct(&mut t, 0.5));
        rows.push(Row(
            format!("query {name}, {event_rows} rows"),
            format!("p50 {:.1} ms, p99 {:.1} ms", pct(&mut t, 0.5), pct(&mut t, 0.99)),
            format!("{got} returned (limit 100), {runs} runs"),
            String::new(),
        ));
    }
    for (name, filter) in [
        (
            "full-text",
            pb::LogFilter {
                grep: "kryten party".into(),
                ..Default::default()
            },
        ),
        (
            "service + level",
            pb::LogFilter {
                services: vec!["svc3".into()],
                max_severity: Some(3),
                ..Default::default()
            },
        ),
    ] {
        let mut t = Vec::new();
        let mut got = 0;
        for _ in 0..50 {
            let s = Instant::now();
            got = c
                .list_logs(pb::ListLogsRequest {
                    filter: Some(filter.clone()),
                    limit: 100,
                    newest: true,
                })
                .await
                .expect("logs")
                .into_inner()
                .records
                .len();
            t.push(s.elapsed().as_secs_f64() * 1e3);
        }
        checks.measured(&format!("query logs {name}: p50"), pct(&mut t, 0.5));
        rows.push(Row(
            format!("query logs {name}, {log_rows} log rows"),
            format!("p50 {:.1} ms, p99 {:.1} ms", pct(&mut t, 0.5), pct(&mut t, 0.99)),
            format!("{got} returned (limit 100), 50 runs"),
            String::new(),
        ));
    }
}

async fn cli(url: &str, rows: &mut Vec<Row>, checks: &mut Checks) {
    // 50 names at once: admitted together (the default admits 50 in a burst
    // and 5 a second after; what is measured here is the CLI).
    let d = Daemon::start(url, "discovery_poll: false\nregistry:\n  new_burst: 500\n").await;
    let p = async_nats::connect(url).await.expect("connect");
    for s in 0..50 {
        let (subj, body) = kryten_bench::lifecycle(s, "startup", 1.0);
        p.publish(subj, body.into()).await.expect("publish");
    }
    p.flush().await.expect("flush");
    const KNOWN: Duration = Duration::from_secs(30);
    let deadline = Instant::now() + KNOWN;
    while d.status().await.service_count < 50 {
        if Instant::now() > deadline {
            checks.in_time("cli: 50 services known", false, KNOWN);
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for args in [vec!["services", "ls"], vec!["events", "ls", "-n", "100"]] {
        let mut t = Vec::new();
        for _ in 0..20 {
            let s = Instant::now();
            let out = std::process::Command::new(bin("krytenctl"))
                .arg("--server")
                .arg(d.server())
                .args(&args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .env("KRYTEN_CONFIG", "/nonexistent")
                .status()
                .expect("krytenctl");
            assert!(out.success());
            t.push(s.elapsed().as_secs_f64() * 1e3);
        }
        rows.push(Row(
            format!("krytenctl {} (50 services)", args.join(" ")),
            format!("median {:.1} ms wall", pct(&mut t, 0.5)),
            String::new(),
            String::new(),
        ));
    }
}

#[tokio::main]
async fn main() {
    let a = Args::parse();
    if let Some(name) = &a.sim_service {
        alerts::sim_process(name, &a.sim_nats, a.sim_heartbeat_ms).await;
        return;
    }
    let want = |s: &str| a.only.is_empty() || a.only.iter().any(|o| o == s);
    let nats = nats().await;
    let url = nats.url();
    let mut rows = Vec::new();
    let mut checks = Checks::default();
    let events = a.events.unwrap_or(if a.smoke { 20_000 } else { 1_000_000 });
    // `ingest` includes JetStream ingest on its flat-out burst; `ingest-js`
    // alone is that burst only (bare bus, hand-written, core and
    // JetStream krytend).
    if want("ingest") || want("ingest-js") {
        let trials = a.trials.unwrap_or(if a.smoke { 1 } else { 3 }).max(1);
        let rates = if !want("ingest") {
            vec![0]
        } else if a.rates.is_empty() {
            vec![0, 10_000, 50_000, 100_000, 200_000]
        } else {
            a.rates.clone()
        };
        ingest(&url, events, trials, &rates, a.smoke, &mut rows, &mut checks).await;
    }
    if want("logs") {
        let trials = a.trials.unwrap_or(if a.smoke { 1 } else { 3 }).max(1);
        logs::logs(&url, a.smoke, trials, &mut rows, &mut checks).await;
    }
    if want("tail") {
        tail(&url, a.smoke, &mut rows, &mut checks).await;
    }
    if want("fanout") {
        fanout(&url, a.smoke, &mut rows, &mut checks).await;
    }
    if want("fanout-ws") {
        fanout_ws(&url, a.smoke, &mut rows, &mut checks).await;
    }
    if want("stall") {
        stall(&url, a.smoke, &mut rows, &mut checks).await;
    }
    if want("query") {
        let n = a.rows.unwrap_or(if a.smoke { 50_000 } else { 10_000_000 });
        query(&url, n, &mut rows, &mut checks).await;
    }
    if want("cli") {
        cli(&url, &mut rows, &mut checks).await;
    }
    if want("ui") {
        let t = Instant::now();
        ui::ui(&url, a.smoke, &mut rows, &mut checks).await;
        eprintln!("ui: took {:.1} s", t.elapsed().as_secs_f64());
    }
    if want("alerts") {
        let t = Instant::now();
        alerts::alerts(&url, a.smoke, &mut rows, &mut checks).await;
        eprintln!("alerts: took {:.1} s", t.elapsed().as_secs_f64());
    }
    print(&rows);
    if !checks.0.is_empty() {
        eprintln!("kryten-bench: {} check(s) failed:", checks.0.len());
        for why in &checks.0 {
            eprintln!("  - {why}");
        }
        std::process::exit(1);
    }
}
