//! The command surface (`cli.md`): one struct per verb.

use clap::{Args, Parser, Subcommand};

use crate::{
    commands::{
        admin, alerts, audit, completion, contexts, control, events, health, logs, services, status, token, ui, wait,
    },
    output::{ColorChoice, Format},
};

#[derive(Debug, Parser)]
#[command(
    name = "krytenctl",
    version,
    about = "Command line for Kryten mission control: services, events and health of the fleet",
    propagate_version = true,
    after_help = "Exit codes: 0 ok, 1 check failed, 2 usage, 3 daemon unreachable, 4 not authorized, \
                  5 not found, 6 service did not answer. `health` uses Nagios codes (0 OK, 1 WARNING, \
                  2 CRITICAL, 3 UNKNOWN)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Daemon address: unix:///path, /path/to.sock, host:port or http://host:port
    /// (default: the local daemon's socket)
    #[arg(
        long,
        global = true,
        env = "KRYTEN_SERVER",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub server: Option<String>,
    /// API token (default: the context's)
    #[arg(
        long,
        global = true,
        env = "KRYTEN_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,
    /// A named server + token from the client config (~/.config/kryten/config.yaml)
    #[arg(long, global = true, env = "KRYTEN_CONTEXT", value_name = "NAME")]
    pub context: Option<String>,
    /// CA certificate (PEM) for an https:// server
    #[arg(long, global = true, value_name = "FILE")]
    pub ca: Option<std::path::PathBuf>,
    /// Output format
    #[arg(short = 'o', long = "output", global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<Format>,
    /// Omit table headers
    #[arg(long, global = true)]
    pub no_headers: bool,
    /// When to use color (off when stdout is not a terminal or NO_COLOR is set)
    #[arg(long, global = true, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Never use color
    #[arg(long, global = true)]
    pub no_color: bool,
    /// More detail on stderr
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// No notices on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The daemon itself: version, bus connection, ingest rate, store size
    Status(status::StatusArgs),
    /// Services of the fleet
    #[command(subcommand, visible_alias = "svc")]
    Services(services::ServicesCmd),
    /// Recorded bus events
    #[command(subcommand, visible_alias = "ev")]
    Events(events::EventsCmd),
    /// Service logs, one ordered stream across the fleet
    Logs(logs::LogsArgs),
    /// One-line fleet health with Nagios exit codes, for CI gates and monitoring
    Health(health::HealthArgs),
    /// Block until services reach a condition (exit 0) or time out (exit 1)
    Wait(wait::WaitArgs),
    /// Restart a service through its own command subject (or every service with --all)
    Restart(control::RestartArgs),
    /// Ask a service to reload its configuration
    Reload(control::ReloadArgs),
    /// Ask a service to shut down
    Shutdown(control::ShutdownArgs),
    /// Ping a service (system.ping) and show the round-trip time
    Ping(control::PingArgs),
    /// Send any command to a service and print its reply
    Call(control::CallArgs),
    /// Ask every service to re-announce itself; show who answered
    Discover(control::DiscoverArgs),
    /// The control audit trail
    #[command(subcommand)]
    Audit(audit::AuditCmd),
    /// Alerts the daemon holds (pending, firing, resolved)
    #[command(subcommand)]
    Alerts(alerts::AlertsCmd),
    /// Silence alerts for a while (operator)
    #[command(subcommand)]
    Silence(alerts::SilenceCmd),
    /// API tokens (admin)
    #[command(subcommand)]
    Token(token::TokenCmd),
    /// The daemon's own configuration (admin)
    #[command(subcommand)]
    Admin(admin::AdminCmd),
    /// A single-use sign-in link for the web UI (opened in the browser on a desktop)
    Ui(ui::UiArgs),
    /// Service configs (get, diff, history) and client contexts
    #[command(subcommand)]
    Config(contexts::ConfigCmd),
    /// Print shell completions
    Completion(completion::CompletionArgs),
}
