//! `vigil completions SHELL`: a completion script generated from the
//! command-line definition, so it always matches the binary that prints it.

use crate::cli::{Cli, CompletionsArgs};
use anyhow::Result;
use clap::CommandFactory;

pub fn run(args: &CompletionsArgs) -> Result<u8> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "vigil", &mut script);
    out!("{}", String::from_utf8_lossy(&script));
    Ok(0)
}
