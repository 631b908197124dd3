//! The audit trail shared by krytend replicas: each row this replica
//! writes or updates is published into the stream (`krytend.audit`, kind
//! `audit`, with its origin), whether or not it leads; every other replica
//! keeps it when read back (`Audit::apply_shared`, by origin and id), so no
//! replica's record of an action is missing from another's trail.

use tokio::sync::broadcast::error::RecvError;
use tokio_util::sync::CancellationToken;

use super::OwnPublisher;
use crate::{audit::Audit, protocol::Kind};

pub const SUBJECT: &str = "krytend.audit";
/// A shared row bigger than this is not one krytend wrote.
pub const ROW_MAX: usize = 64 << 10;

/// Publishes this replica's audit rows as they are written, until `stop`.
pub async fn run(audit: Audit, own: OwnPublisher, replica: String, stop: CancellationToken) {
    let mut changes = audit.changes();
    loop {
        let id = tokio::select! {
            _ = stop.cancelled() => return,
            c = changes.recv() => match c {
                Ok(id) => id,
                Err(RecvError::Lagged(n)) => {
                    tracing::error!("audit sharing: {n} row updates missed; other replicas lack them until updated");
                    continue;
                }
                Err(RecvError::Closed) => return,
            },
        };
        match audit.get(id).await {
            Ok(Some(rec)) => match serde_json::to_value(&rec) {
                Ok(v) => own.publish_shared(SUBJECT, Kind::Audit, v, rec.at_us, &replica),
                Err(e) => tracing::error!("audit sharing: row #{id}: {e}"),
            },
            Ok(None) => {}
            Err(e) => tracing::error!("audit sharing: cannot read row #{id}: {e}"),
        }
    }
}
