//! Supervision of the daemon's long-lived tasks. A panic in one of them is
//! never silent: it is logged, counted (shown by `status`), and then either
//! the task starts again (when it holds nothing that a restart would lose)
//! or the daemon stops with an error — never a half-alive daemon that
//! answers `status` while it no longer records.

use std::{
    any::Any,
    future::Future,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// A restartable task that panics this many times in a row, each within
/// [`QUICK_FAILURE`] of its start, is broken for good: the daemon stops.
const MAX_QUICK_RESTARTS: u32 = 5;
const QUICK_FAILURE: Duration = Duration::from_secs(60);
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

#[derive(Default)]
struct Inner {
    panics: AtomicU64,
    last_panic: Mutex<String>,
    /// The task whose failure stops the daemon (the first one).
    failure: Mutex<Option<String>>,
    failed: CancellationToken,
}

/// Cheap to clone; every clone counts into the same figures.
#[derive(Clone, Default)]
pub struct Supervisor {
    inner: Arc<Inner>,
}

impl Supervisor {
    pub fn new() -> Self {
        Self::default()
    }

    /// Panics caught in supervised tasks since start.
    pub fn panics(&self) -> u64 {
        self.inner.panics.load(Ordering::Relaxed)
    }

    /// The last caught panic, as "task: message" (empty if none).
    pub fn last_panic(&self) -> String {
        lock(&self.inner.last_panic).clone()
    }

    /// Resolves once a task failed in a way that must stop the daemon, with
    /// that task's name and panic message.
    pub async fn failed(&self) -> String {
        self.inner.failed.cancelled().await;
        lock(&self.inner.failure).clone().unwrap_or_default()
    }

    /// Runs `fut` as a task the daemon cannot do without and cannot restart
    /// (it owns state or a channel end): a panic stops the daemon. The
    /// handle ends when the task does.
    pub fn spawn_critical<F>(&self, name: impl Into<String>, fut: F) -> JoinHandle<()>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.watch(name, tokio::spawn(fut))
    }

    /// Supervises a task already spawned (e.g. by a listener's constructor)
    /// as critical.
    pub fn watch(&self, name: impl Into<String>, task: JoinHandle<()>) -> JoinHandle<()> {
        let me = self.clone();
        let name = name.into();
        tokio::spawn(async move {
            if let Err(e) = task.await {
                if e.is_panic() {
                    let msg = panic_text(e.into_panic().as_ref());
                    me.record(&name, &msg);
                    me.fail(&name, &msg);
                }
            }
        })
    }

    /// Supervises an OS thread (the store writer) as critical; the handle
    /// ends when the thread does.
    pub fn watch_thread(&self, name: impl Into<String>, thread: std::thread::JoinHandle<()>) -> JoinHandle<()> {
        let me = self.clone();
        let name = name.into();
        tokio::task::spawn_blocking(move || {
            if let Err(payload) = thread.join() {
                let msg = panic_text(payload.as_ref());
                me.record(&name, &msg);
                me.fail(&name, &msg);
            }
        })
    }

    /// Runs the task `make` builds, and after a panic builds and runs it
    /// again, with a growing pause; until it returns, `stop` fires, or it
    /// keeps failing quickly (then the daemon stops).
    pub fn spawn_restarting<F, Fut>(
        &self,
        name: impl Into<String>,
        stop: CancellationToken,
        mut make: F,
    ) -> JoinHandle<()>
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let me = self.clone();
        let name = name.into();
        tokio::spawn(async move {
            let mut quick = 0u32;
            let mut backoff = FIRST_BACKOFF;
            loop {
                let began = Instant::now();
                let e = match tokio::spawn(make()).await {
                    Ok(()) => return,
                    Err(e) if e.is_panic() => e,
                    // Cancelled: only at runtime shutdown.
                    Err(_) => return,
                };
                let msg = panic_text(e.into_panic().as_ref());
                me.record(&name, &msg);
                if began.elapsed() < QUICK_FAILURE {
                    quick += 1;
                } else {
                    quick = 1;
                    backoff = FIRST_BACKOFF;
                }
                if quick >= MAX_QUICK_RESTARTS {
                    me.fail(&name, &format!("{msg} ({quick} panics in a row)"));
                    return;
                }
                tracing::warn!("restarting {name} in {backoff:?}");
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        })
    }

    /// The failure that stops the daemon, if one happened.
    pub fn failure(&self) -> Option<String> {
        lock(&self.inner.failure).clone()
    }

    fn record(&self, name: &str, msg: &str) {
        self.inner.panics.fetch_add(1, Ordering::Relaxed);
        *lock(&self.inner.last_panic) = format!("{name}: {msg}");
        tracing::error!("task {name} panicked: {msg}");
    }

    fn fail(&self, name: &str, msg: &str) {
        {
            let mut f = lock(&self.inner.failure);
            if f.is_none() {
                *f = Some(format!("{name} panicked: {msg}"));
            }
        }
        tracing::error!("{name} cannot be restarted: krytend stops");
        self.inner.failed.cancel();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding these locks leaves plain data, still usable.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicU32;

    use super::*;

    #[tokio::test]
    async fn a_critical_panic_is_counted_and_stops_the_daemon() {
        let sup = Supervisor::new();
        let ok = sup.spawn_critical("quiet", async {});
        ok.await.expect("supervisor task");
        assert_eq!(sup.panics(), 0);
        let h = sup.spawn_critical("sequencer", async {
            let v: Vec<u8> = Vec::new();
            let _ = v[usize::from(v.is_empty())];
        });
        let why = tokio::time::timeout(Duration::from_secs(5), sup.failed())
            .await
            .expect("the failure is announced");
        h.await.expect("supervisor task");
        assert_eq!(sup.panics(), 1);
        assert!(why.starts_with("sequencer panicked: index out of bounds"), "{why}");
        assert!(sup.last_panic().starts_with("sequencer: "), "{}", sup.last_panic());
    }

    #[tokio::test]
    async fn a_restartable_task_comes_back_after_a_panic() {
        let sup = Supervisor::new();
        let runs = Arc::new(AtomicU32::new(0));
        let r = runs.clone();
        let h = sup.spawn_restarting("config tracker", CancellationToken::new(), move || {
            let r = r.clone();
            async move {
                if r.fetch_add(1, Ordering::SeqCst) < 2 {
                    panic!("boom {}", r.load(Ordering::SeqCst));
                }
            }
        });
        tokio::time::timeout(Duration::from_secs(10), h)
            .await
            .expect("ends once a run returns")
            .expect("supervisor task");
        assert_eq!(runs.load(Ordering::SeqCst), 3);
        assert_eq!(sup.panics(), 2);
        assert_eq!(sup.last_panic(), "config tracker: boom 2");
        assert!(!sup.inner.failed.is_cancelled(), "restarted, not fatal");
    }

    #[tokio::test(start_paused = true)]
    async fn a_task_that_keeps_panicking_stops_the_daemon() {
        let sup = Supervisor::new();
        let _h = sup.spawn_restarting("tailer", CancellationToken::new(), || async { panic!("always") });
        let why = sup.failed().await;
        assert_eq!(sup.panics(), u64::from(MAX_QUICK_RESTARTS));
        assert!(why.contains("tailer panicked: always"), "{why}");
    }

    #[tokio::test]
    async fn a_panicking_thread_is_caught() {
        let sup = Supervisor::new();
        let t = std::thread::spawn(|| panic!("writer died"));
        sup.watch_thread("store writer", t).await.expect("watcher");
        assert_eq!(sup.panics(), 1);
        assert!(sup.failed().await.contains("store writer panicked: writer died"));
    }
}
