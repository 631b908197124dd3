//! `krytenctl completion SHELL`

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Ctx;
use crate::{cli::Cli, error::Result};

#[derive(Debug, Args)]
pub struct CompletionArgs {
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(_ctx: &Ctx, a: &CompletionArgs) -> Result<u8> {
    let mut cmd = Cli::command();
    clap_complete::generate(a.shell, &mut cmd, "krytenctl", &mut std::io::stdout());
    Ok(0)
}
