//! Service configs as every API answers about them: one revision, the
//! list, and a diff against another revision, another service or a desired
//! document.

use serde_json::Value;

use crate::configs::{
    diff::{diff, Change},
    document::{self, CONFIG_LIMITS},
    store::Revision,
    ConfigError, Configs,
};

/// What a diff compares the service's latest config with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffBase {
    /// Revision `n` of the same service; 0 means the one before the latest.
    Revision(u64),
    /// The latest config of another service.
    Service(String),
    /// A document the caller supplied (JSON or YAML, size-capped).
    Desired(String),
}

pub struct ConfigDiff {
    pub changes: Vec<Change>,
    pub old: Value,
    pub new: Value,
    pub old_label: String,
    pub new_label: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("the desired config is {0}")]
    Desired(String),
}

/// Revision `rev` of `service`'s config, or (0) the latest, asking the
/// service when none is stored or `refresh`. The flag says it is new.
pub async fn get(configs: &Configs, service: &str, rev: u64, refresh: bool) -> Result<(Revision, bool), ConfigError> {
    configs.check_known(service)?;
    if rev > 0 {
        return match configs.revisions.get(service, rev).await? {
            Some(r) => Ok((r, false)),
            None => Err(no_revision(configs, service, rev).await),
        };
    }
    latest(configs, service, refresh).await
}

/// Every stored revision of `service`, oldest first.
pub async fn list(configs: &Configs, service: &str) -> Result<Vec<Revision>, ConfigError> {
    configs.check_known(service)?;
    Ok(configs.revisions.list(service).await?)
}

/// `service`'s latest config against `base`.
pub async fn diff_with(
    configs: &Configs,
    service: &str,
    base: DiffBase,
    refresh: bool,
) -> Result<ConfigDiff, DiffError> {
    configs.check_known(service)?;
    let (latest, _) = latest(configs, service, refresh).await?;
    let (old, old_label) = match base {
        DiffBase::Desired(text) => {
            let v = document::parse(&text, CONFIG_LIMITS).map_err(|e| DiffError::Desired(e.to_string()))?;
            (configs.redact(&v), "desired".to_string())
        }
        DiffBase::Service(other) => {
            configs.check_known(&other)?;
            let (o, _) = self::latest(configs, &other, refresh).await?;
            let label = format!("{} rev {}", o.service, o.rev);
            (o.config, label)
        }
        DiffBase::Revision(n) => {
            let want = if n > 0 { n } else { latest.rev.saturating_sub(1).max(1) };
            match configs.revisions.get(service, want).await.map_err(ConfigError::from)? {
                Some(o) => (o.config, format!("{service} rev {}", o.rev)),
                None => return Err(no_revision(configs, service, want).await.into()),
            }
        }
    };
    Ok(ConfigDiff {
        changes: diff(&old, &latest.config),
        old,
        new_label: format!("{service} rev {}", latest.rev),
        new: latest.config,
        old_label,
    })
}

async fn latest(configs: &Configs, service: &str, refresh: bool) -> Result<(Revision, bool), ConfigError> {
    match configs.revisions.latest(service).await? {
        Some(l) if !refresh => Ok((l, false)),
        _ => configs.fetch(service, "on demand").await,
    }
}

async fn no_revision(configs: &Configs, service: &str, rev: u64) -> ConfigError {
    let count = configs
        .revisions
        .list(service)
        .await
        .map(|l| l.len() as u64)
        .unwrap_or(0);
    ConfigError::NoRevision {
        service: service.into(),
        rev,
        count,
    }
}
