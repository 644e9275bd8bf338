//! Transfer functions: how each statement and expression changes the
//! abstract state, and what values expressions have.

mod assign;
pub mod call;
mod containers;
mod expr;

pub use assign::pattern_is_constant;

use crate::function::Effects;
use crate::intern::Sym;
use crate::kinds::{KindSet, flags};
use crate::model::SourceInfo;
use crate::module::functions::{Body, MethodKind};
use crate::module::{Dep, ModuleCx};
use crate::origin::{Note, Origin, OriginKey, SourceOrigin, StepAt, TraceId};
use crate::state::{Place, State};
use crate::value::{Const, Field, Label, Taint, Ty, Value};
use vigil_python::ast::{self as ast, Expr};
use vigil_python::{Ranged, TextRange};
use vigil_semantic::{BindingKind, ScopeId};

/// Offset added to entry indexes in origin keys (distinct from model sources).
pub const ENTRY_MODEL_BASE: u32 = 1_000_000;

/// The analysis of one function, over one pass of its graph.
pub struct Eval<'c, 'a> {
    pub cx: &'c mut ModuleCx<'a>,
    pub f: u32,
    pub scope: ScopeId,
    /// The reporting pass (after the fixpoint): findings and effects are
    /// collected only then.
    pub report: bool,
    /// The statement being analysed (for suppression comments).
    pub stmt: TextRange,
    pub effects: Effects,
}

impl<'c, 'a> Eval<'c, 'a> {
    pub fn new(cx: &'c mut ModuleCx<'a>, f: u32) -> Self {
        let scope = cx.funcs[f as usize].scope;
        Self {
            cx,
            f,
            scope,
            report: false,
            stmt: TextRange::default(),
            effects: Effects::default(),
        }
    }

    pub fn sym(&mut self, text: &str) -> Sym {
        self.cx.names.intern(text)
    }

    pub fn text(&self, node: &impl Ranged) -> &'a str {
        self.cx
            .input
            .source
            .get(node.range().to_std_range())
            .unwrap_or("")
    }

    /// A node's source for messages: one line, at most 60 characters.
    pub fn snippet(&self, node: &impl Ranged) -> String {
        snippet_text(self.cx.input.source, node.range())
    }

    /// The qualified name of an expression, when its root is an import
    /// (cheap to check first) or a definition of the scanned code.
    pub fn qualified(&mut self, expr: &Expr) -> Option<String> {
        let key = expr.range();
        if let Some(known) = self.cx.qualified_cache.get(&key) {
            return known.clone();
        }
        let q = self.resolve_qualified(expr);
        self.cx.qualified_cache.insert(key, q.clone());
        q
    }

    fn resolve_qualified(&self, expr: &Expr) -> Option<String> {
        let mut root = expr;
        loop {
            match root {
                Expr::Attribute(a) => root = &a.value,
                Expr::Name(_) => break,
                Expr::Call(_) => {
                    return self
                        .cx
                        .input
                        .semantic
                        .resolve_qualified_name(expr, self.scope);
                }
                _ => return None,
            }
        }
        let Expr::Name(name) = root else { return None };
        if let Some(b) =
            self.cx
                .input
                .semantic
                .lookup(name.id.as_str(), self.scope, name.range.start())
        {
            match b.kind {
                BindingKind::Import { .. }
                | BindingKind::FromImport { .. }
                | BindingKind::FunctionDef(_)
                | BindingKind::ClassDef(_)
                | BindingKind::Assignment {
                    value: Some(Expr::Name(_) | Expr::Attribute(_)),
                } => {}
                _ => return None,
            }
        }
        self.cx
            .input
            .semantic
            .resolve_qualified_name(expr, self.scope)
    }

    /// Whether an expression denotes a module (`os`, `os.path`).
    pub fn is_module_ref(&mut self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(name) => matches!(
                self.cx
                    .input
                    .semantic
                    .lookup(name.id.as_str(), self.scope, name.range.start())
                    .map(|b| &b.kind),
                Some(BindingKind::Import { .. })
            ),
            Expr::Attribute(a) => {
                self.is_module_ref(&a.value) && {
                    // `os.path` is a module, `os.environ` is data: a lower-case
                    // attribute of a module that is itself a known source is data.
                    let q = self.qualified(expr);
                    q.is_none_or(|q| self.cx.models.source(&q).is_none())
                }
            }
            _ => false,
        }
    }

    /// The place an expression denotes, if it is a variable or a part of
    /// one with literal keys.
    pub fn place_of(&mut self, st: &State, expr: &Expr) -> Option<Place> {
        match expr {
            Expr::Name(name) => Some(Place::var(self.sym(name.id.as_str()))),
            Expr::Attribute(a) => {
                let base = self.place_of(st, &a.value)?;
                let attr = self.sym(a.attr.as_str());
                base.child(Field::Attr(attr))
            }
            Expr::Subscript(s) => {
                let base = self.place_of(st, &s.value)?;
                let field = self.literal_field(st, &s.slice, &base)?;
                base.child(field)
            }
            _ => None,
        }
    }

    /// A literal key (`"a"`, `0`, `-1` with a known length) as a field.
    pub fn literal_field(&mut self, st: &State, key: &Expr, base: &Place) -> Option<Field> {
        match crate::fold::fold(self, st, key)? {
            Const::Str(s) => Some(Field::Str(self.sym(&s))),
            Const::Int(i) if i >= 0 => Some(Field::Int(i)),
            Const::Int(i) => {
                let len = st.read(base, || self.root_value_pure(base.root)).len? as i64;
                (len + i >= 0).then_some(Field::Int(len + i))
            }
            _ => None,
        }
    }

    /// The value of a variable this state does not hold, without effects.
    fn root_value_pure(&self, _root: Sym) -> Value {
        Value::unknown()
    }

    /// The value of a variable not in the state: a global, a closure
    /// variable, a constant, an import.
    pub fn root_value(&mut self, name: &ast::ExprName) -> Value {
        let text = name.id.as_str();
        let semantic = self.cx.input.semantic;
        let Some(binding) = semantic.lookup(text, self.scope, name.range.start()) else {
            // A builtin or a star import.
            return Value::default();
        };
        match &binding.kind {
            BindingKind::Import { .. } => Value::default(),
            BindingKind::FromImport { qualified } => {
                // An object a library module holds (`flask.request`).
                let ty = self.cx.models.ty(qualified).map(|t| Ty::Class(self.sym(t)));
                let mut v = Value::unknown().typed(ty);
                if let Some((id, info)) = self.cx.models.source(qualified) {
                    let label = self.source_label(name.range, id as u32, info, text);
                    v.taint.add(label);
                }
                v
            }
            BindingKind::FunctionDef(def) => match self.cx.fn_at(def.range.start()) {
                Some(g) => Value::default().typed(Some(Ty::Func(g))),
                None => Value::default(),
            },
            BindingKind::ClassDef(_) => {
                let q = semantic.resolve_qualified_name(&Expr::Name(name.clone()), self.scope);
                Value::default().typed(q.map(|q| Ty::Class(self.sym(&q))))
            }
            _ if binding.scope == ScopeId::MODULE => {
                let sym = self.sym(text);
                self.cx.note_read(Dep::Global(sym), self.f);
                if let Some(v) = self.cx.globals.get(&sym) {
                    return v.clone();
                }
                match crate::fold::binding_constant(self, binding) {
                    Some(c) => Value::constant(c),
                    None => self.lazy_global(sym, text),
                }
            }
            _ if binding.scope != self.scope => {
                // A variable of an enclosing function.
                let sym = self.sym(text);
                self.cx.note_read(Dep::Capture(self.f), self.f);
                match &self.cx.captures[self.f as usize] {
                    Some(env) => match env.get(sym) {
                        Some(v) => v.clone(),
                        None => Value::unknown(),
                    },
                    None => Value::unknown(),
                }
            }
            _ => Value::unknown(),
        }
    }

    /// A module-level name's value when the module body was not analysed:
    /// the join of the values of its assignments, evaluated on their own.
    fn lazy_global(&mut self, sym: Sym, name: &str) -> Value {
        if let Some(v) = self.cx.lazy_globals.get(&sym) {
            return v.clone();
        }
        if self.cx.evaluating_globals.contains(&sym) || self.cx.evaluating_globals.len() >= 8 {
            return Value::unknown();
        }
        let semantic = self.cx.input.semantic;
        let ids: Vec<vigil_semantic::BindingId> = semantic
            .scope(ScopeId::MODULE)
            .bindings
            .get(name)
            .map(|ids| ids.to_vec())
            .unwrap_or_default();
        self.cx.evaluating_globals.push(sym);
        let mut joined: Option<Value> = None;
        for id in ids.into_iter().take(8) {
            let value = match semantic.binding(id).kind {
                BindingKind::Assignment { value: Some(expr) } => {
                    let mut sub = Eval::new(&mut *self.cx, 0);
                    let mut st = State::default();
                    sub.eval(&mut st, expr)
                }
                BindingKind::FunctionDef(_) | BindingKind::ClassDef(_) => Value::default(),
                _ => Value::unknown(),
            };
            match &mut joined {
                Some(j) => j.join(&value),
                None => joined = Some(value),
            }
        }
        self.cx.evaluating_globals.pop();
        let value = joined.unwrap_or_else(Value::unknown);
        self.cx.lazy_globals.insert(sym, value.clone());
        value
    }

    /// Reads a name.
    pub fn read_name(&mut self, st: &State, name: &ast::ExprName) -> Value {
        let sym = self.sym(name.id.as_str());
        match st.get(sym) {
            Some(v) => v.clone(),
            None => self.root_value(name),
        }
    }

    /// Whether the function analysed is a view whose route pattern has no
    /// variables (its request path is a constant).
    pub fn in_fixed_route(&self) -> bool {
        self.cx
            .entries
            .get(self.f as usize)
            .and_then(Option::as_ref)
            .is_some_and(|e| e.fixed_route)
    }

    /// A label for untrusted data read at `range` from a model source.
    pub fn source_label(
        &mut self,
        range: TextRange,
        model: u32,
        info: &SourceInfo,
        expr: &str,
    ) -> Label {
        let note = format!("`{expr}` reads {}", info.what);
        self.new_source(range, model, info, expr, note)
    }

    pub fn new_source(
        &mut self,
        range: TextRange,
        model: u32,
        info: &SourceInfo,
        expr: &str,
        note: String,
    ) -> Label {
        let key = OriginKey::Read {
            at: u32::from(range.start()),
            model,
        };
        let mut first = TraceId::NONE;
        let origin = self.cx.origins.intern(key, |origins| {
            first = origins.extend(TraceId::NONE, StepAt::Here(range), Note::Text(note.into()));
            Origin::Source(SourceOrigin {
                what: info.what.clone().into(),
                expr: expr.into(),
                trust: info.trust,
                confidence: info.confidence,
                structured: info.structured,
                reaches: info.reaches,
                propagates: info.propagates,
                first,
            })
        });
        let first = match self.cx.origins.source(origin) {
            Some(s) => s.first,
            None => first,
        };
        Label {
            origin,
            cleared: info.safe_for,
            flags: 0,
            trace: first,
        }
    }

    /// The symbolic label of parameter `index` of the current function.
    pub fn param_label(&mut self, index: u32) -> Label {
        let func = self.f;
        let origin = self
            .cx
            .origins
            .intern(OriginKey::Param { func, index }, |_| Origin::Param {
                func,
                index,
            });
        Label {
            origin,
            cleared: KindSet::EMPTY,
            flags: 0,
            trace: TraceId::NONE,
        }
    }

    /// Adds a step to the trace of every label of `taint`.
    pub fn step(&mut self, taint: &mut Taint, range: TextRange, note: Note) {
        if taint.labels.is_empty() {
            return;
        }
        let origins = &mut self.cx.origins;
        taint.map_traces(|t| origins.extend(t, StepAt::Here(range), note.clone()));
    }

    pub fn step_value(&mut self, value: &mut Value, range: TextRange, note: Note) {
        if value.taint.labels.is_empty() && value.parts.is_empty() {
            return;
        }
        step_all(self, value, range, &note);
    }

    /// The source text of a range, on one line, at most 60 characters.
    pub fn snippet_at(&self, range: TextRange) -> String {
        snippet_text(self.cx.input.source, range)
    }

    /// Whether the origin of a label is a parameter of this function.
    pub fn own_param(&self, label: &Label) -> Option<u32> {
        match self.cx.origins.param(label.origin) {
            Some((func, index)) if func == self.f => Some(index),
            _ => None,
        }
    }

    /// Whether a label is untrusted data (a source read here or elsewhere).
    pub fn is_source(&self, label: &Label) -> bool {
        self.cx.origins.source(label.origin).is_some()
    }

    /// The class of the current method's instance, when it is one.
    pub fn self_class(&self) -> Option<(Sym, Sym)> {
        let info = &self.cx.funcs[self.f as usize];
        match (info.class, info.method) {
            (Some(class), MethodKind::Instance) => info.params.first().map(|p| (class, p.sym)),
            _ => None,
        }
    }

    /// Evaluates without reporting (for a second look at an expression
    /// already evaluated).
    pub fn eval_pure(&mut self, st: &mut State, e: &'a Expr) -> Value {
        let saved = self.report;
        self.report = false;
        let v = self.eval(st, e);
        self.report = saved;
        v
    }

    pub fn check_store(
        &mut self,
        st: &mut State,
        target: &'a Expr,
        container: &'a Expr,
        value: &Value,
    ) {
        crate::sinks::check_store(self, st, target, container, value);
    }

    /// The initial state of the function: its parameters.
    pub fn initial_state(&mut self) -> State {
        let mut st = State::default();
        let info = &self.cx.funcs[self.f as usize];
        let params: Vec<_> = info.params.clone();
        let class = info.class;
        let method = info.method;
        let is_lambda = matches!(info.body, Body::Lambda(_));
        let entry = self.cx.entries[self.f as usize].clone();
        let fname = info.name;
        for (i, p) in params.iter().enumerate() {
            let i = i as u32;
            let mut value = Value::from_taint(Taint::label(self.param_label(i)));
            value.taint.add_unknown(KindSet::EMPTY);
            if i == 0 && method == MethodKind::Instance && !is_lambda {
                value.ty = class.map(Ty::Class);
            }
            if let Some(annotation) = p.annotation {
                value.ty = value.ty.or_else(|| self.annotation_type(annotation));
            }
            value.ty = value.ty.or_else(|| self.cx.entry_type(self.f, i as usize));
            let from_callers = self.cx.entry_taint[self.f as usize]
                .get(i as usize)
                .cloned()
                .unwrap_or_default();
            if from_callers.has_labels() {
                let mut t = from_callers;
                let (param, function) = (p.sym, self.sym(fname));
                self.step(&mut t, p.range, Note::Received(param, function));
                for label in &mut t.labels {
                    label.flags |= flags::FROM_CALLER;
                }
                value.taint.join(&t);
            }
            if let Some(entry) = &entry {
                if let Some((_, ty)) = entry.types.iter().find(|(index, _)| *index == i) {
                    let ty = self.sym(ty);
                    value.ty = Some(Ty::Class(ty));
                }
                if entry.safe.contains(&i) {
                    value.taint.clear(KindSet::ALL);
                }
                if entry.tainted.contains(&i) {
                    let spec = &self.cx.models.entries[entry.spec];
                    let note = format!("`{}` is {}", p.name, spec.source.what);
                    let mut label = self.new_source(
                        p.range,
                        ENTRY_MODEL_BASE + entry.spec as u32,
                        &spec.source,
                        p.name,
                        note,
                    );
                    if entry.guessed {
                        label.flags |= flags::GUESSED;
                    }
                    value.taint.add(label);
                }
            }
            st.set(p.sym, value);
        }
        st
    }

    /// The class an annotation names (`Request`, `Optional[Request]`).
    pub fn annotation_type(&mut self, annotation: &Expr) -> Option<Ty> {
        let inner = match annotation {
            Expr::Subscript(s) => {
                let outer = self.qualified(&s.value)?;
                if outer == "typing.Optional" || outer == "typing.Annotated" {
                    match s.slice.as_ref() {
                        Expr::Tuple(t) => t.elts.first()?,
                        other => other,
                    }
                } else {
                    return None;
                }
            }
            Expr::BinOp(b) if b.op == ast::Operator::BitOr => {
                if matches!(b.right.as_ref(), Expr::NoneLiteral(_)) {
                    &b.left
                } else {
                    return None;
                }
            }
            other => other,
        };
        let q = self.qualified(inner)?;
        if q.starts_with("builtins.") || q.starts_with("typing.") {
            return None;
        }
        let q = self.cx.models.ty(&q).map(str::to_string).unwrap_or(q);
        Some(Ty::Class(self.sym(&q)))
    }
}

fn step_all(ev: &mut Eval, value: &mut Value, range: TextRange, note: &Note) {
    let origins = &mut ev.cx.origins;
    value
        .taint
        .map_traces(|t| origins.extend(t, StepAt::Here(range), note.clone()));
    for (_, part) in &mut value.parts {
        step_all(ev, part, range, note);
    }
}

/// Source text on one line, at most 60 characters.
pub fn snippet_text(source: &str, range: TextRange) -> String {
    let text = source.get(range.to_std_range()).unwrap_or("");
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(59).collect::<String>())
    } else {
        line
    }
}

/// The words of a step of a trace.
pub fn word(cx: &ModuleCx, note: &Note) -> String {
    let source = cx.input.source;
    let name = |s: Sym| cx.names.resolve(s).to_string();
    match note {
        Note::Text(t) => t.to_string(),
        Note::Static(s) => (*s).to_string(),
        Note::Assigned(s) => format!("assigned to `{}`", name(*s)),
        Note::Stored(r) => format!("stored in `{}`", snippet_text(source, *r)),
        Note::ReadFrom(r) => format!("read from `{}`", snippet_text(source, *r)),
        Note::PassesThrough(r) => format!("passes through `{}()`", snippet_text(source, *r)),
        Note::Returned(r) => format!("returned by `{}()`", snippet_text(source, *r)),
        Note::PassedTo(r, Some(p)) => {
            format!(
                "passed to `{}()` as `{}`",
                snippet_text(source, *r),
                name(*p)
            )
        }
        Note::PassedTo(r, None) => format!("passed to `{}()`", snippet_text(source, *r)),
        Note::Received(p, f) => format!("received as `{}` of `{}()`", name(*p), name(*f)),
    }
}
