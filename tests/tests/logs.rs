//! `krytenctl logs` over NATS log records and tailed files.

use std::{io::Write, process::Stdio, time::Duration};

use kryten_e2e::{bin, bus, nats, stderr, stdout, Daemon};
use serde_json::{json, Value};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::Command,
};

async fn publish_log(client: &async_nats::Client, svc: &str, level: &str, msg: &str, ts: &str) {
    let body =
        json!({"service": svc, "level": level, "message": msg, "timestamp": ts, "logger": format!("kryten.{svc}")});
    client
        .publish(format!("kryten.logs.{svc}"), body.to_string().into())
        .await
        .expect("publish");
}

async fn records(d: &Daemon, args: &[&str]) -> Vec<Value> {
    let mut full = vec!["logs"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["-o", "jsonl"]);
    let out = d.ctl(&full).await;
    assert_eq!(out.status.code(), Some(0), "{full:?}: {}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl"))
        .collect()
}

async fn wait_for_logs(d: &Daemon, args: &[&str], n: usize) -> Vec<Value> {
    let d2 = d;
    kryten_e2e::eventually(Duration::from_secs(10), "log records", || async move {
        // Until the first record is stored the service is unknown (exit 5).
        let mut full = vec!["logs"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["-o", "jsonl"]);
        let out = d2.ctl(&full).await;
        if out.status.code() != Some(0) {
            return None;
        }
        let r: Vec<Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("jsonl"))
            .collect();
        (r.len() >= n).then_some(r)
    })
    .await
}

#[tokio::test]
async fn several_services_interleave_by_time_with_levels_grep_and_exclude() {
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let c = bus(&nats.url()).await;
    // Published out of time order: display is by the records' own time.
    publish_log(&c, "alpha", "INFO", "alpha second", "2026-11-21T10:00:02+00:00").await;
    publish_log(
        &c,
        "beta",
        "WARNING",
        "beta disk almost full",
        "2026-11-21T10:00:01+00:00",
    )
    .await;
    publish_log(
        &c,
        "alpha",
        "ERROR",
        "alpha timeout talking to beta",
        "2026-11-21T10:00:03+00:00",
    )
    .await;
    publish_log(&c, "beta", "DEBUG", "beta heartbeat sent", "2026-11-21T10:00:04+00:00").await;
    c.publish("kryten.logs.alpha", "a plain text line".into())
        .await
        .expect("publish");
    c.flush().await.expect("flush");
    let all = wait_for_logs(&d, &["alpha", "beta", "--since", "2026-11-21T00:00:00Z"], 5).await;
    let msgs: Vec<&str> = all.iter().map(|r| r["message"].as_str().expect("message")).collect();
    assert_eq!(
        &msgs[..4],
        [
            "beta disk almost full",
            "alpha second",
            "alpha timeout talking to beta",
            "beta heartbeat sent"
        ]
    );
    let plain = all
        .iter()
        .find(|r| r["message"] == "a plain text line")
        .expect("plain line");
    assert!(plain["level"].is_null() && plain["timeFromArrival"] == true, "{plain}");

    let warn = records(&d, &["alpha", "beta", "--level", "warning"]).await;
    let msgs: Vec<&str> = warn.iter().map(|r| r["message"].as_str().expect("m")).collect();
    assert_eq!(msgs, ["beta disk almost full", "alpha timeout talking to beta"]);
    for level in ["warn", "4", "WARNING"] {
        assert_eq!(records(&d, &["--all", "--level", level]).await.len(), 2, "{level}");
    }
    assert_eq!(records(&d, &["--all", "--level", "err"]).await.len(), 1);

    let grep = records(&d, &["--all", "--grep", "timeout"]).await;
    assert_eq!(grep.len(), 1, "full-text: {grep:?}");
    let re = records(&d, &["--all", "-g", "disk|heart"]).await;
    assert_eq!(re.len(), 2, "regex: {re:?}");
    let ex = records(&d, &["--all", "--exclude", "alpha"]).await;
    let msgs: Vec<&str> = ex.iter().map(|r| r["message"].as_str().expect("m")).collect();
    assert_eq!(
        msgs,
        ["beta disk almost full", "beta heartbeat sent", "a plain text line"],
        "all but the two lines that say alpha"
    );

    // Text: prefixes with several services, none with one unless asked.
    let out = d.ctl(&["logs", "alpha", "beta", "-t"]).await;
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.starts_with("beta  | 2026-11-21T10:00:01") && l.contains("WARNING")),
        "{text}"
    );
    // alpha's three records, one line each.
    let alpha = ["alpha second", "alpha timeout talking to beta", "a plain text line"];
    let out = d.ctl(&["logs", "alpha"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 3, "{text}");
    for (line, msg) in text.lines().zip(alpha) {
        assert!(line.ends_with(msg) && !line.contains(" | "), "{line:?} for {msg:?}");
    }
    let out = d.ctl(&["logs", "alpha", "--prefix"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 3, "{text}");
    for (line, msg) in text.lines().zip(alpha) {
        assert!(
            line.starts_with("alpha | ") && line.ends_with(msg),
            "{line:?} for {msg:?}"
        );
    }

    let out = d.ctl(&["logs", "gamma"]).await;
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("gamma") && stderr(&out).contains("known:"),
        "{}",
        stderr(&out)
    );
    let out = d.ctl(&["logs", "alpha", "--grep", "(unclosed"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid --grep pattern"), "{}", stderr(&out));
    let out = d.ctl(&["logs"]).await;
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test]
async fn a_follower_gets_a_burst_of_100k_lines_exactly_once_in_order() {
    const N: u64 = 100_000;
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let c = bus(&nats.url()).await;
    publish_log(&c, "burst", "INFO", "line 0", "2026-11-21T10:00:00+00:00").await;
    c.flush().await.expect("flush");
    wait_for_logs(&d, &["burst"], 1).await;
    let mut child = Command::new(bin("krytenctl"))
        .args(["--server", &d.server(), "logs", "burst", "-f", "-n", "1", "-o", "jsonl"])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next_line().await.expect("line").expect("first");
    assert!(first.contains("line 0"));
    let pc = c.clone();
    tokio::spawn(async move {
        for i in 1..=N {
            let body = format!("{{\"level\":\"INFO\",\"message\":\"line {i}\"}}");
            pc.publish("kryten.logs.burst", body.into()).await.expect("publish");
        }
        pc.flush().await.expect("flush");
    });
    let mut expect = 1u64;
    let read = async {
        while expect <= N {
            let line = lines.next_line().await.expect("read").expect("stream open");
            let v: Value = serde_json::from_str(&line).expect("json");
            assert_eq!(v["message"], format!("line {expect}"), "in order, once");
            expect += 1;
        }
    };
    tokio::time::timeout(Duration::from_secs(120), read)
        .await
        .unwrap_or_else(|_| panic!("stalled at line {expect}"));
    let st = d.status().await;
    assert_eq!(st.ingest.expect("ingest").dropped, 0);
}

#[tokio::test]
async fn files_are_tailed_through_rotation_truncation_and_a_daemon_restart() {
    let nats = nats().await;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("svc.log");
    let yaml = format!(
        "logs:\n  poll_interval: 50ms\n  max_line_bytes: 1024\n  files:\n    - {{service: filesvc, path: {}}}\n",
        path.display()
    );
    let append = |text: &[u8]| {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .expect("open");
        f.write_all(text).expect("write");
    };
    let msgs = |rs: &[Value]| {
        rs.iter()
            .map(|r| r["message"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };

    append(b"2026-11-21 10:00:00,001 - kryten.filesvc - INFO - one\nWARNING:kryten.filesvc:two\n");
    let ddir = tempfile::tempdir().expect("daemon dir");
    let mut d = Daemon::start_in(ddir.path(), &nats.url(), &yaml).await;
    let rs = wait_for_logs(&d, &["filesvc", "--since", "2000-01-01"], 2).await;
    assert_eq!(msgs(&rs), ["one", "two"]);
    assert_eq!(rs[1]["level"], "warning");
    assert!(rs[0]["source"].as_str().expect("source").starts_with("file:"));

    // A partial line is not a line until its newline arrives.
    append(b"thr");
    tokio::time::sleep(Duration::from_millis(300)).await;
    append(b"ee\n");
    // Rotation: rename, then a new file at the same path.
    let rotated = dir.path().join("svc.log.1");
    std::fs::rename(&path, &rotated).expect("rename");
    append(b"four\n");
    wait_for_logs(&d, &["filesvc", "--since", "2000-01-01"], 4).await;

    // The daemon stops; lines written meanwhile are read on restart, once.
    let status = d.terminate().await;
    assert!(status.success());
    append(b"five\n\xff\xfe not utf-8\n");
    let long = format!("{}\n", "x".repeat(5000));
    append(long.as_bytes());
    let d = Daemon::start_in(ddir.path(), &nats.url(), &yaml).await;
    let rs = wait_for_logs(&d, &["filesvc", "--since", "2000-01-01", "-n", "100"], 7).await;
    let got = msgs(&rs);
    assert_eq!(&got[..5], ["one", "two", "three", "four", "five"], "{got:?}");
    assert!(got[5].contains("not utf-8"), "{got:?}");
    assert!(
        got[6].starts_with("xxx") && got[6].ends_with("…[truncated 3976 bytes]"),
        "{}",
        &got[6][got[6].len() - 40..]
    );

    // copytruncate: the file is emptied in place and written again.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open")
        .set_len(0)
        .expect("truncate");
    tokio::time::sleep(Duration::from_millis(200)).await;
    append(b"six\n");
    let rs = wait_for_logs(&d, &["filesvc", "--since", "2000-01-01", "-n", "100"], 8).await;
    assert_eq!(msgs(&rs).last().map(String::as_str), Some("six"));
    assert_eq!(rs.len(), 8, "no line repeated: {:?}", msgs(&rs));
}

#[tokio::test]
async fn follow_survives_a_daemon_restart_and_resumes_without_repeats() {
    let nats = nats().await;
    let ddir = tempfile::tempdir().expect("dir");
    let mut d = Daemon::start_in(ddir.path(), &nats.url(), "").await;
    let c = bus(&nats.url()).await;
    publish_log(&c, "phoenix", "INFO", "before 1", "2026-11-21T10:00:00+00:00").await;
    c.flush().await.expect("flush");
    wait_for_logs(&d, &["phoenix"], 1).await;
    let mut child = Command::new(bin("krytenctl"))
        .args(["--server", &d.server(), "logs", "phoenix", "-f", "-o", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn");
    let mut out = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut err = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let next = |l: Option<String>| serde_json::from_str::<Value>(&l.expect("line")).expect("json")["message"].clone();
    assert_eq!(next(out.next_line().await.expect("read")), "before 1");
    assert!(d.terminate().await.success());
    // Published while no daemon runs: lost to the bus, not to krytenctl.
    let d2 = Daemon::start_in(ddir.path(), &nats.url(), "").await;
    publish_log(&c, "phoenix", "INFO", "after 1", "2026-11-21T10:00:05+00:00").await;
    c.flush().await.expect("flush");
    let got = tokio::time::timeout(Duration::from_secs(20), out.next_line())
        .await
        .expect("resumed")
        .expect("read");
    assert_eq!(next(got), "after 1", "no repeat of 'before 1'");
    let notice = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let l = err.next_line().await.expect("read").expect("stderr open");
            if l.contains("reconnected") {
                return l;
            }
        }
    })
    .await
    .expect("a reconnect notice on stderr");
    assert!(notice.contains("resuming after record #"), "{notice}");
    drop(d2);
}
