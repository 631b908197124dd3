//! Tokens as an admin manages them: create, list and revoke, each
//! authorized through control and written to the audit trail, whichever
//! API asked.

use thiserror::Error;

use crate::{
    audit::{Audit, AuditError},
    auth::{Action, Caller, Role, TokenError, TokenInfo, Tokens},
    control::{Control, ControlError},
    protocol::timestamp::now_us,
};

/// The longest lifetime a token can be given (about ten years): beyond it
/// the expiry arithmetic would overflow, and no one means it.
pub const MAX_EXPIRES_IN_SECONDS: f64 = 10.0 * 366.0 * 86_400.0;

#[derive(Debug, Error)]
pub enum TokenAdminError {
    #[error(transparent)]
    Control(#[from] ControlError),
    #[error("unknown role {0:?}: viewer, operator or admin")]
    BadRole(String),
    #[error("expiry must be 0 (never) or up to {MAX_EXPIRES_IN_SECONDS} seconds, not {0}")]
    BadExpiry(f64),
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error(transparent)]
    Audit(#[from] AuditError),
}

/// What token administration needs from the daemon.
pub struct TokenAdmin<'a> {
    pub control: &'a Control,
    pub audit: &'a Audit,
    pub tokens: &'a Tokens,
}

impl TokenAdmin<'_> {
    /// A new token; the secret is returned once and stored only hashed.
    pub async fn create(
        &self,
        who: &Caller,
        name: &str,
        role: &str,
        expires_in_seconds: f64,
    ) -> Result<(TokenInfo, String), TokenAdminError> {
        self.control.authorize(who, Action::ManageTokens, name, "").await?;
        let role = Role::parse(role).ok_or_else(|| TokenAdminError::BadRole(role.to_string()))?;
        let expires_us = expiry(expires_in_seconds, now_us())?;
        let id = self
            .audit
            .begin(
                who,
                Action::ManageTokens,
                name,
                "",
                &format!("create {} token", role.as_str()),
            )
            .await?;
        match self.tokens.create(name, role, expires_us).await {
            Ok(created) => {
                let detail = format!("created {} token", role.as_str());
                self.audit.finish(id, "ok", &detail, 0.0).await;
                Ok(created)
            }
            Err(e) => {
                self.audit.finish(id, "failed", &e.to_string(), 0.0).await;
                Err(e.into())
            }
        }
    }

    pub async fn list(&self, who: &Caller) -> Result<Vec<TokenInfo>, TokenAdminError> {
        self.control.authorize(who, Action::ManageTokens, "", "").await?;
        Ok(self.tokens.list().await?)
    }

    /// Revokes `name`; open sessions using it end at their next check.
    pub async fn revoke(&self, who: &Caller, name: &str) -> Result<TokenInfo, TokenAdminError> {
        self.control.authorize(who, Action::ManageTokens, name, "").await?;
        let id = self
            .audit
            .begin(who, Action::ManageTokens, name, "", "revoke token")
            .await?;
        match self.tokens.revoke(name).await {
            Ok(info) => {
                self.audit.finish(id, "ok", "revoked", 0.0).await;
                Ok(info)
            }
            Err(e) => {
                self.audit.finish(id, "failed", &e.to_string(), 0.0).await;
                Err(e.into())
            }
        }
    }
}

/// When a token given `seconds` of life at `now_us` expires (0: never).
fn expiry(seconds: f64, now_us: i64) -> Result<i64, TokenAdminError> {
    if seconds == 0.0 {
        return Ok(0);
    }
    if !(0.0..=MAX_EXPIRES_IN_SECONDS).contains(&seconds) {
        return Err(TokenAdminError::BadExpiry(seconds));
    }
    // At least one microsecond, so a tiny positive value never means "never".
    Ok(now_us.saturating_add(((seconds * 1e6) as i64).max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_is_range_checked_and_zero_means_never() {
        assert_eq!(expiry(0.0, 1_000).unwrap(), 0);
        assert_eq!(expiry(2.0, 1_000).unwrap(), 2_001_000);
        assert_eq!(expiry(1e-9, 1_000).unwrap(), 1_001);
        for bad in [-1.0, f64::NAN, f64::INFINITY, MAX_EXPIRES_IN_SECONDS * 2.0] {
            assert!(
                matches!(expiry(bad, 1_000), Err(TokenAdminError::BadExpiry(_))),
                "{bad}"
            );
        }
    }
}
