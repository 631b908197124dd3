//! krytend run in-process (`krytend::daemon::Daemon::start`) against a real
//! nats-server and a real SQLite file: an event published on the bus is
//! read back through the gRPC API, and the daemon stops cleanly.

use std::{net::SocketAddr, time::Duration};

use kryten_e2e::{bus, eventually, nats};
use kryten_proto::v1::{self as pb, krytend_client::KrytendClient};
use krytend::{
    config::Config,
    daemon::Daemon,
    protocol::timestamp::{format_us, now_us},
};
use serde_json::json;

#[tokio::test]
async fn in_process_daemon_records_an_event_served_over_grpc_and_stops_cleanly() {
    let nats = nats().await;
    let tmp = tempfile::tempdir().expect("temp dir");
    let socket = tmp.path().join("krytend.sock");
    let db = tmp.path().join("krytend.db");
    let mut cfg = Config::default();
    cfg.nats.servers = vec![nats.url()];
    cfg.store.path = Some(db.clone());
    cfg.api.socket = Some(socket.clone());
    cfg.api.listen = Some(SocketAddr::from(([127, 0, 0, 1], 0)));
    cfg.api.client_config = Some(tmp.path().join("kryten").join("config.yaml"));
    cfg.websocket.listen = Some(SocketAddr::from(([127, 0, 0, 1], 0)));

    let daemon = Daemon::start(cfg).await.expect("krytend starts in-process");
    assert_eq!(daemon.bound.socket.as_deref(), Some(socket.as_path()));
    let tcp = daemon.bound.tcp.expect("the TCP listener is bound");
    assert_ne!(tcp.port(), 0, "the bound port is resolved");

    let client = bus(&nats.url()).await;
    let body = json!({"service": "inproc", "version": "1.0", "hostname": "vm",
                      "timestamp": format_us(now_us()), "uptime_seconds": 1});
    client
        .publish("kryten.lifecycle.inproc.startup", body.to_string().into())
        .await
        .expect("publish");
    client.flush().await.expect("flush");

    let ch = tonic::transport::Endpoint::from_shared(format!("unix://{}", socket.display()))
        .expect("endpoint")
        .connect()
        .await
        .expect("connect over the unix socket");
    let mut api = KrytendClient::new(ch);
    let event = eventually(Duration::from_secs(10), "the startup event is served", || {
        let mut api = api.clone();
        async move {
            api.list_events(pb::ListEventsRequest {
                filter: Some(pb::EventFilter {
                    subjects: vec!["kryten.lifecycle.inproc.startup".into()],
                    ..Default::default()
                }),
                limit: 10,
                ..Default::default()
            })
            .await
            .ok()?
            .into_inner()
            .events
            .into_iter()
            .next()
        }
    })
    .await;
    assert_eq!(event.service, "inproc");
    let payload: serde_json::Value = serde_json::from_slice(&event.payload).expect("payload");
    assert_eq!(payload["service"], "inproc");
    let service = api
        .get_service(pb::GetServiceRequest {
            name: "inproc".into(),
            ..Default::default()
        })
        .await
        .expect("the service is registered")
        .into_inner();
    assert_eq!(service.service.expect("service").name, "inproc");
    drop(api);

    let stopped = tokio::time::timeout(Duration::from_secs(10), daemon.stop())
        .await
        .expect("the stop is bounded");
    stopped.expect("a clean stop");
    assert!(
        !socket.exists() || std::os::unix::net::UnixStream::connect(&socket).is_err(),
        "the API is closed"
    );

    // The event was committed: it is in the SQLite file after the stop.
    let conn = rusqlite::Connection::open(&db).expect("open the store");
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM events WHERE subject = 'kryten.lifecycle.inproc.startup'",
            [],
            |r| r.get(0),
        )
        .expect("count events");
    assert_eq!(n, 1);
}
