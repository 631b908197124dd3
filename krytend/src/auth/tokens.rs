//! API tokens: random, shown once, stored as an argon2 hash. A verified
//! token is remembered (by its SHA-256, in memory only) so that argon2's
//! deliberate cost is paid once per token, not once per request.

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{Arc, Mutex},
};

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::{Caller, Role};
use crate::protocol::timestamp::now_us;

#[derive(Debug, Error)]
pub enum TokenError {
    #[error("a token named {0:?} exists already")]
    Exists(String),
    #[error("no token named {0:?}")]
    NotFound(String),
    #[error("invalid token name {0:?}: use letters, digits, '-', '_' or '.'")]
    BadName(String),
    /// Deliberately vague: whether the token exists is not said.
    #[error("invalid, expired or revoked token")]
    Invalid,
    #[error("token store: {0}")]
    Store(String),
}

impl From<rusqlite::Error> for TokenError {
    fn from(e: rusqlite::Error) -> Self {
        TokenError::Store(e.to_string())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TokenInfo {
    pub name: String,
    pub role: Role,
    pub created_us: i64,
    pub last_used_us: i64,
    pub expires_us: i64,
    pub revoked_us: i64,
}

#[derive(Clone)]
struct Verified {
    caller: Caller,
    expires_us: i64,
}

/// How often `last_used` is written for a token in steady use.
const LAST_USED_EVERY_US: i64 = 60_000_000;

#[derive(Clone)]
pub struct Tokens {
    path: PathBuf,
    cache: Arc<Mutex<HashMap<[u8; 32], Verified>>>,
    last_used: Arc<Mutex<HashMap<String, i64>>>,
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl Tokens {
    pub fn new(db: PathBuf) -> Self {
        Self {
            path: db,
            cache: Arc::default(),
            last_used: Arc::default(),
        }
    }

    fn conn(&self) -> Result<Connection, TokenError> {
        let c = Connection::open(&self.path)?;
        c.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(c)
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Tokens) -> Result<T, TokenError> + Send + 'static,
    ) -> Result<T, TokenError> {
        let this = self.clone();
        tokio::task::spawn_blocking(move || f(&this))
            .await
            .map_err(|e| TokenError::Store(e.to_string()))?
    }

    /// Creates a token; the returned secret is never stored.
    pub async fn create(&self, name: &str, role: Role, expires_us: i64) -> Result<(TokenInfo, String), TokenError> {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) || name == "local" {
            return Err(TokenError::BadName(name.to_string()));
        }
        let name = name.to_string();
        self.blocking(move |t| {
            let mut lookup = [0u8; 6];
            let mut secret = [0u8; 32];
            let mut salt = [0u8; 16];
            rand::rng().fill_bytes(&mut lookup);
            rand::rng().fill_bytes(&mut secret);
            rand::rng().fill_bytes(&mut salt);
            let lookup = hex::encode(lookup);
            let secret = hex::encode(secret);
            let salt = SaltString::encode_b64(&salt).map_err(|e| TokenError::Store(e.to_string()))?;
            let hash = Argon2::default()
                .hash_password(secret.as_bytes(), &salt)
                .map_err(|e| TokenError::Store(e.to_string()))?
                .to_string();
            let now = now_us();
            let c = t.conn()?;
            let r = c.execute(
                "INSERT INTO tokens (name, role, lookup, hash, created_us, expires_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![name, role.as_str(), lookup, hash, now, expires_us],
            );
            match r {
                Ok(_) => {}
                Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                    return Err(TokenError::Exists(name));
                }
                Err(e) => return Err(e.into()),
            }
            let info = TokenInfo {
                name,
                role,
                created_us: now,
                last_used_us: 0,
                expires_us,
                revoked_us: 0,
            };
            Ok((info, format!("kt_{lookup}_{secret}")))
        })
        .await
    }

    pub async fn list(&self) -> Result<Vec<TokenInfo>, TokenError> {
        self.blocking(|t| {
            let c = t.conn()?;
            let mut stmt = c.prepare(
                "SELECT name, role, created_us, last_used_us, expires_us, revoked_us FROM tokens ORDER BY created_us",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(TokenInfo {
                    name: r.get(0)?,
                    role: Role::parse(&r.get::<_, String>(1)?).unwrap_or(Role::Viewer),
                    created_us: r.get(2)?,
                    last_used_us: r.get(3)?,
                    expires_us: r.get(4)?,
                    revoked_us: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    pub async fn count(&self) -> Result<usize, TokenError> {
        Ok(self.list().await?.len())
    }

    pub async fn revoke(&self, name: &str) -> Result<TokenInfo, TokenError> {
        let name = name.to_string();
        let info = self
            .blocking(move |t| {
                let c = t.conn()?;
                let n = c.execute(
                    "UPDATE tokens SET revoked_us = ?2 WHERE name = ?1 AND revoked_us = 0",
                    params![name, now_us()],
                )?;
                let exists: bool =
                    c.query_row("SELECT EXISTS (SELECT 1 FROM tokens WHERE name = ?1)", [&name], |r| {
                        r.get(0)
                    })?;
                if n == 0 && !exists {
                    return Err(TokenError::NotFound(name));
                }
                Ok(name)
            })
            .await?;
        // Forget every verification: the revoked one must not linger.
        if let Ok(mut c) = self.cache.lock() {
            c.clear();
        }
        self.list()
            .await?
            .into_iter()
            .find(|t| t.name == info)
            .ok_or(TokenError::NotFound(info))
    }

    /// The caller a token stands for.
    pub async fn verify(&self, token: &str) -> Result<Caller, TokenError> {
        let key = digest(token);
        let now = now_us();
        let cached = self.cache.lock().ok().and_then(|c| c.get(&key).cloned());
        if let Some(v) = cached {
            if v.expires_us == 0 || now < v.expires_us {
                self.touch(&v.caller.name, now);
                return Ok(v.caller);
            }
            return Err(TokenError::Invalid);
        }
        let token = token.to_string();
        let verified = self
            .blocking(move |t| {
                let mut parts = token.splitn(3, '_');
                let (Some("kt"), Some(lookup), Some(secret)) = (parts.next(), parts.next(), parts.next()) else {
                    return Err(TokenError::Invalid);
                };
                let c = t.conn()?;
                let row: Option<(String, String, String, i64, i64)> = c
                    .query_row(
                        "SELECT name, role, hash, expires_us, revoked_us FROM tokens WHERE lookup = ?1",
                        [lookup],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                    )
                    .optional()?;
                let Some((name, role, hash, expires_us, revoked_us)) = row else {
                    return Err(TokenError::Invalid);
                };
                let parsed = PasswordHash::new(&hash).map_err(|_| TokenError::Invalid)?;
                Argon2::default()
                    .verify_password(secret.as_bytes(), &parsed)
                    .map_err(|_| TokenError::Invalid)?;
                if revoked_us != 0 || (expires_us != 0 && now_us() >= expires_us) {
                    return Err(TokenError::Invalid);
                }
                Ok(Verified {
                    caller: Caller {
                        name,
                        role: Role::parse(&role).ok_or(TokenError::Invalid)?,
                    },
                    expires_us,
                })
            })
            .await?;
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, verified.clone());
        }
        self.touch(&verified.caller.name, now);
        Ok(verified.caller)
    }

    /// Records use, at most once a minute per token, off the request path.
    fn touch(&self, name: &str, now: i64) {
        let due = match self.last_used.lock() {
            Ok(mut m) => {
                let last = m.get(name).copied().unwrap_or(0);
                if now - last >= LAST_USED_EVERY_US {
                    m.insert(name.to_string(), now);
                    true
                } else {
                    false
                }
            }
            Err(_) => false,
        };
        if due {
            let this = self.clone();
            let name = name.to_string();
            tokio::task::spawn_blocking(move || {
                if let Ok(c) = this.conn() {
                    let _ = c.execute(
                        "UPDATE tokens SET last_used_us = ?2 WHERE name = ?1",
                        params![name, now],
                    );
                }
            });
        }
    }
}
