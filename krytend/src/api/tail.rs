//! History then live, with no gap and no duplicate, for events and logs.
//!
//! The stream subscribes to the hub *before* reading the hub's head
//! sequence. Everything up to the head is in the store (or about to be:
//! we wait for the commit); everything above it arrives through the
//! subscription. A cursor (the highest sequence considered) drops the
//! overlap. If the subscriber falls behind the hub, it catches up from the
//! store the same way, so a slow client still sees every record.

use std::{sync::Arc, time::Duration};

use crate::hub::RecvError;

use super::Shared;
use crate::store::StoreError;

/// Why a tail could not go on; each surface says it in its own terms.
#[derive(Debug, thiserror::Error)]
pub enum TailError {
    #[error("reading history: {0}")]
    History(#[from] StoreError),
}

const PAGE: usize = 1000;
const COMMIT_WAIT: Duration = Duration::from_secs(10);

pub enum Start {
    /// Live only.
    Live,
    /// Everything matching the filter (whose `since` bounds it).
    All,
    After(u64),
    Last(usize),
}

/// What a tail streams: events or log records.
#[tonic::async_trait]
pub trait Tailed: Send + Sync + 'static {
    type Item: Send + Sync + 'static;
    type Response: Send + 'static;

    fn subscribe(&self, shared: &Shared) -> crate::hub::Receiver<Self::Item>;
    fn seq(item: &Self::Item) -> u64;
    fn matches(&self, item: &Self::Item) -> bool;
    fn item(item: &Self::Item) -> Self::Response;
    fn gap(missed: u64, reason: String) -> Self::Response;
    /// Matching records with seq in (after, upto], oldest first.
    async fn by_seq(
        &self,
        shared: &Shared,
        after: u64,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<Self::Item>, bool), StoreError>;
    /// History for `All` (everything matching, seq ≤ upto) in display
    /// order, a page at a time; `page` is the previous page's last item.
    async fn history(
        &self,
        shared: &Shared,
        after: Option<&Self::Item>,
        upto: u64,
        limit: usize,
    ) -> Result<(Vec<Self::Item>, bool), StoreError>;
    /// The newest `n` matching records with seq ≤ upto, oldest first.
    async fn last(&self, shared: &Shared, n: usize, upto: u64) -> Result<Vec<Self::Item>, StoreError>;
    /// A gap event the filter would hide, as a gap notice: losses are
    /// never filtered away from a follower.
    fn hidden_gap(&self, _item: &Self::Item) -> Option<Self::Response> {
        None
    }
    /// Gap notices for stored gap events in (after, upto] that the filter
    /// hides (a follower resuming after a crash must see the lost range).
    async fn hidden_gaps(&self, _shared: &Shared, _after: u64, _upto: u64) -> Result<Vec<Self::Response>, StoreError> {
        Ok(Vec::new())
    }
}

pub use super::stream_queue::Tx;

/// Runs one tail until the client goes away (or history ends, without
/// follow).
pub async fn run<T: Tailed>(shared: Arc<Shared>, what: T, start: Start, follow: bool, tx: Tx<T::Response>) {
    let mut rx = what.subscribe(&shared);
    let head = shared.hub.last_seq();
    let mut cursor = head;
    match start {
        Start::Live => {}
        Start::After(seq) => {
            if !committed::<T>(&shared, head, &tx).await || !replay(&shared, &what, seq.min(head), head, &tx).await {
                return;
            }
        }
        Start::Last(n) => {
            if !committed::<T>(&shared, head, &tx).await {
                return;
            }
            // One request reads at most this many rows; more is paged.
            let n = n.min(crate::store::reader::MAX_ROWS);
            match what.last(&shared, n, head).await {
                Ok(items) => {
                    for it in &items {
                        if tx.send(Ok(T::item(it))).await.is_err() {
                            return;
                        }
                    }
                }
                Err(e) => return fail(&tx, e).await,
            }
        }
        Start::All => {
            if !committed::<T>(&shared, head, &tx).await {
                return;
            }
            let mut last: Option<T::Item> = None;
            loop {
                let (items, more) = match what.history(&shared, last.as_ref(), head, PAGE).await {
                    Ok(p) => p,
                    Err(e) => return fail(&tx, e).await,
                };
                for it in &items {
                    if tx.send(Ok(T::item(it))).await.is_err() {
                        return;
                    }
                }
                match (more, items.into_iter().last()) {
                    (true, Some(l)) => last = Some(l),
                    _ => break,
                }
            }
        }
    }
    if !follow {
        return;
    }
    loop {
        let next = tokio::select! {
            _ = tx.closed() => return,
            _ = shared.streams_stop.cancelled() => return,
            r = rx.recv() => r,
        };
        match next {
            Ok(it) => {
                let seq = T::seq(&it);
                if seq <= cursor {
                    continue;
                }
                cursor = seq;
                let out = if what.matches(&it) {
                    Some(T::item(&it))
                } else {
                    what.hidden_gap(&it)
                };
                if let Some(out) = out {
                    if tx.send(Ok(out)).await.is_err() {
                        return;
                    }
                }
            }
            Err(RecvError::Lagged(n)) => {
                shared.hub.note_missed(n);
                let new_head = shared.hub.last_seq();
                if !committed::<T>(&shared, new_head, &tx).await || !replay(&shared, &what, cursor, new_head, &tx).await
                {
                    return;
                }
                cursor = new_head;
            }
            Err(RecvError::Closed) => return,
        }
    }
}

async fn fail<R>(tx: &Tx<R>, e: StoreError) {
    let _ = tx.send(Err(TailError::History(e))).await;
}

/// Waits for the store to hold everything up to `seq`. If it cannot (the
/// store is failing), the client is told, and the tail goes on with what
/// the store has.
async fn committed<T: Tailed>(shared: &Shared, seq: u64, tx: &Tx<T::Response>) -> bool {
    if shared.store.wait_committed(seq, COMMIT_WAIT).await {
        return true;
    }
    let missing = seq.saturating_sub(shared.store.committed_seq());
    let reason = format!(
        "the store is {missing} records behind (waited {}s); some history may be missing",
        COMMIT_WAIT.as_secs()
    );
    tx.send(Ok(T::gap(missing, reason))).await.is_ok()
}

/// Sends stored records in (after, upto]; false when the client is gone.
async fn replay<T: Tailed>(shared: &Shared, what: &T, after: u64, upto: u64, tx: &Tx<T::Response>) -> bool {
    let mut after = after;
    match what.hidden_gaps(shared, after, upto).await {
        Ok(gaps) => {
            for g in gaps {
                if tx.send(Ok(g)).await.is_err() {
                    return false;
                }
            }
        }
        Err(e) => {
            fail(tx, e).await;
            return false;
        }
    }
    while after < upto {
        let (items, more) = match what.by_seq(shared, after, upto, PAGE).await {
            Ok(p) => p,
            Err(e) => {
                fail(tx, e).await;
                return false;
            }
        };
        for it in &items {
            if tx.send(Ok(T::item(it))).await.is_err() {
                return false;
            }
        }
        match (more, items.last()) {
            (true, Some(last)) => after = T::seq(last),
            _ => break,
        }
    }
    true
}
