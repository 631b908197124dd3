//! The service registry: one status machine per service, driven by
//! lifecycle messages, ping results and a clock. Pure: time is an argument.

mod admission;
pub mod lookup;
mod reliability;
mod service;
mod status;
mod view;

pub use admission::{AdmissionConfig, RefusalReport};
pub use reliability::{reliability, Reliability};
pub use service::{DependencyInfo, EndpointInfo, InstanceSeen, ServiceState};
pub use status::{Liveness, LivenessConfig, Status};
pub use view::{ServiceMap, ServicesView};

use std::collections::BTreeMap;

use admission::{Bucket, Candidate, Refusal, Refusals};

use serde::{Deserialize, Serialize};

use crate::protocol::{secs_to_us, Lifecycle, LifecycleKind};

/// A status change, with its cause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transition {
    pub service: String,
    pub at_us: i64,
    pub from: Option<Status>,
    pub to: Status,
    pub cause: String,
}

/// A service whose state changed, and the status change if there was one.
#[derive(Debug, Clone)]
pub struct Change {
    pub service: ServiceState,
    pub transition: Option<Transition>,
}

/// The answer (or silence) to a `system.ping`.
#[derive(Debug, Clone, PartialEq)]
pub enum PingOutcome {
    Reply {
        rtt_ms: f64,
        uptime_seconds: Option<f64>,
        version: Option<String>,
    },
    NoReply,
}

const GAPS_KEPT: usize = 7;
/// Dependencies (`connected` targets) kept per service; the oldest
/// disconnected one (else the oldest) makes room for a new target.
pub const MAX_DEPENDENCIES: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Instance {
    First,
    Same,
    New,
}
/// Two reports belong to one process when their implied start times agree
/// within this (clock jitter, rounding of uptime).
const SAME_INSTANCE_US: i64 = 2_000_000;
/// A payload's own timestamp is believed as its send time when it is at
/// most this far behind its arrival (publishes buffered through a bus
/// outage arrive late by the outage)…
const MAX_SENT_DELAY_US: i64 = 15 * 60 * 1_000_000;
/// …and at most this far ahead of it (the sender's clock runs fast).
/// Outside these bounds the sender's clock is not trusted: arrival counts.
const MAX_SENT_AHEAD_US: i64 = 60_000_000;
/// For this long after our own bus outage ends, a report timed by arrival
/// may be one the service buffered through it: its implied start is late by
/// up to the outage, which is no restart.
const OUTAGE_GRACE_US: i64 = 30_000_000;

/// Which process a report came from, and the clock it was timed by.
struct Noted {
    which: Instance,
    /// Index into `instances` (none without an uptime).
    at: Option<usize>,
    /// The report's time: the sender's when believable, else arrival.
    clock_us: i64,
}

/// A service removed from the registry, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Forgotten {
    pub service: String,
    pub status: Status,
    pub reason: String,
}

pub struct Registry {
    services: BTreeMap<String, ServiceState>,
    cfg: LivenessConfig,
    /// Our last bus outage, by arrival time (end `None` while it lasts).
    outage: Option<(i64, Option<i64>)>,
    admission: AdmissionConfig,
    bucket: Bucket,
    refusals: Refusals,
    candidates: BTreeMap<String, Candidate>,
    /// Pings to send now (probes), drained by the sequencer.
    probes: Vec<String>,
    forgotten_total: u64,
}

impl Registry {
    pub fn new(cfg: LivenessConfig) -> Self {
        let admission = AdmissionConfig::default();
        Self {
            services: BTreeMap::new(),
            cfg,
            outage: None,
            bucket: Bucket::full(admission.new_burst),
            admission,
            refusals: Refusals::default(),
            candidates: BTreeMap::new(),
            probes: Vec::new(),
            forgotten_total: 0,
        }
    }

    pub fn with_admission(mut self, admission: AdmissionConfig) -> Self {
        self.bucket = Bucket::full(admission.new_burst);
        self.admission = admission;
        self
    }

    pub fn admission(&self) -> &AdmissionConfig {
        &self.admission
    }

    pub fn len(&self) -> usize {
        self.services.len()
    }

    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    pub fn refused_total(&self) -> u64 {
        self.refusals.total
    }

    pub fn forgotten_total(&self) -> u64 {
        self.forgotten_total
    }

    pub fn candidate_count(&self) -> usize {
        self.candidates.len()
    }

    /// The last refused name, why, and when (empty before any refusal).
    pub fn last_refusal(&self) -> (&str, &str, i64) {
        (
            &self.refusals.last_name,
            self.refusals.last_reason,
            self.refusals.last_at_us,
        )
    }

    /// Rebuilds from stored states. We were not watching while stopped, so
    /// every live service gets a fresh deadline from `now` rather than being
    /// declared down for our own absence.
    pub fn restore(cfg: LivenessConfig, states: Vec<ServiceState>, now_us: i64) -> Self {
        let mut reg = Self::new(cfg);
        for mut s in states {
            // Rows from before answers were tracked: a ping reply is one.
            if s.answered_us == 0 && s.last_ping_us > 0 {
                s.answered_us = s.last_ping_us;
            }
            reg.services.insert(s.name.clone(), s);
        }
        reg.refresh_deadlines(now_us);
        reg
    }

    /// After a time we could not see the bus (our own restart, a lost
    /// connection), silence proves nothing: live services get a full window
    /// from `now`.
    pub fn refresh_deadlines(&mut self, now_us: i64) {
        let windows: Vec<(String, i64)> = self
            .services
            .values()
            .filter(|s| s.status.is_up())
            .map(|s| (s.name.clone(), self.window_us(s)))
            .collect();
        for (name, window) in windows {
            if let Some(s) = self.services.get_mut(&name) {
                s.deadline_us = now_us.saturating_add(window);
                s.missed_pings = 0;
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&ServiceState> {
        self.services.get(name)
    }

    pub fn services(&self) -> impl Iterator<Item = &ServiceState> {
        self.services.values()
    }

    pub fn config(&self) -> &LivenessConfig {
        &self.cfg
    }

    /// We lost the bus at `since_us`: reports buffered by services through
    /// the outage will arrive late (see [`OUTAGE_GRACE_US`]).
    pub fn bus_lost(&mut self, since_us: i64) {
        if !matches!(self.outage, Some((_, None))) {
            self.outage = Some((since_us, None));
        }
    }

    /// The bus is back at `now_us`.
    pub fn bus_back(&mut self, now_us: i64) {
        if let Some((from, None)) = self.outage {
            self.outage = Some((from, Some(now_us)));
        }
    }

    /// How much later than its true start an arrival-timed report at
    /// `now_us` may place its process because of our own outage.
    fn outage_slack_us(&self, now_us: i64) -> i64 {
        match self.outage {
            Some((from, end)) => {
                let to = end.unwrap_or(now_us);
                if now_us <= to.saturating_add(OUTAGE_GRACE_US) {
                    to.saturating_sub(from).max(0)
                } else {
                    0
                }
            }
            None => 0,
        }
    }

    fn interval_us(&self, s: &ServiceState) -> i64 {
        if s.interval_s > 0.0 {
            secs_to_us(s.interval_s)
        } else {
            self.cfg.default_interval_us
        }
    }

    /// How long silence may last before the service counts as down.
    fn window_us(&self, s: &ServiceState) -> i64 {
        match s.liveness {
            Liveness::Ping => self
                .cfg
                .ping_interval_us
                .saturating_mul(i64::from(self.cfg.missed_pings))
                .saturating_add(self.cfg.ping_timeout_us),
            Liveness::Heartbeat | Liveness::Startup => {
                let iv = self.interval_us(s);
                // Slack for delivery jitter: a quarter interval, at most 5 s.
                iv.saturating_mul(i64::from(self.cfg.missed_heartbeats))
                    .saturating_add((iv / 4).min(5_000_000))
            }
        }
    }

    /// Whether a new name may enter now; a refusal is counted.
    fn admit(&mut self, name: &str, valid: bool, now_us: i64) -> bool {
        let why = if !valid {
            Refusal::BadName
        } else if self.services.len() >= self.admission.max_services {
            Refusal::Cap
        } else if !self
            .bucket
            .take(now_us, self.admission.new_per_second, self.admission.new_burst)
        {
            Refusal::Rate
        } else {
            return true;
        };
        self.refusals.note(name, why, now_us);
        false
    }

    /// Refusals since the last call, if any.
    pub fn take_refusals(&mut self) -> Option<RefusalReport> {
        if self.refusals.pending.is_empty() {
            return None;
        }
        Some(RefusalReport {
            by_reason: std::mem::take(&mut self.refusals.pending),
            examples: std::mem::take(&mut self.refusals.examples),
            total: self.refusals.total,
        })
    }

    /// Pings to send now: probes of candidates and of services that just
    /// announced a startup.
    pub fn take_probes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.probes)
    }

    /// Probes `s` after a startup, unless it heartbeats (its heartbeats say
    /// enough), was probed a moment ago, or has used up the probes a
    /// service that never answered gets.
    fn probe_on_startup(&mut self, s: &mut ServiceState, now_us: i64) {
        if s.liveness == Liveness::Heartbeat
            || s.last_ping_sent_us
                .is_some_and(|at| now_us.saturating_sub(at) < admission::PROBE_SPACING_US)
        {
            return;
        }
        if s.answered_us == 0 {
            if s.probes_unanswered >= admission::UNANSWERED_PROBES {
                return;
            }
            s.probes_unanswered += 1;
        }
        s.last_ping_sent_us = Some(now_us);
        self.probes.push(s.name.clone());
    }

    /// A name seen in traffic (`kryten.{name}.command`, channel events, the
    /// robot's own registry): probed, and listed only once it answers.
    pub fn note_candidate(&mut self, name: &str, source: &str, now_us: i64) {
        if self.services.contains_key(name) {
            return;
        }
        if let Some(c) = self.candidates.get_mut(name) {
            if now_us.saturating_sub(c.probed_us) < admission::CANDIDATE_RETRY_US {
                return;
            }
            if self
                .bucket
                .take(now_us, self.admission.new_per_second, self.admission.new_burst)
            {
                c.probed_us = now_us;
                self.probes.push(name.to_string());
            }
            return;
        }
        self.candidates
            .retain(|_, c| now_us.saturating_sub(c.first_seen_us) <= admission::CANDIDATE_TTL_US);
        if !admission::plausible_name(name) {
            self.refusals.note(name, Refusal::BadName, now_us);
            return;
        }
        if self.candidates.len() >= admission::MAX_CANDIDATES {
            self.refusals.note(name, Refusal::Candidates, now_us);
            return;
        }
        if !self.admit(name, true, now_us) {
            return;
        }
        self.candidates.insert(
            name.to_string(),
            Candidate {
                source: source.to_string(),
                first_seen_us: now_us,
                probed_us: now_us,
            },
        );
        self.probes.push(name.to_string());
    }

    /// Applies a lifecycle message received at `now_us`.
    pub fn apply(&mut self, lc: &Lifecycle, now_us: i64) -> Vec<Change> {
        let is_new = !self.services.contains_key(&lc.service);
        if is_new {
            let valid = admission::acceptable_name(&lc.service);
            // A candidate's probe already took its share of the rate.
            let probed = self.candidates.remove(&lc.service).is_some();
            let room = self.services.len() < self.admission.max_services;
            let already_admitted = probed && valid && room;
            if !already_admitted && !self.admit(&lc.service, valid, now_us) {
                return Vec::new();
            }
        }
        let mut s = self
            .services
            .remove(&lc.service)
            .unwrap_or_else(|| ServiceState::new(&lc.service, now_us));
        let before = s.clone();
        let prev_status = if is_new { None } else { Some(s.status) };
        s.last_seen_us = now_us;
        if let Some(v) = &lc.version {
            s.version.clone_from(v);
        }
        if let Some(h) = &lc.hostname {
            s.hostname.clone_from(h);
        }
        if let Some(m) = &lc.metadata {
            s.set_metadata(m.clone());
        }
        // A message's extra fields replace the previous ones (they never
        // accumulate); a startup is the whole announcement. Connection
        // events' extras describe the dependency and stay in the event.
        match lc.kind {
            LifecycleKind::Startup => s.extras.clone_from(&lc.extras),
            LifecycleKind::Heartbeat | LifecycleKind::Shutdown if !lc.extras.is_empty() => {
                s.extras.clone_from(&lc.extras)
            }
            _ => {}
        }

        let mut next: Option<(Status, String)> = None;
        match lc.kind {
            LifecycleKind::Startup => {
                let which = self.note_instance(&mut s, lc, now_us, true).which;
                s.last_startup_us = now_us;
                let restarted = which == Instance::New;
                if restarted {
                    s.restart_count += 1;
                }
                if which != Instance::Same || is_new {
                    s.instance_startup_us = now_us;
                    s.instance_heartbeats = 0;
                    s.liveness = Liveness::Startup;
                    s.missed_pings = 0;
                }
                let cause = match (is_new, restarted, before.status) {
                    (true, _, _) => "first seen: startup".to_string(),
                    (false, true, st) if st.is_up() => format!(
                        "restarted: uptime reset from {:.0}s to {:.1}s",
                        before.uptime_now(now_us),
                        lc.uptime_seconds.unwrap_or(0.0)
                    ),
                    (false, true, _) => "startup: new instance".to_string(),
                    (false, false, st) if !st.is_up() => "startup: re-announced".to_string(),
                    _ => String::new(),
                };
                if is_new || restarted || !before.status.is_up() {
                    next = Some((Status::Starting, cause));
                }
                s.deadline_us = now_us.saturating_add(self.window_us(&s));
            }
            LifecycleKind::Heartbeat => {
                let noted = self.note_instance(&mut s, lc, now_us, false);
                let which = noted.which;
                let fresh = which == Instance::New;
                if fresh {
                    // Its startup never reached us.
                    s.restart_count += 1;
                    s.instance_heartbeats = 0;
                    s.instance_startup_us = 0;
                }
                match noted.at {
                    Some(i) => learn_instance_cadence(&mut s, i, noted.clock_us),
                    None => self.learn_interval(&mut s, now_us),
                }
                s.heartbeat_count += 1;
                s.instance_heartbeats += 1;
                s.last_heartbeat_us = now_us;
                s.liveness = Liveness::Heartbeat;
                s.missed_pings = 0;
                let reported = Status::from_reported(lc.status.as_deref());
                let awaiting_restart = s.status == Status::Restarting && which == Instance::Same;
                if !awaiting_restart && (is_new || s.status != reported) {
                    let cause = match (prev_status, reported) {
                        (None, _) => "first seen: heartbeat".to_string(),
                        (Some(Status::Starting), Status::Healthy) => "first heartbeat".to_string(),
                        (Some(Status::Down), _) => format!(
                            "heartbeat resumed after {:.0}s of silence",
                            now_us.saturating_sub(before.last_seen_us) as f64 / 1e6
                        ),
                        (Some(Status::Stopped), _) => "heartbeat after shutdown".to_string(),
                        (_, st) if fresh => format!("new instance reports {st}"),
                        (_, st) => format!("service reports {st}"),
                    };
                    next = Some((reported, cause));
                }
                s.deadline_us = now_us.saturating_add(self.window_us(&s));
            }
            LifecycleKind::Shutdown => {
                s.instances.clear();
                s.deadline_us = 0;
                s.liveness = Liveness::Startup;
                if let Some(u) = lc.uptime_seconds {
                    s.uptime_seconds = u;
                    s.uptime_at_us = now_us;
                }
                let reason = lc.reason.as_deref().unwrap_or("no reason given");
                next = Some((Status::Stopped, format!("shutdown: {reason}")));
            }
            LifecycleKind::Connected | LifecycleKind::Disconnected => {
                if let Some(u) = lc.uptime_seconds {
                    s.uptime_seconds = u;
                    s.uptime_at_us = now_us;
                }
                let target = lc.target.clone().unwrap_or_else(|| "unknown".into());
                let connected = lc.kind == LifecycleKind::Connected;
                let reason = lc.reason.clone().unwrap_or_default();
                match s.dependencies.iter_mut().find(|d| d.target == target) {
                    Some(d) => {
                        d.connected = connected;
                        d.since_us = now_us;
                        d.reason = reason;
                    }
                    None => {
                        if s.dependencies.len() >= MAX_DEPENDENCIES {
                            // Make room: the longest-disconnected, else the oldest.
                            let evict = s
                                .dependencies
                                .iter()
                                .enumerate()
                                .min_by_key(|(_, d)| (d.connected, d.since_us))
                                .map(|(i, _)| i);
                            if let Some(i) = evict {
                                s.dependencies.remove(i);
                            }
                        }
                        s.dependencies.push(DependencyInfo {
                            target,
                            connected,
                            since_us: now_us,
                            reason,
                        })
                    }
                }
                if is_new {
                    next = Some((Status::Starting, format!("first seen: {}", kind_word(lc.kind))));
                    s.deadline_us = now_us.saturating_add(self.window_us(&s));
                }
            }
        }

        let transition = next.and_then(|(to, cause)| {
            if Some(to) == prev_status && !cause.starts_with("restarted") {
                return None;
            }
            s.status = to;
            s.status_cause.clone_from(&cause);
            s.status_since_us = now_us;
            Some(Transition {
                service: s.name.clone(),
                at_us: now_us,
                from: prev_status,
                to,
                cause,
            })
        });
        if lc.kind == LifecycleKind::Startup {
            // Every startup, not only the first: a service's command
            // handler may come up after its first announcement.
            self.probe_on_startup(&mut s, now_us);
        }
        self.services.insert(s.name.clone(), s.clone());
        vec![Change { service: s, transition }]
    }

    /// Tracks which process a report came from: the first one we know of,
    /// the current one, or a newer one (the service restarted).
    ///
    /// A process's start is the report's send time minus its uptime. The
    /// send time is the payload's own timestamp when it is believable
    /// (bounded against arrival for buffering and clock skew), else the
    /// arrival time — then, right after our own bus outage, a report may be
    /// late by up to the outage, and that lateness is no restart.
    fn note_instance(&self, s: &mut ServiceState, lc: &Lifecycle, now_us: i64, startup: bool) -> Noted {
        let sent = lc.sent_us.filter(|&t| {
            t >= now_us.saturating_sub(MAX_SENT_DELAY_US) && t <= now_us.saturating_add(MAX_SENT_AHEAD_US)
        });
        let clock_us = sent.unwrap_or(now_us);
        let Some(uptime) = lc.uptime_seconds else {
            // Without an uptime only a startup after a stop says "new".
            let which = match (startup && !s.status.is_up(), s.instance_started_us) {
                (false, _) => Instance::Same,
                (true, None) => Instance::First,
                (true, Some(_)) => Instance::New,
            };
            return Noted {
                which,
                at: None,
                clock_us,
            };
        };
        let started = clock_us.saturating_sub(secs_to_us(uptime));
        let tolerance = if sent.is_some() {
            SAME_INSTANCE_US
        } else {
            SAME_INSTANCE_US.saturating_add(self.outage_slack_us(now_us))
        };
        // A process silent for three of its intervals is gone; the current
        // one stays (its first beat may be a long interval after startup).
        let service_iv = self.interval_us(s);
        let current = s.instance_started_us;
        s.instances.retain(|i| {
            let window = service_iv
                .max(secs_to_us(i.interval_s))
                .saturating_mul(3)
                .max(60_000_000);
            current == Some(i.started_us) || now_us.saturating_sub(i.last_seen_us) <= window
        });
        // A process that started after we saw the old one stop is new, even
        // if it came back within the same-instance tolerance.
        let after_stop = startup && !s.status.is_up() && started.saturating_add(200_000) >= s.status_since_us;
        let which = match s.instance_started_us {
            None => Instance::First,
            Some(current) if started > current.saturating_add(tolerance) => Instance::New,
            Some(current) if after_stop && started > current => Instance::New,
            Some(_) => Instance::Same,
        };
        if startup && which != Instance::Same {
            // A startup ends the old process's story: no duplicate suspicion.
            s.instances.clear();
        }
        let at = match s
            .instances
            .iter()
            .position(|i| i.started_us.abs_diff(started) <= tolerance.unsigned_abs())
        {
            Some(i) => {
                s.instances[i].last_seen_us = now_us;
                i
            }
            None => {
                s.instances.push(InstanceSeen {
                    started_us: started,
                    last_seen_us: now_us,
                    // Its first heartbeat comes one interval after its startup.
                    last_beat_us: startup.then_some(clock_us),
                    gaps: Vec::new(),
                    interval_s: 0.0,
                });
                s.instances.len() - 1
            }
        };
        if which != Instance::Same {
            s.instance_started_us = Some(started);
        }
        // Reports from an older process that is still alive keep the newest
        // as current; the instance count shows the duplication.
        if s.instance_started_us
            .is_some_and(|c| c.abs_diff(started) <= tolerance.unsigned_abs())
        {
            s.uptime_seconds = uptime;
            s.uptime_at_us = now_us;
        }
        Noted {
            which,
            at: Some(at),
            clock_us,
        }
    }

    fn learn_interval(&self, s: &mut ServiceState, now_us: i64) {
        // The first heartbeat of an instance comes one interval after its
        // startup; later ones one interval after the previous heartbeat.
        let prev = if s.instance_heartbeats == 0 {
            s.instance_startup_us
        } else {
            s.last_heartbeat_us
        };
        if prev == 0 || now_us <= prev {
            return;
        }
        let gap = now_us.saturating_sub(prev) as f64 / 1e6;
        // A gap spanning missed beats or a daemon restart is not a cadence.
        if s.interval_s > 0.0 && s.heartbeat_gaps.len() >= 3 && gap > s.interval_s * 2.5 {
            return;
        }
        if gap < 0.05 {
            return;
        }
        s.heartbeat_gaps.push(gap);
        if s.heartbeat_gaps.len() > GAPS_KEPT {
            s.heartbeat_gaps.remove(0);
        }
        let mut sorted = s.heartbeat_gaps.clone();
        sorted.sort_by(f64::total_cmp);
        s.interval_s = sorted[sorted.len() / 2];
    }

    /// A restart was requested: `restarting` until the service stops or a
    /// new instance appears (its old instance's heartbeats keep it so).
    pub fn mark_restarting(&mut self, name: &str, cause: String, now_us: i64) -> Vec<Change> {
        match self.services.get_mut(name) {
            Some(s) if s.status.is_up() && s.status != Status::Restarting => {
                s.stop_requested_us = now_us;
                s.stop_is_shutdown = false;
                vec![set_status(s, Status::Restarting, cause, now_us)]
            }
            _ => Vec::new(),
        }
    }

    /// A stop or restart is about to be asked for through krytend (noted
    /// before the command is sent, so its effects cannot arrive first).
    pub fn note_stop_requested(&mut self, name: &str, shutdown: bool, now_us: i64) -> Vec<Change> {
        match self.services.get_mut(name) {
            Some(s) if s.status.is_up() => {
                s.stop_requested_us = now_us;
                s.stop_is_shutdown = shutdown;
                vec![Change {
                    service: s.clone(),
                    transition: None,
                }]
            }
            _ => Vec::new(),
        }
    }

    /// The stop asked for was refused or unanswered: a stop from now on is
    /// not planned.
    pub fn cancel_stop_request(&mut self, name: &str, requested_us: i64) -> Vec<Change> {
        match self.services.get_mut(name) {
            Some(s) if s.stop_requested_us == requested_us && s.status.is_up() && s.status != Status::Restarting => {
                s.stop_requested_us = 0;
                s.stop_is_shutdown = false;
                vec![Change {
                    service: s.clone(),
                    transition: None,
                }]
            }
            _ => Vec::new(),
        }
    }

    /// A requested restart did not happen (refused, unanswered, or never
    /// seen to start): the service leaves `restarting` for the status it had
    /// (`back_to`), so its heartbeats and pings count again. A service that
    /// meanwhile stopped or restarted has moved on and is left alone.
    pub fn restart_abandoned(&mut self, name: &str, back_to: Status, cause: String, now_us: i64) -> Vec<Change> {
        match self.services.get_mut(name) {
            Some(s) if s.status == Status::Restarting => {
                let to = if back_to.is_up() && back_to != Status::Restarting {
                    back_to
                } else {
                    Status::Starting
                };
                vec![set_status(s, to, cause, now_us)]
            }
            _ => Vec::new(),
        }
    }

    /// Services whose deadline passed go down.
    pub fn tick(&mut self, now_us: i64) -> Vec<Change> {
        let mut changes = Vec::new();
        for s in self.services.values_mut() {
            if !s.status.is_up() || s.deadline_us == 0 || now_us <= s.deadline_us {
                continue;
            }
            let silent = now_us.saturating_sub(s.last_seen_us.max(s.last_ping_us)) as f64 / 1e6;
            let cause = match s.liveness {
                Liveness::Heartbeat => format!(
                    "no heartbeat for {silent:.0}s ({} missed at ~{:.0}s)",
                    self.cfg.missed_heartbeats,
                    if s.interval_s > 0.0 {
                        s.interval_s
                    } else {
                        self.cfg.default_interval_us as f64 / 1e6
                    }
                ),
                Liveness::Ping => format!("no reply to ping for {silent:.0}s"),
                Liveness::Startup => {
                    format!("no heartbeat or ping reply for {silent:.0}s since startup")
                }
            };
            changes.push(set_status(s, Status::Down, cause, now_us));
        }
        changes
    }

    /// Services to ping now (and marks them as pinged): every service not
    /// known to heartbeat and not stopped that has answered before — one
    /// that never answered anything is only probed on its startups.
    pub fn due_pings(&mut self, now_us: i64) -> Vec<String> {
        let every = self.cfg.ping_interval_us;
        let mut due = Vec::new();
        for s in self.services.values_mut() {
            let probe = s.status != Status::Stopped && s.liveness != Liveness::Heartbeat && s.answered_us > 0;
            if probe && s.last_ping_sent_us.is_none_or(|at| now_us.saturating_sub(at) >= every) {
                s.last_ping_sent_us = Some(now_us);
                due.push(s.name.clone());
            }
        }
        due
    }

    pub fn ping_result(&mut self, name: &str, outcome: PingOutcome, now_us: i64) -> Vec<Change> {
        let missed_limit = self.cfg.missed_pings;
        if !self.services.contains_key(name) {
            return self.candidate_result(name, outcome, now_us);
        }
        let Some(s) = self.services.get_mut(name) else {
            return Vec::new();
        };
        match outcome {
            PingOutcome::Reply {
                rtt_ms,
                uptime_seconds,
                version,
            } => {
                s.last_ping_us = now_us;
                s.last_ping_rtt_ms = rtt_ms;
                if s.ping_history.len() >= service::PING_HISTORY {
                    s.ping_history.remove(0);
                }
                // A round trip is range-checked by its measurer; f32 is plenty.
                s.ping_history.push((now_us, rtt_ms as f32));
                if let Some(v) = version {
                    s.version = v;
                }
                if let Some(u) = uptime_seconds.and_then(crate::protocol::checked_uptime) {
                    s.uptime_seconds = u;
                    s.uptime_at_us = now_us;
                }
                self.sign_of_life(name, &format!("answered ping ({rtt_ms:.1} ms)"), now_us)
            }
            PingOutcome::NoReply => {
                s.missed_pings += 1;
                if s.liveness == Liveness::Ping && s.status.is_up() && s.missed_pings >= missed_limit {
                    let cause = format!("no reply to {} pings in a row", s.missed_pings);
                    return vec![set_status(s, Status::Down, cause, now_us)];
                }
                vec![Change {
                    service: s.clone(),
                    transition: None,
                }]
            }
        }
    }
}

/// Learns one process's cadence from its own beats (`t_us` by the clock
/// the report was timed with); the service's interval is the slowest of its
/// live processes', so its deadline holds while any of them still beats.
fn learn_instance_cadence(s: &mut ServiceState, at: usize, t_us: i64) {
    let Some(inst) = s.instances.get_mut(at) else {
        return;
    };
    let prev = inst.last_beat_us;
    if prev.is_some_and(|p| t_us <= p) {
        // A repeat or an older beat delivered late teaches nothing.
        return;
    }
    inst.last_beat_us = Some(t_us);
    if let Some(prev) = prev {
        let gap = t_us.saturating_sub(prev) as f64 / 1e6;
        // A gap spanning missed beats or a daemon restart is not a cadence;
        // nor is a burst.
        let spans_missed = inst.interval_s > 0.0 && inst.gaps.len() >= 3 && gap > inst.interval_s * 2.5;
        if !spans_missed && gap >= 0.05 {
            inst.gaps.push(gap);
            if inst.gaps.len() > GAPS_KEPT {
                inst.gaps.remove(0);
            }
            // The upper quartile, not the median: two processes that started
            // too close together to be told apart beat as one lineage with
            // alternating short and long gaps, and only the long one bounds
            // the silence while either still beats. A single late beat
            // (one gap of twice the cadence) still does not move it.
            let mut sorted = inst.gaps.clone();
            sorted.sort_by(f64::total_cmp);
            inst.interval_s = sorted[sorted.len() * 3 / 4];
            s.heartbeat_gaps.clone_from(&inst.gaps);
        }
    }
    let slowest = s.instances.iter().map(|i| i.interval_s).fold(0.0, f64::max);
    if slowest > 0.0 {
        s.interval_s = slowest;
    }
}

impl Registry {
    /// Any answer from a service (a ping reply, a `system.config` reply, any
    /// reply to a request of ours) proves it is alive now.
    pub fn sign_of_life(&mut self, name: &str, cause: &str, now_us: i64) -> Vec<Change> {
        let window = self
            .cfg
            .ping_interval_us
            .saturating_mul(i64::from(self.cfg.missed_pings))
            .saturating_add(self.cfg.ping_timeout_us);
        let Some(s) = self.services.get_mut(name) else {
            return Vec::new();
        };
        s.answered_us = now_us;
        s.probes_unanswered = 0;
        s.last_seen_us = now_us;
        s.missed_pings = 0;
        if s.liveness == Liveness::Heartbeat {
            return vec![Change {
                service: s.clone(),
                transition: None,
            }];
        }
        s.liveness = Liveness::Ping;
        s.deadline_us = now_us.saturating_add(window);
        if matches!(s.status, Status::Starting | Status::Down) {
            return vec![set_status(s, Status::Healthy, cause.to_string(), now_us)];
        }
        vec![Change {
            service: s.clone(),
            transition: None,
        }]
    }

    /// A probe of a name seen only in traffic: an answer lists it (if there
    /// is still room), silence leaves it a candidate.
    fn candidate_result(&mut self, name: &str, outcome: PingOutcome, now_us: i64) -> Vec<Change> {
        let PingOutcome::Reply {
            rtt_ms,
            uptime_seconds,
            version,
        } = outcome
        else {
            return Vec::new();
        };
        let Some(c) = self.candidates.remove(name) else {
            return Vec::new();
        };
        if self.services.len() >= self.admission.max_services {
            self.refusals.note(name, Refusal::Cap, now_us);
            return Vec::new();
        }
        let mut s = ServiceState::new(name, now_us);
        s.version = version.unwrap_or_default();
        if let Some(u) = uptime_seconds {
            s.uptime_seconds = u;
            s.uptime_at_us = now_us;
            s.instance_started_us = Some(now_us.saturating_sub((u.clamp(0.0, 1e10) * 1e6) as i64));
        }
        s.last_ping_us = now_us;
        s.last_ping_sent_us = Some(now_us);
        s.last_ping_rtt_ms = rtt_ms;
        s.answered_us = now_us;
        s.liveness = Liveness::Ping;
        s.deadline_us = now_us.saturating_add(
            self.cfg
                .ping_interval_us
                .saturating_mul(i64::from(self.cfg.missed_pings))
                .saturating_add(self.cfg.ping_timeout_us),
        );
        let cause = format!("discovered from {}: answered ping ({rtt_ms:.1} ms)", c.source);
        s.status = Status::Healthy;
        s.status_cause.clone_from(&cause);
        let transition = Transition {
            service: name.to_string(),
            at_us: now_us,
            from: None,
            to: Status::Healthy,
            cause,
        };
        self.services.insert(name.to_string(), s.clone());
        vec![Change {
            service: s,
            transition: Some(transition),
        }]
    }

    /// Removes services silent past retention: down or stopped for
    /// `forget_after`, or never answered anything and not up for
    /// `forget_unanswered_after`.
    pub fn forget_stale(&mut self, now_us: i64) -> Vec<Forgotten> {
        let a = &self.admission;
        let stale: Vec<Forgotten> = self
            .services
            .values()
            .filter(|s| !s.status.is_up())
            .filter_map(|s| {
                let silent = now_us.saturating_sub(s.last_seen_us);
                let unproven = s.answered_us == 0 && s.heartbeat_count == 0;
                let limit = if unproven {
                    a.forget_unanswered_after_us.min(a.forget_after_us)
                } else {
                    a.forget_after_us
                };
                (silent > limit).then(|| Forgotten {
                    service: s.name.clone(),
                    status: s.status,
                    reason: format!(
                        "{} for {:.0}s{}",
                        s.status,
                        silent as f64 / 1e6,
                        if unproven { ", never answered" } else { "" }
                    ),
                })
            })
            .collect();
        for f in &stale {
            self.services.remove(&f.service);
        }
        self.forgotten_total += stale.len() as u64;
        stale
    }

    /// Removes one service on request. A service that is up would be back
    /// with its next message, so only one that is not is forgotten.
    pub fn forget(&mut self, name: &str) -> Result<Forgotten, ForgetError> {
        let Some(s) = self.services.get(name) else {
            return Err(ForgetError::Unknown(name.to_string()));
        };
        if s.status.is_up() {
            return Err(ForgetError::Up {
                service: name.to_string(),
                status: s.status,
            });
        }
        let f = Forgotten {
            service: name.to_string(),
            status: s.status,
            reason: "forgotten on request".into(),
        };
        self.services.remove(name);
        self.forgotten_total += 1;
        Ok(f)
    }
}

/// Why a service was not forgotten on request (the texts are what clients see).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForgetError {
    #[error("no service named {0:?}")]
    Unknown(String),
    #[error("{service} is {status}: only a down or stopped service can be forgotten")]
    Up { service: String, status: Status },
}

fn set_status(s: &mut ServiceState, to: Status, cause: String, now_us: i64) -> Change {
    let from = s.status;
    // Up again after a requested stop: whatever stops it next was not asked for.
    if to.is_up() && to != Status::Restarting && (!from.is_up() || from == Status::Restarting) {
        s.stop_requested_us = 0;
        s.stop_is_shutdown = false;
    }
    s.status = to;
    s.status_cause.clone_from(&cause);
    s.status_since_us = now_us;
    if !to.is_up() {
        s.deadline_us = 0;
    }
    Change {
        service: s.clone(),
        transition: Some(Transition {
            service: s.name.clone(),
            at_us: now_us,
            from: Some(from),
            to,
            cause,
        }),
    }
}

fn kind_word(k: LifecycleKind) -> &'static str {
    match k {
        LifecycleKind::Startup => "startup",
        LifecycleKind::Heartbeat => "heartbeat",
        LifecycleKind::Shutdown => "shutdown",
        LifecycleKind::Connected => "connected",
        LifecycleKind::Disconnected => "disconnected",
    }
}

#[cfg(test)]
mod tests;
