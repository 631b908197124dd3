//! Helpers for the crash and store-fault tests: a `krytenctl` follower
//! running beside the test, and killing the daemon without warning.

use std::{process::Stdio, time::Duration};

use serde_json::Value;
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
    sync::mpsc,
};

use crate::bin;

/// A line a follower printed: an event (stdout, JSON) or a notice (stderr).
#[derive(Debug, Clone)]
pub enum Line {
    Event(Value),
    Notice(String),
}

/// `krytenctl ARGS` left running (e.g. `events tail -f -o json`).
pub struct Follower {
    child: Child,
    lines: mpsc::UnboundedReceiver<Line>,
    /// Everything read so far, in order.
    pub seen: Vec<Line>,
}

impl Follower {
    pub fn start(server: &str, args: &[&str]) -> Follower {
        let mut child = Command::new(bin("krytenctl"))
            .arg("--server")
            .arg(server)
            .args(args)
            .env("NO_COLOR", "1")
            .env("KRYTEN_CONFIG", "/nonexistent/kryten-config.yaml")
            .env_remove("KRYTEN_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("spawn krytenctl");
        let (tx, lines) = mpsc::unbounded_channel();
        let out = child.stdout.take().expect("stdout");
        let err = child.stderr.take().expect("stderr");
        let t = tx.clone();
        tokio::spawn(async move {
            let mut r = BufReader::new(out).lines();
            while let Ok(Some(l)) = r.next_line().await {
                let line = serde_json::from_str(&l).map_or(Line::Notice(l), Line::Event);
                if t.send(line).is_err() {
                    return;
                }
            }
        });
        tokio::spawn(async move {
            let mut r = BufReader::new(err).lines();
            while let Ok(Some(l)) = r.next_line().await {
                if tx.send(Line::Notice(l)).is_err() {
                    return;
                }
            }
        });
        Follower {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Reads until `done` holds for what was seen, or panics at `timeout`.
    pub async fn until(&mut self, timeout: Duration, what: &str, done: impl Fn(&[Line]) -> bool) {
        let deadline = tokio::time::Instant::now() + timeout;
        while !done(&self.seen) {
            match tokio::time::timeout_at(deadline, self.lines.recv()).await {
                Ok(Some(l)) => self.seen.push(l),
                Ok(None) => panic!("the follower ended before {what}; it printed:\n{:#?}", self.seen),
                Err(_) => panic!("timed out waiting for {what}; the follower printed:\n{:#?}", self.seen),
            }
        }
    }

    pub fn events(&self) -> impl Iterator<Item = &Value> {
        self.seen.iter().filter_map(|l| match l {
            Line::Event(v) => Some(v),
            Line::Notice(_) => None,
        })
    }

    pub fn notices(&self) -> impl Iterator<Item = &str> {
        self.seen.iter().filter_map(|l| match l {
            Line::Notice(n) => Some(n.as_str()),
            Line::Event(_) => None,
        })
    }

    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// SIGKILL: no cleanup, no flush.
pub fn sigkill(pid: u32) {
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .expect("SIGKILL krytend");
}

/// How many events on `subject` lines a follower printed.
pub fn count_subject(lines: &[Line], prefix: &str) -> usize {
    lines
        .iter()
        .filter(|l| matches!(l, Line::Event(v) if v["subject"].as_str().is_some_and(|s| s.starts_with(prefix))))
        .count()
}
