//! Redaction, decided in one place for configs, log records, status and
//! the audit: one list of secret-looking keys, whole subtrees under such a
//! key, credentials in URLs (with or without a scheme, passwords holding
//! `/` or `@`), and secret query parameters.
//!
//! Configs get a keyed-hash placeholder (`***REDACTED:<tag>***`) so a
//! changed secret shows as changed; everything else gets a plain mask.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// Key fragments that mark a secret (case-insensitive substrings).
pub const DEFAULT_SECRET_KEYS: [&str; 11] = [
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "key",
    "credential",
    "auth",
    "private",
    "cookie",
    "session",
];

/// What a masked value becomes without a tag.
pub const MASK: &str = "***REDACTED***";
/// What a masked password inside a URL becomes without a tag.
pub const URL_MASK: &str = "***";

pub struct Redactor {
    keys: Vec<String>,
    /// With a key, secrets become `***REDACTED:<hmac>***`.
    tag_key: Option<Vec<u8>>,
    /// Matches raw bytes that may hold a secret (`@`, `=` or a secret key
    /// fragment): a payload without a match is kept as it is, unparsed.
    /// None: every payload is looked at.
    suspect: Option<regex::bytes::Regex>,
}

static SHARED: OnceLock<Redactor> = OnceLock::new();

/// Sets the key list every plain redaction uses (configured once, at
/// start); later calls are ignored.
pub fn install(keys: &[String]) {
    let _ = SHARED.set(Redactor::new(keys));
}

/// The plain redactor with the configured key list (the default list if
/// none was installed).
pub fn shared() -> &'static Redactor {
    SHARED.get_or_init(|| Redactor::new(&DEFAULT_SECRET_KEYS.map(String::from)))
}

/// A URL or any text with its credentials masked, for display.
pub fn url(text: &str) -> String {
    shared().text(text)
}

fn query_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| Regex::new(r"([?&;])([A-Za-z0-9_.\-\[\]]+)=([^&#\s]*)").expect("a constant pattern"))
}

fn placeholder_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| Regex::new(r"^\**\[?REDACTED(:[0-9a-f]+)?\]?\**$").expect("a constant pattern"))
}

/// What a service already hid, exactly (not a value that merely contains
/// the word).
pub fn is_placeholder(s: &str) -> bool {
    (!s.is_empty() && s.chars().all(|c| c == '*')) || placeholder_pattern().is_match(s)
}

impl Redactor {
    /// Plain masks.
    pub fn new(keys: &[String]) -> Self {
        let mut alternatives = vec!["@".to_string(), "=".to_string()];
        alternatives.extend(keys.iter().filter(|k| !k.is_empty()).map(|k| regex::escape(k)));
        Self {
            keys: keys.iter().map(|k| k.to_ascii_lowercase()).collect(),
            tag_key: None,
            suspect: regex::bytes::Regex::new(&format!("(?i){}", alternatives.join("|"))).ok(),
        }
    }

    /// A message's payload (JSON or text) with its secrets masked as a log
    /// record's are, or None when it holds none (then it is kept byte for
    /// byte). JSON stays JSON, its shape kept.
    pub fn payload(&self, raw: &[u8]) -> Option<Vec<u8>> {
        if self.suspect.as_ref().is_some_and(|r| !r.is_match(raw)) {
            return None;
        }
        match serde_json::from_slice::<Value>(raw) {
            Ok(v) => {
                let masked = self.value(&v);
                (masked != v).then(|| serde_json::to_vec(&masked).unwrap_or_default())
            }
            Err(_) => {
                let text = String::from_utf8_lossy(raw);
                let masked = self.text(&text);
                (masked != text).then(|| masked.into_bytes())
            }
        }
    }

    /// Keyed-hash placeholders.
    pub fn tagged(keys: &[String], hmac_key: Vec<u8>) -> Self {
        Self {
            tag_key: Some(hmac_key),
            ..Self::new(keys)
        }
    }

    pub fn is_secret_key(&self, key: &str) -> bool {
        let k = key.to_ascii_lowercase();
        self.keys.iter().any(|s| k.contains(s.as_str()))
    }

    /// HMAC-SHA256(key, value), first 8 bytes in hex.
    fn tag(key: &[u8], value: &str) -> String {
        const BLOCK: usize = 64;
        let mut k = if key.len() > BLOCK {
            Sha256::digest(key).to_vec()
        } else {
            key.to_vec()
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

    fn mask_value(&self, secret: &str) -> String {
        match &self.tag_key {
            Some(k) => format!("***REDACTED:{}***", Self::tag(k, secret)),
            None => MASK.to_string(),
        }
    }

    fn mask_in_text(&self, secret: &str) -> String {
        match &self.tag_key {
            Some(k) => format!("***REDACTED:{}***", Self::tag(k, secret)),
            None => URL_MASK.to_string(),
        }
    }

    /// Every leaf under a secret key masked, the shape kept (so a config
    /// diff still shows which entry changed); nulls stay null.
    fn subtree(&self, v: &Value) -> Value {
        match v {
            Value::Null => Value::Null,
            Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), self.subtree(v))).collect()),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.subtree(x)).collect()),
            Value::String(s) if is_placeholder(s) => v.clone(),
            Value::String(s) => Value::String(self.mask_value(s)),
            other => Value::String(self.mask_value(&other.to_string())),
        }
    }

    /// A JSON value with its secrets masked, structure kept.
    pub fn value(&self, v: &Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(self.map(m)),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.value(x)).collect()),
            Value::String(s) => Value::String(self.text(s)),
            other => other.clone(),
        }
    }

    pub fn map(&self, m: &Map<String, Value>) -> Map<String, Value> {
        m.iter()
            .map(|(k, v)| {
                let out = if self.is_secret_key(k) {
                    self.subtree(v)
                } else {
                    self.value(v)
                };
                (k.clone(), out)
            })
            .collect()
    }

    /// Free text (a URL, a log message) with credentials masked: URL
    /// user-info, scheme-less `user:pass@host`, secret query parameters.
    pub fn text(&self, s: &str) -> String {
        // Cheap test first: most strings hold neither.
        if !s.contains('@') && !s.contains('=') {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while !rest.is_empty() {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push_str(&self.token(&rest[..end]));
            let after = &rest[end..];
            let ws = after.len() - after.trim_start().len();
            out.push_str(&after[..ws]);
            rest = &after[ws..];
        }
        if out.contains('=') {
            out = query_pattern()
                .replace_all(&out, |c: &regex::Captures| {
                    if self.is_secret_key(&c[2]) && !is_placeholder(&c[3]) && !c[3].is_empty() {
                        format!("{}{}={}", &c[1], &c[2], self.mask_in_text(&c[3]))
                    } else {
                        c[0].to_string()
                    }
                })
                .into_owned();
        }
        out
    }

    /// One whitespace-free token: user-info masked. The user-info runs to
    /// the *last* `@`, so a password holding `@` or `/` is masked whole;
    /// a plain host followed by a path with `@` (`https://h/@scope`) is
    /// left alone. Ambiguous cases are masked rather than shown.
    fn token(&self, t: &str) -> String {
        let Some(at) = t.rfind('@') else {
            return t.to_string();
        };
        let (prefix, authority_start) = match t.find("://") {
            Some(i) if i < at => (&t[..i + 3], i + 3),
            _ => {
                // Scheme-less: only `user:pass@host` (an `@` with a `:`
                // before it); `git@host:path` and e-mail addresses stay.
                let userinfo = &t[..at];
                return match userinfo.split_once(':') {
                    Some((user, pass)) if !user.is_empty() && !pass.is_empty() && !is_placeholder(pass) => {
                        format!("{user}:{}{}", self.mask_in_text(pass), &t[at..])
                    }
                    _ => t.to_string(),
                };
            }
        };
        let rest = &t[authority_start..];
        let at = at - authority_start;
        let userinfo = &rest[..at];
        if let Some(slash) = userinfo.find('/') {
            if !userinfo[..slash].contains(':') {
                return t.to_string();
            }
        }
        match userinfo.split_once(':') {
            Some((user, pass)) if is_placeholder(pass) => format!("{prefix}{user}:{pass}{}", &rest[at..]),
            Some((user, pass)) => format!("{prefix}{user}:{}{}", self.mask_in_text(pass), &rest[at..]),
            None if is_placeholder(userinfo) => t.to_string(),
            None => format!("{prefix}{}{}", self.mask_in_text(userinfo), &rest[at..]),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn plain() -> Redactor {
        Redactor::new(&DEFAULT_SECRET_KEYS.map(String::from))
    }

    fn tagged() -> Redactor {
        Redactor::tagged(&DEFAULT_SECRET_KEYS.map(String::from), b"k".to_vec())
    }

    #[test]
    fn payloads_are_masked_as_json_or_text_and_kept_when_clean() {
        let r = plain();
        let masked = r
            .payload(br#"{"message":"dsn nats://u:FAKE1@h:4222","db_pwd":"FAKE2","n":1}"#)
            .expect("masked");
        let v: Value = serde_json::from_slice(&masked).expect("still JSON");
        assert_eq!(v["db_pwd"], json!(MASK));
        assert_eq!(v["message"], json!("dsn nats://u:***@h:4222"));
        assert_eq!(v["n"], json!(1));
        let text = r.payload(b"GET https://h/x?password=FAKE3 done").expect("masked");
        assert!(!String::from_utf8_lossy(&text).contains("FAKE3"));
        // Nothing that could be a secret: kept byte for byte, unparsed.
        assert_eq!(r.payload(br#"{"message":"all fine","n":1}"#), None);
        // A key-like word with nothing secret under it: kept too.
        assert_eq!(r.payload(br#"{"message":"monkey business"}"#), None);
    }

    #[test]
    fn lists_and_objects_under_secret_keys_are_masked_whole() {
        let v = json!({"tokens": ["t-one", "t-two"], "credentials": {"user": "u", "nested": {"x": "deep"}},
            "api_key": 42, "auth": null});
        let out = plain().value(&v);
        assert_eq!(
            out,
            json!({"tokens": [MASK, MASK], "credentials": {"user": MASK, "nested": {"x": MASK}},
                "api_key": MASK, "auth": null})
        );
        let t = tagged().value(&v).to_string();
        for leak in ["t-one", "t-two", "deep", "42"] {
            assert!(!t.contains(leak), "{leak} in {t}");
        }
    }

    #[test]
    fn more_secret_keys_are_known() {
        for k in [
            "passwd",
            "db_pwd",
            "private_key_pem",
            "Cookie",
            "session_id",
            "PASSWORD",
        ] {
            assert!(plain().is_secret_key(k), "{k}");
            assert_eq!(plain().value(&json!({k: "v"}))[k], MASK, "{k}");
        }
        assert!(!plain().is_secret_key("log_level"));
    }

    #[test]
    fn query_string_secrets_are_masked() {
        let r = plain();
        assert_eq!(
            r.text("https://h/db?user=u&password=hunter2&x=1"),
            "https://h/db?user=u&password=***&x=1"
        );
        assert_eq!(r.text("GET /login?token=abc#frag"), "GET /login?token=***#frag");
        assert!(!tagged().text("h:1/x?api_key=zzz9").contains("zzz9"));
    }

    #[test]
    fn a_value_that_merely_contains_redacted_is_still_masked() {
        let r = plain();
        assert_eq!(r.value(&json!({"password": "hunter2-REDACTED"}))["password"], MASK);
        assert_eq!(r.value(&json!({"password": "REDACTEDhunter2"}))["password"], MASK);
        // What the service hid exactly stays as it said.
        for hidden in ["***REDACTED***", "REDACTED", "[REDACTED]", "****"] {
            assert_eq!(r.value(&json!({"password": hidden}))["password"], hidden);
        }
        let t = tagged().value(&json!({"password": "x REDACTED y"}));
        assert!(
            t["password"].as_str().is_some_and(|s| s.starts_with("***REDACTED:")),
            "{t}"
        );
    }

    #[test]
    fn url_passwords_holding_slash_or_at_are_masked_whole() {
        let r = plain();
        assert_eq!(r.text("nats://u:p/ss@w0rd@h:4222"), "nats://u:***@h:4222");
        assert_eq!(r.text("nats://u:p@ss@h:4222/x"), "nats://u:***@h:4222/x");
        assert_eq!(r.text("nats://tok@h:4222"), "nats://***@h:4222");
        assert_eq!(r.text("nats://h:4222"), "nats://h:4222");
        assert_eq!(
            r.text("https://registry.example/@scope/pkg"),
            "https://registry.example/@scope/pkg"
        );
        assert_eq!(
            r.text("servers nats://a:b@h1 and redis://:pw@h2"),
            "servers nats://a:***@h1 and redis://:***@h2"
        );
        let t = tagged().text("nats://u:p/w@h:1");
        assert!(t.starts_with("nats://u:***REDACTED:") && t.ends_with("@h:1"), "{t}");
    }

    #[test]
    fn scheme_less_user_pass_at_host_is_masked() {
        let r = plain();
        assert_eq!(r.text("user:pass@host:4222"), "user:***@host:4222");
        assert_eq!(r.text("harness:pa/ss@w0rd@127.0.0.1:1"), "harness:***@127.0.0.1:1");
        // Not credentials.
        assert_eq!(r.text("git@github.com:org/repo"), "git@github.com:org/repo");
        assert_eq!(r.text("mail bob@example.com now"), "mail bob@example.com now");
        assert_eq!(r.text("h:4222"), "h:4222");
    }

    #[test]
    fn the_same_secret_tags_the_same_and_a_changed_one_differently() {
        let a = tagged().value(&json!({"password": "one"}));
        assert_eq!(a, tagged().value(&json!({"password": "one"})));
        assert_ne!(a, tagged().value(&json!({"password": "two"})));
        let other = Redactor::tagged(&DEFAULT_SECRET_KEYS.map(String::from), b"other".to_vec());
        assert_ne!(a, other.value(&json!({"password": "one"})), "keyed: not a plain hash");
    }
}
