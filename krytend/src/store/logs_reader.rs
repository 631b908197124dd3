//! Log queries: by (time, sequence) for history, by sequence for catch-up.

use rusqlite::{types::Value as SqlValue, Connection};

use super::{row, StoreError};
use crate::logs::{LogFilter, LogRecord};

/// Rows read in order before a full-text filter turns to its index.
const SCAN_FIRST: usize = 10_000;

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
    let sql = |extra: Option<String>, limit: Option<usize>| {
        let mut all = clauses.clone();
        all.extend(extra);
        format!(
            "SELECT {} FROM logs WHERE {} ORDER BY {order}{}",
            row::LOG_COLUMNS,
            all.join(" AND "),
            limit.map_or(String::new(), |l| format!(" LIMIT {l}"))
        )
    };
    let mut stmt = c.prepare(&sql(None, Some(chunk)))?;
    // The full-text index only narrows: every row is checked against the
    // expression anyway. A common word matches so many rows that building
    // the index's answer costs seconds on a big store, while the newest
    // rows in order find a page at once; so read up to SCAN_FIRST rows in
    // order first, and only then turn to the index for rarer words. The
    // index's query runs once, without a LIMIT, and is read until the page
    // is full: SQLite builds the whole match list and sorts it for every
    // run of it, so running it again per chunk cost that many times over
    // (a minute for a query whose words matched 220,000 of 10M lines but
    // whose expression matched none).
    let fts = f.fts_query();
    let fts_param = base
        + if matches!(paging, LogPaging::BySeq { .. }) {
            2
        } else {
            3
        };
    let mut fts_stmt = match &fts {
        Some(_) => Some(c.prepare(&sql(
            Some(format!(
                "seq IN (SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?{fts_param})"
            )),
            None,
        ))?),
        None => None,
    };
    let mut scanned = 0usize;
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
        let use_index = scanned >= SCAN_FIRST && fts_stmt.is_some();
        let mut rows = match (&mut fts_stmt, &fts) {
            (Some(st), Some(q)) if use_index => {
                params.push(SqlValue::Text(q.clone()));
                st.query(rusqlite::params_from_iter(params.iter()))?
            }
            _ => stmt.query(rusqlite::params_from_iter(params.iter()))?,
        };
        let mut read = 0usize;
        while let Some(r) = rows.next()? {
            read += 1;
            scanned += 1;
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
        // The index's query is read to its end in one pass.
        if more || read < chunk || use_index {
            break;
        }
    }
    if matches!(paging, LogPaging::Newest { .. }) {
        out.reverse();
    }
    Ok(LogPage { records: out, more })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::LogFilter;

    fn store(messages: impl Iterator<Item = String>) -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().expect("temp dir");
        let c = super::super::migrate::open_and_migrate(&dir.path().join("t.db")).expect("open");
        let tx = c.unchecked_transaction().expect("tx");
        {
            let mut st = tx.prepare(row::INSERT_LOG).expect("prepare");
            for (i, m) in messages.enumerate() {
                let seq = i as i64 + 1;
                st.execute(rusqlite::params![
                    seq,
                    seq,
                    seq,
                    false,
                    "svc",
                    6,
                    None::<String>,
                    m,
                    None::<String>,
                    None::<String>,
                    "nats"
                ])
                .expect("insert");
            }
        }
        super::super::row::index_logs(&tx, 1, i64::MAX as u64).expect("index");
        tx.commit().expect("commit");
        (dir, c)
    }

    fn grep(c: &Connection, words: &str, limit: usize) -> Vec<u64> {
        let f = LogFilter {
            grep: Some(regex::Regex::new(words).expect("regex")),
            ..Default::default()
        };
        query_logs(c, &f, LogPaging::Newest { upto: None }, limit)
            .expect("query")
            .records
            .iter()
            .map(|r| r.seq)
            .collect()
    }

    #[test]
    fn a_rare_word_far_back_is_found_through_the_index_after_the_first_scan() {
        // Three old matches, then far more than SCAN_FIRST rows without.
        let n = SCAN_FIRST as u64 * 3;
        let (_d, c) = store((1..=n).map(|i| {
            if [5, 6, 7].contains(&i) {
                format!("needle in row {i}")
            } else {
                format!("hay {i}")
            }
        }));
        assert_eq!(grep(&c, "needle", 100), vec![5, 6, 7]);
        assert_eq!(grep(&c, "needle", 2), vec![6, 7]);
    }

    #[test]
    fn the_index_is_read_in_one_pass_past_many_pages_of_candidates() {
        // Every row has both words, only row 3 in this order: after the
        // first scan the index hands over every row, and the one match lies
        // many pages (of 400) behind the cursor.
        let n = SCAN_FIRST as u64 * 3;
        let (_d, c) = store((1..=n).map(|i| {
            if i == 3 {
                "beta alpha".to_string()
            } else {
                format!("alpha beta {i}")
            }
        }));
        assert_eq!(grep(&c, "beta alpha", 100), vec![3]);
        assert!(grep(&c, "gamma alpha", 100).is_empty());
    }

    #[test]
    fn a_common_word_returns_the_newest_matches_in_order() {
        let (_d, c) = store((1..=5000u64).map(|i| format!("common word {}", if i % 3 == 0 { "odd" } else { "x" })));
        let got = grep(&c, "common odd", 10);
        assert!(got.is_empty(), "the phrase never occurs: {got:?}");
        let got = grep(&c, "word odd", 4);
        assert_eq!(got, vec![4989, 4992, 4995, 4998]);
    }
}
