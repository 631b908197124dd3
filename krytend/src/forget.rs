//! Forgetting a service on request (`krytenctl services forget NAME`):
//! role-checked and audited like every control action, carried out by the
//! sequencer (the one owner of the registry).

use std::time::Instant;

use tokio::sync::oneshot;

use crate::{
    auth::{Action, Caller},
    control::{Control, ControlError},
    ingest::Input,
};

/// Removes `name` from the registry and its stored state (its events and
/// status history stay). Returns what was done and the audit record's id.
pub async fn forget_service(
    control: &Control,
    caller: &Caller,
    name: &str,
    reason: &str,
) -> Result<(String, u64), ControlError> {
    control.precheck(caller, Action::Forget, name, reason).await?;
    let started = Instant::now();
    let id = control
        .audit
        .begin(caller, Action::Forget, name, reason, "forget service")
        .await
        .map_err(|e| ControlError::Internal(e.to_string()))?;
    let (tx, rx) = oneshot::channel();
    let sent = control
        .inputs
        .send(Input::Forget {
            service: name.to_string(),
            reply: tx,
        })
        .await;
    let answer = match sent {
        Ok(()) => rx
            .await
            .map(|a| a.map_err(|e| e.to_string()))
            .unwrap_or_else(|_| Err("krytend is shutting down".to_string())),
        Err(_) => Err("krytend is shutting down".to_string()),
    };
    let ms = started.elapsed().as_secs_f64() * 1e3;
    match answer {
        Ok(what) => {
            control.audit.finish(id, "ok", &what, ms).await;
            Ok((what, id))
        }
        Err(e) => {
            control.audit.finish(id, "failed", &e, ms).await;
            Err(ControlError::Invalid(e))
        }
    }
}
