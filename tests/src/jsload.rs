//! The JetStream tests' load: events on one subject whose payload counts
//! them (`{"i": n}`), and what a krytend store holds of them.

use std::{collections::BTreeMap, path::Path, time::Duration};

pub const SUBJECT: &str = "kryten.test.load";

/// The counters of the load events stored, counted (`i` → times stored).
pub fn stored_counters(db: &Path) -> BTreeMap<u64, u32> {
    let mut out = BTreeMap::new();
    let Ok(c) = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return out;
    };
    let _ = c.busy_timeout(Duration::from_secs(5));
    let Ok(mut q) = c.prepare("SELECT payload FROM events WHERE subject = ?1") else {
        return out;
    };
    let rows = q
        .query_map([SUBJECT], |r| r.get::<_, Vec<u8>>(0))
        .expect("query")
        .map(|r| r.expect("row"));
    for p in rows {
        let v: serde_json::Value = serde_json::from_slice(&p).expect("json payload");
        *out.entry(v["i"].as_u64().expect("i")).or_default() += 1;
    }
    out
}

/// (rows, lowest seq, highest seq) of the events table.
pub fn seq_span(db: &Path) -> (u64, u64, u64) {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db");
    let _ = c.busy_timeout(Duration::from_secs(5));
    c.query_row(
        "SELECT COUNT(*), COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM events",
        [],
        |r| {
            Ok((
                r.get::<_, i64>(0)? as u64,
                r.get::<_, i64>(1)? as u64,
                r.get::<_, i64>(2)? as u64,
            ))
        },
    )
    .expect("span")
}
