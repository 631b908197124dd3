//! A tail's queue to its client, bounded in bytes as well as by count.
//!
//! A record may be as large as the bus allows, so a count of queued
//! records bounds nothing useful. The tail waits for room (it never drops:
//! while it waits it stops reading the hub, which passes it over, and it
//! catches up from the store), so a client that stops reading holds at
//! most this budget in its queue.

use futures::Stream;
use tokio::sync::mpsc;

use super::tail::TailError;
use crate::budget::WaitBudget;

/// What one stream may queue for its client. 256 records of any size
/// used to be the only bound.
pub const STREAM_BYTES: u64 = 4 << 20;

struct Queued<R> {
    item: Result<R, TailError>,
    units: u32,
}

pub struct Tx<R> {
    tx: mpsc::Sender<Queued<R>>,
    budget: WaitBudget,
    weigh: fn(&R) -> usize,
}

pub struct Rx<R> {
    rx: mpsc::Receiver<Queued<R>>,
    budget: WaitBudget,
}

/// The client went away.
#[derive(Debug)]
pub struct Gone;

/// At most `count` items weighing at most `bytes` by `weigh` (one larger
/// item waits for an empty queue, then goes).
pub fn channel<R>(count: usize, bytes: u64, weigh: fn(&R) -> usize) -> (Tx<R>, Rx<R>) {
    let (tx, rx) = mpsc::channel(count.max(1));
    let budget = WaitBudget::new(bytes);
    (
        Tx {
            tx,
            budget: budget.clone(),
            weigh,
        },
        Rx { rx, budget },
    )
}

impl<R> Tx<R> {
    /// Waits for room, then queues; `Err` once the client is gone.
    pub async fn send(&self, item: Result<R, TailError>) -> Result<(), Gone> {
        let bytes = item.as_ref().map_or(0, |r| (self.weigh)(r)) as u64;
        let units = self.budget.units(bytes);
        tokio::select! {
            _ = self.budget.take(units) => {}
            _ = self.tx.closed() => return Err(Gone),
        }
        self.tx.send(Queued { item, units }).await.map_err(|_| Gone)
    }

    pub async fn closed(&self) {
        self.tx.closed().await
    }
}

impl<R> Rx<R> {
    pub async fn recv(&mut self) -> Option<Result<R, TailError>> {
        let q = self.rx.recv().await?;
        self.budget.give_back(q.units as u64);
        Some(q.item)
    }

    pub fn try_recv(&mut self) -> Option<Result<R, TailError>> {
        let q = self.rx.try_recv().ok()?;
        self.budget.give_back(q.units as u64);
        Some(q.item)
    }

    pub fn into_stream(self) -> impl Stream<Item = Result<R, TailError>> {
        futures::stream::unfold(self, |mut rx| async move { rx.recv().await.map(|i| (i, rx)) })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[allow(clippy::ptr_arg)] // the queue's item type is `String`
    fn len(s: &String) -> usize {
        s.len()
    }

    #[tokio::test]
    async fn the_sender_waits_for_bytes_not_only_for_places() {
        let (tx, mut rx) = channel::<String>(100, 4 * 1024, len);
        for _ in 0..4 {
            tx.send(Ok("x".repeat(1024))).await.expect("fits");
        }
        let fifth = tokio::time::timeout(Duration::from_millis(50), tx.send(Ok("x".repeat(1024)))).await;
        assert!(fifth.is_err(), "4 KiB queued: the fifth waits");
        assert_eq!(rx.recv().await.expect("one").expect("ok").len(), 1024);
        tokio::time::timeout(Duration::from_secs(5), tx.send(Ok("y".into())))
            .await
            .expect("room again")
            .expect("sent");
    }

    #[tokio::test]
    async fn a_waiting_sender_learns_the_client_is_gone_and_a_large_item_waits_for_an_empty_queue() {
        let (tx, mut rx) = channel::<String>(100, 4 * 1024, len);
        tx.send(Ok("a".into())).await.expect("sent");
        let big = tokio::spawn(async move {
            let r = tx.send(Ok("b".repeat(1 << 20))).await;
            (r.is_ok(), tx)
        });
        assert_eq!(rx.recv().await.expect("a").expect("ok"), "a");
        let (sent, tx) = big.await.expect("task");
        assert!(sent, "went once the queue was empty");
        assert_eq!(rx.recv().await.expect("b").expect("ok").len(), 1 << 20);
        tx.send(Ok("c".repeat(4096))).await.expect("fills it");
        let waiting = tokio::spawn(async move { tx.send(Ok("d".into())).await.is_err() });
        drop(rx);
        assert!(waiting.await.expect("task"), "told the client is gone");
    }
}
