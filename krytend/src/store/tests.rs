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
