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
    let out = Out::new(g.output, g.no_headers, color, g.quiet, g.verbose);
    let target = match client::resolve(
        g.server.as_deref(),
        g.token.as_deref(),
        g.ca.as_deref(),
        g.context.as_deref(),
    ) {
        Ok(t) => t,
        Err(e) => {
            output::eprint_text(&format!("krytenctl: {e}"));
            return e.exit_code();
        }
    };
    let ctx = Ctx {
        server: target.server.clone(),
        target,
        out,
    };
    let result = match &cli.command {
        Command::Status(a) => commands::status::run(&ctx, a).await,
        Command::Services(c) => commands::services::run(&ctx, c).await,
        Command::Events(c) => commands::events::run(&ctx, c).await,
        Command::Health(a) => commands::health::run(&ctx, a).await,
        Command::Logs(a) => commands::logs::run(&ctx, a).await,
        Command::Wait(a) => commands::wait::run(&ctx, a).await,
        Command::Restart(a) => commands::control::restart(&ctx, a).await,
        Command::Reload(a) => commands::control::reload(&ctx, a).await,
        Command::Shutdown(a) => commands::control::shutdown(&ctx, a).await,
        Command::Ping(a) => commands::control::ping(&ctx, a).await,
        Command::Call(a) => commands::control::call(&ctx, a).await,
        Command::Discover(a) => commands::control::discover(&ctx, a).await,
        Command::Audit(c) => commands::audit::run(&ctx, c).await,
        Command::Token(c) => commands::token::run(&ctx, c).await,
        Command::Admin(c) => commands::admin::run(&ctx, c).await,
        Command::Ui(a) => commands::ui::run(&ctx, a).await,
        Command::Alerts(c) => commands::alerts::run_alerts(&ctx, c).await,
        Command::Silence(c) => commands::alerts::run_silence(&ctx, c).await,
        Command::Config(c) => commands::contexts::run(&ctx, c).await,
        Command::Completion(a) => commands::completion::run(&ctx, a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            output::eprint_text(&format!("krytenctl: {e}"));
            e.exit_code()
        }
    }
}
