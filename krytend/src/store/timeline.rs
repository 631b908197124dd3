//! Time → sequence number, without a time index on events.
//!
//! The sequencer stamps `received_us` so that it never decreases with
//! `seq`, which makes the events table its own time index: a binary search
//! over rowids finds where a time begins. That saves maintaining a
//! B-tree on every insert, the most frequent thing the store does.

use rusqlite::{params, Connection, OptionalExtension};

/// The first event sequence number received at or after `t_us`, or `None`
/// when every stored event is older.
pub(super) fn first_seq_at_or_after(c: &Connection, t_us: i64) -> rusqlite::Result<Option<u64>> {
    // Two subqueries: SQLite answers a lone MIN or MAX from the rowid
    // B-tree, but scans the whole table for both in one SELECT.
    let bounds: Option<(i64, i64)> = c.query_row(
        "SELECT (SELECT MIN(seq) FROM events), (SELECT MAX(seq) FROM events)",
        [],
        |r| Ok(r.get::<_, Option<i64>>(0)?.zip(r.get::<_, Option<i64>>(1)?)),
    )?;
    let Some((mut lo, max)) = bounds else {
        return Ok(None);
    };
    let mut probe = c.prepare_cached("SELECT seq, received_us FROM events WHERE seq >= ?1 ORDER BY seq LIMIT 1")?;
    // Invariant: every event before `lo` is older than `t_us`; the answer,
    // if any, lies in [lo, hi].
    let mut hi = max;
    let mut found = None;
    while lo <= hi {
        let mid = lo + (hi - lo) / 2;
        let row: Option<(i64, i64)> = probe
            .query_row(params![mid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match row {
            Some((seq, at)) if at >= t_us => {
                found = Some(seq);
                hi = mid - 1;
            }
            Some((seq, _)) => lo = seq + 1,
            None => break,
        }
    }
    Ok(found.map(|s| s as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(times: &[(i64, i64)]) -> Connection {
        let c = Connection::open_in_memory().expect("memory db");
        c.execute_batch("CREATE TABLE events (seq INTEGER PRIMARY KEY, received_us INTEGER NOT NULL)")
            .expect("schema");
        for (seq, t) in times {
            c.execute("INSERT INTO events VALUES (?1, ?2)", params![seq, t])
                .expect("insert");
        }
        c
    }

    #[test]
    fn finds_the_first_event_at_or_after_a_time_across_gaps_and_ties() {
        // Gaps in seq (log records share the numbering) and equal times.
        let c = store(&[(3, 100), (4, 100), (9, 150), (10, 200), (11, 200), (20, 300)]);
        let at = |t| first_seq_at_or_after(&c, t).expect("query");
        assert_eq!(at(0), Some(3));
        assert_eq!(at(100), Some(3));
        assert_eq!(at(101), Some(9));
        assert_eq!(at(200), Some(10));
        assert_eq!(at(201), Some(20));
        assert_eq!(at(300), Some(20));
        assert_eq!(at(301), None);
    }

    #[test]
    fn an_empty_table_has_no_bound() {
        let c = store(&[]);
        assert_eq!(first_seq_at_or_after(&c, 5).expect("query"), None);
    }

    #[test]
    fn agrees_with_a_scan_on_every_time() {
        let mut rows = Vec::new();
        let mut t = 0;
        for seq in 1..400i64 {
            t += seq % 3; // repeats and steps
            if seq % 7 != 0 {
                rows.push((seq, t));
            }
        }
        let c = store(&rows);
        for probe in -1..=t + 1 {
            let scan = rows.iter().find(|(_, at)| *at >= probe).map(|(s, _)| *s as u64);
            assert_eq!(first_seq_at_or_after(&c, probe).expect("query"), scan, "time {probe}");
        }
    }
}
