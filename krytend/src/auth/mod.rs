//! Who may do what. Roles, the callers the API sees, and the one table of
//! what each action requires.

mod layer;
mod limiter;
mod tokens;

pub use layer::AuthLayer;
pub use limiter::FailureLimiter;
pub use tokens::{Applied, Ended, Grant, TokenError, TokenInfo, Tokens};

use serde::{Deserialize, Serialize};

use crate::protocol::wire::system;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    Operator,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Operator => "operator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "viewer" => Some(Role::Viewer),
            "operator" => Some(Role::Operator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// The authenticated caller of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The token's name, or `local` for the Unix socket.
    pub name: String,
    pub role: Role,
}

impl Caller {
    /// The local socket is reachable only by its owner (mode 0600): admin.
    pub fn local() -> Caller {
        Caller {
            name: "local".into(),
            role: Role::Admin,
        }
    }
}

/// Everything the API lets a caller do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Restart,
    RestartAll,
    Reload,
    Shutdown,
    Ping,
    /// `system.*` commands other than shutdown.
    CallSystem,
    /// Any other command.
    CallAny,
    Discover,
    ManageTokens,
    /// Remove a service from the registry.
    Forget,
    /// Create or expire an alert silence.
    Silence,
    /// Re-read the daemon's configuration (alert rules, receivers, routes).
    ReloadConfig,
    /// Send a test notification through a receiver.
    TestReceiver,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Restart => "restart",
            Action::RestartAll => "restart-all",
            Action::Reload => "reload",
            Action::Shutdown => "shutdown",
            Action::Ping => "ping",
            Action::CallSystem | Action::CallAny => "call",
            Action::Discover => "discover",
            Action::ManageTokens => "token",
            Action::Forget => "forget",
            Action::Silence => "silence",
            Action::ReloadConfig => "reload-config",
            Action::TestReceiver => "test-receiver",
        }
    }

    /// The role each action needs: the one place this is decided.
    pub fn required_role(self) -> Role {
        match self {
            Action::Read => Role::Viewer,
            Action::Restart | Action::Reload | Action::Ping | Action::CallSystem | Action::Discover => Role::Operator,
            Action::Forget | Action::Silence | Action::TestReceiver => Role::Operator,
            Action::Shutdown | Action::RestartAll | Action::CallAny | Action::ManageTokens | Action::ReloadConfig => {
                Role::Admin
            }
        }
    }

    /// What a command on a service's command subject amounts to, given its
    /// normalised name ([`normalize_command`]). Operators get an explicit
    /// allow-list; every other command, `system.*` or not, needs admin.
    pub fn for_command(command: &str) -> Action {
        match command {
            system::PING => Action::Ping,
            system::RELOAD => Action::Reload,
            system::SHUTDOWN | system::RESTART => Action::Shutdown,
            c if OPERATOR_SYSTEM_COMMANDS.contains(&c) => Action::CallSystem,
            _ => Action::CallAny,
        }
    }
}

/// The read-only `system.*` commands an operator may call besides ping and
/// reload (`restart` and `reload` are actions of their own).
pub const OPERATOR_SYSTEM_COMMANDS: [&str; 4] = [system::HEALTH, system::STATS, system::CONFIG, system::SERVICES];

/// Longest command name accepted.
pub const MAX_COMMAND_LEN: usize = 128;

/// Why a command name was refused (the texts are what clients see).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandNameError {
    #[error("no command given")]
    Empty,
    #[error("a command name is at most {MAX_COMMAND_LEN} bytes")]
    TooLong,
    #[error("{0:?} is not a command name (spaces or control characters)")]
    BadCharacters(String),
}

/// The one spelling of a command that is role-checked, audited and sent:
/// surrounding whitespace dropped, and the `system.` namespace (which
/// services match case-insensitively or not at all) lower-cased, so
/// `System.Shutdown ` is checked as the `system.shutdown` it may become.
/// Names with inner whitespace or control characters are refused.
pub fn normalize_command(raw: &str) -> Result<String, CommandNameError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(CommandNameError::Empty);
    }
    if t.len() > MAX_COMMAND_LEN {
        return Err(CommandNameError::TooLong);
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(CommandNameError::BadCharacters(t.to_string()));
    }
    let lower = t.to_lowercase();
    if lower.starts_with("system.") {
        Ok(lower)
    } else {
        Ok(t.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_and_actions_need_what_the_issue_says() {
        assert!(Role::Admin > Role::Operator && Role::Operator > Role::Viewer);
        assert_eq!(Action::for_command("system.ping").required_role(), Role::Operator);
        assert_eq!(Action::for_command("system.stats").required_role(), Role::Operator);
        assert_eq!(Action::for_command("system.shutdown").required_role(), Role::Admin);
        assert_eq!(Action::for_command("say").required_role(), Role::Admin);
        assert_eq!(Action::for_command("system.frobnicate").required_role(), Role::Admin);
        assert_eq!(Action::for_command("system.restart").required_role(), Role::Admin);
        for ok in ["system.health", "system.config", "system.services", "system.reload"] {
            assert_eq!(Action::for_command(ok).required_role(), Role::Operator, "{ok}");
        }
        assert_eq!(Action::Restart.required_role(), Role::Operator);
        assert_eq!(Action::RestartAll.required_role(), Role::Admin);
        assert_eq!(Action::ManageTokens.required_role(), Role::Admin);
        assert_eq!(Action::Read.required_role(), Role::Viewer);
    }

    #[test]
    fn command_names_are_normalised_before_the_role_check() {
        for raw in [
            "System.Shutdown",
            "system.shutdown ",
            " SYSTEM.SHUTDOWN\n",
            "\tsystem.Shutdown",
        ] {
            let n = normalize_command(raw).expect("a name");
            assert_eq!(n, "system.shutdown", "{raw:?}");
            assert_eq!(Action::for_command(&n).required_role(), Role::Admin, "{raw:?}");
        }
        assert_eq!(
            normalize_command("  Say ").as_deref(),
            Ok("Say"),
            "other commands keep their case"
        );
        for bad in ["", "   ", "system. shutdown", "system.shut\u{0}down", &"x".repeat(200)] {
            assert!(normalize_command(bad).is_err(), "{bad:?}");
        }
    }
}
