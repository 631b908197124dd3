//! API tokens: random, shown once, stored as an argon2 hash. A verified
//! token is remembered (by its SHA-256, in memory only) so that argon2's
//! deliberate cost is paid once per token, not once per request; argon2
//! runs under a small semaphore, so a burst of guesses cannot take every
//! core. Revocations are broadcast, so that what a token opened (WebSocket
//! sessions, gRPC streams) ends with it.

use std::{
    collections::{HashMap, HashSet},
    net::IpAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use rand::RngCore;
use sha2::{Digest, Sha256};
use thiserror::Error;
use tokio::sync::{watch, Semaphore};

use super::{limiter::FailureLimiter, Caller, Role};
use crate::{
    protocol::timestamp::now_us,
    store::{
        tokens::{TokenRecord, TokenRow, TokenSecret, TokenTable},
        StoreError,
    },
};

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
    /// Too many failed checks from this address; not checked.
    #[error("too many failed authentications from this address; retry after {}s", .0.as_secs().max(1))]
    Limited(Duration),
    #[error("token store: {0}")]
    Store(#[from] StoreError),
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

/// What a verified token grants, for as long as it is neither revoked nor
/// expired.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub caller: Caller,
    /// 0: never.
    pub expires_us: i64,
}

/// Why a grant ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Revoked,
    Expired,
}

impl Ended {
    pub fn as_str(self) -> &'static str {
        match self {
            Ended::Revoked => "the token was revoked",
            Ended::Expired => "the token expired",
        }
    }
}

/// How often `last_used` is written for a token in steady use.
const LAST_USED_EVERY_US: i64 = 60_000_000;
/// argon2 checks and hashes running at once.
const ARGON2_PERMITS: usize = 2;

#[derive(Clone)]
pub struct Tokens {
    table: TokenTable,
    cache: Arc<Mutex<HashMap<[u8; 32], Grant>>>,
    last_used: Arc<Mutex<HashMap<String, i64>>>,
    argon2: Arc<Semaphore>,
    limiter: Arc<FailureLimiter>,
    /// Names of tokens revoked while this process runs (names are never
    /// reused); every session and stream watches it.
    revoked: Arc<watch::Sender<HashSet<String>>>,
    /// Tokens refused (unknown, revoked, expired) or refused unchecked
    /// because their address failed too often, over every API.
    failures: Arc<std::sync::atomic::AtomicU64>,
    /// Names of tokens created or revoked here (not those applied from
    /// other replicas), for sharing them.
    local_changes: Arc<tokio::sync::broadcast::Sender<String>>,
}

/// What applying another replica's token did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Added,
    Revoked,
    Unchanged,
    /// A different token of the same name exists here: kept, not replaced.
    Conflict,
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl Tokens {
    pub fn new(table: TokenTable) -> Self {
        Self {
            table,
            cache: Arc::default(),
            last_used: Arc::default(),
            argon2: Arc::new(Semaphore::new(ARGON2_PERMITS)),
            limiter: Arc::new(FailureLimiter::new(5, Duration::from_secs(60))),
            revoked: Arc::new(watch::Sender::new(HashSet::new())),
            failures: Arc::default(),
            local_changes: Arc::new(tokio::sync::broadcast::channel(256).0),
        }
    }

    /// Names of tokens created or revoked by this replica from now on.
    pub fn local_changes(&self) -> tokio::sync::broadcast::Receiver<String> {
        self.local_changes.subscribe()
    }

    /// Whole rows (hashes included), for sharing; `None`: every token.
    pub async fn records(&self, name: Option<&str>) -> Result<Vec<TokenRecord>, TokenError> {
        Ok(self.table.records(name.map(str::to_string)).await?)
    }

    /// A token another replica made or revoked: added here, or revoked
    /// here (ending what it opened). A record that is not one krytend could
    /// have made is refused: the shared bucket is input like the bus.
    pub async fn apply_shared(&self, rec: TokenRecord) -> Result<Applied, TokenError> {
        let well_formed = !rec.name.is_empty()
            && rec.name.len() <= 128
            && rec.name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            && rec.name != "local"
            && Role::parse(&rec.role).is_some()
            && rec.lookup.len() == 12
            && rec.lookup.chars().all(|c| c.is_ascii_hexdigit())
            && rec.hash.len() <= 512
            && PasswordHash::new(&rec.hash).is_ok()
            && rec.created_us >= 0
            && rec.expires_us >= 0
            && rec.revoked_us >= 0;
        if !well_formed {
            return Err(TokenError::BadName(rec.name));
        }
        let here = self.table.records(Some(rec.name.clone())).await?;
        match here.first() {
            None => {
                let role = Role::parse(&rec.role).map(Role::as_str).unwrap_or("viewer");
                let inserted = self
                    .table
                    .insert(
                        rec.name.clone(),
                        role,
                        rec.lookup.clone(),
                        rec.hash,
                        rec.created_us,
                        rec.expires_us,
                    )
                    .await?;
                if !inserted {
                    return Ok(Applied::Conflict);
                }
                if rec.revoked_us > 0 {
                    self.table.revoke(rec.name, rec.revoked_us).await?;
                }
                Ok(Applied::Added)
            }
            Some(h) if h.lookup != rec.lookup => Ok(Applied::Conflict),
            Some(h) if rec.revoked_us > 0 && h.revoked_us == 0 => {
                self.table.revoke(rec.name.clone(), rec.revoked_us).await?;
                self.forget(&rec.name);
                Ok(Applied::Revoked)
            }
            Some(_) => Ok(Applied::Unchanged),
        }
    }

    /// A revoked token's verification is forgotten and what it opened ends.
    fn forget(&self, name: &str) {
        if let Ok(mut c) = self.cache.lock() {
            c.retain(|_, g| g.caller.name != name);
        }
        self.revoked.send_modify(|r| {
            r.insert(name.to_string());
        });
    }

    /// Authentication failures since start, for `/metrics`.
    pub fn failures(&self) -> u64 {
        self.failures.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn note_failure(&self) {
        self.failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Failed checks allowed per peer address a minute, for every API.
    pub fn with_failure_limit(mut self, per_minute: usize) -> Self {
        self.limiter = Arc::new(FailureLimiter::new(per_minute, Duration::from_secs(60)));
        self
    }

    /// Runs CPU-heavy argon2 work on the blocking pool, a few at a time.
    async fn argon2<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Result<T, TokenError> + Send + 'static,
    ) -> Result<T, TokenError> {
        let _permit = self
            .argon2
            .acquire()
            .await
            .map_err(|_| TokenError::Store(StoreError::Task("argon2 semaphore closed".into())))?;
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| TokenError::Store(StoreError::Task(e.to_string())))?
    }

    /// The one way in for both APIs: a token known good passes at once,
    /// whatever its address did; anything else is checked only while the
    /// address has failed (attempts under way included) fewer times than
    /// the limit.
    pub async fn authenticate(&self, token: &str, peer: Option<IpAddr>) -> Result<Grant, TokenError> {
        let cached = self.cached(token).inspect_err(|_| self.note_failure())?;
        if let Some(g) = cached {
            return Ok(g);
        }
        let attempt = match peer {
            Some(ip) => Some(self.limiter.begin(ip, Instant::now()).map_err(|wait| {
                self.note_failure();
                TokenError::Limited(wait)
            })?),
            None => None,
        };
        match self.verify_grant(token).await {
            Err(TokenError::Invalid) => {
                self.note_failure();
                if let Some(a) = attempt {
                    a.fail(Instant::now());
                }
                Err(TokenError::Invalid)
            }
            other => other,
        }
    }

    /// Checks a credential other than a token (a sign-in code) under the
    /// same per-address failure limit: `check` runs only while the address
    /// is under it, and a `None` from it counts as a failure.
    pub fn guarded<T>(&self, peer: Option<IpAddr>, check: impl FnOnce() -> Option<T>) -> Result<T, TokenError> {
        let attempt = match peer {
            Some(ip) => Some(self.limiter.begin(ip, Instant::now()).map_err(|wait| {
                self.note_failure();
                TokenError::Limited(wait)
            })?),
            None => None,
        };
        match check() {
            Some(v) => Ok(v),
            None => {
                self.note_failure();
                if let Some(a) = attempt {
                    a.fail(Instant::now());
                }
                Err(TokenError::Invalid)
            }
        }
    }

    fn is_revoked(&self, name: &str) -> bool {
        self.revoked.borrow().contains(name)
    }

    fn cached(&self, token: &str) -> Result<Option<Grant>, TokenError> {
        let cached = self.cache.lock().ok().and_then(|c| c.get(&digest(token)).cloned());
        let Some(g) = cached else {
            return Ok(None);
        };
        let now = now_us();
        if (g.expires_us != 0 && now >= g.expires_us) || self.is_revoked(&g.caller.name) {
            return Err(TokenError::Invalid);
        }
        self.touch(&g.caller.name, now);
        Ok(Some(g))
    }

    /// Resolves when `grant` is revoked or expires.
    pub async fn ended(&self, grant: &Grant) -> Ended {
        let mut rx = self.revoked.subscribe();
        let expiry = (grant.expires_us != 0).then(|| {
            let left = grant.expires_us.saturating_sub(now_us()).max(0) as u64;
            tokio::time::Instant::now() + Duration::from_micros(left)
        });
        loop {
            if rx.borrow_and_update().contains(&grant.caller.name) {
                return Ended::Revoked;
            }
            tokio::select! {
                r = rx.changed() => if r.is_err() {
                    // The token store is gone (shutdown): only expiry is left.
                    match expiry {
                        Some(at) => tokio::time::sleep_until(at).await,
                        None => std::future::pending::<()>().await,
                    }
                    return Ended::Expired;
                },
                _ = async {
                    match expiry {
                        Some(at) => tokio::time::sleep_until(at).await,
                        None => std::future::pending::<()>().await,
                    }
                } => return Ended::Expired,
            }
        }
    }

    /// Checks again, in the store, that `grant` still holds: before every
    /// command sent on a long-lived session.
    pub async fn recheck(&self, grant: &Grant) -> Result<(), TokenError> {
        let now = now_us();
        if self.is_revoked(&grant.caller.name) || (grant.expires_us != 0 && now >= grant.expires_us) {
            return Err(TokenError::Invalid);
        }
        let row = self.table.validity(grant.caller.name.clone()).await?;
        match row {
            Some((expires_us, 0)) if expires_us == 0 || now < expires_us => Ok(()),
            _ => Err(TokenError::Invalid),
        }
    }

    /// Creates a token; the returned secret is never stored.
    pub async fn create(&self, name: &str, role: Role, expires_us: i64) -> Result<(TokenInfo, String), TokenError> {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) || name == "local" {
            return Err(TokenError::BadName(name.to_string()));
        }
        let name = name.to_string();
        let mut lookup = [0u8; 6];
        let mut secret = [0u8; 32];
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut lookup);
        rand::rng().fill_bytes(&mut secret);
        rand::rng().fill_bytes(&mut salt);
        let lookup = hex::encode(lookup);
        let secret = hex::encode(secret);
        let to_hash = secret.clone();
        let hash = self
            .argon2(move || {
                let salt =
                    SaltString::encode_b64(&salt).map_err(|e| TokenError::Store(StoreError::Task(e.to_string())))?;
                Ok(Argon2::default()
                    .hash_password(to_hash.as_bytes(), &salt)
                    .map_err(|e| TokenError::Store(StoreError::Task(e.to_string())))?
                    .to_string())
            })
            .await?;
        let now = now_us();
        let inserted = self
            .table
            .insert(name.clone(), role.as_str(), lookup.clone(), hash, now, expires_us)
            .await?;
        if !inserted {
            return Err(TokenError::Exists(name));
        }
        let _ = self.local_changes.send(name.clone());
        let info = TokenInfo {
            name,
            role,
            created_us: now,
            last_used_us: 0,
            expires_us,
            revoked_us: 0,
        };
        Ok((info, format!("kt_{lookup}_{secret}")))
    }

    pub async fn list(&self) -> Result<Vec<TokenInfo>, TokenError> {
        Ok(self.table.list().await?.into_iter().map(token_info).collect())
    }

    pub async fn count(&self) -> Result<usize, TokenError> {
        Ok(self.list().await?.len())
    }

    pub async fn revoke(&self, name: &str) -> Result<TokenInfo, TokenError> {
        let info = name.to_string();
        if !self.table.revoke(info.clone(), now_us()).await? {
            return Err(TokenError::NotFound(info));
        }
        // Forget its verification (others stay known good), and end what it
        // opened.
        self.forget(&info);
        let _ = self.local_changes.send(info.clone());
        self.list()
            .await?
            .into_iter()
            .find(|t| t.name == info)
            .ok_or(TokenError::NotFound(info))
    }

    /// The caller a token stands for (no failure limit: for callers that
    /// are not on the network).
    pub async fn verify(&self, token: &str) -> Result<Caller, TokenError> {
        Ok(self.authenticate(token, None).await?.caller)
    }

    /// Checks a token not in the cache: one argon2 verification.
    async fn verify_grant(&self, token: &str) -> Result<Grant, TokenError> {
        let key = digest(token);
        let now = now_us();
        let mut parts = token.splitn(3, '_');
        let (Some("kt"), Some(lookup), Some(secret)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(TokenError::Invalid);
        };
        let (lookup, secret) = (lookup.to_string(), secret.to_string());
        let row = self.table.by_lookup(lookup).await?;
        let Some(TokenSecret {
            name,
            role,
            hash,
            expires_us,
            revoked_us,
        }) = row
        else {
            return Err(TokenError::Invalid);
        };
        self.argon2(move || {
            let parsed = PasswordHash::new(&hash).map_err(|_| TokenError::Invalid)?;
            Argon2::default()
                .verify_password(secret.as_bytes(), &parsed)
                .map_err(|_| TokenError::Invalid)
        })
        .await?;
        if revoked_us != 0 || (expires_us != 0 && now_us() >= expires_us) {
            return Err(TokenError::Invalid);
        }
        let grant = Grant {
            caller: Caller {
                name,
                role: Role::parse(&role).ok_or(TokenError::Invalid)?,
            },
            expires_us,
        };
        // A revocation that landed while argon2 ran wins.
        if self.is_revoked(&grant.caller.name) {
            return Err(TokenError::Invalid);
        }
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, grant.clone());
        }
        self.touch(&grant.caller.name, now);
        Ok(grant)
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
            tokio::spawn(async move {
                let _ = this.table.touch(name, now).await;
            });
        }
    }
}

/// A stored row as the API shows it; an unknown stored role reads as the
/// least one.
fn token_info(r: TokenRow) -> TokenInfo {
    TokenInfo {
        role: Role::parse(&r.role).unwrap_or(Role::Viewer),
        name: r.name,
        created_us: r.created_us,
        last_used_us: r.last_used_us,
        expires_us: r.expires_us,
        revoked_us: r.revoked_us,
    }
}
