use clap::Parser;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let cli = krytenctl::cli::Cli::parse();
    std::process::ExitCode::from(krytenctl::run(cli).await)
}
