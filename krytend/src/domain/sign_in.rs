//! Signing a browser in without copying a token around (as Jupyter does):
//! a caller who already holds a credential — the local socket, or a token —
//! asks for a sign-in code; the link carrying it opens the web UI, which
//! trades the code once for a fresh API token with the same role (or a lower
//! one) and a bounded lifetime.
//!
//! Codes are random (128 bits), live a minute, work once, are held only as
//! hashes and only in memory (a restart voids them), and at most
//! [`MAX_OUTSTANDING`] wait at once. Failed redemptions count against the
//! same per-address limit as failed tokens. Each redemption creates a token,
//! audited like any other.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Arc, Mutex},
};

use rand::RngCore;
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::{
    audit::{Audit, AuditError},
    auth::{Action, Caller, Role, TokenError, TokenInfo, Tokens},
    control::{Control, ControlError},
    protocol::timestamp::now_us,
};

/// How long a code waits to be used.
pub const CODE_TTL_MS: i64 = 60_000;
/// Codes waiting at once; issuing more pushes out the oldest.
pub const MAX_OUTSTANDING: usize = 64;
/// The browser session's default and longest lifetime.
pub const DEFAULT_SESSION_SECONDS: f64 = 12.0 * 3_600.0;
pub const MAX_SESSION_SECONDS: f64 = 7.0 * 86_400.0;
/// Longest code accepted for redemption (a real one is 32 hex characters).
const MAX_CODE_BYTES: usize = 128;

#[derive(Debug, Error)]
pub enum SignInError {
    #[error(transparent)]
    Control(#[from] ControlError),
    #[error("unknown role {0:?}: viewer, operator or admin")]
    BadRole(String),
    #[error("a sign-in link cannot grant {asked} to a {held} caller")]
    AboveCaller { asked: &'static str, held: &'static str },
    #[error("the session lasts more than 0 and at most {MAX_SESSION_SECONDS} seconds")]
    BadSession,
    /// Unknown, used or expired: the same answer for all three.
    #[error("this sign-in link is not valid (used, expired, or never issued)")]
    Invalid,
    #[error("too many failed sign-ins from this address; retry in {0:?}")]
    Limited(std::time::Duration),
    #[error(transparent)]
    Token(TokenError),
    #[error(transparent)]
    Audit(#[from] AuditError),
}

struct Pending {
    by: String,
    role: Role,
    session_seconds: f64,
    expires_ms: i64,
}

/// The codes waiting to be used. Cheap to clone.
#[derive(Clone, Default)]
pub struct SignInCodes {
    pending: Arc<Mutex<HashMap<[u8; 32], Pending>>>,
}

impl std::fmt::Debug for SignInCodes {
    // Never the codes themselves (they are only hashes anyway).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.pending.lock().map(|m| m.len()).unwrap_or(0);
        f.debug_struct("SignInCodes").field("pending", &n).finish()
    }
}

fn digest(code: &str) -> [u8; 32] {
    Sha256::digest(code.as_bytes()).into()
}

impl SignInCodes {
    fn issue(&self, p: Pending) -> String {
        let mut raw = [0u8; 16];
        rand::rng().fill_bytes(&mut raw);
        let code = hex::encode(raw);
        if let Ok(mut map) = self.pending.lock() {
            let now = now_us() / 1000;
            map.retain(|_, p| p.expires_ms > now);
            while map.len() >= MAX_OUTSTANDING {
                let Some(oldest) = map.iter().min_by_key(|(_, p)| p.expires_ms).map(|(k, _)| *k) else {
                    break;
                };
                map.remove(&oldest);
            }
            map.insert(digest(&code), p);
        }
        code
    }

    /// A code for whoever started the daemon (the demo prints its link at
    /// start, so it waits `ttl_ms` rather than a minute).
    pub fn issue_at_start(&self, by: &str, role: Role, ttl_ms: i64) -> String {
        self.issue(Pending {
            by: by.into(),
            role,
            session_seconds: DEFAULT_SESSION_SECONDS,
            expires_ms: now_us() / 1000 + ttl_ms,
        })
    }

    /// Takes a code out (it works once); `None` when unknown or expired.
    fn take(&self, code: &str) -> Option<Pending> {
        let p = self.pending.lock().ok()?.remove(&digest(code))?;
        (p.expires_ms > now_us() / 1000).then_some(p)
    }
}

/// A code just issued.
pub struct Issued {
    pub code: String,
    pub expires_at_ms: i64,
    pub role: Role,
}

/// A code traded for a token.
pub struct Redeemed {
    pub info: TokenInfo,
    pub secret: String,
}

pub struct SignIn<'a> {
    pub codes: &'a SignInCodes,
    pub control: &'a Control,
    pub audit: &'a Audit,
    pub tokens: &'a Tokens,
}

impl SignIn<'_> {
    /// A code for `who`, with `role` (empty: the caller's own) no higher
    /// than the caller's, for a session of `session_seconds` (0: 12 h).
    pub async fn issue(&self, who: &Caller, role: &str, session_seconds: f64) -> Result<Issued, SignInError> {
        self.control.authorize(who, Action::Read, "", "").await?;
        let role = if role.is_empty() {
            who.role
        } else {
            Role::parse(role).ok_or_else(|| SignInError::BadRole(role.chars().take(40).collect()))?
        };
        if role > who.role {
            return Err(SignInError::AboveCaller {
                asked: role.as_str(),
                held: who.role.as_str(),
            });
        }
        let session_seconds = if session_seconds == 0.0 {
            DEFAULT_SESSION_SECONDS
        } else if session_seconds > 0.0 && session_seconds <= MAX_SESSION_SECONDS {
            session_seconds
        } else {
            return Err(SignInError::BadSession);
        };
        let expires_at_ms = now_us() / 1000 + CODE_TTL_MS;
        let code = self.codes.issue(Pending {
            by: who.name.clone(),
            role,
            session_seconds,
            expires_ms: expires_at_ms,
        });
        Ok(Issued {
            code,
            expires_at_ms,
            role,
        })
    }

    /// Trades a code for a new token, once; `peer` is the browser's address.
    pub async fn redeem(&self, code: &str, peer: Option<IpAddr>) -> Result<Redeemed, SignInError> {
        let code = code.trim();
        let pending = self
            .tokens
            .guarded(peer, || {
                if code.is_empty() || code.len() > MAX_CODE_BYTES {
                    return None;
                }
                self.codes.take(code)
            })
            .map_err(|e| match e {
                TokenError::Limited(wait) => SignInError::Limited(wait),
                _ => SignInError::Invalid,
            })?;
        // A name that says whose link it was and stays unique.
        let mut tag = [0u8; 4];
        rand::rng().fill_bytes(&mut tag);
        let who: String = pending
            .by
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .take(40)
            .collect();
        let name = format!("ui-{}-{}", who.trim_matches('-'), hex::encode(tag));
        let by = Caller {
            name: format!("sign-in link of {}", pending.by),
            role: pending.role,
        };
        let id = self
            .audit
            .begin(
                &by,
                Action::ManageTokens,
                &name,
                "",
                &format!("web UI sign-in: create {} token", pending.role.as_str()),
            )
            .await?;
        let expires_us = now_us().saturating_add((pending.session_seconds * 1e6) as i64);
        match self.tokens.create(&name, pending.role, expires_us).await {
            Ok((info, secret)) => {
                self.audit.finish(id, "ok", "signed in", 0.0).await;
                Ok(Redeemed { info, secret })
            }
            Err(e) => {
                self.audit.finish(id, "failed", &e.to_string(), 0.0).await;
                Err(SignInError::Token(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(expires_ms: i64) -> Pending {
        Pending {
            by: "local".into(),
            role: Role::Viewer,
            session_seconds: 60.0,
            expires_ms,
        }
    }

    #[test]
    fn a_code_works_once_and_not_after_it_expires() {
        let codes = SignInCodes::default();
        let now = now_us() / 1000;
        let code = codes.issue(pending(now + 60_000));
        assert_eq!(code.len(), 32);
        assert!(codes.take(&code).is_some());
        assert!(codes.take(&code).is_none(), "a code works once");
        let old = codes.issue(pending(now - 1));
        assert!(codes.take(&old).is_none(), "an expired code is refused");
        assert!(codes.take("not-a-code").is_none());
    }

    #[test]
    fn outstanding_codes_are_bounded_and_the_oldest_go_first() {
        let codes = SignInCodes::default();
        let now = now_us() / 1000;
        let first = codes.issue(pending(now + 1_000));
        for i in 0..MAX_OUTSTANDING {
            codes.issue(pending(now + 2_000 + i as i64));
        }
        assert_eq!(codes.pending.lock().unwrap().len(), MAX_OUTSTANDING);
        assert!(codes.take(&first).is_none(), "the oldest was pushed out");
    }
}
