//! A client's outgoing queue, bounded in bytes as well as by count.
//!
//! A frame is a batch of up to `batch_max` events, each as large as the
//! bus allows, so `websocket.queue` frames alone bound nothing useful:
//! `websocket.queue_bytes` does. What does not fit is refused at once (the
//! senders never wait on a client); the subscription counts it as lagged,
//! and a queue that stays full gets the client disconnected.

use std::sync::{
    atomic::{AtomicU64, Ordering},
    Arc,
};

use tokio::sync::mpsc;

use crate::budget::ByteBudget;

pub(super) enum Out {
    Text(String),
    Ping,
}

impl Out {
    fn weight(&self) -> u64 {
        match self {
            Out::Text(t) => t.len() as u64,
            Out::Ping => 0,
        }
    }
}

#[derive(Clone)]
pub(super) struct OutTx {
    tx: mpsc::Sender<Out>,
    budget: Arc<ByteBudget>,
    taken: Arc<AtomicU64>,
}

pub(super) struct OutRx {
    rx: mpsc::Receiver<Out>,
    budget: Arc<ByteBudget>,
    taken: Arc<AtomicU64>,
}

/// At most `count` frames weighing at most `bytes` (one larger frame is
/// let through when the queue is empty, so no size is refused forever).
pub(super) fn channel(count: usize, bytes: u64) -> (OutTx, OutRx) {
    let (tx, rx) = mpsc::channel(count.max(1));
    let budget = ByteBudget::new(bytes);
    let taken = Arc::new(AtomicU64::new(0));
    (
        OutTx {
            tx,
            budget: budget.clone(),
            taken: taken.clone(),
        },
        OutRx { rx, budget, taken },
    )
}

impl OutTx {
    /// Queues `o` if it fits, else hands it back.
    pub(super) fn try_send(&self, o: Out) -> Result<(), Out> {
        let n = o.weight();
        if !self.budget.try_charge(n) {
            return Err(o);
        }
        self.tx.try_send(o).map_err(|e| {
            self.budget.release(n);
            e.into_inner()
        })
    }

    /// Messages the writer has taken off the queue so far (its progress).
    pub(super) fn taken(&self) -> u64 {
        self.taken.load(Ordering::Acquire)
    }
}

impl OutRx {
    pub(super) async fn recv(&mut self) -> Option<Out> {
        let o = self.rx.recv().await?;
        self.took(&o);
        Some(o)
    }

    pub(super) fn try_recv(&mut self) -> Option<Out> {
        let o = self.rx.try_recv().ok()?;
        self.took(&o);
        Some(o)
    }

    fn took(&self, o: &Out) {
        self.budget.release(o.weight());
        self.taken.fetch_add(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize) -> Out {
        Out::Text("x".repeat(n))
    }

    #[tokio::test]
    async fn frames_beyond_the_byte_budget_are_refused_until_the_writer_takes_some() {
        let (tx, mut rx) = channel(100, 1_000);
        for _ in 0..4 {
            assert!(tx.try_send(text(250)).is_ok());
        }
        assert!(tx.try_send(text(1)).is_err(), "1,001 bytes");
        assert!(tx.try_send(Out::Ping).is_ok(), "a ping weighs nothing");
        assert!(matches!(rx.recv().await, Some(Out::Text(t)) if t.len() == 250));
        assert!(tx.try_send(text(250)).is_ok(), "room again");
        assert!(tx.try_send(text(1)).is_err());
        assert_eq!(tx.taken(), 1, "the writer's progress");
    }

    #[tokio::test]
    async fn the_count_bounds_it_too_and_a_large_frame_passes_an_empty_queue() {
        let (tx, mut rx) = channel(2, 1_000);
        assert!(tx.try_send(text(5_000)).is_ok(), "alone: let through");
        assert!(tx.try_send(text(1)).is_err(), "over the bytes");
        assert!(rx.try_recv().is_some());
        assert!(tx.try_send(text(1)).is_ok());
        assert!(tx.try_send(text(1)).is_ok());
        assert!(tx.try_send(text(1)).is_err(), "over the count");
        drop(tx);
        assert!(rx.recv().await.is_some());
        assert!(rx.recv().await.is_some());
        assert!(rx.recv().await.is_none());
    }
}
