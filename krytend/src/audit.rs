//! The control audit trail: written (and committed) before an action is
//! sent, updated with its result. Never removed by retention. Refusals are
//! coalesced: one row per actor and action a minute, with a count, so a
//! caller cannot grow the table by being refused.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use serde_json::Value;
use thiserror::Error;

use crate::{
    auth::{Action, Caller},
    protocol::timestamp::{format_us, now_us},
    store::{
        audit::{AuditLog, NewAuditRow},
        StoreError,
    },
};

pub use crate::store::audit::AuditRecord;

#[derive(Debug, Error)]
pub enum AuditError {
    #[error("audit trail: {0}")]
    Store(#[from] StoreError),
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
    log: AuditLog,
    refusals: Arc<Mutex<HashMap<(String, &'static str), RefusalWindow>>>,
    /// Ids of rows written or updated here, for replicas to share them.
    changes: Arc<tokio::sync::broadcast::Sender<u64>>,
}

type Result<T> = std::result::Result<T, AuditError>;

impl Audit {
    pub fn new(log: AuditLog) -> Self {
        Self {
            log,
            refusals: Arc::default(),
            changes: Arc::new(tokio::sync::broadcast::channel(1024).0),
        }
    }

    /// Ids of this krytend's rows as they are written or updated.
    pub fn changes(&self) -> tokio::sync::broadcast::Receiver<u64> {
        self.changes.subscribe()
    }

    /// One of this krytend's rows.
    pub async fn get(&self, id: u64) -> Result<Option<AuditRecord>> {
        Ok(self.log.get(id).await?)
    }

    /// Another replica's row, as it shared it.
    pub async fn apply_shared(&self, rec: AuditRecord) -> Result<()> {
        Ok(self.log.upsert_shared(rec).await?)
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
            if let Err(e) = self.log.set_detail(id, detail).await {
                tracing::error!("cannot count refusals in audit row #{id}: {e}");
            }
            let _ = self.changes.send(id);
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
        let row = NewAuditRow {
            at_us: now_us(),
            actor: caller.name.clone(),
            role: caller.role.as_str().to_string(),
            action: action.as_str().to_string(),
            target: target.to_string(),
            reason: reason.to_string(),
            outcome: outcome.to_string(),
            detail: detail.to_string(),
        };
        let id = self.log.insert(row).await?;
        let _ = self.changes.send(id);
        Ok(id)
    }

    pub async fn finish(&self, id: u64, outcome: &str, detail: &str, duration_ms: f64) {
        let r = self
            .log
            .finish(id, outcome.to_string(), detail.to_string(), duration_ms)
            .await;
        if let Err(e) = r {
            tracing::error!("cannot record the result of audited action #{id}: {e}");
        }
        let _ = self.changes.send(id);
    }

    pub async fn list(&self, since_us: i64, target: String, actor: String, limit: u32) -> Result<Vec<AuditRecord>> {
        Ok(self.log.list(since_us, target, actor, limit).await?)
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
