//! Numbered SQL migrations, tracked with `PRAGMA user_version`.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("migrations/0001_init.sql")),
    (2, include_str!("migrations/0002_logs.sql")),
    (3, include_str!("migrations/0003_auth_audit.sql")),
    (4, include_str!("migrations/0004_configs.sql")),
    (5, include_str!("migrations/0005_events_time_by_seq.sql")),
    (6, include_str!("migrations/0006_kind_index_without_channel_events.sql")),
    (7, include_str!("migrations/0007_seq_reserve.sql")),
    (8, include_str!("migrations/0008_alerts.sql")),
    (9, include_str!("migrations/0009_alert_history.sql")),
    (10, include_str!("migrations/0010_shared_audit.sql")),
    (11, include_str!("migrations/0011_logs_fts_batched.sql")),
];

pub(super) fn open_and_migrate(path: &Path) -> Result<Connection, StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let mut conn = Connection::open(path).map_err(open_err)?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(open_err)?;
    // WAL lets readers run beside the writer; NORMAL sync is durable across
    // a process crash, which is what a daemon needs.
    conn.pragma_update(None, "journal_mode", "WAL").map_err(open_err)?;
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
    conn.pragma_update(None, "temp_store", "MEMORY").map_err(open_err)?;
    let current: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(open_err)?;
    let known = MIGRATIONS.last().map_or(0, |m| m.0);
    if current > known {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            known,
        });
    }
    for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        let mig_err = |source| StoreError::Migrate {
            path: path.to_path_buf(),
            version: *version,
            source,
        };
        let tx = conn.transaction().map_err(mig_err)?;
        tx.execute_batch(sql).map_err(mig_err)?;
        tx.pragma_update(None, "user_version", version).map_err(mig_err)?;
        tx.commit().map_err(mig_err)?;
    }
    Ok(conn)
}
