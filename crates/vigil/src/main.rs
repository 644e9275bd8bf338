//! The `vigil` command line: `check` scans Python code, `rules` and `rule`
//! show the catalog, `deps` and `db` audit dependencies, `completions` and
//! `man` describe the command line itself. Exit codes: 0 nothing at or
//! above the thresholds, 1 findings, 2 usage or configuration error.

/// `print!`/`println!` that ignore a closed standard output (`vigil rules |
/// head`): a reader that stopped reading is not an error worth a panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod check;
mod cli;
mod completions;
mod db;
mod deps;
mod manpage;
mod output;
mod packages;
mod progress;
mod pypi;
mod rules_cmd;

use clap::Parser;
use std::process::ExitCode;

/// jemalloc on x86_64 Linux (glibc), mimalloc elsewhere (see `vigil_alloc`).
#[global_allocator]
static GLOBAL: vigil_alloc::Allocator = vigil_alloc::Allocator;

fn main() -> ExitCode {
    let mut cli = cli::Cli::parse();
    if let cli::Command::Check(args) = &mut cli.command
        && args.paths.is_empty()
        && args.packages.is_empty()
    {
        args.paths.push(".".into());
    }
    let result = match &cli.command {
        cli::Command::Check(args) => check::run(args),
        cli::Command::Rules(args) => rules_cmd::list(args),
        cli::Command::Rule(args) => rules_cmd::show(args),
        cli::Command::Deps(args) => deps::run(args),
        cli::Command::Db(command) => db::run(command),
        cli::Command::Completions(args) => completions::run(args),
        cli::Command::Man(args) => manpage::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("vigil: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
