//! Reloading the configuration without a restart (SIGHUP, as
//! `systemctl reload` sends): the file is read again and what can change
//! while running — the alert rules, routes and receivers — is applied. A
//! file that does not parse or validate is refused with the reason, and the
//! running configuration stays. Every attempt is audited.

use std::path::{Path, PathBuf};

use thiserror::Error;
use tokio_util::sync::CancellationToken;

use crate::{
    alert_loop::AlertsHandle,
    alerts::config::ConfigError as AlertsConfigError,
    audit::Audit,
    auth::{Action, Caller, Role},
    config::{Config, ConfigError},
};

#[derive(Debug, Error)]
pub enum ReloadError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Alerts(#[from] AlertsConfigError),
}

/// What a reload applied.
#[derive(Debug, Clone, Default)]
pub struct Reloaded {
    pub rules: usize,
    pub receivers: usize,
    pub maintenance: usize,
    pub audit_id: u64,
}

/// Reads `path` again and applies its alerts section.
pub async fn reload(path: &Path, alerts: &AlertsHandle, audit: &Audit, who: &Caller) -> Result<Reloaded, ReloadError> {
    let target = path.display().to_string();
    let id = audit
        .begin(who, Action::ReloadConfig, &target, "", "reload the configuration")
        .await
        .ok();
    let result = async {
        let cfg = Config::load(path)?;
        cfg.validate()?;
        let a = &cfg.alerts;
        let done = Reloaded {
            // No `rules:` means the built-in defaults.
            rules: a.rule_specs().map(|r| r.len()).unwrap_or(0),
            // `log` always exists besides the configured ones.
            receivers: a.receivers.len() + 1,
            maintenance: a.maintenance.len(),
            audit_id: id.unwrap_or(0),
        };
        alerts.reload(cfg.alerts).await?;
        Ok::<Reloaded, ReloadError>(done)
    }
    .await;
    if let Some(id) = id {
        match &result {
            Ok(r) => {
                let msg = format!(
                    "reloaded: {} rules, {} receivers, {} maintenance windows",
                    r.rules, r.receivers, r.maintenance
                );
                audit.finish(id, "ok", &msg, 0.0).await
            }
            Err(e) => audit.finish(id, "failed", &e.to_string(), 0.0).await,
        }
    }
    result
}

/// Reloads on every SIGHUP until `stop`.
pub async fn on_sighup(path: PathBuf, alerts: AlertsHandle, audit: Audit, stop: CancellationToken) {
    let Ok(mut hup) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()) else {
        tracing::warn!("SIGHUP cannot be caught here: reload by restarting");
        return;
    };
    let who = Caller {
        name: "SIGHUP".into(),
        role: Role::Admin,
    };
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = hup.recv() => {}
        }
        match reload(&path, &alerts, &audit, &who).await {
            Ok(_) => tracing::info!("SIGHUP: {} reloaded", path.display()),
            Err(e) => tracing::error!("SIGHUP: reload refused, the running configuration stays: {e}"),
        }
    }
}
