//! Counting recorded events over a time range: per time bucket and type,
//! and the busiest subjects, for charts. One bounded scan, newest first:
//! a range with more rows than the budget is counted from its newest part
//! and says so.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection};

use super::{timeline, StoreError};

/// Rows one count reads at most (about a second on a cold store).
pub const STATS_SCAN_LIMIT: u64 = 500_000;
/// Distinct subjects counted; more are left out of the top list (and said).
pub const MAX_SUBJECTS: usize = 10_000;

#[derive(Debug, Clone, PartialEq)]
pub struct StatsQuery {
    pub since_us: i64,
    pub until_us: i64,
    pub step_us: i64,
    pub service: Option<String>,
    pub top: usize,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Bucket {
    pub start_us: i64,
    pub count: u64,
    pub by_type: BTreeMap<String, u64>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct EventStats {
    pub buckets: Vec<Bucket>,
    pub top_subjects: Vec<(String, u64)>,
    pub total: u64,
    /// The scan stopped at its budget (or at the subject cap).
    pub truncated: bool,
}

pub(super) fn event_stats(c: &Connection, q: &StatsQuery) -> Result<EventStats, StoreError> {
    let step = q.step_us.max(1);
    let n = ((q.until_us - q.since_us).max(0) + step - 1) / step;
    let mut out = EventStats {
        buckets: (0..n)
            .map(|i| Bucket {
                start_us: q.since_us + i * step,
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    // Time bounds as sequence bounds, so the scan walks the rowid B-tree.
    let Some(lower) = timeline::first_seq_at_or_after(c, q.since_us)? else {
        return Ok(out);
    };
    let upper = timeline::first_seq_at_or_after(c, q.until_us)?.map_or(i64::MAX, |s| s as i64);
    let mut st = c.prepare_cached(
        "SELECT received_us, kind, subject FROM events
         WHERE seq >= ?1 AND seq < ?2 AND (?3 IS NULL OR service = ?3)
         ORDER BY seq DESC LIMIT ?4",
    )?;
    let mut rows = st.query(params![lower as i64, upper, q.service, STATS_SCAN_LIMIT as i64])?;
    let mut subjects: HashMap<String, u64> = HashMap::new();
    let mut read = 0u64;
    while let Some(r) = rows.next()? {
        read += 1;
        let t: i64 = r.get(0)?;
        if t < q.since_us || t >= q.until_us {
            continue;
        }
        let kind: String = r.get(1)?;
        let subject: String = r.get(2)?;
        let b = &mut out.buckets[((t - q.since_us) / step) as usize];
        b.count += 1;
        *b.by_type.entry(kind).or_default() += 1;
        out.total += 1;
        if let Some(n) = subjects.get_mut(&subject) {
            *n += 1;
        } else if subjects.len() < MAX_SUBJECTS {
            subjects.insert(subject, 1);
        } else {
            out.truncated = true;
        }
    }
    if read >= STATS_SCAN_LIMIT {
        out.truncated = true;
    }
    let mut top: Vec<(String, u64)> = subjects.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    top.truncate(q.top);
    out.top_subjects = top;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE events (seq INTEGER PRIMARY KEY, received_us INTEGER NOT NULL, subject TEXT NOT NULL,
                                  kind TEXT NOT NULL, service TEXT)",
        )
        .unwrap();
        for (seq, t, subject, kind, service) in [
            (1, 1_000, "kryten.lifecycle.a.heartbeat", "heartbeat", "a"),
            (2, 1_500, "kryten.lifecycle.a.heartbeat", "heartbeat", "a"),
            (3, 2_100, "kryten.events.cytube.x.chatmsg", "channel_event", "robot"),
            (4, 2_900, "kryten.lifecycle.a.heartbeat", "heartbeat", "a"),
            (5, 4_000, "kryten.lifecycle.b.startup", "startup", "b"),
        ] {
            c.execute(
                "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5)",
                params![seq, t, subject, kind, service],
            )
            .unwrap();
        }
        c
    }

    #[test]
    fn counts_per_bucket_and_type_and_the_busiest_subjects() {
        let c = store();
        let q = StatsQuery {
            since_us: 1_000,
            until_us: 4_000,
            step_us: 1_000,
            service: None,
            top: 1,
        };
        let s = event_stats(&c, &q).unwrap();
        assert_eq!(s.total, 4, "the event at `until` is outside");
        assert_eq!(s.buckets.iter().map(|b| b.count).collect::<Vec<_>>(), [2, 2, 0]);
        assert_eq!(s.buckets[1].by_type["channel_event"], 1);
        assert_eq!(s.top_subjects, [("kryten.lifecycle.a.heartbeat".to_string(), 3)]);
        assert!(!s.truncated);
    }

    #[test]
    fn a_service_narrows_the_count() {
        let c = store();
        let q = StatsQuery {
            since_us: 0,
            until_us: 10_000,
            step_us: 5_000,
            service: Some("robot".into()),
            top: 10,
        };
        let s = event_stats(&c, &q).unwrap();
        assert_eq!(s.total, 1);
        assert_eq!(s.buckets.len(), 2);
    }
}
