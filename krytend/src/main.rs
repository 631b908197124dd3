use anyhow::Context;
use clap::Parser;
use krytend::{cli::Args, config::DEFAULT_CONFIG_YAML, daemon, demo};
use tokio_util::sync::CancellationToken;

fn main() -> std::process::ExitCode {
    // Before anything is created: the database holds token hashes, the
    // redaction key, the audit and every payload.
    krytend::paths::private_umask();
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("krytend: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let code = rt.block_on(main_async());
    // The daemon bounds its own stop (store.shutdown_timeout); a blocking
    // task still waiting on a locked or failing database must not hold
    // the exit past it.
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    code
}

async fn main_async() -> std::process::ExitCode {
    let args = Args::parse();
    if args.print_default_config {
        print!("{DEFAULT_CONFIG_YAML}");
        return std::process::ExitCode::SUCCESS;
    }
    if args.check_config {
        return match args.config().and_then(|c| c.validate().map(|()| c)) {
            Ok(_) => {
                println!("krytend: the configuration is valid");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("krytend: {e}");
                std::process::ExitCode::from(2)
            }
        };
    }
    match run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("krytend: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> anyhow::Result<()> {
    let cfg = args.config()?;
    let filter = tracing_subscriber::EnvFilter::try_new(&cfg.log)
        .with_context(|| format!("invalid log filter {:?}", cfg.log))?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
    let shutdown = CancellationToken::new();
    let on_signal = shutdown.clone();
    // Installed before anything starts, so no signal finds the default
    // action (for SIGHUP: die without cleanup).
    let signals = Signals::install();
    let demo = args.demo;
    tokio::spawn(async move {
        signals.wait(demo).await;
        on_signal.cancel();
    });
    if args.demo {
        demo::run(cfg, shutdown).await
    } else {
        daemon::run(cfg, shutdown, |_| {}).await.map_err(Into::into)
    }
}

struct Signals {
    int: Option<tokio::signal::unix::Signal>,
    term: Option<tokio::signal::unix::Signal>,
    hup: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn install() -> Signals {
        use tokio::signal::unix::{signal, SignalKind};
        Signals {
            int: signal(SignalKind::interrupt()).ok(),
            term: signal(SignalKind::terminate()).ok(),
            hup: signal(SignalKind::hangup()).ok(),
        }
    }

    /// Returns when it is time to stop: SIGINT or SIGTERM; SIGHUP too in
    /// the demo (its terminal closed). The daemon outlives SIGHUP: it is
    /// the conventional "reload" request.
    async fn wait(mut self, demo: bool) {
        async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
            match s {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending().await,
            }
        }
        if self.int.is_none() || self.term.is_none() {
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
        loop {
            tokio::select! {
                _ = recv(&mut self.int) => return,
                _ = recv(&mut self.term) => return,
                _ = recv(&mut self.hup) => {
                    if demo {
                        tracing::info!("SIGHUP: stopping the demo");
                        return;
                    }
                    // The daemon's reloader reads the file again (reload.rs).
                }
            }
        }
    }
}
