//! A broadcast ring bounded in bytes as well as in count.
//!
//! `tokio::sync::broadcast` bounds its ring by a count of values; with
//! events of up to the server's `max_payload` each, a count of 16,384 is
//! gigabytes for one subscriber that stops reading. This ring keeps, like
//! tokio's, each value only until every receiver that was subscribed when
//! it was sent has read it; it also drops the oldest values once those kept
//! weigh more than its byte limit. A receiver that was passed over is told
//! how many values it missed (`RecvError::Lagged`), as with tokio's, and
//! catches up elsewhere (tails read the store).

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc, RwLock, RwLockReadGuard, RwLockWriteGuard,
};

use tokio::sync::Notify;

pub use tokio::sync::broadcast::error::RecvError;

/// What a value holds in memory, roughly, in bytes.
pub trait Weigh {
    fn weight(&self) -> usize;
}

struct Slot<T> {
    /// `None` once every receiver counted in `rem` has read it: only the
    /// slot's place is left.
    val: Option<Arc<T>>,
    weight: u64,
    /// Receivers still to read it. Readers count it down under the shared
    /// lock (a thousand subscribers read the same slot at once); the last
    /// one takes the exclusive lock to let the value go.
    rem: AtomicUsize,
}

struct State<T> {
    slots: std::collections::VecDeque<Slot<T>>,
    /// The position of `slots[0]`; the next value sent gets
    /// `head + slots.len()`.
    head: u64,
    /// The weight of the values still held.
    bytes: u64,
    receivers: usize,
    closed: bool,
}

impl<T> State<T> {
    fn tail(&self) -> u64 {
        self.head + self.slots.len() as u64
    }

    /// Lets go of the value at `pos` if no receiver is left to read it,
    /// then of the leading places nobody needs.
    fn collect(&mut self, pos: u64) {
        if let Some(i) = pos.checked_sub(self.head) {
            if let Some(slot) = self.slots.get_mut(i as usize) {
                if *slot.rem.get_mut() == 0 && slot.val.take().is_some() {
                    self.bytes -= slot.weight;
                }
            }
        }
        while self.slots.front().is_some_and(|s| s.val.is_none()) {
            self.slots.pop_front();
            self.head += 1;
        }
    }

    /// Drops the oldest slot, read or not.
    fn pop_oldest(&mut self) {
        if let Some(s) = self.slots.pop_front() {
            if s.val.is_some() {
                self.bytes -= s.weight;
            }
            self.head += 1;
        }
    }
}

struct Shared<T> {
    state: RwLock<State<T>>,
    notify: Notify,
    capacity: usize,
    limit_bytes: u64,
}

impl<T> Shared<T> {
    // A panic while holding the lock leaves the state consistent (no
    // method panics midway), so a poisoned lock is used as it is.
    fn read(&self) -> RwLockReadGuard<'_, State<T>> {
        self.state.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, State<T>> {
        self.state.write().unwrap_or_else(|p| p.into_inner())
    }
}

/// The sending side; receivers come from [`Sender::subscribe`].
pub struct Sender<T> {
    shared: Arc<Shared<T>>,
}

impl<T: Weigh> Sender<T> {
    /// At most `capacity` values (at least one) and, beyond the newest one,
    /// at most `limit_bytes` of them.
    pub fn new(capacity: usize, limit_bytes: u64) -> Self {
        Self {
            shared: Arc::new(Shared {
                state: RwLock::new(State {
                    slots: std::collections::VecDeque::new(),
                    head: 0,
                    bytes: 0,
                    receivers: 0,
                    closed: false,
                }),
                notify: Notify::new(),
                capacity: capacity.max(1),
                limit_bytes,
            }),
        }
    }

    /// Sends to every receiver subscribed now. Never waits; kept only if
    /// someone is subscribed.
    pub fn send(&self, val: Arc<T>) {
        let weight = val.weight() as u64;
        {
            let mut st = self.shared.write();
            if st.receivers == 0 {
                return;
            }
            let rem = AtomicUsize::new(st.receivers);
            st.slots.push_back(Slot {
                val: Some(val),
                weight,
                rem,
            });
            st.bytes += weight;
            while st.slots.len() > self.shared.capacity || (st.bytes > self.shared.limit_bytes && st.slots.len() > 1) {
                st.pop_oldest();
            }
        }
        self.shared.notify.notify_waiters();
    }

    pub fn subscribe(&self) -> Receiver<T> {
        let mut st = self.shared.write();
        st.receivers += 1;
        Receiver {
            pos: st.tail(),
            shared: self.shared.clone(),
        }
    }

    pub fn receiver_count(&self) -> usize {
        self.shared.read().receivers
    }

    /// Values held now, and their weight.
    pub fn held(&self) -> (usize, u64) {
        let st = self.shared.read();
        (st.slots.iter().filter(|s| s.val.is_some()).count(), st.bytes)
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        self.shared.write().closed = true;
        self.shared.notify.notify_waiters();
    }
}

pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
    /// The next position to read.
    pos: u64,
}

enum Take<T> {
    Ready(Result<Arc<T>, RecvError>),
    /// The value, and this receiver was the last to read it.
    Last(Arc<T>),
    Wait,
}

impl<T> Receiver<T> {
    /// The next value, or how many were passed over since the last call
    /// (the next call goes on from the oldest still held). Cancel-safe: a
    /// value is taken only when this returns it.
    pub async fn recv(&mut self) -> Result<Arc<T>, RecvError> {
        let shared = self.shared.clone();
        loop {
            let notified = shared.notify.notified();
            tokio::pin!(notified);
            // Registered before looking, so a send in between still wakes.
            notified.as_mut().enable();
            match self.try_take() {
                Take::Ready(r) => return r,
                Take::Last(v) => {
                    self.shared.write().collect(self.pos - 1);
                    return Ok(v);
                }
                Take::Wait => notified.await,
            }
        }
    }

    fn try_take(&mut self) -> Take<T> {
        let st = self.shared.read();
        if self.pos < st.head {
            let missed = st.head - self.pos;
            self.pos = st.head;
            return Take::Ready(Err(RecvError::Lagged(missed)));
        }
        loop {
            let i = (self.pos - st.head) as usize;
            let Some(slot) = st.slots.get(i) else {
                return match st.closed {
                    true => Take::Ready(Err(RecvError::Closed)),
                    false => Take::Wait,
                };
            };
            self.pos += 1;
            // A slot this receiver was not counted in is let go before it
            // reads it; not one of its values.
            let Some(v) = slot.val.clone() else { continue };
            return match slot.rem.fetch_sub(1, Ordering::AcqRel) {
                1 => Take::Last(v),
                _ => Take::Ready(Ok(v)),
            };
        }
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut st = self.shared.write();
        st.receivers = st.receivers.saturating_sub(1);
        // What it did not read no longer waits for it.
        let (from, to) = (self.pos.max(st.head), st.tail());
        for pos in (from..to).rev() {
            let i = (pos - st.head) as usize;
            if let Some(slot) = st.slots.get_mut(i) {
                let rem = slot.rem.get_mut();
                *rem = rem.saturating_sub(1);
            }
            st.collect(pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Blob(usize);
    impl Weigh for Blob {
        fn weight(&self) -> usize {
            self.0
        }
    }

    fn blob(n: usize) -> Arc<Blob> {
        Arc::new(Blob(n))
    }

    #[tokio::test]
    async fn every_receiver_gets_every_value_in_order_and_the_values_are_let_go_once_read() {
        let tx = Sender::new(16, 1 << 20);
        let mut a = tx.subscribe();
        let mut b = tx.subscribe();
        for n in 1..=3 {
            tx.send(blob(n));
        }
        assert_eq!(tx.held(), (3, 6));
        for n in 1..=3 {
            assert_eq!(a.recv().await.expect("a").0, n);
        }
        assert_eq!(tx.held(), (3, 6), "b has not read them");
        for n in 1..=3 {
            assert_eq!(b.recv().await.expect("b").0, n);
        }
        assert_eq!(tx.held(), (0, 0));
    }

    #[tokio::test]
    async fn a_reader_that_stops_holds_no_more_than_the_byte_limit_and_is_told_what_it_missed() {
        let tx = Sender::new(1000, 10_000);
        let mut slow = tx.subscribe();
        for _ in 0..100 {
            tx.send(blob(1_000));
        }
        let (held, bytes) = tx.held();
        assert_eq!((held, bytes), (10, 10_000));
        match slow.recv().await {
            Err(RecvError::Lagged(n)) => assert_eq!(n, 90),
            other => panic!("{:?}", other.map(|b| b.0)),
        }
        for _ in 0..10 {
            assert_eq!(slow.recv().await.expect("held").0, 1_000);
        }
        assert_eq!(tx.held(), (0, 0));
    }

    #[tokio::test]
    async fn a_value_over_the_limit_on_its_own_is_still_delivered() {
        let tx = Sender::new(8, 100);
        let mut rx = tx.subscribe();
        tx.send(blob(5));
        tx.send(blob(1_000));
        assert!(matches!(rx.recv().await, Err(RecvError::Lagged(1))));
        assert_eq!(rx.recv().await.expect("big").0, 1_000);
    }

    #[tokio::test]
    async fn the_count_bounds_it_too() {
        let tx = Sender::new(4, u64::MAX);
        let mut rx = tx.subscribe();
        for n in 0..10 {
            tx.send(blob(n));
        }
        assert!(matches!(rx.recv().await, Err(RecvError::Lagged(6))));
        assert_eq!(rx.recv().await.expect("oldest held").0, 6);
    }

    #[tokio::test]
    async fn nothing_is_kept_without_receivers_and_a_dropped_receiver_lets_go_of_its_share() {
        let tx = Sender::new(16, 1 << 20);
        tx.send(blob(7));
        assert_eq!(tx.held(), (0, 0));
        let rx = tx.subscribe();
        let mut other = tx.subscribe();
        tx.send(blob(7));
        tx.send(blob(8));
        drop(rx);
        assert_eq!(tx.held(), (2, 15), "other has not read them");
        assert_eq!(other.recv().await.expect("7").0, 7);
        assert_eq!(tx.held(), (1, 8));
        drop(other);
        assert_eq!(tx.held(), (0, 0));
        assert_eq!(tx.receiver_count(), 0);
    }

    #[tokio::test]
    async fn a_receiver_subscribed_later_starts_at_the_next_value() {
        let tx = Sender::new(16, 1 << 20);
        let mut first = tx.subscribe();
        tx.send(blob(1));
        let mut later = tx.subscribe();
        tx.send(blob(2));
        assert_eq!(later.recv().await.expect("2").0, 2);
        assert_eq!(first.recv().await.expect("1").0, 1);
        assert_eq!(first.recv().await.expect("2").0, 2);
        assert_eq!(tx.held(), (0, 0));
    }

    #[tokio::test]
    async fn a_waiting_receiver_is_woken_by_a_send_and_by_the_sender_going_away() {
        let tx: Sender<Blob> = Sender::new(16, 1 << 20);
        let mut rx = tx.subscribe();
        let waiting = tokio::spawn(async move {
            let v = rx.recv().await.map(|b| b.0);
            (v, rx.recv().await.map(|b| b.0))
        });
        tokio::task::yield_now().await;
        tx.send(blob(3));
        drop(tx);
        let (first, second) = waiting.await.expect("task");
        assert_eq!(first, Ok(3));
        assert_eq!(second, Err(RecvError::Closed));
    }
}
