//! Routing and grouping: each transition goes to the receivers whose route matchers match
//! its labels; alerts sharing the route's `group_by` labels are sent together. A new group
//! waits `group_wait` before its first notification, later changes wait `group_interval`,
//! and an unchanged firing group is re-sent every `repeat_interval`. Time is passed in.

use super::engine::{Alert, Transition};
use super::silence::{is_silenced, Matcher, Silence};
use super::Labels;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone)]
pub struct Route {
    pub matchers: Vec<Matcher>,
    pub receiver: String,
    pub group_by: Vec<String>,
    pub group_wait_ms: i64,
    pub group_interval_ms: i64,
    pub repeat_interval_ms: i64,
    pub send_resolved: bool,
    /// Keep looking at later routes after this one matched.
    pub continue_matching: bool,
}

impl Route {
    pub fn to(receiver: &str) -> Self {
        Route {
            matchers: Vec::new(),
            receiver: receiver.to_string(),
            group_by: vec!["alertname".into()],
            group_wait_ms: 30_000,
            group_interval_ms: 5 * 60_000,
            repeat_interval_ms: 4 * 3_600_000,
            send_resolved: true,
            continue_matching: false,
        }
    }

    fn matches(&self, labels: &Labels) -> bool {
        self.matchers.iter().all(|m| m.matches(labels))
    }
}

/// One message for one receiver: a group's firing and newly resolved alerts.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub receiver: String,
    pub group_labels: Labels,
    pub firing: Vec<Alert>,
    pub resolved: Vec<Alert>,
}

#[derive(Debug)]
struct Group {
    route: usize,
    labels: Labels,
    firing: BTreeMap<String, Alert>,
    resolved: BTreeMap<String, Alert>,
    created_ms: i64,
    last_sent_ms: Option<i64>,
    changed: bool,
    /// Firing alerts the receiver has been told of (in the last message or
    /// before); a silenced one is not among them until a message carries it.
    told: std::collections::BTreeSet<String>,
    /// Some firing alert was held back by a silence or window: look again at
    /// every group interval, so its end lets the alert through.
    held_back: bool,
}

/// The most groups held at once; transitions that would open more are dropped (counted).
pub const DEFAULT_MAX_GROUPS: usize = 10_000;

pub struct Router {
    routes: Vec<Route>,
    fallback: Route,
    groups: HashMap<(usize, Labels), Group>,
    max_groups: usize,
    dropped: u64,
}

impl Router {
    /// `routes` are tried in order; `fallback` takes what none of them matched.
    pub fn new(routes: Vec<Route>, fallback: Route) -> Self {
        Router {
            routes,
            fallback,
            groups: HashMap::new(),
            max_groups: DEFAULT_MAX_GROUPS,
            dropped: 0,
        }
    }

    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    fn route(&self, i: usize) -> &Route {
        self.routes.get(i).unwrap_or(&self.fallback)
    }

    /// Indexes of the routes a label set goes to (`routes.len()` is the fallback).
    fn matching(&self, labels: &Labels) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, r) in self.routes.iter().enumerate() {
            if r.matches(labels) {
                out.push(i);
                if !r.continue_matching {
                    return out;
                }
            }
        }
        if out.is_empty() {
            out.push(self.routes.len());
        }
        out
    }

    /// The receivers a label set is routed to, in route order.
    pub fn receivers_for(&self, labels: &Labels) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for i in self.matching(labels) {
            let r = &self.route(i).receiver;
            if !out.contains(r) {
                out.push(r.clone());
            }
        }
        out
    }

    /// Firing alerts restored after a restart: their notifications went out
    /// before it, so their groups start as sent (a resolve is then sent,
    /// a repeat only after `repeat_interval`).
    pub fn restore_sent(&mut self, alerts: &[Alert], now_ms: i64) {
        for alert in alerts {
            self.push(&Transition::AlertFiring { alert: alert.clone() }, now_ms);
        }
        for g in self.groups.values_mut() {
            g.last_sent_ms = Some(now_ms);
            g.changed = false;
            g.told = g.firing.keys().cloned().collect();
        }
    }

    /// Takes one transition from the engine.
    pub fn push(&mut self, t: &Transition, now_ms: i64) {
        let alert = t.alert();
        for i in self.matching(&alert.labels) {
            let route = self.route(i);
            let send_resolved = route.send_resolved;
            let key: Labels = route
                .group_by
                .iter()
                .filter_map(|k| alert.labels.get(k).map(|v| (k.clone(), v.clone())))
                .collect();
            if !self.groups.contains_key(&(i, key.clone())) {
                if matches!(t, Transition::AlertResolved { .. }) {
                    continue; // nothing was sent for it in this group
                }
                if self.groups.len() >= self.max_groups {
                    self.dropped += 1;
                    continue;
                }
            }
            let g = self.groups.entry((i, key.clone())).or_insert_with(|| Group {
                route: i,
                labels: key,
                firing: BTreeMap::new(),
                resolved: BTreeMap::new(),
                created_ms: now_ms,
                last_sent_ms: None,
                changed: false,
                told: Default::default(),
                held_back: false,
            });
            match t {
                Transition::AlertFiring { alert } => {
                    g.resolved.remove(&alert.fingerprint);
                    g.firing.insert(alert.fingerprint.clone(), alert.clone());
                    g.changed = true;
                }
                Transition::AlertResolved { alert, .. } => {
                    g.firing.remove(&alert.fingerprint);
                    // Resolved is news only to a receiver told it fired.
                    let was_sent = g.told.remove(&alert.fingerprint);
                    if send_resolved && was_sent {
                        g.resolved.insert(alert.fingerprint.clone(), alert.clone());
                        g.changed = true;
                    }
                }
            }
        }
    }

    /// The notifications due at `now_ms`; silenced alerts are left out of
    /// them, and go out at a later group interval once nothing silences
    /// them (while they still fire).
    pub fn due(&mut self, now_ms: i64, silences: &[Silence]) -> Vec<Notification> {
        let mut out = Vec::new();
        let mut empty = Vec::new();
        for (key, g) in self.groups.iter_mut() {
            let route = self.routes.get(g.route).unwrap_or(&self.fallback);
            let due = match g.last_sent_ms {
                None => now_ms - g.created_ms >= route.group_wait_ms,
                Some(last) if g.changed || g.held_back => now_ms - last >= route.group_interval_ms,
                Some(last) => !g.firing.is_empty() && now_ms - last >= route.repeat_interval_ms,
            };
            if !due {
                if g.firing.is_empty() && g.resolved.is_empty() {
                    empty.push(key.clone());
                }
                continue;
            }
            let keep = |a: &&Alert| !is_silenced(silences, &a.labels, now_ms);
            let firing: Vec<Alert> = g.firing.values().filter(keep).cloned().collect();
            let resolved: Vec<Alert> = g.resolved.values().filter(keep).cloned().collect();
            g.held_back = firing.len() < g.firing.len();
            let news = firing.iter().any(|a| !g.told.contains(&a.fingerprint)) || !resolved.is_empty();
            let repeat = g
                .last_sent_ms
                .is_some_and(|last| now_ms - last >= route.repeat_interval_ms && !firing.is_empty());
            g.resolved.clear();
            g.changed = false;
            if news || repeat || g.last_sent_ms.is_none() {
                // The first look counts as sent even when all of it was
                // silenced: group_wait is over, later news waits group_interval.
                g.last_sent_ms = Some(now_ms);
            }
            if (news || repeat) && (!firing.is_empty() || !resolved.is_empty()) {
                g.told.extend(firing.iter().map(|a| a.fingerprint.clone()));
                out.push(Notification {
                    receiver: route.receiver.clone(),
                    group_labels: g.labels.clone(),
                    firing,
                    resolved,
                });
            }
            if g.firing.is_empty() {
                empty.push(key.clone());
            }
        }
        for k in empty {
            self.groups.remove(&k);
        }
        out.sort_by(|a, b| (&a.receiver, &a.group_labels).cmp(&(&b.receiver, &b.group_labels)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alerts::engine::{fingerprint, Severity, State};

    fn alert(name: &str, service: &str) -> Alert {
        let labels: Labels = [("alertname", name), ("service", service), ("severity", "critical")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Alert {
            fingerprint: fingerprint(&labels),
            labels,
            severity: Severity::Critical,
            summary: String::new(),
            state: State::Firing,
            active_at_ms: 0,
            fired_at_ms: Some(0),
            last_seen_ms: 0,
        }
    }

    fn firing(a: &Alert) -> Transition {
        Transition::AlertFiring { alert: a.clone() }
    }

    fn resolved(a: &Alert) -> Transition {
        Transition::AlertResolved {
            alert: a.clone(),
            resolved_at_ms: 0,
        }
    }

    fn route(receiver: &str) -> Route {
        Route {
            group_wait_ms: 10,
            group_interval_ms: 100,
            repeat_interval_ms: 1_000,
            ..Route::to(receiver)
        }
    }

    #[test]
    fn restored_alerts_are_not_sent_again_but_their_resolve_is() {
        let mut r = Router::new(vec![], route("ops"));
        let a = alert("ServiceDown", "llm");
        r.restore_sent(std::slice::from_ref(&a), 0);
        assert!(r.due(500, &[]).is_empty(), "a restored alert was notified again");
        r.push(&resolved(&a), 600);
        let n = r.due(700, &[]);
        assert_eq!(n.len(), 1);
        assert!(n[0].firing.is_empty());
        assert_eq!(n[0].resolved[0].labels["service"], "llm");
    }

    #[test]
    fn grouping_waits_then_batches() {
        let mut r = Router::new(vec![], route("ops"));
        let (a, b, c) = (
            alert("ServiceDown", "a"),
            alert("ServiceDown", "b"),
            alert("HeartbeatLate", "a"),
        );
        r.push(&firing(&a), 0);
        r.push(&firing(&b), 5);
        r.push(&firing(&c), 5);
        assert!(r.due(9, &[]).is_empty());
        let n = r.due(10, &[]);
        assert_eq!(n.len(), 1, "HeartbeatLate group waits from t=5");
        assert_eq!(n[0].group_labels["alertname"], "ServiceDown");
        assert_eq!(n[0].firing.len(), 2);
        assert_eq!(r.due(15, &[]).len(), 1);
        // Nothing new: nothing until the repeat interval.
        assert!(r.due(999, &[]).is_empty());
        assert_eq!(r.due(1_010, &[]).len(), 1);
    }

    #[test]
    fn changes_wait_group_interval_and_resolved_is_sent_once() {
        let mut r = Router::new(vec![], route("ops"));
        let a = alert("ServiceDown", "a");
        r.push(&firing(&a), 0);
        assert_eq!(r.due(10, &[]).len(), 1);
        r.push(&resolved(&a), 20);
        assert!(r.due(109, &[]).is_empty());
        let n = r.due(110, &[]);
        assert_eq!((n[0].firing.len(), n[0].resolved.len()), (0, 1));
        assert!(r.due(5_000, &[]).is_empty());
        assert_eq!(r.groups.len(), 0);
    }

    #[test]
    fn resolved_not_sent_when_route_says_so_or_never_announced() {
        let mut quiet = route("ops");
        quiet.send_resolved = false;
        let mut r = Router::new(vec![], quiet);
        let a = alert("ServiceDown", "a");
        r.push(&firing(&a), 0);
        r.due(10, &[]);
        r.push(&resolved(&a), 20);
        assert!(r.due(10_000, &[]).is_empty());

        let mut r = Router::new(vec![], route("ops"));
        r.push(&firing(&a), 0);
        r.push(&resolved(&a), 1);
        assert!(r.due(10_000, &[]).is_empty(), "fired and resolved inside group_wait");
    }

    #[test]
    fn routes_match_in_order_with_continue_and_fallback() {
        let mut nav = route("nav-team");
        nav.matchers = vec![Matcher::parse("service=~nav-.*").unwrap()];
        nav.continue_matching = true;
        let mut crit = route("pager");
        crit.matchers = vec![Matcher::parse("severity=critical").unwrap()];
        let mut r = Router::new(vec![nav, crit], route("default"));
        r.push(&firing(&alert("ServiceDown", "nav-1")), 0);
        let mut info = alert("ServiceDegraded", "db");
        info.labels.insert("severity".into(), "info".into());
        r.push(&firing(&info), 0);
        let got: Vec<String> = r.due(10, &[]).into_iter().map(|n| n.receiver).collect();
        assert_eq!(got, ["default", "nav-team", "pager"]);
    }

    #[test]
    fn silenced_alerts_are_left_out() {
        let mut r = Router::new(vec![], route("ops"));
        let (a, b) = (alert("ServiceDown", "a"), alert("ServiceDown", "b"));
        r.push(&firing(&a), 0);
        r.push(&firing(&b), 0);
        let s = Silence::new("s", vec![Matcher::parse("service=a").unwrap()], 0, 100, "", "").unwrap();
        let n = r.due(10, std::slice::from_ref(&s));
        assert_eq!(n[0].firing.len(), 1);
        assert_eq!(n[0].firing[0].labels["service"], "b");
    }

    #[test]
    fn a_silenced_alert_still_firing_when_its_silence_ends_is_sent_then_and_only_then() {
        let mut r = Router::new(vec![], route("ops"));
        let a = alert("ServiceDown", "a");
        r.push(&firing(&a), 0);
        let s = Silence::new("s", vec![Matcher::parse("service=a").unwrap()], 0, 250, "", "").unwrap();
        let during = std::slice::from_ref(&s);
        assert!(r.due(10, during).is_empty(), "silenced");
        // Looked at again every group interval, and quiet while it lasts.
        assert!(r.due(120, during).is_empty());
        assert!(r.due(230, during).is_empty());
        // The silence ended at 250: the next look sends it, once.
        let n = r.due(340, during);
        assert_eq!(n.len(), 1, "sent when the silence ended");
        assert_eq!(n[0].firing[0].labels["service"], "a");
        assert!(r.due(450, during).is_empty(), "not again before repeat_interval");
        assert_eq!(r.due(1_400, during).len(), 1, "repeated after repeat_interval");
    }

    #[test]
    fn an_alert_that_resolves_while_silenced_sends_no_resolve() {
        let mut r = Router::new(vec![], route("ops"));
        let (a, b) = (alert("ServiceDown", "a"), alert("ServiceDown", "b"));
        r.push(&firing(&a), 0);
        r.push(&firing(&b), 0);
        let s = Silence::new("s", vec![Matcher::parse("service=a").unwrap()], 0, 10_000, "", "").unwrap();
        let quiet = std::slice::from_ref(&s);
        assert_eq!(r.due(10, quiet)[0].firing.len(), 1, "b only");
        r.push(&resolved(&a), 50);
        assert!(
            r.due(200, &[]).is_empty(),
            "a's firing was never sent: nor is its resolve"
        );
        r.push(&resolved(&b), 300);
        let n = r.due(400, &[]);
        assert_eq!(n[0].resolved.len(), 1);
        assert_eq!(n[0].resolved[0].labels["service"], "b");
    }
}
