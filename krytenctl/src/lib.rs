//! krytenctl: a kubectl-style command line over the krytend API.

pub mod cli;
pub mod client;
pub mod commands;
pub mod error;
pub mod generate;
pub mod output;
pub mod timespec;

use cli::{Cli, Command};
use commands::Ctx;
use output::{ColorChoice, Out};

/// Runs one invocation; returns the process exit code.
pub async fn run(cli: Cli) -> u8 {
    let g = &cli.global;
    let color = if g.no_color { ColorChoice::Never } else { g.color };
    let ctx = Ctx {
        server: client::resolve(g.server.as_deref()),
        out: Out::new(g.output, g.no_headers, color, g.quiet, g.verbose),
    };
    let result = match &cli.command {
        Command::Status(a) => commands::status::run(&ctx, a).await,
        Command::Services(c) => commands::services::run(&ctx, c).await,
        Command::Events(c) => commands::events::run(&ctx, c).await,
        Command::Health(a) => commands::health::run(&ctx, a).await,
        Command::Logs(a) => commands::logs::run(&ctx, a).await,
        Command::Wait(a) => commands::wait::run(&ctx, a).await,
        Command::Completion(a) => commands::completion::run(&ctx, a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("krytenctl: {e}");
            e.exit_code()
        }
    }
}
