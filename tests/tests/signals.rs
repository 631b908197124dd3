//! Signals and children: whatever ends `krytend --demo` (a closed terminal's
//! SIGHUP, a SIGKILL), its private nats-server goes with it and frees its
//! port; the plain daemon outlives SIGHUP (a reload request).

use std::{process::Stdio, time::Duration};

use kryten_e2e::{bin, eventually, nats, Daemon};
use nix::{sys::signal::Signal, unistd::Pid};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

struct Demo {
    child: Child,
    nats_pid: u32,
    nats_port: u16,
    _tmp: tempfile::TempDir,
}

/// `krytend --demo` with every file in a private directory and no fixed
/// port of its own, up and serving.
async fn demo() -> Demo {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let mut child = Command::new(bin("krytend"))
        .arg("--demo")
        .arg("--socket")
        .arg(dir.join("krytend.sock"))
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--ws-listen")
        .arg("127.0.0.1:0")
        .env("HOME", dir)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("KRYTEND_CONFIG")
        .env_remove("KRYTEND_DB")
        .env_remove("KRYTEND_SOCKET")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn krytend --demo");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let mut port = None;
    let mut seen = String::new();
    let ready = tokio::time::timeout(Duration::from_secs(30), async {
        while let Ok(Some(l)) = lines.next_line().await {
            seen.push_str(&l);
            seen.push('\n');
            if let Some(url) = l.split("private nats-server on nats://127.0.0.1:").nth(1) {
                port = url.trim().parse::<u16>().ok();
            }
            if l.contains("demo: krytend is serving on") {
                return true;
            }
        }
        false
    })
    .await;
    assert!(matches!(ready, Ok(true)), "the demo did not come up:\n{seen}");
    // Keep draining, so the demo never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let nats_port = port.unwrap_or_else(|| panic!("no nats-server port in:\n{seen}"));
    let pid = child.id().expect("demo pid");
    let nats_pid = children(pid)
        .into_iter()
        .find(|&c| comm(c).as_deref() == Some("nats-server"))
        .unwrap_or_else(|| panic!("no nats-server child of {pid}"));
    Demo {
        child,
        nats_pid,
        nats_port,
        _tmp: tmp,
    }
}

fn stat(pid: u32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()
}

/// Fields after the `(comm)` of /proc/PID/stat: state, ppid, ...
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let s = stat(pid)?;
    let rest = &s[s.rfind(')')? + 2..];
    Some(rest.split_whitespace().map(str::to_string).collect())
}

fn comm(pid: u32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .ok()
        .map(|s| s.trim().to_string())
}

fn children(pid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&p| stat_fields(p).and_then(|f| f.get(1)?.parse::<u32>().ok()) == Some(pid))
        .collect()
}

/// Gone, or a zombie waiting for init to reap it (it runs nothing and
/// holds no port).
fn is_gone(pid: u32) -> bool {
    stat_fields(pid).is_none_or(|f| f[0] == "Z" || f[0] == "X")
}

fn port_is_free(port: u16) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_err()
        && std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
}

fn send(pid: u32, sig: Signal) {
    nix::sys::signal::kill(Pid::from_raw(pid as i32), sig).expect("send signal");
}

async fn assert_nothing_left(d: &Demo) {
    let (pid, port) = (d.nats_pid, d.nats_port);
    eventually(
        Duration::from_secs(10),
        "the demo's nats-server to be gone",
        || async move { is_gone(pid).then_some(()) },
    )
    .await;
    eventually(
        Duration::from_secs(10),
        "the demo's NATS port to be free",
        || async move { port_is_free(port).then_some(()) },
    )
    .await;
}

#[tokio::test]
async fn sighup_stops_the_demo_cleanly_with_its_bus() {
    let mut d = demo().await;
    assert!(!port_is_free(d.nats_port), "the bus listens while the demo runs");
    send(d.child.id().expect("pid"), Signal::SIGHUP);
    let status = tokio::time::timeout(Duration::from_secs(20), d.child.wait())
        .await
        .expect("the demo stops within 20 s of SIGHUP")
        .expect("wait");
    assert!(status.success(), "a clean stop, not death by signal: {status}");
    assert_nothing_left(&d).await;
}

#[tokio::test]
async fn sigkill_of_the_demo_takes_its_bus_along() {
    let mut d = demo().await;
    assert!(!port_is_free(d.nats_port), "the bus listens while the demo runs");
    d.child.start_kill().expect("SIGKILL");
    let _ = d.child.wait().await;
    assert_nothing_left(&d).await;
}

#[tokio::test]
async fn the_daemon_outlives_sighup() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    send(d.pid().expect("pid"), Signal::SIGHUP);
    // Proof the signal arrived and was handled, then that it still serves.
    eventually(Duration::from_secs(10), "krytend to log the SIGHUP", || async {
        d.log().contains("SIGHUP").then_some(())
    })
    .await;
    let s = d.status().await;
    assert!(s.pid > 0);
}
