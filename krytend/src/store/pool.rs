//! A small pool of read-write connections for the side tables (audit,
//! tokens, config revisions): opened on first use and kept, so that a
//! request never needs a new descriptor (and never fails for want of one
//! when the process is at its limit), and never more than `size` at once.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::Duration,
};

use rusqlite::{Connection, OpenFlags};
use tokio::sync::Semaphore;

use super::StoreError;

const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub struct Pool {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    /// One permit per connection that may exist.
    permits: Semaphore,
}

impl Pool {
    pub fn new(path: PathBuf, size: usize) -> Pool {
        Pool {
            inner: Arc::new(Inner {
                path,
                idle: Mutex::new(Vec::new()),
                permits: Semaphore::new(size.max(1)),
            }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` on a pooled connection, on the blocking thread pool. Callers
    /// beyond the pool's size wait their turn here, holding no thread.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
    {
        let permit = self
            .inner
            .permits
            .acquire()
            .await
            .map_err(|_| E::from(StoreError::Task("the connection pool is closed".into())))?;
        let inner = self.inner.clone();
        let r = tokio::task::spawn_blocking(move || {
            let pooled = inner.idle.lock().ok().and_then(|mut p| p.pop());
            let mut conn = match pooled {
                Some(c) => c,
                None => open(&inner.path).map_err(E::from)?,
            };
            let r = f(&mut conn);
            if let Ok(mut idle) = inner.idle.lock() {
                idle.push(conn);
            }
            r
        })
        .await
        .map_err(|e| E::from(StoreError::Task(e.to_string())))?;
        drop(permit);
        r
    }
}

fn open(path: &Path) -> Result<Connection, StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let c = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(open_err)?;
    c.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn connections_are_reused_and_bounded() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("p.db");
        Connection::open(&path)
            .and_then(|c| c.execute_batch("CREATE TABLE t (x INTEGER)"))
            .expect("db");
        let pool = Pool::new(path, 2);
        let mut tasks = Vec::new();
        for i in 0..20 {
            let pool = pool.clone();
            tasks.push(tokio::spawn(async move {
                pool.run(move |c| {
                    c.execute("INSERT INTO t VALUES (?1)", [i])?;
                    Ok::<_, StoreError>(())
                })
                .await
            }));
        }
        for t in tasks {
            t.await.expect("join").expect("insert");
        }
        let n: i64 = pool
            .run(|c| Ok::<_, StoreError>(c.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))?))
            .await
            .expect("count");
        assert_eq!(n, 20);
        assert!(pool.inner.idle.lock().map(|v| v.len()).unwrap_or(0) <= 2);
    }
}
