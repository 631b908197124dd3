//! History then live, with no gap and no duplicate.
//!
//! The stream subscribes to the hub *before* reading the hub's head
//! sequence. Everything up to the head is in the store (or about to be:
//! we wait for the commit); everything above it arrives through the
//! subscription. A cursor (the highest sequence considered) drops the
//! overlap. If the subscriber falls behind the hub, it catches up from the
//! store the same way, so a slow client still sees every event.

use std::{sync::Arc, time::Duration};

use kryten_proto::v1 as pb;
use tokio::sync::{broadcast::error::RecvError, mpsc};
use tonic::Status as RpcStatus;

use super::{convert::event_to_pb, Shared};
use crate::{event::EventFilter, store::reader::Paging};

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

type Tx = mpsc::Sender<Result<pb::TailEventsResponse, RpcStatus>>;

fn item(ev: &crate::event::Event) -> Result<pb::TailEventsResponse, RpcStatus> {
    Ok(pb::TailEventsResponse {
        item: Some(pb::tail_events_response::Item::Event(event_to_pb(ev))),
    })
}

fn gap(missed: u64, reason: String) -> Result<pb::TailEventsResponse, RpcStatus> {
    Ok(pb::TailEventsResponse {
        item: Some(pb::tail_events_response::Item::Gap(pb::Gap {
            missed,
            reason,
        })),
    })
}

/// Runs one tail until the client goes away (or history ends, without
/// follow). Returns early only when sending fails.
pub async fn run(shared: Arc<Shared>, filter: EventFilter, start: Start, follow: bool, tx: Tx) {
    let mut rx = shared.hub.subscribe();
    let head = shared.hub.last_seq();
    let mut cursor = head;
    let history_from = match start {
        Start::Live => None,
        Start::All => Some(0),
        Start::After(seq) => Some(seq.min(head)),
        Start::Last(n) => {
            if !committed(&shared, head, &tx).await {
                return;
            }
            match shared
                .store
                .reader()
                .events(filter.clone(), Paging::Newest { before: head + 1 }, n)
                .await
            {
                Ok(page) => {
                    for ev in &page.events {
                        if tx.send(item(ev)).await.is_err() {
                            return;
                        }
                    }
                }
                Err(e) => {
                    let _ = tx
                        .send(Err(RpcStatus::internal(format!("reading history: {e}"))))
                        .await;
                    return;
                }
            }
            None
        }
    };
    if let Some(from) = history_from {
        if !committed(&shared, head, &tx).await {
            return;
        }
        if !replay(&shared, &filter, from, head, &tx).await {
            return;
        }
    }
    if !follow {
        return;
    }
    loop {
        let next = tokio::select! {
            _ = tx.closed() => return,
            r = rx.recv() => r,
        };
        match next {
            Ok(ev) => {
                if ev.seq <= cursor {
                    continue;
                }
                cursor = ev.seq;
                if filter.matches(&ev) && tx.send(item(&ev)).await.is_err() {
                    return;
                }
            }
            Err(RecvError::Lagged(n)) => {
                shared.hub.note_missed(n);
                let new_head = shared.hub.last_seq();
                if !committed(&shared, new_head, &tx).await {
                    return;
                }
                if !replay(&shared, &filter, cursor, new_head, &tx).await {
                    return;
                }
                cursor = new_head;
            }
            Err(RecvError::Closed) => return,
        }
    }
}

/// Waits for the store to hold everything up to `seq`. If it cannot (the
/// store is failing), the client is told, and the tail goes on with what
/// the store has.
async fn committed(shared: &Shared, seq: u64, tx: &Tx) -> bool {
    if shared.store.wait_committed(seq, COMMIT_WAIT).await {
        return true;
    }
    let have = shared.store.committed_seq();
    let reason = format!(
        "the store is {} events behind (waited {}s); some history may be missing",
        seq.saturating_sub(have),
        COMMIT_WAIT.as_secs()
    );
    tx.send(gap(seq.saturating_sub(have), reason)).await.is_ok()
}

/// Sends stored events in (after, upto]; false when the client is gone.
async fn replay(shared: &Shared, filter: &EventFilter, after: u64, upto: u64, tx: &Tx) -> bool {
    let mut after = after;
    while after < upto {
        let page = match shared
            .store
            .reader()
            .events(
                filter.clone(),
                Paging::Forward {
                    after,
                    upto: Some(upto),
                },
                PAGE,
            )
            .await
        {
            Ok(p) => p,
            Err(e) => {
                let _ = tx
                    .send(Err(RpcStatus::internal(format!("reading history: {e}"))))
                    .await;
                return false;
            }
        };
        for ev in &page.events {
            if tx.send(item(ev)).await.is_err() {
                return false;
            }
        }
        match (page.more, page.events.last()) {
            (true, Some(last)) => after = last.seq,
            _ => break,
        }
    }
    true
}
