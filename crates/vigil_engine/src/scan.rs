//! The whole scan: discover, analyse in parallel, resolve across modules.

use crate::analyze::{AnalysisContext, FileOutcome, analyze_file};
use crate::discover::{DiscoveredFile, discover};
use crate::selection::RuleSelection;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
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
    // built while the directories are walked, not by the first files.
    pool.spawn(|| {
        registry();
        vigil_taint::models();
        vigil_secrets::may_contain_secret("");
    });
    let files = discover(&options.paths, &options.settings, &mut report.errors);
    let cwd = std::env::current_dir().unwrap_or_default();
    let display: Vec<String> = files.iter().map(|f| display_path(&f.path, &cwd)).collect();
    let mut outcomes = pool.install(|| run_pass(&files, &display, options, None, None, None));

    // Phase 2: follow re-exports and dataflow between project modules.
    let graph = build_graph(&mut outcomes);
    crate::interproc::second_phase(&pool, &files, &display, options, &mut outcomes, &graph);

    report.files = file_metrics(&outcomes, &display);
    // Only the findings, errors and counts outlive the scan: the workers
    // free the rest of each outcome (the facts of the second phase).
    let kept: Vec<_> = pool.install(|| {
        outcomes
            .into_par_iter()
            .map(|o| (o.lines, o.scanned, o.suppressed, o.findings, o.errors))
            .collect()
    });
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

pub(crate) fn run_pass(
    files: &[DiscoveredFile],
    display: &[String],
    options: &ScanOptions,
    graph: Option<&ModuleGraph>,
    project: Option<&vigil_taint::ProjectFacts>,
    reuse: Option<&rustc_hash::FxHashMap<PathBuf, crate::taint::Reused<'_>>>,
) -> Vec<FileOutcome> {
    let ctx = AnalysisContext {
        settings: &options.settings,
        selection: &options.selection,
        graph,
        project,
        reuse,
    };
    let done = std::sync::atomic::AtomicUsize::new(0);
    let found = std::sync::atomic::AtomicUsize::new(0);
    // One file per task: a worker that runs out steals single files, so a
    // run of large ones is never left to one worker.
    files
        .par_iter()
        .zip(display.par_iter())
        .with_max_len(1)
        .map(|(file, name)| {
            let outcome = analyze_file(file, name, &ctx);
            if let Some(progress) = &options.progress {
                use std::sync::atomic::Ordering::Relaxed;
                let n = done.fetch_add(1, Relaxed) + 1;
                let f = found.fetch_add(outcome.findings.len(), Relaxed) + outcome.findings.len();
                progress(n, files.len(), f);
            }
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
        .iter()
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
