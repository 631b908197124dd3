//! WAL checkpoints on their own thread and connection.
//!
//! Copying the write-ahead log back into the database costs about a fifth
//! of the writer's time when SQLite does it inside the committing
//! transaction (its default). Here the writer only says "I committed", and
//! this thread runs PASSIVE checkpoints, which never block the writer or
//! readers, at most every `MIN_INTERVAL`. The writer keeps a high
//! `wal_autocheckpoint` of its own as a backstop, so the log stays bounded
//! even if this thread falls behind or fails.

use std::{
    path::PathBuf,
    sync::mpsc,
    thread::JoinHandle,
    time::{Duration, Instant},
};

use rusqlite::Connection;

use super::StoreError;

const MIN_INTERVAL: Duration = Duration::from_millis(100);
/// While the log stays long (a sustained write rate), passes come this
/// often instead: the log only starts over once a checkpoint has caught up
/// with it, which a write every few milliseconds never lets a pass every
/// 100 ms do, so the writer's backstop did it inside a commit (20–35 ms
/// every ~200 ms at 200k events/s, the commit latency's p99). Frequent
/// passes leave that backstop little to copy.
const FAST_INTERVAL: Duration = Duration::from_millis(10);
/// The log's length (frames) above which passes come every `FAST_INTERVAL`.
const LONG_LOG_FRAMES: i64 = 1024;
/// Pages of WAL after which the writer checkpoints by itself (16 MiB at 4 KiB).
pub(super) const WRITER_BACKSTOP_PAGES: i64 = 4096;

/// The writer's side: a non-blocking nudge after each commit.
pub(super) struct Nudge(mpsc::SyncSender<()>);

impl Nudge {
    pub(super) fn committed(&self) {
        // Full means a nudge is already pending; that one will do.
        let _ = self.0.try_send(());
    }
}

pub(super) fn spawn(path: PathBuf) -> Result<(Nudge, JoinHandle<()>), StoreError> {
    let conn = Connection::open(&path).map_err(|source| StoreError::Open {
        path: path.clone(),
        source,
    })?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let (tx, rx) = mpsc::sync_channel::<()>(1);
    let handle = std::thread::Builder::new()
        .name("store-checkpoint".into())
        .spawn(move || run(conn, rx))
        .map_err(|e| StoreError::Task(format!("cannot start the checkpoint thread: {e}")))?;
    Ok((Nudge(tx), handle))
}

fn run(conn: Connection, rx: mpsc::Receiver<()>) {
    let mut last = Instant::now() - MIN_INTERVAL;
    let mut interval = MIN_INTERVAL;
    let mut failing = false;
    // Ends when the writer drops its Nudge; the writer then checkpoints
    // (TRUNCATE) itself on the way out.
    while rx.recv().is_ok() {
        let since = last.elapsed();
        if since < interval {
            std::thread::sleep(interval - since);
        }
        // Nudges that arrived while sleeping are covered by this pass.
        while rx.try_recv().is_ok() {}
        last = Instant::now();
        // (busy, frames in the log, frames copied back)
        match conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        }) {
            Ok((busy, frames)) => {
                // Busy (the writer's backstop holds the checkpoint lock:
                // frames -1) says nothing of the log's length, and comes
                // when it is long: the interval stays as it was.
                if busy == 0 && frames >= 0 {
                    interval = if frames > LONG_LOG_FRAMES {
                        FAST_INTERVAL
                    } else {
                        MIN_INTERVAL
                    };
                }
                if failing {
                    failing = false;
                    tracing::info!("WAL checkpoints work again");
                }
            }
            Err(e) if !failing => {
                failing = true;
                tracing::warn!("WAL checkpoint failed (the writer's own checkpoints take over): {e}");
            }
            Err(_) => {}
        }
    }
}
