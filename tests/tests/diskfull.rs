//! Store faults: a full store and a locked one. Ingest goes on and counts
//! what cannot be stored, a gap event says so, retention by size makes
//! room, recording resumes by itself, and a stop is bounded.

use std::{
    process::Stdio,
    time::{Duration, Instant},
};

use kryten_e2e::{bus, nats, Daemon};
use kryten_proto::v1 as pb;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};

const CAP: u64 = 1024 * 1024;

async fn gap_events(d: &Daemon) -> Vec<Value> {
    let mut c = d.client().await;
    c.list_events(pb::ListEventsRequest {
        filter: Some(pb::EventFilter {
            kinds: vec!["gap".into()],
            ..Default::default()
        }),
        limit: 100,
        ..Default::default()
    })
    .await
    .expect("list gap events")
    .into_inner()
    .events
    .iter()
    .map(|e| serde_json::from_slice(&e.payload).expect("gap payload"))
    .collect()
}

async fn stored(d: &Daemon, subject: &str) -> usize {
    let mut c = d.client().await;
    c.list_events(pb::ListEventsRequest {
        filter: Some(pb::EventFilter {
            subjects: vec![subject.into()],
            ..Default::default()
        }),
        limit: 10,
        ..Default::default()
    })
    .await
    .expect("list events")
    .into_inner()
    .events
    .len()
}

#[tokio::test]
async fn a_full_store_drops_and_counts_frees_space_by_retention_and_resumes_by_itself() {
    let nats = nats().await;
    let mut d = Daemon::start(
        &nats.url(),
        &format!("store:\n  max_db_bytes: {CAP}\n  shutdown_timeout: 2s\n"),
    )
    .await;
    let client = bus(&nats.url()).await;
    // The stop is measured below; first start (creating the admin token)
    // comes before the daemon listens for it.
    kryten_e2e::eventually(Duration::from_secs(20), "the first start done", || async {
        d.client_config().is_file().then_some(())
    })
    .await;
    let big = format!("{{\"fill\":\"{}\"}}", "x".repeat(4000));
    // Publish until a write finds the store full (a 1 MiB cap: ~250 of
    // these fill it).
    let mut sent = 0usize;
    let full = kryten_e2e::eventually(Duration::from_secs(60), "a write that finds the store full", || {
        let (client, big, d) = (client.clone(), big.clone(), &d);
        sent += 50;
        let from = sent - 50;
        async move {
            for i in from..from + 50 {
                client
                    .publish(format!("kryten.test.fill.{i}"), big.clone().into())
                    .await
                    .expect("publish");
            }
            client.flush().await.expect("flush");
            let st = d.status().await.store.expect("store");
            (st.dropped_events > 0).then_some(st)
        }
    })
    .await;
    assert!(full.write_errors > 0, "{full:?}");
    assert!(
        full.last_error.contains("full"),
        "the error says full: {:?}",
        full.last_error
    );
    assert_eq!(full.max_db_bytes, CAP);
    // The CLI says so too.
    let out = d.ctl(&["status"]).await;
    assert!(
        kryten_e2e::stdout(&out).contains("not stored"),
        "{}",
        kryten_e2e::stdout(&out)
    );

    // Retention by size made room, writes work again by themselves, and a
    // gap event says what was lost.
    let deadline = Instant::now() + Duration::from_secs(10);
    let st = loop {
        let st = d.status().await.store.expect("store");
        if !st.writes_failing && st.retention_deleted > 0 {
            break st;
        }
        assert!(
            Instant::now() < deadline,
            "writes do not work again: {st:?}\n{}",
            d.log()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let gaps = kryten_e2e::eventually(Duration::from_secs(10), "a gap event", || async {
        let g = gap_events(&d).await;
        (!g.is_empty()).then_some(g)
    })
    .await;
    let lost: u64 = gaps.iter().map(|g| g["events"].as_u64().unwrap_or(0)).sum();
    assert!(lost >= 1 && lost <= st.dropped_events, "{gaps:?} vs {st:?}");
    assert!(
        gaps[0]["reason"].as_str().is_some_and(|r| r.contains("full")),
        "{gaps:?}"
    );
    assert!(gaps[0]["from_seq"].as_u64() > Some(0), "{gaps:?}");
    // Recording resumes: an event published now is stored.
    client
        .publish("kryten.test.after_full", "{}".into())
        .await
        .expect("publish");
    client.flush().await.expect("flush");
    kryten_e2e::eventually(Duration::from_secs(10), "the event after the full store", || async {
        (stored(&d, "kryten.test.after_full").await == 1).then_some(())
    })
    .await;
    let size = std::fs::metadata(&d.db).expect("db").len();
    assert!(size <= CAP, "the database file stays within the cap: {size}");
    let t = Instant::now();
    let status = d.terminate().await;
    let took = t.elapsed();
    eprintln!("SIGTERM after a full store: exited in {took:?}");
    assert!(status.success(), "{status}\n{}", d.log());
    assert!(took < Duration::from_millis(3500), "exited in {took:?}\n{}", d.log());
}

/// Holds the database's write lock from another process (python3's
/// sqlite3) until dropped.
struct Locker(#[allow(dead_code)] tokio::process::Child);

impl Locker {
    async fn lock(db: &std::path::Path) -> Locker {
        let python = std::env::var("KRYTEN_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = "import sqlite3, sys\n\
                      c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
                      c.execute('BEGIN IMMEDIATE')\n\
                      print('locked', flush=True)\n\
                      sys.stdin.read()\n";
        let mut child = tokio::process::Command::new(python)
            .arg("-c")
            .arg(script)
            .arg(db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("python3 for the lock");
        let mut out = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let line = tokio::time::timeout(Duration::from_secs(10), out.next_line())
            .await
            .expect("the lock is taken in time")
            .expect("read");
        assert_eq!(line.as_deref(), Some("locked"));
        Locker(child)
    }
}

#[tokio::test]
async fn a_locked_store_is_not_retried_forever_and_sigterm_exits_within_the_bound() {
    let nats = nats().await;
    let bound = Duration::from_secs(2);
    let mut d = Daemon::start(&nats.url(), "store:\n  write_retry: 500ms\n  shutdown_timeout: 2s\n").await;
    let client = bus(&nats.url()).await;
    // First start creates the admin token (the token store shares the
    // file); the lock is about the event writer, so after that.
    kryten_e2e::eventually(Duration::from_secs(20), "the first start done", || async {
        d.client_config().is_file().then_some(())
    })
    .await;
    let locker = Locker::lock(&d.db).await;
    for i in 0..20 {
        client
            .publish(format!("kryten.test.locked.{i}"), "{}".into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    // The batch is given up (SQLite waits 5 s for the lock, then the
    // writer retries for write_retry): counted, not retried forever.
    let st = kryten_e2e::eventually(Duration::from_secs(20), "the locked batch given up", || async {
        let st = d.status().await.store.expect("store");
        (st.dropped_events >= 20).then_some(st)
    })
    .await;
    assert!(st.writes_failing, "{st:?}");
    // More arrive while the store stays locked; then a stop.
    for i in 20..40 {
        client
            .publish(format!("kryten.test.locked.{i}"), "{}".into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    kryten_e2e::eventually(Duration::from_secs(5), "all accepted", || async {
        let ing = d.status().await.ingest.expect("ingest");
        (ing.received >= 40).then_some(())
    })
    .await;
    let t = Instant::now();
    let status = d.terminate().await;
    let took = t.elapsed();
    eprintln!("SIGTERM with a locked store: exited in {took:?} (bound {bound:?})");
    assert!(status.success(), "{status}\n{}", d.log());
    assert!(
        took < bound + Duration::from_millis(1500),
        "exited in {took:?}, bound {bound:?}\n{}",
        d.log()
    );
    let log = d.log();
    assert!(log.contains("shutdown bound") && log.contains("not flushed"), "{log}");
    drop(locker);

    // The next start reports what the stop could not flush.
    let dir = d.dir.clone();
    let d2 = Daemon::start_in(&dir, &nats.url(), "").await;
    let gaps = kryten_e2e::eventually(Duration::from_secs(10), "the gap at the next start", || async {
        let g = gap_events(&d2).await;
        (!g.is_empty()).then_some(g)
    })
    .await;
    assert!(
        gaps.iter()
            .any(|g| g["reason"].as_str().is_some_and(|r| r.contains("without committing"))),
        "{gaps:?}"
    );
    drop(d2);
    drop(d);
}
