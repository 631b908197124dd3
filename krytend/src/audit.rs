//! The control audit trail: written (and committed) before an action is
//! sent, updated with its result. Never removed by retention. Refusals are
//! coalesced: one row per actor and action a minute, with a count, so a
//! caller cannot grow the table by being refused.

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use rusqlite::{params, types::Value as SqlValue};
use serde_json::Value;
use thiserror::Error;

use crate::{
    auth::{Action, Caller},
    protocol::timestamp::{format_us, now_us},
    store::{pool::Pool, StoreError},
};

#[derive(Debug, Error)]
pub enum AuditError {
    #[error("audit trail: {0}")]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AuditError {
    fn from(e: rusqlite::Error) -> Self {
        AuditError::Store(StoreError::Query(e))
    }
}

#[derive(Debug, Clone, PartialEq)]
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
}

/// Refusals of one actor and action are counted in one row this long.
const REFUSAL_WINDOW: Duration = Duration::from_secs(60);
/// A coalesced row's count is written at most this often.
const REFUSAL_FLUSH: Duration = Duration::from_secs(1);
/// Windows kept in memory before old ones are dropped.
const REFUSAL_KEYS_MAX: usize = 4096;

struct RefusalWindow {
    id: u64,
    started: Instant,
    started_us: i64,
    detail: String,
    count: u64,
    flush_pending: bool,
}

#[derive(Clone)]
pub struct Audit {
    pool: Pool,
    refusals: Arc<Mutex<HashMap<(String, &'static str), RefusalWindow>>>,
}

type Result<T> = std::result::Result<T, AuditError>;

impl Audit {
    pub fn new(db: PathBuf) -> Self {
        Self {
            pool: Pool::new(db, 2),
            refusals: Arc::default(),
        }
    }

    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&rusqlite::Connection) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        self.pool.run(move |c| f(c)).await
    }

    /// Records an action about to be taken; returns its id.
    pub async fn begin(
        &self,
        caller: &Caller,
        action: Action,
        target: &str,
        reason: &str,
        detail: &str,
    ) -> Result<u64> {
        self.insert(caller, action, target, reason, "pending", detail).await
    }

    /// Records a refusal: the first of a minute as a row of its own, the
    /// rest of that minute as a count in it.
    pub async fn denied(&self, caller: &Caller, action: Action, target: &str, reason: &str) -> Result<u64> {
        let detail = format!(
            "role {} may not {} (needs {})",
            caller.role.as_str(),
            action.as_str(),
            action.required_role().as_str()
        );
        let key = (caller.name.clone(), action.as_str());
        let now = Instant::now();
        let flush = {
            let mut map = self.refusals.lock().unwrap_or_else(|p| p.into_inner());
            match map.get_mut(&key) {
                Some(w) if now.duration_since(w.started) < REFUSAL_WINDOW => {
                    w.count += 1;
                    let first = !w.flush_pending;
                    w.flush_pending = true;
                    Some((w.id, first))
                }
                _ => None,
            }
        };
        if let Some((id, first)) = flush {
            if first {
                let this = self.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(REFUSAL_FLUSH).await;
                    this.flush_refusals(key).await;
                });
            }
            return Ok(id);
        }
        let id = self.insert(caller, action, target, reason, "denied", &detail).await?;
        let mut map = self.refusals.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= REFUSAL_KEYS_MAX {
            map.retain(|_, w| now.duration_since(w.started) < REFUSAL_WINDOW || w.flush_pending);
        }
        if map.len() < REFUSAL_KEYS_MAX {
            map.insert(
                key,
                RefusalWindow {
                    id,
                    started: now,
                    started_us: now_us(),
                    detail,
                    count: 1,
                    flush_pending: false,
                },
            );
        }
        Ok(id)
    }

    /// Writes the count of a coalesced refusal row.
    async fn flush_refusals(&self, key: (String, &'static str)) {
        let update = {
            let mut map = self.refusals.lock().unwrap_or_else(|p| p.into_inner());
            map.get_mut(&key).map(|w| {
                w.flush_pending = false;
                (
                    w.id,
                    format!("{}; {} refusals since {}", w.detail, w.count, format_us(w.started_us)),
                )
            })
        };
        if let Some((id, detail)) = update {
            let r = self
                .with(move |c| {
                    c.execute("UPDATE audit SET detail = ?2 WHERE id = ?1", params![id as i64, detail])?;
                    Ok(())
                })
                .await;
            if let Err(e) = r {
                tracing::error!("cannot count refusals in audit row #{id}: {e}");
            }
        }
    }

    async fn insert(
        &self,
        caller: &Caller,
        action: Action,
        target: &str,
        reason: &str,
        outcome: &str,
        detail: &str,
    ) -> Result<u64> {
        let row = (
            now_us(),
            caller.name.clone(),
            caller.role.as_str().to_string(),
            action.as_str().to_string(),
            target.to_string(),
            reason.to_string(),
            outcome.to_string(),
            detail.to_string(),
        );
        self.with(move |c| {
            c.execute(
                "INSERT INTO audit (at_us, actor, role, action, target, reason, outcome, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7],
            )?;
            Ok(c.last_insert_rowid() as u64)
        })
        .await
    }

    pub async fn finish(&self, id: u64, outcome: &str, detail: &str, duration_ms: f64) {
        let (outcome, detail) = (outcome.to_string(), detail.to_string());
        let r = self
            .with(move |c| {
                c.execute(
                    "UPDATE audit SET outcome = ?2, detail = ?3, duration_ms = ?4 WHERE id = ?1",
                    params![id as i64, outcome, detail, duration_ms],
                )?;
                Ok(())
            })
            .await;
        if let Err(e) = r {
            tracing::error!("cannot record the result of audited action #{id}: {e}");
        }
    }

    pub async fn list(&self, since_us: i64, target: String, actor: String, limit: u32) -> Result<Vec<AuditRecord>> {
        self.with(move |c| {
            let mut sql = String::from(
                "SELECT id, at_us, actor, role, action, target, reason, outcome, detail, duration_ms FROM audit WHERE at_us >= ?1",
            );
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
            sql.push_str(&format!(" ORDER BY id DESC LIMIT {}", if limit == 0 { 100 } else { limit.min(10_000) }));
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
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
                })
            })?;
            let mut out: Vec<AuditRecord> = rows.collect::<rusqlite::Result<_>>()?;
            out.reverse();
            Ok(out)
        })
        .await
    }
}

/// Keys whose values are never shown or stored in the clear.
pub fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["password", "passwd", "secret", "token", "key", "credential", "auth"]
        .iter()
        .any(|s| k.contains(s))
}

/// A JSON value with secret-looking fields replaced, structure kept.
pub fn redact(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let v = if is_secret_key(k) && !v.is_null() {
                        Value::from("***REDACTED***")
                    } else {
                        redact(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(redact).collect()),
        Value::String(s) => Value::String(crate::bus::redact_url(s)),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::redact;

    #[test]
    fn secrets_are_redacted_and_structure_kept() {
        let v = json!({"nats": {"password": "hunter2", "servers": ["nats://u:p@h:4222"]}, "apiKey": "x", "n": 1, "token": null});
        assert_eq!(
            redact(&v),
            json!({"nats": {"password": "***REDACTED***", "servers": ["nats://u:***@h:4222"]}, "apiKey": "***REDACTED***", "n": 1, "token": null})
        );
    }
}
