//! Sequence numbers across a crash: a number shown live is never given to
//! another event, and the lost range is reported to a resuming follower.

use std::{collections::BTreeMap, time::Duration};

use kryten_e2e::{
    bus, nats,
    seqstore::{count_subject, sigkill, Follower, Line},
    Daemon,
};
use kryten_proto::v1 as pb;
use serde_json::Value;

const BEFORE: usize = 20;
const AFTER: usize = 20;

async fn stored_events(d: &Daemon) -> Vec<pb::Event> {
    let mut c = d.client().await;
    c.list_events(pb::ListEventsRequest {
        limit: 10_000,
        ..Default::default()
    })
    .await
    .expect("list events")
    .into_inner()
    .events
}

fn gap_range(payload: &Value) -> (u64, u64) {
    (
        payload["from_seq"].as_u64().expect("from_seq"),
        payload["to_seq"].as_u64().expect("to_seq"),
    )
}

/// The store wait a follower may sit out at attach, plus time to show.
const ATTACHED_AND_LIVE: Duration = Duration::from_secs(25);

#[tokio::test]
async fn numbers_shown_live_are_never_reused_after_sigkill_and_a_resuming_follower_sees_the_gap() {
    let nats = nats().await;
    // A long batch delay: what is published is shown live long before it
    // would commit, the window a crash loses.
    let slow = "store:\n  batch_delay: 30s\n  batch_max: 100000\n";
    let d = Daemon::start(&nats.url(), slow).await;
    let server = d.server();
    let mut all = Follower::start(&server, &["events", "tail", "-f", "-o", "json"]);
    // A filtered follower: the gap event does not match its filter, and it
    // must be told all the same.
    let mut filtered = Follower::start(
        &server,
        &["events", "tail", "-f", "-o", "json", "--subject", "kryten.test.>"],
    );
    // Log records share the sequence space: a log follower resuming after
    // the crash is told of the gap as well.
    let mut log_follower = Follower::start(&server, &["logs", "--all", "-f"]);
    // All three are following before anything is published.
    kryten_e2e::eventually(Duration::from_secs(10), "three live followers", || async {
        (d.status().await.live_subscribers >= 3).then_some(())
    })
    .await;
    let client = bus(&nats.url()).await;
    for i in 0..BEFORE {
        client
            .publish(format!("kryten.test.before.{i}"), format!("{{\"i\":{i}}}").into())
            .await
            .expect("publish");
    }
    // A log record shares the sequence space with events.
    client
        .publish(
            "kryten.logs.crashy",
            r#"{"service":"crashy","level":"INFO","message":"before the crash"}"#.into(),
        )
        .await
        .expect("publish");
    client.flush().await.expect("flush");
    // A follower that attached while krytend's own start-up messages (its
    // requests on the bus, which it records) were not yet committed waits
    // up to 10 s for the store (`tail::COMMIT_WAIT`; with a 30 s batch
    // delay the commit does not come), says so, and then goes on live: the
    // waits below allow for that.
    all.until(ATTACHED_AND_LIVE, "the events before the kill", |l| {
        count_subject(l, "kryten.test.before.") == BEFORE && count_subject(l, "kryten.logs.") == 1
    })
    .await;
    filtered
        .until(ATTACHED_AND_LIVE, "the filtered events", |l| {
            count_subject(l, "kryten.test.before.") == BEFORE
        })
        .await;
    log_follower
        .until(ATTACHED_AND_LIVE, "the log record before the kill", |l| {
            l.iter()
                .any(|l| matches!(l, Line::Notice(n) if n.contains("before the crash")))
        })
        .await;
    let shown: BTreeMap<u64, String> = all
        .events()
        .map(|e| {
            (
                e["seq"].as_u64().expect("seq"),
                e["subject"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let max_shown = *shown.keys().last().expect("shown");
    let committed = d.status().await.store.expect("store").committed_seq;
    assert!(
        shown.keys().any(|s| *s > committed),
        "the test needs numbers shown live but not committed (committed #{committed}, shown {shown:?})"
    );

    sigkill(d.pid().expect("pid"));
    let d2 = Daemon::start_in(&d.dir, &nats.url(), "").await;
    for i in 0..AFTER {
        client
            .publish(format!("kryten.test.after.{i}"), format!("{{\"i\":{i}}}").into())
            .await
            .expect("publish");
    }
    client
        .publish(
            "kryten.logs.crashy",
            r#"{"service":"crashy","level":"INFO","message":"after the crash"}"#.into(),
        )
        .await
        .expect("publish");
    client.flush().await.expect("flush");

    // The store: one gap event naming exactly the lost range, and no shown
    // number given to a different event.
    let stored = kryten_e2e::eventually(Duration::from_secs(15), "the events after the restart", || async {
        let evs = stored_events(&d2).await;
        (evs.iter()
            .filter(|e| e.subject.starts_with("kryten.test.after."))
            .count()
            == AFTER)
            .then_some(evs)
    })
    .await;
    for e in &stored {
        if let Some(subject) = shown.get(&e.seq) {
            assert_eq!(
                &e.subject, subject,
                "#{} was shown live as {subject} and is now {}",
                e.seq, e.subject
            );
        }
    }
    let gaps: Vec<&pb::Event> = stored.iter().filter(|e| e.kind == "gap").collect();
    assert_eq!(gaps.len(), 1, "one gap event: {gaps:?}");
    let gap: Value = serde_json::from_slice(&gaps[0].payload).expect("gap payload");
    let (from, to) = gap_range(&gap);
    let committed_before = stored
        .iter()
        .filter(|e| e.seq < gaps[0].seq)
        .map(|e| e.seq)
        .max()
        .unwrap_or(0);
    assert_eq!(
        from,
        committed_before + 1,
        "the range starts after the last committed: {gap}"
    );
    assert!(
        to >= max_shown,
        "the range covers every number shown: {gap}, shown up to #{max_shown}"
    );
    assert!(
        stored.iter().filter(|e| e.seq > gaps[0].seq).all(|e| e.seq > to),
        "new numbers continue after the range"
    );
    assert!(gaps[0].seq > to, "the gap event comes after the range it names");
    // The log record after the restart is numbered after the range too.
    let mut c = d2.client().await;
    let logs = c
        .list_logs(pb::ListLogsRequest {
            filter: Some(pb::LogFilter {
                services: vec!["crashy".into()],
                ..Default::default()
            }),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("logs")
        .into_inner()
        .records;
    assert!(
        logs.iter().all(|r| r.seq > to && !shown.contains_key(&r.seq)),
        "log records after the restart reuse no shown number: {logs:?}"
    );

    // The follower resumed after the last number it saw, and got the gap
    // event before the new events, never a silent skip.
    all.until(Duration::from_secs(20), "the resumed follower's new events", |l| {
        count_subject(l, "kryten.test.after.") == AFTER
    })
    .await;
    let resumed: Vec<&Value> = all.events().filter(|e| e["seq"].as_u64() > Some(max_shown)).collect();
    let first = resumed.first().expect("events after the restart");
    assert_eq!(
        first["type"], "gap",
        "the first event after resuming is the gap: {resumed:#?}"
    );
    assert_eq!(gap_range(&first["payload"]), (from, to));
    assert!(
        all.notices()
            .any(|n| n.contains(&format!("resuming after event #{max_shown}"))),
        "it resumed after #{max_shown}: {:#?}",
        all.seen
    );
    for e in &resumed {
        let seq = e["seq"].as_u64().expect("seq");
        assert!(!shown.contains_key(&seq), "#{seq} shown twice: {e}");
    }
    filtered
        .until(Duration::from_secs(20), "the filtered follower's new events", |l| {
            count_subject(l, "kryten.test.after.") == AFTER
        })
        .await;
    let notice = format!("#{from}..=#{to}");
    assert!(
        filtered
            .seen
            .iter()
            .any(|l| matches!(l, Line::Notice(n) if n.contains("could not be delivered") && n.contains(&notice))),
        "the filtered follower was told of the gap: {:#?}",
        filtered.seen
    );
    log_follower
        .until(Duration::from_secs(20), "the log record after the restart", |l| {
            l.iter()
                .any(|l| matches!(l, Line::Notice(n) if n.contains("after the crash")))
        })
        .await;
    assert!(
        log_follower
            .notices()
            .any(|n| n.contains("log records could not be delivered") && n.contains(&notice)),
        "the log follower was told of the gap: {:#?}",
        log_follower.seen
    );
    log_follower.stop().await;
    all.stop().await;
    filtered.stop().await;
    drop(d2);
    drop(d);
}
