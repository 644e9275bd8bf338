//! A quick walk over each function before any analysis: which functions
//! read a source, call a source-returning function of another module, hold
//! a call the pattern rules asked about, or configure URLs; and which
//! functions of this module call which.

use super::ModuleCx;
use super::functions::{Body, FnInfo, MethodKind};
use crate::model::Models;
use crate::module::entry;
use rustc_hash::{FxHashMap, FxHashSet};
use vigil_python::TextRange;
use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{self as ast, Expr, Stmt};
use vigil_semantic::{BindingKind, ScopeId};

const RED_ZONE: usize = 256 * 1024;
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

struct Walk<'c, 'a> {
    cx: &'c ModuleCx<'a>,
    /// Simple names of the functions of this module.
    local_names: &'c FxHashSet<&'a str>,
    /// Names this module binds by importing a source (`from sys import argv`)
    /// or an object whose members are sources (`from flask import request`).
    source_imports: &'c FxHashSet<&'a str>,
    /// Last segments of other modules' functions that return untrusted data.
    returning: &'c FxHashSet<String>,
    scope: ScopeId,
    /// The instance parameter and the type names of its class and bases.
    self_param: Option<&'a str>,
    self_types: &'c [String],
    /// Attributes of `self` that are sources or typed (`self.request`):
    /// the members the models name on `self_types`.
    self_attrs: &'c [&'static str],
    /// A buffer for `Type.method` names.
    buffer: String,
    check_sources: bool,
    /// A framework entry point: the exceptions its handlers catch are
    /// sources (what they say must not reach the client).
    entry: bool,
    /// Whether calls of this module's functions are recorded (for the
    /// callers table); without them, a function's walk ends at its first
    /// sign of a source.
    want_callees: bool,
    seed: bool,
    callees: Vec<u32>,
}

impl<'a> ModuleCx<'a> {
    /// The functions to analyse first, with entry points and data from
    /// other modules recorded.
    pub fn seeds(&mut self) -> Vec<u32> {
        let mut seeds: FxHashSet<u32> = FxHashSet::default();
        let imports = entry::imports_met(self);
        // Entry points were seeded by the earlier analysis of a file
        // analysed again from project facts only; their descriptions still
        // serve the functions analysed now.
        let from_project_only = self.input.from_project_only;
        if self.may_have_sources {
            for f in 1..self.funcs.len() as u32 {
                if let Some(desc) = entry::detect(self, f, &imports) {
                    if !from_project_only && (!desc.tainted.is_empty() || !desc.types.is_empty()) {
                        seeds.insert(f);
                    }
                    self.entries[f as usize] = Some(desc);
                }
            }
        }
        self.seed_from_project(&mut seeds);
        if !from_project_only {
            self.seed_from_walk(&mut seeds);
        }
        let mut out: Vec<u32> = seeds.into_iter().collect();
        out.sort_unstable();
        out
    }

    /// Whether the project facts of `info` (of its class, for a
    /// `constructor`) are new since the earlier analysis of this file.
    fn facts_are_new(&self, info: &FnInfo, constructor: bool) -> bool {
        let Some(names) = self.input.new_facts else {
            return true;
        };
        let key = if constructor {
            info.qualified.strip_suffix(".__init__")
        } else {
            Some(info.qualified.as_str())
        };
        key.is_some_and(|k| names.contains(k))
    }

    /// The functions the quick walk finds reading a source, calling a
    /// source-returning function of another module or holding a call the
    /// pattern rules asked about.
    fn seed_from_walk(&mut self, seeds: &mut FxHashSet<u32>) {
        let proof = ProofCalls::new(self, self.input.proof_calls);
        let project_sources = self
            .input
            .project
            .is_some_and(|p| p.summaries.values().any(|s| !s.returns_sources.is_empty()));
        if self.may_have_sources || !proof.calls.is_empty() || project_sources {
            // The callers table is built when a summary first needs it.
            let (found, _) = self.walk_all(&proof, false);
            seeds.extend(found);
        }
    }

    fn seed_from_project(&mut self, seeds: &mut FxHashSet<u32>) {
        let Some(project) = self.input.project else {
            return;
        };
        self.seed_from_project_types(project, seeds);
        for f in 1..self.funcs.len() as u32 {
            let info = &self.funcs[f as usize];
            let Some((facts, constructor)) = facts_for(&project.entries, info) else {
                continue;
            };
            let new = self.facts_are_new(info, constructor);
            let mut updates = Vec::new();
            for fact in facts {
                if let Some(i) = param_index(info, &fact.arg, fact.bound || constructor) {
                    updates.push((i, fact.label.clone()));
                }
            }
            for (i, label) in updates {
                let taint = super::exports::import_labels_cx(self, std::slice::from_ref(&label));
                self.entry_slot(f, i).join(&taint);
                if new {
                    seeds.insert(f);
                }
            }
        }
        // One pass over the facts, each looked up by its class (`Class.attr`,
        // the class's qualified name before the last dot): a file of many
        // classes in a project of many facts costs their sum, not their
        // product.
        let fields: Vec<(
            crate::intern::Sym,
            &str,
            &Vec<crate::project::ExportedLabel>,
        )> = project
            .fields
            .iter()
            .filter_map(|(key, labels)| {
                let (class_name, attr) = key.rsplit_once('.')?;
                let class = self.names.get(class_name)?;
                self.classes
                    .contains_key(&class)
                    .then_some((class, attr, labels))
            })
            .collect();
        for (class, attr, labels) in fields {
            let attr = self.names.intern(attr);
            let taint = super::exports::import_labels_cx(self, labels);
            self.fields.entry((class, attr)).or_default().join(&taint);
            let new = self
                .input
                .new_facts
                .is_none_or(|names| names.contains(self.names.resolve(class)));
            if new && let Some(info) = self.classes.get(&class) {
                seeds.extend(info.methods.values().copied());
            }
        }
    }

    /// Parameters other modules give objects of a known type (a request):
    /// the function is analysed with them typed.
    fn seed_from_project_types(
        &mut self,
        project: &crate::project::ProjectFacts,
        seeds: &mut FxHashSet<u32>,
    ) {
        if project.entry_types.is_empty() {
            return;
        }
        for f in 1..self.funcs.len() as u32 {
            let info = &self.funcs[f as usize];
            let Some((facts, constructor)) = facts_for(&project.entry_types, info) else {
                continue;
            };
            let typed: Vec<(usize, String)> = facts
                .iter()
                .filter_map(|fact| {
                    param_index(info, &fact.arg, fact.bound || constructor)
                        .map(|i| (i, fact.ty.clone()))
                })
                .collect();
            let new = self.facts_are_new(info, constructor);
            for (i, ty) in typed {
                let ty = crate::value::Ty::Class(self.names.intern(&ty));
                self.set_entry_type(f, i as u32, ty);
                if new {
                    seeds.insert(f);
                }
            }
        }
    }

    /// The functions that read a source (or hold a call in `proof`) and,
    /// with `want_callees`, which functions of this module call which.
    fn walk_all(
        &self,
        proof: &ProofCalls,
        want_callees: bool,
    ) -> (Vec<u32>, FxHashMap<u32, Vec<u32>>) {
        let mut seeds = Vec::new();
        let local_names: FxHashSet<&'a str> = self.funcs.iter().skip(1).map(|f| f.name).collect();
        let source_imports: FxHashSet<&'a str> = self
            .input
            .semantic
            .bindings()
            .iter()
            .filter(|b| match &b.kind {
                BindingKind::FromImport { qualified } => {
                    self.models.source(qualified).is_some()
                        || self.models.is_source_object(qualified)
                }
                _ => false,
            })
            .map(|b| b.name)
            .collect();
        let empty = FxHashSet::default();
        let returning: &FxHashSet<String> = self.input.project.map_or(&empty, |p| &p.returning);
        let mut callers: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        // Type chains and their modelled members, once per class.
        let mut chains: FxHashMap<crate::intern::Sym, (Vec<String>, Vec<&'static str>)> =
            FxHashMap::default();
        let no_chain = (Vec::new(), Vec::new());
        // Without sources to look for, source-returning functions of other
        // modules or calls to record, the walk cannot tell anything: only
        // the calls in `proof` seed functions.
        let walk_tells = self.may_have_sources || !returning.is_empty() || want_callees;
        for f in 0..self.funcs.len() as u32 {
            let info = &self.funcs[f as usize];
            let body: &'a [Stmt] = match info.body {
                Body::Module(body) => body,
                Body::Def(def) => &def.body,
                Body::Lambda(_) => continue,
            };
            let holds_proof = proof.held_by(info.body);
            if !walk_tells {
                if holds_proof {
                    seeds.push(f);
                }
                continue;
            }
            let (self_param, (self_types, self_attrs)) = match (info.class, info.method) {
                (Some(class), MethodKind::Instance) => (
                    info.params.first().map(|p| p.name),
                    &*chains.entry(class).or_insert_with(|| {
                        let types = self.type_chain_names(class);
                        let models: &'static Models = self.models;
                        let mut attrs: Vec<&'static str> = Vec::new();
                        for t in &types {
                            for a in models.seeding_members(t) {
                                if !attrs.contains(&a.as_str()) {
                                    attrs.push(a);
                                }
                            }
                        }
                        (types, attrs)
                    }),
                ),
                _ => (None, &no_chain),
            };
            let mut walk = Walk {
                cx: self,
                local_names: &local_names,
                source_imports: &source_imports,
                returning,
                scope: info.scope,
                self_param,
                self_types,
                self_attrs,
                buffer: String::new(),
                check_sources: self.may_have_sources,
                entry: self.entries[f as usize].is_some(),
                want_callees,
                seed: false,
                callees: Vec::new(),
            };
            for stmt in body {
                walk.visit_stmt(stmt);
            }
            if walk.seed || holds_proof {
                seeds.push(f);
            }
            for callee in walk.callees {
                let list = callers.entry(callee).or_default();
                if !list.contains(&f) {
                    list.push(f);
                }
            }
        }
        (seeds, callers)
    }

    /// Type names of a class and its bases (strings, without interning).
    pub fn type_chain_names(&self, class: crate::intern::Sym) -> Vec<String> {
        let mut out: Vec<String> = vec![self.names.resolve(class).to_string()];
        let mut i = 0;
        while i < out.len() && out.len() < 16 {
            let current = out[i].clone();
            i += 1;
            let mut bases: Vec<String> = Vec::new();
            if let Some(sym) = self.names.get(&current)
                && let Some(info) = self.classes.get(&sym)
            {
                bases.extend(
                    info.bases
                        .iter()
                        .map(|b| self.names.resolve(*b).to_string()),
                );
            }
            bases.extend(self.models.bases(&current).iter().cloned());
            if let Some(project) = self.input.project
                && let Some(list) = project.classes.get(&current)
            {
                bases.extend(list.iter().cloned());
            }
            for b in bases {
                if !out.contains(&b) {
                    out.push(b);
                }
            }
        }
        out
    }
}

/// Functions of this module that call `f` (found by the quick walk).
pub fn callers_of(cx: &mut ModuleCx, f: u32) -> Vec<u32> {
    if cx.callers.is_none() {
        let (_, callers) = cx.walk_all(&ProofCalls::default(), true);
        cx.callers = Some(callers);
    }
    cx.callers
        .as_ref()
        .and_then(|c| c.get(&f).cloned())
        .unwrap_or_default()
}

/// The calls the pattern rules asked about, sorted, and whether one lies
/// outside every function: which bodies hold one is then a binary search
/// (a file of many functions and many flagged calls stays near-linear).
#[derive(Default)]
struct ProofCalls {
    calls: Vec<TextRange>,
    outside_defs: bool,
}

impl ProofCalls {
    fn new(cx: &ModuleCx, calls: &[TextRange]) -> Self {
        let mut calls = calls.to_vec();
        calls.sort_unstable_by_key(|r| (r.start(), r.end()));
        calls.dedup();
        let defs = vigil_python::Containing::new(cx.funcs.iter().filter_map(|g| match g.body {
            Body::Def(def) => Some((def.range, ())),
            _ => None,
        }));
        let outside_defs = calls.iter().any(|c| defs.containing(*c).next().is_none());
        Self {
            calls,
            outside_defs,
        }
    }

    /// Whether a body (the module's: outside every function) holds a call.
    fn held_by(&self, body: Body) -> bool {
        match body {
            Body::Def(def) => {
                let first = self
                    .calls
                    .partition_point(|c| c.start() < def.range.start());
                self.calls[first..]
                    .iter()
                    .take_while(|c| c.start() < def.range.end())
                    .any(|c| def.range.contains_range(*c))
            }
            Body::Module(_) => self.outside_defs,
            Body::Lambda(_) => false,
        }
    }
}

impl<'a> Walk<'_, 'a> {
    /// Whether the rest of the function cannot tell more: it is a seed and
    /// its calls are not wanted.
    fn done(&self) -> bool {
        self.seed && !self.want_callees
    }

    fn qualified(&self, expr: &Expr) -> Option<String> {
        let mut root = expr;
        while let Expr::Attribute(a) = root {
            root = &a.value;
        }
        let Expr::Name(name) = root else { return None };
        let semantic = self.cx.input.semantic;
        match semantic.lookup(name.id.as_str(), self.scope, name.range.start()) {
            Some(b) => match b.kind {
                BindingKind::Import { .. }
                | BindingKind::FromImport { .. }
                | BindingKind::FunctionDef(_)
                | BindingKind::ClassDef(_) => semantic.resolve_qualified_name(expr, self.scope),
                _ => None,
            },
            None => semantic.resolve_qualified_name(expr, self.scope),
        }
    }

    /// `client.chat.completions.create(...)` where `client` was bound to
    /// a call that makes an object of a modelled type (`client =
    /// OpenAI()`, in this function or at module level): whether the
    /// method, named on that type, is a source.
    fn typed_method_source(&self, func: &Expr) -> bool {
        let mut path: Vec<&str> = Vec::new();
        let mut root = func;
        while let Expr::Attribute(a) = root {
            path.push(a.attr.as_str());
            root = &a.value;
        }
        let Expr::Name(name) = root else { return false };
        let semantic = self.cx.input.semantic;
        let Some(binding) = semantic.lookup(name.id.as_str(), self.scope, name.range.start())
        else {
            return false;
        };
        let BindingKind::Assignment {
            value: Some(Expr::Call(made)),
        } = binding.kind
        else {
            return false;
        };
        let Some(ty) = semantic
            .resolve_qualified_name(&made.func, binding.scope)
            .and_then(|maker| self.cx.models.ty(&maker).map(str::to_string))
        else {
            return false;
        };
        let method: Vec<&str> = std::iter::once(ty.as_str())
            .chain(path.into_iter().rev())
            .collect();
        self.cx.models.source(&method.join(".")).is_some()
    }

    fn check(&mut self, expr: &'a Expr) {
        let models = self.cx.models;
        match expr {
            Expr::Call(call) => {
                let last = match call.func.as_ref() {
                    Expr::Name(n) => n.id.as_str(),
                    Expr::Attribute(a) => a.attr.as_str(),
                    _ => "",
                };
                let local = self.want_callees && self.local_names.contains(last);
                let urlconf = self.check_sources && models.is_urlconf_last(last);
                let returning = self.returning.contains(last);
                if (local || urlconf || returning)
                    && let Some(q) = self.qualified(&call.func)
                {
                    if let Some(&g) = self.cx.fn_by_name.get(&q) {
                        self.callees.push(g);
                    }
                    if urlconf && models.urlconf(&q).is_some() {
                        self.seed = true;
                    }
                    if returning
                        && let Some(project) = self.cx.input.project
                        && project
                            .summaries
                            .get(&q)
                            .is_some_and(|s| !s.returns_sources.is_empty())
                    {
                        self.seed = true;
                    }
                }
                if self.check_sources
                    && !self.seed
                    && models.is_typed_method_last(last)
                    && self.typed_method_source(&call.func)
                {
                    self.seed = true;
                }
                if local
                    && let Expr::Attribute(a) = call.func.as_ref()
                    && let Expr::Name(object) = a.value.as_ref()
                    && Some(object.id.as_str()) == self.self_param
                {
                    for t in self.self_types {
                        self.buffer.clear();
                        self.buffer.push_str(t);
                        self.buffer.push('.');
                        self.buffer.push_str(a.attr.as_str());
                        if let Some(&g) = self.cx.fn_by_name.get(self.buffer.as_str()) {
                            self.callees.push(g);
                        }
                    }
                }
            }
            Expr::Attribute(a) if self.check_sources && !self.seed => {
                let attr = a.attr.as_str();
                if let Expr::Name(object) = a.value.as_ref()
                    && Some(object.id.as_str()) == self.self_param
                {
                    // `T.attr` is a source or typed for a type `T` of `self`.
                    if self.self_attrs.contains(&attr) {
                        self.seed = true;
                    }
                } else if models.is_typed_source_attr(attr) {
                    self.seed = true;
                } else if models.is_source_last(attr)
                    && let Some(q) = self.qualified(expr)
                    && models.source(&q).is_some()
                {
                    self.seed = true;
                }
            }
            Expr::Name(name) if self.check_sources && !self.seed => {
                let id = name.id.as_str();
                let builtin_source = || {
                    models.is_source_last(id)
                        && self
                            .cx
                            .input
                            .semantic
                            .lookup(id, self.scope, name.range.start())
                            .is_none()
                        && models.source(&format!("builtins.{id}")).is_some()
                };
                if self.source_imports.contains(id) || builtin_source() {
                    self.seed = true;
                }
            }
            _ => {}
        }
    }
}

/// `except E as name`: the handler binds the exception it catches.
fn catches_by_name(handler: &ast::ExceptHandler) -> bool {
    let ast::ExceptHandler::ExceptHandler(h) = handler;
    h.name.is_some()
}

impl<'a> Visitor<'a> for Walk<'_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.done() {
            return;
        }
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::Try(t) if self.entry && t.handlers.iter().any(catches_by_name) => {
                self.seed = true;
                stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || visitor::walk_stmt(self, stmt));
            }
            _ => stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || visitor::walk_stmt(self, stmt)),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.done() {
            return;
        }
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            self.check(expr);
            visitor::walk_expr(self, expr);
        });
    }

    fn visit_annotation(&mut self, _expr: &'a Expr) {}

    fn visit_decorator(&mut self, _decorator: &'a ast::Decorator) {}
}

/// What other modules tell about calls of `info`, by its qualified name; a
/// class's calls reach its `__init__` with the new instance bound (the
/// second value says so).
fn facts_for<'p, T>(
    table: &'p FxHashMap<String, Vec<T>>,
    info: &FnInfo,
) -> Option<(&'p [T], bool)> {
    if let Some(facts) = table.get(&info.qualified) {
        return Some((facts, false));
    }
    let class = info.qualified.strip_suffix(".__init__")?;
    info.class?;
    table.get(class).map(|facts| (facts.as_slice(), true))
}

/// The parameter of `info` an argument of a call from another module binds
/// (`bound`: called on an instance, so positions skip `self`).
fn param_index(info: &FnInfo, arg: &crate::project::ArgKey, bound: bool) -> Option<usize> {
    match arg {
        crate::project::ArgKey::Pos(k) => {
            let method = info.method == MethodKind::Instance;
            let k = *k as usize + usize::from(bound && method);
            info.params
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    matches!(
                        p.kind,
                        super::functions::ParamKind::PositionalOnly
                            | super::functions::ParamKind::Normal
                    )
                })
                .map(|(i, _)| i)
                .nth(k)
        }
        crate::project::ArgKey::Kw(name) | crate::project::ArgKey::Param(name) => {
            info.params.iter().position(|p| p.name == name)
        }
    }
}

#[cfg(test)]
mod tests {
    //! A module analysed again from what other modules pass into it: only
    //! the functions whose facts are new are started from.

    use crate::module::{ModuleInput, analyze_module};
    use crate::project::tests::label;
    use crate::project::{ArgKey, EntryFact, ProjectFacts};
    use rustc_hash::FxHashSet;
    use vigil_python::ast::PySourceType;
    use vigil_python::{LazyLineIndex, LineIndex, parse_module};
    use vigil_semantic::SemanticModel;

    const HELPERS: &str = r#"import os
    import subprocess


    def ping(host):
        os.system("ping -c 1 " + host)


    def archive(folder):
        subprocess.run("tar czf backup.tgz " + folder, shell=True)
    "#;

    /// The lines of the findings of `HELPERS` analysed from `facts`,
    /// starting from the functions named in `new` (all of them: `None`).
    fn lines(facts: &ProjectFacts, new: Option<&FxHashSet<String>>) -> Vec<u32> {
        let parsed = parse_module(HELPERS, PySourceType::Python).expect("parses");
        let model = SemanticModel::build(&parsed.module, "app.helpers", false);
        let index = LazyLineIndex::new(HELPERS);
        let input = ModuleInput {
            module: &parsed.module,
            semantic: &model,
            source: HELPERS,
            path: "app/helpers.py",
            index: &index,
            comments: &parsed.comments,
            project: Some(facts),
            proof_calls: &[],
            from_project_only: true,
            new_facts: new,
            templates: None,
        };
        let lines = LineIndex::new(HELPERS);
        let mut found: Vec<u32> = analyze_module(&input)
            .findings
            .iter()
            .map(|f| lines.location(HELPERS, f.range.start()).line)
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn only_functions_with_new_facts_are_analysed_again() {
        let mut facts = ProjectFacts::default();
        for callee in ["app.helpers.ping", "app.helpers.archive"] {
            let fact = EntryFact {
                bound: false,
                arg: ArgKey::Pos(0),
                label: label(9),
            };
            facts.entries.insert(callee.into(), vec![fact]);
        }
        assert_eq!(lines(&facts, None), vec![6, 10]);
        let archive: FxHashSet<String> = ["app.helpers.archive".to_string()].into_iter().collect();
        assert_eq!(lines(&facts, Some(&archive)), vec![10]);
        assert!(lines(&facts, Some(&FxHashSet::default())).is_empty());
    }
}
