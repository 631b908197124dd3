//! The audit table: rows written (and committed) before an action is sent,
//! updated with its result. The rules (coalescing refusals) live with the
//! domain type, `Audit` (in the `audit` module).

use rusqlite::{params, types::Value as SqlValue};

use super::{pool::Pool, StoreError};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AuditRecord {
    pub id: u64,
    pub at_us: i64,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub target: String,
    pub reason: String,
    pub outcome: String,
    pub detail: String,
    pub duration_ms: f64,
    /// The replica that carried the action out; empty: this krytend.
    #[serde(default)]
    pub origin: String,
}

const COLUMNS: &str = "id, at_us, actor, role, action, target, reason, outcome, detail, duration_ms, origin";

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRecord> {
    Ok(AuditRecord {
        id: r.get::<_, i64>(0)? as u64,
        at_us: r.get(1)?,
        actor: r.get(2)?,
        role: r.get(3)?,
        action: r.get(4)?,
        target: r.get(5)?,
        reason: r.get(6)?,
        outcome: r.get(7)?,
        detail: r.get(8)?,
        duration_ms: r.get(9)?,
        origin: r.get(10)?,
    })
}

/// A row to insert (its id is given by the table).
#[derive(Debug, Clone)]
pub struct NewAuditRow {
    pub at_us: i64,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub target: String,
    pub reason: String,
    pub outcome: String,
    pub detail: String,
}

#[derive(Clone)]
pub struct AuditLog {
    pool: Pool,
}

type Result<T> = std::result::Result<T, StoreError>;

impl AuditLog {
    pub(super) fn new(pool: Pool) -> Self {
        Self { pool }
    }

    /// Inserts a row and returns its id once the insert is committed
    /// (autocommit: the statement is its own transaction).
    pub async fn insert(&self, row: NewAuditRow) -> Result<u64> {
        self.pool
            .run(move |c| {
                c.execute(
                    "INSERT INTO audit (at_us, actor, role, action, target, reason, outcome, detail)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        row.at_us,
                        row.actor,
                        row.role,
                        row.action,
                        row.target,
                        row.reason,
                        row.outcome,
                        row.detail
                    ],
                )?;
                Ok(c.last_insert_rowid() as u64)
            })
            .await
    }

    pub async fn set_detail(&self, id: u64, detail: String) -> Result<()> {
        self.pool
            .run(move |c| {
                c.execute("UPDATE audit SET detail = ?2 WHERE id = ?1", params![id as i64, detail])?;
                Ok(())
            })
            .await
    }

    pub async fn finish(&self, id: u64, outcome: String, detail: String, duration_ms: f64) -> Result<()> {
        self.pool
            .run(move |c| {
                c.execute(
                    "UPDATE audit SET outcome = ?2, detail = ?3, duration_ms = ?4 WHERE id = ?1",
                    params![id as i64, outcome, detail, duration_ms],
                )?;
                Ok(())
            })
            .await
    }

    /// One of this krytend's own rows.
    pub async fn get(&self, id: u64) -> Result<Option<AuditRecord>> {
        self.pool
            .run(move |c| {
                use rusqlite::OptionalExtension;
                Ok(c.query_row(
                    &format!("SELECT {COLUMNS} FROM audit WHERE id = ?1 AND origin = ''"),
                    [id as i64],
                    record,
                )
                .optional()?)
            })
            .await
    }

    /// Another replica's row (`rec.id` is its id there), inserted or, if
    /// known, updated with its result.
    pub async fn upsert_shared(&self, rec: AuditRecord) -> Result<()> {
        self.pool
            .run(move |c| {
                c.execute(
                    "INSERT INTO audit (at_us, actor, role, action, target, reason, outcome, detail, duration_ms, origin, origin_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                     ON CONFLICT (origin, origin_id) WHERE origin != '' DO UPDATE SET
                       outcome = excluded.outcome, detail = excluded.detail, duration_ms = excluded.duration_ms",
                    params![
                        rec.at_us,
                        rec.actor,
                        rec.role,
                        rec.action,
                        rec.target,
                        rec.reason,
                        rec.outcome,
                        rec.detail,
                        rec.duration_ms,
                        rec.origin,
                        rec.id as i64
                    ],
                )?;
                Ok(())
            })
            .await
    }

    /// The newest `limit` rows (100 when 0, at most 10,000) since `since_us`,
    /// oldest first; empty `target`/`actor` match all.
    pub async fn list(&self, since_us: i64, target: String, actor: String, limit: u32) -> Result<Vec<AuditRecord>> {
        self.pool
            .run(move |c| {
                let mut sql = format!("SELECT {COLUMNS} FROM audit WHERE at_us >= ?1");
                let mut args = vec![SqlValue::Integer(since_us)];
                if !target.is_empty() {
                    args.push(SqlValue::Text(target));
                    sql.push_str(&format!(" AND target = ?{}", args.len()));
                }
                if !actor.is_empty() {
                    // `local` also finds socket callers, named with their
                    // credentials: `local (uid=1000 pid=42)`.
                    args.push(SqlValue::Text(actor));
                    let n = args.len();
                    sql.push_str(&format!(
                        " AND (actor = ?{n} OR substr(actor, 1, length(?{n}) + 2) = ?{n} || ' (')"
                    ));
                }
                sql.push_str(&format!(
                    " ORDER BY id DESC LIMIT {}",
                    if limit == 0 { 100 } else { limit.min(10_000) }
                ));
                let mut stmt = c.prepare(&sql)?;
                let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), record)?;
                let mut out: Vec<AuditRecord> = rows.collect::<rusqlite::Result<_>>()?;
                out.reverse();
                Ok(out)
            })
            .await
    }
}
