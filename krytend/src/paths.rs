//! Where krytend keeps its files by default.

use std::path::PathBuf;

/// `$XDG_STATE_HOME/kryten` (usually `~/.local/state/kryten`), falling back
/// to the home directory, then the temporary directory.
pub fn state_dir() -> PathBuf {
    dirs::state_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local").join("state")))
        .unwrap_or_else(std::env::temp_dir)
        .join("kryten")
}

pub fn default_socket() -> PathBuf {
    state_dir().join("krytend.sock")
}

pub fn default_db() -> PathBuf {
    state_dir().join("krytend.db")
}
