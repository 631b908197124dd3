//! Sequence numbers reserved ahead, so that none is ever given to two
//! events.
//!
//! Events reach live subscribers before they are committed (waiting for the
//! commit would add the batch delay to every live view), so a number shown
//! live may be lost in a crash. It must still never be given to another
//! event. The sequencer therefore hands out only numbers at or below a
//! high-water mark already durable in `seq_reserve`. It asks for the next
//! block when half of the current one is used; the writer persists the
//! request in its next transaction (or on its own when idle or failing), so
//! ingest waits only if half a block is used up before one commit. After a
//! crash, the numbers above the last committed one and up to the mark are
//! reported with a gap event and skipped.

use std::sync::{
    atomic::{AtomicU64, Ordering},
    Arc,
};

use tokio::sync::watch;

/// Numbers reserved per request: about the store queue, so that the
/// reservation throttles ingest no more than the queue would.
pub const BLOCK: u64 = 1 << 16;

/// Sequence numbers lost in a crash: shown live, perhaps, but never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LostRange {
    pub from: u64,
    pub to: u64,
}

/// Shared between the sequencer and the writer.
pub(super) struct Reservation {
    /// The mark the sequencer asks for.
    wanted: AtomicU64,
    /// The last number handed out (so that a clean stop knows whether
    /// everything handed out reached the writer).
    handed: AtomicU64,
    /// The mark that is durable.
    reserved: watch::Sender<u64>,
    nudge_tx: flume::Sender<()>,
    pub(super) nudge_rx: flume::Receiver<()>,
}

impl Reservation {
    pub(super) fn new(reserved: u64, handed: u64) -> Arc<Self> {
        let (nudge_tx, nudge_rx) = flume::bounded(1);
        Arc::new(Self {
            wanted: AtomicU64::new(reserved),
            handed: AtomicU64::new(handed),
            reserved: watch::channel(reserved).0,
            nudge_tx,
            nudge_rx,
        })
    }

    /// A mark to persist, if one is asked that is not durable yet.
    pub(super) fn pending(&self) -> Option<u64> {
        let want = self.wanted.load(Ordering::Acquire);
        (want > *self.reserved.borrow()).then_some(want)
    }

    /// The writer committed `mark`.
    pub(super) fn persisted(&self, mark: u64) {
        self.reserved.send_if_modified(|r| {
            let raise = mark > *r;
            if raise {
                *r = mark;
            }
            raise
        });
    }

    pub(super) fn handed(&self) -> u64 {
        self.handed.load(Ordering::Acquire)
    }
}

/// The sequencer's side: hands out numbers, never above the durable mark.
pub struct SeqNumbers {
    shared: Arc<Reservation>,
    reserved: watch::Receiver<u64>,
    last: u64,
    asked: u64,
}

impl SeqNumbers {
    pub(super) fn new(shared: Arc<Reservation>, last: u64) -> Self {
        let reserved = shared.reserved.subscribe();
        let asked = *reserved.borrow();
        Self {
            shared,
            reserved,
            last,
            asked,
        }
    }

    /// The last number handed out.
    pub fn last(&self) -> u64 {
        self.last
    }

    /// The next number. Waits only when the reservation has not kept up;
    /// if the store can never persist one, this never returns, rather than
    /// hand out a number a restart could give again.
    pub async fn next(&mut self) -> u64 {
        let n = self.last.saturating_add(1);
        if n.saturating_add(BLOCK / 2) > self.asked {
            self.asked = n.saturating_add(BLOCK);
            self.shared.wanted.fetch_max(self.asked, Ordering::AcqRel);
            // Full means the writer has a nudge pending already.
            let _ = self.shared.nudge_tx.try_send(());
        }
        if n > *self.reserved.borrow() {
            let waited = std::time::Instant::now();
            if self.reserved.wait_for(|r| *r >= n).await.is_err() {
                tracing::error!("the store writer is gone: no sequence number can be reserved");
                std::future::pending::<()>().await;
            }
            tracing::debug!("waited {:?} for sequence numbers to be reserved", waited.elapsed());
        }
        self.last = n;
        self.shared.handed.store(n, Ordering::Release);
        n
    }
}
