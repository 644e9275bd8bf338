//! Statements (the items of a block) and assignments to targets.

use super::Eval;
use crate::cfg::{Entry, Item};
use crate::origin::Note;
use crate::state::State;
use crate::value::{Const, Field, Taint, Ty, Value};
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr, Pattern};

impl<'a> Eval<'_, 'a> {
    /// Runs one item of a block.
    pub fn exec(&mut self, st: &mut State, entry: &Entry<'a>) {
        self.stmt = entry.stmt;
        match entry.item {
            Item::Expr(e) => {
                self.eval(st, e);
            }
            Item::Assign { targets, value } => {
                let v = self.eval(st, value);
                for target in targets {
                    self.assign(st, target, v.clone());
                }
            }
            Item::AnnAssign { target, value } => {
                let v = self.eval(st, value);
                self.assign(st, target, v);
            }
            Item::AugAssign(s) => {
                let current = self.eval(st, &s.target);
                let rhs = self.eval(st, &s.value);
                let result =
                    if s.op == ast::Operator::Add && current.len.is_some() && rhs.len.is_none() {
                        let mut list = current;
                        list.add_element(&rhs);
                        list
                    } else {
                        self.binop(current, s.op, rhs, s.range)
                    };
                self.assign(st, &s.target, result);
            }
            Item::ForTarget { target, iter } => {
                let it = self.eval(st, iter);
                let element = self.iter_element(&it);
                self.assign(st, target, element);
            }
            Item::With(item) => {
                let v = self.eval(st, &item.context_expr);
                if let Some(target) = &item.optional_vars {
                    self.assign(st, target, v);
                }
            }
            Item::ExceptAs(name, types) => {
                let sym = self.sym(name.as_str());
                let mut caught = Value::unknown();
                let models = self.cx.models;
                // Caught in a framework's view: what it says may be sent to
                // the client (the helpers the view hands it to are followed).
                // Elsewhere exceptions are a library's business.
                let in_view = self.cx.entries[self.f as usize].is_some();
                if in_view
                    && !types.is_some_and(crate::model::is_client_facing_exception)
                    && let Some((id, info)) = models.source(crate::model::CAUGHT_EXCEPTION)
                {
                    let label = self.source_label(name.range, id as u32, info, name.as_str());
                    caught.taint.add(label);
                }
                st.set(sym, caught);
            }
            Item::CaseBind { subject, pattern } => {
                let v = self.eval(st, subject);
                self.bind_pattern(st, pattern, v);
            }
            Item::Return { value, range } => {
                let v = match value {
                    Some(e) => self.eval(st, e),
                    None => Value::constant(Const::None),
                };
                self.record_truthy_return(&v);
                self.record_return(v, value, range);
            }
            Item::Raise(s) => {
                for e in [&s.exc, &s.cause].into_iter().flatten() {
                    self.eval(st, e);
                }
            }
            Item::Delete(target) => match target {
                Expr::Name(name) => {
                    let sym = self.sym(name.id.as_str());
                    st.remove(sym);
                }
                Expr::Subscript(s) => {
                    self.eval(st, &s.slice);
                    if let Some(place) = self.place_of(st, target)
                        && let Some(field) = place.path.last().copied()
                    {
                        let parent = crate::state::Place {
                            root: place.root,
                            path: place.path[..place.path.len() - 1].to_vec(),
                        };
                        let mut container = st.read(&parent, Value::unknown);
                        container.parts.retain(|(f, _)| *f != field);
                        container.len = None;
                        st.write(&parent, container, Value::unknown);
                    }
                }
                other => {
                    self.eval(st, other);
                }
            },
            Item::Define { name, def } => {
                let sym = self.sym(name);
                match def {
                    Some(def) => {
                        let g = self.cx.fn_at(def.range.start());
                        st.set(sym, Value::default().typed(g.map(Ty::Func)));
                        if let Some(g) = g
                            && self.cx.funcs[g as usize].parent == Some(self.f)
                        {
                            if self.report {
                                self.effects.captures.push((g, st.clone()));
                            } else if self.cx.captures[g as usize].is_none() {
                                self.cx.captures[g as usize] = Some(st.clone());
                            }
                        }
                    }
                    None => {
                        // A class or an import: resolved by name when read.
                        st.remove(sym);
                    }
                }
            }
            Item::Assert(test) => {
                self.eval(st, test);
                crate::guards::refine(self, st, test, true);
            }
        }
    }

    /// Assigns a value to an assignment target.
    pub fn assign(&mut self, st: &mut State, target: &'a Expr, mut value: Value) {
        match target {
            Expr::Name(name) => {
                let text = name.id.as_str();
                let sym = self.sym(text);
                self.step_value(&mut value, name.range, Note::Assigned(sym));
                st.set(sym, value);
            }
            Expr::Attribute(a) => {
                let base = self.eval(st, &a.value);
                // `x.attr = v` stores into `T.attr` for `x` of type `T`.
                self.check_store(st, target, target, &value);
                let attr = self.sym(a.attr.as_str());
                self.step_value(&mut value, a.range, Note::Stored(target.range()));
                self.record_field_write(&a.value, &base, attr, &value);
                if let Some(place) = self.place_of(st, target) {
                    st.write(&place, value, Value::unknown);
                }
            }
            Expr::Subscript(s) => {
                self.eval(st, &s.value);
                self.eval(st, &s.slice);
                self.check_store(st, target, &s.value, &value);
                self.step_value(&mut value, s.range, Note::Stored(s.value.range()));
                match self.place_of(st, target) {
                    Some(place) => st.write(&place, value, Value::unknown),
                    None => {
                        if let Some(container) = self.place_of(st, &s.value) {
                            st.add_element(&container, &value, Value::unknown);
                        }
                    }
                }
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                self.destructure(st, elts, &value);
            }
            Expr::Starred(s) => {
                let flat = value.flattened();
                self.assign(st, &s.value, flat);
            }
            other => {
                self.eval(st, other);
            }
        }
    }

    fn destructure(&mut self, st: &mut State, elts: &'a [Expr], value: &Value) {
        let star = elts.iter().position(Expr::is_starred_expr);
        let len = value.len.map(i64::from);
        for (i, elt) in elts.iter().enumerate() {
            let element = match star {
                Some(s) if i == s => {
                    let mut rest = Value::from_taint(value.taint.clone());
                    if let Some(len) = len {
                        let after = (elts.len() - s - 1) as i64;
                        for k in s as i64..len - after {
                            rest.taint.join(&value.element(&Field::Int(k)).all_taint());
                        }
                    } else {
                        rest = value.flattened();
                    }
                    rest
                }
                Some(s) if i > s => match len {
                    Some(len) => value.element(&Field::Int(len - (elts.len() - i) as i64)),
                    None => value.flattened(),
                },
                _ => value.element(&Field::Int(i as i64)),
            };
            let element = match (&value.konst, star) {
                (Some(Const::Seq(items)), None) if items.len() == elts.len() => {
                    Value::constant(items[i].clone())
                }
                _ => element,
            };
            self.assign(st, elt, element);
        }
    }

    /// `self.attr = value` (or `obj.attr = value` on an instance of a class
    /// of this module): what instances hold, for every method to read.
    fn record_field_write(
        &mut self,
        object: &Expr,
        base: &Value,
        attr: crate::intern::Sym,
        value: &Value,
    ) {
        if !self.report {
            return;
        }
        let Some(Ty::Class(class)) = base.ty else {
            return;
        };
        let is_self = match (object, self.self_class()) {
            (Expr::Name(n), Some((_, self_param))) => {
                self.cx.names.get(n.id.as_str()) == Some(self_param)
            }
            _ => false,
        };
        if let Some(ty @ Ty::Class(_)) = value.ty
            && self.cx.classes.contains_key(&class)
        {
            self.effects.field_types.push(((class, attr), ty));
        }
        let taint = value.all_taint();
        let mut real = Taint::default();
        for label in &taint.labels {
            match self.own_param(label) {
                Some(index) if is_self => self.effects.summary.add_param_field(index, attr),
                Some(_) => {}
                None => real.add(*label),
            }
        }
        if !real.labels.is_empty() {
            if self.cx.classes.contains_key(&class) {
                self.effects.fields.push(((class, attr), real));
            } else {
                let class_name = self.cx.names.resolve(class).to_string();
                let attr_name = self.cx.names.resolve(attr).to_string();
                for label in self.exported_labels(&real).labels {
                    let exported = crate::module::exports::export_label(self, &label);
                    self.effects
                        .result
                        .external_fields
                        .push(crate::project::FieldFact {
                            class: class_name.clone(),
                            attr: attr_name.clone(),
                            label: exported,
                        });
                }
            }
        }
    }

    fn bind_pattern(&mut self, st: &mut State, pattern: &'a Pattern, subject: Value) {
        match pattern {
            Pattern::MatchAs(p) => {
                let mut subject = subject;
                if let Some(inner) = &p.pattern {
                    self.bind_pattern(st, inner, subject.clone());
                    if pattern_is_constant(inner) {
                        // Captured only when equal to one of the constants.
                        subject = Value::default();
                    }
                }
                if let Some(name) = &p.name {
                    let sym = self.sym(name.as_str());
                    st.set(sym, subject);
                }
            }
            Pattern::MatchStar(p) => {
                if let Some(name) = &p.name {
                    let sym = self.sym(name.as_str());
                    st.set(sym, subject.flattened());
                }
            }
            Pattern::MatchSequence(p) => {
                for (i, inner) in p.patterns.iter().enumerate() {
                    let element = match inner {
                        Pattern::MatchStar(_) => subject.flattened(),
                        _ => subject.element(&Field::Int(i as i64)),
                    };
                    self.bind_pattern(st, inner, element);
                }
            }
            Pattern::MatchMapping(p) => {
                for (key, inner) in p.keys.iter().zip(&p.patterns) {
                    let element = match key {
                        Expr::StringLiteral(s) => {
                            let k = self.sym(s.value.to_str());
                            subject.element(&Field::Str(k))
                        }
                        _ => subject.flattened(),
                    };
                    self.bind_pattern(st, inner, element);
                }
                if let Some(rest) = &p.rest {
                    let sym = self.sym(rest.as_str());
                    st.set(sym, subject.flattened());
                }
            }
            Pattern::MatchClass(p) => {
                for inner in &p.arguments.patterns {
                    self.bind_pattern(st, inner, subject.flattened());
                }
                for keyword in &p.arguments.keywords {
                    let attr = self.sym(keyword.attr.as_str());
                    let element = subject.element(&Field::Attr(attr));
                    self.bind_pattern(st, &keyword.pattern, element);
                }
            }
            Pattern::MatchOr(p) => {
                for inner in &p.patterns {
                    self.bind_pattern(st, inner, subject.clone());
                }
            }
            Pattern::MatchValue(_) | Pattern::MatchSingleton(_) => {}
        }
    }
}

/// Whether a pattern only matches constants (`case "a" | "b":`): the
/// subject is then one of them.
pub fn pattern_is_constant(pattern: &Pattern) -> bool {
    match pattern {
        Pattern::MatchValue(v) => crate::fold::is_literal(&v.value),
        Pattern::MatchSingleton(_) => true,
        Pattern::MatchOr(p) => p.patterns.iter().all(pattern_is_constant),
        Pattern::MatchAs(p) => p.pattern.as_deref().is_some_and(pattern_is_constant),
        _ => false,
    }
}
