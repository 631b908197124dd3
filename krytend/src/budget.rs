//! Memory budgets in bytes for the queues between the bus and the store.
//!
//! A count bound says nothing about memory when a message may be 1 MiB or
//! 100 bytes; these bound what the queued messages hold. The bus side
//! never waits (a message over the budget is dropped and counted); the
//! store side makes ingest wait, which in turn fills the bus side.

use std::sync::{
    atomic::{AtomicU64, Ordering},
    Arc,
};

use tokio::sync::Semaphore;

/// What a queued message costs beyond its payload and subject: the
/// message struct, its headers map and the queue slot, roughly.
pub const MESSAGE_OVERHEAD: u64 = 256;

/// The bytes a bus message holds while queued.
pub fn message_cost(m: &async_nats::Message) -> u64 {
    let headers = m.headers.as_ref().map_or(0, |h| {
        h.iter()
            .map(|(k, v)| {
                let name: &str = k.as_ref();
                name.len() + v.iter().map(|v| v.as_str().len()).sum::<usize>()
            })
            .sum::<usize>()
    });
    (m.payload.len() + m.subject.len() + m.reply.as_ref().map_or(0, |r| r.len()) + headers) as u64 + MESSAGE_OVERHEAD
}

/// A budget that is charged without waiting: `try_charge` says no when the
/// bytes in use would exceed the limit.
#[derive(Debug)]
pub struct ByteBudget {
    limit: u64,
    used: AtomicU64,
    peak: AtomicU64,
}

impl ByteBudget {
    pub fn new(limit: u64) -> Arc<Self> {
        Arc::new(Self {
            limit: limit.max(1),
            used: AtomicU64::new(0),
            peak: AtomicU64::new(0),
        })
    }

    /// Takes `n` bytes if they fit. One message larger than the whole
    /// budget is let through when nothing else is queued, so a small
    /// budget cannot refuse every message of some size forever.
    pub fn try_charge(&self, n: u64) -> bool {
        let mut cur = self.used.load(Ordering::Relaxed);
        loop {
            let next = cur.saturating_add(n);
            if next > self.limit && cur > 0 {
                return false;
            }
            match self
                .used
                .compare_exchange_weak(cur, next, Ordering::AcqRel, Ordering::Relaxed)
            {
                Ok(_) => {
                    self.peak.fetch_max(next, Ordering::Relaxed);
                    return true;
                }
                Err(now) => cur = now,
            }
        }
    }

    pub fn release(&self, n: u64) {
        let _ = self
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Relaxed, |u| Some(u.saturating_sub(n)));
    }

    pub fn used(&self) -> u64 {
        self.used.load(Ordering::Relaxed)
    }

    pub fn peak(&self) -> u64 {
        self.peak.load(Ordering::Relaxed)
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }
}

/// A budget that makes the caller wait for room: permits of one KiB on a
/// semaphore, taken before a write is queued and given back by the one
/// that takes it off the queue.
#[derive(Debug, Clone)]
pub struct WaitBudget {
    permits: Arc<Semaphore>,
    total: u32,
}

impl WaitBudget {
    pub fn new(bytes: u64) -> Self {
        let total = (bytes / 1024)
            .clamp(1, Semaphore::MAX_PERMITS as u64 / 2)
            .min(u32::MAX as u64) as u32;
        Self {
            permits: Arc::new(Semaphore::new(total as usize)),
            total,
        }
    }

    /// Permits for `bytes` (at least one, at most the whole budget, so a
    /// write larger than the budget waits for an empty queue instead of
    /// forever).
    pub fn units(&self, bytes: u64) -> u32 {
        (bytes.div_ceil(1024)).clamp(1, self.total as u64) as u32
    }

    /// Waits for `units` permits and keeps them until [`WaitBudget::give_back`].
    pub async fn take(&self, units: u32) {
        if units == 0 {
            return;
        }
        if let Ok(p) = self.permits.acquire_many(units).await {
            p.forget();
        }
    }

    /// No more waiting: whoever waits or comes later gets through at once
    /// (for when the one that gives permits back has stopped, so that a
    /// writer waiting for room learns the queue is gone instead of hanging).
    pub fn close(&self) {
        self.permits.close();
    }

    pub fn give_back(&self, units: u64) {
        if units > 0 {
            self.permits.add_permits(units.min(self.total as u64) as usize);
        }
    }

    /// Bytes (in KiB units) taken now.
    pub fn used_bytes(&self) -> u64 {
        (self.total as u64).saturating_sub(self.permits.available_permits() as u64) * 1024
    }

    pub fn limit_bytes(&self) -> u64 {
        self.total as u64 * 1024
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charge_over_the_limit_is_refused_until_bytes_are_released() {
        let b = ByteBudget::new(1000);
        assert!(b.try_charge(600));
        assert!(!b.try_charge(600));
        b.release(600);
        assert!(b.try_charge(600));
        assert_eq!(b.peak(), 600);
    }

    #[test]
    fn one_message_larger_than_the_budget_passes_only_alone() {
        let b = ByteBudget::new(100);
        assert!(b.try_charge(5000));
        assert!(!b.try_charge(1));
        b.release(5000);
        assert_eq!(b.used(), 0);
    }

    #[tokio::test]
    async fn a_closed_wait_budget_lets_waiters_through() {
        let b = WaitBudget::new(1024);
        b.take(1).await;
        let b2 = b.clone();
        let waiter = tokio::spawn(async move { b2.take(1).await });
        tokio::task::yield_now().await;
        b.close();
        waiter.await.unwrap();
        b.take(1).await;
    }

    #[tokio::test]
    async fn a_wait_budget_blocks_until_room_is_given_back() {
        let b = WaitBudget::new(4 * 1024);
        let big = b.units(1_000_000);
        assert_eq!(big, 4, "clamped to the whole budget");
        b.take(3).await;
        assert_eq!(b.used_bytes(), 3 * 1024);
        let b2 = b.clone();
        let waiter = tokio::spawn(async move { b2.take(2).await });
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        b.give_back(3);
        waiter.await.unwrap();
        assert_eq!(b.used_bytes(), 2 * 1024);
    }
}
