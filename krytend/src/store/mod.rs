//! SQLite store: one writer thread fed by a bounded channel, batched
//! transactions, numbered migrations, retention; readers on their own
//! connections.

mod checkpointer;
pub mod gate;
pub mod logs_reader;
mod migrate;
pub mod pool;
pub mod reader;
mod row;
mod timeline;
mod writer;

use std::{
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicI64, AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use thiserror::Error;
use tokio::sync::{oneshot, watch};

pub use reader::Reader;
pub use writer::{FileOffset, Op};

use crate::{
    event::Event,
    registry::{ServiceState, Transition},
};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot create the directory for the database {path}: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("cannot open the database {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("database {path}: migration {version} failed: {source}")]
    Migrate {
        path: PathBuf,
        version: u32,
        source: rusqlite::Error,
    },
    #[error("database {path} has schema version {found}, newer than this krytend knows ({known}); upgrade krytend")]
    TooNew { path: PathBuf, found: u32, known: u32 },
    #[error("query failed: {0}")]
    Query(#[from] rusqlite::Error),
    #[error("the store writer has stopped")]
    WriterGone,
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("a store task failed: {0}")]
    Task(String),
}

#[derive(Debug, Clone)]
pub struct StoreConfig {
    pub path: PathBuf,
    pub batch_max: usize,
    pub batch_delay: Duration,
    pub queue: usize,
    pub max_age: Option<Duration>,
    pub max_rows: Option<u64>,
    pub retention_interval: Duration,
    pub transitions_max_age: Option<Duration>,
    pub logs_max_age: Option<Duration>,
    pub logs_max_rows: Option<u64>,
}

impl StoreConfig {
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            batch_max: 5000,
            batch_delay: Duration::from_millis(10),
            queue: 65_536,
            max_age: Some(Duration::from_secs(7 * 86_400)),
            max_rows: Some(10_000_000),
            retention_interval: Duration::from_secs(60),
            transitions_max_age: Some(Duration::from_secs(365 * 86_400)),
            logs_max_age: Some(Duration::from_secs(14 * 86_400)),
            logs_max_rows: Some(10_000_000),
        }
    }
}

/// Figures the writer keeps for `Status`.
#[derive(Debug, Default)]
pub struct StoreStats {
    pub committed_seq: AtomicU64,
    pub event_rows: AtomicU64,
    pub log_rows: AtomicU64,
    pub write_errors: AtomicU64,
    pub retention_deleted: AtomicU64,
    pub batches: AtomicU64,
    pub last_error_at_us: AtomicI64,
    pub last_error: Mutex<String>,
}

/// The cloneable handle: send writes, await commits, open readers.
#[derive(Clone)]
pub struct Store {
    tx: flume::Sender<Op>,
    committed: watch::Receiver<u64>,
    stats: Arc<StoreStats>,
    path: PathBuf,
    reader: Reader,
    last_stamp_us: i64,
}

/// Joins the writer thread at shutdown, after every queued write.
pub struct WriterThread(std::thread::JoinHandle<()>);

impl WriterThread {
    pub fn join(self) {
        if self.0.join().is_err() {
            tracing::error!("the store writer thread panicked");
        }
    }

    /// The thread itself, for a supervisor to join.
    pub fn into_handle(self) -> std::thread::JoinHandle<()> {
        self.0
    }
}

impl Store {
    /// Opens (creating and migrating) the database and starts the writer.
    pub fn open(cfg: StoreConfig) -> Result<(Store, WriterThread), StoreError> {
        if let Some(dir) = cfg.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::paths::create_private_dir(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        // SQLite gives the WAL and shared-memory files the database's mode.
        crate::paths::create_private_file(&cfg.path).map_err(|source| StoreError::CreateDir {
            path: cfg.path.clone(),
            source,
        })?;
        let conn = migrate::open_and_migrate(&cfg.path)?;
        let stats = Arc::new(StoreStats::default());
        let max_seq: i64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))?;
        let max_log: i64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM logs", [], |r| r.get(0))?;
        let rows: i64 = conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        let log_rows: i64 = conn.query_row("SELECT COUNT(*) FROM logs", [], |r| r.get(0))?;
        let max_seq = max_seq.max(max_log).max(0) as u64;
        let last_stamp_us: i64 = conn.query_row(
            "SELECT COALESCE((SELECT received_us FROM events ORDER BY seq DESC LIMIT 1), 0)",
            [],
            |r| r.get(0),
        )?;
        stats.committed_seq.store(max_seq, Ordering::Relaxed);
        stats.event_rows.store(rows.max(0) as u64, Ordering::Relaxed);
        stats.log_rows.store(log_rows.max(0) as u64, Ordering::Relaxed);
        let (tx, rx) = flume::bounded(cfg.queue.max(1));
        let (committed_tx, committed) = watch::channel(max_seq);
        let path = cfg.path.clone();
        conn.pragma_update(None, "wal_autocheckpoint", checkpointer::WRITER_BACKSTOP_PAGES)?;
        let checkpoints = checkpointer::spawn(path.clone())?;
        let thread = writer::spawn(conn, cfg, rx, committed_tx, stats.clone(), checkpoints)?;
        let reader = Reader::new(path.clone());
        Ok((
            Store {
                tx,
                committed,
                stats,
                path,
                reader,
                last_stamp_us,
            },
            WriterThread(thread),
        ))
    }

    pub async fn write(&self, op: Op) -> Result<(), StoreError> {
        self.tx.send_async(op).await.map_err(|_| StoreError::WriterGone)
    }

    pub async fn write_event(&self, ev: Arc<Event>) -> Result<(), StoreError> {
        self.write(Op::Event(ev)).await
    }

    pub async fn write_log(
        &self,
        rec: Arc<crate::logs::LogRecord>,
        offset: Option<FileOffset>,
    ) -> Result<(), StoreError> {
        self.write(Op::Log(rec, offset)).await
    }

    pub async fn save_service(&self, s: ServiceState) -> Result<(), StoreError> {
        self.write(Op::Service(Box::new(s))).await
    }

    pub async fn save_transition(&self, t: Transition) -> Result<(), StoreError> {
        self.write(Op::Transition(t)).await
    }

    /// Returns once everything queued before the call is committed.
    pub async fn flush(&self) -> Result<(), StoreError> {
        let (tx, rx) = oneshot::channel();
        self.write(Op::Flush(tx)).await?;
        rx.await.map_err(|_| StoreError::WriterGone)
    }

    /// Waits until events up to `seq` are committed, or `timeout` passes.
    /// Returns whether they are.
    pub async fn wait_committed(&self, seq: u64, timeout: Duration) -> bool {
        let mut rx = self.committed.clone();
        let reached = tokio::time::timeout(timeout, rx.wait_for(|c| *c >= seq)).await;
        matches!(reached, Ok(Ok(_)))
    }

    /// The receive stamp of the newest stored event when the store opened:
    /// new stamps continue from it even if the clock went back meanwhile.
    pub fn last_stamp_at_open(&self) -> i64 {
        self.last_stamp_us
    }

    pub fn committed_seq(&self) -> u64 {
        *self.committed.borrow()
    }

    pub fn queue_depth(&self) -> usize {
        self.tx.len()
    }

    pub fn stats(&self) -> &StoreStats {
        &self.stats
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// Database file plus its write-ahead log.
    pub fn size_bytes(&self) -> u64 {
        let mut total = 0;
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            total += std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        }
        total
    }

    /// The writer commits everything queued before this call, then stops,
    /// even while other handles are still held (by streams winding down).
    pub async fn close(self) {
        let _ = self.tx.send_async(Op::Shutdown).await;
    }
}
