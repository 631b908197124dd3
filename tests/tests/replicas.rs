//! krytend replicas on one JetStream stream: they record the same events
//! under the same numbers and show the same statuses; one of them, the
//! holder of the leader lease, alone pings and notifies; when it dies a
//! follower takes over within the lease's TTL.

use std::{
    collections::BTreeSet,
    path::Path,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::StreamExt;
use kryten_e2e::{
    api_guard::{host_port, token},
    bus, eventually,
    http::get,
    nats_js,
    receiver::Receiver,
    seqstore::sigkill,
    Daemon, SimService, SimSpec,
};
use kryten_proto::v1::ServiceStatus;

const TTL_MS: u64 = 2000;

fn replica(name: &str, hook: &str) -> String {
    format!(
        "ingest:\n  mode: jetstream\njetstream:\n  ack_wait: 5s\n  max_bytes: 268435456\n  consumer: {name}\n  lease_ttl: {TTL_MS}ms\n\
liveness:\n  default_heartbeat_interval: 2s\n  missed_heartbeats: 3\n  ping_interval: 300ms\n  ping_timeout: 250ms\n  \
missed_pings: 2\n  tick: 50ms\n\
alerts:
  evaluation_interval: 200ms
  default_receiver: hook
  receivers:
    hook: {{type: webhook, url: \"{hook}\", attempts: 2}}
  rules:
    - {{type: service_down, severity: critical}}
  routes:
    - {{receiver: hook, group_by: [alertname, service], group_wait: 0s, group_interval: 500ms, repeat_interval: 1h}}
"
    )
}

/// Keys this replica has written to the KV mirror.
async fn written(d: &Daemon) -> u64 {
    d.status().await.kv_mirror.map(|k| k.written).unwrap_or_default()
}

async fn role(d: &Daemon) -> (String, String) {
    d.status()
        .await
        .jetstream
        .map(|j| (j.role, j.leader))
        .unwrap_or_default()
}

/// (seq, subject, kind, payload) of every event up to `upto`.
type Row = (i64, String, String, Vec<u8>);
fn rows(db: &Path, upto: i64) -> Vec<Row> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db");
    let _ = c.busy_timeout(Duration::from_secs(5));
    let mut q = c
        .prepare("SELECT seq, subject, kind, payload FROM events WHERE seq <= ?1 ORDER BY seq")
        .expect("prepare");
    q.query_map([upto], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

fn max_seq(db: &Path) -> i64 {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db");
    let _ = c.busy_timeout(Duration::from_secs(5));
    c.query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))
        .expect("max")
}

/// Firing or resolved notifications received for `service`.
async fn notices(r: &Receiver, status: &str, service: &str) -> usize {
    r.received()
        .await
        .into_iter()
        .map(|n| n.json())
        .filter(|n| {
            n["status"] == status
                && n["alerts"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|a| a["labels"]["service"] == service))
        })
        .count()
}

/// Who sent the pings seen from `since` on: the inbox prefix of each
/// request's reply subject (one per NATS connection, so one per replica).
fn pingers(seen: &Mutex<Vec<(Instant, String)>>, since: Instant) -> BTreeSet<String> {
    seen.lock()
        .expect("lock")
        .iter()
        .filter(|(at, _)| *at >= since)
        .map(|(_, p)| p.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_agree_one_leads_alone_and_a_follower_takes_over_within_the_ttl() {
    let nats = nats_js().await;
    let hook = Receiver::start(200).await;
    let c = bus(&nats.url()).await;

    // Every ping request to "quiet", with its sender.
    let seen: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
    let mut sub = c
        .subscribe(krytend::prober::command_subject("quiet"))
        .await
        .expect("subscribe");
    let log = seen.clone();
    tokio::spawn(async move {
        while let Some(m) = sub.next().await {
            let body: serde_json::Value = serde_json::from_slice(&m.payload).unwrap_or_default();
            if body["command"] != "system.ping" {
                continue;
            }
            if let Some(reply) = m.reply {
                let prefix: Vec<&str> = reply.split('.').take(2).collect();
                log.lock().expect("lock").push((Instant::now(), prefix.join(".")));
            }
        }
    });

    let east = Daemon::start(&nats.url(), &replica("east", &hook.url)).await;
    eventually(Duration::from_secs(10), "east leads", || async {
        (role(&east).await.0 == "leader").then_some(())
    })
    .await;
    let west = Daemon::start(&nats.url(), &replica("west", &hook.url)).await;
    eventually(Duration::from_secs(10), "west follows east", || async {
        (role(&west).await == ("follower".to_string(), "east".to_string())).then_some(())
    })
    .await;

    // A token made on west works on east; revoked on east, it stops
    // working on west.
    let shared = token(&west, "shared-viewer", "viewer", &[]).await;
    let (ea, wa) = (host_port(&east.ws().await), host_port(&west.ws().await));
    eventually(Duration::from_secs(10), "west's token accepted by east", || async {
        (get(&ea, "/api/v1/services", Some(&shared)).await.status == 200).then_some(())
    })
    .await;
    let out = east.ctl(&["token", "revoke", "shared-viewer"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    eventually(Duration::from_secs(10), "the revocation reaches west", || async {
        (get(&wa, "/api/v1/services", Some(&shared)).await.status == 401).then_some(())
    })
    .await;

    // Each replica's trail holds the other's actions: west made the token,
    // east revoked it.
    for (d, other) in [(&east, "west"), (&west, "east")] {
        let rows = eventually(Duration::from_secs(10), "the other replica's audit rows", || async {
            let rows = kryten_e2e::api_guard::audit(d).await;
            rows.iter()
                .any(|r| r["origin"] == other && r["outcome"] != "pending")
                .then_some(rows)
        })
        .await;
        let theirs: Vec<_> = rows.iter().filter(|r| r["origin"] == other).collect();
        assert!(
            theirs
                .iter()
                .all(|r| r["target"].as_str().is_some_and(|t| t.contains("shared-viewer"))),
            "{theirs:?}"
        );
    }

    // The bucket is input like the bus: a record krytend could not have
    // made is refused and counted, not applied.
    let kv = async_nats::jetstream::new(c.clone())
        .get_key_value("krytend_tokens")
        .await
        .expect("tokens bucket");
    let forged = serde_json::json!({"name": "forged", "role": "admin", "lookup": "00", "hash": "x",
        "created_us": 0, "expires_us": 0, "revoked_us": 0});
    kv.put("token.forged", forged.to_string().into()).await.expect("put");
    for d in [&east, &west] {
        eventually(Duration::from_secs(10), "the forged record refused", || async {
            let j = d.status().await.jetstream.unwrap_or_default();
            (j.tokens_refused >= 1).then_some(())
        })
        .await;
    }
    let names = east.ctl(&["token", "ls", "-o", "json"]).await;
    assert!(
        !kryten_e2e::stdout(&names).contains("forged"),
        "{}",
        kryten_e2e::stdout(&names)
    );

    // A service known only by pings, and one that heartbeats.
    let _quiet = SimService::start(c.clone(), SimSpec::new("quiet").heartbeat(None))
        .await
        .expect("sim");
    let doomed = SimService::start(
        c.clone(),
        SimSpec::new("doomed").heartbeat(Some(Duration::from_millis(500))),
    )
    .await
    .expect("sim");
    for d in [&east, &west] {
        d.wait_status("quiet", ServiceStatus::Healthy, Duration::from_secs(15))
            .await;
        d.wait_status("doomed", ServiceStatus::Healthy, Duration::from_secs(15))
            .await;
    }
    // The follower's "quiet" is healthy from the leader's pings, read from
    // the stream: it sends none itself.
    let watching = Instant::now();
    eventually(Duration::from_secs(10), "pings over two seconds", || async {
        (watching.elapsed() > Duration::from_secs(2)).then_some(())
    })
    .await;
    let before = pingers(&seen, watching);
    assert_eq!(before.len(), 1, "pings from one replica only: {before:?}");

    // A death: the leader notifies once; the follower holds the same alert
    // and leaves the notification to the leader.
    doomed.crash().await;
    eventually(Duration::from_secs(15), "a firing notification", || async {
        (notices(&hook, "firing", "doomed").await > 0).then_some(())
    })
    .await;
    eventually(
        Duration::from_secs(10),
        "west holds the alert and did not send it",
        || async {
            let a = west.status().await.alerts.unwrap_or_default();
            (a.firing >= 1 && a.left_to_leader >= 1).then_some(())
        },
    )
    .await;
    assert_eq!(notices(&hook, "firing", "doomed").await, 1, "one firing notification");
    for d in [&east, &west] {
        d.wait_status("doomed", ServiceStatus::Down, Duration::from_secs(10))
            .await;
    }

    // The same rows under the same numbers, on both.
    // Both far enough that what they share includes a ping, a status
    // change and an alert (the follower may still be storing the last).
    let upto = eventually(
        Duration::from_secs(30),
        "both stores caught up past a ping, a status change and an alert",
        || async {
            let (a, b) = (max_seq(&east.db), max_seq(&west.db));
            if !(a > 0 && b > 0 && a.abs_diff(b) < 1000) {
                return None;
            }
            let upto = a.min(b);
            let r = rows(&east.db, upto);
            (r.iter().any(|r| r.2 == "ping") && r.iter().any(|r| r.2 == "status") && r.iter().any(|r| r.2 == "alert"))
                .then_some(upto)
        },
    )
    .await;
    let lag = west.status().await.jetstream.map(|j| j.num_pending).unwrap_or_default();
    eprintln!(
        "follower lag: {lag} messages pending; stores #{} and #{}",
        max_seq(&east.db),
        max_seq(&west.db)
    );
    let (ra, rb) = (rows(&east.db, upto), rows(&west.db, upto));
    assert_eq!(ra.len() as i64, upto, "east holds every number up to #{upto}");
    assert!(ra == rb, "east and west differ at or before #{upto}");
    assert!(
        ra.iter().any(|r| r.2 == "ping") && ra.iter().any(|r| r.2 == "status") && ra.iter().any(|r| r.2 == "alert"),
        "shared pings, status changes and alerts recorded"
    );

    // Only the leader writes the KV mirror; the follower holds its writes.
    assert!(written(&east).await > 0, "the leader mirrors the registry");
    assert_eq!(written(&west).await, 0, "the follower writes nothing to KV");

    // The leader dies: west takes over within the TTL (and one check).
    sigkill(east.pid().expect("pid"));
    let killed = Instant::now();
    eventually(Duration::from_secs(15), "west leads", || async {
        (role(&west).await.0 == "leader").then_some(())
    })
    .await;
    let failover = killed.elapsed();
    // At take-over the new leader writes what it held back.
    eventually(Duration::from_secs(10), "west writes the KV mirror", || async {
        (written(&west).await > 0).then_some(())
    })
    .await;
    eprintln!(
        "fail-over after the leader's SIGKILL: {:.2} s (lease TTL {TTL_MS} ms)",
        failover.as_secs_f64()
    );
    assert!(
        failover <= Duration::from_millis(TTL_MS * 5 / 4 + 1500),
        "west took {failover:?} to lead"
    );

    // Pings now come from west alone, and "quiet" stays healthy on it.
    let after = Instant::now();
    eventually(Duration::from_secs(10), "pings from the new leader", || async {
        (seen.lock().expect("lock").iter().filter(|(at, _)| *at >= after).count() >= 3).then_some(())
    })
    .await;
    let now_pinging = pingers(&seen, after);
    assert_eq!(now_pinging.len(), 1, "{now_pinging:?}");
    assert!(
        now_pinging.is_disjoint(&before),
        "the new leader pings, not the dead one"
    );
    west.wait_status("quiet", ServiceStatus::Healthy, Duration::from_secs(5))
        .await;

    // The service comes back: the new leader sends the resolved notice,
    // and the firing one is never sent again.
    let _doomed = SimService::start(
        c.clone(),
        SimSpec::new("doomed").heartbeat(Some(Duration::from_millis(500))),
    )
    .await
    .expect("sim");
    eventually(Duration::from_secs(15), "a resolved notification from west", || async {
        (notices(&hook, "resolved", "doomed").await > 0).then_some(())
    })
    .await;
    assert_eq!(
        notices(&hook, "firing", "doomed").await,
        1,
        "still one firing notification"
    );
    let st = west.status().await.jetstream.expect("jetstream");
    assert_eq!(st.leaderships, 1);
    assert!(
        st.own_left_to_leader > 0,
        "west left its own events to east while following"
    );

    // East comes back and follows; west stops cleanly and hands over at
    // once (it releases the lease), not after the TTL.
    let east = Daemon::start_in(&east.dir, &nats.url(), &replica("east", &hook.url)).await;
    eventually(Duration::from_secs(10), "east follows west", || async {
        (role(&east).await == ("follower".to_string(), "west".to_string())).then_some(())
    })
    .await;
    let mut west = west;
    let stopping = Instant::now();
    west.terminate().await;
    eventually(Duration::from_secs(10), "east leads again", || async {
        (role(&east).await.0 == "leader").then_some(())
    })
    .await;
    let handover = stopping.elapsed();
    eprintln!("hand-over after a clean stop: {:.2} s", handover.as_secs_f64());
    assert!(
        handover < Duration::from_millis(TTL_MS),
        "a clean stop hands over within a check, took {handover:?}"
    );
}
