//! Helpers for the tests of sessions, limits and private files: a daemon
//! started under a descriptor limit or with its default state directory,
//! token-bearing gRPC clients, WebSocket clients, CPU use from /proc.

use std::{
    path::{Path, PathBuf},
    process::Stdio,
    time::Duration,
};

use futures::{SinkExt, StreamExt};
use kryten_proto::v1::krytend_client::KrytendClient;
use serde_json::{json, Value};
use tokio::{net::TcpStream, process::Command};
use tokio_tungstenite::{tungstenite::Message, MaybeTlsStream, WebSocketStream};
use tonic::{
    metadata::MetadataValue,
    service::{interceptor::InterceptedService, Interceptor},
    transport::Channel,
};

use crate::{bin, Daemon};

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How to start a daemon beyond `Daemon::start`.
#[derive(Default)]
pub struct Launch {
    /// Run under `prlimit --nofile=N:N`.
    pub nofile: Option<u64>,
    /// Leave --db and --socket out: the daemon uses its state directory
    /// (`$XDG_STATE_HOME/kryten`, here `<dir>/xdg-state/kryten`).
    pub default_paths: bool,
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
}

/// Starts krytend in `dir` as `launch` says, and waits until it answers.
pub async fn start(dir: &Path, nats_url: &str, extra_yaml: &str, launch: Launch) -> Daemon {
    let state = dir.join("xdg-state").join("kryten");
    let (socket, db) = if launch.default_paths {
        (state.join("krytend.sock"), state.join("krytend.db"))
    } else {
        (dir.join("krytend.sock"), dir.join("krytend.db"))
    };
    let config = dir.join("krytend.yaml");
    std::fs::write(&config, extra_yaml).expect("write config");
    let log = std::fs::File::create(dir.join("krytend.log")).expect("log file");
    let mut cmd = match launch.nofile {
        Some(n) => {
            let mut c = Command::new("prlimit");
            c.arg(format!("--nofile={n}:{n}")).arg("--").arg(bin("krytend"));
            c
        }
        None => Command::new(bin("krytend")),
    };
    cmd.arg("--config")
        .arg(&config)
        .arg("--nats")
        .arg(nats_url)
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--ws-listen")
        .arg("127.0.0.1:0");
    if !launch.default_paths {
        cmd.arg("--socket").arg(&socket).arg("--db").arg(&db);
    }
    cmd.envs(launch.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let child = cmd
        .env("XDG_CONFIG_HOME", dir)
        .env("XDG_STATE_HOME", dir.join("xdg-state"))
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

/// CPU time (user + system) the process has used, in clock ticks.
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    // The command name may hold spaces; fields resume after its ')'.
    let rest = &stat[stat.rfind(')').expect("stat format") + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of stat, 12 and 13 here.
    f[11].parse::<u64>().unwrap_or(0) + f[12].parse::<u64>().unwrap_or(0)
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux).
pub const TICKS_PER_SEC: f64 = 100.0;

/// Open descriptors of a process.
pub fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[derive(Clone)]
pub struct Bearer(pub String);

impl Interceptor for Bearer {
    fn call(&mut self, mut req: tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> {
        if let Ok(v) = MetadataValue::try_from(format!("Bearer {}", self.0)) {
            req.metadata_mut().insert("authorization", v);
        }
        Ok(req)
    }
}

pub type TokenClient = KrytendClient<InterceptedService<Channel, Bearer>>;

/// A gRPC client over TCP carrying `token`.
pub async fn tcp_client(d: &Daemon, token: &str) -> TokenClient {
    let ch = tonic::transport::Endpoint::from_shared(d.tcp().await)
        .expect("endpoint")
        .connect_timeout(Duration::from_secs(5))
        .connect()
        .await
        .expect("connect over TCP");
    KrytendClient::with_interceptor(ch, Bearer(token.to_string()))
}

/// Creates a token over the socket; returns the secret.
pub async fn token(d: &Daemon, name: &str, role: &str, extra: &[&str]) -> String {
    let mut args = vec!["token", "create", "--name", name, "--role", role];
    args.extend_from_slice(extra);
    let out = d.ctl(&args).await;
    assert_eq!(out.status.code(), Some(0), "{}", crate::stderr(&out));
    crate::stdout(&out).trim().to_string()
}

pub async fn audit(d: &Daemon) -> Vec<Value> {
    let out = d.ctl(&["audit", "ls", "-o", "json", "--tail", "1000"]).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("audit json");
    v["items"].as_array().cloned().unwrap_or_default()
}

pub async fn ws_send(ws: &mut Ws, v: Value) -> bool {
    ws.send(Message::Text(v.to_string().into())).await.is_ok()
}

/// The next JSON message (pings skipped); a close is `{"type":"__closed"}`
/// and the end of the stream `{"type":"__ended"}`.
pub async fn ws_recv(ws: &mut Ws, within: Duration) -> Value {
    loop {
        let m = tokio::time::timeout(within, ws.next())
            .await
            .expect("a WebSocket message in time");
        match m {
            None | Some(Err(_)) => return json!({"type": "__ended"}),
            Some(Ok(Message::Text(t))) => return serde_json::from_str(t.as_str()).expect("JSON text frame"),
            Some(Ok(Message::Close(f))) => {
                return json!({"type": "__closed", "code": f.as_ref().map(|f| u16::from(f.code)),
                    "reason": f.map(|f| f.reason.to_string())})
            }
            Some(Ok(_)) => continue,
        }
    }
}

/// A WebSocket session authenticated with `token`.
pub async fn ws_authed(d: &Daemon, token: &str) -> Ws {
    let (mut ws, _) = tokio_tungstenite::connect_async(d.ws().await).await.expect("connect");
    ws_send(&mut ws, json!({"type": "auth", "token": token})).await;
    let ok = ws_recv(&mut ws, Duration::from_secs(10)).await;
    assert_eq!(ok["type"], "auth_ok", "{ok}");
    ws
}

/// The `host:port` of a `scheme://host:port/...` address.
pub fn host_port(addr: &str) -> String {
    let rest = addr.split("://").nth(1).unwrap_or(addr);
    rest.split('/').next().unwrap_or(rest).to_string()
}

/// A TCP connection to `addr` from the loopback address `from` (any of
/// 127.0.0.0/8), so that tests can play several peers.
pub async fn connect_from(from: [u8; 4], addr: &str) -> std::io::Result<TcpStream> {
    let sock = tokio::net::TcpSocket::new_v4()?;
    sock.bind(std::net::SocketAddr::from((from, 0)))?;
    sock.connect(addr.parse().expect("socket address")).await
}

/// A raw HTTP GET; returns the status code (0 when the connection failed
/// or closed without an answer).
pub async fn http_get(addr: &str, path: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(Ok(mut s)) = tokio::time::timeout(Duration::from_secs(5), TcpStream::connect(addr)).await else {
        return 0;
    };
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).await.is_err() {
        return 0;
    }
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf)).await;
    let text = String::from_utf8_lossy(&buf);
    text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

pub fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}
