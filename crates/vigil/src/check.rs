//! `vigil check`: configuration, scan, baseline, output, exit code.

use crate::cli::CheckArgs;
use crate::progress::Progress;
use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use vigil_config::{ConfigFile, Options, Settings, find_config, load_config};
use vigil_engine::{RuleSelection, ScanOptions, scan};
use vigil_report::{Confidence, Format, RenderOptions, ScanReport, Severity, TextOptions};

pub fn run(args: &CheckArgs) -> Result<u8> {
    // `pypi:NAME==VERSION` names a release on an index, not a path.
    let (releases, local): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| crate::pypi::is_spec(p));
    for path in &local {
        if std::fs::symlink_metadata(path).is_err() {
            bail!(
                "{}: no such file or directory",
                vigil_report::path_text(path)
            );
        }
    }
    check_one_stdout_report(args)?;
    let config = load(args)?;
    let settings = settings(args, config.as_ref())?;
    // `vulnerable-dependency` (and its category, `dependencies`) is the
    // rule of `--deps`: the scan's selection does not know it.
    let (deps_selected, select): (Vec<String>, Vec<String>) = settings
        .select
        .iter()
        .cloned()
        .partition(|s| crate::deps::is_deps_selector(s));
    let (deps_ignored, ignore): (Vec<String>, Vec<String>) = settings
        .ignore
        .iter()
        .cloned()
        .partition(|s| crate::deps::is_deps_selector(s));
    let selection = RuleSelection::new(&select, &ignore)
        .map_err(|e| anyhow::anyhow!("{e} in select/ignore"))?;
    let deps_enabled = (!deps_selected.is_empty()
        || select.iter().any(|s| s.trim().eq_ignore_ascii_case("ALL")))
        && deps_ignored.is_empty()
        && !ignore.iter().any(|s| s.trim().eq_ignore_ascii_case("ALL"));
    let progress = Progress::new(args.quiet).map(std::sync::Arc::new);
    let progress_hook = progress.clone().map(|p| {
        Box::new(move |done, total, found| p.update(done, total, found))
            as vigil_engine::ProgressHook
    });
    let installed = crate::packages::resolve(args)?;
    let fetched = if releases.is_empty() {
        None
    } else {
        Some(crate::pypi::fetch_all(&releases, &args.index_url)?)
    };
    let mut paths = if args.force_exclude {
        not_excluded(&local, &settings)
    } else {
        local.clone()
    };
    paths.extend(installed.files.iter().cloned());
    if let Some(fetched) = &fetched {
        paths.extend(fetched.archives.iter().cloned());
    }
    // Every path named was excluded on purpose by the configuration (a
    // pre-commit run that passes only excluded files): nothing to check,
    // and that is what the user asked for.
    let all_excluded = args.force_exclude && paths.is_empty();
    if all_excluded && !args.quiet {
        eprintln!("vigil: every path given is excluded by the configuration (--force-exclude)");
    }
    let options = ScanOptions {
        paths,
        settings,
        selection,
        threads: capped_threads(args.threads),
        progress: progress_hook,
        file_metrics: wants_file_metrics(args),
        // A downloaded release shows as its file name.
        display_bases: fetched
            .iter()
            .map(|f| f.folder.path().to_path_buf())
            .collect(),
    };
    let mut report = scan(&options);
    if let Some(fetched) = &fetched
        && !fetched.errors.is_empty()
    {
        report.errors.extend(fetched.errors.iter().cloned());
        report.finish();
    }
    if !installed.summaries.is_empty() || !installed.errors.is_empty() {
        for metadata in &installed.metadata {
            report
                .findings
                .extend(vigil_engine::installed_package_findings(&options, metadata));
        }
        report.summary.packages.extend(installed.summaries);
        report.errors.extend(installed.errors);
        report.finish();
    }
    if let Some(progress) = &progress {
        progress.finish();
    }
    // A package is audited with the dependencies it declares; `--deps`
    // adds the project's own manifests.
    let mut deps_errors = 0;
    let declared = crate::deps::declared_by_packages(&report);
    if args.deps || (deps_enabled && !declared.is_empty()) {
        let paths: &[std::path::PathBuf] = if args.deps { &local } else { &[] };
        deps_errors = crate::deps::add_to_report(
            &mut report,
            paths,
            declared,
            &options.settings,
            deps_enabled,
        )?;
    }
    if let Some(path) = &args.write_baseline {
        crate::output::write_file(path, &vigil_report::write_baseline(&report))
            .context("cannot write the baseline")?;
    }
    let mut baselined = Vec::new();
    if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read baseline {}", vigil_report::path_text(path)))?;
        baselined = vigil_report::apply_baseline(&mut report, &text).map_err(|e| {
            anyhow::anyhow!("invalid baseline {}: {e}", vigil_report::path_text(path))
        })?;
    }
    write_outputs(args, &report)?;
    // Standard output carries a machine-readable document (json, sarif,
    // ...): the tables for people go to standard error, where they cannot
    // corrupt it.
    let side = SideChannel::of(args);
    if args.show_baselined && !baselined.is_empty() {
        let mut shown = ScanReport {
            findings: baselined,
            rules: report.rules.clone(),
            ..ScanReport::default()
        };
        shown.finish();
        side.write(&format!(
            "\nFindings hidden by the baseline:\n{}",
            vigil_report::text::render(
                &shown,
                TextOptions {
                    color: false,
                    concise: true
                }
            )
        ))?;
    }
    if args.statistics {
        side.write(&statistics(&report))?;
    }
    if let Some(path) = &args.write_baseline {
        // Recording a baseline is what was asked: the findings it holds are
        // accepted, not a failure.
        eprintln!("vigil: wrote baseline {}", vigil_report::path_text(path));
        return Ok(0);
    }
    if report.summary.files_scanned == 0 && report.errors.is_empty() && !args.deps && !all_excluded
    {
        // Green means "checked and clean": nothing checked is not that.
        eprintln!(
            "vigil: error: no Python file to analyse under {} (excluded or none there)",
            args.paths
                .iter()
                .map(|p| vigil_report::path_text(p))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(2);
    }
    let unanalysed = report.errors.iter().filter(|e| !e.partial).count();
    if unanalysed > 0 && !args.allow_unanalysed && !args.exit_zero {
        // Green means "checked and clean": a file left unchecked is neither.
        eprintln!(
            "vigil: error: {unanalysed} file{} could not be analysed (listed in the report); \
             pass --allow-unanalysed to accept that",
            if unanalysed == 1 { "" } else { "s" }
        );
        return Ok(2);
    }
    if deps_errors > 0 {
        // A manifest or lock file that cannot be parsed: the audit is
        // incomplete, and a gate must not pass on what it did not read.
        eprintln!(
            "vigil: error: {deps_errors} dependency file error(s): the dependency audit is incomplete"
        );
        return Ok(2);
    }
    Ok(if report.findings.is_empty() || args.exit_zero {
        0
    } else {
        1
    })
}

/// `--threads`, at most one per CPU: the scan is CPU-bound, and a huge
/// number would only exhaust memory spawning threads.
fn capped_threads(requested: usize) -> usize {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    if requested > cpus {
        eprintln!("vigil: warning: --threads {requested} capped at {cpus}, the number of CPUs");
        cpus
    } else {
        requested
    }
}

/// `--force-exclude`: the named paths that the excludes do not cover,
/// matched as the walk of a folder matches what it meets (relative to the
/// configuration's folder).
fn not_excluded(paths: &[PathBuf], settings: &Settings) -> Vec<PathBuf> {
    let root = std::fs::canonicalize(&settings.root).unwrap_or_else(|_| settings.root.clone());
    paths
        .iter()
        .filter(|path| {
            let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            let relative = full.strip_prefix(&root).unwrap_or(path);
            !settings.exclude.matches(relative)
        })
        .cloned()
        .collect()
}

fn load(args: &CheckArgs) -> Result<Option<ConfigFile>> {
    // An audited tree is untrusted: its own configuration could exclude
    // everything, and a broken or huge one could stop the audit.
    if args.no_config || (args.audit && args.config.is_none()) {
        return Ok(None);
    }
    if let Some(path) = &args.config {
        let config = load_config(path)?;
        return Ok(Some(config.unwrap_or(ConfigFile {
            path: path.clone(),
            options: Options::default(),
        })));
    }
    let start = args.paths.first().map_or(Path::new("."), |p| p.as_path());
    Ok(find_config(start)?)
}

/// Configuration file options with the command-line flags on top.
fn settings(args: &CheckArgs, config: Option<&ConfigFile>) -> Result<Settings> {
    let mut file = config.cloned().unwrap_or_else(|| ConfigFile {
        path: std::env::current_dir()
            .unwrap_or_default()
            .join("vigil.toml"),
        options: Options::default(),
    });
    let options = &mut file.options;
    if args.audit {
        options.audit = Some(true);
    }
    if !args.select.is_empty() {
        // An explicit selection on the command line wins over the file's.
        options.select = Some(args.select.clone());
        options.extend_select = None;
        options.ignore = None;
    }
    if !args.extend_select.is_empty() {
        options
            .extend_select
            .get_or_insert_with(Vec::new)
            .extend(args.extend_select.clone());
    }
    if !args.ignore.is_empty() {
        options
            .ignore
            .get_or_insert_with(Vec::new)
            .extend(args.ignore.clone());
    }
    if let Some(severity) = &args.severity {
        if Severity::parse(severity).is_none() {
            bail!("--severity must be one of low, medium, high, critical (got {severity:?})");
        }
        options.severity = Some(severity.clone());
    }
    if let Some(confidence) = &args.confidence {
        if Confidence::parse(confidence).is_none() {
            bail!("--confidence must be one of low, medium, high (got {confidence:?})");
        }
        options.confidence = Some(confidence.clone());
    }
    if !args.exclude.is_empty() {
        // A bad pattern here is the flag's fault, not the file's.
        for pattern in &args.exclude {
            vigil_config::PathMatcher::new([pattern.as_str()])
                .map_err(|e| anyhow::anyhow!("--exclude: {e}"))?;
        }
        options
            .extend_exclude
            .get_or_insert_with(Vec::new)
            .extend(args.exclude.clone());
    }
    let root = std::env::current_dir().unwrap_or_default();
    let root_dir = if config.is_some() {
        file.root().to_path_buf()
    } else {
        root
    };
    let mut settings = match Settings::from_config(Some(&file), &root_dir) {
        Ok(settings) => settings,
        // No file was read: what is wrong came from the command line.
        Err(e) if config.is_none() => bail!("invalid command-line option: {}", e.message),
        Err(e) => return Err(e.into()),
    };
    settings.ignore_files = !(args.no_ignore || args.audit);
    settings.archives = !args.no_archives;
    Ok(settings)
}

/// Whether text output is coloured: `--color always|never|auto` (`auto`:
/// on a terminal, unless writing to a file or `NO_COLOR` is set).
pub fn use_color(color: &str, to_file: bool) -> bool {
    match color {
        "always" => true,
        "never" => false,
        _ => !to_file && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Writes a rendered report to `output` (atomically, see
/// [`crate::output`]), or to standard output; a failed write is an error.
pub fn write_report(output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(path) => crate::output::write_file(path, text),
        None => crate::output::write_stdout(text),
    }
}

/// Whether a report asked for lists every scanned file with its metrics.
fn wants_file_metrics(args: &CheckArgs) -> bool {
    std::iter::once(args.format)
        .chain(args.extra_outputs.iter().map(|t| t.format))
        .any(|f| matches!(f, Format::Html | Format::Sarif))
}

fn write_outputs(args: &CheckArgs, report: &ScanReport) -> Result<()> {
    let mut options = RenderOptions::new(env!("CARGO_PKG_VERSION"));
    options.scan_root = std::env::current_dir().ok();
    options.text = TextOptions {
        color: use_color(&args.color, args.output.is_some()),
        concise: args.concise,
    };
    let main = vigil_report::render(args.format, report, &options);
    write_report(args.output.as_deref(), &main)?;
    options.text.color = false;
    for target in &args.extra_outputs {
        let text = vigil_report::render(target.format, report, &options);
        write_report(target.path.as_deref(), &text)?;
    }
    if args.format != Format::Text && !args.quiet && args.output.is_some() {
        eprintln!(
            "vigil: {} finding(s) in {} file(s){}; report written",
            report.findings.len(),
            report.summary.files_scanned,
            report
                .summary
                .excluded_text()
                .map_or(String::new(), |e| format!(", {e}"))
        );
    }
    Ok(())
}

/// Where the text meant for people (`--statistics`, `--show-baselined`)
/// goes: standard output when it carries a text report or nothing, standard
/// error when a machine-readable document is written there.
enum SideChannel {
    Stdout,
    Stderr,
}

impl SideChannel {
    fn of(args: &CheckArgs) -> Self {
        let main_on_stdout = args.output.is_none().then_some(args.format);
        let extra_on_stdout = args
            .extra_outputs
            .iter()
            .filter(|t| t.path.is_none())
            .map(|t| t.format);
        if main_on_stdout
            .into_iter()
            .chain(extra_on_stdout)
            .any(|f| f != Format::Text)
        {
            SideChannel::Stderr
        } else {
            SideChannel::Stdout
        }
    }

    fn write(&self, text: &str) -> Result<()> {
        match self {
            SideChannel::Stdout => crate::output::write_stdout(text),
            SideChannel::Stderr => {
                eprint!("{text}");
                Ok(())
            }
        }
    }
}

/// The `--statistics` table: findings per rule, most frequent first.
fn statistics(report: &ScanReport) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in &report.findings {
        *counts.entry(finding.rule.as_str()).or_default() += 1;
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut table = format!("\n{:>6}  rule\n", "count");
    for (rule, count) in rows {
        table.push_str(&format!("{count:>6}  {rule}\n"));
    }
    table
}

/// At most one report may go to standard output: two documents one after
/// the other are neither valid JSON, SARIF, XML nor CSV.
fn check_one_stdout_report(args: &CheckArgs) -> Result<()> {
    let mut on_stdout: Vec<Format> = args
        .output
        .is_none()
        .then_some(args.format)
        .into_iter()
        .collect();
    on_stdout.extend(
        args.extra_outputs
            .iter()
            .filter(|t| t.path.is_none())
            .map(|t| t.format),
    );
    if on_stdout.len() > 1 {
        let names: Vec<&str> = on_stdout.iter().map(|f| f.name()).collect();
        bail!(
            "{} reports would go to standard output ({}); give all but one a file (`--output FILE`, `--output-format FORMAT=FILE`)",
            on_stdout.len(),
            names.join(", ")
        );
    }
    Ok(())
}
