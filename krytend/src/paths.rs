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

/// Creates `dir` and any missing parents with mode 0700, whatever the
/// umask: they hold the database and the socket.
pub fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// Creates `path` empty with mode 0600 if it does not exist; an existing
/// file is left as it is.
pub fn create_private_file(path: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Files and directories krytend creates are its user's alone: called at
/// process start, before anything is created (the demo's children inherit
/// it too).
pub fn private_umask() {
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn private_dirs_and_files_whatever_the_umask() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("a").join("b");
        create_private_dir(&dir).expect("dir");
        let f = dir.join("x.db");
        create_private_file(&f).expect("file");
        create_private_file(&f).expect("existing file is fine");
        let mode = |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(
            (mode(&tmp.path().join("a")), mode(&dir), mode(&f)),
            (0o700, 0o700, 0o600)
        );
    }
}
