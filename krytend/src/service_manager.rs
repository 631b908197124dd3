//! Notices to a service manager (systemd `Type=notify`): ready once the
//! listeners are bound and the bus is connected, stopping when shutdown
//! begins. Without `NOTIFY_SOCKET` (not started by systemd) nothing is
//! sent.

use sd_notify::NotifyState;

fn send(states: &[NotifyState]) {
    if std::env::var_os("NOTIFY_SOCKET").is_none() {
        return;
    }
    if let Err(e) = sd_notify::notify(false, states) {
        tracing::warn!("cannot notify the service manager: {e}");
    }
}

/// Waits for the bus, then says ready: a unit ordered after krytend can use
/// its APIs and find the fleet recorded.
pub async fn ready_when_connected(bus: std::sync::Arc<crate::bus::BusState>) {
    while !bus.is_connected() {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    send(&[NotifyState::Ready, NotifyState::Status("listening; bus connected")]);
}

pub fn stopping() {
    send(&[NotifyState::Stopping]);
}
