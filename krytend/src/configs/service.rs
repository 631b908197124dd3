//! Fetching configs (on demand, periodically, and after a new instance
//! starts), keeping revisions, and raising drift events.

use std::{
    collections::HashSet,
    path::PathBuf,
    sync::{Arc, Mutex},
    time::Duration,
};

use async_nats::Client;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use thiserror::Error;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use super::{
    diff::diff,
    redact::{content_hash, normalize, Redactor},
    store::{Revision, Revisions},
};
use crate::protocol::wire::system;
use crate::{
    control::verdict,
    hub::Hub,
    ingest::{Input, ServicesView},
    prober::command_subject,
    protocol::{timestamp::now_us, Kind},
    registry::Status,
};

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error(transparent)]
    UnknownService(#[from] crate::registry::lookup::UnknownService),
    #[error("{0}")]
    NoAnswer(String),
    #[error("{service} refused system.config: {error}")]
    Refused { service: String, error: String },
    #[error("no revision {rev} of {service}'s config; it has {count}")]
    NoRevision { service: String, rev: u64, count: u64 },
    #[error("config revisions: {0}")]
    Store(#[from] crate::store::StoreError),
}

/// A declared desired config file that cannot be used.
#[derive(Debug, Error)]
pub enum DesiredError {
    #[error("{path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Parse { path: PathBuf, source: serde_yaml::Error },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesiredFile {
    pub service: String,
    pub path: PathBuf,
}

#[derive(Debug, Clone)]
pub struct ConfigsSettings {
    /// `None`: no periodic fetch.
    pub fetch_interval: Option<Duration>,
    pub fetch_timeout: Duration,
    pub after_startup: Duration,
    pub secret_keys: Vec<String>,
    pub desired: Vec<DesiredFile>,
}

/// Services whose running config drifted (changed without a restart or
/// reload, or differs from its desired config), with the reason; cleared
/// by the next revision that does not drift. Read by the alert loop.
#[derive(Clone, Default)]
pub struct DriftBoard(Arc<Mutex<std::collections::HashMap<String, String>>>);

/// Services one board tracks at most (the registry admits fewer).
const DRIFT_MAX: usize = 10_000;

impl DriftBoard {
    fn set(&self, service: &str, reason: &str) {
        if let Ok(mut m) = self.0.lock() {
            if m.len() < DRIFT_MAX || m.contains_key(service) {
                m.insert(service.to_string(), reason.to_string());
            }
        }
    }

    fn clear(&self, service: &str) {
        if let Ok(mut m) = self.0.lock() {
            m.remove(service);
        }
    }

    pub fn is_drifted(&self, service: &str) -> bool {
        self.0.lock().is_ok_and(|m| m.contains_key(service))
    }
}

#[derive(Clone)]
pub struct Configs {
    /// Who drifted, for the `config_drift` alert rule.
    pub drift: DriftBoard,
    client: Client,
    pub revisions: Revisions,
    redactor: Arc<Redactor>,
    view: watch::Receiver<ServicesView>,
    inputs: mpsc::Sender<Input>,
    settings: Arc<ConfigsSettings>,
    /// Services that answered "Unknown command": not asked again until a
    /// new instance starts.
    unsupported: Arc<Mutex<HashSet<String>>>,
    /// New instances whose config fetch waits until they have shown
    /// themselves (answered something or heartbeat).
    awaiting_proof: Arc<Mutex<HashSet<String>>>,
    /// Held from reading the latest revision to storing the next.
    recording: Arc<tokio::sync::Mutex<()>>,
    /// Only the leader of replicas fetches on its own initiative (a
    /// fetch asked for by a client is made by whichever replica it asks).
    pub leadership: crate::jetstream::Leadership,
}

impl Configs {
    pub async fn new(
        client: Client,
        revisions: Revisions,
        view: watch::Receiver<ServicesView>,
        inputs: mpsc::Sender<Input>,
        settings: ConfigsSettings,
    ) -> Result<Configs, ConfigError> {
        let key = revisions.hmac_key().await?;
        Ok(Configs {
            drift: DriftBoard::default(),
            client,
            revisions,
            redactor: Arc::new(Redactor::new(&settings.secret_keys, key)),
            view,
            inputs,
            settings: Arc::new(settings),
            unsupported: Arc::default(),
            awaiting_proof: Arc::default(),
            recording: Arc::default(),
            leadership: crate::jetstream::Leadership::sole(),
        })
    }

    /// Redacted with our key and normalized, as stored.
    pub fn redact(&self, v: &Value) -> Value {
        normalize(&self.redactor.redact(v))
    }

    pub fn check_known(&self, service: &str) -> Result<(), ConfigError> {
        let view = self.view.borrow().clone();
        crate::registry::lookup::get(&view, service).map(|_| ())?;
        Ok(())
    }

    /// Asks the service for its running config; stores a revision when it
    /// changed. Returns the current revision and whether it is new.
    pub async fn fetch(&self, service: &str, trigger: &str) -> Result<(Revision, bool), ConfigError> {
        self.check_known(service)?;
        let subject = command_subject(service);
        let body = json!({"service": service, "command": system::CONFIG}).to_string();
        let timeout = self.settings.fetch_timeout;
        let reply = match tokio::time::timeout(timeout, self.client.request(subject.clone(), body.into())).await {
            Ok(Ok(m)) => m,
            _ => {
                return Err(ConfigError::NoAnswer(format!(
                    "{service} did not answer system.config on {subject} within {:.1}s",
                    timeout.as_secs_f64()
                )))
            }
        };
        // Any answer, even a refusal, is a sign of life.
        let _ = self
            .inputs
            .send(Input::Answered {
                service: service.to_string(),
                what: system::CONFIG.into(),
            })
            .await;
        let reply: Value = serde_json::from_slice(&reply.payload).unwrap_or(Value::Null);
        let (ok, error) = verdict(&reply);
        if !ok {
            if error.to_ascii_lowercase().contains("unknown command") {
                if let Ok(mut u) = self.unsupported.lock() {
                    u.insert(service.to_string());
                }
            }
            return Err(ConfigError::Refused {
                service: service.into(),
                error,
            });
        }
        let data = reply.get("data").cloned().unwrap_or(reply);
        let config = self.redact(&data);
        let hash = content_hash(&config);
        // Compare and store as one step: two fetches answered at once (a new
        // instance's and an operator's) must not both store the same change.
        let _one_at_a_time = self.recording.lock().await;
        let latest = self.revisions.latest(service).await?;
        if let Some(l) = &latest {
            if l.hash == hash {
                return Ok((l.clone(), false));
            }
        }
        let now = now_us();
        let instance = self
            .view
            .borrow()
            .get(service)
            .and_then(|s| s.instance_started_us)
            .unwrap_or(0);
        let changed_paths: Vec<String> = match &latest {
            Some(l) => diff(&l.config, &config).into_iter().map(|c| c.path).collect(),
            None => Vec::new(),
        };
        let rev = self
            .revisions
            .insert(Revision {
                service: service.into(),
                rev: 0,
                at_us: now,
                instance_started_us: instance,
                hash,
                config: config.clone(),
                changed_paths: changed_paths.clone(),
                trigger: trigger.into(),
            })
            .await?;
        self.emit(
            service,
            Kind::Config,
            json!({"service": service, "rev": rev.rev, "changed_paths": changed_paths, "trigger": trigger}),
        )
        .await;
        // A new revision ends a drift unless the checks below find one.
        self.drift.clear(service);
        if let Some(prev) = &latest {
            let same_process = prev.instance_started_us != 0 && prev.instance_started_us == instance;
            let reloaded = self.revisions.reloaded_between(service, prev.at_us, now).await?;
            if same_process && !reloaded {
                self.drift.set(service, "config changed without a restart or reload");
                self.emit(
                    service,
                    Kind::Drift,
                    json!({"service": service, "rev": rev.rev, "changed_paths": changed_paths,
                        "reason": "config changed without a restart or reload"}),
                )
                .await;
            }
        }
        self.check_desired(service, &rev).await;
        Ok((rev, true))
    }

    /// A declared desired config, parsed (YAML or JSON) and redacted alike.
    pub fn desired_for(&self, service: &str) -> Option<Result<(PathBuf, Value), DesiredError>> {
        let d = self.settings.desired.iter().find(|d| d.service == service)?;
        Some(
            std::fs::read_to_string(&d.path)
                .map_err(|source| DesiredError::Read {
                    path: d.path.clone(),
                    source,
                })
                .and_then(|t| {
                    serde_yaml::from_str::<Value>(&t).map_err(|source| DesiredError::Parse {
                        path: d.path.clone(),
                        source,
                    })
                })
                .map(|v| (d.path.clone(), self.redact(&v))),
        )
    }

    async fn check_desired(&self, service: &str, rev: &Revision) {
        match self.desired_for(service) {
            None => {}
            Some(Err(e)) => tracing::warn!("cannot read the desired config of {service}: {e}"),
            Some(Ok((path, desired))) => {
                let changes = diff(&desired, &rev.config);
                if !changes.is_empty() {
                    let paths: Vec<String> = changes.into_iter().map(|c| c.path).collect();
                    self.drift.set(service, "differs from the desired config");
                    self.emit(
                        service,
                        Kind::Drift,
                        json!({"service": service, "rev": rev.rev, "changed_paths": paths,
                            "reason": format!("differs from the desired config in {}", path.display())}),
                    )
                    .await;
                }
            }
        }
    }

    async fn emit(&self, service: &str, kind: Kind, payload: Value) {
        let subject = crate::protocol::wire::service_event_subject(service, &kind.to_string());
        let _ = self
            .inputs
            .send(Input::Emit {
                subject,
                kind,
                service: Some(service.to_string()),
                payload,
            })
            .await;
    }

    /// Periodic fetches, and one shortly after each new instance starts.
    pub async fn run(self, hub: Arc<Hub>, cancel: CancellationToken) {
        let mut updates = hub.subscribe_services();
        let every = self
            .settings
            .fetch_interval
            .unwrap_or(Duration::from_secs(86_400 * 365));
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        loop {
            tokio::select! {
                _ = cancel.cancelled() => return,
                _ = tick.tick(), if self.settings.fetch_interval.is_some() => {
                    if !self.leadership.is_leader() {
                        continue;
                    }
                    let names: Vec<String> = self
                        .view
                        .borrow()
                        .values()
                        // Never a request to a service that has not shown
                        // itself beyond announcements (see `proven`).
                        .filter(|s| s.status.is_up() && s.proven())
                        .map(|s| s.name.clone())
                        .collect();
                    for name in names {
                        if self.unsupported.lock().map(|u| u.contains(&name)).unwrap_or(false) {
                            continue;
                        }
                        let this = self.clone();
                        tokio::spawn(async move {
                            if let Err(e) = this.fetch(&name, "periodic").await {
                                tracing::debug!("periodic config fetch: {e}");
                            }
                        });
                    }
                }
                u = updates.recv() => {
                    let Ok(u) = u else { continue };
                    let was_awaiting = u.service.proven()
                        && self.awaiting_proof.lock().map(|mut a| a.remove(&u.service.name)).unwrap_or(false);
                    if was_awaiting && self.leadership.is_leader() {
                        let this = self.clone();
                        let name = u.service.name.clone();
                        tokio::spawn(async move {
                            if let Err(e) = this.fetch(&name, "new instance").await {
                                tracing::debug!("config fetch after startup: {e}");
                            }
                        });
                    }
                    let Some(t) = &u.transition else { continue };
                    if !self.leadership.is_leader() {
                        continue;
                    }
                    let new_instance = t.to == Status::Starting
                        && (t.cause.starts_with("restarted") || t.cause.starts_with("startup: new instance") || t.cause.starts_with("first seen"));
                    if !new_instance {
                        continue;
                    }
                    if let Ok(mut un) = self.unsupported.lock() {
                        un.remove(&t.service);
                    }
                    let this = self.clone();
                    let name = t.service.clone();
                    let delay = self.settings.after_startup;
                    tokio::spawn(async move {
                        tokio::time::sleep(delay).await;
                        let proven = this.view.borrow().get(&name).is_some_and(|s| s.proven());
                        if !proven {
                            tracing::debug!("config fetch from {name} waits until it answers or heartbeats");
                            if let Ok(mut a) = this.awaiting_proof.lock() {
                                // Bounded like the registry itself.
                                if a.len() < 4096 {
                                    a.insert(name);
                                }
                            }
                            return;
                        }
                        if let Err(e) = this.fetch(&name, "new instance").await {
                            tracing::debug!("config fetch after startup: {e}");
                        }
                    });
                }
            }
        }
    }
}
