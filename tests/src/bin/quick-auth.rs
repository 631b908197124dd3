//! A quick measure of what token authentication costs per request: Status
//! calls over the local socket (no token) and over TCP with a token, the
//! first use of a token (argon2 verification) apart.
//!
//! cargo build --release --workspace && target/release/quick-auth [CALLS]

use std::time::Instant;

use kryten_e2e::{nats, Daemon};
use kryten_proto::v1::{self as pb, krytend_client::KrytendClient};
use tonic::{metadata::MetadataValue, transport::Endpoint};

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let calls: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let nats = nats().await;
    let d = Daemon::start(&nats.url(), "discovery_poll: false\n").await;
    let out = d.ctl(&["token", "create", "--name", "bench", "--role", "viewer"]).await;
    let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let bearer: MetadataValue<_> = format!("Bearer {token}").parse().expect("header");

    let mut local = d.client().await;
    let mut t_local = Vec::with_capacity(calls);
    for _ in 0..calls {
        let s = Instant::now();
        local.status(pb::StatusRequest {}).await.expect("status");
        t_local.push(s.elapsed().as_secs_f64() * 1e6);
    }

    let ch = Endpoint::from_shared(d.tcp().await)
        .expect("endpoint")
        .connect()
        .await
        .expect("tcp");
    let b = bearer.clone();
    let mut tcp = KrytendClient::with_interceptor(ch, move |mut r: tonic::Request<()>| {
        r.metadata_mut().insert("authorization", b.clone());
        Ok(r)
    });
    let s = Instant::now();
    tcp.status(pb::StatusRequest {}).await.expect("first call");
    let first = s.elapsed();
    let mut t_tcp = Vec::with_capacity(calls);
    for _ in 0..calls {
        let s = Instant::now();
        tcp.status(pb::StatusRequest {}).await.expect("status");
        t_tcp.push(s.elapsed().as_secs_f64() * 1e6);
    }
    let (l50, l99) = (pct(&mut t_local, 0.5), pct(&mut t_local, 0.99));
    let (p50, p99) = (pct(&mut t_tcp, 0.5), pct(&mut t_tcp, 0.99));
    println!("Status calls                 {calls} each, one connection");
    println!("local socket, no token       p50 {l50:.0} us, p99 {l99:.0} us");
    println!(
        "TCP with a (cached) token    p50 {p50:.0} us, p99 {p99:.0} us  (+{:.0} us at p50)",
        p50 - l50
    );
    println!(
        "first use of a token         {:.1} ms (argon2 verification, then cached)",
        first.as_secs_f64() * 1e3
    );
}
