//! What a module analysis reports.

use crate::model::spec::Level;
use crate::origin::Step;
use crate::project::ModuleExports;
use vigil_python::TextRange;

/// Untrusted data that reaches a sink.
#[derive(Debug, Clone)]
pub struct TaintFinding {
    /// The dataflow rule (a rule name of the catalog).
    pub rule: &'static str,
    /// The sink: the dangerous call (or assignment, or return).
    pub range: TextRange,
    /// The statement holding the sink (suppression comments apply to it).
    pub statement: TextRange,
    pub message: String,
    /// `High` for data from the network, `Medium` for local input and
    /// for guessed entry points or sinks.
    pub confidence: Level,
    /// Local input reaching a sink that does what a program is for (see
    /// `local_input_by_design` in the rule models): an audit note.
    pub audit_only: bool,
    /// From the source to the sink.
    pub steps: Vec<Step>,
}

/// What the analysis proved about a sink call's dangerous argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkProof {
    pub call: TextRange,
    pub rule: &'static str,
    /// The argument is constant or sanitized for this sink on every path.
    pub safe: bool,
}

/// The result of analysing one module.
#[derive(Debug, Default)]
pub struct ModuleOutput {
    pub findings: Vec<TaintFinding>,
    pub proofs: Vec<SinkProof>,
    pub exports: ModuleExports,
    /// Functions of other modules whose summaries or data this analysis
    /// used (a change to them calls for analysing this module again).
    pub consulted: Vec<String>,
    /// Functions of unknown behaviour (maybe of other modules) whose
    /// results reach a sink or a return value here: if one of them turns
    /// out to return untrusted data, this module has more to report.
    pub relevant: Vec<String>,
}

/// One finding per rule and sink (the first one given), in source order;
/// one proof per call and rule, safe only if every analysis of the call
/// proved it safe.
pub(crate) fn settle(findings: &mut Vec<TaintFinding>, proofs: &mut Vec<SinkProof>) {
    let mut seen = rustc_hash::FxHashSet::default();
    findings.retain(|f| seen.insert((f.rule, f.range)));
    // A rule refining another one says nothing where that one reports.
    let models = crate::model::models();
    findings.retain(|f| {
        models
            .refined_rule(f.rule)
            .is_none_or(|refined| !seen.contains(&(refined, f.range)))
    });
    findings.sort_by_key(|f| (f.range.start(), f.rule));
    proofs.sort_by_key(|p| (p.call.start(), p.call.end(), p.rule, !p.safe));
    proofs.dedup_by(|b, a| {
        if a.call == b.call && a.rule == b.rule {
            a.safe &= b.safe;
            true
        } else {
            false
        }
    });
}

impl ModuleOutput {
    /// Adds what an earlier analysis of the file found to this one, which
    /// started from the functions new project facts concern (see
    /// `ModuleInput::from_project_only`): where both report a sink, this
    /// analysis's finding stands.
    pub fn keep_earlier(
        &mut self,
        findings: &[TaintFinding],
        proofs: &[SinkProof],
        consulted: &[String],
        relevant: &[String],
    ) {
        self.findings.extend_from_slice(findings);
        self.proofs.extend_from_slice(proofs);
        settle(&mut self.findings, &mut self.proofs);
        for (mine, earlier) in [
            (&mut self.consulted, consulted),
            (&mut self.relevant, relevant),
        ] {
            mine.extend_from_slice(earlier);
            mine.sort();
            mine.dedup();
        }
    }
}
