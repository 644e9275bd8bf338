//! Calls: what is called, what it receives, what it returns.
//!
//! In order: sinks are checked; a source call yields untrusted data; a
//! function of this module (or of another module of the project) applies
//! its summary; a model sanitizer, propagator or "clean" call says what
//! flows; container methods update the container's parts; anything else
//! passes its receiver and arguments to its result, plus unknown data.

use super::Eval;
use crate::intern::Sym;
use crate::kinds::{KindSet, flags};
use crate::model::ArgSel;
use crate::model::spec::Clearance;
use crate::module::functions::{MethodKind, ParamKind};
use crate::origin::{Note, Origin, OriginKey, TraceId};
use crate::project::{ArgKey, CallFact, ExportedSummary};
use crate::state::State;
use crate::summary::Summary;
use crate::value::{Const, Field, Label, Taint, Ty, Value};
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr};

/// Most calls to other modules' functions recorded per function.
const MAX_EXTERNAL_CALLS: usize = 24;

/// The evaluated arguments of a call.
pub struct Args<'a> {
    /// Positional arguments: value, expression, whether `*starred`.
    pub pos: Vec<(Value, &'a Expr, bool)>,
    /// Keyword arguments (`None` for `**mapping`).
    pub kw: Vec<(Option<&'a str>, Value, &'a Expr)>,
}

impl<'a> Args<'a> {
    /// The value of positional argument `i` (an empty value when absent).
    pub fn positional(&self, i: usize) -> Value {
        self.pos
            .get(i)
            .map(|(v, _, _)| v.clone())
            .unwrap_or_default()
    }

    /// The values an argument selector designates (with their expressions).
    pub fn select(&self, sel: &ArgSel, receiver: Option<&Value>) -> Vec<(Value, Option<&'a Expr>)> {
        let mut out = Vec::new();
        let by_pos = |pos: usize, out: &mut Vec<(Value, Option<&'a Expr>)>| {
            for (i, (value, expr, starred)) in self.pos.iter().enumerate() {
                if *starred && i <= pos {
                    out.push((value.flattened(), Some(*expr)));
                    return;
                }
                if i == pos {
                    out.push((value.clone(), Some(*expr)));
                    return;
                }
            }
        };
        let by_kw = |name: &str, out: &mut Vec<(Value, Option<&'a Expr>)>| {
            for (kw, value, expr) in &self.kw {
                match kw {
                    Some(k) if *k == name => out.push((value.clone(), Some(*expr))),
                    None => out.push((value.flattened(), Some(*expr))),
                    _ => {}
                }
            }
        };
        match sel {
            ArgSel::Pos(p) => by_pos(*p, &mut out),
            ArgSel::Kw(k) => by_kw(k, &mut out),
            ArgSel::PosOrKw(p, k) => {
                by_pos(*p, &mut out);
                if out.is_empty() {
                    by_kw(k, &mut out);
                }
            }
            ArgSel::Receiver => {
                if let Some(r) = receiver {
                    out.push((r.clone(), None));
                }
            }
            ArgSel::Unpacked => {
                for (kw, value, expr) in &self.kw {
                    if kw.is_none() {
                        out.push((value.clone(), Some(*expr)));
                    }
                }
            }
            ArgSel::All => {
                for (value, expr, _) in &self.pos {
                    out.push((value.clone(), Some(*expr)));
                }
                for (_, value, expr) in &self.kw {
                    out.push((value.clone(), Some(*expr)));
                }
            }
            ArgSel::From(start) => {
                for (value, expr, starred) in self.pos.iter().skip(*start) {
                    let v = if *starred {
                        value.flattened()
                    } else {
                        value.clone()
                    };
                    out.push((v, Some(*expr)));
                }
                if let Some(i) = self.pos.iter().take(*start).position(|(_, _, s)| *s) {
                    out.push((self.pos[i].0.flattened(), Some(self.pos[i].1)));
                }
            }
        }
        out
    }

    pub fn all(&self) -> impl Iterator<Item = &Value> {
        self.pos
            .iter()
            .map(|(v, _, _)| v)
            .chain(self.kw.iter().map(|(_, v, _)| v))
    }
}

/// What a call calls.
pub struct Callee<'a> {
    /// Qualified names it may denote (import resolution, receiver types).
    pub names: Vec<String>,
    /// The attribute called, for method calls.
    pub method: Option<&'a str>,
    pub receiver: Option<Value>,
    pub receiver_expr: Option<&'a Expr>,
    /// A function of this module, and whether the receiver is bound to
    /// its first parameter.
    pub local: Option<(u32, bool)>,
    /// A class of this module being instantiated.
    pub class: Option<Sym>,
    /// The callee as written.
    pub func: &'a Expr,
}

impl Callee<'_> {
    /// The callee as written, on one line (for messages).
    pub fn display(&self, source: &str) -> String {
        super::snippet_text(source, self.func.range())
    }
}

impl<'a> Eval<'_, 'a> {
    pub fn call(&mut self, st: &mut State, call: &'a ast::ExprCall) -> Value {
        let callee = self.callee(st, &call.func);
        let args = self.eval_args(st, &call.arguments);
        let reported = crate::sinks::check_call(self, st, call, &callee, &args);
        if let Some(name) = callee
            .names
            .iter()
            .find(|n| self.cx.models.urlconf(n).is_some())
        {
            let name = name.clone();
            crate::module::entry::urlconf_call(self, call, &name, &args);
        }
        let mut result = self.call_value(st, call, &callee, &args);
        // Not a proof of safety: only the labels are not reported again
        // (for any rule, when the call ran or rebuilt the data).
        let reported = if reported.intersect(self.cx.models.consuming).is_empty() {
            reported
        } else {
            KindSet::ALL
        };
        for label in &mut result.taint.labels {
            label.cleared = label.cleared.union(reported);
        }
        result.set_guards(crate::guards::call_facts(self, st, call, &callee));
        result
    }

    fn eval_args(&mut self, st: &mut State, arguments: &'a ast::Arguments) -> Args<'a> {
        let mut args = Args {
            pos: Vec::with_capacity(arguments.args.len()),
            kw: Vec::with_capacity(arguments.keywords.len()),
        };
        for arg in arguments.args.iter() {
            match arg {
                Expr::Starred(s) => {
                    let v = self.eval(st, &s.value);
                    args.pos.push((v, arg, true));
                }
                _ => {
                    let v = self.eval(st, arg);
                    args.pos.push((v, arg, false));
                }
            }
        }
        for keyword in &arguments.keywords {
            let v = self.eval(st, &keyword.value);
            args.kw
                .push((keyword.arg.as_ref().map(|a| a.as_str()), v, &keyword.value));
        }
        args
    }

    /// In the second phase, the name the file's imports give a callee
    /// when the module graph resolved it to another one: the models know
    /// `os.path.split`, not the `ntpath.split` a scan of the standard
    /// library finds `os.path` bound to.
    fn push_imported_name(&self, func: &Expr, names: &mut Vec<String>) {
        let semantic = self.cx.input.semantic;
        if semantic.graph().is_none() {
            return;
        }
        if let Some(written) = semantic.resolve_imported_name(func, self.scope)
            && !names.contains(&written)
        {
            names.push(written);
        }
    }

    fn callee(&mut self, st: &mut State, func: &'a Expr) -> Callee<'a> {
        let mut callee = Callee {
            names: Vec::new(),
            method: None,
            receiver: None,
            receiver_expr: None,
            local: None,
            class: None,
            func,
        };
        match func {
            Expr::Name(name) => {
                let sym = self.sym(name.id.as_str());
                if let Some(v) = st.get(sym) {
                    match v.ty {
                        Some(Ty::Func(g)) => callee.local = Some((g, false)),
                        Some(Ty::Class(c)) if self.cx.classes.contains_key(&c) => {
                            callee.class = Some(c)
                        }
                        // A library object called (`start_response(...)`).
                        Some(Ty::Class(c)) => {
                            let class_name = self.cx.names.resolve(c);
                            if self.cx.models.knows_class(class_name) {
                                callee
                                    .names
                                    .push(crate::intern::dotted(class_name, "__call__"));
                            }
                        }
                        _ => {}
                    }
                } else if let Some(q) = self.qualified(func) {
                    callee.names.push(q);
                    self.push_imported_name(func, &mut callee.names);
                }
            }
            Expr::Attribute(a) => {
                callee.method = Some(a.attr.as_str());
                if let Some(q) = self.qualified(func) {
                    callee.names.push(q);
                    self.push_imported_name(func, &mut callee.names);
                }
                if !self.is_module_ref(&a.value) {
                    let receiver = self.eval(st, &a.value);
                    if let Some(Ty::Class(t)) = receiver.ty {
                        for &c in self.cx.type_chain(t).iter() {
                            let class_name = self.cx.names.resolve(c);
                            let name = crate::intern::dotted(class_name, a.attr.as_str());
                            // A library class the models know, or a class
                            // of another module of the project (its
                            // method's summary is exported by that name).
                            let known = self.cx.models.knows_class(class_name)
                                || self
                                    .cx
                                    .input
                                    .project
                                    .is_some_and(|p| p.summaries.contains_key(&name));
                            if known && !callee.names.contains(&name) {
                                callee.names.push(name);
                            }
                            if callee.local.is_none()
                                && let Some(m) = self.local_method(c, a.attr.as_str())
                            {
                                let bound =
                                    self.cx.funcs[m as usize].method != MethodKind::Function;
                                callee.local = Some((m, bound));
                            }
                        }
                    }
                    callee.receiver = Some(receiver);
                    callee.receiver_expr = Some(&a.value);
                }
            }
            Expr::Call(inner) => {
                // `getattr(obj, "name")(...)` is `obj.name(...)`.
                if let Some((object, attr)) = self.literal_getattr(inner) {
                    let q = self
                        .qualified(object)
                        .map(|q| crate::intern::dotted(&q, attr));
                    callee.names.extend(q);
                    callee.method = Some(attr);
                    if !self.is_module_ref(object) {
                        let receiver = self.eval(st, object);
                        if let Some(Ty::Class(t)) = receiver.ty {
                            for &c in self.cx.type_chain(t).iter() {
                                let class_name = self.cx.names.resolve(c);
                                if self.cx.models.knows_class(class_name) {
                                    callee.names.push(crate::intern::dotted(class_name, attr));
                                }
                                if callee.local.is_none()
                                    && let Some(m) = self.local_method(c, attr)
                                {
                                    callee.local = Some((m, true));
                                }
                            }
                        }
                        callee.receiver = Some(receiver);
                        callee.receiver_expr = Some(object);
                    }
                } else {
                    let v = self.eval(st, func);
                    if let Some(Ty::Func(g)) = v.ty {
                        callee.local = Some((g, false));
                    }
                }
            }
            other => {
                let v = self.eval(st, other);
                if let Some(Ty::Func(g)) = v.ty {
                    callee.local = Some((g, false));
                }
            }
        }
        if callee.local.is_none() && callee.class.is_none() {
            for name in &callee.names {
                if let Some(&g) = self.cx.fn_by_name.get(name) {
                    callee.local = Some((g, false));
                    break;
                }
                if let Some(sym) = self.cx.names.get(name)
                    && self.cx.classes.contains_key(&sym)
                {
                    callee.class = Some(sym);
                    break;
                }
            }
        }
        callee
    }

    /// `getattr(obj, "literal")`: the object and the attribute name.
    pub fn literal_getattr(&self, call: &'a ast::ExprCall) -> Option<(&'a Expr, &'a str)> {
        let Expr::Name(name) = call.func.as_ref() else {
            return None;
        };
        if name.id.as_str() != "getattr"
            || self
                .cx
                .input
                .semantic
                .is_shadowed("getattr", self.scope, name.range.start())
        {
            return None;
        }
        let object = call.arguments.args.first()?;
        let Expr::StringLiteral(attr) = call.arguments.args.get(1)? else {
            return None;
        };
        Some((object, attr.value.to_str()))
    }

    fn local_method(&mut self, class: Sym, method: &str) -> Option<u32> {
        let m = self.cx.names.get(method)?;
        for c in self.cx.mro(class) {
            if let Some(&f) = self
                .cx
                .classes
                .get(&c)
                .and_then(|info| info.methods.get(&m))
            {
                return Some(f);
            }
        }
        None
    }

    fn call_value(
        &mut self,
        st: &mut State,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
    ) -> Value {
        let mut v = self.call_value_untyped(st, call, callee, args);
        if let Some(ty) = self.conditional_type(st, call, callee, args) {
            v.ty = Some(ty);
        }
        v
    }

    /// The type the models give this call's result under conditions on
    /// the call (`Environment(autoescape=True)`), when one holds.
    fn conditional_type(
        &mut self,
        st: &State,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
    ) -> Option<Ty> {
        let models = self.cx.models;
        for name in &callee.names {
            for (ty, when) in models.conditional_types(name) {
                if when
                    .iter()
                    .all(|c| crate::sinks::condition_holds(self, st, call, args, c))
                {
                    return Some(Ty::Class(self.sym(ty)));
                }
            }
        }
        None
    }

    fn call_value_untyped(
        &mut self,
        st: &mut State,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
    ) -> Value {
        let models = self.cx.models;
        // Sources.
        for name in &callee.names {
            if let Some((id, info)) = models.source(name) {
                let shown = callee.display(self.cx.input.source);
                let expr = if call.arguments.is_empty() {
                    format!("{shown}()")
                } else {
                    format!("{shown}(...)")
                };
                let label = self.source_label(call.range(), id as u32, info, &expr);
                let mut v = Value::from_taint(Taint::label(label));
                v.ty = self.type_of_names(&callee.names, None, "");
                return v;
            }
        }
        if let Some((g, bound)) = callee.local {
            return self.apply_local(g, bound, call, callee, args, None);
        }
        if let Some(class) = callee.class {
            return self.construct(class, call, callee, args);
        }
        if let Some(v) = self.apply_external(call, callee, args) {
            return v;
        }
        if let Some(v) = self.special(call, callee, args) {
            return v;
        }
        for name in &callee.names {
            if let Some(s) = models.sanitizer(name) {
                return self.sanitized(call, callee, args, s.clears, &s.args);
            }
            if let Some(p) = models.propagator(name) {
                let (from, to_receiver, fl) = (p.from.clone(), p.to_receiver, p.flags);
                let mut v = self.propagated(st, call, callee, args, &from, to_receiver, fl);
                if !p.renews.is_empty() {
                    for label in &mut v.taint.labels {
                        label.cleared = label.cleared.without(p.renews);
                    }
                }
                return v;
            }
            if models.is_clean(name) {
                return Value {
                    ty: self.type_of_names(&callee.names, None, ""),
                    ..Value::default()
                };
            }
        }
        if let Some(method) = callee.method {
            if let Some(mut v) = self.container_method(st, call, callee, args) {
                // An element of a modelled container (`request.files.get(k)`
                // is an upload) has the type the models give the method.
                if v.ty.is_none() {
                    v.ty = self.type_of_names(&callee.names, None, "");
                }
                return v;
            }
            if let Some(s) = models.sanitizer_method(method) {
                return self.sanitized(call, callee, args, s.clears, &s.args);
            }
            if let Some(p) = models.propagator_method(method) {
                let (from, to_receiver, fl) = (p.from.clone(), p.to_receiver, p.flags);
                let mut v = self.propagated(st, call, callee, args, &from, to_receiver, fl);
                if method == "replace" {
                    self.line_break_removal(call, &mut v);
                    quote_removal(call, &mut v);
                }
                // Splitting on whitespace (or into lines) leaves no line
                // break in the parts.
                let on_whitespace = call.arguments.args.is_empty()
                    && call.arguments.keywords.is_empty()
                    && matches!(method, "split" | "rsplit" | "splitlines");
                if on_whitespace {
                    v.taint.clear(self.line_break_kinds());
                }
                return v;
            }
            if models.is_clean_method(method) {
                return Value::default();
            }
        }
        self.default_call(call, callee, args)
    }

    /// Anything not modelled: receiver and arguments reach the result,
    /// which may also hold data the analysis cannot see.
    fn default_call(
        &mut self,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
    ) -> Value {
        let mut taint = Taint::unknown();
        if let Some(r) = &callee.receiver {
            taint.join(&r.all_taint());
        }
        for v in args.all() {
            taint.join(&v.all_taint());
        }
        self.step(
            &mut taint,
            call.range(),
            Note::PassesThrough(callee.func.range()),
        );
        self.record_external_call(call, callee, args, None);
        if let Some(name) = callee
            .names
            .first()
            .filter(|n| n.contains('.') && !n.starts_with("builtins."))
        {
            let name = self.sym(name);
            let origin = self
                .cx
                .origins
                .intern(OriginKey::Call(name), |_| Origin::Call(name));
            taint.add(Label {
                origin,
                cleared: KindSet::EMPTY,
                flags: 0,
                trace: TraceId::NONE,
            });
        }
        let mut v = Value::from_taint(taint);
        v.ty = self.type_of_names(&callee.names, None, "");
        if v.ty.is_none()
            && let Some(name) = callee.names.first()
            && callee
                .method
                .is_none_or(|m| m.starts_with(char::is_uppercase))
            && name
                .rsplit('.')
                .next()
                .is_some_and(|last| last.starts_with(char::is_uppercase))
        {
            // A class of a library: its instances have its type.
            v.ty = Some(Ty::Class(self.sym(name)));
        }
        v
    }

    fn sanitized(
        &mut self,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
        clears: KindSet,
        sel: &[ArgSel],
    ) -> Value {
        let mut taint = selected_taint(callee, args, sel);
        taint.clear(clears);
        self.passed_through(call, callee, taint)
    }

    /// The result of a library call made of `taint`: one more step on its
    /// traces, and the type the models give the callee's result.
    fn passed_through(
        &mut self,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        mut taint: Taint,
    ) -> Value {
        self.step(
            &mut taint,
            call.range(),
            Note::PassesThrough(callee.func.range()),
        );
        let mut v = Value::from_taint(taint);
        v.ty = self.type_of_names(&callee.names, None, "");
        v
    }

    #[allow(clippy::too_many_arguments)]
    fn propagated(
        &mut self,
        st: &mut State,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
        from: &[ArgSel],
        to_receiver: bool,
        extra_flags: u8,
    ) -> Value {
        let mut taint = selected_taint(callee, args, from);
        if extra_flags != 0 {
            taint.set_flags(extra_flags);
        }
        if to_receiver {
            if let Some(place) = callee.receiver_expr.and_then(|e| self.place_of(st, e)) {
                let data = Value::from_taint(taint);
                st.add_element(&place, &data, Value::unknown);
            }
            return Value::default();
        }
        self.passed_through(call, callee, taint)
    }

    /// `s.replace("\n", "")`: line breaks removed, safe for logs and headers.
    fn line_break_removal(&mut self, call: &ast::ExprCall, v: &mut Value) {
        if let Some(Expr::StringLiteral(old)) = call.arguments.args.first() {
            let old = old.value.to_str();
            if old.contains('\n') || old.contains('\r') {
                v.taint.clear(self.line_break_kinds());
            }
        }
    }

    /// The sinks text without line breaks is safe for.
    fn line_break_kinds(&self) -> KindSet {
        self.cx.models.cleared_by(Clearance::NoLineBreaks)
    }

    /// Calls the engine knows by heart.
    fn special(
        &mut self,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
    ) -> Option<Value> {
        let name = callee.names.first()?.as_str();
        match name {
            "re.compile" => {
                let (pattern, _, _) = args.pos.first()?;
                Some(Value {
                    ty: Some(Ty::Class(self.sym("re.Pattern"))),
                    konst: pattern.konst.clone().filter(|p| matches!(p, Const::Str(_))),
                    taint: pattern.all_taint(),
                    ..Value::default()
                })
            }
            "urllib.parse.urlparse" | "urllib.parse.urlsplit" => {
                let (value, expr, _) = args.pos.first()?;
                let mut v = Value::from_taint(value.all_taint());
                let expr = *expr;
                v.set_parsed_from(self.place_of(&State::default(), expr));
                Some(v)
            }
            "builtins.enumerate" => {
                let (value, _, _) = args.pos.first()?;
                let mut v = Value::default();
                let element = self.iter_element(&value.clone());
                v.set_part(Field::Int(1), element, 0);
                v.ty = Some(Ty::Class(self.sym("builtins.enumerate")));
                Some(v)
            }
            "builtins.zip" => {
                let mut v = Value::default();
                let values: Vec<Value> = args.pos.iter().map(|(v, _, _)| v.clone()).collect();
                for (i, value) in values.iter().enumerate() {
                    let element = self.iter_element(value);
                    v.set_part(Field::Int(i as i64), element, 0);
                }
                v.ty = Some(Ty::Class(self.sym("builtins.zip")));
                Some(v)
            }
            "builtins.dict" if args.pos.is_empty() => {
                let mut v = Value::default();
                for (kw, value, _) in &args.kw {
                    match kw {
                        Some(k) => {
                            let k = self.sym(k);
                            v.set_part(Field::Str(k), value.clone(), 0);
                        }
                        None => v.taint.join(&value.all_taint()),
                    }
                }
                Some(v)
            }
            "builtins.getattr" => {
                let (object, attr) = self.literal_getattr(call)?;
                let (value, _, _) = args.pos.first()?;
                let _ = object;
                let attr = self.sym(attr);
                Some(value.element(&Field::Attr(attr)))
            }
            _ => None,
        }
    }

    /// A function of this module: its summary, applied to the arguments.
    /// When it is the `__init__` of an instance being built, `instance`
    /// gets the untrusted arguments the method stores on `self`, as parts.
    fn apply_local(
        &mut self,
        g: u32,
        bound: bool,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
        instance: Option<&mut Value>,
    ) -> Value {
        let info = &self.cx.funcs[g as usize];
        let kinds: Vec<ParamKind> = info.params.iter().map(|p| p.kind).collect();
        let names: Vec<&'a str> = info.params.iter().map(|p| p.name).collect();
        let class = info.class;
        let offset = usize::from(bound && info.method != MethodKind::Function);
        let values = bind(&kinds, &names, offset, args, callee.receiver.as_ref());
        // Summaries are computed on demand, when untrusted data goes in;
        // otherwise the callee is assumed to pass its arguments along
        // (its own sources are found when it is analysed, and wake us).
        let carries = values
            .iter()
            .flatten()
            .any(|v| self.real_labels(&v.all_taint()).has_labels());
        // Objects of a known type handed over (a request, a cursor): the
        // callee reads sources and reaches sinks through them.
        let mut typed = false;
        for (i, value) in values.iter().enumerate().skip(offset) {
            if let Some(Value {
                ty: Some(ty @ Ty::Class(_)),
                ..
            }) = value
            {
                typed |= self.cx.pass_type(g, i as u32, *ty);
            }
        }
        let shown = callee.func.range();
        if carries {
            // Hand the untrusted arguments over first: the callee's first
            // analysis then sees them (states only grow, so handing over
            // data of a state not yet final is sound). The bound instance
            // is not handed over: its attributes reach the callee through
            // the class's attribute table, one by one.
            for (i, value) in values.iter().enumerate().skip(offset) {
                let Some(value) = value else { continue };
                let mut real = self.real_labels(&value.all_taint());
                if real.has_labels() {
                    let pname = names[i];
                    let at = arg_range(args, i, offset, pname).unwrap_or(call.range());
                    let param = self.sym(pname);
                    self.step(&mut real, at, Note::PassedTo(shown, Some(param)));
                    self.cx.pass_to(g, i as u32, &real);
                }
            }
        }
        let summary = if carries
            || typed
            || self.cx.summaries[g as usize].is_some()
            || crate::module::returns::returns_model_object(self.cx, g)
        {
            self.cx.summary_of(g, self.f)
        } else {
            self.cx.note_read(crate::module::Dep::Summary(g), self.f);
            Summary::opaque(kinds.len())
        };
        let mut result =
            self.summary_result(&summary, &receiver_base(&values, offset), call, shown);
        if let Some(instance) = instance {
            self.store_fields(instance, summary.param_fields.clone(), &values);
        }
        if self.report {
            self.push_param_sinks(&summary.param_sinks, &values);
            for (index, attr) in &summary.param_fields {
                if let (Some(class), Some(Some(v))) = (class, values.get(*index as usize)) {
                    let real = self.real_labels(&v.all_taint());
                    if real.has_labels() {
                        self.effects.fields.push(((class, *attr), real));
                    }
                }
            }
        }
        result.ty = result.ty.or(summary.return_type);
        result
    }

    /// The result of a call by a summary.
    fn summary_result(
        &mut self,
        summary: &Summary,
        values: &[Option<Value>],
        call: &ast::ExprCall,
        shown: vigil_python::TextRange,
    ) -> Value {
        let mut taint = Taint::default();
        for (index, cleared, fl) in &summary.params_to_return {
            if let Some(Some(v)) = values.get(*index as usize) {
                let mut t = v.all_taint();
                t.clear(*cleared);
                for label in &mut t.labels {
                    label.flags |= fl
                        & (flags::NORMALIZED_PATH
                            | flags::NO_SINGLE_QUOTE
                            | flags::NO_DOUBLE_QUOTE);
                }
                taint.join(&t);
            }
        }
        self.step(&mut taint, call.range(), Note::PassesThrough(shown));
        let mut returned = summary.returns_sources.clone();
        self.step(&mut returned, call.range(), Note::Returned(shown));
        taint.join(&returned);
        if summary.returns_unknown {
            taint.add_unknown(summary.unknown_cleared);
        }
        let mut v = Value::from_taint(taint);
        v.ty = summary.return_type;
        v
    }

    /// A parameter of this function passed where the callee sinks it: this
    /// function sinks that parameter too.
    fn push_param_sinks(&mut self, sinks: &[(u32, u8)], values: &[Option<Value>]) {
        for (index, rule) in sinks {
            if let Some(Some(v)) = values.get(*index as usize) {
                for label in v.all_taint().labels {
                    if label.cleared.contains(*rule) {
                        continue;
                    }
                    if let Some(p) = self.own_param(&label) {
                        self.effects.summary.add_param_sink(p, *rule);
                    }
                }
            }
        }
    }

    /// Untrusted data that may leave this module.
    pub fn exported_labels(&self, taint: &Taint) -> Taint {
        let mut out = Taint::default();
        for label in &taint.labels {
            if self
                .cx
                .origins
                .source(label.origin)
                .is_some_and(|s| s.propagates)
            {
                out.add(*label);
            }
        }
        out
    }

    /// Untrusted data only (parameter symbols dropped).
    pub fn real_labels(&self, taint: &Taint) -> Taint {
        let mut out = Taint::default();
        for label in &taint.labels {
            if self.is_source(label) {
                out.add(*label);
            }
        }
        out
    }

    /// `Class(...)` for a class of this module.
    fn construct(
        &mut self,
        class: Sym,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
    ) -> Value {
        let mut instance = Value::default().typed(Some(Ty::Class(class)));
        let init = self.local_method(class, "__init__");
        match init {
            Some(init) => {
                let c = Callee {
                    names: Vec::new(),
                    method: Some("__init__"),
                    receiver: Some(instance.clone()),
                    receiver_expr: None,
                    local: Some((init, true)),
                    class: None,
                    func: callee.func,
                };
                self.apply_local(init, true, call, &c, args, Some(&mut instance));
            }
            None => {
                // Data classes and named tuples: fields by keyword or position.
                let fields = self
                    .cx
                    .classes
                    .get(&class)
                    .map(|c| c.fields.clone())
                    .unwrap_or_default();
                for (i, (value, _, starred)) in args.pos.iter().enumerate() {
                    match fields.get(i) {
                        Some(f) if !starred => instance.set_part(Field::Attr(*f), value.clone(), 0),
                        _ => instance.taint.join(&value.all_taint()),
                    }
                }
                for (kw, value, _) in &args.kw {
                    match kw {
                        Some(k) => {
                            let k = self.sym(k);
                            instance.set_part(Field::Attr(k), value.clone(), 0);
                        }
                        None => instance.taint.join(&value.all_taint()),
                    }
                }
            }
        }
        instance
    }

    /// A function of another module of the project, by its exported summary.
    fn apply_external(
        &mut self,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
    ) -> Option<Value> {
        let project = self.cx.input.project?;
        let (name, summary, constructor) = callee.names.iter().find_map(|n| {
            if let Some(s) = project.summaries.get(n) {
                return Some((n.clone(), s, false));
            }
            let init = format!("{n}.__init__");
            project.summaries.get(&init).map(|s| (n.clone(), s, true))
        })?;
        self.cx.consulted.insert(name.clone());
        let bound = (callee.receiver.is_some() && summary.method) || constructor;
        let offset = usize::from(bound && summary.method);
        let kinds: Vec<ParamKind> = summary.params.iter().map(|p| p.kind).collect();
        let names: Vec<String> = summary.params.iter().map(|p| p.name.clone()).collect();
        let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let values = bind(&kinds, &name_refs, offset, args, callee.receiver.as_ref());
        let local = self.import_summary(summary);
        let mut result = self.summary_result(&local, &values, call, callee.func.range());
        if self.report {
            self.push_param_sinks(&summary.param_sinks, &values);
            for (index, attr) in &summary.param_fields {
                if let Some(Some(v)) = values.get(*index as usize) {
                    for label in self.exported_labels(&v.all_taint()).labels {
                        let exported = crate::module::exports::export_label(self, &label);
                        let class = if constructor {
                            name.clone()
                        } else {
                            name.rsplit_once('.')
                                .map_or(name.clone(), |(c, _)| c.to_string())
                        };
                        self.effects
                            .result
                            .external_fields
                            .push(crate::project::FieldFact {
                                class,
                                attr: attr.clone(),
                                label: exported,
                            });
                    }
                }
            }
            self.record_external_call(call, callee, args, Some((&name, summary, offset)));
        }
        if constructor {
            result = Value::default().typed(Some(Ty::Class(self.sym(&name))));
            let fields: Vec<(u32, Sym)> = summary
                .param_fields
                .iter()
                .map(|(index, attr)| (*index, self.sym(attr)))
                .collect();
            self.store_fields(&mut result, fields, &values);
        }
        Some(result)
    }

    /// A new instance holds what its `__init__` stored on `self` from its
    /// arguments (`self.stream = stream`): using the object as a whole
    /// (iterating it, rendering it, passing it on) uses that data, while
    /// reading another attribute does not.
    fn store_fields(
        &mut self,
        instance: &mut Value,
        fields: Vec<(u32, Sym)>,
        values: &[Option<Value>],
    ) {
        for (index, attr) in fields {
            if let Some(Some(v)) = values.get(index as usize)
                && self.real_labels(&v.all_taint()).has_labels()
            {
                let mut stored = instance.element(&Field::Attr(attr));
                stored.taint.join(&v.all_taint());
                instance.set_part(Field::Attr(attr), stored, 0);
            }
        }
    }

    fn import_summary(&mut self, summary: &ExportedSummary) -> Summary {
        Summary {
            params_to_return: summary.params_to_return.clone(),
            returns_unknown: summary.returns_unknown,
            returns_sources: crate::module::exports::import_labels(self, &summary.returns_sources),
            return_type: summary.return_type.as_ref().map(|t| Ty::Class(self.sym(t))),
            ..Summary::default()
        }
    }

    /// Untrusted data passed to what may be a function of another module.
    fn record_external_call(
        &mut self,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
        known: Option<(&str, &ExportedSummary, usize)>,
    ) {
        if !self.report || self.effects.result.external_calls.len() >= MAX_EXTERNAL_CALLS {
            return;
        }
        self.record_external_types(callee, args, known.map(|(n, _, _)| n));
        let any_data = args
            .all()
            .any(|v| self.real_labels(&v.all_taint()).has_labels());
        if !any_data {
            return;
        }
        let Some(name) = external_name(callee, known.map(|(n, _, _)| n)) else {
            return;
        };
        if known.is_none() && self.cx.models.has_sink(&name) {
            return;
        }
        let bound = callee.receiver.is_some();
        let mut facts = Vec::new();
        for (i, (value, expr, starred)) in args.pos.iter().enumerate() {
            if *starred {
                continue;
            }
            if let Some((_, summary, offset)) = known
                && !summary
                    .param_sinks
                    .iter()
                    .any(|(p, _)| *p as usize == i + offset)
            {
                continue;
            }
            facts.push((ArgKey::Pos(i as u32), value.all_taint(), expr.range()));
        }
        for (kw, value, expr) in &args.kw {
            let Some(kw) = kw else { continue };
            if let Some((_, summary, _)) = known {
                let index = summary.params.iter().position(|p| p.name == *kw);
                if !index.is_some_and(|i| summary.param_sinks.iter().any(|(p, _)| *p as usize == i))
                {
                    continue;
                }
            }
            facts.push((ArgKey::Kw(kw.to_string()), value.all_taint(), expr.range()));
        }
        for (arg, taint, range) in facts {
            let mut real = self.exported_labels(&taint);
            if !real.has_labels() {
                continue;
            }
            let known = self
                .effects
                .result
                .external_calls
                .iter()
                .any(|c| c.callee == name && c.arg == arg);
            if known || self.effects.result.external_calls.len() >= MAX_EXTERNAL_CALLS {
                continue;
            }
            self.step(&mut real, range, Note::PassedTo(callee.func.range(), None));
            for label in real.labels {
                let exported = crate::module::exports::export_label(self, &label);
                self.effects.result.external_calls.push(CallFact {
                    callee: name.clone(),
                    bound,
                    arg: arg.clone(),
                    label: exported,
                });
            }
        }
        let _ = call;
    }
}

impl<'a> Eval<'_, 'a> {
    /// Objects of a library type with sources (a request) passed to what
    /// may be a function of another module of the project.
    fn record_external_types(&mut self, callee: &Callee<'a>, args: &Args<'a>, known: Option<&str>) {
        let typed = |v: &Value| match v.ty {
            Some(Ty::Class(t)) => Some(t),
            _ => None,
        };
        if !args.all().any(|v| typed(v).is_some()) {
            return;
        }
        let Some(name) = external_name(callee, known) else {
            return;
        };
        if self.cx.models.has_sink(&name) || self.cx.models.knows_class(&name) {
            return;
        }
        let bound = callee.receiver.is_some();
        let mut facts = Vec::new();
        for (i, (value, _, starred)) in args.pos.iter().enumerate() {
            if let (Some(t), false) = (typed(value), *starred) {
                facts.push((ArgKey::Pos(i as u32), t));
            }
        }
        for (kw, value, _) in &args.kw {
            if let (Some(kw), Some(t)) = (kw, typed(value)) {
                facts.push((ArgKey::Kw(kw.to_string()), t));
            }
        }
        for (arg, t) in facts {
            let ty = self.cx.names.resolve(t);
            if !self.cx.models.is_source_type(ty) {
                continue;
            }
            let types = &mut self.effects.result.external_types;
            if types.len() < MAX_EXTERNAL_CALLS
                && !types.iter().any(|f| f.callee == name && f.arg == arg)
            {
                types.push(crate::project::TypeFact {
                    callee: name.clone(),
                    bound,
                    arg,
                    ty: ty.to_string(),
                });
            }
        }
    }
}

/// The name a call to what may be another module's function is recorded
/// under: the one its summary was found by, or the first dotted name it
/// resolves to that is not a builtin.
fn external_name(callee: &Callee, known: Option<&str>) -> Option<String> {
    known.map(str::to_string).or_else(|| {
        callee
            .names
            .iter()
            .find(|n| n.contains('.') && !n.starts_with("builtins."))
            .cloned()
    })
}

/// `s.replace("'", "")`: no quote of that kind is left (the replacement
/// holds none).
fn quote_removal(call: &ast::ExprCall, v: &mut Value) {
    let [Expr::StringLiteral(old), Expr::StringLiteral(new), ..] = &call.arguments.args[..] else {
        return;
    };
    let (old, new) = (old.value.to_str(), new.value.to_str());
    for quote in ['\'', '"'] {
        if old.len() == 1 && old.starts_with(quote) && !new.contains(quote) {
            v.taint.set_flags(flags::no_quote(quote));
        }
    }
}

/// The bound instance's own data only (its attributes reach a method
/// through the class's attribute table, one by one).
fn receiver_base(values: &[Option<Value>], offset: usize) -> Vec<Option<Value>> {
    let mut out = values.to_vec();
    if offset == 1
        && let Some(Some(receiver)) = out.first_mut()
    {
        receiver.parts.clear();
    }
    out
}

/// Binds call arguments to parameters (`offset` parameters are taken by
/// the receiver). Returns the value of each parameter, if passed.
pub fn bind(
    kinds: &[ParamKind],
    names: &[&str],
    offset: usize,
    args: &Args,
    receiver: Option<&Value>,
) -> Vec<Option<Value>> {
    let mut out: Vec<Option<Value>> = vec![None; kinds.len()];
    if offset == 1 && !kinds.is_empty() {
        out[0] = receiver.cloned();
    }
    let positional: Vec<usize> = (offset..kinds.len())
        .filter(|&i| matches!(kinds[i], ParamKind::PositionalOnly | ParamKind::Normal))
        .collect();
    let varargs = kinds.iter().position(|k| *k == ParamKind::VarArgs);
    let kwargs = kinds.iter().position(|k| *k == ParamKind::KwArgs);
    let join = |slot: usize, v: &Value, out: &mut Vec<Option<Value>>| match &mut out[slot] {
        Some(existing) => existing.join(v),
        None => out[slot] = Some(v.clone()),
    };
    let mut k = 0;
    for (value, _, starred) in &args.pos {
        if *starred {
            let flat = value.flattened();
            for &p in positional.iter().skip(k) {
                join(p, &flat, &mut out);
            }
            if let Some(v) = varargs {
                join(v, &flat, &mut out);
            }
            k = positional.len();
            continue;
        }
        match positional.get(k) {
            Some(&p) => join(p, value, &mut out),
            None => {
                if let Some(v) = varargs {
                    join(v, &value.flattened(), &mut out);
                }
            }
        }
        k += 1;
    }
    for (kw, value, _) in &args.kw {
        match kw {
            Some(name) => {
                let target = names
                    .iter()
                    .enumerate()
                    .skip(offset)
                    .find(|(i, n)| **n == *name && kinds[*i] != ParamKind::PositionalOnly)
                    .map(|(i, _)| i)
                    .or(kwargs);
                if let Some(t) = target {
                    join(t, value, &mut out);
                }
            }
            None => {
                let flat = value.flattened();
                for (i, kind) in kinds.iter().enumerate().skip(offset) {
                    if !matches!(kind, ParamKind::PositionalOnly | ParamKind::VarArgs) {
                        join(i, &flat, &mut out);
                    }
                }
            }
        }
    }
    out
}

/// Where the argument for parameter `index` was written, for trace steps.
fn arg_range(
    args: &Args,
    index: usize,
    offset: usize,
    name: &str,
) -> Option<vigil_python::TextRange> {
    if let Some((_, _, expr)) = args.kw.iter().find(|(k, _, _)| *k == Some(name)) {
        return Some(expr.range());
    }
    let pos = index.checked_sub(offset)?;
    args.pos.get(pos).map(|(_, e, _)| e.range())
}

/// The data of the arguments `sel` picks (the receiver included for `self`).
fn selected_taint(callee: &Callee, args: &Args, sel: &[ArgSel]) -> Taint {
    let mut taint = Taint::default();
    for s in sel {
        for (v, _) in args.select(s, callee.receiver.as_ref()) {
            taint.join(&v.all_taint());
        }
    }
    taint
}
