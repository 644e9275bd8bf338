//! The scan's second phase: what modules learned about each other.
//!
//! After the parallel first pass, the module graph (re-exports) and the
//! taint exports of every file are merged into [`ProjectFacts`]. Files are
//! analysed again, in parallel rounds, when the facts concern them:
//!
//! * they call a name that only the graph resolves to something a rule
//!   looks for (re-exports);
//! * they define a function that another module passes untrusted data to,
//!   or a class whose instances another module stores untrusted data in;
//! * they call a function of another module whose summary matters
//!   (returns untrusted data, sanitizes data, or returns none of a
//!   parameter's data) and the result of that call reaches a sink or a
//!   return value there: a file that had dataflow findings loses the false
//!   ones, a file other modules pass data into gives them new summaries,
//!   which reach their callers the next round;
//! * their classes derive from project classes of other modules.
//!
//! Each round merges the new exports and picks the files the changes
//! concern; a few rounds bound chains of calls across modules.

use crate::analyze::FileOutcome;
use crate::discover::{DiscoveredFile, FileKind};
use crate::keep::KeptTree;
use crate::scan::{ScanOptions, run_pass};
use crate::taint::Reused;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeSet;
use std::path::PathBuf;
use vigil_rules::registry;
use vigil_semantic::{Export, ModuleGraph};
use vigil_taint::{Changes, ProjectFacts};

/// Rounds of re-analysis for cross-module dataflow.
const MAX_ROUNDS: usize = 4;

pub(crate) fn second_phase(
    pool: &rayon::ThreadPool,
    files: &[DiscoveredFile],
    display: &[String],
    options: &ScanOptions,
    outcomes: &mut [FileOutcome],
    graph: &ModuleGraph,
    kept: &FxHashMap<PathBuf, KeptTree>,
) {
    let canonical = |name: &str| graph.canonicalize(name.to_string());
    // The facts are merged (then the module table built and the files
    // deriving from project classes found) while a worker finds the files
    // whose calls the graph resolves differently: both read every outcome,
    // and each is a few milliseconds of serial work on the standard library.
    let seen: &[FileOutcome] = outcomes;
    let ((mut facts, all, modules, derived), with_graph) = pool.install(|| {
        rayon::join(
            || {
                let mut facts = ProjectFacts {
                    carries_local_input: options.settings.audit,
                    ..ProjectFacts::default()
                };
                let mut all = Changes::default();
                // A stub's bodies are `...`: its summaries would say that
                // nothing flows anywhere, and would stand for its module's.
                let code = |&(i, _): &(usize, &FileOutcome)| files[i].kind != FileKind::Stub;
                for (_, o) in seen.iter().enumerate().filter(code) {
                    let Some(t) = o.taint.as_ref() else { continue };
                    extend(&mut all, facts.merge(&t.exports, canonical));
                }
                // A module's code, not its stub, receives what other
                // modules pass to its functions.
                let modules: FxHashMap<String, usize> = seen
                    .iter()
                    .enumerate()
                    .filter(code)
                    .filter_map(|(i, o)| o.module.as_ref().map(|(name, _)| (name.clone(), i)))
                    .collect();
                let derived = derived_classes(seen, &facts, &modules);
                all.summaries = facts.summaries.keys().cloned().collect();
                (facts, all, modules, derived)
            },
            || needing_graph(seen, graph),
        )
    });
    let mut again = concerned(&all, outcomes, &modules, graph, &facts);
    // Each round, the files analysed from facts start from the functions
    // and classes whose facts are new; the first round, from all of them.
    let mut new_facts: Option<FxHashSet<String>> = None;
    again.in_full.extend(with_graph.iter().copied());
    again.in_full.extend(derived);

    for _ in 0..MAX_ROUNDS {
        if again.is_empty() {
            break;
        }
        let mut indexes: Vec<usize> = again.in_full.union(&again.by_facts).copied().collect();
        // Largest first: a round is short, and a large file started last
        // would leave the other workers idle. Results merge in file order.
        indexes.sort_by_key(|&i| (std::cmp::Reverse(outcomes[i].lines), i));
        let subset: Vec<DiscoveredFile> = indexes.iter().map(|&i| files[i].clone()).collect();
        let names: Vec<String> = indexes.iter().map(|&i| display[i].clone()).collect();
        let reuse: FxHashMap<PathBuf, Reused> = indexes
            .iter()
            .filter(|i| !with_graph.contains(i))
            .filter_map(|&i| {
                let reused = Reused {
                    earlier: outcomes[i].taint.as_ref()?,
                    from_facts_only: !again.in_full.contains(&i),
                    new_facts: new_facts.as_ref(),
                };
                Some((files[i].path.clone(), reused))
            })
            .collect();
        let redone =
            pool.install(|| run_pass(&subset, &names, options, graph, &facts, &reuse, kept));
        drop(reuse);
        let mut results: Vec<_> = indexes.into_iter().zip(redone).collect();
        results.sort_by_key(|(i, _)| *i);
        let mut changes = Changes::default();
        for (i, mut outcome) in results {
            if let Some(t) = &outcome.taint
                && files[i].kind != FileKind::Stub
            {
                extend(&mut changes, facts.merge(&t.exports, canonical));
            }
            // Reused as `reuse` above chose: not resolved by the graph anew,
            // and with an earlier analysis.
            if !with_graph.contains(&i) && outcomes[i].taint.is_some() {
                // The pattern rules did not run again: their callees stand.
                outcome.callees = std::mem::take(&mut outcomes[i].callees);
            }
            outcomes[i] = outcome;
        }
        again = concerned(&changes, outcomes, &modules, graph, &facts);
        new_facts = Some(changes.entries.into_iter().chain(changes.fields).collect());
    }
    // The facts and tables are freed by a worker once the rounds are over.
    pool.spawn(move || drop((facts, all, modules, with_graph)));
}

fn extend(all: &mut Changes, more: Changes) {
    all.summaries.extend(more.summaries);
    all.entries.extend(more.entries);
    all.fields.extend(more.fields);
}

/// The module defining a qualified name (`pkg.mod.Class.method`).
fn module_of(name: &str, modules: &FxHashMap<String, usize>) -> Option<usize> {
    let mut end = name.len();
    while let Some(dot) = name[..end].rfind('.') {
        if let Some(&i) = modules.get(&name[..dot]) {
            return Some(i);
        }
        end = dot;
    }
    None
}

/// The module that defines a function or class by that qualified name
/// (not one that only imports it, nor one where no Python code defines it).
fn defining_module(
    name: &str,
    modules: &FxHashMap<String, usize>,
    outcomes: &[FileOutcome],
    graph: &ModuleGraph,
) -> Option<usize> {
    let i = module_of(name, modules)?;
    let (module, _) = outcomes[i].module.as_ref()?;
    let exports = graph.exports(module)?;
    let rest = name.strip_prefix(module.as_str())?.strip_prefix('.')?;
    let head = rest.split('.').next()?;
    matches!(exports.get(head), Some(Export::Definition)).then_some(i)
}

/// The files to analyse again, and how.
#[derive(Debug, Default)]
struct Again {
    /// In full: a summary they use changed, the module graph resolves
    /// their calls differently, or their classes derive from project ones.
    in_full: BTreeSet<usize>,
    /// From the new facts only: other modules pass data into their
    /// functions or store it in their classes' fields.
    by_facts: BTreeSet<usize>,
}

impl Again {
    fn is_empty(&self) -> bool {
        self.in_full.is_empty() && self.by_facts.is_empty()
    }
}

/// Files that the changed facts concern.
fn concerned(
    changes: &Changes,
    outcomes: &[FileOutcome],
    modules: &FxHashMap<String, usize>,
    graph: &ModuleGraph,
    facts: &ProjectFacts,
) -> Again {
    let mut again = Again::default();
    for name in changes.entries.iter().chain(&changes.fields) {
        if let Some(i) = defining_module(name, modules, outcomes, graph) {
            again.by_facts.insert(i);
        }
    }
    again.in_full = summaries_used(changes, outcomes, modules, graph, facts);
    again
}

/// Files that use a summary that changed in a way that matters to them.
fn summaries_used(
    changes: &Changes,
    outcomes: &[FileOutcome],
    modules: &FxHashMap<String, usize>,
    graph: &ModuleGraph,
    facts: &ProjectFacts,
) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    // Summaries that change a caller's findings: functions returning
    // untrusted data (new findings anywhere), sanitizers and functions
    // whose result holds none of a parameter's data (fewer findings in
    // files that had some).
    let returning: FxHashSet<&str> = changes
        .summaries
        .iter()
        .map(String::as_str)
        .filter(|n| {
            facts
                .summaries
                .get(*n)
                .is_some_and(|s| !s.returns_sources.is_empty())
        })
        .collect();
    let sanitizing: FxHashSet<&str> = changes
        .summaries
        .iter()
        .map(String::as_str)
        .filter(|n| {
            facts
                .summaries
                .get(*n)
                .is_some_and(|s| s.clears_a_parameter())
        })
        .collect();
    if returning.is_empty() && sanitizing.is_empty() {
        return out;
    }
    // Methods returning untrusted data, by their class: a file that made
    // an instance of the class (`Params(request)`) may call them on it.
    let returning_classes: FxHashSet<&str> = returning
        .iter()
        .filter_map(|n| n.rsplit_once('.').map(|(class, _)| class))
        .collect();
    let dataflow: FxHashSet<&str> = vigil_taint::rule_names().collect();
    let receiving: FxHashSet<usize> = if sanitizing.is_empty() {
        FxHashSet::default()
    } else {
        facts
            .entries
            .keys()
            .filter_map(|name| module_of(name, modules))
            .collect()
    };
    for (i, outcome) in outcomes.iter().enumerate() {
        let Some(t) = &outcome.taint else { continue };
        // A sanitizer matters where flows were found, and where other
        // modules pass data into this file's functions: what those hand
        // back through it changes in turn.
        let had_findings = outcome
            .findings
            .iter()
            .any(|f| dataflow.contains(f.rule.as_str()))
            || receiving.contains(&i);
        let uses = |name: &str| {
            (returning.contains(name)
                || returning_classes.contains(name)
                || (had_findings && sanitizing.contains(name)))
                && module_of(name, modules) != Some(i)
        };
        let consulted = t.consulted.iter().any(|n| uses(n));
        let calls = t
            .relevant
            .iter()
            .any(|name| uses(name) || graph.reexport_target(name).is_some_and(|t| uses(&t)));
        if consulted || calls {
            out.insert(i);
        }
    }
    out
}

/// Files whose classes derive, through project classes of other modules,
/// from a library class with sources (a handler deriving from a project
/// base view that derives from Django's `View`). A base that the models
/// alone lead to sources (a library class scanned along with its library)
/// was already known to the first pass.
fn derived_classes(
    outcomes: &[FileOutcome],
    facts: &ProjectFacts,
    modules: &FxHashMap<String, usize>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, outcome) in outcomes.iter().enumerate() {
        let Some(t) = &outcome.taint else { continue };
        let derived = t.exports.classes.iter().any(|(_, bases)| {
            bases.iter().any(|b| {
                facts.classes.contains_key(b)
                    && module_of(b, modules).is_some_and(|m| m != i)
                    && reaches_sources(b, Some(facts))
                    && !reaches_sources(b, None)
            })
        });
        if derived {
            out.push(i);
        }
    }
    out
}

/// Whether a class derives from a library class with sources, by the
/// models and, when given, the project's classes.
fn reaches_sources(start: &str, facts: Option<&ProjectFacts>) -> bool {
    let models = vigil_taint::models();
    let mut seen: Vec<String> = vec![start.to_string()];
    let mut i = 0;
    while i < seen.len() && seen.len() < 32 {
        let current = seen[i].clone();
        i += 1;
        if models.is_source_class(&current) {
            return true;
        }
        let project = facts.and_then(|f| f.classes.get(&current));
        for b in project.into_iter().flatten().chain(models.bases(&current)) {
            if !seen.contains(b) {
                seen.push(b.clone());
            }
        }
    }
    false
}

/// Files whose calls the graph resolves differently: they need the pattern
/// rules again; the others' pattern diagnostics are reused. (Serial: the
/// callees that may be re-exported are few, and a parallel pass over them
/// took longer than the work.)
fn needing_graph(outcomes: &[FileOutcome], graph: &ModuleGraph) -> FxHashSet<usize> {
    if graph.is_empty() {
        return FxHashSet::default();
    }
    outcomes
        .iter()
        .enumerate()
        .filter(|(_, o)| needs_graph(o, graph))
        .map(|(i, _)| i)
        .collect()
}

/// Whether a library's public name leads to its own definition of it
/// inside the same package, both names known to the rules (`requests.get`
/// is `requests.api.get`, `jinja2.Environment` is
/// `jinja2.environment.Environment`): the catalog describes the API under
/// both, so resolving the name changes no finding. A name that leads out
/// of its package (a project's `compat.loads` that is `pickle.loads`, or a
/// module posing as `requests` whose `get` is `pickle.loads`) is not one.
fn known_under_both_names(name: &str, target: &str, rules: &vigil_rules::Registry) -> bool {
    rules.is_interesting(name) && package_of(name) == package_of(target)
}

fn package_of(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// Whether a file calls a name that the module graph resolves, through
/// re-exports of project modules, to something a rule looks for, or its
/// rules asked for a constant another module of the project defines.
fn needs_graph(outcome: &FileOutcome, graph: &ModuleGraph) -> bool {
    let rules = registry();
    outcome.callees.iter().any(|name| {
        graph.reexport_target(name).is_some_and(|target| {
            target != *name
                && rules.is_interesting(&target)
                && !known_under_both_names(name, &target, rules)
        })
    }) || outcome
        .wanted_constants
        .iter()
        .any(|(name, question)| graph.constant(name).is_some_and(|c| question.matters(c)))
}
