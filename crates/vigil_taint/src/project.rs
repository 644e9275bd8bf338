//! What modules tell each other: summaries of their functions, untrusted
//! data they pass to functions of other modules, base classes.
//!
//! Everything here is plain data (strings, placed steps) so that it can
//! cross threads and files: each module analysis exports a
//! [`ModuleExports`]; the scan merges them into [`ProjectFacts`] and hands
//! those to the next round of module analyses.

use crate::kinds::KindSet;
use crate::model::spec::{Level, Trust};
use crate::module::functions::ParamKind;
use rustc_hash::FxHashMap;

/// A step of a path, placed in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedStep {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub note: String,
}

/// Untrusted data as one module describes it to another.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedLabel {
    pub what: String,
    pub expr: String,
    pub trust: Trust,
    pub confidence: Level,
    pub structured: bool,
    pub reaches: KindSet,
    pub cleared: KindSet,
    pub flags: u8,
    pub steps: Vec<PlacedStep>,
}

impl ExportedLabel {
    /// Whether both describe data from the same origin.
    pub fn same_origin(&self, other: &ExportedLabel) -> bool {
        self.what == other.what
            && match (self.steps.first(), other.steps.first()) {
                (Some(a), Some(b)) => a.line == b.line && a.column == b.column && a.path == b.path,
                (None, None) => self.expr == other.expr,
                _ => false,
            }
    }

    /// Whether data of this label passed to another module's function or
    /// stored in its class is followed there (see
    /// [`ProjectFacts::carries_local_input`]).
    pub fn followed_into_other_modules(&self, carries_local_input: bool) -> bool {
        self.can_reach_a_sink() && (carries_local_input || self.trust != Trust::Local)
    }

    /// Whether some rule's sinks could still report it: data sanitized for
    /// every rule it could reach is inert wherever it goes.
    pub fn can_reach_a_sink(&self) -> bool {
        !self.reaches.without(self.cleared).is_empty()
    }

    /// Identity of the origin (where it was first read).
    pub fn key(&self) -> String {
        match self.steps.first() {
            Some(s) => format!("{}:{}:{}:{}", s.path, s.line, s.column, self.what),
            None => format!("{}:{}", self.expr, self.what),
        }
    }
}

/// How an argument is passed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArgKey {
    /// The n-th positional argument (after a bound receiver).
    Pos(u32),
    Kw(String),
    /// A parameter by name, whatever the call (URL configuration).
    Param(String),
}

/// Untrusted data passed to a function of another module.
#[derive(Debug, Clone, PartialEq)]
pub struct CallFact {
    /// Qualified name of the callee as the caller resolved it.
    pub callee: String,
    /// Called on an instance (`obj.method(...)`): positions skip `self`.
    pub bound: bool,
    pub arg: ArgKey,
    pub label: ExportedLabel,
}

/// An object of a modelled type (a request, a cursor) passed to a function
/// of another module: the callee reads sources and reaches sinks through
/// that parameter as the caller would.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeFact {
    /// Qualified name of the callee as the caller resolved it.
    pub callee: String,
    /// Called on an instance (`obj.method(...)`): positions skip `self`.
    pub bound: bool,
    pub arg: ArgKey,
    /// The type's qualified name (`flask.request`).
    pub ty: String,
}

/// A type callers in other modules give a parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryType {
    pub bound: bool,
    pub arg: ArgKey,
    pub ty: String,
}

/// Untrusted data stored into an attribute of a class's instances.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldFact {
    pub class: String,
    pub attr: String,
    pub label: ExportedLabel,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParamSig {
    pub name: String,
    pub kind: ParamKind,
}

/// What a function does with data, as seen from callers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportedSummary {
    pub params: Vec<ParamSig>,
    /// Instance method (a bound call skips the first parameter).
    pub method: bool,
    /// Parameters whose data reaches the return value, with the sinks it
    /// was made safe for and its flags.
    pub params_to_return: Vec<(u32, KindSet, u8)>,
    pub returns_unknown: bool,
    pub returns_sources: Vec<ExportedLabel>,
    pub return_type: Option<String>,
    /// Parameters that reach a sink (by rule index).
    pub param_sinks: Vec<(u32, u8)>,
    /// Parameters stored into attributes of `self`.
    pub param_fields: Vec<(u32, String)>,
}

impl ExportedSummary {
    /// Whether callers in other modules gain findings or lose false ones
    /// with it: it returns untrusted data, sinks or stores a parameter, or
    /// sanitizes or drops one on its way to the result.
    pub fn is_informative(&self) -> bool {
        !self.returns_sources.is_empty()
            || !self.param_sinks.is_empty()
            || !self.param_fields.is_empty()
            || self.clears_a_parameter()
    }

    /// Whether data passed to some parameter comes back made safe for some
    /// sinks, or none of the parameters' data comes back at all (a lookup
    /// that returns rows, a constant): a caller that took the call to hand
    /// its arguments back (before it knew the summary) has false flows.
    /// (A function that returns some of its parameters but not others is
    /// not exported for that alone: most functions are such, and carrying
    /// their summaries cost the audit a tenth of its time and memory.)
    pub fn clears_a_parameter(&self) -> bool {
        let sanitized = self
            .params_to_return
            .iter()
            .any(|(_, cleared, _)| !cleared.is_empty());
        let first = usize::from(self.method);
        let dropped = self.params.len() > first
            && self
                .params_to_return
                .iter()
                .all(|(p, _, _)| (*p as usize) < first);
        sanitized || dropped
    }
}

/// What one module analysis tells the others.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModuleExports {
    pub summaries: Vec<(String, ExportedSummary)>,
    pub calls: Vec<CallFact>,
    pub types: Vec<TypeFact>,
    pub fields: Vec<FieldFact>,
    /// Classes with their bases (qualified).
    pub classes: Vec<(String, Vec<String>)>,
}

impl ModuleExports {
    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
            && self.calls.is_empty()
            && self.types.is_empty()
            && self.fields.is_empty()
            && self.classes.is_empty()
    }
}

/// Untrusted data a function receives from callers in other modules.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryFact {
    pub bound: bool,
    pub arg: ArgKey,
    pub label: ExportedLabel,
}

/// Everything the modules of a project told each other.
#[derive(Debug, Default)]
pub struct ProjectFacts {
    pub summaries: FxHashMap<String, ExportedSummary>,
    /// Function qualified name -> data its callers pass.
    pub entries: FxHashMap<String, Vec<EntryFact>>,
    /// Function qualified name -> types of objects its callers pass.
    pub entry_types: FxHashMap<String, Vec<EntryType>>,
    /// `class.attr` -> data stored there.
    pub fields: FxHashMap<String, Vec<ExportedLabel>>,
    pub classes: FxHashMap<String, Vec<String>>,
    /// Last segments of the functions whose summaries return untrusted
    /// data (`get_name` for `pkg.helpers.get_name`).
    pub returning: rustc_hash::FxHashSet<String>,
    /// Whether data the local user gives (command line, environment) is
    /// followed into other modules' functions and classes. Only the audit
    /// does: there, local input is reported wherever it goes. In default
    /// mode most rules hold it to be input by design, and the rest still
    /// see the call through their pattern rule, so following it through a
    /// library's modules was most of the second phase's work (on the
    /// corpus, 9,000 of 29,600 function analyses) for a few findings of
    /// command-line paths reaching loaders inside other packages.
    pub carries_local_input: bool,
}

/// Which names gained new facts in a merge.
#[derive(Debug, Default)]
pub struct Changes {
    /// Functions whose summary is new or different.
    pub summaries: Vec<String>,
    /// Functions that receive new data from callers.
    pub entries: Vec<String>,
    /// Classes with new field data.
    pub fields: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty() && self.entries.is_empty() && self.fields.is_empty()
    }
}

/// Most facts kept per function or field (the first ones win).
const MAX_FACTS: usize = 16;

impl ProjectFacts {
    /// Adds one module's exports; `canonical` maps a name through the
    /// project's re-exports.
    pub fn merge(
        &mut self,
        exports: &ModuleExports,
        canonical: impl Fn(&str) -> String,
    ) -> Changes {
        let mut changes = Changes::default();
        for (name, summary) in &exports.summaries {
            if !summary.returns_sources.is_empty()
                && let Some(last) = name.rsplit('.').next()
            {
                self.returning.insert(last.to_string());
            }
            let old = self.summaries.insert(name.clone(), summary.clone());
            if old.as_ref() != Some(summary) {
                changes.summaries.push(name.clone());
            }
        }
        for (name, bases) in &exports.classes {
            self.classes.insert(name.clone(), bases.clone());
        }
        // Inert data passed on or stored changes no finding, nor local
        // input outside the audit: the callee or the class is not analysed
        // again for it.
        let local = self.carries_local_input;
        let carried = |label: &ExportedLabel| label.followed_into_other_modules(local);
        for fact in exports.calls.iter().filter(|f| carried(&f.label)) {
            let callee = canonical(&fact.callee);
            let list = self.entries.entry(callee.clone()).or_default();
            let added = push_new(
                list,
                |e| e.arg == fact.arg && e.bound == fact.bound && e.label.same_origin(&fact.label),
                || EntryFact {
                    bound: fact.bound,
                    arg: fact.arg.clone(),
                    label: fact.label.clone(),
                },
            );
            if added {
                changes.entries.push(callee);
            }
        }
        for fact in &exports.types {
            let callee = canonical(&fact.callee);
            let list = self.entry_types.entry(callee.clone()).or_default();
            // The first type given to a parameter is its type.
            let added = push_new(
                list,
                |e| e.arg == fact.arg && e.bound == fact.bound,
                || EntryType {
                    bound: fact.bound,
                    arg: fact.arg.clone(),
                    ty: fact.ty.clone(),
                },
            );
            if added {
                changes.entries.push(callee);
            }
        }
        for fact in exports.fields.iter().filter(|f| carried(&f.label)) {
            let class = canonical(&fact.class);
            let list = self
                .fields
                .entry(format!("{class}.{}", fact.attr))
                .or_default();
            if !list.iter().any(|l| l.same_origin(&fact.label)) && list.len() < MAX_FACTS {
                list.push(fact.label.clone());
                changes.fields.push(class);
            }
        }
        changes.summaries.sort();
        changes.summaries.dedup();
        changes.entries.sort();
        changes.entries.dedup();
        changes.fields.sort();
        changes.fields.dedup();
        changes
    }
}

/// Adds the fact `make` builds unless `known` matches one already there or
/// the list is full; returns whether it was added.
fn push_new<T>(list: &mut Vec<T>, known: impl Fn(&T) -> bool, make: impl FnOnce() -> T) -> bool {
    if list.len() >= MAX_FACTS || list.iter().any(known) {
        return false;
    }
    list.push(make());
    true
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Request data read at `line` of `a.py`.
    pub(crate) fn label(line: u32) -> ExportedLabel {
        ExportedLabel {
            what: "the request".into(),
            expr: "request.args".into(),
            trust: Trust::Remote,
            confidence: Level::High,
            structured: false,
            reaches: KindSet::ALL,
            cleared: KindSet::EMPTY,
            flags: 0,
            steps: vec![PlacedStep {
                path: "a.py".into(),
                line,
                column: 1,
                note: "read".into(),
            }],
        }
    }

    #[test]
    fn local_input_is_carried_into_other_modules_only_when_asked() {
        let local = ExportedLabel {
            what: "command-line arguments".into(),
            trust: Trust::Local,
            ..label(5)
        };
        let exports = ModuleExports {
            calls: vec![CallFact {
                callee: "pkg.util.run".into(),
                bound: false,
                arg: ArgKey::Pos(0),
                label: local.clone(),
            }],
            fields: vec![FieldFact {
                class: "pkg.db.Store".into(),
                attr: "value".into(),
                label: local,
            }],
            ..ModuleExports::default()
        };
        let mut facts = ProjectFacts::default();
        assert!(facts.merge(&exports, str::to_string).is_empty());
        assert!(facts.entries.is_empty() && facts.fields.is_empty());
        let mut audit = ProjectFacts {
            carries_local_input: true,
            ..ProjectFacts::default()
        };
        let changes = audit.merge(&exports, str::to_string);
        assert_eq!(changes.entries, vec!["pkg.util.run".to_string()]);
        assert_eq!(changes.fields, vec!["pkg.db.Store".to_string()]);
    }

    #[test]
    fn merging_reports_only_new_facts() {
        let mut facts = ProjectFacts::default();
        let exports = ModuleExports {
            calls: vec![CallFact {
                callee: "pkg.alias.run".into(),
                bound: false,
                arg: ArgKey::Pos(0),
                label: label(3),
            }],
            ..ModuleExports::default()
        };
        let canonical = |n: &str| n.replace("alias", "util");
        let changes = facts.merge(&exports, canonical);
        assert_eq!(changes.entries, vec!["pkg.util.run".to_string()]);
        assert!(facts.merge(&exports, canonical).is_empty());
        assert_eq!(facts.entries["pkg.util.run"].len(), 1);
    }

    #[test]
    fn data_sanitized_for_every_rule_it_reaches_is_not_a_fact() {
        let mut facts = ProjectFacts::default();
        let inert = ExportedLabel {
            reaches: KindSet::one(2),
            cleared: KindSet::one(2).union(KindSet::one(5)),
            ..label(3)
        };
        let field = |label: ExportedLabel| FieldFact {
            class: "pkg.Store".into(),
            attr: "value".into(),
            label,
        };
        let exports = ModuleExports {
            calls: vec![CallFact {
                callee: "pkg.run".into(),
                bound: false,
                arg: ArgKey::Pos(0),
                label: inert.clone(),
            }],
            fields: vec![field(inert.clone())],
            ..ModuleExports::default()
        };
        assert!(facts.merge(&exports, |n: &str| n.to_string()).is_empty());
        assert!(facts.entries.is_empty() && facts.fields.is_empty());
        // Cleared for one of the rules it reaches only: still a fact.
        let live = ExportedLabel {
            reaches: KindSet::one(2).union(KindSet::one(4)),
            ..inert
        };
        let exports = ModuleExports {
            fields: vec![field(live)],
            ..ModuleExports::default()
        };
        let changes = facts.merge(&exports, |n: &str| n.to_string());
        assert_eq!(changes.fields, vec!["pkg.Store".to_string()]);
    }

    #[test]
    fn summaries_that_say_nothing_new_are_not_informative() {
        let default = ExportedSummary {
            returns_unknown: true,
            params_to_return: vec![(0, KindSet::EMPTY, 0)],
            ..ExportedSummary::default()
        };
        assert!(!default.is_informative());
        let sanitizer = ExportedSummary {
            params_to_return: vec![(0, KindSet::one(1), 0)],
            ..default.clone()
        };
        assert!(sanitizer.is_informative());
    }
}
