//! Receivers named in the `alerts.receivers` section: where notifications
//! go. The built-in `log` receiver writes them to krytend's log. URLs and
//! secrets are kept in [`Secret`], so no Debug or error message shows them.

use std::{collections::BTreeMap, path::PathBuf, time::Duration};

use serde::{Deserialize, Serialize};

use super::route::Notification;
use crate::alerts::notify::{
    chat::{ChatReceiver, Flavor},
    exec::ExecReceiver,
    secret::Secret,
    smtp::{Security, SmtpReceiver},
    webhook::WebhookReceiver,
    DeliveryRecord,
};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReceiverConfig {
    /// POSTs the notification as JSON (docs/alerts.md), signed with
    /// `X-Kryten-Signature` when a secret is set, retried with back-off.
    Webhook {
        #[serde(serialize_with = "redacted")]
        url: String,
        #[serde(default, serialize_with = "redacted_opt")]
        secret: Option<String>,
        #[serde(default, with = "humantime_serde")]
        timeout: Option<Duration>,
        #[serde(default)]
        attempts: Option<u32>,
    },
    /// Runs a command with the notification's JSON on stdin.
    Exec {
        command: PathBuf,
        #[serde(default)]
        args: Vec<String>,
        #[serde(default, with = "humantime_serde")]
        timeout: Option<Duration>,
    },
    /// Email over SMTP.
    Smtp {
        host: String,
        #[serde(default)]
        port: Option<u16>,
        #[serde(default)]
        security: Security,
        #[serde(default)]
        username: Option<String>,
        #[serde(default, serialize_with = "redacted_opt")]
        password: Option<String>,
        from: String,
        to: Vec<String>,
        #[serde(default, with = "humantime_serde")]
        timeout: Option<Duration>,
        /// PEM file of certificates (a private CA) to trust besides the
        /// public roots, with `starttls` and `tls`.
        #[serde(default)]
        ca_file: Option<PathBuf>,
    },
    /// Slack incoming webhook (`{"text": …}`).
    Slack {
        #[serde(serialize_with = "redacted")]
        url: String,
    },
    /// Mattermost incoming webhook (`{"text": …}`).
    Mattermost {
        #[serde(serialize_with = "redacted")]
        url: String,
    },
    /// Discord webhook (`{"content": …}`).
    Discord {
        #[serde(serialize_with = "redacted")]
        url: String,
    },
    /// krytend's own log.
    Log,
}

fn redacted<S: serde::Serializer>(_: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str("***")
}

fn redacted_opt<S: serde::Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(_) => s.serialize_str("***"),
        None => s.serialize_none(),
    }
}

/// A receiver ready to deliver.
#[derive(Debug, Clone)]
pub enum Receiver {
    Webhook(WebhookReceiver),
    Exec(ExecReceiver),
    Smtp(SmtpReceiver),
    Chat(ChatReceiver),
    Log(String),
}

/// The receiver every config has, whether it names it or not.
pub const LOG_RECEIVER: &str = "log";

pub fn build(configs: &BTreeMap<String, ReceiverConfig>) -> BTreeMap<String, Receiver> {
    let mut out = BTreeMap::new();
    out.insert(LOG_RECEIVER.to_string(), Receiver::Log(LOG_RECEIVER.to_string()));
    for (name, c) in configs {
        let r = match c {
            ReceiverConfig::Webhook {
                url,
                secret,
                timeout,
                attempts,
            } => Receiver::Webhook(WebhookReceiver {
                name: name.clone(),
                url: Secret::new(url.clone()),
                secret: secret.clone().map(Secret::new),
                timeout: timeout.unwrap_or(Duration::from_secs(10)).min(Duration::from_secs(120)),
                attempts: attempts.unwrap_or(3).clamp(1, 10),
                backoff_base: Duration::from_millis(500),
                backoff_max: Duration::from_secs(30),
            }),
            ReceiverConfig::Exec { command, args, timeout } => Receiver::Exec(ExecReceiver {
                name: name.clone(),
                program: command.clone(),
                args: args.clone(),
                timeout: timeout.unwrap_or(Duration::from_secs(30)).min(Duration::from_secs(600)),
            }),
            ReceiverConfig::Smtp {
                host,
                port,
                security,
                username,
                password,
                from,
                to,
                timeout,
                ca_file,
            } => Receiver::Smtp(SmtpReceiver {
                name: name.clone(),
                host: host.clone(),
                port: port.unwrap_or(match security {
                    Security::None => 25,
                    Security::Starttls => 587,
                    Security::Tls => 465,
                }),
                security: *security,
                username: username.clone(),
                password: password.clone().map(Secret::new),
                from: from.clone(),
                to: to.clone(),
                timeout: timeout.unwrap_or(Duration::from_secs(30)).min(Duration::from_secs(300)),
                ca_file: ca_file.clone(),
            }),
            ReceiverConfig::Slack { url } | ReceiverConfig::Mattermost { url } | ReceiverConfig::Discord { url } => {
                let flavor = match c {
                    ReceiverConfig::Slack { .. } => Flavor::Slack,
                    ReceiverConfig::Mattermost { .. } => Flavor::Mattermost,
                    _ => Flavor::Discord,
                };
                Receiver::Chat(ChatReceiver {
                    name: name.clone(),
                    flavor,
                    url: Secret::new(url.clone()),
                    timeout: Duration::from_secs(10),
                })
            }
            ReceiverConfig::Log => Receiver::Log(name.clone()),
        };
        out.insert(name.clone(), r);
    }
    out
}

impl Receiver {
    /// Delivers `n`; one record per attempt.
    pub async fn deliver(&self, client: &reqwest::Client, n: &Notification, now_ms: i64) -> Vec<DeliveryRecord> {
        match self {
            Receiver::Webhook(w) => w.deliver(client, n, now_ms).await,
            Receiver::Exec(e) => vec![e.deliver(n, now_ms).await],
            Receiver::Smtp(m) => vec![m.deliver(n, now_ms).await],
            Receiver::Chat(c) => vec![c.deliver(client, n, now_ms).await],
            Receiver::Log(name) => {
                for a in &n.firing {
                    tracing::warn!("alert firing: {} {:?}: {}", a.severity.as_str(), a.labels, a.summary);
                }
                for a in &n.resolved {
                    tracing::info!("alert resolved: {:?}: {}", a.labels, a.summary);
                }
                vec![DeliveryRecord {
                    at_ms: now_ms,
                    receiver: name.clone(),
                    ok: true,
                    status: None,
                    error: None,
                }]
            }
        }
    }
}
