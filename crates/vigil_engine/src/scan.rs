//! The whole scan: discover, analyse in parallel, resolve across modules.

use crate::analyze::{AnalysisContext, FileOutcome, analyze_file};
use crate::discover::{DiscoveredFile, discover_each};
use crate::keep::{KeptTree, TreeKeeper};
use crate::selection::RuleSelection;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;
use vigil_config::Settings;
use vigil_report::{FileMetrics, ImportInfo, ImportKind, RuleInfo, ScanReport};
use vigil_rules::registry;
use vigil_semantic::{ModuleGraph, is_stdlib_module};

/// Stack of each worker thread; deep (but allowed) trees and the growing
/// stacks of visitors start from here.
const WORKER_STACK: usize = 16 * 1024 * 1024;

/// Called after each file with (files done, files total, findings so far).
pub type ProgressHook = Box<dyn Fn(usize, usize, usize) + Sync + Send>;

/// What to scan and how.
pub struct ScanOptions {
    pub paths: Vec<PathBuf>,
    pub settings: Settings,
    pub selection: RuleSelection,
    /// Worker threads (0: one per core).
    pub threads: usize,
    pub progress: Option<ProgressHook>,
    /// Whether the report lists each file's size, functions, complexity
    /// and imports (the HTML and SARIF reports show them).
    pub file_metrics: bool,
    /// Folders whose files are shown relative to them rather than to the
    /// working folder (see [`PathDisplay`]).
    pub display_bases: Vec<PathBuf>,
}

/// Runs a scan and returns its report (sorted and counted).
pub fn scan(options: &ScanOptions) -> ScanReport {
    let started = Instant::now();
    let mut report = ScanReport::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .stack_size(WORKER_STACK)
        .build()
        .expect("thread pool");
    // The rule catalog, the dataflow models and the token scanner are
    // built on a worker as the walk starts (a small scan is ready about
    // 0.6 ms sooner; a large one does not notice).
    pool.spawn(|| {
        registry();
        vigil_taint::models();
        vigil_secrets::may_contain_secret("");
    });
    let keeper = TreeKeeper::new(options.settings.audit);
    let (mut files, mut display, mut outcomes, excluded) = first_pass(
        &pool,
        options,
        &keeper,
        &mut report.errors,
        &mut report.summary.packages,
    );
    report.summary.excluded = crate::discover::excluded_summary(&excluded);
    package_findings(options, &mut report);
    // Files after these are context: modules the scanned files use,
    // read for what they tell them, never reported on.
    let named = files.len();
    context_pass(&pool, options, &mut files, &mut display, &mut outcomes);

    // Phase 2: follow re-exports and dataflow between project modules.
    let graph = build_graph(&mut outcomes, &files);
    let kept = keeper.into_kept();
    crate::interproc::second_phase(
        &pool,
        &files,
        &display,
        options,
        &mut outcomes,
        &graph,
        &kept,
    );

    // Only the findings, errors, counts and metrics outlive the scan: they
    // are taken out, and a worker frees the rest (the facts of the second
    // phase, the graph, the file list) while the report is written.
    if options.file_metrics {
        report.files = pool.install(|| file_metrics(&outcomes[..named], &display[..named]));
    }
    for outcome in &mut outcomes[..named] {
        report.summary.lines_scanned += outcome.lines;
        report.summary.files_scanned += usize::from(outcome.scanned);
        report.summary.suppressed += outcome.suppressed;
        report.findings.append(&mut outcome.findings);
        report.errors.append(&mut outcome.errors);
    }
    pool.spawn(move || drop((outcomes, graph, files, display, kept)));
    report.rules = rule_infos(&report);
    report.summary.duration_ms = started.elapsed().as_millis() as u64;
    report.finish();
    report
}

/// Moves the findings about whole packages (a wheel that disagrees with
/// its `RECORD`) into the report, as selected and above the thresholds.
fn package_findings(options: &ScanOptions, report: &mut ScanReport) {
    for package in &mut report.summary.packages {
        let found = std::mem::take(&mut package.package_findings);
        report
            .findings
            .extend(found.into_iter().filter(|f| keeps(options, f)));
    }
}

/// Whether the scan reports a finding about a package: its rule selected,
/// not ignored for its path (`per-file-ignores`, by rule, code or
/// category, as for the files' findings), above the thresholds.
fn keeps(options: &ScanOptions, finding: &vigil_report::Finding) -> bool {
    let settings = &options.settings;
    let per_file = settings.ignored_for(Path::new(&finding.path));
    let ignored = registry()
        .find(&finding.rule)
        .iter()
        .any(|rule| per_file.iter().any(|p| rule.meta.selected_by(p)));
    options.selection.is_enabled(&finding.rule)
        && !ignored
        && finding.severity >= settings.min_severity
        && finding.confidence >= settings.min_confidence
}

/// What an installed distribution tells about itself: its metadata, its
/// `METADATA` file as shown, and its `entry_points.txt` (shown path and
/// text) when it has one.
pub struct InstalledMetadata {
    pub metadata: vigil_archive::Metadata,
    pub path: String,
    pub entry_points: Option<(String, String)>,
    /// Its `site-packages` as shown, and where its files and `RECORD`
    /// disagree.
    pub site: String,
    pub record: Vec<vigil_archive::RecordProblem>,
}

/// The findings about an installed distribution as a whole: its name, the
/// commands it installs, its files changed or added since it was
/// installed.
pub fn installed_package_findings(
    options: &ScanOptions,
    installed: &InstalledMetadata,
) -> Vec<vigil_report::Finding> {
    let mut found: Vec<vigil_report::Finding> =
        crate::package_rules::typosquat_finding(&installed.path, &installed.metadata)
            .into_iter()
            .collect();
    found.extend(crate::package_rules::record_findings(
        crate::package_rules::RecordOwner::Installed(&installed.site),
        &installed.record,
    ));
    if let Some((path, text)) = &installed.entry_points {
        found.extend(crate::package_rules::shadowing_findings(
            path,
            &installed.metadata.name,
            text,
        ));
    }
    found.retain(|f| keeps(options, f));
    found
}

/// The files to scan (sorted by path), their display paths and their
/// first analyses. Each file is analysed by the pool as soon as the walk
/// meets it, while the walk goes on.
fn first_pass(
    pool: &rayon::ThreadPool,
    options: &ScanOptions,
    keeper: &TreeKeeper,
    errors: &mut Vec<vigil_report::ScanError>,
    packages: &mut Vec<vigil_report::PackageSummary>,
) -> (
    Vec<DiscoveredFile>,
    Vec<String>,
    Vec<FileOutcome>,
    [usize; 3],
) {
    let ctx = AnalysisContext {
        keeper: Some(keeper),
        ..context(options, None)
    };
    let shown = PathDisplay::new(&options.display_bases);
    let analysed: Mutex<Vec<(DiscoveredFile, String, FileOutcome)>> = Mutex::new(Vec::new());
    let counts = Counts::default();
    let (ctx, analysed, counts, shown) = (&ctx, &analysed, &counts, &shown);
    let excluded = pool.in_place_scope(|scope| {
        discover_each(
            &options.paths,
            &options.settings,
            shown,
            errors,
            packages,
            |file| {
                counts.total.fetch_add(1, Relaxed);
                scope.spawn(move |_| {
                    let name = shown.show(&file.path);
                    let outcome = analyze_file(&file, &name, ctx);
                    counts.report(&outcome, options);
                    let mut analysed = analysed.lock().unwrap_or_else(|e| e.into_inner());
                    analysed.push((file, name, outcome));
                });
            },
        )
    });
    let analysed = std::mem::take(&mut *analysed.lock().unwrap_or_else(|e| e.into_inner()));
    // Sorted by path through a list of positions: an outcome is large, and
    // moving each one through every pass of the sort took milliseconds.
    let mut order: Vec<usize> = (0..analysed.len()).collect();
    order.sort_by(|&a, &b| path_order(&analysed[a].0.path, &analysed[b].0.path));
    let mut slots: Vec<Option<_>> = analysed.into_iter().map(Some).collect();
    let mut files = Vec::with_capacity(slots.len());
    let mut display = Vec::with_capacity(slots.len());
    let mut outcomes = Vec::with_capacity(slots.len());
    for i in order {
        if let Some((file, name, outcome)) = slots[i].take() {
            files.push(file);
            display.push(name);
            outcomes.push(outcome);
        }
    }
    (files, display, outcomes, excluded)
}

/// Reads the modules the scanned files use that the scan did not name
/// (see [`crate::context`]), appending them after the named files.
fn context_pass(
    pool: &rayon::ThreadPool,
    options: &ScanOptions,
    files: &mut Vec<DiscoveredFile>,
    display: &mut Vec<String>,
    outcomes: &mut Vec<FileOutcome>,
) {
    let mut finder = crate::context::ContextFinder::new(&options.paths, files);
    let mut callers = finder.callers(files, &vigil_walk::WalkScope::of(&options.settings));
    let ctx = context(options, None);
    let shown = PathDisplay::new(&options.display_bases);
    let mut start = 0;
    for _ in 0..crate::context::MAX_ROUNDS {
        let mut needed = finder.needed(&outcomes[start..]);
        // The callers are read with the first round.
        needed.append(&mut callers);
        if needed.is_empty() {
            break;
        }
        start = outcomes.len();
        let names: Vec<String> = needed.iter().map(|f| shown.show(&f.path)).collect();
        let analysed: Vec<FileOutcome> = pool.install(|| {
            needed
                .par_iter()
                .zip(names.par_iter())
                .map(|(file, name)| analyze_file(file, name, &ctx))
                .collect()
        });
        files.extend(needed);
        display.extend(names);
        outcomes.extend(analysed);
    }
}

/// The order of [`Path::cmp`] (component by component) for paths without
/// `.` or doubled separators, as the walk yields them: bytes compared with a
/// separator below every other byte. `Path::cmp` parses components: with
/// it, sorting the standard library's 1,800 paths took twice as long.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let rank = |bytes: &[u8]| {
        bytes.get(common).map(|&c| {
            if std::path::is_separator(char::from(c)) {
                0
            } else {
                u16::from(c) + 1
            }
        })
    };
    rank(a).cmp(&rank(b))
}

/// What every analysis of the scan shares; each phase adds its own.
fn context<'a>(options: &'a ScanOptions, graph: Option<&'a ModuleGraph>) -> AnalysisContext<'a> {
    AnalysisContext {
        graph,
        file_metrics: options.file_metrics,
        ..AnalysisContext::new(&options.settings, &options.selection)
    }
}

/// Files known and done, and findings so far, for the progress hook.
#[derive(Default)]
struct Counts {
    total: AtomicUsize,
    done: AtomicUsize,
    found: AtomicUsize,
}

impl Counts {
    fn report(&self, outcome: &FileOutcome, options: &ScanOptions) {
        if let Some(progress) = &options.progress {
            let n = self.done.fetch_add(1, Relaxed) + 1;
            let found = outcome.findings.len();
            let f = self.found.fetch_add(found, Relaxed) + found;
            progress(n, self.total.load(Relaxed), f);
        }
    }
}

/// Analyses the files again in the second phase, with the module graph,
/// the project's dataflow facts, what earlier analyses still say and the
/// trees the first pass kept.
pub(crate) fn run_pass(
    files: &[DiscoveredFile],
    display: &[String],
    options: &ScanOptions,
    graph: &ModuleGraph,
    project: &vigil_taint::ProjectFacts,
    reuse: &rustc_hash::FxHashMap<PathBuf, crate::taint::Reused<'_>>,
    kept: &rustc_hash::FxHashMap<PathBuf, KeptTree>,
) -> Vec<FileOutcome> {
    let ctx = AnalysisContext {
        project: Some(project),
        reuse: Some(reuse),
        kept: Some(kept),
        ..context(options, Some(graph))
    };
    let counts = Counts::default();
    counts.total.store(files.len(), Relaxed);
    // One file per task: a worker that runs out steals single files, so a
    // run of large ones is never left to one worker.
    files
        .par_iter()
        .zip(display.par_iter())
        .with_max_len(1)
        .map(|(file, name)| {
            let outcome = analyze_file(file, name, &ctx);
            counts.report(&outcome, options);
            outcome
        })
        .collect()
}

/// The module graph, built from (and taking) each file's exports; the
/// outcomes keep their module names.
fn build_graph(outcomes: &mut [FileOutcome], files: &[DiscoveredFile]) -> ModuleGraph {
    let mut graph = ModuleGraph::default();
    // The names folders without `__init__.py` give, once per folder.
    let mut prefixes: rustc_hash::FxHashMap<PathBuf, Vec<String>> = Default::default();
    for (outcome, file) in outcomes.iter_mut().zip(files) {
        if let Some((name, exports)) = &mut outcome.module {
            graph.insert_constants(name, std::mem::take(&mut outcome.constants));
            graph.insert(name.clone(), std::mem::take(exports));
            if let Some(dir) = namespace_dir(file, name) {
                let known = prefixes.entry(dir).or_insert_with_key(|dir| {
                    vigil_semantic::namespace_prefixes(dir, vigil_semantic::is_project_root)
                });
                for prefix in known.iter() {
                    graph.insert_alias(format!("{prefix}.{name}"), name);
                }
            }
        }
    }
    graph
}

/// The folder at which a file's module name stopped (the first enclosing
/// folder without an `__init__.py`), for a file on disk.
fn namespace_dir(file: &DiscoveredFile, name: &str) -> Option<PathBuf> {
    if file.contents.is_some() || name.is_empty() || file.kind != crate::discover::FileKind::Python
    {
        return None;
    }
    let absolute = std::path::absolute(&file.path).ok()?;
    let packages = name.split('.').count() - usize::from(!file.module.1);
    let mut dir = absolute.parent()?;
    for _ in 0..packages {
        dir = dir.parent()?;
    }
    Some(dir.to_path_buf())
}

/// Per-file metrics, with each import classified as standard library,
/// local (a module of the scanned project, or relative) or third party.
fn file_metrics(outcomes: &[FileOutcome], display: &[String]) -> Vec<FileMetrics> {
    let local: rustc_hash::FxHashSet<&str> = outcomes
        .iter()
        .filter_map(|o| o.module.as_ref())
        .filter_map(|(name, _)| name.split('.').next())
        .collect();
    outcomes
        .par_iter()
        .zip(display)
        .filter_map(|(outcome, path)| {
            let raw = outcome.metrics.as_ref()?;
            let mut imports: Vec<ImportInfo> = raw
                .imports
                .iter()
                .map(|(module, level)| {
                    let top = module.split('.').next().unwrap_or(module);
                    let kind = if *level > 0 || local.contains(top) {
                        ImportKind::Local
                    } else if is_stdlib_module(top) {
                        ImportKind::Stdlib
                    } else {
                        ImportKind::ThirdParty
                    };
                    ImportInfo {
                        module: top.to_string(),
                        kind,
                    }
                })
                .collect();
            imports.sort_by(|a, b| (a.kind, &a.module).cmp(&(b.kind, &b.module)));
            imports.dedup();
            Some(FileMetrics {
                path: path.clone(),
                lines: outcome.lines,
                functions: raw.functions,
                complexity: raw.complexity,
                imports,
            })
        })
        .collect()
}

fn rule_infos(report: &ScanReport) -> Vec<RuleInfo> {
    let mut names: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| registry().get(name))
        .map(|rule| RuleInfo {
            name: rule.meta.name.to_string(),
            category: rule.meta.category.as_str().to_string(),
            summary: rule.meta.summary(),
            doc: rule.meta.doc_text(),
            cwe: rule.meta.cwe.to_vec(),
            severity: rule.meta.severity,
        })
        .collect()
}

/// A path as shown to the user: relative to the working directory when
/// under it.
/// How the scan shows the paths it reads: relative to the working folder,
/// or to one of the folders its caller named (`--` downloaded releases are
/// shown by their file names, as if they had been downloaded there).
#[derive(Debug, Clone, Default)]
pub struct PathDisplay {
    cwd: PathBuf,
    bases: Vec<PathBuf>,
}

impl PathDisplay {
    /// Paths under each of `bases` are shown relative to it; others
    /// relative to the working folder.
    pub fn new(bases: &[PathBuf]) -> Self {
        Self {
            cwd: std::env::current_dir().unwrap_or_default(),
            bases: bases.to_vec(),
        }
    }

    pub fn show(&self, path: &Path) -> String {
        match self.bases.iter().find_map(|b| path.strip_prefix(b).ok()) {
            Some(inside) => vigil_report::path_text(inside),
            None => display_path(path, &self.cwd),
        }
    }
}

pub fn display_path(path: &Path, cwd: &Path) -> String {
    let shown = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path.strip_prefix("./").unwrap_or(path)
    };
    vigil_report::path_text(shown)
}

#[cfg(test)]
mod tests {
    use super::path_order;
    use std::path::PathBuf;

    #[test]
    fn paths_sort_as_path_cmp_sorts_them() {
        let names = [
            "src/a/b.py",
            "src/a-b/c.py",
            "src/a.py",
            "src/a",
            "src/ab.py",
            "src/a/b/c.py",
            "src/A.py",
            "src/a_b.py",
            "src/é.py",
            "src",
        ];
        let mut by_bytes: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let mut by_components = by_bytes.clone();
        by_bytes.sort_by(|a, b| path_order(a, b));
        by_components.sort();
        assert_eq!(by_bytes, by_components);
    }
}
