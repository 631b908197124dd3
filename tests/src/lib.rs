//! Harness for end-to-end tests: a real `nats-server` per test on a free
//! loopback port, the real `krytend` and `krytenctl` binaries, a real
//! SQLite file in a temporary directory.

use std::{
    path::{Path, PathBuf},
    process::{Output, Stdio},
    time::Duration,
};

pub mod ecosystem;
pub mod flood;
pub mod http;

use anyhow::{bail, Context};
use futures::StreamExt;
use kryten_proto::v1::{self as pb, krytend_client::KrytendClient};
use tokio::process::{Child, Command};
use tonic::transport::Channel;

pub mod api_guard;
pub mod browser;
pub mod cluster;
pub mod jsload;
pub mod receiver;
pub mod smtp;

pub use krytend::demo::{
    nats_server::NatsServer,
    sim::{SimService, SimSpec},
};

/// A built binary of this workspace, next to the test executable's
/// `deps/` directory.
pub fn bin(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // Tests live in target/<profile>/deps, binaries in target/<profile>.
    let here = exe.parent().expect("target directory").to_path_buf();
    let candidates = [here.join(name), here.parent().map(|d| d.join(name)).unwrap_or_default()];
    let p = candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .unwrap_or_else(|| here.join(name));
    assert!(
        p.is_file(),
        "{} is not built; run the tests with `cargo test --workspace` (or ./x test)",
        p.display()
    );
    p
}

/// A nats-server for one test. Fails (never skips) when none is installed.
pub async fn nats() -> NatsServer {
    NatsServer::start()
        .await
        .expect("a nats-server for the test (./x test installs one)")
}

/// A nats-server with JetStream enabled (`-js`), its store in a temporary
/// directory kept as long as the server (and across `restart`).
pub struct NatsJs {
    server: NatsServer,
    pub store_dir: tempfile::TempDir,
}

impl std::ops::Deref for NatsJs {
    type Target = NatsServer;
    fn deref(&self) -> &NatsServer {
        &self.server
    }
}

impl std::ops::DerefMut for NatsJs {
    fn deref_mut(&mut self) -> &mut NatsServer {
        &mut self.server
    }
}

/// As [`nats`], with JetStream. Fails (never skips) when none is installed.
pub async fn nats_js() -> NatsJs {
    let store_dir = tempfile::tempdir().expect("temp dir for JetStream");
    let server = NatsServer::start_jetstream(store_dir.path())
        .await
        .expect("a nats-server for the test (./x test installs one)");
    NatsJs { server, store_dir }
}

/// Config overrides that make liveness fast enough to test.
pub const FAST_LIVENESS: &str = "liveness:\n  default_heartbeat_interval: 2s\n  missed_heartbeats: 3\n  ping_interval: 300ms\n  ping_timeout: 250ms\n  missed_pings: 2\n  tick: 50ms\n";

pub struct Daemon {
    child: Option<Child>,
    pub dir: PathBuf,
    pub socket: PathBuf,
    pub db: PathBuf,
    pub config: PathBuf,
    _tmp: Option<tempfile::TempDir>,
}

impl Daemon {
    /// Starts krytend on `nats_url` with a fresh directory.
    pub async fn start(nats_url: &str, extra_yaml: &str) -> Daemon {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().to_path_buf();
        let mut d = Daemon::start_in(&dir, nats_url, extra_yaml).await;
        d._tmp = Some(tmp);
        d
    }

    /// Starts krytend with its files in `dir` (to restart on the same store).
    pub async fn start_in(dir: &Path, nats_url: &str, extra_yaml: &str) -> Daemon {
        Daemon::start_in_at(dir, nats_url, extra_yaml, "127.0.0.1:0").await
    }

    /// As `start_in`, with the HTTP listener on `ws_listen` (to come back
    /// on the same address after a restart).
    pub async fn start_in_at(dir: &Path, nats_url: &str, extra_yaml: &str, ws_listen: &str) -> Daemon {
        let socket = dir.join("krytend.sock");
        let db = dir.join("krytend.db");
        let config = dir.join("krytend.yaml");
        std::fs::write(&config, extra_yaml).expect("write config");
        let log = std::fs::File::create(dir.join("krytend.log")).expect("log file");
        let child = Command::new(bin("krytend"))
            .arg("--config")
            .arg(&config)
            .arg("--nats")
            .arg(nats_url)
            .arg("--socket")
            .arg(&socket)
            .arg("--db")
            .arg(&db)
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--ws-listen")
            .arg(ws_listen)
            // First start writes the client config here, not in $HOME.
            .env("XDG_CONFIG_HOME", dir)
            .env_remove("KRYTEND_NATS")
            .env_remove("KRYTEND_SOCKET")
            .env_remove("KRYTEND_DB")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("spawn krytend");
        let mut d = Daemon {
            child: Some(child),
            dir: dir.to_path_buf(),
            socket,
            db,
            config,
            _tmp: None,
        };
        d.await_ready().await;
        d
    }

    async fn await_ready(&mut self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(mut c) = self.try_client().await {
                if c.status(pb::StatusRequest {}).await.is_ok() {
                    return;
                }
            }
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!("krytend exited during startup ({status}); log:\n{}", self.log());
                }
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "krytend did not become ready; log:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub fn server(&self) -> String {
        format!("unix://{}", self.socket.display())
    }

    /// The TCP address of the API (`http://127.0.0.1:PORT`).
    pub async fn tcp(&self) -> String {
        self.status().await.tcp_address
    }

    /// The WebSocket API (`ws://127.0.0.1:PORT/ws`).
    pub async fn ws(&self) -> String {
        self.status().await.ws_address
    }

    /// The client config the daemon wrote on first start.
    pub fn client_config(&self) -> PathBuf {
        self.dir.join("kryten").join("config.yaml")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("krytend.log")).unwrap_or_default()
    }

    async fn try_client(&self) -> anyhow::Result<KrytendClient<Channel>> {
        let ch = tonic::transport::Endpoint::from_shared(self.server())?
            .connect()
            .await?;
        Ok(KrytendClient::new(ch).max_decoding_message_size(64 << 20))
    }

    pub async fn client(&self) -> KrytendClient<Channel> {
        self.try_client().await.expect("connect to krytend")
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().and_then(Child::id)
    }

    /// SIGTERM, then the exit status.
    pub async fn terminate(&mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("running daemon");
        if let Some(pid) = child.id() {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid as i32),
                nix::sys::signal::Signal::SIGTERM,
            );
        }
        tokio::time::timeout(Duration::from_secs(30), child.wait())
            .await
            .expect("krytend stops within 30 s of SIGTERM")
            .expect("wait for krytend")
    }

    /// Runs the built krytenctl against this daemon.
    pub async fn ctl(&self, args: &[&str]) -> Output {
        ctl(&self.server(), args).await
    }

    /// Resolves once `service` has `status` (as the API names it).
    pub async fn wait_status(&self, service: &str, status: pb::ServiceStatus, timeout: Duration) -> pb::Service {
        let mut c = self.client().await;
        let mut stream = c
            .watch_services(pb::WatchServicesRequest {
                names: vec![service.to_string()],
                initial: true,
            })
            .await
            .expect("watch services")
            .into_inner();
        let fut = async {
            while let Some(u) = stream.next().await {
                let u = u.expect("watch stream");
                if let Some(s) = u.service {
                    if s.status == status as i32 {
                        return s;
                    }
                }
            }
            panic!("watch stream ended");
        };
        match tokio::time::timeout(timeout, fut).await {
            Ok(s) => s,
            Err(_) => {
                let now = self.service(service).await;
                panic!(
                    "{service} did not become {status:?} within {timeout:?}; now: {now:?}\nlog:\n{}",
                    self.log()
                )
            }
        }
    }

    pub async fn service(&self, name: &str) -> Option<pb::Service> {
        let mut c = self.client().await;
        c.list_services(pb::ListServicesRequest { status: vec![] })
            .await
            .ok()?
            .into_inner()
            .services
            .into_iter()
            .find(|s| s.name == name)
    }

    pub async fn status(&self) -> pb::StatusResponse {
        self.client()
            .await
            .status(pb::StatusRequest {})
            .await
            .expect("status")
            .into_inner()
    }
}

pub async fn ctl(server: &str, args: &[&str]) -> Output {
    Command::new(bin("krytenctl"))
        .arg("--server")
        .arg(server)
        .args(args)
        .env("NO_COLOR", "1")
        // Never the user's own contexts or token.
        .env("KRYTEN_CONFIG", "/nonexistent/kryten-config.yaml")
        .env_remove("KRYTEN_TOKEN")
        .stdin(Stdio::null())
        .output()
        .await
        .expect("run krytenctl")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Polls `check` until it yields a value or `timeout` passes. For
/// conditions with no event to await (a count reaching a figure).
pub async fn eventually<T, F, Fut>(timeout: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub async fn bus(url: &str) -> async_nats::Client {
    async_nats::connect(url).await.expect("test client connects to NATS")
}

/// The Python interpreter of the interop venv (`./x test` creates it).
pub fn kryten_python() -> anyhow::Result<PathBuf> {
    let p = std::env::var_os("KRYTEN_PYTHON")
        .map(PathBuf::from)
        .context("KRYTEN_PYTHON is not set: run the tests through ./x test, which creates the kryten-py venv")?;
    if !p.is_file() {
        bail!("KRYTEN_PYTHON={} does not exist", p.display());
    }
    Ok(p)
}

pub mod seqstore;
