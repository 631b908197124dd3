//! Command line of the daemon. Flags and `KRYTEND_*` variables override the
//! config file, which overrides the defaults.

use std::{net::SocketAddr, path::PathBuf};

use clap::Parser;

use crate::config::{Config, ConfigError};

#[derive(Debug, Parser)]
#[command(
    name = "krytend",
    version,
    about = "Kryten mission control daemon: tracks every service on the NATS bus, records every event, serves the API",
    after_help = "With no arguments krytend connects to nats://127.0.0.1:4222, keeps its database and socket \
                  in ~/.local/state/kryten, and serves krytenctl on that socket."
)]
pub struct Args {
    /// YAML config file (default: ~/.config/kryten/krytend.yaml if it exists)
    #[arg(short, long, env = "KRYTEND_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// NATS server URL; repeat or comma-separate for a cluster
    #[arg(long = "nats", env = "KRYTEND_NATS", value_name = "URL", value_delimiter = ',')]
    pub nats: Vec<String>,
    /// Subjects to record (NATS wildcards); repeat or comma-separate
    #[arg(
        long = "subject",
        env = "KRYTEND_SUBJECTS",
        value_name = "SUBJECT",
        value_delimiter = ','
    )]
    pub subjects: Vec<String>,
    /// Unix socket for local clients
    #[arg(long, env = "KRYTEND_SOCKET", value_name = "PATH")]
    pub socket: Option<PathBuf>,
    /// Serve the API on this TCP address too; every request there needs a token (default 127.0.0.1:7468)
    #[arg(long, env = "KRYTEND_LISTEN", value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// The WebSocket API's address (default 127.0.0.1:7469)
    #[arg(long, env = "KRYTEND_WS_LISTEN", value_name = "ADDR")]
    pub ws_listen: Option<SocketAddr>,
    /// Serve no TCP listener, only the local socket
    #[arg(long, conflicts_with = "listen")]
    pub no_listen: bool,
    /// SQLite database file
    #[arg(long, env = "KRYTEND_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Log filter, e.g. info, debug, krytend=debug
    #[arg(long, env = "KRYTEND_LOG", value_name = "FILTER")]
    pub log: Option<String>,
    /// Run a private nats-server and a simulated fleet, and track it
    #[arg(long)]
    pub demo: bool,
    /// Print the commented default configuration and exit
    #[arg(long)]
    pub print_default_config: bool,
    /// Read and check the configuration (alert rules, receivers and routes
    /// included), say what is wrong, and exit
    #[arg(long)]
    pub check_config: bool,
}

impl Args {
    pub fn config(&self) -> Result<Config, ConfigError> {
        let default_file = dirs::config_dir().map(|d| d.join("kryten").join("krytend.yaml"));
        let mut cfg = match (&self.config, default_file) {
            (Some(p), _) => Config::load(p)?,
            (None, Some(p)) if p.is_file() => Config::load(&p)?,
            _ => Config::default(),
        };
        if !self.nats.is_empty() {
            cfg.nats.servers.clone_from(&self.nats);
        }
        if !self.subjects.is_empty() {
            cfg.nats.subjects.clone_from(&self.subjects);
        }
        if let Some(s) = &self.socket {
            cfg.api.socket = Some(s.clone());
        }
        if let Some(l) = self.listen {
            cfg.api.listen = Some(l);
        }
        if self.no_listen {
            cfg.api.listen = None;
            cfg.websocket.listen = None;
        }
        if let Some(w) = self.ws_listen {
            cfg.websocket.listen = Some(w);
        }
        if let Some(db) = &self.db {
            cfg.store.path = Some(db.clone());
        }
        if let Some(l) = &self.log {
            cfg.log.clone_from(l);
        }
        Ok(cfg)
    }
}
