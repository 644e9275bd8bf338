//! The dataflow (taint) engine of vigil.
//!
//! It tells attacker-controlled data from safe data: a finding means that
//! data from a *source* (the request, the command line, a socket, a
//! language model's output) can reach a *sink* (an SQL query, a shell
//! command, `eval`, a file path, a redirect) without passing a
//! *sanitizer* or a *guard* for that kind of sink, and it comes with the
//! path from one to the other.
//!
//! How data flows through the crate:
//!
//! ```text
//! models/*.toml ──► model (parsed once: sources, sinks, sanitizers,
//!                   propagators, guards, types, entry points)
//!
//! module AST + semantic model
//!   └► module::analyze_module
//!        ├ functions: every def (module body = function 0), classes
//!        ├ prescan: which functions read sources / are entry points
//!        └ worklist over functions, each:
//!             cfg::build ──► function::analyze: fixpoint over blocks
//!               (eval: values = taint labels + type + constant + parts;
//!                guards refine states on branch edges; constant
//!                conditions prune them), then a reporting pass:
//!               sinks ──► TaintFinding (rule, path of steps)
//!               returns ──► Summary (parameters → return, → sinks)
//!             tables shared between functions (summaries, data passed to
//!             parameters, instance attributes, globals, closures) wake
//!             the functions that read them when they change
//!   └► ModuleOutput: findings, proofs (sink arguments shown constant or
//!      sanitized), exports for other modules (summaries, calls with
//!      untrusted data, attributes, base classes)
//!
//! project::ProjectFacts: the exports of every module, merged by the scan
//! and given back to modules analysed again (cross-module flows).
//! ```
//!
//! Everything is bounded: recursion grows the stack with `stacker` and
//! the parser refuses trees deeper than 1000 levels; blocks per graph,
//! visits per block, analyses per function, trace lengths, container parts
//! and facts per function are capped.

mod cfg;
mod deny_list;
mod eval;
mod fold;
mod function;
mod guards;
mod intern;
mod kinds;
mod local_path;
pub mod model;
mod module;
mod origin;
mod output;
pub mod project;
mod regex;
mod retyped;
mod sinks;
mod state;
mod summary;
pub mod template_files;
mod template_sinks;
mod value;

pub use kinds::KindSet;
pub use model::models;
pub use model::spec::Level;
pub use module::{ModuleInput, analyze_module};
pub use origin::{Step, StepAt};
pub use output::{ModuleOutput, SinkProof, TaintFinding};
pub use project::{
    ArgKey, CallFact, Changes, EntryFact, ExportedLabel, ExportedSummary, FieldFact, ModuleExports,
    PlacedStep, ProjectFacts,
};

/// The names of every dataflow rule the models report.
pub fn rule_names() -> impl Iterator<Item = &'static str> {
    models().rules.iter().map(|r| r.name.as_str())
}

/// The qualified names of the sinks of dataflow rule `rule`.
pub fn sink_names(rule: &str) -> Vec<&'static str> {
    let m = models();
    match m.rule_by_name(rule) {
        Some(id) => m.sink_names(id).collect(),
        None => Vec::new(),
    }
}

/// (dataflow rule, pattern rule it supersedes) for every `supersedes`
/// entry of the models.
pub fn superseded_rules() -> impl Iterator<Item = (&'static str, &'static str)> {
    models().rules.iter().flat_map(|r| {
        r.supersedes
            .iter()
            .map(move |pattern| (r.name.as_str(), pattern.as_str()))
    })
}
