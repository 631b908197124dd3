//! How many read queries run on the blocking thread pool at once: a few
//! for everyone together, fewer for any one caller, so one client's
//! history requests queue behind each other instead of filling the pool
//! that recording and every other client share.

use std::{
    collections::HashMap,
    future::Future,
    sync::{Arc, Mutex, Weak},
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Queries running at once, all callers together.
pub const QUERY_SLOTS: usize = 6;
/// Queries one caller (a token, or the local socket) may run at once.
pub const CALLER_SLOTS: usize = 2;

tokio::task_local! {
    /// Who the queries of the current task are for.
    static CALLER: Arc<str>;
}

/// Runs `fut` with its read queries counted against `caller`'s slots.
pub fn as_caller<F: Future>(caller: &str, fut: F) -> impl Future<Output = F::Output> {
    CALLER.scope(Arc::from(caller), fut)
}

/// Held while a query runs.
pub struct Permits {
    _caller: Option<OwnedSemaphorePermit>,
    _all: Option<OwnedSemaphorePermit>,
}

pub struct Gate {
    all: Arc<Semaphore>,
    per_caller: usize,
    callers: Mutex<HashMap<Arc<str>, Weak<Semaphore>>>,
}

impl Gate {
    pub fn new(total: usize, per_caller: usize) -> Self {
        Self {
            all: Arc::new(Semaphore::new(total)),
            per_caller,
            callers: Mutex::new(HashMap::new()),
        }
    }

    fn caller_semaphore(&self, caller: &Arc<str>) -> Arc<Semaphore> {
        let mut map = match self.callers.lock() {
            Ok(m) => m,
            Err(p) => p.into_inner(),
        };
        if let Some(s) = map.get(caller).and_then(Weak::upgrade) {
            return s;
        }
        // Callers with nothing running hold no entry for long.
        map.retain(|_, w| w.strong_count() > 0);
        let s = Arc::new(Semaphore::new(self.per_caller));
        map.insert(caller.clone(), Arc::downgrade(&s));
        s
    }

    /// Waits for a slot of the current task's caller (if it has one), then
    /// for one of everyone's.
    pub async fn enter(&self) -> Permits {
        let caller = CALLER.try_with(Arc::clone).ok();
        self.enter_as(caller).await
    }

    async fn enter_as(&self, caller: Option<Arc<str>>) -> Permits {
        let mine = match caller {
            Some(c) => self.caller_semaphore(&c).acquire_owned().await.ok(),
            None => None,
        };
        let all = self.all.clone().acquire_owned().await.ok();
        Permits {
            _caller: mine,
            _all: all,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    async fn blocked(g: &Gate, caller: Option<&str>) -> bool {
        tokio::time::timeout(Duration::from_millis(50), g.enter_as(caller.map(Arc::from)))
            .await
            .is_err()
    }

    #[tokio::test]
    async fn one_caller_queues_behind_its_own_slots_and_not_others() {
        let g = Gate::new(3, 2);
        let a1 = g.enter_as(Some(Arc::from("a"))).await;
        let _a2 = g.enter_as(Some(Arc::from("a"))).await;
        assert!(blocked(&g, Some("a")).await, "a third query of a waits");
        let b1 = g.enter_as(Some(Arc::from("b"))).await;
        // All three slots taken: anyone waits now.
        assert!(blocked(&g, Some("c")).await);
        assert!(blocked(&g, None).await);
        drop(b1);
        assert!(!blocked(&g, Some("c")).await, "a freed slot is used");
        drop(a1);
        assert!(!blocked(&g, Some("a")).await);
    }

    #[tokio::test]
    async fn the_task_local_caller_is_used() {
        let g = Arc::new(Gate::new(10, 1));
        let held = as_caller("x", g.enter()).await;
        let g2 = g.clone();
        let waits = as_caller("x", async move {
            tokio::time::timeout(Duration::from_millis(50), g2.enter())
                .await
                .is_err()
        })
        .await;
        assert!(waits);
        drop(held);
        let _ = as_caller("x", g.enter()).await;
    }
}
