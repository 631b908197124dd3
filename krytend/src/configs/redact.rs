//! Redaction of service configs on our side, whatever the service did:
//! secret-looking keys and credentials in URLs. The structure is kept, and
//! a secret becomes a placeholder carrying a keyed hash of its value, so a
//! changed secret shows as changed without its value ever being stored.

use regex::Regex;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// Key fragments that mark a secret (case-insensitive).
pub const DEFAULT_SECRET_KEYS: [&str; 6] = ["password", "secret", "token", "key", "credential", "auth"];

pub struct Redactor {
    keys: Vec<String>,
    hmac_key: Vec<u8>,
    url_creds: Regex,
}

impl Redactor {
    pub fn new(keys: &[String], hmac_key: Vec<u8>) -> Self {
        Self {
            keys: keys.iter().map(|k| k.to_ascii_lowercase()).collect(),
            hmac_key,
            // scheme://user:pass@ — the password part.
            url_creds: Regex::new(r"(?P<pre>[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*:)(?P<pw>[^@/\s]+)@")
                .expect("a constant pattern that compiles"),
        }
    }

    fn is_secret_key(&self, key: &str) -> bool {
        let k = key.to_ascii_lowercase();
        self.keys.iter().any(|s| k.contains(s.as_str()))
    }

    /// HMAC-SHA256(key, value), first 8 bytes in hex.
    fn tag(&self, value: &str) -> String {
        const BLOCK: usize = 64;
        let mut k = if self.hmac_key.len() > BLOCK {
            Sha256::digest(&self.hmac_key).to_vec()
        } else {
            self.hmac_key.clone()
        };
        k.resize(BLOCK, 0);
        let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
        let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
        let inner = Sha256::new()
            .chain_update(&ipad)
            .chain_update(value.as_bytes())
            .finalize();
        let outer = Sha256::new().chain_update(&opad).chain_update(inner).finalize();
        hex::encode(&outer[..8])
    }

    fn placeholder(&self, value: &Value) -> Value {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        // What the service already hid stays as it said.
        if text.contains("REDACTED") || text.chars().all(|c| c == '*') {
            return Value::String(text);
        }
        Value::String(format!("***REDACTED:{}***", self.tag(&text)))
    }

    pub fn redact(&self, v: &Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| {
                        let out = if self.is_secret_key(k) && !v.is_null() && !v.is_object() && !v.is_array() {
                            self.placeholder(v)
                        } else {
                            self.redact(v)
                        };
                        (k.clone(), out)
                    })
                    .collect::<Map<_, _>>(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.redact(x)).collect()),
            Value::String(s) => Value::String(
                self.url_creds
                    .replace_all(s, |c: &regex::Captures| {
                        format!("{}***REDACTED:{}***@", &c["pre"], self.tag(&c["pw"]))
                    })
                    .into_owned(),
            ),
            other => other.clone(),
        }
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
            "cytube": {"password": "***REDACTED***"}, "apiKey": 42, "auth": null, "log_level": "INFO"});
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
        assert!(!out.to_string().contains("hunter2"));
    }

    #[test]
    fn the_same_secret_tags_the_same_and_a_changed_one_differently() {
        let a = r().redact(&json!({"password": "one"}));
        let b = r().redact(&json!({"password": "one"}));
        let c = r().redact(&json!({"password": "two"}));
        assert_eq!(a, b);
        assert_ne!(a, c);
        let other_key = Redactor::new(&DEFAULT_SECRET_KEYS.map(String::from), b"other".to_vec());
        assert_ne!(
            a,
            other_key.redact(&json!({"password": "one"})),
            "keyed: not a plain hash"
        );
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
