//! A JetStream cluster of nats-server processes on loopback ports, each
//! with its own store directory, for the tests that kill a node.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

pub struct NatsCluster {
    nodes: Vec<Node>,
    _dir: tempfile::TempDir,
}

struct Node {
    name: String,
    port: u16,
    child: Option<Child>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl NatsCluster {
    /// `n` nodes routed to each other, JetStream on every one; returns once
    /// each accepts connections (JetStream itself may still be electing its
    /// meta leader: callers retry their first stream creation).
    pub fn start(n: usize) -> NatsCluster {
        let binary: PathBuf =
            krytend::demo::nats_server::find_binary().expect("a nats-server for the test (./x test installs one)");
        let dir = tempfile::tempdir().expect("temp dir");
        let ports: Vec<(u16, u16)> = (0..n).map(|_| (free_port(), free_port())).collect();
        let routes: Vec<String> = ports.iter().map(|(_, c)| format!("nats://127.0.0.1:{c}")).collect();
        let mut nodes = Vec::new();
        for (i, (port, cport)) in ports.iter().enumerate() {
            let name = format!("n{}", i + 1);
            let store = dir.path().join(&name);
            std::fs::create_dir_all(&store).expect("store dir");
            let mut cmd = Command::new(&binary);
            cmd.args(["-a", "127.0.0.1", "-p", &port.to_string(), "-n", &name, "-js", "-sd"])
                .arg(&store);
            // KRYTEN_CLUSTER_LOGS=dir keeps each node's log there, for a
            // failure to be read after the run.
            if let Some(logs) = std::env::var_os("KRYTEN_CLUSTER_LOGS") {
                cmd.arg("-l").arg(PathBuf::from(logs).join(format!("{name}.log")));
            }
            let child = cmd
                .args([
                    "--cluster_name",
                    "krytest",
                    "--cluster",
                    &format!("nats://127.0.0.1:{cport}"),
                ])
                .args(["--routes", &routes.join(",")])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn nats-server");
            nodes.push(Node {
                name,
                port: *port,
                child: Some(child),
            });
        }
        for node in &nodes {
            let deadline = std::time::Instant::now() + Duration::from_secs(15);
            while std::net::TcpStream::connect(("127.0.0.1", node.port)).is_err() {
                assert!(std::time::Instant::now() < deadline, "{} did not start", node.name);
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        NatsCluster { nodes, _dir: dir }
    }

    pub fn url(&self, i: usize) -> String {
        format!("nats://127.0.0.1:{}", self.nodes[i].port)
    }

    /// Every node's URL, comma-separated (krytend's `--nats`).
    pub fn urls(&self) -> String {
        (0..self.nodes.len()).map(|i| self.url(i)).collect::<Vec<_>>().join(",")
    }

    /// The index of the node named `name` (as JetStream names leaders).
    pub fn index(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name == name)
    }

    /// SIGKILL one node.
    pub fn kill(&mut self, i: usize) {
        if let Some(mut c) = self.nodes[i].child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for NatsCluster {
    fn drop(&mut self) {
        for i in 0..self.nodes.len() {
            self.kill(i);
        }
    }
}
