//! Config revisions (and the key of their secret tags) in the store, on
//! the store's pool of side-table connections.

use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::{pool::Pool, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub service: String,
    pub rev: u64,
    pub at_us: i64,
    pub instance_started_us: i64,
    pub hash: String,
    /// Redacted and normalized.
    pub config: Value,
    pub changed_paths: Vec<String>,
    pub trigger: String,
}

#[derive(Clone)]
pub struct Revisions {
    pool: Pool,
}

type Result<T> = std::result::Result<T, StoreError>;

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Revision> {
    let config: String = r.get(5)?;
    let changed: String = r.get(6)?;
    Ok(Revision {
        service: r.get(0)?,
        rev: r.get::<_, i64>(1)? as u64,
        at_us: r.get(2)?,
        instance_started_us: r.get(3)?,
        hash: r.get(4)?,
        config: serde_json::from_str(&config).unwrap_or(Value::Null),
        changed_paths: serde_json::from_str(&changed).unwrap_or_default(),
        trigger: r.get(7)?,
    })
}

const COLUMNS: &str = "service, rev, at_us, instance_started_us, hash, config, changed_paths, trigger";

impl Revisions {
    pub(super) fn new(pool: Pool) -> Self {
        Self { pool }
    }

    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T> {
        self.pool.run(move |c| f(c).map_err(StoreError::Query)).await
    }

    /// The key of the secret tags: made once, kept in the database.
    pub async fn hmac_key(&self) -> Result<Vec<u8>> {
        self.with(|c| {
            let existing: Option<String> = c
                .query_row("SELECT value FROM meta WHERE key = 'config_hmac_key'", [], |r| r.get(0))
                .optional()?;
            if let Some(k) = existing.and_then(|h| hex::decode(h).ok()) {
                return Ok(k);
            }
            let mut k = [0u8; 32];
            rand::rng().fill_bytes(&mut k);
            c.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('config_hmac_key', ?1)",
                [hex::encode(k)],
            )?;
            let stored: String =
                c.query_row("SELECT value FROM meta WHERE key = 'config_hmac_key'", [], |r| r.get(0))?;
            Ok(hex::decode(stored).unwrap_or(k.to_vec()))
        })
        .await
    }

    pub async fn latest(&self, service: &str) -> Result<Option<Revision>> {
        let service = service.to_string();
        self.with(move |c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM config_revisions WHERE service = ?1 ORDER BY rev DESC LIMIT 1"),
                [service],
                from_row,
            )
            .optional()
        })
        .await
    }

    pub async fn get(&self, service: &str, rev: u64) -> Result<Option<Revision>> {
        let service = service.to_string();
        self.with(move |c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM config_revisions WHERE service = ?1 AND rev = ?2"),
                params![service, rev as i64],
                from_row,
            )
            .optional()
        })
        .await
    }

    pub async fn list(&self, service: &str) -> Result<Vec<Revision>> {
        let service = service.to_string();
        self.with(move |c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {COLUMNS} FROM config_revisions WHERE service = ?1 ORDER BY rev"
            ))?;
            let rows = stmt.query_map([service], from_row)?;
            rows.collect()
        })
        .await
    }

    /// Stores a new revision numbered after the latest.
    pub async fn insert(&self, mut r: Revision) -> Result<Revision> {
        self.with(move |c| {
            let last: i64 = c.query_row(
                "SELECT COALESCE(MAX(rev), 0) FROM config_revisions WHERE service = ?1",
                [&r.service],
                |row| row.get(0),
            )?;
            r.rev = last as u64 + 1;
            c.execute(
                "INSERT INTO config_revisions (service, rev, at_us, instance_started_us, hash, config, changed_paths, trigger)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    r.service,
                    r.rev as i64,
                    r.at_us,
                    r.instance_started_us,
                    r.hash,
                    r.config.to_string(),
                    serde_json::to_string(&r.changed_paths).unwrap_or_else(|_| "[]".into()),
                    r.trigger
                ],
            )?;
            Ok(r)
        })
        .await
    }

    /// Whether a `system.reload` was sent to `service` in (from, to].
    pub async fn reloaded_between(&self, service: &str, from_us: i64, to_us: i64) -> Result<bool> {
        let service = service.to_string();
        self.with(move |c| {
            c.query_row(
                "SELECT EXISTS (SELECT 1 FROM events WHERE kind = 'command' AND service = ?1
                   AND event_type = 'system.reload' AND received_us > ?2 AND received_us <= ?3)",
                params![service, from_us, to_us],
                |r| r.get(0),
            )
        })
        .await
    }
}
