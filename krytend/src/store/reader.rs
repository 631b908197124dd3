//! Read-only queries on their own connections, run off the async threads.

use std::{
    path::PathBuf,
    sync::{Arc, Mutex},
};

use rusqlite::{types::Value as SqlValue, Connection, OpenFlags};

use super::{
    gate::{Gate, CALLER_SLOTS, QUERY_SLOTS},
    logs_reader::{query_logs, LogPage, LogPaging},
    row, timeline, StoreError,
};
use crate::{
    event::{Event, EventFilter},
    protocol::Kind,
    registry::{ServiceState, Status, Transition},
};

const POOL_MAX: usize = 8;
/// Rows an interactive query reads before it stops and says so: about a
/// second of reading on a store whose pages are not cached.
pub const SCAN_LIMIT: usize = 200_000;
/// Sequence numbers one windowed read covers.
const SCAN_WINDOW: u64 = 20_000;
/// Rows one request returns at most, whatever it asked for: bigger
/// histories are read a page at a time (`more` says so).
pub const MAX_ROWS: usize = 10_000;

/// A page of events, oldest first.
#[derive(Debug, Default)]
pub struct EventPage {
    pub events: Vec<Event>,
    /// More matching events lie beyond this page in the direction read.
    pub more: bool,
    /// Set when an interactive query stopped at its scan limit: the
    /// sequence number it had read to (exclusive); nothing past it in the
    /// direction read was searched.
    pub stopped_at: Option<u64>,
}

/// Where a page starts and which way it reads.
#[derive(Debug, Clone, Copy)]
pub enum Paging {
    /// Oldest first, sequences above `after`, up to and including `upto`.
    Forward { after: u64, upto: Option<u64> },
    /// The newest below `before` (0 = no bound), returned oldest first.
    Newest { before: u64 },
}

#[derive(Clone)]
pub struct Reader {
    path: PathBuf,
    pool: Arc<Mutex<Vec<Connection>>>,
    /// Queries at once, in all and per caller (see [`super::gate`]).
    gate: Arc<Gate>,
}

impl Reader {
    pub(super) fn new(path: PathBuf) -> Self {
        Self {
            path,
            pool: Arc::new(Mutex::new(Vec::new())),
            gate: Arc::new(Gate::new(QUERY_SLOTS, CALLER_SLOTS)),
        }
    }

    /// Runs `f` with a pooled connection on the blocking thread pool.
    async fn with_conn<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let this = self.clone();
        let permits = self.gate.enter().await;
        tokio::task::spawn_blocking(move || {
            // Held until the query is done, even if its caller left.
            let _permits = permits;
            let pooled = this.pool.lock().ok().and_then(|mut p| p.pop());
            let conn = match pooled {
                Some(c) => c,
                None => {
                    let c = Connection::open_with_flags(
                        &this.path,
                        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )
                    .map_err(|source| StoreError::Open {
                        path: this.path.clone(),
                        source,
                    })?;
                    c.busy_timeout(std::time::Duration::from_secs(5))?;
                    c
                }
            };
            let out = f(&conn);
            if let Ok(mut p) = this.pool.lock() {
                if p.len() < POOL_MAX {
                    p.push(conn);
                }
            }
            out
        })
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
    }

    pub async fn load_services(&self) -> Result<Vec<ServiceState>, StoreError> {
        self.with_conn(|c| {
            let mut stmt = c.prepare("SELECT name, state FROM services ORDER BY name")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (name, json) = row?;
                match serde_json::from_str::<ServiceState>(&json) {
                    Ok(s) => out.push(s),
                    // An unreadable row must not stop the daemon: the
                    // service re-announces itself after the discovery poll.
                    Err(e) => tracing::warn!("ignoring stored state of {name}: {e}"),
                }
            }
            Ok(out)
        })
        .await
    }

    /// The newest `limit` transitions of a service, oldest first.
    pub async fn timeline(&self, service: String, limit: u32) -> Result<Vec<Transition>, StoreError> {
        self.with_conn(move |c| {
            let mut stmt = c.prepare(
                "SELECT at_us, from_status, to_status, cause FROM transitions
                 WHERE service = ?1 ORDER BY at_us DESC, id DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(rusqlite::params![service, limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (at_us, from, to, cause) = row?;
                let to = Status::parse(&to).ok_or_else(|| StoreError::Corrupt(format!("unknown status {to:?}")))?;
                out.push(Transition {
                    service: service.clone(),
                    at_us,
                    from: from.as_deref().and_then(Status::parse),
                    to,
                    cause,
                });
            }
            out.reverse();
            Ok(out)
        })
        .await
    }

    /// Log records matching `filter`, a page at a time.
    pub async fn logs(
        &self,
        filter: crate::logs::LogFilter,
        paging: LogPaging,
        limit: usize,
    ) -> Result<LogPage, StoreError> {
        let limit = limit.min(MAX_ROWS);
        self.with_conn(move |c| query_logs(c, &filter, paging, limit)).await
    }

    /// Whether any log record names `service`.
    pub async fn has_logs_for(&self, service: String) -> Result<bool, StoreError> {
        self.with_conn(move |c| {
            Ok(c.query_row(
                "SELECT EXISTS (SELECT 1 FROM logs WHERE service = ?1)",
                [service],
                |r| r.get(0),
            )?)
        })
        .await
    }

    /// Committed read positions of tailed files: path → (inode, offset).
    pub async fn file_offsets(&self) -> Result<std::collections::HashMap<String, (u64, u64)>, StoreError> {
        self.with_conn(|c| {
            let mut stmt = c.prepare("SELECT path, inode, offset FROM log_files")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    (r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64),
                ))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    /// Events matching `filter`, a page at a time, however far the page
    /// has to search (tails catching up must see everything).
    pub async fn events(&self, filter: EventFilter, paging: Paging, limit: usize) -> Result<EventPage, StoreError> {
        let limit = limit.min(MAX_ROWS);
        self.with_conn(move |c| query_events(c, &filter, paging, limit, None))
            .await
    }

    /// Events counted per bucket and type, and the busiest subjects.
    pub async fn event_stats(&self, q: super::stats::StatsQuery) -> Result<super::stats::EventStats, StoreError> {
        self.with_conn(move |c| super::stats::event_stats(c, &q)).await
    }

    /// Like [`Reader::events`], for someone waiting on an answer: a filter
    /// the SQL cannot narrow (a subject wildcard, a grep) stops after
    /// [`SCAN_LIMIT`] rows and says where, rather than reading the whole store.
    pub async fn events_interactive(
        &self,
        filter: EventFilter,
        paging: Paging,
        limit: usize,
    ) -> Result<EventPage, StoreError> {
        let limit = limit.min(MAX_ROWS);
        self.with_conn(move |c| query_events(c, &filter, paging, limit, Some(SCAN_LIMIT)))
            .await
    }
}

fn query_events(
    c: &Connection,
    filter: &EventFilter,
    paging: Paging,
    limit: usize,
    scan_limit: Option<usize>,
) -> Result<EventPage, StoreError> {
    let limit = limit.max(1);
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    let arg = |v: SqlValue, args: &mut Vec<SqlValue>| {
        args.push(v);
        format!("?{}", args.len())
    };
    // Time bounds become seq bounds (see `timeline`), merged below with the
    // paging cursor into one lower and one upper bound: given two bounds on
    // the same side, SQLite ranges over one and filters by the other, which
    // can scan the table. The time clauses stay, so no row outside the
    // window is returned even from data stamped before that order was kept
    // (where such rows near a bound may be missed).
    // Exclusive seq bounds: lower < seq < upper.
    let mut lower = 0u64;
    let mut upper = u64::MAX;
    if let Some(t) = filter.since_us {
        let Some(first) = timeline::first_seq_at_or_after(c, t)? else {
            return Ok(EventPage::default());
        };
        lower = first.saturating_sub(1);
        let p = arg(SqlValue::Integer(t), &mut args);
        clauses.push(format!("received_us >= {p}"));
    }
    if let Some(t) = filter.until_us {
        if let Some(end) = timeline::first_seq_at_or_after(c, t)? {
            upper = end;
        }
        let p = arg(SqlValue::Integer(t), &mut args);
        clauses.push(format!("received_us < {p}"));
    }
    if !filter.services.is_empty() {
        let ps: Vec<String> = filter
            .services
            .iter()
            .map(|s| arg(SqlValue::Text(s.clone()), &mut args))
            .collect();
        clauses.push(format!("service IN ({})", ps.join(",")));
    }
    if !filter.kinds.is_empty() {
        let ps: Vec<String> = filter
            .kinds
            .iter()
            .map(|k| arg(SqlValue::Text(k.as_str().into()), &mut args))
            .collect();
        clauses.push(format!("kind IN ({})", ps.join(",")));
        // Implied by the list; stated so the partial kind index applies.
        if !filter.kinds.contains(&Kind::ChannelEvent) {
            clauses.push("kind != 'channel_event'".into());
        }
    }
    if !filter.subjects.is_empty() {
        let ps: Vec<String> = filter
            .subjects
            .iter()
            .map(|p| format!("subject GLOB {}", arg(SqlValue::Text(p.to_glob()), &mut args)))
            .collect();
        clauses.push(format!("({})", ps.join(" OR ")));
    }
    let forward = matches!(paging, Paging::Forward { .. });
    let mut cursor = match paging {
        Paging::Forward { after, upto } => {
            if let Some(upto) = upto {
                upper = upper.min(upto.saturating_add(1));
            }
            after
        }
        Paging::Newest { before } => {
            if before == 0 {
                u64::MAX
            } else {
                before
            }
        }
    };
    let lower_idx = args.len() + 1;
    let range_clause = format!("seq > ?{lower_idx} AND seq < ?{}", lower_idx + 1);
    let where_extra = if clauses.is_empty() {
        String::new()
    } else {
        format!(" AND {}", clauses.join(" AND "))
    };
    let order = if forward { "ASC" } else { "DESC" };
    // Rows the SQL cannot rule out (subject wildcards, grep) are checked
    // here, so read in chunks until the page is full.
    let chunk = if filter.needs_row_check() {
        (limit * 4).clamp(256, 4096)
    } else {
        limit + 1
    };
    let sql = format!(
        "SELECT {} FROM events WHERE {range_clause}{where_extra} ORDER BY seq {order} LIMIT {chunk}",
        row::EVENT_COLUMNS
    );
    let mut stmt = c.prepare(&sql)?;
    let mut out: Vec<Event> = Vec::new();
    let mut more = false;
    let mut scanned = 0u64;
    let mut stopped_at = None;
    // With nothing indexed to narrow it (no service, only channel events),
    // a filter is evaluated row by row inside SQLite, which would read the
    // whole store for a subject that matches nothing before answering. So
    // an interactive query reads it in windows of seq and counts the span.
    let narrowed =
        !filter.services.is_empty() || (!filter.kinds.is_empty() && !filter.kinds.contains(&Kind::ChannelEvent));
    let window = match scan_limit {
        Some(_) if !narrowed && (filter.needs_row_check() || !filter.subjects.is_empty()) => {
            let (min, max): (Option<i64>, Option<i64>) = c.query_row(
                "SELECT (SELECT MIN(seq) FROM events), (SELECT MAX(seq) FROM events)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            lower = lower.max(min.unwrap_or(0).max(1) as u64 - 1);
            upper = upper.min(max.unwrap_or(0).max(0) as u64 + 1);
            Some(SCAN_WINDOW)
        }
        _ => None,
    };
    loop {
        if scan_limit.is_some_and(|l| scanned >= l as u64) {
            stopped_at = Some(cursor);
            more = true;
            break;
        }
        let (lo, hi) = if forward {
            (cursor.max(lower), upper)
        } else {
            (lower, cursor.min(upper))
        };
        if lo.saturating_add(1) >= hi {
            break;
        }
        let (lo_q, hi_q) = match window {
            Some(w) if forward => (lo, hi.min(lo.saturating_add(w))),
            Some(w) => (lo.max(hi.saturating_sub(w)), hi),
            None => (lo, hi),
        };
        let mut params = args.clone();
        params.push(SqlValue::Integer(lo_q.min(i64::MAX as u64) as i64));
        params.push(SqlValue::Integer(hi_q.min(i64::MAX as u64) as i64));
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut read = 0usize;
        let from = cursor;
        while let Some(r) = rows.next()? {
            read += 1;
            let ev = row::event_from_row(r)?;
            cursor = ev.seq;
            if filter.needs_row_check() && !filter.matches(&ev) {
                continue;
            }
            if out.len() == limit {
                more = true;
                break;
            }
            out.push(ev);
        }
        if more {
            break;
        }
        if read < chunk {
            if (lo_q, hi_q) == (lo, hi) {
                break;
            }
            // This window is done; the next starts where it ended.
            cursor = if forward { hi_q - 1 } else { lo_q + 1 };
        }
        scanned += match window {
            Some(_) => cursor.abs_diff(from.clamp(lower, upper)),
            None => read as u64,
        };
    }
    if !forward {
        out.reverse();
    }
    Ok(EventPage {
        events: out,
        more,
        stopped_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::subject::SubjectPattern;

    /// 50,000 channel events on `kryten.a.x`, but for two on `kryten.b.y`.
    fn store() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().expect("temp dir");
        let c = super::super::migrate::open_and_migrate(&dir.path().join("t.db")).expect("open");
        c.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
             INSERT INTO events (seq, received_us, subject, kind, payload)
             SELECT i, i, CASE WHEN i IN (7, 49990) THEN 'kryten.b.y' ELSE 'kryten.a.x' END, 'channel_event', x'7b7d'
             FROM n;",
        )
        .expect("fill");
        (dir, c)
    }

    fn rare() -> EventFilter {
        EventFilter {
            subjects: vec![SubjectPattern::parse("kryten.b.*").expect("pattern")],
            ..Default::default()
        }
    }

    fn seqs(p: &EventPage) -> Vec<u64> {
        p.events.iter().map(|e| e.seq).collect()
    }

    #[test]
    fn an_unindexed_filter_stops_at_its_scan_limit_and_says_where() {
        let (_d, c) = store();
        let p = query_events(&c, &rare(), Paging::Newest { before: 0 }, 10, Some(25_000)).expect("query");
        assert_eq!(seqs(&p), vec![49_990]);
        let stop = p.stopped_at.expect("stopped at the limit");
        assert!(p.more);
        assert!(
            (10_000..=30_000).contains(&stop),
            "stopped at {stop}: whole windows past the limit"
        );
        // Continuing from there finds the rest, and the end of the store.
        let p = query_events(&c, &rare(), Paging::Newest { before: stop }, 10, Some(25_000)).expect("query");
        assert_eq!(seqs(&p), vec![7]);
        assert_eq!(p.stopped_at, None);
        assert!(!p.more);
    }

    #[test]
    fn paging_forward_stops_and_continues_the_same_way() {
        let (_d, c) = store();
        let fwd = |after| Paging::Forward { after, upto: None };
        let p = query_events(&c, &rare(), fwd(0), 10, Some(25_000)).expect("query");
        assert_eq!(seqs(&p), vec![7]);
        let stop = p.stopped_at.expect("stopped at the limit");
        let p = query_events(&c, &rare(), fwd(stop), 10, Some(25_000)).expect("query");
        assert_eq!(seqs(&p), vec![49_990]);
        assert_eq!(p.stopped_at, None);
    }

    #[test]
    fn without_a_limit_the_whole_store_is_searched() {
        let (_d, c) = store();
        let p = query_events(&c, &rare(), Paging::Newest { before: 0 }, 10, None).expect("query");
        assert_eq!(seqs(&p), vec![7, 49_990]);
        assert_eq!(p.stopped_at, None);
        // Within the limit: no stop.
        let p = query_events(&c, &rare(), Paging::Newest { before: 0 }, 10, Some(60_000)).expect("query");
        assert_eq!(seqs(&p), vec![7, 49_990]);
        assert_eq!(p.stopped_at, None);
    }

    #[test]
    fn a_time_window_in_the_middle_returns_exactly_its_events() {
        let (_d, c) = store();
        let f = EventFilter {
            since_us: Some(1000),
            until_us: Some(1010),
            ..Default::default()
        };
        let p = query_events(&c, &f, Paging::Newest { before: 0 }, 100, Some(SCAN_LIMIT)).expect("query");
        assert_eq!(seqs(&p), (1000..1010).collect::<Vec<u64>>());
        let p = query_events(
            &c,
            &f,
            Paging::Forward {
                after: 1003,
                upto: Some(1005),
            },
            100,
            None,
        )
        .expect("query");
        assert_eq!(seqs(&p), vec![1004, 1005]);
    }
}
