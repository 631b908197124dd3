//! Services by name: the one lookup and the one error for a name the daemon
//! does not know, which lists the names it does (every API says the same).

use std::fmt;

use super::{ServiceState, ServicesView};

/// Names asked for that are not tracked, and the names that are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownService {
    pub names: Vec<String>,
    pub known: Vec<String>,
}

impl fmt::Display for UnknownService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let asked: Vec<String> = self.names.iter().map(|n| format!("{n:?}")).collect();
        let known = if self.known.is_empty() {
            "none".to_string()
        } else {
            self.known.join(", ")
        };
        match asked.len() {
            1 => write!(f, "no service named {}; known: {known}", asked[0]),
            _ => write!(f, "no services named {}; known: {known}", asked.join(", ")),
        }
    }
}

impl std::error::Error for UnknownService {}

impl UnknownService {
    /// `names` are unknown; `extra` are names known besides the registry's
    /// (services whose logs come from files).
    pub fn new(names: Vec<String>, view: &ServicesView, extra: &[String]) -> Self {
        let mut known: Vec<String> = view.keys().cloned().chain(extra.iter().cloned()).collect();
        known.sort();
        known.dedup();
        Self { names, known }
    }
}

/// The service named `name`.
pub fn get(view: &ServicesView, name: &str) -> Result<ServiceState, UnknownService> {
    view.get(name)
        .cloned()
        .ok_or_else(|| UnknownService::new(vec![name.to_string()], view, &[]))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn view(names: &[&str]) -> ServicesView {
        Arc::new(names.iter().map(|n| (n.to_string(), ServiceState::new(n, 0))).collect())
    }

    #[test]
    fn the_error_names_what_was_asked_and_what_is_known() {
        let v = view(&["b", "a"]);
        assert!(get(&v, "a").is_ok());
        let e = get(&v, "zz").unwrap_err();
        assert_eq!(e.to_string(), "no service named \"zz\"; known: a, b");
        let e = UnknownService::new(vec!["x".into(), "y".into()], &view(&[]), &["logs-only".into()]);
        assert_eq!(e.to_string(), "no services named \"x\", \"y\"; known: logs-only");
        let e = UnknownService::new(vec!["x".into()], &view(&[]), &[]);
        assert_eq!(e.to_string(), "no service named \"x\"; known: none");
    }
}
