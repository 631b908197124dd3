//! Log queries: by (time, sequence) for history, by sequence for catch-up.

use rusqlite::{types::Value as SqlValue, Connection};

use super::{row, StoreError};
use crate::logs::{LogFilter, LogRecord};

#[derive(Debug, Clone, Copy)]
pub enum LogPaging {
    /// Oldest first by (time, seq), after `after` (exclusive), seq ≤ `upto`.
    ByTime {
        after: Option<(i64, u64)>,
        upto: Option<u64>,
    },
    /// The newest by (time, seq) with seq ≤ `upto`, returned oldest first.
    Newest { upto: Option<u64> },
    /// By arrival: seq in (after, upto].
    BySeq { after: u64, upto: u64 },
}

#[derive(Debug, Default)]
pub struct LogPage {
    pub records: Vec<LogRecord>,
    pub more: bool,
}

pub(super) fn query_logs(
    c: &Connection,
    f: &LogFilter,
    paging: LogPaging,
    limit: usize,
) -> Result<LogPage, StoreError> {
    let limit = limit.max(1);
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    let push = |v: SqlValue, args: &mut Vec<SqlValue>| {
        args.push(v);
        format!("?{}", args.len())
    };
    if !f.services.is_empty() {
        let ps: Vec<String> = f
            .services
            .iter()
            .map(|s| push(SqlValue::Text(s.clone()), &mut args))
            .collect();
        clauses.push(format!("service IN ({})", ps.join(",")));
    }
    if let Some(max) = f.max_severity {
        let p = push(SqlValue::Integer(i64::from(max)), &mut args);
        clauses.push(format!("severity <= {p}"));
    }
    if let Some(t) = f.since_us {
        let p = push(SqlValue::Integer(t), &mut args);
        clauses.push(format!("time_us >= {p}"));
    }
    if let Some(t) = f.until_us {
        let p = push(SqlValue::Integer(t), &mut args);
        clauses.push(format!("time_us < {p}"));
    }
    if let Some(q) = f.fts_query() {
        let p = push(SqlValue::Text(q), &mut args);
        clauses.push(format!("seq IN (SELECT rowid FROM logs_fts WHERE logs_fts MATCH {p})"));
    }
    let upto = match paging {
        LogPaging::ByTime { upto, .. } | LogPaging::Newest { upto } => upto,
        LogPaging::BySeq { upto, .. } => Some(upto),
    };
    if let Some(u) = upto {
        let p = push(SqlValue::Integer(u as i64), &mut args);
        clauses.push(format!("seq <= {p}"));
    }
    let base = args.len();
    let (cursor_clause, order) = match paging {
        LogPaging::ByTime { .. } => (
            format!("(time_us, seq) > (?{}, ?{})", base + 1, base + 2),
            "time_us ASC, seq ASC",
        ),
        LogPaging::Newest { .. } => (
            format!("(time_us, seq) < (?{}, ?{})", base + 1, base + 2),
            "time_us DESC, seq DESC",
        ),
        LogPaging::BySeq { .. } => (format!("seq > ?{}", base + 1), "seq ASC"),
    };
    clauses.push(cursor_clause);
    let row_check = f.grep.is_some() || f.exclude.is_some();
    let chunk = if row_check {
        (limit * 4).clamp(256, 4096)
    } else {
        limit + 1
    };
    let sql = format!(
        "SELECT {} FROM logs WHERE {} ORDER BY {order} LIMIT {chunk}",
        row::LOG_COLUMNS,
        clauses.join(" AND ")
    );
    let mut stmt = c.prepare(&sql)?;
    let (mut ts, mut seq): (i64, u64) = match paging {
        LogPaging::ByTime { after, .. } => after.unwrap_or((i64::MIN, 0)),
        LogPaging::Newest { .. } => (i64::MAX, u64::MAX),
        LogPaging::BySeq { after, .. } => (0, after),
    };
    let mut out = Vec::new();
    let mut more = false;
    loop {
        let mut params = args.clone();
        match paging {
            LogPaging::BySeq { .. } => params.push(SqlValue::Integer(seq.min(i64::MAX as u64) as i64)),
            _ => {
                params.push(SqlValue::Integer(ts));
                params.push(SqlValue::Integer(seq.min(i64::MAX as u64) as i64));
            }
        }
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut read = 0usize;
        while let Some(r) = rows.next()? {
            read += 1;
            let rec = row::log_from_row(r)?;
            ts = rec.time_us;
            seq = rec.seq;
            if row_check && !f.matches(&rec) {
                continue;
            }
            if out.len() == limit {
                more = true;
                break;
            }
            out.push(rec);
        }
        if more || read < chunk {
            break;
        }
    }
    if matches!(paging, LogPaging::Newest { .. }) {
        out.reverse();
    }
    Ok(LogPage { records: out, more })
}
