//! The control actions a client can name, and the command each sends: one
//! table for every API that takes actions by name.

use thiserror::Error;

use crate::protocol::wire::system;

/// What a named action does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ControlAction {
    /// A proven restart, with progress (see `Control::restart`).
    Restart,
    /// One request/reply command on the service's command subject.
    Command(String),
    /// Silence alerts (not a command to a service: krytend's own).
    Silence,
    /// End a silence.
    ExpireSilence,
}

/// The names `parse` accepts, for messages and docs.
pub const ACTIONS: [&str; 7] = [
    "restart",
    "reload",
    "shutdown",
    "ping",
    "call",
    "silence",
    "expire_silence",
];

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ActionError {
    #[error("unknown action {0:?}: restart, reload, shutdown, ping, call, silence or expire_silence")]
    Unknown(String),
    #[error("call needs a command (e.g. system.stats)")]
    NoCommand,
}

/// `action` as a client named it; `command` is the command a `call` sends.
pub fn parse(action: &str, command: Option<&str>) -> Result<ControlAction, ActionError> {
    Ok(match action {
        "restart" => ControlAction::Restart,
        "reload" => ControlAction::Command(system::RELOAD.into()),
        "shutdown" => ControlAction::Command(system::SHUTDOWN.into()),
        "ping" => ControlAction::Command(system::PING.into()),
        "silence" => ControlAction::Silence,
        "expire_silence" => ControlAction::ExpireSilence,
        "call" => match command.map(str::trim) {
            Some(c) if !c.is_empty() => ControlAction::Command(c.to_string()),
            _ => return Err(ActionError::NoCommand),
        },
        other => return Err(ActionError::Unknown(other.to_string())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_action_maps_to_one_thing_and_others_are_refused() {
        for a in ACTIONS.iter().filter(|a| **a != "call") {
            assert!(parse(a, None).is_ok(), "{a}");
        }
        assert_eq!(
            parse("ping", None).unwrap(),
            ControlAction::Command("system.ping".into())
        );
        assert_eq!(
            parse("call", Some("system.stats")).unwrap(),
            ControlAction::Command("system.stats".into())
        );
        assert_eq!(parse("call", Some("  ")), Err(ActionError::NoCommand));
        assert_eq!(parse("call", None), Err(ActionError::NoCommand));
        assert_eq!(parse("nuke", None), Err(ActionError::Unknown("nuke".into())));
    }
}
