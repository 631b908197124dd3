//! SQLite store: one writer thread fed by a bounded channel, batched
//! transactions, numbered migrations, retention; readers on their own
//! connections.

pub mod alerts;
pub mod audit;
mod checkpointer;
pub mod config_revisions;
pub mod gate;
pub mod logs_reader;
mod migrate;
pub mod pool;
pub mod reader;
mod row;
pub mod seqs;
pub mod stats;
pub mod stream;
#[cfg(test)]
mod tests;
mod timeline;
pub mod tokens;
mod writer;

use std::{
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use thiserror::Error;
use tokio::sync::{oneshot, watch};

pub use reader::Reader;
pub use seqs::{LostRange, SeqNumbers};
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
    /// What the queued writes may hold in bytes (roughly: payloads,
    /// messages and a row's overhead); ingest waits beyond it.
    pub queue_bytes: u64,
    pub max_age: Option<Duration>,
    pub max_rows: Option<u64>,
    pub retention_interval: Duration,
    pub transitions_max_age: Option<Duration>,
    pub logs_max_age: Option<Duration>,
    pub logs_max_rows: Option<u64>,
    /// A cap on the database (SQLite `max_page_count` on the writer's
    /// connection); retention by size keeps it under 90 % of this.
    pub max_db_bytes: Option<u64>,
    /// How long a batch that fails for a reason other than a full store
    /// (a locked file, an I/O error) is retried before it is dropped.
    pub write_retry: Duration,
    /// Events are numbered by a JetStream stream (`ingest.mode:
    /// jetstream`), not by the reservation: a crash loses no numbers, so
    /// no crash gap is reported.
    pub stream_numbering: bool,
}

impl StoreConfig {
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            batch_max: 5000,
            batch_delay: Duration::from_millis(10),
            queue: 65_536,
            queue_bytes: 16 * 1024 * 1024,
            max_age: Some(Duration::from_secs(7 * 86_400)),
            max_rows: Some(10_000_000),
            retention_interval: Duration::from_secs(60),
            transitions_max_age: Some(Duration::from_secs(365 * 86_400)),
            logs_max_age: Some(Duration::from_secs(14 * 86_400)),
            logs_max_rows: Some(10_000_000),
            max_db_bytes: None,
            write_retry: Duration::from_secs(5),
            stream_numbering: false,
        }
    }
}

/// Figures the writer keeps for `Status`.
#[derive(Debug, Default)]
pub struct StoreStats {
    pub committed_seq: AtomicU64,
    pub event_rows: AtomicU64,
    pub log_rows: AtomicU64,
    /// The rows stored before this start are counted (in the background:
    /// a count reads the whole table, seconds on a big store); until then
    /// the two counts above hold only what was written since, and
    /// retention waits.
    pub rows_counted: std::sync::atomic::AtomicBool,
    pub write_errors: AtomicU64,
    pub retention_deleted: AtomicU64,
    pub batches: AtomicU64,
    pub last_error_at_us: AtomicI64,
    pub last_error: Mutex<String>,
    /// Rows given up because the store could not be written (full, locked,
    /// failing): events, log records, and registry rows.
    pub dropped_events: AtomicU64,
    pub dropped_logs: AtomicU64,
    pub dropped_other: AtomicU64,
    /// Rows that failed on their own (the rest of their batch committed).
    pub rejected_rows: AtomicU64,
    /// The last batch could not be committed.
    pub failing: AtomicBool,
    /// Losses not yet reported with a gap event.
    pub unreported: Mutex<Loss>,
}

/// Rows lost by the writer since the last gap event said so.
#[derive(Debug, Default, Clone)]
pub struct Loss {
    pub events: u64,
    pub logs: u64,
    pub other: u64,
    pub rejected: u64,
    /// The sequence numbers concerned, lowest and highest (0 if none).
    pub first_seq: u64,
    pub last_seq: u64,
    pub reason: String,
}

impl Loss {
    pub fn is_empty(&self) -> bool {
        self.events + self.logs + self.other + self.rejected == 0
    }

    pub(crate) fn note_seq(&mut self, seq: u64) {
        if self.first_seq == 0 || seq < self.first_seq {
            self.first_seq = seq;
        }
        self.last_seq = self.last_seq.max(seq);
    }
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
    reservation: Arc<seqs::Reservation>,
    /// The last number given before this start (including a lost range).
    seq_start: u64,
    crash_gap: Arc<Mutex<Option<LostRange>>>,
    deadline: Arc<Mutex<Option<Instant>>>,
    max_db_bytes: Option<u64>,
    /// Connections for the side tables (audit, tokens, config revisions),
    /// shared by all of them.
    side: pool::Pool,
    /// Bytes queued for the writer (taken here, given back by the writer).
    queue_budget: crate::budget::WaitBudget,
}

/// Connections the side tables share: the two each table had on its own
/// before, so a burst on one (token checks) leaves room for the others.
const SIDE_CONNECTIONS: usize = 6;

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

/// Fixes a read snapshot of the store as it is before the writer starts,
/// and returns what counts its rows in a thread of its own, adding them to
/// the stats (which count what is written meanwhile) and then letting
/// retention run. Starting does not wait for a count of a big store.
fn count_rows_at_open(path: &std::path::Path) -> Result<impl FnOnce(Arc<StoreStats>), StoreError> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.execute_batch("BEGIN")?;
    // The first read of a transaction fixes its snapshot.
    conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
    Ok(move |stats: Arc<StoreStats>| {
        let spawned = std::thread::Builder::new().name("store-count".into()).spawn(move || {
            let started = Instant::now();
            let count = |table: &str| {
                conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get::<_, i64>(0))
                    .map(|n| n.max(0) as u64)
            };
            match (count("events"), count("logs")) {
                (Ok(events), Ok(logs)) => {
                    stats.event_rows.fetch_add(events, Ordering::Relaxed);
                    stats.log_rows.fetch_add(logs, Ordering::Relaxed);
                    let took = started.elapsed();
                    if took > Duration::from_secs(1) {
                        tracing::info!(
                            "counted {events} stored events and {logs} log records in {:.1} s",
                            took.as_secs_f64()
                        );
                    }
                }
                (Err(e), _) | (_, Err(e)) => {
                    tracing::error!("cannot count the stored rows (row-count retention is off): {e}");
                    return;
                }
            }
            let _ = conn.execute_batch("COMMIT");
            stats.rows_counted.store(true, Ordering::Release);
        });
        if let Err(e) = spawned {
            tracing::error!("cannot start the row count (row-count retention is off): {e}");
        }
    })
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
        let counter = count_rows_at_open(&cfg.path)?;
        let max_seq = max_seq.max(max_log).max(0) as u64;
        let last_stamp_us: i64 = conn.query_row(
            "SELECT COALESCE((SELECT received_us FROM events ORDER BY seq DESC LIMIT 1), 0)",
            [],
            |r| r.get(0),
        )?;
        let (seq_start, crash_gap, mark) = reserve_at_open(&conn, max_seq, cfg.stream_numbering)?;
        stats.committed_seq.store(max_seq, Ordering::Relaxed);
        counter(stats.clone());
        let (tx, rx) = flume::bounded(cfg.queue.max(1));
        let queue_budget = crate::budget::WaitBudget::new(cfg.queue_bytes);
        let (committed_tx, committed) = watch::channel(max_seq);
        let path = cfg.path.clone();
        conn.pragma_update(None, "wal_autocheckpoint", checkpointer::WRITER_BACKSTOP_PAGES)?;
        let checkpoints = checkpointer::spawn(path.clone())?;
        let max_db_bytes = cfg.max_db_bytes;
        let reservation = seqs::Reservation::new(mark, seq_start);
        let deadline = Arc::new(Mutex::new(None));
        let thread = writer::spawn(
            conn,
            cfg,
            (rx, queue_budget.clone()),
            committed_tx,
            stats.clone(),
            checkpoints,
            (reservation.clone(), deadline.clone()),
        )?;
        let reader = Reader::new(path.clone());
        let side = pool::Pool::new(path.clone(), SIDE_CONNECTIONS);
        Ok((
            Store {
                tx,
                committed,
                stats,
                path,
                reader,
                last_stamp_us,
                reservation,
                seq_start,
                crash_gap: Arc::new(Mutex::new(crash_gap)),
                deadline,
                max_db_bytes,
                side,
                queue_budget,
            },
            WriterThread(thread),
        ))
    }

    pub async fn write(&self, op: Op) -> Result<(), StoreError> {
        let units = op.budget_units(&self.queue_budget);
        self.queue_budget.take(units).await;
        self.tx.send_async(op).await.map_err(|_| {
            self.queue_budget.give_back(units as u64);
            StoreError::WriterGone
        })
    }

    /// Bytes queued for the writer now, and the most allowed.
    pub fn queue_bytes(&self) -> (u64, u64) {
        (self.queue_budget.used_bytes(), self.queue_budget.limit_bytes())
    }

    /// Answered once the rows queued before it are committed (`true`) or
    /// were dropped (`false`); see `Op::Notify`.
    pub async fn notify_committed(&self) -> Result<oneshot::Receiver<bool>, StoreError> {
        let (tx, rx) = oneshot::channel();
        self.write(Op::Notify(tx)).await?;
        Ok(rx)
    }

    /// The recorded-stream marker and lookups by sequence number
    /// (JetStream ingest).
    pub fn stream_table(&self) -> stream::StreamTable {
        stream::StreamTable::new(self.side.clone())
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

    /// The sequence numbers for the (one) sequencer, continuing after
    /// everything given before, including numbers lost in a crash.
    pub fn seq_numbers(&self) -> SeqNumbers {
        SeqNumbers::new(self.reservation.clone(), self.seq_start)
    }

    /// Where the live stream starts: after a crash, the number of the gap
    /// event the sequencer writes first, so that a follower resuming
    /// before it waits for it and gets it from the store; else the last
    /// committed number.
    pub fn head_at_open(&self) -> u64 {
        match self.crash_gap.lock().ok().and_then(|g| *g) {
            Some(_) => self.seq_start + 1,
            None => self.committed_seq(),
        }
    }

    /// The numbers the previous run handed out but never committed (it
    /// crashed or was killed), once: the sequencer reports them.
    pub fn take_crash_gap(&self) -> Option<LostRange> {
        self.crash_gap.lock().ok().and_then(|mut g| g.take())
    }

    /// Rows the writer lost since the last call, once writes work again
    /// (a gap event is stored only when it can be).
    pub fn take_loss(&self) -> Option<Loss> {
        if self.stats.failing.load(Ordering::Relaxed) {
            return None;
        }
        let mut loss = self.stats.unreported.lock().ok()?;
        (!loss.is_empty()).then(|| std::mem::take(&mut *loss))
    }

    /// From now on the writer retries nothing past `deadline`: the stop
    /// must not wait on a failing store.
    pub fn set_shutdown_deadline(&self, deadline: Instant) {
        if let Ok(mut d) = self.deadline.lock() {
            *d = Some(deadline);
        }
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

    pub fn max_db_bytes(&self) -> Option<u64> {
        self.max_db_bytes
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// Config revisions and the key of their secret tags.
    pub fn config_revisions(&self) -> config_revisions::Revisions {
        config_revisions::Revisions::new(self.side.clone())
    }

    /// API tokens (hashes only).
    pub fn token_table(&self) -> tokens::TokenTable {
        tokens::TokenTable::new(self.side.clone())
    }

    /// Alert state, silences and notification deliveries.
    pub fn alert_table(&self) -> alerts::AlertTable {
        alerts::AlertTable::new(self.side.clone())
    }

    /// The control audit trail's rows.
    pub fn audit_log(&self) -> audit::AuditLog {
        audit::AuditLog::new(self.side.clone())
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

/// Reads the reservation left by the previous run and reserves the first
/// block of this one. Returns the last number given before this start,
/// the range a crash lost (if any), and the new durable mark.
fn reserve_at_open(
    conn: &rusqlite::Connection,
    committed: u64,
    stream_numbering: bool,
) -> Result<(u64, Option<LostRange>, u64), StoreError> {
    let (hwm, clean): (i64, bool) = conn.query_row("SELECT hwm, clean FROM seq_reserve WHERE id = 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    let hwm = hwm.max(0) as u64;
    let (start, gap) = if stream_numbering {
        (committed, None)
    } else if hwm > committed && !clean {
        (
            hwm,
            Some(LostRange {
                from: committed + 1,
                to: hwm,
            }),
        )
    } else {
        (hwm.max(committed), None)
    };
    if let Some(g) = gap {
        tracing::warn!(
            "the last run stopped without committing sequence numbers #{}..=#{} (a crash or kill); \
             they are reported with a gap event and not reused",
            g.from,
            g.to
        );
    }
    let mark = start.saturating_add(seqs::BLOCK);
    // An update in place: it needs no new page, so it works on a full store.
    conn.execute(
        "UPDATE seq_reserve SET hwm = ?1, clean = 0 WHERE id = 1",
        rusqlite::params![mark as i64],
    )?;
    Ok((start, gap, mark))
}
