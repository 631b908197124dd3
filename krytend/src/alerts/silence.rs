//! Silences: label matchers (`=`, `!=`, `=~`) active between a start and an end, with who
//! set them and why. A silenced alert still changes state; only its notifications stop.

use super::rules::{capped_regex, PatternError};
use super::Labels;
use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Re,
}

#[derive(Debug, Clone)]
pub struct Matcher {
    pub name: String,
    pub op: Op,
    pub value: String,
    regex: Option<Regex>,
}

#[derive(Debug, thiserror::Error)]
pub enum SilenceError {
    #[error("matcher {0:?}: expected name=value, name!=value or name=~regex")]
    Syntax(String),
    #[error("matcher {name:?}: {source}")]
    Pattern {
        name: String,
        #[source]
        source: PatternError,
    },
    #[error("a silence needs at least one matcher")]
    NoMatchers,
    #[error("a silence must end after it starts")]
    EmptyWindow,
}

impl Matcher {
    pub fn new(name: &str, op: Op, value: &str) -> Result<Self, SilenceError> {
        let regex = match op {
            Op::Re => Some(capped_regex(value, true).map_err(|source| SilenceError::Pattern {
                name: name.to_string(),
                source,
            })?),
            _ => None,
        };
        Ok(Matcher {
            name: name.to_string(),
            op,
            value: value.to_string(),
            regex,
        })
    }

    /// Parses `name=value`, `name!=value` or `name=~regex`.
    pub fn parse(text: &str) -> Result<Self, SilenceError> {
        let syntax = || SilenceError::Syntax(text.chars().take(100).collect());
        let (name, op, value) = if let Some((n, v)) = text.split_once("=~") {
            (n, Op::Re, v)
        } else if let Some((n, v)) = text.split_once("!=") {
            (n, Op::Ne, v)
        } else if let Some((n, v)) = text.split_once('=') {
            (n, Op::Eq, v)
        } else {
            return Err(syntax());
        };
        let name = name.trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(syntax());
        }
        Matcher::new(name, op, value.trim())
    }

    /// A missing label matches as the empty string, as in Alertmanager.
    pub fn matches(&self, labels: &Labels) -> bool {
        let v = labels.get(&self.name).map(String::as_str).unwrap_or("");
        match self.op {
            Op::Eq => v == self.value,
            Op::Ne => v != self.value,
            Op::Re => self.regex.as_ref().is_some_and(|r| r.is_match(v)),
        }
    }
}

impl std::fmt::Display for Matcher {
    /// The form [`Matcher::parse`] reads back.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let op = match self.op {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Re => "=~",
        };
        write!(f, "{}{op}{}", self.name, self.value)
    }
}

#[derive(Debug, Clone)]
pub struct Silence {
    pub id: String,
    pub matchers: Vec<Matcher>,
    pub starts_ms: i64,
    pub ends_ms: i64,
    pub author: String,
    pub comment: String,
}

impl Silence {
    pub fn new(
        id: &str,
        matchers: Vec<Matcher>,
        starts_ms: i64,
        ends_ms: i64,
        author: &str,
        comment: &str,
    ) -> Result<Self, SilenceError> {
        if matchers.is_empty() {
            return Err(SilenceError::NoMatchers);
        }
        if ends_ms <= starts_ms {
            return Err(SilenceError::EmptyWindow);
        }
        Ok(Silence {
            id: id.to_string(),
            matchers,
            starts_ms,
            ends_ms,
            author: author.to_string(),
            comment: comment.to_string(),
        })
    }

    pub fn is_active(&self, now_ms: i64) -> bool {
        self.starts_ms <= now_ms && now_ms < self.ends_ms
    }

    /// True when active at `now_ms` and every matcher matches.
    pub fn silences(&self, labels: &Labels, now_ms: i64) -> bool {
        self.is_active(now_ms) && self.matchers.iter().all(|m| m.matches(labels))
    }
}

/// True when any silence covers these labels now.
pub fn is_silenced(silences: &[Silence], labels: &Labels, now_ms: i64) -> bool {
    silences.iter().any(|s| s.silences(labels, now_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn matchers_parse_and_match() {
        let l = labels(&[("service", "nav-7"), ("severity", "critical")]);
        assert!(Matcher::parse("service=nav-7").unwrap().matches(&l));
        assert!(!Matcher::parse("service!=nav-7").unwrap().matches(&l));
        assert!(Matcher::parse("service=~nav-.*").unwrap().matches(&l));
        // Anchored: a partial match is not a match.
        assert!(!Matcher::parse("service=~nav").unwrap().matches(&l));
        assert!(Matcher::parse("team=").unwrap().matches(&l));
        assert!(Matcher::parse("team!=ops").unwrap().matches(&l));
        assert!(matches!(Matcher::parse("nonsense"), Err(SilenceError::Syntax(_))));
        assert!(matches!(Matcher::parse("a b=c"), Err(SilenceError::Syntax(_))));
        assert!(matches!(Matcher::parse("x=~("), Err(SilenceError::Pattern { .. })));
        let huge = format!("x=~{}", "a".repeat(5000));
        assert!(matches!(Matcher::parse(&huge), Err(SilenceError::Pattern { .. })));
    }

    #[test]
    fn silence_applies_only_inside_its_window() {
        let s = Silence::new(
            "s1",
            vec![
                Matcher::parse("service=~nav-.*").unwrap(),
                Matcher::parse("severity!=info").unwrap(),
            ],
            1_000,
            2_000,
            "rimmer",
            "engine swap",
        )
        .unwrap();
        let l = labels(&[("service", "nav-1"), ("severity", "critical")]);
        assert!(!s.silences(&l, 999));
        assert!(s.silences(&l, 1_000));
        assert!(s.silences(&l, 1_999));
        assert!(!s.silences(&l, 2_000));
        let info = labels(&[("service", "nav-1"), ("severity", "info")]);
        assert!(!s.silences(&info, 1_500));
        assert!(is_silenced(&[s], &l, 1_500));
        assert!(matches!(
            Silence::new("s", vec![], 0, 1, "", ""),
            Err(SilenceError::NoMatchers)
        ));
        let m = vec![Matcher::parse("a=b").unwrap()];
        assert!(matches!(
            Silence::new("s", m, 5, 5, "", ""),
            Err(SilenceError::EmptyWindow)
        ));
    }
}
