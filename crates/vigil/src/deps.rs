//! `vigil deps` and `vigil check --deps`: the dependency audit of
//! `vigil_deps`, configured by `[tool.vigil.deps]`, walking like `check`,
//! and written by `vigil_report`'s writers like `check`'s findings.

use anyhow::Result;
use std::path::{Path, PathBuf};
use std::time::Instant;
use vigil_config::{ConfigFile, IgnoreEntry, Options, Settings, find_config};
use vigil_deps::manifest::TargetEnvironment;
use vigil_deps::report::{audit_json, render_section, to_scan_report};
use vigil_deps::{AuditReport, DepsError, DepsOptions, audit_project};
use vigil_report::{Format, RenderOptions, ScanReport, Severity};
use vigil_walk::WalkScope;

/// `vigil deps [PATH]...`: audit dependencies for known vulnerabilities.
#[derive(Debug, Clone, clap::Args)]
pub struct DepsArgs {
    /// Files or directories to audit (default: the current directory).
    /// Directories are walked like `check` walks them (.gitignore rules,
    /// excludes) for requirements files, pyproject.toml, Pipfile, setup.cfg,
    /// setup.py, lock files and scripts with inline metadata.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Audit the packages installed in this environment (a virtualenv or a
    /// site-packages directory).
    #[arg(long, value_name = "PATH")]
    pub env: Option<PathBuf>,
    /// Output format: text, json, sarif, html, github, gitlab, junit, csv.
    #[arg(long, short = 'f', default_value = "text")]
    pub format: Format,
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
    /// Glob patterns of paths to skip, added to the configured ones.
    #[arg(long, value_name = "GLOB", value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Audit against this OSV export (zip, directory or record file) instead
    /// of the imported database or the embedded snapshot.
    #[arg(long, value_name = "FILE_OR_DIR")]
    pub db: Option<PathBuf>,
    /// Audit for this Python version (`3.12`, `3.12.4`): dependencies whose
    /// environment marker excludes it are not checked. Default: any Python
    /// 3, so only markers such as `python_version < "3"` exclude.
    #[arg(long, value_name = "X.Y", value_parser = TargetEnvironment::python)]
    pub python_version: Option<TargetEnvironment>,
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::parse(text)
        .ok_or_else(|| format!("unknown severity {text:?} (low, medium, high, critical)"))
}

/// Runs `vigil deps`: 0 nothing at or above `--severity`, 1 something, 2 a
/// usage error.
pub fn run(args: &DepsArgs) -> Result<u8> {
    let settings = settings(args)?;
    let mut options = DepsOptions::new(args.paths.clone(), WalkScope::of(&settings));
    options.env = args.env.clone();
    options.db = args.db.clone();
    options.python_version = args.python_version.clone();
    options.ignores = settings.deps.ignore.clone();
    options.ignores.extend(
        args.ignore
            .iter()
            .map(|id| IgnoreEntry::new(id.trim(), "ignored on the command line (--ignore)")),
    );
    let started = Instant::now();
    let audited = match audit_project(&options) {
        Ok(audited) => audited,
        Err(DepsError::Usage(message)) => {
            eprintln!("vigil: error: {message}");
            return Ok(2);
        }
        Err(DepsError::Failed(error)) => return Err(error),
    };
    for warning in &audited.warnings {
        eprintln!("vigil: warning: {warning}");
    }
    let report = &audited.report;
    let mut scan = to_scan_report(report);
    scan.summary.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    crate::check::write_report(args.output.as_deref(), &render(args, report, &scan))?;
    Ok(u8::from(report.fails_at(args.severity)))
}

/// The configuration found from the first path, with `--exclude` on top.
fn settings(args: &DepsArgs) -> Result<Settings> {
    let start = args.paths.first().map_or(Path::new("."), |p| p.as_path());
    let mut config = find_config(start)?;
    let cwd = std::env::current_dir().unwrap_or_default();
    if !args.exclude.is_empty() {
        let file = config.get_or_insert_with(|| ConfigFile {
            path: cwd.join("vigil.toml"),
            options: Options::default(),
        });
        file.options
            .extend_exclude
            .get_or_insert_with(Vec::new)
            .extend(args.exclude.iter().cloned());
    }
    Ok(Settings::from_config(config.as_ref(), &cwd)?)
}

/// The report in the requested format: `check`'s writers, plus the audit's
/// own section in text and its own fields in JSON.
fn render(args: &DepsArgs, report: &AuditReport, scan: &ScanReport) -> String {
    let mut options = RenderOptions::new(env!("CARGO_PKG_VERSION"));
    options.scan_root = std::env::current_dir().ok();
    options.text.color = crate::check::use_color("auto", args.output.is_some());
    match args.format {
        Format::Text => format!(
            "{}\n{}",
            vigil_report::text::render(scan, options.text),
            render_section(report)
        ),
        Format::Json => {
            vigil_report::json::render_with(scan, &options.tool_version, &audit_json(report))
        }
        format => vigil_report::render(format, scan, &options),
    }
}

/// Adds the dependency audit of `paths` to a scan report (`check --deps`),
/// walking within the scan's settings.
pub fn add_to_report(
    report: &mut ScanReport,
    paths: &[PathBuf],
    settings: &Settings,
) -> Result<()> {
    let mut options = DepsOptions::new(paths.to_vec(), WalkScope::of(settings));
    options.ignores = settings.deps.ignore.clone();
    match audit_project(&options) {
        Ok(audited) => {
            for warning in audited.warnings {
                eprintln!("vigil: deps: {warning}");
            }
            let deps = to_scan_report(&audited.report);
            if !deps.findings.is_empty() {
                report.rules.extend(deps.rules);
            }
            report.findings.extend(deps.findings);
            report.finish();
            Ok(())
        }
        // Nothing to audit under these paths: not an error for `check`.
        Err(DepsError::Usage(_)) => Ok(()),
        Err(DepsError::Failed(e)) => Err(e),
    }
}
