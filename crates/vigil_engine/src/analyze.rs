//! One file, start to end: read, decode, parse, model, check, suppress.

use crate::discover::{DiscoveredFile, FileKind};
use crate::document_lines::DocumentLines;
use crate::findings::{FileContext, to_findings};
use crate::keep::{KeptTree, TreeKeeper};
use crate::selection::RuleSelection;
use crate::suppress::parse_suppressions;
use rustc_hash::FxHashMap;
use vigil_config::Settings;
use vigil_python::ast::PySourceType;
use vigil_python::{
    LazyLineIndex, LineIndex, MAX_NESTING_DEPTH, MAX_PARSER_DEPTH, Notebook, ParsedModule, Ranged,
    count_lines, decode_source, parse_module, parse_notebook,
};
use vigil_report::{Finding, ScanError};
use vigil_rules::{CheckResult, Checker, Diagnostic, registry};
use vigil_semantic::{BindingKind, Export, ModuleExports, ModuleGraph, ScopeId, SemanticModel};

/// What the scan needs from each file.
#[derive(Debug, Default)]
pub(crate) struct FileOutcome {
    pub findings: Vec<Finding>,
    pub errors: Vec<ScanError>,
    pub lines: usize,
    pub scanned: bool,
    pub suppressed: usize,
    /// Dotted module name and module-level exports, for the module graph.
    pub module: Option<(String, ModuleExports)>,
    /// Module-level names bound once to a constant, for the module graph.
    pub constants: Vec<(String, vigil_knowledge::constant::Scalar)>,
    /// Constants of other modules the pattern rules asked for before the
    /// module graph existed.
    pub wanted_constants: Vec<(String, vigil_rules::Question)>,
    /// Qualified names of the calls this file makes, to decide on a second
    /// pass with the module graph.
    pub callees: Vec<String>,
    /// Size, functions, complexity and imports, for report overviews.
    pub metrics: Option<RawMetrics>,
    /// What the dataflow analysis tells other files (cross-module flows).
    pub taint: Option<crate::taint::TaintExports>,
}

/// Per-file facts before imports are classified against the whole project.
#[derive(Debug, Default)]
pub(crate) struct RawMetrics {
    pub functions: usize,
    pub complexity: usize,
    /// (absolute module, relative level) of each import statement.
    pub imports: Vec<(String, u32)>,
}

/// The scan-wide inputs of analysing one file.
pub(crate) struct AnalysisContext<'a> {
    pub settings: &'a Settings,
    pub selection: &'a RuleSelection,
    pub graph: Option<&'a ModuleGraph>,
    /// Dataflow facts from the other files of the project (second phase).
    pub project: Option<&'a vigil_taint::ProjectFacts>,
    /// What earlier analyses still say, by file, for files analysed again
    /// for dataflow reasons only.
    pub reuse: Option<&'a rustc_hash::FxHashMap<std::path::PathBuf, crate::taint::Reused<'a>>>,
    /// Whether the report wants [`RawMetrics`].
    pub file_metrics: bool,
    /// First pass: keeps the trees the second phase will likely need.
    pub keeper: Option<&'a TreeKeeper>,
    /// Second phase: the trees kept by the first pass, by path.
    pub kept: Option<&'a FxHashMap<std::path::PathBuf, KeptTree>>,
}

impl<'a> AnalysisContext<'a> {
    /// The context of a first-pass analysis with these settings and rules:
    /// no graph, facts or trees; each phase adds its own.
    pub fn new(settings: &'a Settings, selection: &'a RuleSelection) -> Self {
        Self {
            settings,
            selection,
            graph: None,
            project: None,
            reuse: None,
            file_metrics: false,
            keeper: None,
            kept: None,
        }
    }
}

/// Files larger than this are analysed one at a time.
const LARGE_FILE: usize = 1024 * 1024;
static LARGE_FILES: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A problem with one file that left it, or its code, unanalysed.
fn file_error(display_path: &str, message: String) -> ScanError {
    ScanError::unanalysed(display_path, message)
}

/// A caveat on a file that was analysed all the same.
fn file_caveat(display_path: &str, message: String) -> ScanError {
    ScanError::caveat(display_path, message)
}

pub(crate) fn analyze_file(
    file: &DiscoveredFile,
    display_path: &str,
    ctx: &AnalysisContext,
) -> FileOutcome {
    contain_panic(display_path, || analyze_file_inner(file, display_path, ctx))
}

/// What [`analyze_bytes`] found in one file.
#[derive(Debug, Default)]
pub struct FileAnalysis {
    pub findings: Vec<Finding>,
    /// Problems that left the file (or its code) unanalysed, and caveats.
    pub errors: Vec<ScanError>,
    pub lines: usize,
}

/// Analyses one file held in memory as the scan analyses a file it has
/// read: decoding (BOM, PEP 263), a notebook's JSON for an `.ipynb` path,
/// parsing, the semantic model, the pattern rules, the dataflow engine,
/// secrets and suppressions, for the kind of file `path` names (Python when
/// its name says nothing). There is no project, so no second phase.
///
/// Unlike the scan, a panic is not contained: this is the entry point of
/// the fuzz targets (`fuzz/`), which must see it.
pub fn analyze_bytes(
    path: &std::path::Path,
    bytes: Vec<u8>,
    settings: &Settings,
    selection: &RuleSelection,
) -> FileAnalysis {
    let file = DiscoveredFile {
        path: path.to_path_buf(),
        kind: FileKind::of(path).unwrap_or(FileKind::Python),
        module: (
            path.file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default(),
            false,
        ),
        contents: None,
    };
    let display_path = path.to_string_lossy();
    let ctx = AnalysisContext::new(settings, selection);
    let outcome = analyze_read(bytes, &file, &display_path, &ctx, FileOutcome::default());
    FileAnalysis {
        findings: outcome.findings,
        errors: outcome.errors,
        lines: outcome.lines,
    }
}

/// Runs one file's analysis so that a bug in vigil that panics on it
/// costs that file only: the file gets an error, the scan goes on.
fn contain_panic(display_path: &str, analyze: impl FnOnce() -> FileOutcome) -> FileOutcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(analyze)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        FileOutcome {
            errors: vec![file_error(
                display_path,
                format!(
                    "internal error while analysing this file ({what}); it was skipped, please report it"
                ),
            )],
            ..FileOutcome::default()
        }
    })
}

fn analyze_file_inner(
    file: &DiscoveredFile,
    display_path: &str,
    ctx: &AnalysisContext,
) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let error = |message: String| file_error(display_path, message);
    if let Some(tree) = ctx.kept.and_then(|kept| kept.get(&file.path)) {
        outcome
            .errors
            .extend(tree.warning.clone().map(|w| file_caveat(display_path, w)));
        outcome.lines = count_lines(&tree.text);
        analyze_parsed(
            &tree.text,
            &tree.parsed,
            None,
            file,
            display_path,
            ctx,
            &mut outcome,
        );
        return outcome;
    }
    let read = match &file.contents {
        Some(bytes) => Ok(bytes.to_vec()),
        None => read_bounded(&file.path, ctx.settings.max_file_size),
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(message) => {
            outcome.errors.push(error(message));
            return outcome;
        }
    };
    analyze_read(bytes, file, display_path, ctx, outcome)
}

/// The analysis of a file once its bytes are read.
fn analyze_read(
    bytes: Vec<u8>,
    file: &DiscoveredFile,
    display_path: &str,
    ctx: &AnalysisContext,
    mut outcome: FileOutcome,
) -> FileOutcome {
    let error = |message: String| file_error(display_path, message);
    // A file's tree can take a hundred times its size: large files are
    // analysed one at a time, so the worst case is not multiplied by the
    // number of threads.
    let _one_large_file_at_a_time =
        (bytes.len() > LARGE_FILE).then(|| LARGE_FILES.lock().unwrap_or_else(|e| e.into_inner()));
    if file.kind == FileKind::Config {
        analyze_config(&bytes, file, display_path, ctx, &mut outcome);
        return outcome;
    }
    let decoded = match decode_source(bytes) {
        Ok(decoded) => decoded,
        Err(e) => {
            outcome.errors.push(error(e.to_string()));
            return outcome;
        }
    };
    let warning = decoded.warning;
    outcome
        .errors
        .extend(warning.clone().map(|w| file_caveat(display_path, w)));
    let (source, notebook) = if file.kind == FileKind::Notebook {
        match parse_notebook(&decoded.text) {
            Ok(notebook) => {
                let lines = DocumentLines::scan(&decoded.text);
                if ctx.selection.is_enabled("hardcoded-token") || ctx.settings.audit {
                    let found = vigil_secrets::scan_notebook_outputs(&decoded.text);
                    outcome.findings.extend(
                        crate::secrets::notebook_output_findings(display_path, &found, &lines)
                            .into_iter()
                            .filter(|f| ctx.selection.is_enabled(&f.rule))
                            .filter(|f| {
                                f.severity >= ctx.settings.min_severity
                                    && f.confidence >= ctx.settings.min_confidence
                            }),
                    );
                }
                (notebook.source.clone(), Some((notebook, lines)))
            }
            Err(e) => {
                outcome.errors.push(error(e.to_string()));
                return outcome;
            }
        }
    } else if file.kind == FileKind::Pth {
        (startup_lines(&decoded.text), None)
    } else {
        (decoded.text, None)
    };
    outcome.lines = count_lines(&source);
    let Some(parsed) = parse_source(&source, file, display_path, &mut outcome) else {
        analyze_text_only(
            &source,
            notebook.as_ref().map(|(code, lines)| (code, lines)),
            file,
            display_path,
            ctx,
            &mut outcome,
        );
        return outcome;
    };
    analyze_parsed(
        &source,
        &parsed,
        notebook.as_ref().map(|(code, lines)| (code, lines)),
        file,
        display_path,
        ctx,
        &mut outcome,
    );
    if let Some(keeper) = ctx.keeper
        && notebook.is_none()
    {
        let tree = KeptTree {
            text: source,
            warning,
            parsed,
        };
        keeper.offer(&file.path, &outcome, tree);
    }
    outcome
}

/// A configuration file: only the secrets pass applies.
fn analyze_config(
    bytes: &[u8],
    file: &DiscoveredFile,
    display_path: &str,
    ctx: &AnalysisContext,
    outcome: &mut FileOutcome,
) {
    if memchr_nul(bytes) {
        return;
    }
    // Validating is much faster than lossy decoding; most files are UTF-8.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    let matches: Vec<_> = vigil_secrets::scan_config_file(&file.path, &text)
        .into_iter()
        .filter(|m| ctx.selection.is_enabled(m.rule_name()))
        .filter(|m| {
            m.severity >= ctx.settings.min_severity && m.confidence >= ctx.settings.min_confidence
        })
        .collect();
    let in_tests = ctx
        .settings
        .tests
        .matches(ctx.settings.relative(&file.path));
    outcome.scanned = true;
    // As `str::lines` counts them, with the vectorised byte search.
    outcome.lines = memchr::memchr_iter(b'\n', bytes).count()
        + usize::from(!bytes.is_empty() && !bytes.ends_with(b"\n"));
    outcome.findings = crate::secrets::config_findings(
        display_path,
        &text,
        &matches,
        in_tests,
        ctx.settings.audit,
    );
}

/// A `.pth` file as the Python that `site` runs: the lines that start with
/// `import ` or `import\t` (executed as they are), every other line left
/// blank, so that lines and columns stay where they are.
fn startup_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if line.starts_with("import ") || line.starts_with("import\t") {
                line
            } else {
                &line[line.trim_end_matches(['\r', '\n']).len()..]
            }
        })
        .collect()
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

fn read_bounded(path: &std::path::Path, max: u64) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !metadata.is_file() {
        return Err("not a regular file, not scanned".to_string());
    }
    if metadata.len() > max {
        return Err(format!(
            "file too large ({} bytes, limit {max}); not scanned (raise `max-file-size` to scan it)",
            metadata.len()
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

/// A file that could not be parsed: the checks that read only its text
/// (Trojan Source characters, secrets in token form) still run. The rules
/// run over an empty tree with the file's text, so only those that read the
/// text find anything.
fn analyze_text_only(
    source: &str,
    notebook: Option<(&Notebook, &DocumentLines)>,
    file: &DiscoveredFile,
    display_path: &str,
    ctx: &AnalysisContext,
    outcome: &mut FileOutcome,
) {
    let empty = ParsedModule {
        module: vigil_python::ast::ModModule {
            node_index: Default::default(),
            range: Default::default(),
            body: Default::default(),
        },
        syntax_errors: Vec::new(),
        comments: Vec::new(),
        skipped: Vec::new(),
    };
    analyze_parsed(source, &empty, notebook, file, display_path, ctx, outcome);
}

/// Parses a file's source; a file whose parse would recurse too deeply is
/// reported (and not parsed), and so is each expression cut for nesting
/// deeper than CPython compiles.
fn parse_source(
    source: &str,
    file: &DiscoveredFile,
    display_path: &str,
    outcome: &mut FileOutcome,
) -> Option<ParsedModule> {
    let source_type = if file.kind == FileKind::Stub {
        PySourceType::Stub
    } else {
        PySourceType::Python
    };
    let parsed = match parse_module(source, source_type) {
        Ok(parsed) => parsed,
        Err(_) => {
            outcome.errors.push(file_error(
                display_path,
                format!(
                    "brackets and operators nest more than {MAX_PARSER_DEPTH} levels deep \
                     (CPython refuses this file too); its code was not analysed, only its text"
                ),
            ));
            return None;
        }
    };
    if !parsed.skipped.is_empty() {
        let index = LineIndex::new(source);
        for range in &parsed.skipped {
            let at = index.location(source, range.start());
            outcome.errors.push(file_caveat(
                display_path,
                format!(
                    "the expression at {}:{} nests more than {MAX_NESTING_DEPTH} levels deep \
                     (deeper than CPython compiles); it was not analysed, the rest of the file was",
                    at.line, at.column
                ),
            ));
        }
    }
    Some(parsed)
}

/// Reports a file's syntax errors (its recovered tree is still analysed).
fn report_syntax_errors(
    parsed: &ParsedModule,
    index: &LazyLineIndex,
    display_path: &str,
    outcome: &mut FileOutcome,
) {
    if let Some(first) = parsed.syntax_errors.first() {
        let at = index.location(first.range.start());
        let more = parsed.syntax_errors.len() - 1;
        outcome.errors.push(file_caveat(
            display_path,
            format!(
                "syntax error at {}:{}: {}{}; the rest of the file was still analysed",
                at.line,
                at.column,
                first.message,
                if more > 0 {
                    format!(" (and {more} more)")
                } else {
                    String::new()
                }
            ),
        ));
    }
}

/// Every analysis of a parsed file: its syntax errors, semantic model,
/// rules, dataflow, suppressions, findings.
fn analyze_parsed(
    source: &str,
    parsed: &ParsedModule,
    notebook: Option<(&Notebook, &DocumentLines)>,
    file: &DiscoveredFile,
    display_path: &str,
    ctx: &AnalysisContext,
    outcome: &mut FileOutcome,
) {
    // Most files report nothing: their line index is never built.
    let lazy_index = LazyLineIndex::new(source);
    report_syntax_errors(parsed, &lazy_index, display_path, outcome);
    outcome.scanned = true;
    let (module_name, is_package) = file.module.clone();
    let mut model = SemanticModel::build(&parsed.module, &module_name, is_package);
    model.build_backend = file.kind == FileKind::BuildBackend;
    if let Some(graph) = ctx.graph {
        model = model.with_graph(graph);
    }
    outcome.module = Some((module_name.clone(), exports(&model)));
    outcome.constants = vigil_rules::module_constants(&model);
    if ctx.file_metrics {
        outcome.metrics = Some(RawMetrics {
            functions: model.function_count(),
            complexity: model.cyclomatic_complexity(),
            imports: model.import_statements().to_vec(),
        });
    }

    // A file on disk finds its templates beside it; an archive member has
    // no folder to look in.
    let templates = file
        .contents
        .is_none()
        .then(|| crate::templates::TemplateLookup::beside(&file.path));
    let taint = crate::taint::TaintContext {
        path: display_path,
        templates: templates
            .as_ref()
            .map(|t| t as &dyn vigil_taint::template_files::TemplateFiles),
        index: &lazy_index,
        comments: &parsed.comments,
        project: ctx.project,
        reuse: ctx.reuse.and_then(|r| r.get(&file.path)).copied(),
        enabled: ctx.selection.wants_dataflow(),
    };
    let (result, exports) = run_analyzers(&parsed.module, &model, source, &taint);
    outcome.taint = Some(exports);
    outcome.callees = result.callees;
    outcome.wanted_constants = result.wanted_constants;
    if let Some((name, exports)) = &outcome.module {
        outcome
            .callees
            .retain(|callee| may_be_reexported(callee, name, exports));
    }
    let diagnostics = result.diagnostics;
    let kept = keep(&diagnostics, file, ctx);
    if kept.is_empty() {
        return;
    }
    let index = lazy_index.get();
    let suppressions = parse_suppressions(parsed.comments.iter().map(|range| {
        let line = index.location(source, range.start()).line;
        (line, &source[range.to_std_range()])
    }));
    let mut visible = Vec::with_capacity(kept.len());
    for d in kept {
        let first = index
            .location(source, d.statement.start().min(d.range.start()))
            .line;
        let last = index
            .location(source, d.statement.end().max(d.range.end()))
            .line;
        let named: Vec<&vigil_rules::RuleMeta> = std::iter::once(&d.rule.meta)
            .chain(d.replaces.iter().map(|r| &r.meta))
            .collect();
        if suppressions.hides_any(&named, first, last) {
            outcome.suppressed += 1;
        } else {
            visible.push(d);
        }
    }
    // No snippet may show a secret, not even as a context line of another
    // finding: cut snippets from a copy with every secret redacted.
    let mut secrets: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule.meta.category == vigil_rules::Category::Secrets)
        .map(|d| (d.range.to_std_range(), d.shown_as.clone()))
        .collect();
    let (redacted, redacted_index);
    let mut redaction = crate::findings::Redaction::default();
    let (snippet_source, snippet_index) = if secrets.is_empty() {
        (source, index)
    } else {
        (redacted, redaction) = crate::findings::redact_ranges(source, &mut secrets);
        redacted_index = LineIndex::new(&redacted);
        (redacted.as_str(), &redacted_index)
    };
    let context = FileContext {
        display_path,
        source,
        index,
        notebook,
        snippet_source,
        snippet_index,
        redaction: &redaction,
    };
    // Extended, not replaced: a notebook's output secrets are already there.
    outcome.findings.extend(to_findings(&context, &visible));
}

/// Every analysis of one parsed module: the pattern rules, then the
/// dataflow analysis merged into them (see [`crate::taint`]). All
/// diagnostics, unfiltered, and what the dataflow tells other files.
pub(crate) fn run_analyzers<'a>(
    module: &'a vigil_python::ast::ModModule,
    model: &'a SemanticModel<'a>,
    source: &'a str,
    taint: &crate::taint::TaintContext,
) -> (CheckResult, crate::taint::TaintExports) {
    let checked = match taint.reuse {
        Some(reused) => CheckResult {
            diagnostics: reused.earlier.pattern.clone(),
            callees: Vec::new(),
            wanted_constants: Vec::new(),
        },
        None => Checker::new(model, source, registry()).check(&module.body),
    };
    crate::taint::run(module, model, source, taint, checked)
}

/// A diagnostic of [`diagnose_source`]: 1-based line and column of its
/// start, 1-based end column (exclusive; on the start line, or past the
/// line's end for a range that goes on), rule name, audit-only.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceDiagnostic {
    pub line: u32,
    pub column: u32,
    pub end_column: u32,
    pub rule: &'static str,
    pub audit_only: bool,
    pub message: String,
}

/// Runs every analyzer over one in-memory module (no files, no filtering,
/// no suppressions): the entry point of the rule fixture tests.
pub fn diagnose_source(source: &str, module_name: &str) -> Result<Vec<SourceDiagnostic>, String> {
    diagnose_module(source, module_name, false)
}

/// [`diagnose_source`] for a module of this name, a package's `__init__`
/// when `is_package` (rules that judge `setup.py` or `__init__.py` read
/// them from the semantic model).
pub fn diagnose_module(
    source: &str,
    module_name: &str,
    is_package: bool,
) -> Result<Vec<SourceDiagnostic>, String> {
    let parsed = parse_module(source, PySourceType::Python)
        .map_err(|e| format!("too deep: {}", e.levels))?;
    if let Some(error) = parsed.syntax_errors.first() {
        return Err(format!("syntax error: {}", error.message));
    }
    let model = SemanticModel::build(&parsed.module, module_name, is_package);
    let index = LazyLineIndex::new(source);
    let taint = crate::taint::TaintContext {
        path: module_name,
        templates: None,
        index: &index,
        comments: &parsed.comments,
        project: None,
        reuse: None,
        enabled: true,
    };
    let mut out: Vec<SourceDiagnostic> = run_analyzers(&parsed.module, &model, source, &taint)
        .0
        .diagnostics
        .into_iter()
        .map(|d| {
            let start = index.location(d.range.start());
            let end = index.location(d.range.end());
            SourceDiagnostic {
                line: start.line,
                column: start.column,
                end_column: if end.line == start.line {
                    end.column
                } else {
                    u32::MAX
                },
                rule: d.rule.meta.name,
                audit_only: d.audit_only,
                message: d.message,
            }
        })
        .collect();
    out.sort();
    Ok(out)
}

/// What test code only reports in audit mode: secrets there are test data,
/// and a medium or low pattern finding (a weak hash, a missing timeout, an
/// entity-expanding parser) does not reach production. Dataflow findings
/// and high-severity constructs are reported as anywhere else.
fn test_code_note(d: &Diagnostic) -> bool {
    d.rule.meta.category == vigil_rules::Category::Secrets
        || (!d.rule.dataflow && d.severity <= vigil_report::Severity::Medium)
}

/// Applies mode, selection, per-file ignores and thresholds.
fn keep<'d>(
    diagnostics: &'d [Diagnostic],
    file: &DiscoveredFile,
    ctx: &AnalysisContext,
) -> Vec<&'d Diagnostic> {
    let settings = ctx.settings;
    let per_file = settings.ignored_for(&file.path);
    let in_tests = settings.tests.matches(settings.relative(&file.path));
    let mut kept: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| settings.audit || !(d.audit_only || (in_tests && test_code_note(d))))
        // A dataflow finding that replaced a selected pattern rule's is
        // that rule's finding too: selecting the pattern rule alone must
        // not lose the call.
        .filter(|d| {
            std::iter::once(d.rule)
                .chain(d.replaces.iter().copied())
                .any(|r| ctx.selection.is_enabled(r.meta.name))
        })
        .filter(|d| !per_file.iter().any(|p| d.rule.meta.selected_by(p)))
        .filter(|d| d.severity >= settings.min_severity && d.confidence >= settings.min_confidence)
        .collect();
    one_finding_per_problem(&mut kept);
    kept
}

/// Two rules flagging the same code for the same weakness (same range, a
/// shared CWE) are one problem: keep the more severe, then more confident.
fn one_finding_per_problem(kept: &mut Vec<&Diagnostic>) {
    kept.sort_by(|a, b| {
        (
            a.range.start(),
            a.range.end(),
            std::cmp::Reverse(a.severity),
            std::cmp::Reverse(a.confidence),
            a.rule.meta.name,
        )
            .cmp(&(
                b.range.start(),
                b.range.end(),
                std::cmp::Reverse(b.severity),
                std::cmp::Reverse(b.confidence),
                b.rule.meta.name,
            ))
    });
    let mut result: Vec<&Diagnostic> = Vec::with_capacity(kept.len());
    for d in kept.drain(..) {
        let duplicate = result
            .iter()
            .rev()
            .take_while(|k| k.range == d.range)
            .any(|k| k.rule.meta.cwe.iter().any(|c| d.rule.meta.cwe.contains(c)));
        if !duplicate {
            result.push(d);
        }
    }
    *kept = result;
}

/// Whether the module graph could lead a callee elsewhere: it is neither
/// a builtin nor something this module defines itself. The second phase
/// resolves only these through the graph.
fn may_be_reexported(callee: &str, own: &str, exports: &ModuleExports) -> bool {
    if callee.starts_with("builtins.") {
        return false;
    }
    let Some(rest) = callee.strip_prefix(own).and_then(|r| r.strip_prefix('.')) else {
        return true;
    };
    let head = rest.split('.').next().unwrap_or(rest);
    !matches!(exports.get(head), Some(Export::Definition))
}

/// What other project modules can import from this one.
fn exports(model: &SemanticModel) -> ModuleExports {
    let own_prefix = format!("{}.", model.module_name);
    model
        .module_bindings()
        .map(|binding| {
            let export = match &binding.kind {
                BindingKind::Import { module } => Export::Alias(module.clone()),
                BindingKind::FromImport { qualified } => Export::Alias(qualified.clone()),
                BindingKind::Assignment { value: Some(value) } => {
                    match model.resolve_qualified_name(value, ScopeId::MODULE) {
                        Some(target) if !target.starts_with(&own_prefix) => Export::Alias(target),
                        _ => Export::Definition,
                    }
                }
                _ => Export::Definition,
            };
            (binding.name.to_string(), export)
        })
        .collect()
}

#[cfg(test)]
mod panic_tests {
    use super::*;

    #[test]
    fn a_panic_costs_one_file_not_the_scan() {
        let outcome = contain_panic("bad.py", || panic!("rule bug"));
        assert!(!outcome.scanned);
        assert_eq!(outcome.errors.len(), 1);
        assert_eq!(outcome.errors[0].path, "bad.py");
        assert!(outcome.errors[0].message.contains("rule bug"));
        let fine = contain_panic("ok.py", || FileOutcome {
            lines: 3,
            ..FileOutcome::default()
        });
        assert_eq!(fine.lines, 3);
        assert!(fine.errors.is_empty());
    }
}

#[cfg(test)]
mod callee_tests {
    use super::*;

    #[test]
    fn only_callees_the_graph_could_lead_elsewhere_are_kept() {
        let exports: ModuleExports = [
            ("helper".to_string(), Export::Definition),
            (
                "run".to_string(),
                Export::Alias("subprocess.run".to_string()),
            ),
        ]
        .into_iter()
        .collect();
        let kept = |callee: &str| may_be_reexported(callee, "pkg.mod", &exports);
        assert!(!kept("builtins.eval"));
        assert!(!kept("pkg.mod.helper"));
        assert!(!kept("pkg.mod.helper.method"));
        assert!(kept("pkg.mod.run"));
        assert!(kept("pkg.mod.unknown"));
        assert!(kept("pkg.other.helper"));
        assert!(kept("pkg.module.helper"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn analyse(name: &str, bytes: &[u8]) -> FileAnalysis {
        let settings = Settings::from_config(None, Path::new(".")).unwrap();
        analyze_bytes(
            Path::new(name),
            bytes.to_vec(),
            &settings,
            &RuleSelection::all(),
        )
    }

    #[test]
    fn analyze_bytes_runs_the_whole_analysis_of_one_file() {
        let found = analyse("app.py", b"import os\nos.system(input())\n");
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        assert!(found.lines >= 2);
        assert!(!found.findings.is_empty());
        // Decoding is part of it: an unknown PEP 263 encoding is an error.
        let found = analyse("bad.py", b"# -*- coding: no-such-codec -*-\nx = 1\n");
        assert_eq!(found.errors.len(), 1, "{:?}", found.errors);
        // So is a notebook's JSON, for an .ipynb path.
        let found = analyse("nb.ipynb", b"{not json");
        assert_eq!(found.errors.len(), 1, "{:?}", found.errors);
    }
}
