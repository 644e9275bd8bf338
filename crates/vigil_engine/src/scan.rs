//! The whole scan: discover, analyse in parallel, resolve across modules.

use crate::analyze::{AnalysisContext, FileOutcome, analyze_file};
use crate::discover::{DiscoveredFile, discover_each};
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
    let (files, display, mut outcomes) = first_pass(&pool, options, &mut report.errors);

    // Phase 2: follow re-exports and dataflow between project modules.
    let graph = build_graph(&mut outcomes);
    crate::interproc::second_phase(&pool, &files, &display, options, &mut outcomes, &graph);

    // Only the findings, errors, counts and metrics outlive the scan: the
    // workers build the metrics and free the rest of each outcome (the
    // facts of the second phase); nothing waits for the graph and the file
    // list to be freed.
    let (metrics, kept) = pool.install(|| {
        let metrics = file_metrics(&outcomes, &display);
        let kept: Vec<_> = outcomes
            .into_par_iter()
            .map(|o| (o.lines, o.scanned, o.suppressed, o.findings, o.errors))
            .collect();
        (metrics, kept)
    });
    pool.spawn(move || drop((graph, files, display)));
    report.files = metrics;
    for (lines, scanned, suppressed, findings, errors) in kept {
        report.summary.lines_scanned += lines;
        report.summary.files_scanned += usize::from(scanned);
        report.summary.suppressed += suppressed;
        report.findings.extend(findings);
        report.errors.extend(errors);
    }
    report.rules = rule_infos(&report);
    report.summary.duration_ms = started.elapsed().as_millis() as u64;
    report.finish();
    report
}

/// The files to scan (sorted by path), their display paths and their
/// first analyses. Each file is analysed by the pool as soon as the walk
/// meets it, while the walk goes on.
fn first_pass(
    pool: &rayon::ThreadPool,
    options: &ScanOptions,
    errors: &mut Vec<vigil_report::ScanError>,
) -> (Vec<DiscoveredFile>, Vec<String>, Vec<FileOutcome>) {
    let ctx = context(options, None, None, None);
    let cwd = std::env::current_dir().unwrap_or_default();
    let analysed: Mutex<Vec<(DiscoveredFile, String, FileOutcome)>> = Mutex::new(Vec::new());
    let counts = Counts::default();
    let (ctx, analysed, counts, cwd) = (&ctx, &analysed, &counts, cwd.as_path());
    pool.in_place_scope(|scope| {
        discover_each(&options.paths, &options.settings, errors, |file| {
            counts.total.fetch_add(1, Relaxed);
            scope.spawn(move |_| {
                let name = display_path(&file.path, cwd);
                let outcome = analyze_file(&file, &name, ctx);
                counts.report(&outcome, options);
                let mut analysed = analysed.lock().unwrap_or_else(|e| e.into_inner());
                analysed.push((file, name, outcome));
            });
        });
    });
    let mut analysed = std::mem::take(&mut *analysed.lock().unwrap_or_else(|e| e.into_inner()));
    analysed.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut files = Vec::with_capacity(analysed.len());
    let mut display = Vec::with_capacity(analysed.len());
    let mut outcomes = Vec::with_capacity(analysed.len());
    for (file, name, outcome) in analysed {
        files.push(file);
        display.push(name);
        outcomes.push(outcome);
    }
    (files, display, outcomes)
}

fn context<'a>(
    options: &'a ScanOptions,
    graph: Option<&'a ModuleGraph>,
    project: Option<&'a vigil_taint::ProjectFacts>,
    reuse: Option<&'a rustc_hash::FxHashMap<PathBuf, crate::taint::Reused<'a>>>,
) -> AnalysisContext<'a> {
    AnalysisContext {
        settings: &options.settings,
        selection: &options.selection,
        graph,
        project,
        reuse,
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

pub(crate) fn run_pass(
    files: &[DiscoveredFile],
    display: &[String],
    options: &ScanOptions,
    graph: Option<&ModuleGraph>,
    project: Option<&vigil_taint::ProjectFacts>,
    reuse: Option<&rustc_hash::FxHashMap<PathBuf, crate::taint::Reused<'_>>>,
) -> Vec<FileOutcome> {
    let ctx = context(options, graph, project, reuse);
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
fn build_graph(outcomes: &mut [FileOutcome]) -> ModuleGraph {
    let mut graph = ModuleGraph::default();
    for outcome in outcomes {
        if let Some((name, exports)) = &mut outcome.module {
            graph.insert(name.clone(), std::mem::take(exports));
        }
    }
    graph
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
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let shown = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path.strip_prefix("./").unwrap_or(path)
    };
    shown.display().to_string()
}
