//! Reading the alerts the daemon holds, whichever API asks: what is pending
//! or firing, what resolved since a time, the maintenance windows, and one
//! alert's whole story (its transitions, the deliveries that carried it, the
//! silences and windows that match it, where it is routed).

use thiserror::Error;

use crate::{
    alert_loop::AlertsHandle,
    alerts::{
        engine::{Alert, State, Transition},
        maintenance::{MaintenanceWindow, Schedule},
        notify::DeliveryRecord,
        silence::Silence,
    },
    auth::{Action, Caller},
    control::{Control, ControlError},
    protocol::timestamp::now_us,
    store::{alerts::StoredTransition, StoreError},
};

/// Resolved alerts one listing returns, and the default look-back.
pub const MAX_RESOLVED: u32 = 1_000;
pub const DEFAULT_RESOLVED_SINCE_MS: i64 = 24 * 3_600_000;
/// What one description holds at most.
pub const MAX_TIMELINE: u32 = 1_000;
pub const MAX_DELIVERIES: u32 = 200;
/// Silences looked at for a description (those that ended in the last 30 days).
const SILENCES_SCANNED: u32 = 10_000;
const SILENCE_LOOK_BACK_MS: i64 = 30 * 24 * 3_600_000;
/// A fingerprint prefix must be at least this long (and is hex).
pub const MIN_PREFIX: usize = 4;

#[derive(Debug, Error)]
pub enum AlertsError {
    #[error(transparent)]
    Control(#[from] ControlError),
    #[error("unknown state {0:?}: pending, firing or resolved")]
    BadState(String),
    #[error("an alert id is at least {MIN_PREFIX} hexadecimal characters; got {0:?}")]
    BadId(String),
    #[error("no alert with id {0:?}")]
    NotFound(String),
    #[error("{count} alerts have ids starting with {prefix:?}: give more of it")]
    Ambiguous { prefix: String, count: usize },
    #[error("alerts: {0}")]
    Store(#[from] StoreError),
}

/// Which alerts a listing asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Pending and firing.
    Active,
    Pending,
    Firing,
    Resolved,
}

impl Wanted {
    pub fn parse(s: &str) -> Result<Self, AlertsError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" => Ok(Wanted::Active),
            "pending" => Ok(Wanted::Pending),
            "firing" => Ok(Wanted::Firing),
            "resolved" => Ok(Wanted::Resolved),
            _ => Err(AlertsError::BadState(s.chars().take(40).collect())),
        }
    }
}

/// An alert as a listing shows it: held now, or resolved at a time.
#[derive(Debug, Clone)]
pub struct AlertView {
    pub alert: Alert,
    pub resolved_at_ms: Option<i64>,
}

impl AlertView {
    pub fn state(&self) -> &'static str {
        match (self.resolved_at_ms, self.alert.state) {
            (Some(_), _) => "resolved",
            (None, State::Pending) => "pending",
            (None, State::Firing) => "firing",
        }
    }
}

fn resolved_view(t: &StoredTransition) -> AlertView {
    AlertView {
        alert: t.alert(),
        resolved_at_ms: Some(t.at_ms),
    }
}

/// A maintenance window as listings show it, at one instant.
#[derive(Debug, Clone)]
pub struct WindowView {
    pub name: String,
    pub matchers: Vec<String>,
    pub starts_ms: Option<i64>,
    pub ends_ms: Option<i64>,
    pub cron: Option<String>,
    pub time_zone: Option<String>,
    pub duration_ms: Option<i64>,
    pub active: bool,
    pub active_until_ms: Option<i64>,
    pub next_start_ms: Option<i64>,
}

pub fn window_view(w: &MaintenanceWindow, now_ms: i64) -> WindowView {
    let (starts_ms, ends_ms, cron, time_zone, duration_ms) = match &w.schedule {
        Schedule::OneOff { starts_ms, ends_ms } => (Some(*starts_ms), Some(*ends_ms), None, None, None),
        Schedule::Recurring {
            cron_text,
            zone_name,
            duration_ms,
            ..
        } => (
            None,
            None,
            Some(cron_text.clone()),
            Some(zone_name.clone()),
            Some(*duration_ms),
        ),
    };
    let active_until_ms = w.active_until(now_ms);
    WindowView {
        name: w.name.clone(),
        matchers: w.matchers.iter().map(ToString::to_string).collect(),
        starts_ms,
        ends_ms,
        cron,
        time_zone,
        duration_ms,
        active: active_until_ms.is_some(),
        active_until_ms,
        next_start_ms: w.next_start(now_ms),
    }
}

pub struct AlertList {
    /// What was asked for: held alerts (worst first) or resolved ones (newest first).
    pub items: Vec<AlertView>,
    /// Alerts resolved since the look-back, newest first.
    pub resolved: Vec<AlertView>,
    /// The newest transitions, newest first.
    pub recent: Vec<Transition>,
    pub silences: Vec<Silence>,
    pub windows: Vec<WindowView>,
    pub delivery_failures: u64,
}

pub struct AlertDescription {
    pub alert: AlertView,
    pub timeline: Vec<StoredTransition>,
    pub deliveries: Vec<DeliveryRecord>,
    pub silences: Vec<Silence>,
    pub windows: Vec<WindowView>,
    pub receivers: Vec<String>,
}

pub struct Alerts<'a> {
    pub control: &'a Control,
    pub handle: &'a AlertsHandle,
}

impl Alerts<'_> {
    /// `since_ms` bounds the resolved alerts (0: the last 24 hours).
    pub async fn list(&self, who: &Caller, wanted: Wanted, since_ms: i64) -> Result<AlertList, AlertsError> {
        self.control.authorize(who, Action::Read, "", "").await?;
        let now_ms = now_us() / 1000;
        let since_ms = if since_ms > 0 {
            since_ms
        } else {
            now_ms - DEFAULT_RESOLVED_SINCE_MS
        };
        let h = self.handle;
        let resolved: Vec<AlertView> = h
            .table
            .resolved_since(since_ms, MAX_RESOLVED)
            .await?
            .iter()
            .map(resolved_view)
            .collect();
        let held = h.active().into_iter().map(|alert| AlertView {
            alert,
            resolved_at_ms: None,
        });
        let items = match wanted {
            Wanted::Active => held.collect(),
            Wanted::Pending => held.filter(|a| a.alert.state == State::Pending).collect(),
            Wanted::Firing => held.filter(|a| a.alert.state == State::Firing).collect(),
            Wanted::Resolved => resolved.clone(),
        };
        Ok(AlertList {
            items,
            resolved,
            recent: h
                .recent()
                .into_iter()
                .filter(|t| transition_ms(t) >= since_ms)
                .take(100)
                .collect(),
            silences: h.silences().await?,
            windows: h.windows().iter().map(|w| window_view(w, now_ms)).collect(),
            delivery_failures: h.delivery_failures(),
        })
    }

    /// One alert by its fingerprint or a unique prefix of it.
    pub async fn describe(&self, who: &Caller, id: &str) -> Result<AlertDescription, AlertsError> {
        self.control.authorize(who, Action::Read, "", "").await?;
        let id = id.trim().to_ascii_lowercase();
        if id.len() < MIN_PREFIX || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AlertsError::BadId(id.chars().take(64).collect()));
        }
        let h = self.handle;
        let held = h.active();
        let fingerprint = self.resolve(&held, &id).await?;
        let timeline = h.table.transitions_of(fingerprint.clone(), MAX_TIMELINE).await?;
        let alert = match held.into_iter().find(|a| a.fingerprint == fingerprint) {
            Some(alert) => AlertView {
                alert,
                resolved_at_ms: None,
            },
            None => {
                let last = timeline.last().ok_or_else(|| AlertsError::NotFound(id.clone()))?;
                let mut view = resolved_view(last);
                // When it last began firing, from the timeline itself.
                if let Some(f) = timeline.iter().rev().find(|t| t.kind == "alert_firing") {
                    view.alert.active_at_ms = f.at_ms;
                    view.alert.fired_at_ms = Some(f.at_ms);
                }
                if last.kind == "alert_firing" {
                    // Fired, and the daemon no longer holds it: it was
                    // dropped by a rule change without a resolve.
                    view.resolved_at_ms = None;
                }
                view
            }
        };
        let labels = &alert.alert.labels;
        let now_ms = now_us() / 1000;
        let silences = h
            .table
            .silences_since(now_ms - SILENCE_LOOK_BACK_MS, SILENCES_SCANNED)
            .await?
            .into_iter()
            .filter(|s| s.matchers.iter().all(|m| m.matches(labels)))
            .collect();
        let windows = h
            .windows()
            .iter()
            .filter(|w| w.matchers.iter().all(|m| m.matches(labels)))
            .map(|w| window_view(w, now_ms))
            .collect();
        Ok(AlertDescription {
            deliveries: h.table.deliveries_of(fingerprint, MAX_DELIVERIES).await?,
            receivers: h.receivers_for(labels),
            alert,
            timeline,
            silences,
            windows,
        })
    }

    async fn resolve(&self, held: &[Alert], id: &str) -> Result<String, AlertsError> {
        let mut found: Vec<String> = held
            .iter()
            .filter(|a| a.fingerprint.starts_with(id))
            .map(|a| a.fingerprint.clone())
            .collect();
        for f in self.handle.table.fingerprints_with_prefix(id.to_string(), 8).await? {
            if !found.contains(&f) {
                found.push(f);
            }
        }
        match found.len() {
            0 => Err(AlertsError::NotFound(id.to_string())),
            1 => Ok(found.remove(0)),
            count => Err(AlertsError::Ambiguous {
                prefix: id.to_string(),
                count,
            }),
        }
    }
}

fn transition_ms(t: &Transition) -> i64 {
    match t {
        Transition::AlertFiring { alert } => alert.fired_at_ms.unwrap_or(alert.last_seen_ms),
        Transition::AlertResolved { resolved_at_ms, .. } => *resolved_at_ms,
    }
}

/// How many alerts fire now, and how many of them are critical (for health).
pub fn firing_counts(h: &AlertsHandle) -> (u32, u32) {
    let firing: Vec<Alert> = h.active().into_iter().filter(|a| a.state == State::Firing).collect();
    let critical = firing
        .iter()
        .filter(|a| a.severity == crate::alerts::engine::Severity::Critical)
        .count();
    (firing.len() as u32, critical as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_parse_case_blind_and_unknown_ones_are_refused() {
        assert_eq!(Wanted::parse("").unwrap(), Wanted::Active);
        assert_eq!(Wanted::parse("Resolved").unwrap(), Wanted::Resolved);
        assert!(matches!(Wanted::parse("gone"), Err(AlertsError::BadState(_))));
    }

    #[test]
    fn a_recurring_window_shows_when_it_ends_and_next_starts() {
        let w = MaintenanceWindow::recurring("nightly", vec![], "0 3 * * *", "UTC", 3_600_000).unwrap();
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap().as_millisecond();
        let v = window_view(&w, at("2026-12-04T03:30:00Z"));
        assert!(v.active);
        assert_eq!(v.active_until_ms, Some(at("2026-12-04T04:00:00Z")));
        assert_eq!(v.next_start_ms, Some(at("2026-12-05T03:00:00Z")));
        assert_eq!(v.cron.as_deref(), Some("0 3 * * *"));
        let v = window_view(&w, at("2026-12-04T05:00:00Z"));
        assert!(!v.active);
        assert_eq!(v.active_until_ms, None);
    }
}
