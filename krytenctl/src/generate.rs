//! Shell completions and man pages, generated from the clap definitions.
//! They are checked in under `completions/` and `man/`; a test fails when
//! they are stale (regenerate with `KRYTEN_UPDATE_GENERATED=1 cargo test -p krytenctl generated`).

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// (file name, contents) of every completion script.
pub fn completions() -> Vec<(String, Vec<u8>)> {
    let shells = [
        (Shell::Bash, "krytenctl.bash"),
        (Shell::Zsh, "_krytenctl"),
        (Shell::Fish, "krytenctl.fish"),
        (Shell::PowerShell, "_krytenctl.ps1"),
        (Shell::Elvish, "krytenctl.elv"),
    ];
    shells
        .into_iter()
        .map(|(shell, file)| {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "krytenctl", &mut buf);
            (file.to_string(), buf)
        })
        .collect()
}

/// (file name, contents) of the man pages: one for krytenctl and one per
/// subcommand, nested ones included.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut cmd = Cli::command();
    cmd.build();
    render(&cmd, "krytenctl", &mut out)?;
    Ok(out)
}

fn render(cmd: &clap::Command, name: &str, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone().name(name.to_owned()).bin_name(name.to_owned())).render(&mut buf)?;
    out.push((format!("{name}.1"), buf));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        render(sub, &format!("{name}-{}", sub.get_name()), out)?;
    }
    Ok(())
}
