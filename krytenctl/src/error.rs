//! Failures and their exit codes (`cli.md`), decided in one place.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum CtlError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Unreachable(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    NoAnswer(String),
    /// The check ran and failed (timeout of `wait`, and the like).
    #[error("{0}")]
    Failed(String),
    #[error("{0}")]
    Other(String),
}

impl CtlError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CtlError::Failed(_) | CtlError::Other(_) => 1,
            CtlError::Usage(_) => 2,
            CtlError::Unreachable(_) => 3,
            CtlError::Unauthorized(_) => 4,
            CtlError::NotFound(_) => 5,
            CtlError::NoAnswer(_) => 6,
        }
    }

    /// Turns an RPC failure into what the user should read.
    pub fn from_rpc(status: tonic::Status, server: &str) -> CtlError {
        use tonic::Code;
        let msg = status.message().to_string();
        match status.code() {
            Code::Unavailable => CtlError::Unreachable(format!(
                "cannot reach krytend at {server}: {} — is krytend running? (krytend --help)",
                if msg.is_empty() { "unavailable".to_string() } else { msg }
            )),
            Code::InvalidArgument | Code::OutOfRange => CtlError::Usage(msg),
            Code::NotFound => CtlError::NotFound(msg),
            Code::Unauthenticated | Code::PermissionDenied | Code::ResourceExhausted => CtlError::Unauthorized(msg),
            Code::DeadlineExceeded => CtlError::NoAnswer(msg),
            // The daemon worked; the service it asked said no (e.g. "userstats
            // refused system.config: Unknown command"): not krytend failing.
            Code::FailedPrecondition => CtlError::Failed(msg),
            _ => CtlError::Other(format!("krytend failed: {msg}")),
        }
    }
}

pub type Result<T> = std::result::Result<T, CtlError>;
