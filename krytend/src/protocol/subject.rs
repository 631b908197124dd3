//! NATS subject patterns: `*` matches one token, `>` matches one or more
//! trailing tokens.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PatternError {
    #[error("subject pattern is empty")]
    Empty,
    #[error("subject pattern {0:?} has an empty token")]
    EmptyToken(String),
    #[error("subject pattern {0:?}: '>' may only be the last token")]
    MisplacedTail(String),
    #[error("subject pattern {0:?}: wildcards must be whole tokens")]
    PartialWildcard(String),
    #[error("subject pattern {0:?} contains white space")]
    Whitespace(String),
}

/// A validated NATS subject pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectPattern {
    raw: String,
    tokens: Vec<String>,
}

impl SubjectPattern {
    pub fn parse(raw: &str) -> Result<Self, PatternError> {
        if raw.is_empty() {
            return Err(PatternError::Empty);
        }
        if raw.chars().any(char::is_whitespace) {
            return Err(PatternError::Whitespace(raw.to_string()));
        }
        let tokens: Vec<String> = raw.split('.').map(str::to_string).collect();
        for (i, t) in tokens.iter().enumerate() {
            if t.is_empty() {
                return Err(PatternError::EmptyToken(raw.to_string()));
            }
            if t == ">" && i + 1 != tokens.len() {
                return Err(PatternError::MisplacedTail(raw.to_string()));
            }
            if t.len() > 1 && (t.contains('*') || t.contains('>')) {
                return Err(PatternError::PartialWildcard(raw.to_string()));
            }
        }
        Ok(Self {
            raw: raw.to_string(),
            tokens,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn matches(&self, subject: &str) -> bool {
        let mut parts = subject.split('.');
        for tok in &self.tokens {
            match tok.as_str() {
                ">" => return parts.next().is_some_and(|p| !p.is_empty()),
                "*" => match parts.next() {
                    Some(p) if !p.is_empty() => {}
                    _ => return false,
                },
                lit => {
                    if parts.next() != Some(lit) {
                        return false;
                    }
                }
            }
        }
        parts.next().is_none()
    }

    /// A SQLite GLOB that every matching subject also matches (a superset),
    /// so the store can narrow rows before the exact check.
    pub fn to_glob(&self) -> String {
        let mut out = String::new();
        for (i, tok) in self.tokens.iter().enumerate() {
            if i > 0 {
                out.push('.');
            }
            match tok.as_str() {
                "*" | ">" => out.push('*'),
                lit => {
                    for c in lit.chars() {
                        match c {
                            '[' | ']' | '?' => {
                                out.push('[');
                                out.push(c);
                                out.push(']');
                            }
                            c => out.push(c),
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        SubjectPattern::parse(p).expect("valid pattern").matches(s)
    }

    #[test]
    fn literal_matches_only_itself() {
        assert!(m("kryten.logs.alpha", "kryten.logs.alpha"));
        assert!(!m("kryten.logs.alpha", "kryten.logs.alpha.x"));
        assert!(!m("kryten.logs.alpha", "kryten.logs"));
        assert!(!m("kryten.logs.alpha", "kryten.logs.beta"));
    }

    #[test]
    fn star_matches_exactly_one_token() {
        assert!(m("kryten.lifecycle.*.startup", "kryten.lifecycle.robot.startup"));
        assert!(!m("kryten.lifecycle.*.startup", "kryten.lifecycle.startup"));
        assert!(!m("kryten.lifecycle.*.startup", "kryten.lifecycle.a.b.startup"));
        assert!(m("*", "kryten"));
        assert!(!m("*", "kryten.x"));
    }

    #[test]
    fn tail_matches_one_or_more_tokens() {
        assert!(m("kryten.>", "kryten.logs.alpha"));
        assert!(m("kryten.>", "kryten.x"));
        assert!(!m("kryten.>", "kryten"));
        assert!(!m("kryten.>", "other.x"));
        assert!(m(">", "a.b.c"));
        assert!(m("kryten.*.>", "kryten.events.cytube.lounge.chatmsg"));
    }

    #[test]
    fn invalid_patterns_are_rejected_with_a_reason() {
        assert_eq!(SubjectPattern::parse(""), Err(PatternError::Empty));
        assert!(matches!(
            SubjectPattern::parse("a..b"),
            Err(PatternError::EmptyToken(_))
        ));
        assert!(matches!(
            SubjectPattern::parse("a.>.b"),
            Err(PatternError::MisplacedTail(_))
        ));
        assert!(matches!(
            SubjectPattern::parse("a.b*"),
            Err(PatternError::PartialWildcard(_))
        ));
        assert!(matches!(SubjectPattern::parse("a b"), Err(PatternError::Whitespace(_))));
    }

    #[test]
    fn glob_is_a_superset_of_the_pattern() {
        let p = SubjectPattern::parse("kryten.*.command").expect("valid");
        assert_eq!(p.to_glob(), "kryten.*.command");
        let p = SubjectPattern::parse("kryten.>").expect("valid");
        assert_eq!(p.to_glob(), "kryten.*");
        let p = SubjectPattern::parse("a?.b").expect("valid");
        assert_eq!(p.to_glob(), "a[?].b");
    }
}
