//! A notification as text for people: a subject line and a body, shared by
//! email and chat receivers.

use crate::alerts::{engine::Alert, route::Notification};

fn line(a: &Alert, state: &str) -> String {
    let service = a.labels.get("service").map(String::as_str).unwrap_or("krytend");
    let name = a.labels.get("alertname").map(String::as_str).unwrap_or("alert");
    format!("[{state}] {} {name} {service}: {}", a.severity.as_str(), a.summary)
}

/// `[FIRING:2] ServiceDown` or `[RESOLVED] ServiceDown`, with the service
/// when the group has one.
pub fn subject(n: &Notification) -> String {
    let first = n.firing.first().or(n.resolved.first());
    let name = first
        .and_then(|a| a.labels.get("alertname"))
        .map(String::as_str)
        .unwrap_or("alert");
    let service = first
        .and_then(|a| a.labels.get("service"))
        .map(|s| format!(" {s}"))
        .unwrap_or_default();
    if n.firing.is_empty() {
        format!("[RESOLVED] {name}{service}")
    } else {
        format!("[FIRING:{}] {name}{service}", n.firing.len())
    }
}

/// One line per alert, firing first.
pub fn body(n: &Notification) -> String {
    let mut out: Vec<String> = n.firing.iter().map(|a| line(a, "FIRING")).collect();
    out.extend(n.resolved.iter().map(|a| line(a, "RESOLVED")));
    out.join("\n")
}
