//! The control audit trail: written (and committed) before an action is
//! sent, updated with its result. Never removed by retention.

use std::path::PathBuf;

use rusqlite::{params, types::Value as SqlValue, Connection};
use serde_json::Value;

use crate::{
    auth::{Action, Caller},
    protocol::timestamp::now_us,
};

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

#[derive(Clone)]
pub struct Audit {
    path: PathBuf,
}

type Result<T> = std::result::Result<T, String>;

impl Audit {
    pub fn new(db: PathBuf) -> Self {
        Self { path: db }
    }

    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T> {
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let c = Connection::open(&path)?;
            c.busy_timeout(std::time::Duration::from_secs(10))?;
            f(&c)
        })
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("audit trail: {e}"))
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

    /// Records a refusal.
    pub async fn denied(&self, caller: &Caller, action: Action, target: &str, reason: &str) -> Result<u64> {
        let detail = format!(
            "role {} may not {} (needs {})",
            caller.role.as_str(),
            action.as_str(),
            action.required_role().as_str()
        );
        self.insert(caller, action, target, reason, "denied", &detail).await
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
                )
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
                args.push(SqlValue::Text(actor));
                sql.push_str(&format!(" AND actor = ?{}", args.len()));
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
