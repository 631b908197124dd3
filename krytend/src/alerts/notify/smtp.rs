//! Email over SMTP (lettre): plain, STARTTLS or TLS, with optional
//! authentication. The password is a [`Secret`] and never appears in
//! errors or records. A private CA (`ca_file`, PEM) is trusted besides the
//! public roots, for a relay whose certificate no public CA signed.

use std::{path::PathBuf, time::Duration};

use lettre::{
    message::{header::ContentType, Mailbox},
    transport::smtp::{
        authentication::Credentials,
        client::{Certificate, Tls, TlsParameters},
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use serde::{Deserialize, Serialize};

use super::{secret::Secret, text, DeliveryRecord};
use crate::alerts::route::Notification;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// Plain SMTP (a relay on the same host).
    None,
    /// Upgrade with STARTTLS; refuse a server that cannot.
    #[default]
    Starttls,
    /// TLS from the first byte (SMTPS, usually port 465).
    Tls,
}

#[derive(Debug, Clone)]
pub struct SmtpReceiver {
    pub name: String,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub from: String,
    pub to: Vec<String>,
    pub timeout: Duration,
    /// PEM certificates (a private CA) trusted besides the public roots;
    /// read at each delivery, so a renewed file needs no reload.
    pub ca_file: Option<PathBuf>,
}

/// A `ca_file` is readable and holds a PEM certificate: checked when the
/// config is loaded or reloaded, so a wrong path is a config error then,
/// not a failed delivery at the first alert. (Each delivery reads the file
/// again, so a renewed certificate needs no reload.)
pub fn check_ca_file(path: &std::path::Path) -> Result<(), String> {
    read_ca_file(path).map(|_| ())
}

/// The certificates of a `ca_file`. A file without a single PEM
/// certificate is refused: the TLS library would take it as an empty
/// list and the private CA would silently not be trusted.
fn read_ca_file(path: &std::path::Path) -> Result<Certificate, String> {
    let pem = std::fs::read(path).map_err(|e| format!("ca_file {}: {e}", path.display()))?;
    let not_pem = |why: String| format!("ca_file {}: not a PEM certificate ({why})", path.display());
    if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
        return Err(not_pem("no BEGIN CERTIFICATE block".into()));
    }
    Certificate::from_pem(&pem).map_err(|e| not_pem(e.to_string()))
}

impl SmtpReceiver {
    fn message(&self, n: &Notification) -> Result<Message, String> {
        let from: Mailbox = self.from.parse().map_err(|e| format!("from {:?}: {e}", self.from))?;
        let mut b = Message::builder().from(from).subject(text::subject(n));
        for to in &self.to {
            let to: Mailbox = to.parse().map_err(|e| format!("to {to:?}: {e}"))?;
            b = b.to(to);
        }
        b.header(ContentType::TEXT_PLAIN)
            .body(text::body(n) + "\n")
            .map_err(|e| e.to_string())
    }

    /// TLS parameters for `host`: the public roots, plus `ca_file` if set.
    fn tls_parameters(&self) -> Result<TlsParameters, String> {
        let mut b = TlsParameters::builder(self.host.clone());
        if let Some(path) = &self.ca_file {
            b = b.add_root_certificate(read_ca_file(path)?);
        }
        b.build().map_err(|e| e.to_string())
    }

    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host);
        let b = match self.security {
            Security::None => b,
            Security::Starttls => b.tls(Tls::Required(self.tls_parameters()?)),
            Security::Tls => b.tls(Tls::Wrapper(self.tls_parameters()?)),
        };
        let mut b = b.port(self.port).timeout(Some(self.timeout));
        if let (Some(user), Some(pass)) = (&self.username, &self.password) {
            b = b.credentials(Credentials::new(user.clone(), pass.expose().to_string()));
        }
        Ok(b.build())
    }

    pub async fn deliver(&self, n: &Notification, now_ms: i64) -> DeliveryRecord {
        let sent = match (self.message(n), self.transport()) {
            (Ok(m), Ok(t)) => t
                .send(m)
                .await
                .map(|r| r.code().to_string().parse::<i64>().unwrap_or(0))
                .map_err(|e| {
                    let text = e.to_string();
                    match &self.password {
                        Some(p) => p.scrub(&text),
                        None => text,
                    }
                }),
            (Err(e), _) | (_, Err(e)) => Err(e),
        };
        DeliveryRecord {
            at_ms: now_ms,
            receiver: self.name.clone(),
            ok: sent.is_ok(),
            status: sent.as_ref().ok().copied(),
            error: sent.err(),
        }
    }
}
