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

use super::Secret;
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

/// The value of [`SIGNATURE_HEADER`] for `body` sent at `unix_secs`.
pub fn signature(secret: &Secret, unix_secs: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()).expect("HMAC takes any key length");
    mac.update(unix_secs.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={unix_secs},sha256={}", hex::encode(mac.finalize().into_bytes()))
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
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()).expect("HMAC takes any key length");
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&sig).is_ok()
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
