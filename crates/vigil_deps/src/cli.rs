//! The command-line surface, for the `vigil` binary to mount:
//! `vigil deps` ([`DepsArgs`], [`run_deps`]) and `vigil db ...`
//! ([`DbCommand`], [`run_db`]).
//!
//! Exit codes: 0 when no vulnerability at or above `--severity` was found,
//! 1 when one was, 2 on a usage error (missing path, nothing to audit, not
//! an environment). An `Err` is an operational failure (unreadable
//! database, failed download, bad import); the caller prints it and exits 2.
//!
//! The `*_with` variants take the cache directory, the date and the output
//! streams explicitly, for tests and embedding.

use crate::audit::{AuditOptions, AuditReport, audit, package_names};
use crate::db::{self, Database, cache, store, update};
use crate::ignore::IgnoreEntry;
use crate::manifest::{self, Manifests, TargetEnvironment};
use crate::report::{render_text, status_json, status_text, to_json_pretty};
use anyhow::{Context, Result};
use jiff::civil::Date;
use std::io::Write;
use std::path::PathBuf;
use vigil_report::Severity;

/// Exit code: nothing at or above the threshold.
pub const EXIT_OK: i32 = 0;
/// Exit code: vulnerabilities at or above the threshold.
pub const EXIT_FOUND: i32 = 1;
/// Exit code: usage error.
pub const EXIT_USAGE: i32 = 2;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    #[default]
    Text,
    Json,
}

/// `vigil deps [PATH]...`: audit dependencies for known vulnerabilities.
#[derive(Debug, Clone, clap::Args)]
pub struct DepsArgs {
    /// Files or directories to audit (default: the current directory).
    /// Directories are searched for requirements files, pyproject.toml,
    /// Pipfile, setup.cfg, setup.py, lock files and scripts with inline
    /// metadata.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Audit the packages installed in this environment (a virtualenv or a
    /// site-packages directory).
    #[arg(long, value_name = "PATH")]
    pub env: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lowest severity that fails the run (exit code 1): low, medium, high,
    /// critical.
    #[arg(long, value_name = "LEVEL", default_value = "low", value_parser = parse_severity)]
    pub severity: Severity,
    /// Ignore an advisory by id or alias (repeatable).
    #[arg(long = "ignore", value_name = "ID")]
    pub ignore: Vec<String>,
    /// Audit against this OSV export (zip, directory or record file) instead
    /// of the imported database or the embedded snapshot.
    #[arg(long, value_name = "FILE_OR_DIR")]
    pub db: Option<PathBuf>,
    /// Audit for this Python version (`3.12`, `3.12.4`): dependencies whose
    /// environment marker excludes it are not checked. Default: any Python
    /// 3, so only markers such as `python_version < "3"` exclude.
    #[arg(long, value_name = "X.Y", value_parser = parse_python_version)]
    pub python_version: Option<TargetEnvironment>,
    /// Ignores from configuration (`[tool.vigil.deps] ignore`), set by the
    /// caller after parsing.
    #[arg(skip)]
    pub config_ignores: Vec<IgnoreEntry>,
}

impl Default for DepsArgs {
    fn default() -> Self {
        Self {
            paths: Vec::new(),
            env: None,
            format: OutputFormat::Text,
            output: None,
            severity: Severity::Low,
            ignore: Vec::new(),
            db: None,
            python_version: None,
            config_ignores: Vec::new(),
        }
    }
}

fn parse_python_version(text: &str) -> Result<TargetEnvironment, String> {
    TargetEnvironment::python(text)
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::parse(text)
        .ok_or_else(|| format!("unknown severity {text:?} (low, medium, high, critical)"))
}

/// `vigil db ...`: manage the vulnerability database.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum DbCommand {
    /// Import an OSV export: an `all.zip` or a directory of OSV JSON/YAML
    /// records. Broken records are skipped and counted.
    Import {
        #[arg(value_name = "FILE_OR_DIR")]
        path: PathBuf,
    },
    /// Download the OSV PyPI export, verify it and import it.
    Update {
        /// Where to download the export from.
        #[arg(long, value_name = "URL", default_value = update::DEFAULT_URL)]
        url: String,
    },
    /// Show the database in use: source, snapshot date, age and counts.
    Status {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

/// What a run depends on besides its arguments.
#[derive(Debug, Clone)]
pub struct RunContext {
    /// The cache directory (`None`: no home, no `VIGIL_CACHE_DIR`).
    pub cache_dir: Option<PathBuf>,
    /// Today (UTC), for ignore expiry and database age.
    pub today: Date,
}

impl RunContext {
    /// The context of a normal run: environment and clock.
    pub fn from_env() -> Self {
        Self {
            cache_dir: cache::cache_dir().ok(),
            today: db::today(),
        }
    }

    fn database_file(&self) -> Option<PathBuf> {
        self.cache_dir
            .as_ref()
            .map(|d| d.join(cache::DATABASE_FILE))
    }

    fn require_database_file(&self) -> Result<PathBuf> {
        self.database_file()
            .context("no cache directory: set VIGIL_CACHE_DIR or HOME")
    }
}

/// Runs `vigil deps` and returns the exit code.
pub fn run_deps(args: &DepsArgs) -> Result<i32> {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run_deps_with(
        args,
        &RunContext::from_env(),
        &mut stdout.lock(),
        &mut stderr.lock(),
    )
}

/// Runs `vigil db ...` and returns the exit code.
pub fn run_db(command: &DbCommand) -> Result<i32> {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run_db_with(
        command,
        &RunContext::from_env(),
        &mut stdout.lock(),
        &mut stderr.lock(),
    )
}

/// Why an audit could not run.
#[derive(Debug, thiserror::Error)]
pub enum DepsError {
    /// The arguments are wrong (exit code 2): missing path, nothing to
    /// audit, not an environment.
    #[error("{0}")]
    Usage(String),
    /// Reading the database or writing output failed.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// An audit and the warnings met on the way (unreadable imported
/// database, expired ignores).
#[derive(Debug, Clone)]
pub struct Audited {
    pub report: AuditReport,
    pub warnings: Vec<String>,
}

/// Discovers manifests, loads the database and audits, without rendering:
/// for callers that merge the result into a wider scan (see
/// [`crate::report::to_findings`]).
pub fn audit_with(args: &DepsArgs, ctx: &RunContext) -> Result<Audited, DepsError> {
    let manifests = gather(args).map_err(DepsError::Usage)?;
    let names = package_names(&manifests);
    let (database, warning) = match &args.db {
        Some(path) => (Database::from_osv_path(path, Some(&names))?.0, None),
        None => Database::load_default(ctx.database_file().as_deref(), Some(&names))?,
    };
    let mut warnings: Vec<String> = warning.into_iter().collect();
    let mut ignores = args.config_ignores.clone();
    ignores.extend(
        args.ignore
            .iter()
            .map(|id| IgnoreEntry::new(id.trim(), "ignored on the command line (--ignore)")),
    );
    let options = AuditOptions {
        ignores,
        today: ctx.today,
    };
    let report = audit(&manifests, &database, &options);
    for expired in &report.expired_ignores {
        let date = expired.expires.map(|d| d.to_string()).unwrap_or_default();
        warnings.push(format!(
            "the ignore for {} expired on {date} and no longer applies",
            expired.id
        ));
    }
    Ok(Audited { report, warnings })
}

/// [`run_deps`] with an explicit context and output streams.
pub fn run_deps_with(
    args: &DepsArgs,
    ctx: &RunContext,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let Audited { report, warnings } = match audit_with(args, ctx) {
        Ok(audited) => audited,
        Err(DepsError::Usage(message)) => {
            writeln!(err, "error: {message}")?;
            return Ok(EXIT_USAGE);
        }
        Err(DepsError::Failed(error)) => return Err(error),
    };
    for warning in warnings {
        writeln!(err, "warning: {warning}")?;
    }
    let rendered = match args.format {
        OutputFormat::Text => render_text(&report),
        OutputFormat::Json => to_json_pretty(&report),
    };
    match &args.output {
        Some(path) => std::fs::write(path, rendered)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => out.write_all(rendered.as_bytes())?,
    }
    Ok(if report.fails_at(args.severity) {
        EXIT_FOUND
    } else {
        EXIT_OK
    })
}

/// Reads every manifest the arguments name; the error is a usage error.
fn gather(args: &DepsArgs) -> Result<Manifests, String> {
    let mut all = Manifests::default();
    let default_path = [PathBuf::from(".")];
    let paths: &[PathBuf] = if args.paths.is_empty() && args.env.is_none() {
        &default_path
    } else {
        &args.paths
    };
    let target = args.python_version.clone().unwrap_or_default();
    for path in paths {
        let found = manifest::collect_for(path, &target)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        merge(&mut all, found);
    }
    if let Some(env) = &args.env {
        if !env.is_dir() {
            return Err(format!("{} is not a directory", env.display()));
        }
        merge(&mut all, manifest::collect_environment(env)?);
    }
    if all.files.is_empty() && all.dependencies.is_empty() && all.not_checked.is_empty() {
        let searched: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(format!(
            "no dependency files found in {} (looked for requirements*.txt, pyproject.toml, \
             Pipfile, setup.cfg, setup.py, poetry.lock, uv.lock, Pipfile.lock, pylock.toml \
             and scripts with inline metadata)",
            searched.join(", ")
        ));
    }
    all.normalize();
    Ok(all)
}

fn merge(into: &mut Manifests, from: Manifests) {
    into.dependencies.extend(from.dependencies);
    into.not_checked.extend(from.not_checked);
    into.files.extend(from.files);
}

/// [`run_db`] with an explicit context and output streams.
pub fn run_db_with(
    command: &DbCommand,
    ctx: &RunContext,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    match command {
        DbCommand::Import { path } => {
            if !path.exists() {
                writeln!(err, "error: {} does not exist", path.display())?;
                return Ok(EXIT_USAGE);
            }
            let summary = db::import_path(path, &ctx.require_database_file()?)?;
            report_import(out, &summary)?;
        }
        DbCommand::Update { url } => {
            writeln!(err, "downloading {url} ...")?;
            let summary = update::update(url, &ctx.require_database_file()?)?;
            report_import(out, &summary)?;
        }
        DbCommand::Status { format } => {
            let (meta, location) = match ctx.database_file().filter(|p| p.exists()) {
                Some(path) => (store::read_meta(&path)?, path.display().to_string()),
                None => (
                    store::read_meta_bytes(db::EMBEDDED_STORE)?,
                    "built into vigil".to_owned(),
                ),
            };
            match format {
                OutputFormat::Text => {
                    out.write_all(status_text(&meta, &location, ctx.today).as_bytes())?
                }
                OutputFormat::Json => {
                    out.write_all(status_json(&meta, &location, ctx.today).as_bytes())?
                }
            }
        }
    }
    Ok(EXIT_OK)
}

fn report_import(out: &mut dyn Write, summary: &db::ImportSummary) -> Result<()> {
    let meta = &summary.meta;
    let counts: Vec<String> = meta
        .counts
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    writeln!(
        out,
        "imported {} advisories ({}) from {} record files into {}",
        meta.records,
        counts.join(", "),
        summary.entries,
        summary.path.display()
    )?;
    writeln!(
        out,
        "skipped: {} broken, {} withdrawn, {} for other ecosystems",
        meta.broken, meta.withdrawn, meta.other_ecosystem
    )?;
    for example in &meta.broken_examples {
        writeln!(out, "  broken: {}", crate::report::sanitize(example))?;
    }
    if let Some(date) = meta.snapshot_date {
        writeln!(out, "snapshot date: {date}")?;
    }
    Ok(())
}
