//! The generic webhook's body, its HMAC-SHA256 signature and its retry schedule. The body
//! is one JSON object per notification:
//!
//! ```json
//! {"version": 1, "receiver": "ops", "status": "firing", "group_labels": {...},
//!  "alerts": [{"status": "firing", "fingerprint": "...", "labels": {...},
//!              "severity": "critical", "summary": "...", "starts_at_ms": 0}]}
//! ```
//!
//! The signature header is `X-Kryten-Signature: t=<unix seconds>,sha256=<hex>` where the
//! MAC is HMAC-SHA256 over `<t>.<body>` with the receiver's secret; the timestamp lets a
//! receiver refuse replays.

use super::{DeliveryRecord, Secret};
use crate::alerts::engine::Alert;
use crate::alerts::route::Notification;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use std::time::Duration;

pub const SIGNATURE_HEADER: &str = "X-Kryten-Signature";

fn alert_json(a: &Alert, status: &str) -> Value {
    json!({
        "status": status,
        "fingerprint": a.fingerprint,
        "labels": a.labels,
        "severity": a.severity.as_str(),
        "summary": a.summary,
        "starts_at_ms": a.fired_at_ms.unwrap_or(a.active_at_ms),
    })
}

/// The JSON body sent for one notification.
pub fn body(n: &Notification) -> Value {
    let alerts: Vec<Value> = n
        .firing
        .iter()
        .map(|a| alert_json(a, "firing"))
        .chain(n.resolved.iter().map(|a| alert_json(a, "resolved")))
        .collect();
    json!({
        "version": 1,
        "receiver": n.receiver,
        "status": if n.firing.is_empty() { "resolved" } else { "firing" },
        "group_labels": n.group_labels,
        "alerts": alerts,
    })
}

/// HMAC-SHA256 over `<t>.<body>`.
fn mac(secret: &Secret, unix_secs: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()).expect("HMAC takes any key length");
    mac.update(unix_secs.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The value of [`SIGNATURE_HEADER`] for `body` sent at `unix_secs`.
pub fn signature(secret: &Secret, unix_secs: i64, body: &[u8]) -> String {
    let tag = mac(secret, unix_secs, body).finalize().into_bytes();
    format!("t={unix_secs},sha256={}", hex::encode(tag))
}

/// Checks a signature header the way a receiver would (constant-time comparison).
pub fn verify(secret: &Secret, header: &str, body: &[u8]) -> bool {
    let mut t = None;
    let mut sig = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", v)) => t = v.parse::<i64>().ok(),
            Some(("sha256", v)) => sig = hex::decode(v).ok(),
            _ => {}
        }
    }
    let (Some(t), Some(sig)) = (t, sig) else {
        return false;
    };
    mac(secret, t, body).verify_slice(&sig).is_ok()
}

/// Delay before retry `attempt` (1-based): doubling from `base`, capped at `max`.
pub fn backoff(attempt: u32, base: Duration, max: Duration) -> Duration {
    base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16)).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alerts::engine::{fingerprint, Severity, State};
    use crate::alerts::Labels;

    #[test]
    fn body_and_signature() {
        let labels: Labels = [("alertname".to_string(), "ServiceDown".to_string())].into();
        let a = Alert {
            fingerprint: fingerprint(&labels),
            labels: labels.clone(),
            severity: Severity::Critical,
            summary: "nav is down".into(),
            state: State::Firing,
            active_at_ms: 1,
            fired_at_ms: Some(2),
            last_seen_ms: 2,
        };
        let n = Notification {
            receiver: "ops".into(),
            group_labels: labels,
            firing: vec![a],
            resolved: vec![],
        };
        let b = body(&n);
        assert_eq!(b["status"], "firing");
        assert_eq!(b["alerts"][0]["starts_at_ms"], 2);
        let bytes = serde_json::to_vec(&b).unwrap();
        let key = Secret::new("k");
        let h = signature(&key, 1_700_000_000, &bytes);
        assert!(h.starts_with("t=1700000000,sha256="));
        assert!(verify(&key, &h, &bytes));
        assert!(!verify(&Secret::new("other"), &h, &bytes));
        assert!(!verify(&key, &h, b"tampered"));
        assert!(!verify(&key, "garbage", &bytes));
    }

    #[test]
    fn known_hmac_vector() {
        // RFC 4231 test case 2 ("Jefe"), through the same MAC the signature uses.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let (b, m) = (Duration::from_millis(100), Duration::from_secs(1));
        assert_eq!(backoff(1, b, m), Duration::from_millis(100));
        assert_eq!(backoff(3, b, m), Duration::from_millis(400));
        assert_eq!(backoff(9, b, m), m);
        assert_eq!(backoff(u32::MAX, b, m), m);
    }
}

/// A generic webhook: the body above, signed when a secret is set, retried with back-off.
#[derive(Debug, Clone)]
pub struct WebhookReceiver {
    pub name: String,
    /// The URL may carry a token, so it is a secret too.
    pub url: Secret,
    pub secret: Option<Secret>,
    /// Per attempt.
    pub timeout: Duration,
    pub attempts: u32,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
}

impl WebhookReceiver {
    /// Posts `n`, retrying failures (connection errors, timeouts, 5xx, 429) up to
    /// `attempts` times. Returns one record per attempt; `now_ms` is the time of the first
    /// and later ones add the time spent.
    pub async fn deliver(&self, client: &reqwest::Client, n: &Notification, now_ms: i64) -> Vec<DeliveryRecord> {
        let body = serde_json::to_vec(&body(n)).unwrap_or_default();
        let started = std::time::Instant::now();
        let mut records = Vec::new();
        for attempt in 1..=self.attempts.max(1) {
            if attempt > 1 {
                tokio::time::sleep(backoff(attempt - 1, self.backoff_base, self.backoff_max)).await;
            }
            let at_ms = now_ms.saturating_add(i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX));
            let mut req = client
                .post(self.url.expose())
                .timeout(self.timeout)
                .header("content-type", "application/json")
                .body(body.clone());
            if let Some(key) = &self.secret {
                req = req.header(SIGNATURE_HEADER, signature(key, at_ms.div_euclid(1000), &body));
            }
            let (ok, status, error, retry) = match req.send().await {
                Ok(resp) => {
                    let s = resp.status();
                    let retry = s.is_server_error() || s.as_u16() == 429;
                    let error = (!s.is_success()).then(|| format!("HTTP {s}"));
                    (s.is_success(), Some(i64::from(s.as_u16())), error, retry)
                }
                Err(e) => {
                    let e = e.without_url();
                    (false, None, Some(self.url.scrub(&e.to_string())), true)
                }
            };
            records.push(DeliveryRecord {
                at_ms,
                receiver: self.name.clone(),
                ok,
                status,
                error,
            });
            if ok || !retry {
                break;
            }
        }
        records
    }
}

#[cfg(test)]
mod http_tests {
    use super::*;
    use crate::alerts::Labels;
    use std::sync::{Arc, Mutex};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    type Seen = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

    /// A loopback HTTP server answering with `statuses` in turn (the last one repeats);
    /// it records each request's signature header and body.
    async fn server(statuses: Vec<u16>) -> (String, Seen) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let seen: Seen = Arc::default();
        let log = seen.clone();
        tokio::spawn(async move {
            let mut i = 0;
            while let Ok((mut sock, _)) = listener.accept().await {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                let (head_end, len) = loop {
                    let n = sock.read(&mut chunk).await.unwrap();
                    assert!(n > 0, "request ended early");
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..p]).to_lowercase();
                        let len = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .map_or(0, |v| v.trim().parse::<usize>().unwrap());
                        break (p + 4, len);
                    }
                };
                while buf.len() < head_end + len {
                    let n = sock.read(&mut chunk).await.unwrap();
                    buf.extend_from_slice(&chunk[..n]);
                }
                let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
                let sig = head
                    .lines()
                    .find_map(|l| {
                        l.to_lowercase()
                            .starts_with("x-kryten-signature:")
                            .then(|| l[19..].trim().to_string())
                    })
                    .unwrap_or_default();
                log.lock().unwrap().push((sig, buf[head_end..head_end + len].to_vec()));
                let status = statuses[i.min(statuses.len() - 1)];
                i += 1;
                let resp = format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                let _ = sock.write_all(resp.as_bytes()).await;
            }
        });
        (url, seen)
    }

    fn receiver(url: &str) -> WebhookReceiver {
        WebhookReceiver {
            name: "ops".into(),
            url: Secret::new(url),
            secret: Some(Secret::new("s3cret")),
            timeout: Duration::from_secs(5),
            attempts: 3,
            backoff_base: Duration::from_millis(20),
            backoff_max: Duration::from_millis(100),
        }
    }

    fn notification() -> Notification {
        Notification {
            receiver: "ops".into(),
            group_labels: Labels::from([("alertname".to_string(), "ServiceDown".to_string())]),
            firing: vec![],
            resolved: vec![],
        }
    }

    #[tokio::test]
    async fn delivers_a_signed_body() {
        let (url, seen) = server(vec![200]).await;
        let r = receiver(&url)
            .deliver(&reqwest::Client::new(), &notification(), 1_000)
            .await;
        assert_eq!(r.len(), 1);
        assert!(r[0].ok, "{r:?}");
        assert_eq!(r[0].status, Some(200));
        let seen = seen.lock().unwrap();
        let (sig, body) = &seen[0];
        assert!(verify(&Secret::new("s3cret"), sig, body), "signature {sig:?}");
        let v: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert_eq!(v["group_labels"]["alertname"], "ServiceDown");
    }

    #[tokio::test]
    async fn server_errors_are_retried_then_reported() {
        let (url, seen) = server(vec![500]).await;
        let r = receiver(&url)
            .deliver(&reqwest::Client::new(), &notification(), 0)
            .await;
        assert_eq!(r.len(), 3);
        assert!(r.iter().all(|d| !d.ok && d.status == Some(500)));
        assert_eq!(seen.lock().unwrap().len(), 3);

        let (url, _) = server(vec![500, 200]).await;
        let r = receiver(&url)
            .deliver(&reqwest::Client::new(), &notification(), 0)
            .await;
        assert_eq!((r.len(), r[1].ok), (2, true));
    }

    #[tokio::test]
    async fn errors_do_not_show_the_url() {
        // A port nothing listens on: bind, note it, drop the listener.
        let port = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let url = format!("http://127.0.0.1:{port}/token-abc123");
        let mut rcv = receiver(&url);
        rcv.attempts = 1;
        let r = rcv.deliver(&reqwest::Client::new(), &notification(), 0).await;
        assert!(!r[0].ok);
        let e = r[0].error.clone().unwrap();
        assert!(!e.contains("token-abc123"), "{e}");
        assert!(!format!("{rcv:?}").contains("token-abc123"));
    }
}
