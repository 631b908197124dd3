//! The `exec` receiver: runs a command with the notification's JSON body on stdin, killed
//! if it outlives its time limit. Exit status 0 is success.

use super::DeliveryRecord;
use crate::alerts::route::Notification;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

#[derive(Debug, Clone)]
pub struct ExecReceiver {
    pub name: String,
    pub program: PathBuf,
    pub args: Vec<String>,
    pub timeout: Duration,
}

impl ExecReceiver {
    /// Runs the command once; `now_ms` stamps the record.
    pub async fn deliver(&self, n: &Notification, now_ms: i64) -> DeliveryRecord {
        let body = serde_json::to_vec(&super::webhook::body(n)).unwrap_or_default();
        let (ok, status, error) = match tokio::time::timeout(self.timeout, self.run(&body)).await {
            Ok(Ok(code)) => (
                code == Some(0),
                code.map(i64::from),
                match code {
                    Some(0) => None,
                    Some(c) => Some(format!("exited with status {c}")),
                    None => Some("killed by a signal".to_string()),
                },
            ),
            Ok(Err(e)) => (
                false,
                None,
                Some(format!("could not run {}: {e}", self.program.display())),
            ),
            Err(_) => (false, None, Some(format!("timed out after {:?}", self.timeout))),
        };
        DeliveryRecord {
            at_ms: now_ms,
            receiver: self.name.clone(),
            ok,
            status,
            error,
        }
    }

    async fn run(&self, body: &[u8]) -> std::io::Result<Option<i32>> {
        // kill_on_drop: when the timeout drops this future the child goes with it.
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            // A command that ignores stdin closes the pipe early; that is not a failure.
            let _ = stdin.write_all(body).await;
        }
        Ok(child.wait().await?.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alerts::Labels;

    fn notification() -> Notification {
        Notification {
            receiver: "script".into(),
            group_labels: Labels::from([("alertname".to_string(), "ServiceDown".to_string())]),
            firing: vec![],
            resolved: vec![],
        }
    }

    fn sh(script: &str, timeout: Duration) -> ExecReceiver {
        ExecReceiver {
            name: "script".into(),
            program: "/bin/sh".into(),
            args: vec!["-c".into(), script.into()],
            timeout,
        }
    }

    #[tokio::test]
    async fn command_gets_the_json_on_stdin() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("got.json");
        let r = sh(&format!("cat > {}", out.display()), Duration::from_secs(10))
            .deliver(&notification(), 7)
            .await;
        assert!(r.ok, "{r:?}");
        assert_eq!((r.at_ms, r.status), (7, Some(0)));
        let got: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(got["receiver"], "script");
        assert_eq!(got["group_labels"]["alertname"], "ServiceDown");
    }

    #[tokio::test]
    async fn failures_and_timeouts_are_reported() {
        let r = sh("exit 3", Duration::from_secs(10)).deliver(&notification(), 0).await;
        assert_eq!((r.ok, r.status), (false, Some(3)));
        let started = std::time::Instant::now();
        let r = sh("sleep 30", Duration::from_millis(200))
            .deliver(&notification(), 0)
            .await;
        assert!(!r.ok);
        assert!(r.error.unwrap().contains("timed out"));
        assert!(started.elapsed() < Duration::from_secs(10));
        let mut missing = sh("", Duration::from_secs(1));
        missing.program = "/nonexistent/notify".into();
        assert!(missing
            .deliver(&notification(), 0)
            .await
            .error
            .unwrap()
            .contains("could not run"));
    }
}
