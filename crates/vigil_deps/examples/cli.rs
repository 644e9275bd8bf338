//! How the `vigil` binary mounts this crate's commands; also a handy way to
//! try them: `cargo run -p vigil_deps --example cli -- deps tests/fixtures/pip`.

use clap::{Parser, Subcommand};
use vigil_deps::cli::{DbCommand, DepsArgs, run_db, run_deps};

#[derive(Parser)]
#[command(name = "vigil")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Audit dependencies for known vulnerabilities.
    Deps(DepsArgs),
    /// Manage the vulnerability database.
    #[command(subcommand)]
    Db(DbCommand),
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Deps(args) => run_deps(args),
        Command::Db(command) => run_db(command),
    };
    let code = result.unwrap_or_else(|err| {
        eprintln!("error: {err:#}");
        2
    });
    std::process::exit(code);
}
