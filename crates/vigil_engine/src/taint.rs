//! The dataflow analysis of one file, merged with the pattern rules'
//! diagnostics: one problem, one finding.
//!
//! * A taint finding at a call replaces the pattern diagnostics of that
//!   call whose rule it supersedes (its `supersedes` list in the models:
//!   `subprocess-shell-true` and `command-injection` describe one call).
//! * Where the analysis proves a pattern-flagged call's dangerous argument
//!   constant or sanitized for that kind of sink on every path, the
//!   pattern diagnostic is kept for audits only.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;
use vigil_python::ast::ModModule;
use vigil_python::{Containing, LazyLineIndex, TextRange};
use vigil_report::Confidence;
use vigil_rules::{CheckResult, Diagnostic, FlowNote, Rule, registry};
use vigil_semantic::SemanticModel;
use vigil_taint::{
    Level, ModuleExports, ModuleInput, ProjectFacts, SinkProof, StepAt, TaintFinding,
};

/// What a file's taint analysis tells the other files of the project.
#[derive(Debug, Default, Clone)]
pub(crate) struct TaintExports {
    pub exports: ModuleExports,
    /// Functions of other modules whose summaries this file used.
    pub consulted: Vec<String>,
    /// Functions (maybe of other modules) whose results reach a sink or a
    /// return value in this file.
    pub relevant: Vec<String>,
    /// The pattern rules' diagnostics before the merge (reused when the
    /// file is analysed again for dataflow reasons only).
    pub pattern: Vec<Diagnostic>,
    /// The dataflow findings and proofs before the merge (kept when the
    /// file is analysed again from other modules' facts only).
    pub findings: Vec<TaintFinding>,
    pub proofs: Vec<SinkProof>,
}

/// What analysing a file again in the second phase takes over from its
/// earlier analysis.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reused<'a> {
    /// The earlier analysis: its pattern diagnostics stand (the module
    /// graph changes nothing for this file).
    pub earlier: &'a TaintExports,
    /// Only what other modules pass into this file's functions or store in
    /// its classes' fields is new: the dataflow starts from the functions
    /// those facts concern and adds to what the earlier one found.
    pub from_facts_only: bool,
    /// With `from_facts_only`: the functions and classes whose facts are
    /// new since the earlier analysis (`None`: all of them).
    pub new_facts: Option<&'a rustc_hash::FxHashSet<String>>,
}

/// The file-specific inputs of the taint analysis.
pub(crate) struct TaintContext<'a> {
    pub path: &'a str,
    /// Where the file's render calls find their template files.
    pub templates: Option<&'a dyn vigil_taint::template_files::TemplateFiles>,
    pub index: &'a LazyLineIndex<'a>,
    /// Ranges of the file's comments, in source order.
    pub comments: &'a [TextRange],
    pub project: Option<&'a ProjectFacts>,
    /// What an earlier analysis of this file still says, in the second
    /// phase.
    pub reuse: Option<Reused<'a>>,
    /// Whether the analysis runs at all (no selected rule reads it).
    pub enabled: bool,
}

/// (dataflow rule, pattern rule) pairs where the first's answer at a call
/// replaces the second's: pattern rules that flag a call because an
/// argument is built at run time (not because of the call's configuration
/// or of a constant's content), from the models' `supersedes` lists.
static SUPERSEDED: LazyLock<FxHashSet<(&'static str, &'static str)>> =
    LazyLock::new(|| vigil_taint::superseded_rules().collect());

/// Pattern rules some dataflow rule supersedes.
static ARGUMENT_RULES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| SUPERSEDED.iter().map(|(_, pattern)| *pattern).collect());

fn is_argument_rule(rule: &Rule) -> bool {
    !rule.dataflow && ARGUMENT_RULES.contains(rule.meta.name)
}

/// Whether a rule's findings depend on the dataflow analysis: its own, or
/// a pattern rule's that the analysis proves safe or replaces.
pub(crate) fn needs_dataflow(rule: &Rule) -> bool {
    rule.dataflow || is_argument_rule(rule)
}

/// Whether the dataflow rule `flow`'s answer replaces `pattern`'s.
fn supersedes(flow: &Rule, pattern: &Rule) -> bool {
    SUPERSEDED.contains(&(flow.meta.name, pattern.meta.name))
}

/// Runs the taint analysis and merges it into the pattern diagnostics.
pub(crate) fn run<'a>(
    module: &'a ModModule,
    model: &'a SemanticModel<'a>,
    source: &'a str,
    ctx: &TaintContext,
    mut checked: CheckResult,
) -> (CheckResult, TaintExports) {
    let from_facts = ctx.reuse.filter(|r| r.from_facts_only);
    let earlier = from_facts.map(|r| r.earlier);
    let proof_calls: Vec<TextRange> = checked
        .diagnostics
        .iter()
        .filter(|d| is_argument_rule(d.rule) && !d.audit_only)
        .map(|d| d.range)
        .collect();
    let input = ModuleInput {
        module,
        semantic: model,
        source,
        path: ctx.path,
        index: ctx.index,
        comments: ctx.comments,
        project: ctx.project,
        proof_calls: &proof_calls,
        from_project_only: earlier.is_some(),
        new_facts: from_facts.and_then(|r| r.new_facts),
        templates: ctx.templates,
    };
    let mut out = if ctx.enabled {
        vigil_taint::analyze_module(&input)
    } else {
        vigil_taint::ModuleOutput::default()
    };
    if let Some(earlier) = earlier {
        out.keep_earlier(
            &earlier.findings,
            &earlier.proofs,
            &earlier.consulted,
            &earlier.relevant,
        );
    }
    let pattern = checked.diagnostics.clone();
    merge(&mut checked.diagnostics, &out.findings, &out.proofs);
    (
        checked,
        TaintExports {
            exports: out.exports,
            consulted: out.consulted,
            relevant: out.relevant,
            pattern,
            findings: out.findings,
            proofs: out.proofs,
        },
    )
}

fn merge(diagnostics: &mut Vec<Diagnostic>, findings: &[TaintFinding], proofs: &[SinkProof]) {
    let rules = registry();
    let found: Vec<(&'static Rule, &TaintFinding)> = findings
        .iter()
        .filter_map(|f| rules.get(f.rule).map(|r| (r, f)))
        .collect();
    // One problem, one finding: the dataflow finding wins at its sink and
    // remembers the pattern rules it replaced (for suppressions).
    let mut replaced: Vec<Vec<&'static Rule>> = vec![Vec::new(); found.len()];
    let found_at = Containing::new(found.iter().enumerate().map(|(i, (_, f))| (f.range, i)));
    diagnostics.retain(|d| {
        if !is_argument_rule(d.rule) {
            return true;
        }
        let mut keep = true;
        for &i in found_at.containing(d.range) {
            let rule = found[i].0;
            if supersedes(rule, d.rule) {
                keep = false;
                if !replaced[i].iter().any(|r| std::ptr::eq(*r, d.rule)) {
                    replaced[i].push(d.rule);
                }
            }
        }
        keep
    });
    // Proven constant or sanitized: an audit note, not a likely bug.
    let proofs_at = Containing::new(proofs.iter().map(|p| (p.call, p)));
    for d in diagnostics
        .iter_mut()
        .filter(|d| is_argument_rule(d.rule) && !d.audit_only)
    {
        let relevant: Vec<&SinkProof> = proofs_at
            .containing(d.range)
            .copied()
            .filter(|p| rules.get(p.rule).is_some_and(|r| supersedes(r, d.rule)))
            .collect();
        // Calls nest: the shortest call holding this one is the innermost.
        let innermost = relevant.iter().min_by_key(|p| p.call.len());
        if let Some(call) = innermost.map(|p| p.call) {
            let all_safe = relevant.iter().filter(|p| p.call == call).all(|p| p.safe);
            if all_safe {
                d.audit_only = true;
            }
        }
    }
    for ((rule, f), replaces) in found.into_iter().zip(replaced) {
        diagnostics.push(Diagnostic {
            rule,
            range: f.range,
            statement: f.statement,
            message: f.message.clone(),
            severity: rule.meta.severity,
            confidence: match f.confidence {
                Level::High => Confidence::High,
                Level::Medium => Confidence::Medium,
            },
            audit_only: f.audit_only,
            flow: f
                .steps
                .iter()
                .map(|step| match &step.at {
                    StepAt::Here(range) => FlowNote {
                        range: *range,
                        note: step.note.to_string(),
                        elsewhere: None,
                    },
                    StepAt::There { path, line, column } => FlowNote {
                        range: f.range,
                        note: step.note.to_string(),
                        elsewhere: Some((path.to_string(), *line, *column)),
                    },
                })
                .collect(),
            replaces,
            shown_as: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use vigil_rules::registry;

    /// A renamed rule would silently drop out of a `supersedes` list: each
    /// entry names a pattern rule of the catalog that shares a CWE with the
    /// dataflow rule that lists it.
    #[test]
    fn superseded_rules_exist_and_share_a_cwe_with_their_dataflow_rule() {
        let mut count = 0;
        for (flow, pattern) in vigil_taint::superseded_rules() {
            count += 1;
            let get = |name: &str| {
                registry()
                    .get(name)
                    .unwrap_or_else(|| panic!("`{name}` is not in the catalog"))
            };
            let (flow, pattern) = (get(flow), get(pattern));
            assert!(flow.dataflow && !pattern.dataflow);
            assert!(
                flow.meta.cwe.iter().any(|c| pattern.meta.cwe.contains(c)),
                "`{}` shares no CWE with `{}`",
                pattern.meta.name,
                flow.meta.name
            );
        }
        assert!(count >= 14);
    }

    #[test]
    fn every_dataflow_rule_of_the_models_is_in_the_catalog() {
        for name in vigil_taint::rule_names() {
            let rule = registry()
                .get(name)
                .unwrap_or_else(|| panic!("model rule `{name}` is not in the catalog"));
            assert!(rule.dataflow, "`{name}` is not declared `dataflow: true`");
        }
        for rule in registry().rules.iter().filter(|r| r.dataflow) {
            assert!(
                vigil_taint::rule_names().any(|n| n == rule.meta.name),
                "`{}` has no sink in the models",
                rule.meta.name
            );
        }
    }
}
