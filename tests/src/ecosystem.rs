//! The released Kryten services as they are, for end-to-end tests:
//! kryten-robot 1.12.6 (against a stand-in CyTube on loopback),
//! kryten-userstats 0.7.1, kryten-moderator 0.8.2 and kryten-py 0.17.5
//! services, each installed from PyPI into a venv of its own under
//! `.tools/` by `./x tools` (run once, on demand, when a venv is missing).
//! A missing or broken install fails the test; nothing is skipped.

use std::{
    net::{SocketAddr, TcpListener},
    path::{Path, PathBuf},
    process::Stdio,
    sync::Mutex,
    time::Duration,
};

use serde_json::json;
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, ChildStdin, Command},
};

use crate::kryten_python;

/// The workspace root (where `x` and `.tools/` live).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the workspace")
        .to_path_buf()
}

/// Where the venvs are: `$KRYTEN_TOOLS`, else `<root>/.tools`.
pub fn tools_dir() -> PathBuf {
    std::env::var_os("KRYTEN_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".tools"))
}

/// The installed programs.
#[derive(Debug, Clone)]
pub struct Tools {
    pub robot: PathBuf,
    pub userstats: PathBuf,
    pub moderator: PathBuf,
    /// The Python that runs the CyTube stand-in (aiohttp, cryptography).
    pub cytube_python: PathBuf,
}

impl Tools {
    fn at(dir: &Path) -> Tools {
        Tools {
            robot: dir.join("robot-venv/bin/kryten-robot"),
            userstats: dir.join("userstats-venv/bin/kryten-userstats"),
            moderator: dir.join("moderator-venv/bin/kryten-moderator"),
            cytube_python: dir.join("cytube-venv/bin/python"),
        }
    }

    fn missing(&self) -> Vec<&Path> {
        [&self.robot, &self.userstats, &self.moderator, &self.cytube_python]
            .into_iter()
            .map(PathBuf::as_path)
            .filter(|p| !p.is_file())
            .collect()
    }
}

static INSTALL: Mutex<()> = Mutex::new(());

/// The installed services; installs them with `./x tools` first if any is
/// missing. Panics (fails the test) if that does not leave all of them.
pub fn tools() -> Tools {
    let dir = tools_dir();
    let t = Tools::at(&dir);
    if t.missing().is_empty() {
        return t;
    }
    // One install at a time within this test binary; `x` itself skips what
    // is already there.
    let _guard = INSTALL.lock().unwrap_or_else(|p| p.into_inner());
    if !t.missing().is_empty() {
        let out = std::process::Command::new(root().join("x"))
            .arg("tools")
            .env("KRYTEN_TOOLS", &dir)
            .output()
            .expect("run ./x tools to install the released services");
        assert!(
            out.status.success(),
            "./x tools failed to install the released services ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let missing = t.missing();
    assert!(missing.is_empty(), "not installed after ./x tools: {missing:?}");
    t
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A nats-server with JetStream (kryten-moderator and kryten-robot keep
/// state in KV), its store in a directory that survives a restart.
pub struct JetStreamNats {
    binary: PathBuf,
    port: u16,
    store: PathBuf,
    child: Option<Child>,
}

impl JetStreamNats {
    pub async fn start(store: &Path) -> JetStreamNats {
        let binary = krytend::demo::nats_server::find_binary().expect("a nats-server (./x test installs one)");
        let mut s = JetStreamNats {
            binary,
            port: free_port(),
            store: store.to_path_buf(),
            child: None,
        };
        s.spawn().await;
        s
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    async fn spawn(&mut self) {
        let child = Command::new(&self.binary)
            .args(["-a", "127.0.0.1", "-p", &self.port.to_string(), "-js", "-sd"])
            .arg(&self.store)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start nats-server -js");
        self.child = Some(child);
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            assert!(
                tokio::time::Instant::now() < deadline,
                "nats-server -js did not listen on {addr}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL, as a crash would.
    pub async fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill().await;
        }
    }

    /// Starts it again on the same port and store.
    pub async fn start_again(&mut self) {
        self.kill().await;
        self.spawn().await;
    }
}

/// One running service process, its output in a log file.
pub struct Proc {
    pub name: String,
    child: Option<Child>,
    pub stdin: Option<ChildStdin>,
    pub log: PathBuf,
}

impl Proc {
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().and_then(Child::id)
    }

    /// The exit status, if it has exited.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.as_mut().and_then(|c| c.try_wait().ok().flatten())
    }

    /// SIGTERM, then its exit (SIGKILL after 10 s).
    pub async fn stop(&mut self) {
        let Some(mut child) = self.child.take() else { return };
        if let Some(pid) = child.id() {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid as i32),
                nix::sys::signal::Signal::SIGTERM,
            );
        }
        if tokio::time::timeout(Duration::from_secs(10), child.wait())
            .await
            .is_err()
        {
            let _ = child.kill().await;
        }
    }
}

/// The stand-in CyTube (tests/interop/cytube_standin.py).
pub struct CyTube {
    pub port: u16,
    pub cert: PathBuf,
    _proc: Proc,
}

impl CyTube {
    /// The domain the robot is configured with.
    pub fn domain(&self) -> String {
        format!("localhost:{}", self.port)
    }
}

pub const CHANNEL: &str = "standin";

/// A directory, a JetStream nats-server and the installed services.
pub struct Ecosystem {
    pub tools: Tools,
    pub nats: JetStreamNats,
    pub dir: tempfile::TempDir,
}

impl Ecosystem {
    pub async fn start() -> Ecosystem {
        let tools = tools();
        let dir = tempfile::tempdir().expect("temp dir");
        let nats = JetStreamNats::start(&dir.path().join("jetstream")).await;
        Ecosystem { tools, nats, dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn spawn(
        &self,
        name: &str,
        program: &Path,
        args: &[&str],
        envs: &[(&str, &Path)],
        piped_stdout: bool,
    ) -> (Proc, Option<tokio::process::ChildStdout>) {
        let workdir = self.path(name);
        std::fs::create_dir_all(&workdir).expect("service dir");
        let log = self.path(&format!("{name}.log"));
        let err = std::fs::File::create(&log).expect("log file");
        let mut cmd = Command::new(program);
        cmd.args(args)
            .current_dir(&workdir)
            .stdin(Stdio::piped())
            .stderr(err.try_clone().expect("log file"))
            .kill_on_drop(true);
        if piped_stdout {
            cmd.stdout(Stdio::piped());
        } else {
            cmd.stdout(err);
        }
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("start {name} ({}): {e}", program.display()));
        let stdout = child.stdout.take();
        let stdin = child.stdin.take();
        (
            Proc {
                name: name.to_string(),
                child: Some(child),
                stdin,
                log,
            },
            stdout,
        )
    }

    /// The stand-in CyTube, listening with a fresh self-signed certificate.
    pub async fn cytube(&self) -> CyTube {
        let script = root().join("tests/interop/cytube_standin.py");
        let certs = self.path("cytube-cert");
        let (proc, stdout) = self.spawn(
            "cytube",
            &self.tools.cytube_python,
            &[
                script.to_str().expect("utf-8 path"),
                certs.to_str().expect("utf-8 path"),
            ],
            &[],
            true,
        );
        let mut lines = BufReader::new(stdout.expect("stdout")).lines();
        let first = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .unwrap_or_else(|_| panic!("the CyTube stand-in did not start; log:\n{}", proc.log()))
            .expect("read the stand-in's output")
            .unwrap_or_else(|| panic!("the CyTube stand-in exited; log:\n{}", proc.log()));
        let mut words = first.split_whitespace();
        assert_eq!(words.next(), Some("listening"), "{first}");
        let port: u16 = words.next().and_then(|p| p.parse().ok()).expect("port");
        let cert = PathBuf::from(words.next().expect("certificate path"));
        // Keep draining its output so it never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        CyTube {
            port,
            cert,
            _proc: proc,
        }
    }

    /// kryten-robot 1.12.6 on the stand-in, commands enabled, no HTTP health.
    pub async fn robot(&self, cytube: &CyTube) -> Proc {
        let config = self.path("robot.json");
        let body = json!({
            "cytube": {"domain": cytube.domain(), "channel": CHANNEL, "user": "kryten",
                       "password": null, "guest_mode": false},
            "nats": {"servers": [self.nats.url()], "max_reconnect_attempts": -1, "reconnect_time_wait": 1},
            "health": {"enabled": false},
            "commands": {"enabled": true},
            "logging": {"base_path": self.path("robot-logs")},
            "log_level": "INFO",
        });
        std::fs::write(&config, body.to_string()).expect("robot config");
        let (p, _) = self.spawn(
            "robot",
            &self.tools.robot,
            &["--config", config.to_str().expect("utf-8 path")],
            &[("SSL_CERT_FILE", &cytube.cert)],
            false,
        );
        p
    }

    /// kryten-userstats 0.7.1. Its `service.name` is required: without it it
    /// dies silently in a background task.
    pub async fn userstats(&self, heartbeat_seconds: u32) -> Proc {
        let config = self.path("userstats.json");
        let body = json!({
            "nats": {"servers": [self.nats.url()]},
            "channels": [{"domain": "localhost", "channel": CHANNEL}],
            "service": {"name": "userstats", "heartbeat_interval": heartbeat_seconds,
                        "enable_heartbeat": true, "enable_discovery": true},
            "database": {"path": self.path("userstats.db")},
            "metrics": {"port": free_port()},
        });
        std::fs::write(&config, body.to_string()).expect("userstats config");
        let (p, _) = self.spawn(
            "userstats",
            &self.tools.userstats,
            &["--config", config.to_str().expect("utf-8 path")],
            &[],
            false,
        );
        p
    }

    /// kryten-moderator 0.8.2 (JetStream KV; the channel domain must be a
    /// valid bucket name, hence `localhost`).
    pub async fn moderator(&self, heartbeat_seconds: u32) -> Proc {
        let config = self.path("moderator.json");
        let body = json!({
            "nats": {"servers": [self.nats.url()]},
            "channels": [{"domain": "localhost", "channel": CHANNEL}],
            "service": {"name": "moderator", "heartbeat_interval": heartbeat_seconds,
                        "enable_heartbeat": true, "enable_discovery": true},
            "metrics": {"port": free_port()},
        });
        std::fs::write(&config, body.to_string()).expect("moderator config");
        let (p, _) = self.spawn(
            "moderator",
            &self.tools.moderator,
            &["--config", config.to_str().expect("utf-8 path")],
            &[],
            false,
        );
        p
    }

    /// A plain kryten-py service (tests/interop/kryten_service.py); resolves
    /// once it has connected. `tag` names its log file.
    pub async fn kryten_py(&self, name: &str, tag: &str, heartbeat_seconds: u32) -> Proc {
        let python = kryten_python().expect("the kryten-py venv (KRYTEN_PYTHON)");
        let script = root().join("tests/interop/kryten_service.py");
        let interval = heartbeat_seconds.to_string();
        let (p, stdout) = self.spawn(
            tag,
            &python,
            &[script.to_str().expect("utf-8 path"), &self.nats.url(), name, &interval],
            &[],
            true,
        );
        let mut lines = BufReader::new(stdout.expect("stdout")).lines();
        let first = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .unwrap_or_else(|_| panic!("{tag} did not connect; log:\n{}", p.log()))
            .expect("read its output");
        assert_eq!(first.as_deref(), Some("connected"), "log:\n{}", p.log());
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        p
    }
}
