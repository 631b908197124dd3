//! kryten-load: simulated Kryten traffic on a NATS server.
//!
//! kryten-load --nats nats://127.0.0.1:4222 --rate 10000 --count 100000

use std::time::Instant;

use clap::Parser;
use kryten_bench::{run, LoadSpec};

#[derive(Parser)]
#[command(
    name = "kryten-load",
    version,
    about = "Publish simulated Kryten traffic (real wire protocol) to NATS"
)]
struct Args {
    #[arg(long, default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// Simulated services (startup, heartbeats every second)
    #[arg(long, default_value_t = 10)]
    services: usize,
    /// Distinct channel-event subjects
    #[arg(long, default_value_t = 50)]
    subjects: usize,
    /// Messages per second; 0 = flat out
    #[arg(long, default_value_t = 0)]
    rate: u64,
    /// Messages to send
    #[arg(long, default_value_t = 100_000)]
    count: u64,
    /// Share of log lines (0.0-1.0)
    #[arg(long, default_value_t = 0.0)]
    logs: f64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    let client = async_nats::connect(&a.nats).await?;
    let spec = LoadSpec {
        services: a.services,
        subjects: a.subjects,
        rate: a.rate,
        count: a.count,
        log_ratio: a.logs,
        seed: a.seed,
        ..Default::default()
    };
    let t = Instant::now();
    run(&client, &spec).await?;
    let s = t.elapsed().as_secs_f64();
    eprintln!("sent {} messages in {s:.2}s ({:.0}/s)", a.count, a.count as f64 / s);
    Ok(())
}
