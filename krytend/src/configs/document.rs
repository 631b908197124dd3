//! Client-supplied documents (YAML or JSON), parsed within a budget.
//!
//! serde_yaml expands aliases while it deserializes, so a few KiB of
//! anchors can stand for millions of nodes; its own repetition limit
//! (100 alias jumps per event) still lets a small document cost hundreds
//! of MiB. So the bytes are capped before parsing, and the value is built
//! by a visitor that counts every node and every string byte it creates,
//! and stops the parse as soon as either budget is spent.

use std::cell::Cell;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use thiserror::Error;

/// What one document may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Text size, checked before parsing.
    pub max_bytes: usize,
    /// Nodes (scalars, lists, maps, keys) once aliases are expanded.
    pub max_nodes: usize,
    /// String bytes (keys and values) once aliases are expanded.
    pub max_string_bytes: usize,
}

/// For a config given with `config diff --against`: far above any real
/// service config, far below what would hurt the daemon.
pub const CONFIG_LIMITS: Limits = Limits {
    max_bytes: 1 << 20,
    max_nodes: 100_000,
    max_string_bytes: 4 << 20,
};

#[derive(Debug, Error, PartialEq)]
pub enum DocumentError {
    #[error("too large: {0} bytes (at most {1})")]
    TooManyBytes(usize, usize),
    #[error("too large: more than {0} nodes once its aliases are expanded")]
    TooManyNodes(usize),
    #[error("too large: more than {0} bytes of text once its aliases are expanded")]
    TooManyStringBytes(usize),
    #[error("not YAML or JSON: {0}")]
    Syntax(String),
}

struct Budget {
    nodes: Cell<usize>,
    bytes: Cell<usize>,
    /// The first budget that ran out (the parser's own error wraps ours).
    spent: Cell<Option<DocumentError>>,
    limits: Limits,
}

impl Budget {
    fn node<E: de::Error>(&self) -> Result<(), E> {
        let n = self.nodes.get() + 1;
        self.nodes.set(n);
        if n > self.limits.max_nodes {
            return Err(self.fail(DocumentError::TooManyNodes(self.limits.max_nodes)));
        }
        Ok(())
    }

    fn text<E: de::Error>(&self, len: usize) -> Result<(), E> {
        let b = self.bytes.get().saturating_add(len);
        self.bytes.set(b);
        if b > self.limits.max_string_bytes {
            return Err(self.fail(DocumentError::TooManyStringBytes(self.limits.max_string_bytes)));
        }
        Ok(())
    }

    fn fail<E: de::Error>(&self, e: DocumentError) -> E {
        let msg = e.to_string();
        let first = self.spent.take().unwrap_or(e);
        self.spent.set(Some(first));
        E::custom(msg)
    }
}

/// Parses `text` as YAML (JSON is YAML) into a JSON value within `limits`.
pub fn parse(text: &str, limits: Limits) -> Result<Value, DocumentError> {
    if text.len() > limits.max_bytes {
        return Err(DocumentError::TooManyBytes(text.len(), limits.max_bytes));
    }
    let budget = Budget {
        nodes: Cell::new(0),
        bytes: Cell::new(0),
        spent: Cell::new(None),
        limits,
    };
    let result = Seed(&budget).deserialize(serde_yaml::Deserializer::from_str(text));
    match (result, budget.spent.take()) {
        (_, Some(spent)) => Err(spent),
        (Ok(v), None) => Ok(v),
        (Err(e), None) => Err(DocumentError::Syntax(e.to_string())),
    }
}

#[derive(Clone, Copy)]
struct Seed<'a>(&'a Budget);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML or JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.0.node()?;
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.0.node()?;
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.0.node()?;
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.0.node()?;
        // JSON has no NaN or infinity: they become null, as serde_json does.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.0.node()?;
        self.0.text(v.len())?;
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.0.node()?;
        self.0.text(v.len())?;
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.0.node()?;
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.0.node()?;
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(self)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.0.node()?;
        let mut out = Map::new();
        while let Some(k) = map.next_key_seed(self)? {
            // YAML keys may be anything; JSON keys are text.
            let key = match k {
                Value::String(s) => s,
                other => other.to_string(),
            };
            let v = map.next_value_seed(self)?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn bomb(width: usize) -> String {
        let a = vec!["\"lol\""; width].join(",");
        let b = vec!["*a"; width].join(",");
        let c = vec!["*b"; width].join(",");
        format!("a: &a [{a}]\nb: &b [{b}]\nc: &c [{c}]\n")
    }

    #[test]
    fn ordinary_yaml_and_json_parse_as_before() {
        let y = "nats:\n  servers: [nats://h:4222]\n  port: 4222\nlevel: INFO\nratio: 0.5\nnone: ~\n1: one\n";
        assert_eq!(
            parse(y, CONFIG_LIMITS).expect("yaml"),
            json!({"nats": {"servers": ["nats://h:4222"], "port": 4222}, "level": "INFO", "ratio": 0.5,
                "none": null, "1": "one"})
        );
        let j = r#"{"a": [1, 2, {"b": true}], "c": "d"}"#;
        assert_eq!(
            parse(j, CONFIG_LIMITS).expect("json"),
            json!({"a": [1, 2, {"b": true}], "c": "d"})
        );
        // A few aliases are fine.
        assert_eq!(
            parse("x: &x {a: 1}\ny: *x\n", CONFIG_LIMITS).expect("alias"),
            json!({"x": {"a": 1}, "y": {"a": 1}})
        );
    }

    #[test]
    fn an_alias_bomb_stops_at_the_node_budget_quickly() {
        let text = bomb(115);
        let started = std::time::Instant::now();
        assert_eq!(
            parse(&text, CONFIG_LIMITS),
            Err(DocumentError::TooManyNodes(CONFIG_LIMITS.max_nodes))
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn long_strings_repeated_by_aliases_stop_at_the_text_budget() {
        let s = "x".repeat(100_000);
        let text = format!("a: &a \"{s}\"\nb: [{}]\n", vec!["*a"; 100].join(","));
        assert_eq!(
            parse(&text, CONFIG_LIMITS),
            Err(DocumentError::TooManyStringBytes(CONFIG_LIMITS.max_string_bytes))
        );
    }

    #[test]
    fn too_many_bytes_are_refused_before_parsing_and_syntax_errors_say_so() {
        let big = "x".repeat(CONFIG_LIMITS.max_bytes + 1);
        assert!(matches!(
            parse(&big, CONFIG_LIMITS),
            Err(DocumentError::TooManyBytes(..))
        ));
        assert!(matches!(
            parse("a: [1, 2", CONFIG_LIMITS),
            Err(DocumentError::Syntax(_))
        ));
        assert!(parse("a: [1, 2", CONFIG_LIMITS)
            .unwrap_err()
            .to_string()
            .starts_with("not YAML or JSON"));
    }
}
