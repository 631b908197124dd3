//! The tokens table: names, roles, argon2 hashes, expiry and revocation.
//! Hashing, caching and the failure limit live with the domain type,
//! `Tokens` (in `auth`); roles are stored as their names.

use rusqlite::{params, OptionalExtension};

use super::{pool::Pool, StoreError};

/// A token's row without its hash.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenRow {
    pub name: String,
    pub role: String,
    pub created_us: i64,
    pub last_used_us: i64,
    pub expires_us: i64,
    pub revoked_us: i64,
}

/// What checking a presented token needs.
#[derive(Debug, Clone)]
pub struct TokenSecret {
    pub name: String,
    pub role: String,
    pub hash: String,
    pub expires_us: i64,
    pub revoked_us: i64,
}

/// A whole token row, hash included: what replicas share (the secret
/// itself is never stored anywhere).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TokenRecord {
    pub name: String,
    pub role: String,
    pub lookup: String,
    pub hash: String,
    pub created_us: i64,
    pub expires_us: i64,
    pub revoked_us: i64,
}

#[derive(Clone)]
pub struct TokenTable {
    pool: Pool,
}

type Result<T> = std::result::Result<T, StoreError>;

impl TokenTable {
    pub(super) fn new(pool: Pool) -> Self {
        Self { pool }
    }

    /// `(expires_us, revoked_us)` of a token, if it exists.
    pub async fn validity(&self, name: String) -> Result<Option<(i64, i64)>> {
        self.pool
            .run(move |c| {
                Ok(c.query_row(
                    "SELECT expires_us, revoked_us FROM tokens WHERE name = ?1",
                    [name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?)
            })
            .await
    }

    /// Inserts a token; `false` when the name (or lookup) is taken.
    pub async fn insert(
        &self,
        name: String,
        role: &'static str,
        lookup: String,
        hash: String,
        created_us: i64,
        expires_us: i64,
    ) -> Result<bool> {
        self.pool
            .run(move |c| {
                let r = c.execute(
                    "INSERT INTO tokens (name, role, lookup, hash, created_us, expires_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![name, role, lookup, hash, created_us, expires_us],
                );
                match r {
                    Ok(_) => Ok(true),
                    Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                        Ok(false)
                    }
                    Err(e) => Err(e.into()),
                }
            })
            .await
    }

    /// Every token, oldest first.
    pub async fn list(&self) -> Result<Vec<TokenRow>> {
        self.pool
            .run(|c| {
                let mut stmt = c.prepare(
                    "SELECT name, role, created_us, last_used_us, expires_us, revoked_us FROM tokens ORDER BY created_us",
                )?;
                let rows = stmt.query_map([], |r| {
                    Ok(TokenRow {
                        name: r.get(0)?,
                        role: r.get(1)?,
                        created_us: r.get(2)?,
                        last_used_us: r.get(3)?,
                        expires_us: r.get(4)?,
                        revoked_us: r.get(5)?,
                    })
                })?;
                Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
            })
            .await
    }

    /// Marks a token revoked (once); `false` when no token has that name.
    pub async fn revoke(&self, name: String, at_us: i64) -> Result<bool> {
        self.pool
            .run(move |c| {
                let n = c.execute(
                    "UPDATE tokens SET revoked_us = ?2 WHERE name = ?1 AND revoked_us = 0",
                    params![name, at_us],
                )?;
                let exists: bool =
                    c.query_row("SELECT EXISTS (SELECT 1 FROM tokens WHERE name = ?1)", [&name], |r| {
                        r.get(0)
                    })?;
                Ok(n > 0 || exists)
            })
            .await
    }

    /// Every token's whole row (`None` for a name: all of them).
    pub async fn records(&self, name: Option<String>) -> Result<Vec<TokenRecord>> {
        self.pool
            .run(move |c| {
                let mut stmt = c.prepare(
                    "SELECT name, role, lookup, hash, created_us, expires_us, revoked_us FROM tokens \
                     WHERE ?1 IS NULL OR name = ?1 ORDER BY created_us",
                )?;
                let rows = stmt.query_map([name], |r| {
                    Ok(TokenRecord {
                        name: r.get(0)?,
                        role: r.get(1)?,
                        lookup: r.get(2)?,
                        hash: r.get(3)?,
                        created_us: r.get(4)?,
                        expires_us: r.get(5)?,
                        revoked_us: r.get(6)?,
                    })
                })?;
                Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
            })
            .await
    }

    pub async fn by_lookup(&self, lookup: String) -> Result<Option<TokenSecret>> {
        self.pool
            .run(move |c| {
                Ok(c.query_row(
                    "SELECT name, role, hash, expires_us, revoked_us FROM tokens WHERE lookup = ?1",
                    [lookup],
                    |r| {
                        Ok(TokenSecret {
                            name: r.get(0)?,
                            role: r.get(1)?,
                            hash: r.get(2)?,
                            expires_us: r.get(3)?,
                            revoked_us: r.get(4)?,
                        })
                    },
                )
                .optional()?)
            })
            .await
    }

    pub async fn touch(&self, name: String, at_us: i64) -> Result<()> {
        self.pool
            .run(move |c| {
                c.execute(
                    "UPDATE tokens SET last_used_us = ?2 WHERE name = ?1",
                    params![name, at_us],
                )?;
                Ok(())
            })
            .await
    }
}
