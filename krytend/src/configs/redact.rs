//! Redaction of service configs on our side, whatever the service did:
//! the shared rules of [`crate::redact`] with a keyed-hash placeholder, so
//! a changed secret shows as changed without its value ever being stored.
//! Also the normal form and content hash configs are compared by.

use serde_json::Value;
use sha2::{Digest, Sha256};

pub use crate::redact::DEFAULT_SECRET_KEYS;

pub struct Redactor(crate::redact::Redactor);

impl Redactor {
    pub fn new(keys: &[String], hmac_key: Vec<u8>) -> Self {
        Self(crate::redact::Redactor::tagged(keys, hmac_key))
    }

    pub fn redact(&self, v: &Value) -> Value {
        self.0.value(v)
    }
}

/// Keys sorted at every level, so order and formatting are no differences.
pub fn normalize(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(keys.into_iter().map(|k| (k.clone(), normalize(&m[k]))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(normalize).collect()),
        other => other.clone(),
    }
}

/// Content hash of a normalized config.
pub fn content_hash(v: &Value) -> String {
    hex::encode(Sha256::digest(normalize(v).to_string().as_bytes()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn r() -> Redactor {
        Redactor::new(&DEFAULT_SECRET_KEYS.map(String::from), b"k".to_vec())
    }

    #[test]
    fn secrets_become_tagged_placeholders_and_structure_stays() {
        let v = json!({"nats": {"user": "u", "password": "hunter2", "servers": ["nats://u:pw@h:4222", "nats://h:1"]},
            "cytube": {"password": "***REDACTED***"}, "apiKey": 42, "auth": null, "log_level": "INFO",
            "db": {"tokens": ["one-secret", "two-secret"]}, "dsn": "postgres://h/db?sslmode=off&password=pq-secret"});
        let out = r().redact(&v);
        let pw = out["nats"]["password"].as_str().expect("string");
        assert!(pw.starts_with("***REDACTED:") && !pw.contains("hunter2"), "{pw}");
        assert_eq!(out["cytube"]["password"], "***REDACTED***");
        assert!(out["apiKey"].as_str().is_some_and(|s| s.starts_with("***REDACTED:")));
        assert_eq!(out["auth"], Value::Null);
        assert_eq!(out["log_level"], "INFO");
        let s0 = out["nats"]["servers"][0].as_str().expect("url");
        assert!(
            s0.starts_with("nats://u:***REDACTED:") && s0.ends_with("@h:4222") && !s0.contains("pw@"),
            "{s0}"
        );
        assert_eq!(out["nats"]["servers"][1], "nats://h:1");
        assert_eq!(out["db"]["tokens"].as_array().map(Vec::len), Some(2), "shape kept");
        let text = out.to_string();
        for leak in ["hunter2", "one-secret", "two-secret", "pq-secret"] {
            assert!(!text.contains(leak), "{leak} in {text}");
        }
    }

    #[test]
    fn key_order_is_not_a_difference() {
        let a = json!({"b": 1, "a": {"y": [1, 2], "x": true}});
        let b = json!({"a": {"x": true, "y": [1, 2]}, "b": 1});
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_ne!(
            content_hash(&a),
            content_hash(&json!({"a": {"x": true, "y": [2, 1]}, "b": 1}))
        );
    }
}
