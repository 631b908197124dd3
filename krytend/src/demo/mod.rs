//! `krytend --demo`: a private bus, a simulated fleet, and the daemon on it.

pub mod nats_server;
pub mod sim;

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::{config::Config, daemon, paths};
use nats_server::NatsServer;
use sim::{SimService, SimSpec};

pub async fn run(mut cfg: Config, shutdown: CancellationToken) -> anyhow::Result<()> {
    let server = NatsServer::start().await?;
    eprintln!("demo: private nats-server on {}", server.url());
    cfg.nats.servers = vec![server.url()];
    cfg.liveness.ping_interval = Duration::from_secs(3);
    if cfg.store.path.is_none() {
        let db = paths::state_dir().join("demo.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        cfg.store.path = Some(db);
    }
    if cfg.api.client_config.is_none() {
        // The demo's admin token lives only as long as its database: keep
        // its client config apart from the user's own.
        let path = paths::state_dir().join("demo-client-config.yaml");
        let _ = std::fs::remove_file(&path);
        eprintln!(
            "demo: client contexts (with an admin token for TCP) in {}",
            path.display()
        );
        cfg.api.client_config = Some(path);
    }
    let fleet_stop = CancellationToken::new();
    let url = server.url();
    let stop = fleet_stop.clone();
    // The fleet starts once krytend listens, as kryten-robot's one startup
    // (it ignores discovery polls) would otherwise go unseen.
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<()>();
    let fleet = tokio::spawn(async move {
        if ready_rx.await.is_err() {
            return;
        }
        if let Err(e) = run_fleet(&url, stop).await {
            eprintln!("demo: the simulated fleet stopped: {e}");
        }
    });
    let ui = cfg.websocket.listen;
    let result = daemon::run(cfg, shutdown, |bound| {
        let _ = ready_tx.send(());
        let target = bound
            .socket
            .as_ref()
            .map(|p| format!("unix://{}", p.display()))
            .or_else(|| bound.tcp.map(|a| format!("http://{a}")))
            .unwrap_or_default();
        eprintln!("demo: krytend is serving on {target}");
        eprintln!("demo: in another shell, try:  krytenctl services ls --watch   |   krytenctl events tail -f");
        if let Some(addr) = ui {
            let code = bound
                .sign_ins
                .issue_at_start("demo", crate::auth::Role::Admin, DEMO_LINK_TTL_MS);
            eprintln!("demo: the web UI is at http://{addr}/");
            eprintln!("demo: open this link within 15 minutes to sign in (once):  http://{addr}/#/signin/{code}");
            eprintln!("demo: a new link at any time:  krytenctl ui");
        }
    })
    .await;
    fleet_stop.cancel();
    let _ = fleet.await;
    drop(server);
    result.map_err(Into::into)
}

/// How long the sign-in link printed at start waits to be opened.
const DEMO_LINK_TTL_MS: i64 = 15 * 60_000;

/// Five services with the habits of the real fleet.
async fn run_fleet(url: &str, stop: CancellationToken) -> anyhow::Result<()> {
    let client = async_nats::connect(url).await?;
    let mut userstats = SimSpec::new("userstats").heartbeat(Some(Duration::from_secs(2)));
    userstats.version = "0.7.1".into();
    userstats.health_port = Some(28282);
    userstats.logs = Some(Duration::from_secs(2));
    let mut llm = SimSpec::new("llm").heartbeat(Some(Duration::from_secs(3)));
    llm.reported_status = Some("degraded".into());
    llm.version = "0.3.2".into();
    let mut robot = SimSpec::new("robot").heartbeat(None);
    robot.version = "1.12.6".into();
    robot.reannounces = false;
    robot.channel_events = Some(("lounge".into(), Duration::from_millis(700)));
    let moderator = SimSpec::new("moderator").heartbeat(Some(Duration::from_secs(5)));
    let mut held = Vec::new();
    for spec in [userstats, llm, robot, moderator] {
        held.push(SimService::start(client.clone(), spec).await?);
    }
    // One service that dies and comes back, alternating a crash and a
    // clean stop, so the timeline shows down, stopped and restarts.
    let mut crash = true;
    let flappy = || {
        let mut s = SimSpec::new("playlist").heartbeat(Some(Duration::from_secs(1)));
        s.version = "2.1.0".into();
        s
    };
    let mut current = Some(SimService::start(client.clone(), flappy()).await?);
    loop {
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = tokio::time::sleep(Duration::from_secs(25)) => {}
        }
        if let Some(s) = current.take() {
            if crash {
                s.crash().await
            } else {
                s.shutdown().await
            }
            crash = !crash;
        }
        tokio::select! {
            _ = stop.cancelled() => break,
            _ = tokio::time::sleep(Duration::from_secs(10)) => {}
        }
        current = Some(SimService::start(client.clone(), flappy()).await?);
    }
    for s in held.into_iter().chain(current) {
        s.shutdown().await;
    }
    Ok(())
}
