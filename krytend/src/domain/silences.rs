//! Alert silences as operators manage them: created with matchers, a
//! duration, an author (the caller) and a comment; expired by id. Each is
//! authorized and audited, whichever API asked.

use rand::RngCore;
use thiserror::Error;

use crate::{
    alerts::silence::{Matcher, Silence, SilenceError},
    audit::{Audit, AuditError},
    auth::{Action, Caller},
    control::{Control, ControlError},
    protocol::timestamp::now_us,
    store::{alerts::AlertTable, StoreError},
};

/// The longest silence one request may set (a year); longer is a mistake.
pub const MAX_SECONDS: f64 = 366.0 * 86_400.0;
/// Matchers one silence may carry, and the bytes of its comment.
pub const MAX_MATCHERS: usize = 16;
pub const MAX_COMMENT_BYTES: usize = 1024;

#[derive(Debug, Error)]
pub enum SilenceAdminError {
    #[error(transparent)]
    Control(#[from] ControlError),
    #[error("invalid silence: {0}")]
    Invalid(String),
    #[error(transparent)]
    Matcher(#[from] SilenceError),
    #[error("no silence with id {0:?} in force")]
    NotFound(String),
    #[error(transparent)]
    Audit(#[from] AuditError),
    #[error("silences: {0}")]
    Store(#[from] StoreError),
}

pub struct Silences<'a> {
    pub control: &'a Control,
    pub audit: &'a Audit,
    pub table: &'a AlertTable,
}

impl Silences<'_> {
    pub async fn create(
        &self,
        who: &Caller,
        matchers: &[String],
        starts_ms: i64,
        seconds: f64,
        comment: &str,
    ) -> Result<(Silence, u64), SilenceAdminError> {
        let target = matchers.join(",");
        self.control.authorize(who, Action::Silence, &target, comment).await?;
        if matchers.is_empty() || matchers.len() > MAX_MATCHERS {
            return Err(SilenceAdminError::Invalid(format!("give 1 to {MAX_MATCHERS} matchers")));
        }
        if !(seconds > 0.0 && seconds <= MAX_SECONDS) {
            return Err(SilenceAdminError::Invalid(format!(
                "the duration must be more than 0 and at most {MAX_SECONDS} seconds"
            )));
        }
        if comment.len() > MAX_COMMENT_BYTES {
            return Err(SilenceAdminError::Invalid(format!(
                "the comment is longer than {MAX_COMMENT_BYTES} bytes"
            )));
        }
        let parsed = matchers
            .iter()
            .map(|m| Matcher::parse(m))
            .collect::<Result<Vec<_>, _>>()?;
        let now_ms = now_us() / 1000;
        // A start in the past is now; one in the future makes a one-off
        // maintenance window, at most a year ahead.
        let starts_ms = starts_ms.max(now_ms);
        if starts_ms - now_ms > (MAX_SECONDS * 1000.0) as i64 {
            return Err(SilenceAdminError::Invalid("a silence starts within a year".into()));
        }
        let mut id = [0u8; 6];
        rand::rng().fill_bytes(&mut id);
        let id = hex::encode(id);
        let silence = Silence::new(
            &id,
            parsed,
            starts_ms,
            starts_ms.saturating_add((seconds * 1000.0) as i64),
            &who.name,
            comment,
        )?;
        let audit_id = self
            .audit
            .begin(
                who,
                Action::Silence,
                &target,
                comment,
                &format!("silence {id} for {seconds:.0}s"),
            )
            .await?;
        match self.table.put_silence(silence.clone()).await {
            Ok(()) => {
                self.audit
                    .finish(audit_id, "ok", &format!("silence {id} created"), 0.0)
                    .await;
                Ok((silence, audit_id))
            }
            Err(e) => {
                self.audit.finish(audit_id, "failed", &e.to_string(), 0.0).await;
                Err(e.into())
            }
        }
    }

    pub async fn list(&self, who: &Caller) -> Result<Vec<Silence>, SilenceAdminError> {
        self.control.authorize(who, Action::Read, "", "").await?;
        Ok(self.table.silences(now_us() / 1000).await?)
    }

    /// Ends the silence `id` now.
    pub async fn expire(&self, who: &Caller, id: &str) -> Result<(Silence, u64), SilenceAdminError> {
        self.control.authorize(who, Action::Silence, id, "").await?;
        let current = self.table.silences(now_us() / 1000).await?;
        let Some(found) = current.into_iter().find(|s| s.id == id) else {
            return Err(SilenceAdminError::NotFound(id.to_string()));
        };
        let audit_id = self
            .audit
            .begin(who, Action::Silence, id, "", &format!("expire silence {id}"))
            .await?;
        match self
            .table
            .expire_silence(id.to_string(), crate::protocol::timestamp::now_us() / 1000)
            .await
        {
            Ok(_) => {
                self.audit.finish(audit_id, "ok", "expired", 0.0).await;
                Ok((found, audit_id))
            }
            Err(e) => {
                self.audit.finish(audit_id, "failed", &e.to_string(), 0.0).await;
                Err(e.into())
            }
        }
    }
}
