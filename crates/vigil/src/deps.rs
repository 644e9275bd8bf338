//! `vigil deps` and `vigil check --deps`: the dependency audit of
//! `vigil_deps`, configured by `[tool.vigil.deps]`, walking like `check`,
//! and written by `vigil_report`'s writers like `check`'s findings.

use anyhow::Result;
use std::path::{Path, PathBuf};
use std::time::Instant;
use vigil_config::{ConfigFile, IgnoreEntry, Options, Settings, find_config};
use vigil_deps::manifest::{DeclaredRequirements, TargetEnvironment};
use vigil_deps::report::{
    RULE, audit_json, database_json, database_line, render_section, staleness_warning,
    to_scan_report,
};
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

/// Runs `vigil deps`: 0 nothing at or above `--severity` (an advisory of
/// unknown severity is at every level), 1 something, 2 a usage error or a
/// manifest that cannot be parsed (the report is written all the same).
pub fn run(args: &DepsArgs) -> Result<u8> {
    let settings = settings(args)?;
    let mut options = DepsOptions::new(args.paths.clone(), WalkScope::of(&settings));
    options.env = args.env.clone();
    options.db = args.db.clone();
    options.python_version = args.python_version.clone();
    options.ignores = settings.deps.ignore.clone();
    // `--ignore vulnerable-dependency` (the rule) turns the findings off
    // like `check --ignore` does; any other value is an advisory id.
    let rule_ignored = args
        .ignore
        .iter()
        .chain(&settings.ignore)
        .any(|i| ignores_rule(i));
    options.ignores.extend(
        args.ignore
            .iter()
            .filter(|id| !ignores_rule(id))
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
    if let Some(warning) = staleness_warning(&report.database, report.today) {
        eprintln!("vigil: warning: {warning}");
    }
    let mut scan = to_scan_report(report);
    filter_findings(&mut scan, &settings, rule_ignored);
    scan.summary.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    crate::check::write_report(args.output.as_deref(), &render(args, report, &scan))?;
    if !report.errors.is_empty() {
        for error in &scan.errors {
            eprintln!("vigil: error: {}: {}", error.path, error.message);
        }
        return Ok(2);
    }
    Ok(u8::from(
        scan.findings.iter().any(|f| f.severity >= args.severity),
    ))
}

/// Whether a selector names the dependency rule: its name or its category.
pub fn is_deps_selector(selector: &str) -> bool {
    let selector = selector.trim();
    selector.eq_ignore_ascii_case(RULE) || selector.eq_ignore_ascii_case(CATEGORY)
}

/// The category of the dependency rule (`vigil rules`, selectors).
const CATEGORY: &str = "dependencies";

/// Whether an `ignore` selector turns the rule off.
fn ignores_rule(selector: &str) -> bool {
    is_deps_selector(selector) || selector.trim().eq_ignore_ascii_case("ALL")
}

/// Applies the rule's `ignore` and `per-file-ignores` to the dependency
/// findings, as `check` applies them to its rules (`check` also applies
/// its `select`: a `vigil deps` run asks for this rule by itself).
fn filter_findings(scan: &mut ScanReport, settings: &Settings, rule_ignored: bool) {
    if rule_ignored {
        scan.findings.clear();
    }
    scan.findings.retain(|f| {
        let path = Path::new(&f.path);
        !settings.ignored_for(path).iter().any(|p| ignores_rule(p))
    });
    scan.finish();
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
        format => {
            let mut scan = scan.clone();
            scan.properties.insert(
                "database".to_owned(),
                serde_json::to_value(database_json(&report.database, report.today))
                    .unwrap_or_default(),
            );
            vigil_report::render(format, &scan, &options)
        }
    }
}

/// What the packages of a scan report (archives, installed distributions)
/// declare they need: their metadata's `Requires-Dist` headers.
pub fn declared_by_packages(report: &ScanReport) -> Vec<DeclaredRequirements> {
    report
        .summary
        .packages
        .iter()
        .filter(|p| !p.requires_dist.is_empty())
        .map(|p| DeclaredRequirements {
            file: p.metadata_path.clone(),
            lines: p.requires_dist.clone(),
        })
        .collect()
}

/// Adds the dependency audit of `paths` (`check --deps`) and of what the
/// scanned packages declare (`declared`) to a scan report, walking within
/// the scan's settings, selecting and ignoring like the scan (`--ignore
/// vulnerable-dependency`, `per-file-ignores`, the severity threshold).
/// States the database's date (on standard error, and as the report's
/// `database` property for JSON and SARIF). Returns the number of
/// manifests or lines that could not be parsed (they fail the run).
pub fn add_to_report(
    report: &mut ScanReport,
    paths: &[PathBuf],
    declared: Vec<DeclaredRequirements>,
    settings: &Settings,
    rule_enabled: bool,
) -> Result<usize> {
    let mut options = DepsOptions::new(paths.to_vec(), WalkScope::of(settings));
    options.declared = declared;
    options.ignores = settings.deps.ignore.clone();
    match audit_project(&options) {
        Ok(audited) => {
            for warning in audited.warnings {
                eprintln!("vigil: deps: {warning}");
            }
            let audit = &audited.report;
            eprintln!(
                "vigil: deps: {}",
                database_line(&audit.database, audit.today)
            );
            if let Some(warning) = staleness_warning(&audit.database, audit.today) {
                eprintln!("vigil: deps: warning: {warning}");
            }
            let mut deps = to_scan_report(audit);
            filter_findings(&mut deps, settings, !rule_enabled);
            deps.findings
                .retain(|f| f.severity >= settings.min_severity);
            if !deps.findings.is_empty() {
                report.rules.extend(deps.rules);
            }
            for error in &deps.errors {
                eprintln!("vigil: deps: error: {}: {}", error.path, error.message);
            }
            report.findings.extend(deps.findings);
            report.errors.extend(deps.errors);
            report.properties.insert(
                "database".to_owned(),
                serde_json::to_value(database_json(&audit.database, audit.today))
                    .unwrap_or_default(),
            );
            report.finish();
            Ok(audit.errors.len())
        }
        // Nothing to audit under these paths: not an error for `check`.
        Err(DepsError::Usage(_)) => Ok(0),
        Err(DepsError::Failed(e)) => Err(e),
    }
}
