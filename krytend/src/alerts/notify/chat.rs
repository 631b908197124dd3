//! Slack-, Mattermost- and Discord-compatible incoming webhooks: the
//! notification as one text message in the shape each expects.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{secret::Secret, text, DeliveryRecord};
use crate::alerts::route::Notification;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flavor {
    /// `{"text": …}` (Slack and Mattermost).
    Slack,
    Mattermost,
    /// `{"content": …}`, at most 2,000 characters.
    Discord,
}

#[derive(Debug, Clone)]
pub struct ChatReceiver {
    pub name: String,
    pub flavor: Flavor,
    /// The URL is the credential.
    pub url: Secret,
    pub timeout: Duration,
}

impl ChatReceiver {
    pub fn payload(&self, n: &Notification) -> serde_json::Value {
        let text = format!("*{}*\n{}", text::subject(n), text::body(n));
        match self.flavor {
            Flavor::Slack | Flavor::Mattermost => json!({ "text": text }),
            Flavor::Discord => json!({ "content": text.chars().take(2000).collect::<String>() }),
        }
    }

    pub async fn deliver(&self, client: &reqwest::Client, n: &Notification, now_ms: i64) -> DeliveryRecord {
        let sent = client
            .post(self.url.expose())
            .timeout(self.timeout)
            .header("content-type", "application/json")
            .body(self.payload(n).to_string())
            .send()
            .await;
        let (ok, status, error) = match sent {
            Ok(r) => {
                let s = r.status();
                (
                    s.is_success(),
                    Some(i64::from(s.as_u16())),
                    (!s.is_success()).then(|| format!("HTTP {s}")),
                )
            }
            Err(e) => (false, None, Some(self.url.scrub(&e.without_url().to_string()))),
        };
        DeliveryRecord {
            at_ms: now_ms,
            receiver: self.name.clone(),
            ok,
            status,
            error,
        }
    }
}
