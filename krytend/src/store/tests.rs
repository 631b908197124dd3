//! The store's fault handling and sequence reservation, on real files.

use std::{sync::atomic::Ordering, sync::Arc, time::Duration};

use bytes::Bytes;

use super::{Store, StoreConfig};
use crate::{event::Event, protocol::Kind};

fn event(seq: u64, subject: &str) -> Arc<Event> {
    Arc::new(Event {
        seq,
        received_us: seq as i64,
        subject: subject.into(),
        kind: Kind::Other,
        service: None,
        payload: Bytes::from_static(b"{}"),
        error: None,
        channel: None,
        event_type: None,
        correlation_id: None,
        event_time_us: None,
        reply_to: None,
        json: Default::default(),
    })
}

fn cfg(dir: &tempfile::TempDir) -> StoreConfig {
    let mut c = StoreConfig::at(dir.path().join("t.db"));
    c.batch_delay = Duration::from_millis(1);
    c
}

async fn stored_seqs(store: &Store) -> Vec<u64> {
    let page = store
        .reader()
        .events(
            Default::default(),
            super::reader::Paging::Forward { after: 0, upto: None },
            100,
        )
        .await
        .expect("read");
    page.events.iter().map(|e| e.seq).collect()
}

#[tokio::test]
async fn a_row_that_fails_on_its_own_is_set_aside_and_the_rest_of_its_batch_commits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, writer) = Store::open(cfg(&dir)).expect("open");
    let mut numbers = store.seq_numbers();
    let a = numbers.next().await;
    let b = numbers.next().await;
    // The same number twice: the second row can never be stored.
    store.write_event(event(a, "first")).await.expect("queue");
    store.write_event(event(a, "duplicate")).await.expect("queue");
    store.write_event(event(b, "second")).await.expect("queue");
    tokio::time::timeout(Duration::from_secs(10), store.flush())
        .await
        .expect("not retried forever")
        .expect("flush");
    assert_eq!(stored_seqs(&store).await, vec![a, b]);
    assert_eq!(store.stats().rejected_rows.load(Ordering::Relaxed), 1);
    assert_eq!(store.stats().dropped_events.load(Ordering::Relaxed), 0);
    let loss = store.take_loss().expect("reported for a gap event");
    assert_eq!((loss.rejected, loss.first_seq, loss.last_seq), (1, a, a));
    assert!(store.take_loss().is_none(), "reported once");
    store.close().await;
    writer.join();
}

#[tokio::test]
async fn a_crash_leaves_the_reserved_range_as_a_gap_and_a_clean_stop_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A clean stop: no gap, numbering continues right after.
    let (store, writer) = Store::open(cfg(&dir)).expect("open");
    let mut numbers = store.seq_numbers();
    for _ in 0..3 {
        let n = numbers.next().await;
        store.write_event(event(n, "clean")).await.expect("queue");
    }
    store.close().await;
    writer.join();
    let (store, writer) = Store::open(cfg(&dir)).expect("reopen");
    assert_eq!(store.take_crash_gap(), None);
    let mut numbers = store.seq_numbers();
    let n = numbers.next().await;
    assert_eq!(n, 4);
    store.write_event(event(n, "committed")).await.expect("queue");
    store.flush().await.expect("flush");
    // Numbers handed out (and perhaps shown) but never committed, then a
    // crash: the writer is abandoned without a clean stop.
    for _ in 0..5 {
        numbers.next().await;
    }
    std::mem::forget(writer);
    drop(store);
    let (store, writer) = Store::open(cfg(&dir)).expect("open after the crash");
    let gap = store.take_crash_gap().expect("a gap");
    assert_eq!(gap.from, 5);
    assert!(gap.to >= 9, "covers every number handed out: {gap:?}");
    let mut numbers = store.seq_numbers();
    assert_eq!(numbers.next().await, gap.to + 1, "never reused");
    store.close().await;
    writer.join();
}

/// The side tables (tokens, audit, config revisions) live in the store's
/// own file and share its pool: a row written through one handle is read
/// through another, and token rows keep their rules (unique names,
/// revocation of unknown names refused).
#[tokio::test]
async fn side_tables_are_reached_through_the_store() {
    let dir = tempfile::tempdir().expect("tmp");
    let (store, writer) = Store::open(cfg(&dir)).expect("open");

    let tokens = store.token_table();
    assert!(tokens
        .insert("ops".into(), "operator", "abc".into(), "h".into(), 1, 0)
        .await
        .expect("insert"));
    assert!(
        !tokens
            .insert("ops".into(), "admin", "def".into(), "h".into(), 2, 0)
            .await
            .expect("insert"),
        "a name is taken once"
    );
    assert!(store.token_table().revoke("ops".into(), 5).await.expect("revoke"));
    assert!(!tokens.revoke("nobody".into(), 5).await.expect("revoke"));
    let listed = tokens.list().await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].role.as_str(), listed[0].revoked_us), ("operator", 5));
    let secret = tokens.by_lookup("abc".into()).await.expect("lookup").expect("row");
    assert_eq!(secret.name, "ops");

    let audit = store.audit_log();
    let id = audit
        .insert(super::audit::NewAuditRow {
            at_us: 10,
            actor: "ops".into(),
            role: "operator".into(),
            action: "restart".into(),
            target: "svc".into(),
            reason: "test".into(),
            outcome: "pending".into(),
            detail: String::new(),
        })
        .await
        .expect("audit insert");
    audit.finish(id, "ok".into(), "done".into(), 1.5).await.expect("finish");
    let rows = store
        .audit_log()
        .list(0, String::new(), "ops".into(), 0)
        .await
        .expect("list");
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].outcome.as_str(), rows[0].detail.as_str()), ("ok", "done"));

    let revisions = store.config_revisions();
    let key = revisions.hmac_key().await.expect("key");
    assert_eq!(
        store.config_revisions().hmac_key().await.expect("key"),
        key,
        "made once"
    );

    store.close().await;
    writer.join();
}
