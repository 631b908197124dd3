//! JetStream ingest (`ingest.mode: jetstream`): the stream is the buffer,
//! a message is acknowledged once its row is committed, and its stream
//! sequence is its number. A crash, a stop or a burst loses nothing and
//! stores nothing twice.

use std::{collections::BTreeMap, time::Duration};

use async_nats::jetstream;
use kryten_e2e::{
    bus, eventually,
    jsload::{seq_span, stored_counters, SUBJECT},
    nats_js,
    seqstore::sigkill,
    Daemon,
};

// A stream capped well below what JetStream finds free on a test machine
// (the default, 10 GiB, is refused where less is free).
const JS: &str = "ingest:\n  mode: jetstream\njetstream:\n  ack_wait: 5s\n  max_bytes: 268435456\n";

/// Publishes `from..to` through JetStream (each acknowledged by the
/// stream: published means stored there), at most `per_sec` a second
/// (None: as fast as the acks come, 512 in flight).
async fn publish(js: jetstream::Context, from: u64, to: u64, per_sec: Option<u64>) -> u64 {
    let started = tokio::time::Instant::now();
    let mut acks = Vec::with_capacity(512);
    let mut done = 0;
    for i in from..to {
        if let Some(rate) = per_sec {
            let due = started + Duration::from_micros((i - from) * 1_000_000 / rate);
            tokio::time::sleep_until(due).await;
        }
        let ack = js
            .publish(SUBJECT, format!("{{\"i\":{i}}}").into())
            .await
            .expect("publish to the stream");
        acks.push(ack);
        if acks.len() >= 512 {
            for a in acks.drain(..) {
                a.await.expect("the stream stored it");
                done += 1;
            }
        }
    }
    for a in acks.drain(..) {
        a.await.expect("the stream stored it");
        done += 1;
    }
    done
}

/// Waits until `n` load events are stored, then checks each once.
async fn all_stored_once(d: &Daemon, from: u64, n: u64, timeout: Duration) {
    let db = d.db.clone();
    let got = eventually(timeout, &format!("{n} load events stored"), || {
        let db = db.clone();
        async move {
            let c = tokio::task::spawn_blocking(move || stored_counters(&db))
                .await
                .expect("join");
            (c.len() as u64 >= n).then_some(c)
        }
    })
    .await;
    let dup: Vec<_> = got.iter().filter(|(_, k)| **k > 1).take(10).collect();
    assert!(dup.is_empty(), "events stored twice (counter, times): {dup:?}");
    let missing: Vec<u64> = (from..from + n).filter(|i| !got.contains_key(i)).take(10).collect();
    assert!(missing.is_empty(), "events never stored: {missing:?}...");
    assert_eq!(got.len() as u64, n, "only the published counters");
}

/// Every stream sequence is stored, once: the events table is exactly
/// 1..=last of the stream.
async fn store_mirrors_stream(d: &Daemon, js: &jetstream::Context) {
    let mut stream = js.get_stream("KRYTEN").await.expect("stream KRYTEN");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let last = stream.info().await.expect("stream info").state.last_sequence;
        let db = d.db.clone();
        let span = tokio::task::spawn_blocking(move || seq_span(&db)).await.expect("join");
        if span == (last, 1, last) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the store (rows, min, max) = {span:?} is not the stream's 1..={last}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_under_10k_events_a_second_stores_every_event_exactly_once() {
    let nats = nats_js().await;
    // Commits a fifth of a second apart: deliveries in flight at the kill.
    let cfg = format!("{JS}store:\n  batch_delay: 200ms\n");
    let d = Daemon::start(&nats.url(), &cfg).await;
    let js = jetstream::new(bus(&nats.url()).await);
    const N: u64 = 40_000;
    let publisher = tokio::spawn(publish(js.clone(), 0, N, Some(10_000)));
    // Mid-stream: rows committed, more in flight, more coming.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let before = stored_counters(&d.db).len();
    sigkill(d.pid().expect("pid"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let d2 = Daemon::start_in(&d.dir, &nats.url(), &cfg).await;
    let published = publisher.await.expect("publisher");
    assert_eq!(published, N);
    assert!(before > 0 && (before as u64) < N, "killed mid-stream ({before} stored)");
    all_stored_once(&d2, 0, N, Duration::from_secs(20)).await;
    store_mirrors_stream(&d2, &js).await;
    let st = d2.status().await;
    assert_eq!(st.ingest_mode, "jetstream");
    let j = st.jetstream.expect("jetstream status");
    assert_eq!(j.stream, "KRYTEN");
    // No crash gap in JetStream mode: nothing was lost.
    let gaps = d2.ctl(&["events", "ls", "--type", "gap", "-o", "json"]).await;
    let v: serde_json::Value = serde_json::from_slice(&gaps.stdout).expect("json");
    assert_eq!(v["items"].as_array().map(Vec::len), Some(0), "no gap events: {v}");
    let resumed: Vec<String> = d2
        .log()
        .lines()
        .filter(|l| l.contains("consumer"))
        .map(String::from)
        .collect();
    eprintln!(
        "stored before the kill: {before}; redelivered duplicates skipped after it: {}; {resumed:?}",
        j.duplicates_skipped
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_while_krytend_is_down_is_stored_in_full_when_it_starts() {
    let nats = nats_js().await;
    let mut d = Daemon::start(&nats.url(), JS).await;
    assert!(d.terminate().await.success());
    let js = jetstream::new(bus(&nats.url()).await);
    const N: u64 = 200_000;
    let t = std::time::Instant::now();
    assert_eq!(publish(js.clone(), 0, N, None).await, N);
    let publish_took = t.elapsed();
    let t = std::time::Instant::now();
    let d2 = Daemon::start_in(&d.dir, &nats.url(), JS).await;
    all_stored_once(&d2, 0, N, Duration::from_secs(60)).await;
    let ingest_took = t.elapsed();
    store_mirrors_stream(&d2, &js).await;
    eprintln!(
        "published {N} in {publish_took:?} ({:.0}/s); stored after start in {ingest_took:?} ({:.0}/s)",
        N as f64 / publish_took.as_secs_f64(),
        N as f64 / ingest_took.as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_resumes_from_the_consumer_position_without_reingesting() {
    let nats = nats_js().await;
    let mut d = Daemon::start(&nats.url(), JS).await;
    let js = jetstream::new(bus(&nats.url()).await);
    assert_eq!(publish(js.clone(), 0, 5000, None).await, 5000);
    all_stored_once(&d, 0, 5000, Duration::from_secs(15)).await;
    store_mirrors_stream(&d, &js).await;
    // Everything stored is acknowledged before a clean stop ends.
    assert!(d.terminate().await.success());
    let consumer = js
        .get_stream("KRYTEN")
        .await
        .expect("stream")
        .consumer_info("krytend")
        .await
        .expect("consumer");
    let (rows, _, last) = seq_span(&d.db);
    assert_eq!(
        consumer.ack_floor.stream_sequence, last,
        "acknowledged up to the last stored #{last}"
    );
    assert_eq!(consumer.num_ack_pending, 0);
    // Published while it is down: the consumer's lag.
    assert_eq!(publish(js.clone(), 5000, 8000, None).await, 3000);
    let d2 = Daemon::start_in(&d.dir, &nats.url(), JS).await;
    all_stored_once(&d2, 0, 8000, Duration::from_secs(15)).await;
    store_mirrors_stream(&d2, &js).await;
    let (rows2, _, _) = seq_span(&d2.db);
    assert!(rows2 >= rows + 3000);
    let st = d2.status().await;
    let j = st.jetstream.expect("jetstream status");
    assert_eq!(
        j.duplicates_skipped, 0,
        "nothing acknowledged was delivered again: {j:?}"
    );
    // The CLI shows the mode, the stream and the lag.
    let out = d2.ctl(&["status"]).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("jetstream   stream KRYTEN"), "{text}");
    assert!(text.contains("consumer krytend: lag"), "{text}");
    let out = d2.ctl(&["status", "-o", "json"]).await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["ingestMode"], "jetstream");
    assert_eq!(v["jetstream"]["stream"], "KRYTEN");
    assert!(v["jetstream"]["numPending"].is_u64(), "{v}");
}

/// krytend started once on a fresh store with `config`: it must refuse to
/// start; its error output.
async fn refused_at_start(nats_url: &str, config: &str) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("k.yaml");
    std::fs::write(&path, config).expect("config");
    let out = tokio::process::Command::new(kryten_e2e::bin("krytend"))
        .arg("--nats")
        .arg(nats_url)
        .arg("--db")
        .arg(dir.path().join("k.db"))
        .arg("--socket")
        .arg(dir.path().join("k.sock"))
        .arg("--no-listen")
        .arg("--config")
        .arg(&path)
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .await
        .expect("run krytend");
    assert!(!out.status.success(), "krytend started with {config:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test]
async fn jetstream_mode_refuses_a_server_without_jetstream_and_a_core_numbered_store() {
    // A server without -js: a clear startup error.
    let plain = kryten_e2e::nats().await;
    let err = refused_at_start(&plain.url(), &format!("{JS}websocket:\n  listen: null\n")).await;
    assert!(err.contains("JetStream"), "{err}");

    // A store numbered by krytend itself cannot take stream numbers.
    let nats = nats_js().await;
    let mut core = Daemon::start(&nats.url(), "").await;
    let c = bus(&nats.url()).await;
    c.publish(SUBJECT, "{\"i\":0}".into()).await.expect("publish");
    c.flush().await.expect("flush");
    eventually(Duration::from_secs(10), "a core-mode event stored", || async {
        (!stored_counters(&core.db).is_empty()).then_some(())
    })
    .await;
    assert!(core.terminate().await.success());
    let out = tokio::process::Command::new(kryten_e2e::bin("krytend"))
        .arg("--config")
        .arg({
            std::fs::write(&core.config, format!("{JS}websocket:\n  listen: null\n")).expect("config");
            &core.config
        })
        .arg("--nats")
        .arg(nats.url())
        .arg("--db")
        .arg(&core.db)
        .arg("--socket")
        .arg(&core.socket)
        .arg("--no-listen")
        .env("XDG_CONFIG_HOME", &core.dir)
        .output()
        .await
        .expect("run krytend");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("core mode"), "{err}");
}

#[tokio::test]
async fn a_stream_larger_than_the_server_can_reserve_is_refused_naming_the_setting() {
    // The server reserves max_bytes on its disk when the stream is made: a
    // petabyte is more than any test machine has free.
    let nats = nats_js().await;
    let err = refused_at_start(
        &nats.url(),
        "ingest:\n  mode: jetstream\njetstream:\n  max_bytes: 1125899906842624\nwebsocket:\n  listen: null\n",
    )
    .await;
    assert!(err.contains("lower jetstream.max_bytes"), "{err}");
    assert!(err.contains("1125899906842624 bytes"), "{err}");
    assert!(!err.contains("is JetStream enabled"), "a wrong hint: {err}");
}

/// `registry.*` of the KV mirror: service name → (status, document).
async fn mirrored(kv: &jetstream::kv::Store) -> BTreeMap<String, serde_json::Value> {
    use futures::StreamExt;
    let mut out = BTreeMap::new();
    let Ok(mut keys) = kv.keys().await else {
        return out;
    };
    while let Some(Ok(key)) = keys.next().await {
        let Some(name) = key.strip_prefix("registry.") else {
            continue;
        };
        if let Ok(Some(v)) = kv.get(&key).await {
            out.insert(name.to_string(), serde_json::from_slice(&v).expect("a JSON document"));
        }
    }
    out
}

async fn kv_doc(kv: &jetstream::kv::Store, key: &str) -> Option<serde_json::Value> {
    let v = kv.get(key).await.expect("KV get")?;
    Some(serde_json::from_slice(&v).expect("a JSON document"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_registry_is_mirrored_to_the_kv_bucket_on_change() {
    use kryten_e2e::{SimService, SimSpec, FAST_LIVENESS};
    use kryten_proto::v1::ServiceStatus;
    let nats = nats_js().await;
    let d = Daemon::start(&nats.url(), &format!("{JS}{FAST_LIVENESS}")).await;
    let client = bus(&nats.url()).await;
    let every = Some(Duration::from_millis(300));
    let _alpha = SimService::start(client.clone(), SimSpec::new("kvalpha").heartbeat(every))
        .await
        .expect("sim");
    let beta = SimService::start(client.clone(), SimSpec::new("kvbeta").heartbeat(every))
        .await
        .expect("sim");
    for name in ["kvalpha", "kvbeta"] {
        d.wait_status(name, ServiceStatus::Healthy, Duration::from_secs(5))
            .await;
    }
    let js = jetstream::new(client.clone());
    let kv = eventually(Duration::from_secs(10), "the bucket kryten_services", || async {
        js.get_key_value("kryten_services").await.ok()
    })
    .await;
    // registry.* holds what `services ls` lists, status by status.
    let listed = || async {
        let out = d.ctl(&["services", "ls", "-o", "json"]).await;
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|s| (s["name"].as_str().expect("name").to_string(), s["status"].clone()))
            .collect::<BTreeMap<_, _>>()
    };
    let docs = eventually(Duration::from_secs(10), "registry.* as services ls", || async {
        let want = listed().await;
        let got = mirrored(&kv).await;
        let statuses: BTreeMap<_, _> = got.iter().map(|(k, v)| (k.clone(), v["status"].clone())).collect();
        (want.len() >= 2 && statuses == want).then_some(got)
    })
    .await;
    let a = &docs["kvalpha"];
    assert_eq!(a["name"], "kvalpha");
    assert_eq!(a["status"], "healthy");
    for field in [
        "statusCause",
        "statusSince",
        "version",
        "hostname",
        "uptimeSeconds",
        "lastHeartbeat",
        "heartbeatIntervalSeconds",
        "liveness",
        "restartCount",
        "endpoints",
    ] {
        assert!(a.get(field).is_some(), "{field} in {a}");
    }
    // heartbeat.{svc} moves with the heartbeats.
    let first = eventually(Duration::from_secs(5), "heartbeat.kvalpha", || async {
        kv_doc(&kv, "heartbeat.kvalpha")
            .await
            .filter(|h| h["lastHeartbeat"].is_string())
    })
    .await;
    eventually(Duration::from_secs(5), "heartbeat.kvalpha moves", || async {
        let h = kv_doc(&kv, "heartbeat.kvalpha").await?;
        (h["lastHeartbeat"] != first["lastHeartbeat"] && h["heartbeatIntervalSeconds"].is_number()).then_some(())
    })
    .await;
    // A crash: down in the bucket within a few seconds of the registry.
    beta.crash().await;
    d.wait_status("kvbeta", ServiceStatus::Down, Duration::from_secs(10))
        .await;
    let t = std::time::Instant::now();
    eventually(Duration::from_secs(3), "registry.kvbeta down", || async {
        let b = kv_doc(&kv, "registry.kvbeta").await?;
        (b["status"] == "down").then_some(())
    })
    .await;
    let reflected = t.elapsed();
    // Forgotten: both keys gone.
    let out = d.ctl(&["services", "forget", "kvbeta"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    eventually(Duration::from_secs(5), "kvbeta's keys deleted", || async {
        let r = kv.get("registry.kvbeta").await.expect("get");
        let h = kv.get("heartbeat.kvbeta").await.expect("get");
        (r.is_none() && h.is_none()).then_some(())
    })
    .await;
    assert!(kv.get("registry.kvalpha").await.expect("get").is_some());
    // Status shows the mirror.
    let out = d.ctl(&["status", "-o", "json"]).await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let m = &v["kvMirror"];
    assert_eq!(m["bucket"], "kryten_services", "{v}");
    assert_eq!(m["ready"], true);
    assert!(m["written"].as_u64() > Some(0), "{m}");
    assert_eq!(m["deleted"].as_u64(), Some(2), "{m}");
    assert_eq!(m["failed"].as_u64(), Some(0), "{m}");
    let text = kryten_e2e::stdout(&d.ctl(&["status"]).await);
    assert!(text.contains("kv mirror   bucket kryten_services"), "{text}");
    eprintln!("down reflected in KV {reflected:?} after the registry; mirror {m}");
}
