//! The one writer thread: batches by count and time, retries failed
//! commits (disk full, locked file) instead of dying, applies retention.

use std::{
    sync::{atomic::Ordering, Arc, Mutex},
    thread::JoinHandle,
    time::{Duration, Instant},
};

use rusqlite::{params, Connection};
use tokio::sync::{oneshot, watch};

use super::{checkpointer::Nudge, row, seqs::Reservation, StoreConfig, StoreError, StoreStats};
use crate::{
    event::Event,
    logs::LogRecord,
    protocol::timestamp::now_us,
    registry::{ServiceState, Transition},
};

/// How far a tailed file has been read, committed with its line.
#[derive(Debug, Clone)]
pub struct FileOffset {
    pub path: String,
    pub inode: u64,
    pub offset: u64,
}

pub enum Op {
    Event(Arc<Event>),
    Log(Arc<LogRecord>, Option<FileOffset>),
    Service(Box<ServiceState>),
    /// A service removed from the registry: its state row goes too.
    ForgetService(String),
    Transition(Transition),
    /// Answered once everything before it is committed.
    Flush(oneshot::Sender<()>),
    /// Answered once the batch it is in is committed (`true`) or dropped
    /// (`false`); unlike a flush it does not end its batch. `false` also
    /// when a batch since the previous notice was dropped, so a `true`
    /// means every row queued between the two notices is stored.
    Notify(oneshot::Sender<bool>),
    /// Commit what came before, then stop.
    Shutdown,
}

impl Op {
    /// The sequence number it carries (events and log records).
    fn seq(&self) -> Option<u64> {
        match self {
            Op::Event(ev) => Some(ev.seq),
            Op::Log(rec, _) => Some(rec.seq),
            _ => None,
        }
    }

    /// For the log, when a row is set aside.
    fn describe(&self) -> String {
        match self {
            Op::Event(ev) => format!("event #{} ({})", ev.seq, ev.subject),
            Op::Log(rec, _) => format!("log record #{} of {}", rec.seq, rec.service),
            Op::Service(s) => format!("the state of service {}", s.name),
            Op::Transition(t) => format!("a status change of {}", t.service),
            Op::ForgetService(name) => format!("forgetting service {name}"),
            Op::Flush(_) | Op::Notify(_) | Op::Shutdown => "a marker".into(),
        }
    }

    /// What it holds while queued, in the queue budget's units (markers
    /// take none, so a flush or a stop never waits for room).
    pub(super) fn budget_units(&self, budget: &crate::budget::WaitBudget) -> u32 {
        match self {
            Op::Flush(_) | Op::Notify(_) | Op::Shutdown => 0,
            _ => budget.units(self.approx_bytes()),
        }
    }

    /// Roughly what its rows take in the database (and in memory while
    /// queued).
    fn approx_bytes(&self) -> u64 {
        const ROW: usize = 128;
        (match self {
            Op::Event(ev) => ev.payload.len() + ev.subject.len() + ROW,
            Op::Log(rec, _) => rec.message.len() + rec.exception.as_ref().map_or(0, String::len) + 2 * ROW,
            _ => ROW,
        }) as u64
    }

    /// How long ago the record in it was received (zero for the others).
    fn age(&self) -> Duration {
        let received = match self {
            Op::Event(ev) => ev.received_us,
            Op::Log(rec, _) => rec.received_us,
            _ => return Duration::ZERO,
        };
        Duration::from_micros(now_us().saturating_sub(received).max(0) as u64)
    }
}

const RETENTION_CHUNK: i64 = 20_000;
/// Retention by size starts above this share of `max_db_bytes`...
const SIZE_HIGH: f64 = 0.9;
/// ...and removes the oldest rows down to this share.
const SIZE_TARGET: f64 = 0.8;
/// Without a size cap, the first failure of a full-disk episode removes
/// this share of the oldest rows (once: if writes still fail, the disk is
/// full of something else and removing more would not help).
const FULL_DISK_SHARE: f64 = 0.1;

/// Why a write failed, which decides what the writer does about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// Disk or size cap full: drop the batch at once, then free space.
    Full,
    /// A locked file, an I/O error: retry within `write_retry`.
    Store,
    /// Something about one row (a constraint, a size): set that row aside.
    Row,
}

fn fault(e: &rusqlite::Error) -> Fault {
    use rusqlite::ErrorCode as C;
    match e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::DiskFull => Fault::Full,
            C::ConstraintViolation | C::TooBig | C::TypeMismatch | C::ParameterOutOfRange => Fault::Row,
            _ => Fault::Store,
        },
        rusqlite::Error::ToSqlConversionFailure(_) | rusqlite::Error::InvalidParameterCount(..) => Fault::Row,
        _ => Fault::Store,
    }
}

pub(super) fn spawn(
    conn: Connection,
    cfg: StoreConfig,
    // The queue and the byte budget of what is in it.
    (rx, queue_budget): (flume::Receiver<Op>, crate::budget::WaitBudget),
    committed: watch::Sender<u64>,
    stats: Arc<StoreStats>,
    (checkpoints, checkpointer): (Nudge, JoinHandle<()>),
    (reserve, deadline): (Arc<Reservation>, Arc<Mutex<Option<Instant>>>),
) -> Result<JoinHandle<()>, StoreError> {
    if let Some(max) = cfg.max_db_bytes {
        let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let pages = (max / page.max(512) as u64).max(1);
        // SQLite keeps the larger of this and the current size.
        let set: i64 = conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| r.get(0))?;
        tracing::info!("store size capped at {} pages of {page} bytes", set);
    }
    std::thread::Builder::new()
        .name("store-writer".into())
        .spawn(move || {
            // However the writer ends (a stop, a panic), nobody may wait
            // for room it will never give back.
            let _closes = CloseOnDrop(queue_budget.clone());
            Writer {
                conn,
                cfg,
                stats,
                committed,
                checkpoints: Some((checkpoints, checkpointer)),
                reserve,
                deadline,
                queue_budget,
                max_seen: 0,
                dropped_since_notify: false,
                full_episode: false,
                lost_at_stop: false,
            }
            .run(rx)
        })
        .map_err(|e| StoreError::Task(format!("cannot start the store writer: {e}")))
}

struct CloseOnDrop(crate::budget::WaitBudget);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        self.0.close();
    }
}

struct Writer {
    conn: Connection,
    cfg: StoreConfig,
    stats: Arc<StoreStats>,
    committed: watch::Sender<u64>,
    checkpoints: Option<(Nudge, JoinHandle<()>)>,
    reserve: Arc<Reservation>,
    deadline: Arc<Mutex<Option<Instant>>>,
    queue_budget: crate::budget::WaitBudget,
    /// The highest sequence number the writer has been given.
    max_seen: u64,
    /// A batch was dropped since the last `Op::Notify` was answered.
    dropped_since_notify: bool,
    /// A full store has already freed space once (without a size cap).
    full_episode: bool,
    /// Something was lost that the next start must report.
    lost_at_stop: bool,
}

enum Wake {
    Op(Op),
    Reserve,
    Idle,
    Closed,
}

impl Writer {
    fn run(mut self, rx: flume::Receiver<Op>) {
        let mut next_retention = Instant::now() + Duration::from_secs(1);
        let mut batch: Vec<Op> = Vec::with_capacity(self.cfg.batch_max);
        let mut open = true;
        let nudges = self.reserve.nudge_rx.clone();
        while open {
            let wait = next_retention.saturating_duration_since(Instant::now());
            let wake = flume::Selector::new()
                .recv(&rx, |r| r.map_or(Wake::Closed, Wake::Op))
                .recv(&nudges, |_| Wake::Reserve)
                .wait_timeout(wait)
                .unwrap_or(Wake::Idle);
            match wake {
                Wake::Op(op) => batch.push(op),
                Wake::Reserve => self.persist_reservation(),
                Wake::Idle => {}
                Wake::Closed => open = false,
            }
            if !batch.is_empty() {
                // Gather more until the batch is full, the delay has passed
                // since the first op was received (not since it reached this
                // thread: under load it has waited in the queue already, and
                // the queue behind it is the batch), or a flush is asked.
                let waited = batch.first().map_or(Duration::ZERO, Op::age);
                let deadline = Instant::now() + self.cfg.batch_delay.saturating_sub(waited);
                while batch.len() < self.cfg.batch_max && !matches!(batch.last(), Some(Op::Flush(_) | Op::Shutdown)) {
                    match rx.recv_deadline(deadline) {
                        Ok(op) => batch.push(op),
                        Err(flume::RecvTimeoutError::Timeout) => break,
                        Err(flume::RecvTimeoutError::Disconnected) => {
                            open = false;
                            break;
                        }
                    }
                }
                if matches!(batch.last(), Some(Op::Shutdown)) {
                    open = false;
                }
                // Given back once the batch is done with, stored or not.
                let units: u64 = batch.iter().map(|op| op.budget_units(&self.queue_budget) as u64).sum();
                self.commit_with_retry(&mut batch);
                self.queue_budget.give_back(units);
            }
            if Instant::now() >= next_retention {
                self.retention();
                next_retention = Instant::now() + self.cfg.retention_interval;
            }
        }
        self.mark_stop(rx.len());
        // Checkpoint so the database file is whole without its WAL; the
        // checkpoint thread ends first so the two do not contend.
        if let Some((nudge, thread)) = self.checkpoints.take() {
            drop(nudge);
            if thread.join().is_err() {
                tracing::error!("the WAL checkpoint thread panicked");
            }
        }
        if let Err(e) = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)") {
            tracing::warn!("final WAL checkpoint failed: {e}");
        }
    }

    /// A clean stop lowers the reservation to what was handed out, so the
    /// next start reports no gap, but only if every number handed out
    /// reached the store (or was reported lost already).
    fn mark_stop(&mut self, left_in_queue: usize) {
        // Numbered by a JetStream stream: the reservation is not used, and
        // what was not stored is delivered again, never lost.
        let handed = if self.cfg.stream_numbering {
            self.max_seen
        } else {
            self.reserve.handed()
        };
        let unreported = self.stats.unreported.lock().map(|l| !l.is_empty()).unwrap_or(true);
        if self.lost_at_stop || unreported || left_in_queue > 0 || handed > self.max_seen {
            tracing::warn!(
                "not everything handed out (up to #{handed}) was stored; the next start reports the rest as a gap"
            );
            return;
        }
        let mark = self.max_seen.max(self.stats.committed_seq.load(Ordering::Relaxed));
        if let Err(e) = self.conn.execute(
            "UPDATE seq_reserve SET hwm = ?1, clean = 1 WHERE id = 1",
            params![mark as i64],
        ) {
            tracing::warn!("cannot record the clean stop (the next start reports a gap): {e}");
        }
    }

    /// Persists a requested reservation on its own (when idle, or when the
    /// batch carrying it failed). In place, so it works on a full store.
    fn persist_reservation(&mut self) {
        let Some(mark) = self.reserve.pending() else {
            return;
        };
        match self.conn.execute(
            "UPDATE seq_reserve SET hwm = ?1 WHERE id = 1 AND hwm < ?1",
            params![mark as i64],
        ) {
            Ok(_) => self.reserve.persisted(mark),
            Err(e) => tracing::error!("cannot reserve sequence numbers up to #{mark}: {e}"),
        }
    }

    fn shutdown_deadline(&self) -> Option<Instant> {
        self.deadline.lock().ok().and_then(|d| *d)
    }

    fn commit_with_retry(&mut self, batch: &mut Vec<Op>) {
        for op in batch.iter() {
            if let Some(seq) = op.seq() {
                self.max_seen = self.max_seen.max(seq);
            }
        }
        let started = Instant::now();
        // When the last batch failed already, this one gets one attempt:
        // retrying each would stall ingest behind a broken store.
        let mut retry_until = if self.stats.failing.load(Ordering::Relaxed) {
            started
        } else {
            started + self.cfg.write_retry
        };
        if let Some(d) = self.shutdown_deadline() {
            retry_until = retry_until.min(d);
        }
        let mut backoff = Duration::from_millis(50);
        let mut attempts = 0;
        loop {
            attempts += 1;
            let result = match self.commit(batch) {
                Err(e) if fault(&e) == Fault::Row => self.commit_rows(batch),
                r => r,
            };
            match result {
                Ok(max_seq) => {
                    if attempts > 1 || self.stats.failing.load(Ordering::Relaxed) {
                        tracing::info!("store writes work again (after {attempts} attempts)");
                    }
                    self.stats.failing.store(false, Ordering::Relaxed);
                    self.full_episode = false;
                    self.stats.batches.fetch_add(1, Ordering::Relaxed);
                    if let Some((nudge, _)) = &self.checkpoints {
                        nudge.committed();
                    }
                    if let Some(seq) = max_seq {
                        self.stats.committed_seq.fetch_max(seq, Ordering::Relaxed);
                        self.committed.send_if_modified(|c| {
                            let raise = seq > *c;
                            if raise {
                                *c = seq;
                            }
                            raise
                        });
                    }
                    for op in batch.drain(..) {
                        match op {
                            Op::Flush(done) => {
                                let _ = done.send(());
                            }
                            Op::Notify(done) => {
                                let _ = done.send(!std::mem::take(&mut self.dropped_since_notify));
                            }
                            _ => {}
                        }
                    }
                    return;
                }
                Err(e) => {
                    self.note_error(&e);
                    let f = fault(&e);
                    if f == Fault::Full || Instant::now() + backoff > retry_until {
                        let need = batch.iter().map(Op::approx_bytes).sum();
                        self.give_up(batch, &e, attempts);
                        // The numbers asked for must not wait on this batch.
                        self.persist_reservation();
                        if f == Fault::Full && self.free_space(need) {
                            // Room was made: the next write is expected to
                            // work (and the gap event can be written).
                            self.stats.failing.store(false, Ordering::Relaxed);
                        }
                        return;
                    }
                    tracing::error!(
                        "store write failed (attempt {attempts}, {} ops held, retrying in {backoff:?}): {e}",
                        batch.len()
                    );
                    std::thread::sleep(backoff);
                    backoff = (backoff * 2).min(Duration::from_secs(1));
                }
            }
        }
    }

    fn note_error(&self, e: &rusqlite::Error) {
        self.stats.write_errors.fetch_add(1, Ordering::Relaxed);
        self.stats.last_error_at_us.store(now_us(), Ordering::Relaxed);
        if let Ok(mut last) = self.stats.last_error.lock() {
            *last = e.to_string();
        }
    }

    /// Drops a batch that cannot be committed: counted, and remembered for
    /// the gap event the sequencer writes once writes work again.
    fn give_up(&mut self, batch: &mut Vec<Op>, e: &rusqlite::Error, attempts: u32) {
        self.stats.failing.store(true, Ordering::Relaxed);
        let (mut events, mut logs, mut other) = (0u64, 0u64, 0u64);
        if let Ok(mut loss) = self.stats.unreported.lock() {
            for op in batch.iter() {
                match op {
                    Op::Event(ev) => {
                        events += 1;
                        loss.note_seq(ev.seq);
                    }
                    Op::Log(rec, _) => {
                        logs += 1;
                        loss.note_seq(rec.seq);
                    }
                    Op::Service(_) | Op::Transition(_) | Op::ForgetService(_) => other += 1,
                    Op::Flush(_) | Op::Notify(_) | Op::Shutdown => {}
                }
            }
            loss.events += events;
            loss.logs += logs;
            loss.other += other;
            loss.reason = format!("the store could not be written: {e}");
        }
        self.stats.dropped_events.fetch_add(events, Ordering::Relaxed);
        self.stats.dropped_logs.fetch_add(logs, Ordering::Relaxed);
        self.stats.dropped_other.fetch_add(other, Ordering::Relaxed);
        if self.shutdown_deadline().is_some() {
            self.lost_at_stop = true;
        }
        tracing::error!(
            "store write failed {attempts} time(s); dropped {events} events, {logs} log records and {other} \
             registry rows (a gap event will say so): {e}"
        );
        for op in batch.drain(..) {
            match op {
                // A flush waits for its turn, not for success.
                Op::Flush(done) => {
                    let _ = done.send(());
                }
                Op::Notify(done) => {
                    let _ = done.send(false);
                }
                _ => {}
            }
        }
        self.dropped_since_notify = true;
    }

    fn commit(&mut self, batch: &[Op]) -> Result<Option<u64>, rusqlite::Error> {
        let mark = self.reserve.pending();
        let tx = self.conn.transaction()?;
        if let Some(mark) = mark {
            tx.execute(
                "UPDATE seq_reserve SET hwm = ?1 WHERE id = 1 AND hwm < ?1",
                params![mark as i64],
            )?;
        }
        let mut max_seq = None;
        let mut inserted = 0u64;
        let mut logs_inserted = 0u64;
        // A tailed file's offset is written once per batch (its last line
        // read), not once per line: the same transaction holds both.
        let mut offsets = Offsets::new();
        let mut logs_in_batch: Vec<&LogRecord> = Vec::new();
        for op in batch {
            write_op(&tx, op, Some(&mut offsets))?;
            match op {
                Op::Event(_) => inserted += 1,
                Op::Log(rec, _) => {
                    logs_inserted += 1;
                    logs_in_batch.push(rec);
                }
                _ => {}
            }
            if let Some(seq) = op.seq() {
                max_seq = Some(max_seq.map_or(seq, |m: u64| m.max(seq)));
            }
        }
        for (o, at) in offsets.into_values() {
            write_offset(&tx, o, at)?;
        }
        index_batch(&tx, &logs_in_batch)?;
        tx.commit()?;
        if let Some(mark) = mark {
            self.reserve.persisted(mark);
        }
        self.stats.event_rows.fetch_add(inserted, Ordering::Relaxed);
        self.stats.log_rows.fetch_add(logs_inserted, Ordering::Relaxed);
        Ok(max_seq)
    }

    /// The batch failed because of some row in it: commits it row by row,
    /// each in a savepoint, and sets aside the rows that fail on their own
    /// (counted, logged, and reported with a gap event) instead of
    /// retrying the whole batch forever.
    fn commit_rows(&mut self, batch: &[Op]) -> Result<Option<u64>, rusqlite::Error> {
        let mut tx = self.conn.transaction()?;
        let mut max_seq = None;
        let mut inserted = 0u64;
        let mut logs_inserted = 0u64;
        let mut rejected = Vec::new();
        for op in batch {
            let mut sp = tx.savepoint()?;
            let written = write_op(&sp, op, None).and_then(|()| match op {
                Op::Log(rec, _) => row::index_log(&sp, rec),
                _ => Ok(()),
            });
            match written {
                Ok(()) => {
                    sp.commit()?;
                    match op {
                        Op::Event(_) => inserted += 1,
                        Op::Log(..) => logs_inserted += 1,
                        _ => {}
                    }
                    if let Some(seq) = op.seq() {
                        max_seq = Some(max_seq.map_or(seq, |m: u64| m.max(seq)));
                    }
                }
                Err(e) if fault(&e) == Fault::Row => {
                    sp.rollback()?;
                    rejected.push((op.describe(), op.seq(), e.to_string()));
                }
                Err(e) => return Err(e),
            }
        }
        tx.commit()?;
        self.stats.event_rows.fetch_add(inserted, Ordering::Relaxed);
        self.stats.log_rows.fetch_add(logs_inserted, Ordering::Relaxed);
        self.stats
            .rejected_rows
            .fetch_add(rejected.len() as u64, Ordering::Relaxed);
        if let Ok(mut loss) = self.stats.unreported.lock() {
            for (what, seq, e) in &rejected {
                tracing::error!("set aside {what} that cannot be stored: {e}");
                loss.rejected += 1;
                if let Some(seq) = seq {
                    loss.note_seq(*seq);
                }
                loss.reason = format!("a row could not be stored: {e}");
            }
        }
        Ok(max_seq)
    }

    /// Makes room after a full-store failure of a batch of about `need`
    /// bytes: with a cap, down to the size target (and at least twice the
    /// batch below the cap); without one, a share of the oldest rows once
    /// per full episode. Returns whether anything was removed.
    fn free_space(&mut self, need: u64) -> bool {
        let result = if self.cfg.max_db_bytes.is_some() {
            self.shrink_to_target(need)
        } else if !self.full_episode {
            self.full_episode = true;
            self.delete_share(FULL_DISK_SHARE)
        } else {
            return false;
        };
        match result {
            Ok((events, logs)) => {
                tracing::warn!("store full: removed the oldest {events} events and {logs} log records to make room");
                events + logs > 0
            }
            Err(e) => {
                tracing::error!("store full, and removing old rows failed too: {e}");
                false
            }
        }
    }

    /// Bytes in use: pages minus free pages.
    fn used_bytes(&self) -> Result<u64, rusqlite::Error> {
        let page: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let count: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let free: i64 = self.conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
        Ok((count - free).max(0) as u64 * page.max(0) as u64)
    }

    /// With `max_db_bytes`: removes the oldest share of events and logs
    /// that brings the store down to the target, leaving room for `need`
    /// bytes (twice over, for indexes). Returns what it removed.
    fn shrink_to_target(&mut self, need: u64) -> Result<(u64, u64), rusqlite::Error> {
        let Some(max) = self.cfg.max_db_bytes else {
            return Ok((0, 0));
        };
        let used = self.used_bytes()?;
        // Never below a fifth of the cap: a batch that big cannot fit anyway.
        let target = ((max as f64 * SIZE_TARGET) as u64)
            .min(max.saturating_sub(need.saturating_mul(2)))
            .max(max / 5);
        if used <= target || used == 0 {
            return Ok((0, 0));
        }
        self.delete_share((used - target) as f64 / used as f64)
    }

    fn delete_share(&mut self, share: f64) -> Result<(u64, u64), rusqlite::Error> {
        let events = self.stats.event_rows.load(Ordering::Relaxed);
        let logs = self.stats.log_rows.load(Ordering::Relaxed);
        let want = |rows: u64| ((rows as f64 * share).ceil() as u64).min(rows);
        // Events first: their deletes free pages without writing an index
        // (log deletes also write to the full-text index).
        let e = self.delete_oldest("events", want(events))?;
        let l = self.delete_oldest("logs", want(logs)).unwrap_or_else(|err| {
            tracing::warn!("cannot remove old log records yet: {err}");
            0
        });
        Ok((e, l))
    }

    fn delete_oldest(&mut self, table: &str, n: u64) -> Result<u64, rusqlite::Error> {
        let sql = format!("DELETE FROM {table} WHERE seq IN (SELECT seq FROM {table} ORDER BY seq LIMIT ?1)");
        let mut left = n;
        let mut deleted = 0u64;
        while left > 0 {
            let k = self
                .conn
                .execute(&sql, params![left.min(RETENTION_CHUNK as u64) as i64])? as u64;
            if k == 0 {
                break;
            }
            deleted += k;
            left -= k.min(left);
        }
        let rows = if table == "events" {
            &self.stats.event_rows
        } else {
            &self.stats.log_rows
        };
        let now = rows.load(Ordering::Relaxed);
        rows.store(now.saturating_sub(deleted), Ordering::Relaxed);
        self.stats.retention_deleted.fetch_add(deleted, Ordering::Relaxed);
        Ok(deleted)
    }

    fn retention(&mut self) {
        // Deletions before the stored rows are counted would make the
        // counts wrong for good.
        if !self.stats.rows_counted.load(Ordering::Acquire) {
            return;
        }
        if let Err(e) = self.apply_retention() {
            tracing::warn!("retention pass failed (will retry): {e}");
        }
        if let Some(max) = self.cfg.max_db_bytes {
            let over = self.used_bytes().is_ok_and(|u| u as f64 > max as f64 * SIZE_HIGH);
            if over {
                match self.shrink_to_target(0) {
                    Ok((e, l)) => tracing::info!("retention by size removed {e} events and {l} log records"),
                    Err(e) => tracing::warn!("retention by size failed (will retry): {e}"),
                }
            }
        }
    }

    fn apply_retention(&mut self) -> Result<(), rusqlite::Error> {
        let mut deleted = 0u64;
        if let Some(age) = self.cfg.max_age {
            let cutoff = now_us() - age.as_micros() as i64;
            // Everything before the first event at the cutoff is older.
            let end = super::timeline::first_seq_at_or_after(&self.conn, cutoff)?.map_or(i64::MAX, |s| s as i64);
            loop {
                let n = self.conn.execute(
                    "DELETE FROM events WHERE seq IN
                       (SELECT seq FROM events WHERE seq < ?1 ORDER BY seq LIMIT ?2)",
                    params![end, RETENTION_CHUNK],
                )?;
                deleted += n as u64;
                if (n as i64) < RETENTION_CHUNK {
                    break;
                }
            }
        }
        if let Some(max_rows) = self.cfg.max_rows {
            let rows = self.stats.event_rows.load(Ordering::Relaxed).saturating_sub(deleted);
            if rows > max_rows {
                // Sequence numbers are dense, so "the oldest N" is a range.
                let excess = rows - max_rows;
                let mut left = excess;
                while left > 0 {
                    let chunk = left.min(RETENTION_CHUNK as u64);
                    let n = self.conn.execute(
                        "DELETE FROM events WHERE seq IN (SELECT seq FROM events ORDER BY seq LIMIT ?1)",
                        params![chunk as i64],
                    )?;
                    deleted += n as u64;
                    if n == 0 {
                        break;
                    }
                    left -= (n as u64).min(left);
                }
            }
        }
        let mut logs_deleted = 0u64;
        if let Some(age) = self.cfg.logs_max_age {
            let cutoff = now_us() - age.as_micros() as i64;
            loop {
                let n = self.conn.execute(
                    "DELETE FROM logs WHERE seq IN
                       (SELECT seq FROM logs WHERE received_us < ?1 ORDER BY seq LIMIT ?2)",
                    params![cutoff, RETENTION_CHUNK],
                )?;
                logs_deleted += n as u64;
                if (n as i64) < RETENTION_CHUNK {
                    break;
                }
            }
        }
        if let Some(max_rows) = self.cfg.logs_max_rows {
            let rows = self.stats.log_rows.load(Ordering::Relaxed).saturating_sub(logs_deleted);
            let mut left = rows.saturating_sub(max_rows);
            while left > 0 {
                let n = self.conn.execute(
                    "DELETE FROM logs WHERE seq IN (SELECT seq FROM logs ORDER BY seq LIMIT ?1)",
                    params![left.min(RETENTION_CHUNK as u64) as i64],
                )?;
                if n == 0 {
                    break;
                }
                logs_deleted += n as u64;
                left -= (n as u64).min(left);
            }
        }
        if logs_deleted > 0 {
            let rows = self.stats.log_rows.load(Ordering::Relaxed);
            self.stats
                .log_rows
                .store(rows.saturating_sub(logs_deleted), Ordering::Relaxed);
            self.stats.retention_deleted.fetch_add(logs_deleted, Ordering::Relaxed);
        }
        if let Some(age) = self.cfg.transitions_max_age {
            let cutoff = now_us() - age.as_micros() as i64;
            self.conn
                .execute("DELETE FROM transitions WHERE at_us < ?1", params![cutoff])?;
        }
        if deleted > 0 {
            let rows = self.stats.event_rows.load(Ordering::Relaxed);
            self.stats
                .event_rows
                .store(rows.saturating_sub(deleted), Ordering::Relaxed);
            self.stats.retention_deleted.fetch_add(deleted, Ordering::Relaxed);
            tracing::debug!("retention removed {deleted} events");
        }
        Ok(())
    }
}

/// Indexes a batch's log rows for full-text search once they are all
/// inserted: one statement for the batch when its numbers span only its
/// own rows (the usual case: numbers rise through the queue), else one
/// per row (JetStream may redeliver an older number among newer ones, and
/// a range would then index a row twice).
fn index_batch(c: &Connection, logs: &[&LogRecord]) -> Result<(), rusqlite::Error> {
    let (Some(first), Some(last)) = (logs.iter().map(|r| r.seq).min(), logs.iter().map(|r| r.seq).max()) else {
        return Ok(());
    };
    let in_range: i64 = c
        .prepare_cached("SELECT COUNT(*) FROM logs WHERE seq BETWEEN ?1 AND ?2")?
        .query_row(params![first as i64, last as i64], |r| r.get(0))?;
    if in_range as usize == logs.len() {
        row::index_logs(c, first, last)?;
    } else {
        for rec in logs {
            row::index_log(c, rec)?;
        }
    }
    Ok(())
}

/// The newest offset of each tailed file in a batch, with its line's
/// receive time.
type Offsets<'a> = std::collections::HashMap<&'a str, (&'a FileOffset, i64)>;

fn write_offset(c: &Connection, o: &FileOffset, at_us: i64) -> Result<(), rusqlite::Error> {
    c.prepare_cached(
        "INSERT INTO log_files (path, inode, offset, updated_us) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(path) DO UPDATE SET inode = excluded.inode, offset = excluded.offset,
         updated_us = excluded.updated_us",
    )?
    .execute(params![o.path, o.inode as i64, o.offset as i64, at_us])?;
    Ok(())
}

/// Writes one op's rows (inside the caller's transaction or savepoint).
/// With `offsets`, a file offset is kept there for the caller to write
/// once for the batch; without, it is written with its line.
fn write_op<'a>(c: &Connection, op: &'a Op, offsets: Option<&mut Offsets<'a>>) -> Result<(), rusqlite::Error> {
    match op {
        Op::Event(ev) => {
            let mut ins = c.prepare_cached(row::INSERT_EVENT)?;
            row::insert_event(&mut ins, ev)?;
        }
        Op::Log(rec, offset) => {
            let mut ins = c.prepare_cached(row::INSERT_LOG)?;
            row::insert_log(&mut ins, rec)?;
            if let Some(o) = offset {
                match offsets {
                    Some(batch) => {
                        batch.insert(o.path.as_str(), (o, rec.received_us));
                    }
                    None => write_offset(c, o, rec.received_us)?,
                }
            }
        }
        Op::Service(s) => {
            let json = serde_json::to_string(s).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            c.prepare_cached(
                "INSERT INTO services (name, state, updated_us) VALUES (?1, ?2, ?3)
                 ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_us = excluded.updated_us",
            )?
            .execute(params![s.name, json, s.last_seen_us])?;
        }
        Op::Transition(t) => {
            c.prepare_cached(
                "INSERT INTO transitions (service, at_us, from_status, to_status, cause) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                t.service,
                t.at_us,
                t.from.map(|s| s.as_str()),
                t.to.as_str(),
                t.cause
            ])?;
        }
        Op::ForgetService(name) => {
            c.prepare_cached("DELETE FROM services WHERE name = ?1")?
                .execute(params![name])?;
        }
        Op::Flush(_) | Op::Notify(_) | Op::Shutdown => {}
    }
    Ok(())
}
