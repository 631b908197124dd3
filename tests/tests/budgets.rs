//! What one caller's request may cost the daemon: client-supplied documents
//! are size- and node-limited, history requests are capped per request.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::StreamExt;
use kryten_e2e::{bus, eventually, nats, stderr, Daemon, SimService, SimSpec, FAST_LIVENESS};
use kryten_proto::v1::{self as pb, ServiceStatus};
use serde_json::json;

/// The daemon's peak resident memory so far, in KiB (`VmHWM`).
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

/// Three levels of anchors, each list naming the one before `width`
/// times: a few KiB of text that expands to `width`³ scalars.
fn alias_bomb(width: usize) -> String {
    let a = vec!["\"lol\""; width].join(",");
    let b = vec!["*a"; width].join(",");
    let c = vec!["*b"; width].join(",");
    format!("a: &a [{a}]\nb: &b [{b}]\nc: &c [{c}]\n")
}

#[tokio::test]
async fn an_alias_bomb_against_a_config_is_refused_quickly_in_bounded_memory() {
    let nats = nats().await;
    let d = Daemon::start(
        &nats.url(),
        &format!("{FAST_LIVENESS}configs:\n  fetch_interval: null\n"),
    )
    .await;
    let mut spec = SimSpec::new("alpha").heartbeat(Some(Duration::from_millis(300)));
    spec.config = Some(Arc::new(Mutex::new(
        json!({"log_level": "INFO", "nats": {"servers": ["nats://h:4222"]}}),
    )));
    let _svc = SimService::start(bus(&nats.url()).await, spec).await.expect("sim");
    d.wait_status("alpha", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;
    let out = d.ctl(&["config", "get", "alpha"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let dir = tempfile::tempdir().expect("tmp");
    let bomb = dir.path().join("bomb.yaml");
    let text = alias_bomb(115);
    std::fs::write(&bomb, &text).expect("write");
    let pid = d.pid().expect("pid");
    let before = peak_kib(pid);
    let started = Instant::now();
    let out = d
        .ctl(&["config", "diff", "alpha", "--against", bomb.to_str().expect("utf-8")])
        .await;
    let took = started.elapsed();
    let grew = peak_kib(pid).saturating_sub(before);
    eprintln!(
        "alias bomb of {} bytes: exit {:?} in {:.2}s, daemon peak RSS +{} KiB",
        text.len(),
        out.status.code(),
        took.as_secs_f64(),
        grew
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("too large") && stderr(&out).contains("nodes"),
        "a clear refusal: {}",
        stderr(&out)
    );
    assert!(took < Duration::from_secs(2), "refused in {took:?}");
    assert!(grew < 32 * 1024, "the daemon's peak grew by {grew} KiB");

    // Too many bytes is refused before parsing.
    let big = dir.path().join("big.yaml");
    std::fs::write(&big, format!("log_level: INFO\npad: \"{}\"\n", "x".repeat(3 << 20))).expect("write");
    let out = d
        .ctl(&["config", "diff", "alpha", "--against", big.to_str().expect("utf-8")])
        .await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("too large"), "{}", stderr(&out));

    // An ordinary desired config still diffs (exit 1: different).
    let fine = dir.path().join("fine.yaml");
    std::fs::write(&fine, "log_level: DEBUG\nnats:\n  servers: [nats://h:4222]\n").expect("write");
    let out = d
        .ctl(&["config", "diff", "alpha", "--against", fine.to_str().expect("utf-8")])
        .await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[tokio::test]
async fn a_huge_history_request_is_capped_per_request() {
    const N: usize = 10_300;
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "").await;
    let client = bus(&nats.url()).await;
    for i in 0..N {
        let body = json!({"service": "bulk", "level": "INFO", "message": format!("line {i}")});
        client
            .publish("kryten.logs.bulk", body.to_string().into())
            .await
            .expect("publish");
    }
    client.flush().await.expect("flush");
    let mut c = d.client().await;
    let filter = pb::LogFilter {
        services: vec!["bulk".into()],
        ..Default::default()
    };
    let last = format!("line {}", N - 1);
    eventually(Duration::from_secs(30), "every line stored", || {
        let mut c = c.clone();
        let filter = filter.clone();
        let last = last.clone();
        async move {
            let page = c
                .list_logs(pb::ListLogsRequest {
                    filter: Some(filter),
                    limit: 1,
                    newest: true,
                })
                .await
                .ok()?
                .into_inner();
            page.records.first().is_some_and(|r| r.message == last).then_some(())
        }
    })
    .await;

    let page = c
        .list_logs(pb::ListLogsRequest {
            filter: Some(filter.clone()),
            limit: 100_000,
            newest: false,
        })
        .await
        .expect("list logs")
        .into_inner();
    assert_eq!(page.records.len(), 10_000, "one request reads at most 10,000 rows");
    assert!(page.more, "and says there is more");
    assert_eq!(page.records[0].message, "line 0");

    let mut tail = c
        .tail_logs(pb::TailLogsRequest {
            filter: Some(filter.clone()),
            tail: 100_000,
            no_follow: true,
            ..Default::default()
        })
        .await
        .expect("tail logs")
        .into_inner();
    let mut n = 0;
    while let Some(item) = tail.next().await {
        if matches!(item.expect("item").item, Some(pb::tail_logs_response::Item::Record(_))) {
            n += 1;
        }
    }
    assert_eq!(n, 10_000, "the newest 10,000, not {N}");
}
