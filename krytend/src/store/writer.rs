//! The one writer thread: batches by count and time, retries failed
//! commits (disk full, locked file) instead of dying, applies retention.

use std::{
    sync::{atomic::Ordering, Arc},
    thread::JoinHandle,
    time::{Duration, Instant},
};

use rusqlite::{params, Connection};
use tokio::sync::{oneshot, watch};

use super::{checkpointer::Nudge, row, StoreConfig, StoreError, StoreStats};
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
    /// Commit what came before, then stop.
    Shutdown,
}

impl Op {
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

/// Attempts at shutdown before a failing batch is given up (and said so).
const FINAL_ATTEMPTS: u32 = 5;
const RETENTION_CHUNK: i64 = 20_000;

pub(super) fn spawn(
    conn: Connection,
    cfg: StoreConfig,
    rx: flume::Receiver<Op>,
    committed: watch::Sender<u64>,
    stats: Arc<StoreStats>,
    (checkpoints, checkpointer): (Nudge, JoinHandle<()>),
) -> Result<JoinHandle<()>, StoreError> {
    std::thread::Builder::new()
        .name("store-writer".into())
        .spawn(move || {
            Writer {
                conn,
                cfg,
                stats,
                committed,
                checkpoints: Some((checkpoints, checkpointer)),
            }
            .run(rx)
        })
        .map_err(|e| StoreError::Task(format!("cannot start the store writer: {e}")))
}

struct Writer {
    conn: Connection,
    cfg: StoreConfig,
    stats: Arc<StoreStats>,
    committed: watch::Sender<u64>,
    checkpoints: Option<(Nudge, JoinHandle<()>)>,
}

impl Writer {
    fn run(mut self, rx: flume::Receiver<Op>) {
        let mut next_retention = Instant::now() + Duration::from_secs(1);
        let mut batch: Vec<Op> = Vec::with_capacity(self.cfg.batch_max);
        let mut open = true;
        while open {
            let wait = next_retention.saturating_duration_since(Instant::now());
            match rx.recv_timeout(wait) {
                Ok(op) => batch.push(op),
                Err(flume::RecvTimeoutError::Timeout) => {}
                Err(flume::RecvTimeoutError::Disconnected) => open = false,
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
                self.commit_with_retry(&mut batch, open);
            }
            if Instant::now() >= next_retention {
                self.retention();
                next_retention = Instant::now() + self.cfg.retention_interval;
            }
        }
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

    fn commit_with_retry(&mut self, batch: &mut Vec<Op>, open: bool) {
        let mut backoff = Duration::from_millis(50);
        let mut attempts = 0;
        loop {
            attempts += 1;
            match self.commit(batch) {
                Ok(max_seq) => {
                    if attempts > 1 {
                        tracing::info!("store writes recovered after {attempts} attempts");
                    }
                    self.stats.batches.fetch_add(1, Ordering::Relaxed);
                    if let Some((nudge, _)) = &self.checkpoints {
                        nudge.committed();
                    }
                    if let Some(seq) = max_seq {
                        self.stats.committed_seq.store(seq, Ordering::Relaxed);
                        self.committed.send_replace(seq);
                    }
                    for op in batch.drain(..) {
                        if let Op::Flush(done) = op {
                            let _ = done.send(());
                        }
                    }
                    return;
                }
                Err(e) => {
                    self.stats.write_errors.fetch_add(1, Ordering::Relaxed);
                    self.stats.last_error_at_us.store(now_us(), Ordering::Relaxed);
                    if let Ok(mut last) = self.stats.last_error.lock() {
                        *last = e.to_string();
                    }
                    if !open && attempts >= FINAL_ATTEMPTS {
                        let lost = batch.iter().filter(|o| matches!(o, Op::Event(_))).count();
                        tracing::error!("giving up on {lost} events at shutdown: the store cannot be written: {e}");
                        batch.clear();
                        return;
                    }
                    tracing::error!(
                        "store write failed (attempt {attempts}, {} ops held, retrying in {backoff:?}): {e}",
                        batch.len()
                    );
                    std::thread::sleep(backoff);
                    backoff = (backoff * 2).min(Duration::from_secs(5));
                }
            }
        }
    }

    fn commit(&mut self, batch: &[Op]) -> Result<Option<u64>, rusqlite::Error> {
        let tx = self.conn.transaction()?;
        let mut max_seq = None;
        let mut inserted = 0u64;
        let mut logs_inserted = 0u64;
        {
            let mut ins_event = tx.prepare_cached(row::INSERT_EVENT)?;
            let mut ins_service = tx.prepare_cached(
                "INSERT INTO services (name, state, updated_us) VALUES (?1, ?2, ?3)
                 ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_us = excluded.updated_us",
            )?;
            let mut ins_log = tx.prepare_cached(row::INSERT_LOG)?;
            let mut ins_offset = tx.prepare_cached(
                "INSERT INTO log_files (path, inode, offset, updated_us) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(path) DO UPDATE SET inode = excluded.inode, offset = excluded.offset,
                 updated_us = excluded.updated_us",
            )?;
            let mut ins_transition = tx.prepare_cached(
                "INSERT INTO transitions (service, at_us, from_status, to_status, cause) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for op in batch {
                match op {
                    Op::Event(ev) => {
                        row::insert_event(&mut ins_event, ev)?;
                        max_seq = Some(max_seq.map_or(ev.seq, |m: u64| m.max(ev.seq)));
                        inserted += 1;
                    }
                    Op::Log(rec, offset) => {
                        row::insert_log(&mut ins_log, rec)?;
                        if let Some(o) = offset {
                            ins_offset.execute(params![o.path, o.inode as i64, o.offset as i64, rec.received_us])?;
                        }
                        max_seq = Some(max_seq.map_or(rec.seq, |m: u64| m.max(rec.seq)));
                        logs_inserted += 1;
                    }
                    Op::Service(s) => {
                        let json = serde_json::to_string(s)
                            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
                        ins_service.execute(params![s.name, json, s.last_seen_us])?;
                    }
                    Op::ForgetService(name) => {
                        tx.execute("DELETE FROM services WHERE name = ?1", params![name])?;
                    }
                    Op::Transition(t) => {
                        ins_transition.execute(params![
                            t.service,
                            t.at_us,
                            t.from.map(|s| s.as_str()),
                            t.to.as_str(),
                            t.cause
                        ])?;
                    }
                    Op::Flush(_) | Op::Shutdown => {}
                }
            }
        }
        tx.commit()?;
        self.stats.event_rows.fetch_add(inserted, Ordering::Relaxed);
        self.stats.log_rows.fetch_add(logs_inserted, Ordering::Relaxed);
        Ok(max_seq)
    }

    fn retention(&mut self) {
        if let Err(e) = self.apply_retention() {
            tracing::warn!("retention pass failed (will retry): {e}");
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
