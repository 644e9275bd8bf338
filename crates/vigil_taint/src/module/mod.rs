//! One module: its functions, the tables they share, and the worklist that
//! analyses them until nothing changes.
//!
//! The module body is function 0. A function is analysed when it may
//! matter: it reads a source, is a framework entry point, receives
//! untrusted data from a caller, holds a call whose safety the pattern
//! rules asked about, or a caller needs its summary. Results that other
//! functions depend on (summaries, data passed to parameters, attributes
//! of instances, module globals, closure variables) live in tables; when
//! an entry changes, the functions that read it are analysed again.

pub mod entry;
pub mod exports;
pub mod functions;
mod prescan;
pub mod returns;

use crate::cfg::Cfg;
use crate::intern::{Interner, Sym};
use crate::model::{Models, models};
use crate::origin::Origins;
use crate::output::{ModuleOutput, SinkProof, TaintFinding};
use crate::project::{CallFact, FieldFact, ProjectFacts};
use crate::summary::Summary;
use crate::value::{Taint, Ty, Value};
use entry::EntryDesc;
use functions::{Body, ClassInfo, Collector, FnInfo};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::VecDeque;
use vigil_python::ast::ModModule;
use vigil_python::{LazyLineIndex, TextRange, TextSize};
use vigil_semantic::SemanticModel;

/// How many times one function may be analysed.
const MAX_RUNS_PER_FUNCTION: u32 = 8;
/// How deep summaries are computed on demand (callee of callee of ...).
const MAX_DEMAND_DEPTH: usize = 12;

/// What a module analysis needs.
pub struct ModuleInput<'a> {
    pub module: &'a ModModule,
    pub semantic: &'a SemanticModel<'a>,
    pub source: &'a str,
    /// The file as shown to users (for steps other modules show).
    pub path: &'a str,
    pub index: &'a LazyLineIndex<'a>,
    /// Ranges of the file's comments, in source order.
    pub comments: &'a [TextRange],
    /// Facts from the other modules of the project, when known.
    pub project: Option<&'a ProjectFacts>,
    /// Calls the pattern rules flagged: the analysis says whether their
    /// dangerous argument is provably constant or sanitized.
    pub proof_calls: &'a [TextRange],
    /// The file was analysed before with all it reads itself, and only
    /// what other modules pass into its functions or store in its classes'
    /// fields is new: the analysis starts from the functions those project
    /// facts concern (their effects still reach the rest of the module),
    /// and [`ModuleOutput::keep_earlier`] adds what the earlier one found.
    pub from_project_only: bool,
    /// With `from_project_only`: the functions and classes whose project
    /// facts are new since the earlier analysis. Only they are seeded: the
    /// earlier analysis already followed the facts the others had (`None`:
    /// every function with facts is seeded).
    pub new_facts: Option<&'a rustc_hash::FxHashSet<String>>,
    /// The template files of the project, as this module's render calls
    /// find them (`None`: none are read).
    pub templates: Option<&'a dyn crate::template_files::TemplateFiles>,
}

/// A table entry other functions may depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    Summary(u32),
    Field(Sym, Sym),
    Global(Sym),
    Capture(u32),
}

/// What one analysis of a function found, kept until it is analysed again.
#[derive(Debug, Default)]
pub struct FnResult {
    /// Functions of unknown behaviour whose results reach a sink or the
    /// return value here.
    pub relevant: Vec<Sym>,
    pub findings: Vec<TaintFinding>,
    pub proofs: Vec<SinkProof>,
    pub external_calls: Vec<CallFact>,
    pub external_types: Vec<crate::project::TypeFact>,
    pub external_fields: Vec<FieldFact>,
}

/// The state of a module analysis.
pub struct ModuleCx<'a> {
    pub input: &'a ModuleInput<'a>,
    pub models: &'static Models,
    pub names: Interner,
    pub origins: Origins,
    pub funcs: Vec<FnInfo<'a>>,
    pub fn_by_name: FxHashMap<String, u32>,
    pub fn_by_node: FxHashMap<TextSize, u32>,
    pub classes: FxHashMap<Sym, ClassInfo>,
    pub entries: Vec<Option<EntryDesc>>,
    pub summaries: Vec<Option<Summary>>,
    /// Data callers pass to each parameter (empty until some is passed).
    pub entry_taint: Vec<Vec<Taint>>,
    /// The type of object callers pass to each parameter (a request, a
    /// database cursor): the function reads sources and reaches sinks
    /// through it as its callers would.
    pub entry_types: Vec<Vec<Option<Ty>>>,
    pub captures: Vec<Option<crate::state::State>>,
    pub fields: FxHashMap<(Sym, Sym), Taint>,
    /// The type of object stored in an attribute of a class's instances
    /// (`self.req = request`), the first one stored.
    pub field_types: FxHashMap<(Sym, Sym), Ty>,
    pub globals: FxHashMap<Sym, Value>,
    /// The values the module body last gave its globals.
    body_globals: FxHashMap<Sym, Value>,
    /// The values functions gave module globals (`global name`), joined.
    function_globals: FxHashMap<Sym, Value>,
    readers: FxHashMap<Dep, FxHashSet<u32>>,
    pub results: Vec<FnResult>,
    pub cfgs: Vec<Option<Option<Cfg<'a>>>>,
    runs: Vec<u32>,
    in_progress: Vec<u32>,
    queue: VecDeque<u32>,
    queued: Vec<bool>,
    budget: usize,
    /// Names of other modules' functions this analysis used.
    pub consulted: FxHashSet<String>,
    /// Whether this file can hold sources at all (trigger words present).
    pub may_have_sources: bool,
    /// Functions of this module calling each function (from the quick walk).
    pub callers: Option<FxHashMap<u32, Vec<u32>>>,
    chains: FxHashMap<Sym, std::rc::Rc<[Sym]>>,
    /// Module-level names evaluated on demand (when the module body is not
    /// analysed), and those being evaluated.
    pub lazy_globals: FxHashMap<Sym, Value>,
    /// Qualified names resolved so far, by expression.
    pub qualified_cache: FxHashMap<TextRange, Option<String>>,
    pub evaluating_globals: Vec<Sym>,
    /// Per function, once known: whether it returns an object of a
    /// modelled type (see [`returns`]).
    pub returns_model_object: Vec<Option<bool>>,
    /// Per function, once asked: the responses it gives another content
    /// type (see [`crate::retyped`]).
    pub retyped: FxHashMap<u32, crate::retyped::Retyped>,
}

/// Analyses one module.
pub fn analyze_module(input: &ModuleInput) -> ModuleOutput {
    let models = models();
    // A file analysed again with the project's facts was chosen for them
    // (data passed in, base classes known now): it is analysed in full.
    let prose = [input.comments, input.semantic.docstrings()];
    let may_have_sources =
        input.project.is_some() || models.triggered_in_code(input.source, &prose);
    if !may_have_sources && input.proof_calls.is_empty() {
        // Nothing can start a flow here: no source can be read, and no
        // pattern finding asks for a proof.
        return ModuleOutput::default();
    }
    let mut names = Interner::default();
    let collected = Collector::new(input.semantic, &mut names).collect(&input.module.body);
    let Collector {
        funcs,
        classes,
        class_nodes,
        ..
    } = collected;
    let n = funcs.len();
    let mut cx = ModuleCx {
        input,
        models,
        names,
        origins: Origins::default(),
        fn_by_name: funcs
            .iter()
            .enumerate()
            .map(|(i, f)| (f.qualified.clone(), i as u32))
            .collect(),
        fn_by_node: funcs
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, f)| (f.range_start(), i as u32))
            .collect(),
        funcs,
        classes,
        entries: vec![None; n],
        summaries: vec![None; n],
        entry_taint: Vec::new(),
        entry_types: Vec::new(),
        captures: vec![None; n],
        fields: FxHashMap::default(),
        field_types: FxHashMap::default(),
        globals: FxHashMap::default(),
        body_globals: FxHashMap::default(),
        function_globals: FxHashMap::default(),
        readers: FxHashMap::default(),
        results: (0..n).map(|_| FnResult::default()).collect(),
        cfgs: (0..n).map(|_| None).collect(),
        runs: vec![0; n],
        in_progress: Vec::new(),
        queue: VecDeque::new(),
        queued: vec![false; n],
        budget: n * 6 + 64,
        consulted: FxHashSet::default(),
        may_have_sources,
        callers: None,
        chains: FxHashMap::default(),
        lazy_globals: FxHashMap::default(),
        qualified_cache: FxHashMap::default(),
        evaluating_globals: Vec::new(),
        returns_model_object: vec![None; n],
        retyped: FxHashMap::default(),
    };
    cx.entry_taint = vec![Vec::new(); cx.funcs.len()];
    cx.entry_types = vec![Vec::new(); cx.funcs.len()];
    let mut exports = crate::project::ModuleExports::default();
    exports::export_classes(&cx, &class_nodes, &mut exports);

    let seeds = cx.seeds();
    if seeds.is_empty() {
        return ModuleOutput {
            exports,
            ..ModuleOutput::default()
        };
    }
    // The module body is analysed when its own code reads a source or
    // holds a flagged call; functions read module globals on demand.
    for f in seeds {
        cx.enqueue(f);
    }
    cx.run_queue();
    cx.finish(exports)
}

impl<'a> ModuleCx<'a> {
    pub fn enqueue(&mut self, f: u32) {
        let i = f as usize;
        if i < self.queued.len() && !self.queued[i] {
            self.queued[i] = true;
            self.queue.push_back(f);
        }
    }

    fn run_queue(&mut self) {
        while let Some(f) = self.queue.pop_front() {
            // Skipped when it already ran since it was queued.
            if !self.queued[f as usize] {
                continue;
            }
            if self.budget == 0 {
                break;
            }
            self.run(f);
        }
    }

    /// Records that `reader` used `dep`.
    pub fn note_read(&mut self, dep: Dep, reader: u32) {
        self.readers.entry(dep).or_default().insert(reader);
    }

    fn wake(&mut self, dep: Dep) {
        if let Some(readers) = self.readers.get(&dep) {
            let readers: Vec<u32> = readers.iter().copied().collect();
            for r in readers {
                self.enqueue(r);
            }
        }
    }

    /// Untrusted data a caller passes to parameter `param` of `callee`:
    /// the callee is analysed (again) when that is new.
    pub fn pass_to(&mut self, callee: u32, param: u32, taint: &crate::value::Taint) {
        let slot = self.entry_slot(callee, param as usize);
        let before = slot.clone();
        slot.join(taint);
        if *slot != before {
            self.enqueue(callee);
        }
    }

    /// An object of type `ty` a caller passes to parameter `param` of
    /// `callee`: the callee is analysed (again) with its parameter of that
    /// type when no caller gave it one before. Returns whether that is new.
    pub fn pass_type(&mut self, callee: u32, param: u32, ty: Ty) -> bool {
        if self.entry_type(callee, param as usize).is_some() {
            return false;
        }
        self.set_entry_type(callee, param, ty);
        self.enqueue(callee);
        true
    }

    /// Gives parameter `param` of `f` the type `ty` (unless a caller gave
    /// it one) without analysing `f` for it.
    pub fn set_entry_type(&mut self, f: u32, param: u32, ty: Ty) {
        let slots = &mut self.entry_types[f as usize];
        let param = param as usize;
        if slots.len() <= param {
            slots.resize(param + 1, None);
        }
        slots[param].get_or_insert(ty);
    }

    /// The type of object callers pass to a parameter, if any.
    pub fn entry_type(&self, f: u32, param: usize) -> Option<Ty> {
        self.entry_types[f as usize].get(param).copied().flatten()
    }

    /// Data callers pass to a parameter (allocated on first use).
    pub fn entry_slot(&mut self, f: u32, param: usize) -> &mut crate::value::Taint {
        let slots = &mut self.entry_taint[f as usize];
        if slots.len() <= param {
            slots.resize(param + 1, crate::value::Taint::default());
        }
        &mut slots[param]
    }

    /// Whether `f` is being analysed (a recursive call reached it).
    pub fn in_progress(&self, f: u32) -> bool {
        self.in_progress.contains(&f)
    }

    /// The summary of a function of this module, computing it on demand.
    pub fn summary_of(&mut self, f: u32, reader: u32) -> Summary {
        if self.summaries[f as usize].is_none()
            && !self.in_progress(f)
            && self.in_progress.len() < MAX_DEMAND_DEPTH
            && self.budget > 0
        {
            self.run(f);
        }
        // Noted after the analysis on demand: the summary it publishes is
        // the one read here, so it must not wake the reader again.
        self.note_read(Dep::Summary(f), reader);
        self.summaries[f as usize]
            .clone()
            .unwrap_or_else(|| Summary::opaque(self.funcs[f as usize].params.len()))
    }

    /// Analyses one function and publishes what changed.
    pub fn run(&mut self, f: u32) {
        let i = f as usize;
        if self.runs[i] >= MAX_RUNS_PER_FUNCTION || self.in_progress(f) {
            return;
        }
        self.queued[i] = false;
        self.runs[i] += 1;
        self.budget = self.budget.saturating_sub(1);
        self.in_progress.push(f);
        let effects = crate::function::analyze(self, f);
        self.in_progress.pop();
        self.apply(f, effects);
    }

    /// What instances of `class` hold in `attr` changed: the methods that
    /// read it are analysed again, and those not analysed yet that mention
    /// it are analysed.
    fn field_changed(&mut self, class: Sym, attr: Sym) {
        self.wake(Dep::Field(class, attr));
        let needle = format!(".{}", self.names.resolve(attr));
        for m in self.methods_of_class_tree(class) {
            if self.runs[m as usize] == 0 && self.mentions(m, &needle) {
                self.enqueue(m);
            }
        }
    }

    fn apply(&mut self, f: u32, effects: crate::function::Effects) {
        let crate::function::Effects {
            mut summary,
            result,
            calls,
            fields,
            field_types,
            globals,
            captures,
        } = effects;
        summary.normalize();
        let i = f as usize;
        if self.summaries[i].as_ref() != Some(&summary) {
            let gained_sources = !summary.returns_sources.labels.is_empty();
            self.summaries[i] = Some(summary);
            self.wake(Dep::Summary(f));
            if gained_sources {
                // Callers not analysed yet must see the returned data.
                for caller in prescan::callers_of(self, f) {
                    self.enqueue(caller);
                }
            }
        }
        self.results[i] = result;
        for (callee, param, taint) in calls {
            self.pass_to(callee, param, &taint);
        }
        for ((class, attr), taint) in fields {
            let slot = self.fields.entry((class, attr)).or_default();
            let before = slot.clone();
            slot.join(&taint);
            if *slot != before {
                self.field_changed(class, attr);
            }
        }
        for ((class, attr), ty) in field_types {
            if let std::collections::hash_map::Entry::Vacant(slot) =
                self.field_types.entry((class, attr))
            {
                slot.insert(ty);
                self.field_changed(class, attr);
            }
        }
        for (name, value) in globals {
            // The module body's last values replace its earlier ones;
            // functions' writes (`global name`) accumulate, and a global
            // holds both. (Replacing the joined value with the body's made
            // the body and the functions undo each other's writes, each
            // waking the other, until their runs ran out.)
            let mut now = if f == 0 {
                self.body_globals.insert(name, value.clone());
                value
            } else {
                let slot = self.function_globals.entry(name).or_default();
                slot.join(&value);
                slot.clone()
            };
            let other = if f == 0 {
                self.function_globals.get(&name)
            } else {
                self.body_globals.get(&name)
            };
            if let Some(other) = other {
                now.join(other);
            }
            let changed = self.globals.get(&name) != Some(&now);
            if changed {
                self.globals.insert(name, now);
                self.wake(Dep::Global(name));
                let tainted = self.globals[&name]
                    .all_taint()
                    .labels
                    .iter()
                    .any(|l| self.origins.source(l.origin).is_some());
                if tainted {
                    // A global holding untrusted data: the functions that
                    // mention it may read it.
                    let name = self.names.resolve(name).to_string();
                    for g in 1..self.funcs.len() as u32 {
                        if self.runs[g as usize] == 0 && self.mentions(g, &name) {
                            self.enqueue(g);
                        }
                    }
                }
            }
        }
        for (nested, state) in captures {
            let slot = &mut self.captures[nested as usize];
            let changed = match slot {
                Some(old) => old.join_from(&state),
                None => {
                    *slot = Some(state);
                    true
                }
            };
            if changed {
                self.wake(Dep::Capture(nested));
            }
            // The fixpoint of a loop may have stored this state already
            // (for on-demand analyses): a nested function not analysed
            // yet is analysed now all the same.
            if changed || self.runs[nested as usize] == 0 {
                self.enqueue(nested);
            }
        }
    }

    /// Whether the source text of function `f` contains `text` as a word.
    fn mentions(&self, f: u32, text: &str) -> bool {
        let range = match self.funcs[f as usize].body {
            Body::Def(def) => def.range,
            Body::Lambda(lambda) => lambda.range,
            Body::Module(_) => return true,
        };
        let Some(body) = self.input.source.get(range.to_std_range()) else {
            return false;
        };
        let bytes = body.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        memchr::memmem::find_iter(bytes, text.as_bytes()).any(|at| {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(at + text.len()).copied();
            !before.is_some_and(|b| word(b) && !text.starts_with('.')) && !after.is_some_and(word)
        })
    }

    /// Methods of a class and of the classes of this module derived from it.
    fn methods_of_class_tree(&self, class: Sym) -> Vec<u32> {
        let mut out = Vec::new();
        for (name, info) in &self.classes {
            if *name == class || self.mro(*name).contains(&class) {
                out.extend(info.methods.values().copied());
            }
        }
        out.sort_unstable();
        out
    }

    /// A class and its bases, nearest first (module classes, the
    /// project's classes, then model classes), bounded.
    pub fn mro(&self, class: Sym) -> Vec<Sym> {
        let mut out = vec![class];
        let mut i = 0;
        while i < out.len() && out.len() < 16 {
            let current = out[i];
            let mut bases: Vec<Sym> = Vec::new();
            if let Some(info) = self.classes.get(&current) {
                bases.extend(info.bases.iter().copied());
            }
            i += 1;
            for b in bases {
                if !out.contains(&b) {
                    out.push(b);
                }
            }
        }
        out
    }

    /// A type and its bases (module, project and model classes), nearest
    /// first, bounded; computed once per type.
    pub fn type_chain(&mut self, ty: Sym) -> std::rc::Rc<[Sym]> {
        if let Some(chain) = self.chains.get(&ty) {
            return chain.clone();
        }
        let chain: std::rc::Rc<[Sym]> = self.compute_type_chain(ty).into();
        self.chains.insert(ty, chain.clone());
        chain
    }

    fn compute_type_chain(&mut self, ty: Sym) -> Vec<Sym> {
        let mut out = vec![ty];
        let mut i = 0;
        while i < out.len() && out.len() < 16 {
            let current = out[i];
            i += 1;
            let mut bases: Vec<Sym> = self
                .classes
                .get(&current)
                .map(|c| c.bases.clone())
                .unwrap_or_default();
            let name = self.names.resolve(current).to_string();
            for base in self.models.bases(&name) {
                bases.push(self.names.intern(base));
            }
            if let Some(project) = self.input.project
                && let Some(list) = project.classes.get(&name)
            {
                for base in list {
                    bases.push(self.names.intern(base));
                }
            }
            for b in bases {
                if !out.contains(&b) {
                    out.push(b);
                }
            }
        }
        out
    }

    /// The function defined by a `def` or lambda node, if known.
    pub fn fn_at(&self, start: TextSize) -> Option<u32> {
        self.fn_by_node.get(&start).copied()
    }

    /// Registers a lambda met during the analysis as a function.
    pub fn add_lambda(&mut self, lambda: &'a vigil_python::ast::ExprLambda, parent: u32) -> u32 {
        use vigil_python::Ranged;
        if let Some(f) = self.fn_at(lambda.start()) {
            return f;
        }
        let scope = self
            .input
            .semantic
            .scope_of_node(lambda)
            .unwrap_or(self.funcs[parent as usize].scope);
        let params = match &lambda.parameters {
            Some(p) => functions::params_of(p, &mut self.names),
            None => Vec::new(),
        };
        let index = self.funcs.len() as u32;
        // Lambdas nested in lambdas are named within the module past the
        // length the semantic model resolves (as definitions are).
        let mut within = self.funcs[parent as usize].qualified.as_str();
        if within.len() > vigil_semantic::MAX_QUALIFIED_NAME {
            within = &self.input.semantic.module_name;
        }
        let qualified = format!("{within}.<lambda@{}>", u32::from(lambda.start()));
        self.funcs.push(FnInfo {
            body: Body::Lambda(lambda),
            qualified,
            name: "<lambda>",
            scope,
            params,
            class: None,
            method: functions::MethodKind::Function,
            parent: Some(parent),
        });
        self.fn_by_node.insert(lambda.start(), index);
        self.entries.push(None);
        self.summaries.push(None);
        self.entry_taint.push(Vec::new());
        self.entry_types.push(Vec::new());
        self.captures.push(None);
        self.results.push(FnResult::default());
        self.cfgs.push(None);
        self.runs.push(0);
        self.queued.push(false);
        self.returns_model_object.push(None);
        self.budget += 2;
        index
    }

    fn finish(mut self, mut exports: crate::project::ModuleExports) -> ModuleOutput {
        let mut findings: Vec<TaintFinding> = Vec::new();
        let mut proofs: Vec<SinkProof> = Vec::new();
        let mut relevant: FxHashSet<Sym> = FxHashSet::default();
        for result in std::mem::take(&mut self.results) {
            relevant.extend(result.relevant);
            findings.extend(result.findings);
            proofs.extend(result.proofs);
            exports.calls.extend(result.external_calls);
            exports.types.extend(result.external_types);
            exports.fields.extend(result.external_fields);
        }
        crate::output::settle(&mut findings, &mut proofs);
        exports::export_summaries(&self, &mut exports);
        let mut consulted: Vec<String> = self.consulted.into_iter().collect();
        consulted.sort();
        let mut relevant: Vec<String> = relevant
            .into_iter()
            .map(|s| self.names.resolve(s).to_string())
            .collect();
        relevant.sort();
        ModuleOutput {
            findings,
            proofs,
            exports,
            consulted,
            relevant,
        }
    }
}
