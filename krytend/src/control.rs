//! Control actions: every one checked against the caller's role, audited
//! before it is sent and after, and addressed to one service's own command
//! subject unless it is the (explicit) group restart.

use std::{
    collections::BTreeMap,
    sync::Arc,
    time::{Duration, Instant},
};

use async_nats::Client;
use serde_json::{json, Map, Value};
use thiserror::Error;
use tokio::sync::{mpsc, watch};

use crate::protocol::wire::system;
use crate::{
    audit::Audit,
    auth::{Action, Caller},
    hub::Hub,
    ingest::{Input, ServicesView},
    prober::command_subject,
    protocol::timestamp::{format_us, now_us},
    registry::{ServiceState, Status},
};

pub use crate::protocol::wire::GROUP_RESTART_SUBJECT;

#[derive(Debug, Error)]
pub enum ControlError {
    #[error("role {role} may not {action} (needs {needs})")]
    Denied {
        role: &'static str,
        action: &'static str,
        needs: &'static str,
    },
    #[error(transparent)]
    UnknownService(#[from] crate::registry::lookup::UnknownService),
    #[error("{0}")]
    NoAnswer(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Internal(String),
}

/// One step of a restart, as the caller sees it.
#[derive(Debug, Clone)]
pub struct Progress {
    pub service: String,
    pub stage: &'static str,
    pub elapsed: f64,
    pub done: bool,
    pub ok: bool,
    pub message: String,
    pub audit_id: u64,
}

#[derive(Debug, Clone)]
pub struct Reply {
    pub subject: String,
    pub body: Value,
    pub rtt_ms: f64,
    pub success: bool,
    pub error: String,
    pub audit_id: u64,
}

#[derive(Clone)]
pub struct Control {
    pub client: Client,
    pub audit: Audit,
    pub view: watch::Receiver<ServicesView>,
    pub hub: Arc<Hub>,
    pub inputs: mpsc::Sender<Input>,
}

type ProgressTx = mpsc::Sender<Progress>;

impl Control {
    /// The one role check; refusals of control actions are audited.
    pub async fn authorize(
        &self,
        caller: &Caller,
        action: Action,
        target: &str,
        reason: &str,
    ) -> Result<(), ControlError> {
        let needs = action.required_role();
        if caller.role >= needs {
            return Ok(());
        }
        if action != Action::Read {
            if let Err(e) = self.audit.denied(caller, action, target, reason).await {
                tracing::error!("cannot audit a refusal: {e}");
            }
        }
        Err(ControlError::Denied {
            role: caller.role.as_str(),
            action: action.as_str(),
            needs: needs.as_str(),
        })
    }

    /// Role and target checked before anything is streamed back.
    pub async fn precheck(
        &self,
        caller: &Caller,
        action: Action,
        target: &str,
        reason: &str,
    ) -> Result<(), ControlError> {
        if target != "*" {
            self.known(target)?;
        }
        self.authorize(caller, action, target, reason).await
    }

    fn known(&self, service: &str) -> Result<ServiceState, ControlError> {
        let view = self.view.borrow().clone();
        Ok(crate::registry::lookup::get(&view, service)?)
    }

    /// Request/reply on the service's command subject. Always names the
    /// target itself in `service` (some services reject anything else).
    async fn request(
        &self,
        service: &str,
        command: &str,
        args: &Map<String, Value>,
        timeout: Duration,
    ) -> Result<(Value, f64), ControlError> {
        let mut body = Map::new();
        body.insert("service".into(), json!(service));
        body.insert("command".into(), json!(command));
        for (k, v) in args {
            if k != "service" && k != "command" {
                body.insert(k.clone(), v.clone());
            }
        }
        let subject = command_subject(service);
        let started = Instant::now();
        let req = self
            .client
            .request(subject.clone(), Value::Object(body).to_string().into());
        let reply = match tokio::time::timeout(timeout, req).await {
            Ok(Ok(m)) => m,
            Ok(Err(e)) if e.kind() == async_nats::RequestErrorKind::NoResponders => {
                return Err(ControlError::NoAnswer(format!(
                    "nobody listens on {subject}: sent {command} to {service}, no responders (is it running?)"
                )))
            }
            _ => {
                return Err(ControlError::NoAnswer(format!(
                    "{service} did not answer {command} on {subject} within {:.1}s",
                    timeout.as_secs_f64()
                )))
            }
        };
        let rtt = started.elapsed().as_secs_f64() * 1e3;
        let body = serde_json::from_slice::<Value>(&reply.payload)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&reply.payload).into_owned()));
        Ok((body, rtt))
    }

    /// One command on one service, audited.
    pub async fn command(
        &self,
        caller: &Caller,
        service: &str,
        command: &str,
        args: Map<String, Value>,
        reason: &str,
        timeout: Duration,
    ) -> Result<Reply, ControlError> {
        // Checked, audited and sent under one spelling.
        let command = crate::auth::normalize_command(command).map_err(|e| ControlError::Invalid(e.to_string()))?;
        let command = command.as_str();
        let action = Action::for_command(command);
        self.precheck(caller, action, service, reason).await?;
        let detail = format!(
            "{command} {}",
            crate::redact::shared().value(&Value::Object(args.clone()))
        );
        let id = self
            .audit
            .begin(caller, action, service, reason, &detail)
            .await
            .map_err(|e| ControlError::Internal(e.to_string()))?;
        let started = Instant::now();
        let mut args = args;
        if !reason.is_empty() && command == system::SHUTDOWN {
            args.entry("reason").or_insert_with(|| json!(reason));
        }
        let ms = || started.elapsed().as_secs_f64() * 1e3;
        // A stop asked for here is planned: noted before it is sent, so no
        // alert fires for it (docs/alerts.md).
        let planned = match command {
            system::SHUTDOWN => Some(true),
            system::RESTART => Some(false),
            _ => None,
        };
        let noted_at = now_us();
        if let Some(shutdown) = planned {
            let (done, noted) = tokio::sync::oneshot::channel();
            let input = Input::StopRequested {
                service: service.to_string(),
                shutdown,
                at_us: noted_at,
                done,
            };
            if self.inputs.send(input).await.is_ok() {
                let _ = tokio::time::timeout(Duration::from_secs(2), noted).await;
            }
        }
        let cancel = || async {
            if planned.is_some() {
                let input = Input::StopRequestCancelled {
                    service: service.to_string(),
                    at_us: noted_at,
                };
                let _ = self.inputs.send(input).await;
            }
        };
        match self.request(service, command, &args, timeout).await {
            Ok((body, rtt)) => {
                let (success, error) = verdict(&body);
                if !success {
                    cancel().await;
                }
                let outcome = if success { "ok" } else { "failed" };
                self.audit
                    .finish(
                        id,
                        outcome,
                        &if success {
                            detail.clone()
                        } else {
                            format!("{detail}: {error}")
                        },
                        ms(),
                    )
                    .await;
                Ok(Reply {
                    subject: command_subject(service),
                    body,
                    rtt_ms: rtt,
                    success,
                    error,
                    audit_id: id,
                })
            }
            Err(e) => {
                cancel().await;
                self.audit.finish(id, "timeout", &e.to_string(), ms()).await;
                Err(e)
            }
        }
    }

    /// A targeted restart with its progress. Tries `system.restart`; a
    /// service that does not know it gets `system.shutdown`, relying on its
    /// supervisor — but only where that is meant: the caller may shut
    /// services down anyway (admin) or asked for it (`allow_fallback`,
    /// `--allow-shutdown-fallback`). The fallback is announced as a stage
    /// and named in the audit. Never the group broadcast.
    #[allow(clippy::too_many_arguments)]
    pub async fn restart(
        &self,
        caller: Caller,
        service: String,
        reason: String,
        wait: bool,
        timeout: Duration,
        allow_fallback: bool,
        tx: ProgressTx,
    ) {
        let started = Instant::now();
        let p = |stage: &'static str, done: bool, ok: bool, message: String, id: u64| Progress {
            service: service.clone(),
            stage,
            elapsed: started.elapsed().as_secs_f64(),
            done,
            ok,
            message,
            audit_id: id,
        };
        // Checked by `precheck`; the service may have vanished since.
        let before = match self.known(&service) {
            Ok(s) => s,
            Err(e) => {
                let _ = tx.send(p("failed", true, false, e.to_string(), 0)).await;
                return;
            }
        };
        let may_fall_back = allow_fallback || caller.role >= Action::Shutdown.required_role();
        let id = match self
            .audit
            .begin(
                &caller,
                Action::Restart,
                &service,
                &reason,
                if may_fall_back {
                    "targeted restart (shutdown fallback allowed)"
                } else {
                    "targeted restart"
                },
            )
            .await
        {
            Ok(id) => id,
            Err(e) => {
                let _ = tx.send(p("failed", true, false, e.to_string(), 0)).await;
                return;
            }
        };
        let finish = |outcome: &'static str, detail: String| {
            let audit = self.audit.clone();
            let ms = started.elapsed().as_secs_f64() * 1e3;
            async move { audit.finish(id, outcome, &detail, ms).await }
        };
        let _ = tx
            .send(p(
                "requested",
                false,
                true,
                format!("asking {service} to restart (its alerts stay quiet until it is back)"),
                id,
            ))
            .await;
        // A restart that does not happen must not leave the service
        // `restarting` (its heartbeats ignored) until something else changes.
        let abandon = |why: &str| {
            let inputs = self.inputs.clone();
            let input = Input::RestartAbandoned {
                service: service.clone(),
                back_to: before.status,
                cause: format!("restart not done: {why}"),
            };
            async move {
                let _ = inputs.send(input).await;
            }
        };
        let mut updates = self.hub.subscribe_services();
        let mark_restarting = || {
            let inputs = self.inputs.clone();
            let input = Input::Restarting {
                service: service.clone(),
                cause: format!("restart requested by {}", caller.name),
            };
            async move {
                let _ = inputs.send(input).await;
            }
        };
        let ack_timeout = timeout.min(Duration::from_secs(5));
        let mut args = Map::new();
        args.insert(
            "reason".into(),
            json!(if reason.is_empty() {
                "restart requested via krytend"
            } else {
                &reason
            }),
        );
        // `system.restart` where a service has it; services that do not know
        // it (an "Unknown command" reply, or no reply to unknown commands at
        // all) get `system.shutdown` and their supervisor starts them again.
        let mut used = system::RESTART;
        let probe = ack_timeout.min(Duration::from_millis(1500));
        // Marked before anything is sent, so the stop it causes can never be
        // seen first (and paged as unexpected); a restart that does not
        // happen is abandoned below and the status put back.
        mark_restarting().await;
        let mut answer = self.request(&service, used, &args, probe).await;
        let unsupported = match &answer {
            Ok((body, _)) => verdict(body).1.to_ascii_lowercase().contains("unknown command"),
            Err(_) => true,
        };
        if unsupported {
            if !may_fall_back {
                let msg = format!(
                    "{service} does not support system.restart; restarting it would mean system.shutdown, \
                     relying on its supervisor to start it again: pass --allow-shutdown-fallback \
                     (or ask an admin) if that is meant"
                );
                finish("denied", msg.clone()).await;
                abandon(&msg).await;
                let _ = tx.send(p("refused", true, false, msg, id)).await;
                return;
            }
            used = "fallback to system.shutdown";
            let _ = tx
                .send(p(
                    "fallback",
                    false,
                    true,
                    format!(
                        "{service} does not support system.restart; falling back to system.shutdown \
                         (its supervisor must start it again)"
                    ),
                    id,
                ))
                .await;
            args.insert("delay_seconds".into(), json!(0));
            answer = self.request(&service, system::SHUTDOWN, &args, ack_timeout).await;
        }
        match answer {
            Ok((body, _)) => {
                let (success, error) = verdict(&body);
                if !success {
                    let msg = format!("{service} refused {used}: {error}");
                    finish("failed", msg.clone()).await;
                    abandon(&msg).await;
                    let _ = tx.send(p("failed", true, false, msg, id)).await;
                    return;
                }
                let _ = tx
                    .send(p("acknowledged", !wait, true, format!("{used} acknowledged"), id))
                    .await;
            }
            Err(e) => {
                let msg = e.to_string();
                finish("timeout", msg.clone()).await;
                abandon(&msg).await;
                let _ = tx.send(p("no_reply", true, false, msg, id)).await;
                return;
            }
        }
        if !wait {
            finish("ok", format!("{used} acknowledged (not waited for)")).await;
            return;
        }
        let deadline = tokio::time::Instant::now() + timeout;
        let mut stage = "acknowledged";
        let mut new_instance = false;
        let mut current = self.known(&service).ok();
        loop {
            if let Some(s) = &current {
                let fresh = is_new_instance(&before, s);
                if stage == "acknowledged" && (fresh || matches!(s.status, Status::Stopped | Status::Down)) {
                    stage = "shutdown_seen";
                    let _ = tx
                        .send(p(stage, false, true, format!("{} ({})", s.status, s.status_cause), id))
                        .await;
                }
                if fresh && !new_instance {
                    new_instance = true;
                    stage = "new_instance";
                    let _ = tx
                        .send(p(
                            stage,
                            false,
                            true,
                            format!("uptime {:.1}s", s.uptime_now(now_us())),
                            id,
                        ))
                        .await;
                }
                if new_instance && s.status == Status::Healthy {
                    let how = if s.liveness == crate::registry::Liveness::Ping {
                        "answered ping"
                    } else {
                        "healthy heartbeat"
                    };
                    finish("ok", format!("{used}; back as a new instance ({how})")).await;
                    let _ = tx.send(p("healthy", true, true, how.to_string(), id)).await;
                    return;
                }
            }
            let next = tokio::select! {
                _ = tokio::time::sleep_until(deadline) => None,
                _ = tx.closed() => None,
                u = updates.recv() => Some(u),
            };
            match next {
                None => {
                    let msg = format!("timed out after {:.0}s at stage {stage}", timeout.as_secs_f64());
                    finish("timeout", msg.clone()).await;
                    // Acknowledged but never seen to stop: still the old
                    // instance, so its own status stands again.
                    if stage == "acknowledged" {
                        abandon(&format!("{used} acknowledged, but {service} did not stop ({msg})")).await;
                    }
                    let _ = tx.send(p("timeout", true, false, msg, id)).await;
                    return;
                }
                Some(Ok(u)) if u.service.name == service => current = Some(u.service.clone()),
                Some(Ok(_)) => {}
                Some(Err(_)) => current = self.known(&service).ok(),
            }
        }
    }

    /// The group restart broadcast. Today's services ignore `targets`.
    pub async fn restart_all(
        &self,
        caller: Caller,
        delay: f64,
        reason: String,
        wait: bool,
        timeout: Duration,
        tx: ProgressTx,
    ) {
        let started = Instant::now();
        let p = |service: &str, stage: &'static str, done: bool, ok: bool, message: String, id: u64| Progress {
            service: service.to_string(),
            stage,
            elapsed: started.elapsed().as_secs_f64(),
            done,
            ok,
            message,
            audit_id: id,
        };
        let before: BTreeMap<String, ServiceState> = self
            .view
            .borrow()
            .iter()
            .filter(|(_, s)| s.status.is_up())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let targets: Vec<&String> = before.keys().collect();
        let id = match self
            .audit
            .begin(
                &caller,
                Action::RestartAll,
                "*",
                &reason,
                &format!("group restart of {}", targets.len()),
            )
            .await
        {
            Ok(id) => id,
            Err(e) => {
                let _ = tx.send(p("*", "failed", true, false, e.to_string(), 0)).await;
                return;
            }
        };
        let asked_us = now_us();
        let body = json!({
            "initiator": format!("krytend ({})", caller.name),
            "reason": if reason.is_empty() { "group restart via krytend" } else { &reason },
            "delay_seconds": delay,
            "timestamp": format_us(now_us()),
            // For services that learn to filter; today's kryten-py ignores it.
            "targets": targets,
        });
        if let Err(e) = self
            .client
            .publish(GROUP_RESTART_SUBJECT, body.to_string().into())
            .await
        {
            let msg = format!("cannot publish the group restart: {e}");
            self.audit.finish(id, "failed", &msg, 0.0).await;
            let _ = tx.send(p("*", "failed", true, false, msg, id)).await;
            return;
        }
        let _ = self.client.flush().await;
        let _ = tx
            .send(p(
                "*",
                "requested",
                !wait,
                true,
                format!("group restart sent to {} services", before.len()),
                id,
            ))
            .await;
        if !wait {
            self.audit
                .finish(id, "ok", "sent (not waited for)", started.elapsed().as_secs_f64() * 1e3)
                .await;
            return;
        }
        let mut updates = self.hub.subscribe_services();
        let deadline = tokio::time::Instant::now() + timeout;
        // After the services' own delay and this grace, one still running as
        // the same instance has ignored the broadcast (services without a
        // restart handler do).
        let delay_us = (delay.clamp(0.0, 300.0) * 1e6) as i64;
        let check_at = tokio::time::Instant::now() + Duration::from_micros(delay_us as u64) + GROUP_REACTION_GRACE;
        let mut outcomes: BTreeMap<String, Outcome> = before.keys().map(|k| (k.clone(), Outcome::Waiting)).collect();
        loop {
            let view = self.view.borrow().clone();
            for (name, old) in &before {
                let Some(now) = view.get(name) else { continue };
                let Some(o) = outcomes.get_mut(name) else { continue };
                let (next, message) = match *o {
                    Outcome::Waiting | Outcome::ShutDown if is_new_instance(old, now) => {
                        (Outcome::NewInstance, format!("uptime {:.1}s", now.uptime_now(now_us())))
                    }
                    Outcome::Waiting if !now.status.is_up() => {
                        (Outcome::ShutDown, format!("{} ({})", now.status, now.status_cause))
                    }
                    _ => (*o, String::new()),
                };
                let next = if next == Outcome::NewInstance && now.status == Status::Healthy {
                    Outcome::Back
                } else {
                    next
                };
                if next != *o {
                    *o = next;
                    let _ = tx.send(p(name, next.stage(), false, true, message, id)).await;
                }
            }
            if tokio::time::Instant::now() >= check_at {
                let waiting: Vec<String> = outcomes
                    .iter()
                    .filter(|(_, o)| **o == Outcome::Waiting)
                    .map(|(n, _)| n.clone())
                    .collect();
                for name in waiting {
                    if let Some(why) = self.still_same_instance(&name, &view, asked_us, delay_us).await {
                        outcomes.insert(name.clone(), Outcome::Ignored);
                        let _ = tx.send(p(&name, Outcome::Ignored.stage(), false, false, why, id)).await;
                    }
                }
            }
            let timed_out = tokio::time::Instant::now() >= deadline;
            if timed_out || outcomes.values().all(|o| o.is_final()) {
                if timed_out {
                    // What is still open at the timeout is the verdict.
                    for (name, o) in outcomes.iter_mut() {
                        let (next, why) = match *o {
                            Outcome::ShutDown => (
                                Outcome::NotBack,
                                format!("shut down, not back within {:.0}s", timeout.as_secs_f64()),
                            ),
                            Outcome::NewInstance => (
                                Outcome::NotHealthy,
                                format!("new instance not healthy within {:.0}s", timeout.as_secs_f64()),
                            ),
                            Outcome::Waiting => (
                                Outcome::Ignored,
                                format!("no reaction seen within {:.0}s", timeout.as_secs_f64()),
                            ),
                            _ => continue,
                        };
                        *o = next;
                        let _ = tx.send(p(name, next.stage(), false, false, why, id)).await;
                    }
                }
                let all_back = outcomes.values().all(|o| *o == Outcome::Back);
                let summary = group_summary(&outcomes);
                let (stage, outcome, msg) = match (all_back, timed_out) {
                    (true, _) => ("healthy", "ok", format!("all {} back", outcomes.len())),
                    (false, true) => (
                        "timeout",
                        "timeout",
                        format!("timed out after {:.0}s: {summary}", timeout.as_secs_f64()),
                    ),
                    (false, false) => ("done", "failed", summary),
                };
                self.audit
                    .finish(id, outcome, &msg, started.elapsed().as_secs_f64() * 1e3)
                    .await;
                let _ = tx.send(p("*", stage, true, all_back, msg, id)).await;
                return;
            }
            // Wake for an update, the reaction check, or the deadline.
            let wake = if tokio::time::Instant::now() < check_at {
                check_at.min(deadline)
            } else {
                (tokio::time::Instant::now() + GROUP_RECHECK).min(deadline)
            };
            let next = tokio::select! {
                _ = tokio::time::sleep_until(wake) => Some(()),
                _ = tx.closed() => None,
                _ = updates.recv() => Some(()),
            };
            if next.is_none() {
                self.audit
                    .finish(
                        id,
                        "cancelled",
                        "the caller stopped waiting",
                        started.elapsed().as_secs_f64() * 1e3,
                    )
                    .await;
                return;
            }
        }
    }

    /// `Some(why)` when `name` is provably still the instance it was when
    /// the group restart was asked for, after the services' delay: it
    /// answers ping with an uptime from before the request, or heartbeats
    /// from the same instance since.
    async fn still_same_instance(
        &self,
        name: &str,
        view: &ServicesView,
        asked_us: i64,
        delay_us: i64,
    ) -> Option<String> {
        let since_ask = (now_us() - asked_us) as f64 / 1e6;
        if let Ok((body, _)) = self.request(name, system::PING, &Map::new(), GROUP_PING_TIMEOUT).await {
            let uptime = body
                .get("data")
                .and_then(|d| d.get("uptime_seconds"))
                .and_then(Value::as_f64)
                .filter(|u| u.is_finite() && *u >= 0.0);
            if let Some(u) = uptime {
                // A process started after the request would be younger.
                return (u + 1.0 >= since_ask)
                    .then(|| format!("still the same instance ({u:.0}s up) {since_ask:.1}s after the request"));
            }
        }
        let s = view.get(name)?;
        let after = asked_us + delay_us + GROUP_REACTION_GRACE.as_micros() as i64;
        (s.status.is_up() && s.last_heartbeat_us >= after)
            .then(|| format!("still heartbeating as the same instance {since_ask:.1}s after the request"))
    }

    /// Publishes the discovery poll and reports who re-announced.
    pub async fn discover(&self, caller: &Caller, wait: Duration) -> Result<(Vec<String>, Vec<String>), ControlError> {
        self.authorize(caller, Action::Discover, "*", "").await?;
        let id = self
            .audit
            .begin(caller, Action::Discover, "*", "", "discovery poll")
            .await
            .map_err(|e| ControlError::Internal(e.to_string()))?;
        let asked = now_us();
        let body = json!({"timestamp": format_us(asked), "requester": format!("krytend ({})", caller.name)});
        self.client
            .publish(crate::protocol::wire::DISCOVERY_POLL_SUBJECT, body.to_string().into())
            .await
            .map_err(|e| ControlError::Internal(format!("cannot publish the discovery poll: {e}")))?;
        tokio::time::sleep(wait).await;
        let view = self.view.borrow().clone();
        let answered: Vec<String> = view
            .values()
            .filter(|s| s.last_startup_us >= asked)
            .map(|s| s.name.clone())
            .collect();
        let silent: Vec<String> = view
            .values()
            .filter(|s| s.last_startup_us < asked && s.status != Status::Stopped)
            .map(|s| s.name.clone())
            .collect();
        self.audit
            .finish(
                id,
                "ok",
                &format!("{} answered, {} silent", answered.len(), silent.len()),
                wait.as_secs_f64() * 1e3,
            )
            .await;
        Ok((answered, silent))
    }
}

/// A reply's success and error: `success: false` or a bare `error` fail.
pub fn verdict(body: &Value) -> (bool, String) {
    let error = body
        .get("error")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let success = match body.get("success").and_then(Value::as_bool) {
        Some(s) => s,
        None => error.is_empty(),
    };
    (success, error)
}

/// How long after a group restart's delay a service has to show it reacted.
const GROUP_REACTION_GRACE: Duration = Duration::from_secs(3);
/// How often services not yet seen to react are checked again.
const GROUP_RECHECK: Duration = Duration::from_secs(1);
const GROUP_PING_TIMEOUT: Duration = Duration::from_secs(1);

/// What one service did after a group restart, as far as is known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Nothing seen yet.
    Waiting,
    /// Stopped or went down; not back (yet).
    ShutDown,
    /// A new instance, not healthy yet.
    NewInstance,
    /// Final: a new instance, healthy.
    Back,
    /// Final: the same instance still runs after the delay.
    Ignored,
    /// Final (at the timeout): shut down and did not come back.
    NotBack,
    /// Final (at the timeout): a new instance that never became healthy.
    NotHealthy,
}

impl Outcome {
    fn is_final(self) -> bool {
        matches!(
            self,
            Outcome::Back | Outcome::Ignored | Outcome::NotBack | Outcome::NotHealthy
        )
    }

    fn stage(self) -> &'static str {
        match self {
            Outcome::Waiting => "requested",
            Outcome::ShutDown => "shutdown_seen",
            Outcome::NewInstance => "new_instance",
            Outcome::Back => "healthy",
            Outcome::Ignored => "ignored",
            Outcome::NotBack => "not_back",
            Outcome::NotHealthy => "not_healthy",
        }
    }

    /// The words in the closing summary.
    fn group(self) -> &'static str {
        match self {
            Outcome::Back => "back",
            Outcome::Ignored => "never reacted",
            Outcome::NotBack | Outcome::ShutDown => "shut down and not back",
            Outcome::NotHealthy | Outcome::NewInstance => "new instance not healthy",
            Outcome::Waiting => "no outcome yet",
        }
    }
}

/// `back: a; shut down and not back: robot; never reacted: userstats`.
fn group_summary(outcomes: &BTreeMap<String, Outcome>) -> String {
    let mut groups: Vec<(&'static str, Vec<&str>)> = Vec::new();
    for (name, o) in outcomes {
        match groups.iter_mut().find(|(g, _)| *g == o.group()) {
            Some((_, names)) => names.push(name),
            None => groups.push((o.group(), vec![name])),
        }
    }
    if groups.is_empty() {
        return "no services were up".into();
    }
    groups
        .iter()
        .map(|(g, names)| format!("{g}: {}", names.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn is_new_instance(before: &ServiceState, now: &ServiceState) -> bool {
    now.restart_count > before.restart_count
        || match (before.instance_started_us, now.instance_started_us) {
            (Some(a), Some(b)) => b > a + 2_000_000,
            (None, Some(_)) => true,
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{group_summary, Outcome};

    #[test]
    fn the_group_summary_names_each_outcome() {
        let outcomes: BTreeMap<String, Outcome> = [
            ("moderator", Outcome::Ignored),
            ("py", Outcome::Back),
            ("robot", Outcome::NotBack),
            ("userstats", Outcome::Ignored),
        ]
        .into_iter()
        .map(|(n, o)| (n.to_string(), o))
        .collect();
        assert_eq!(
            group_summary(&outcomes),
            "never reacted: moderator, userstats; back: py; shut down and not back: robot"
        );
        assert_eq!(group_summary(&BTreeMap::new()), "no services were up");
        assert!(!group_summary(&outcomes).contains("requested"));
    }
}
