//! `vigil completions SHELL`: a completion script generated from the
//! command-line definition, so it always matches the binary that prints it.

use crate::cli::{Cli, CompletionsArgs};
use anyhow::{Context, Result};
use clap::CommandFactory;
use std::io::Write;

pub fn run(args: &CompletionsArgs) -> Result<u8> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "vigil", &mut script);
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&script)
        .and_then(|()| stdout.flush())
        .context("writing the completion script")?;
    Ok(0)
}
