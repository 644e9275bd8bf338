//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::sync::OnceLock;
use vigil_report::OutputTarget;

/// The text of `vigil --version`: the version of vigil and the date of the
/// advisory database compiled into it (what `deps` uses when none was
/// imported).
pub fn version_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        format!(
            "{} (embedded PyPA advisory database {})",
            env!("CARGO_PKG_VERSION"),
            vigil_deps::db::EMBEDDED_DATE
        )
    })
}

#[derive(Debug, Parser)]
#[command(
    name = "vigil",
    version = version_text(),
    about = "A local-first static security analyser for Python",
    long_about = "vigil finds vulnerabilities and insecure practices in Python code, \
                  without running it and without any network service."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan Python files, packages and notebooks for security problems.
    Check(Box<CheckArgs>),
    /// List the rules.
    Rules(RulesArgs),
    /// Show the documentation of one rule (name or Bandit/Ruff code).
    Rule(RuleArgs),
    /// Audit dependencies (requirements, pyproject, lock files) for known vulnerabilities, offline.
    Deps(crate::deps::DepsArgs),
    /// Manage the vulnerability database used by `deps`.
    #[command(subcommand)]
    Db(crate::db::DbCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command to a folder.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `vigil.1` and a `vigil-COMMAND.1` page per command into this
    /// folder instead of printing `vigil.1`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, folders or archives (wheels, sdists, eggs) to scan (default:
    /// `.`, unless --package is given), or `pypi:NAME==VERSION` (`pypi:NAME`:
    /// the latest release) to download that release's sdist and wheels from
    /// the index (--index-url), verify their hashes and scan them; nothing is
    /// built or run.
    pub paths: Vec<PathBuf>,
    /// Scan the installed distribution NAME (repeatable): exactly the files
    /// its `*.dist-info/RECORD` lists inside the virtual environment
    /// ($VIRTUAL_ENV, or --env). Python is never run.
    #[arg(long = "package", value_name = "NAME")]
    pub packages: Vec<String>,
    /// The virtual environment --package looks in, instead of $VIRTUAL_ENV.
    #[arg(long, value_name = "PATH", requires = "packages")]
    pub env: Option<PathBuf>,
    /// The package index `pypi:NAME==VERSION` downloads from (its simple
    /// API, PEP 691 JSON or PEP 503 HTML).
    #[arg(long, value_name = "URL", default_value = crate::pypi::DEFAULT_INDEX)]
    pub index_url: String,
    /// Do not read the package archives met in scanned folders (wheels,
    /// eggs, sdists named NAME-VERSION.tar.gz/.zip/...; other archives
    /// there are data and never read); archives named on the command line
    /// are always read.
    #[arg(long)]
    pub no_archives: bool,
    /// Output format: text, json, sarif, html, github, gitlab, junit, csv.
    #[arg(long, short = 'f', default_value = "text")]
    pub format: vigil_report::Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Also write FORMAT to FILE (repeatable), e.g. `--output-format sarif=vigil.sarif`.
    #[arg(long = "output-format", value_name = "FORMAT=FILE")]
    pub extra_outputs: Vec<OutputTarget>,
    /// Report every risky construct (the reviewer's inventory), not only likely vulnerabilities.
    #[arg(long)]
    pub audit: bool,
    /// Rules to run: names, Bandit/Ruff codes (B602, S602), categories or ALL.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Rules to add to the configured selection.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Rules not to run.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Lowest severity to report: low, medium, high, critical.
    #[arg(long)]
    pub severity: Option<String>,
    /// Lowest confidence to report: low, medium, high.
    #[arg(long)]
    pub confidence: Option<String>,
    /// Glob patterns of paths to skip, added to the configured ones.
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Apply the excludes to files and folders named on the command line too
    /// (for pre-commit and editors, which name every file).
    #[arg(long)]
    pub force_exclude: bool,
    /// Configuration file to use instead of searching for one.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore configuration files (implied by --audit unless --config is
    /// given: the audited tree does not decide how it is audited).
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Do not honour the .gitignore/.ignore files of the scanned tree
    /// (implied by --audit: an untrusted tree could hide its files).
    #[arg(long)]
    pub no_ignore: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Record the current findings as a baseline in this file.
    #[arg(long)]
    pub write_baseline: Option<PathBuf>,
    /// With --baseline: also list the findings the baseline hides.
    #[arg(long)]
    pub show_baselined: bool,
    /// Also audit the dependencies declared under the scanned paths.
    #[arg(long)]
    pub deps: bool,
    /// Print the number of findings per rule.
    #[arg(long)]
    pub statistics: bool,
    /// One line per finding in text output.
    #[arg(long)]
    pub concise: bool,
    /// No progress bar and no summary on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Colour: auto, always, never.
    #[arg(long, default_value = "auto")]
    pub color: String,
    /// Always exit 0, even with findings.
    #[arg(long)]
    pub exit_zero: bool,
    /// Do not fail the run for files that could not be analysed (too large,
    /// unreadable, undecodable, nested too deep, a folder the walk could
    /// not enter); they are still listed.
    #[arg(long)]
    pub allow_unanalysed: bool,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Only rules of this category.
    #[arg(long)]
    pub category: Option<String>,
    /// Only rules with this CWE (`78` or `CWE-78`).
    #[arg(long)]
    pub cwe: Option<String>,
    /// Only rules that report in this mode: `default` (CI gate) or `audit` (audit-only rules).
    #[arg(long)]
    pub mode: Option<String>,
    /// `json` for a machine-readable list.
    #[arg(long, default_value = "text")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Rule name or Bandit/Ruff code.
    pub name: String,
}
