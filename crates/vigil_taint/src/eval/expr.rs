//! Expressions.

use super::Eval;
use crate::module::Dep;
use crate::origin::Note;
use crate::state::State;
use crate::value::{Const, Field, Taint, Ty, Value};
use vigil_python::TextRange;
use vigil_python::ast::{self as ast, Expr, Number, Operator};

const RED_ZONE: usize = 256 * 1024;
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

impl<'a> Eval<'_, 'a> {
    pub fn eval(&mut self, st: &mut State, e: &'a Expr) -> Value {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.eval_inner(st, e))
    }

    fn eval_inner(&mut self, st: &mut State, e: &'a Expr) -> Value {
        match e {
            Expr::StringLiteral(s) => Value::constant(Const::Str(s.value.to_str().into())),
            Expr::BytesLiteral(b) => {
                Value::constant(Const::Bytes(b.value.bytes().collect::<Vec<u8>>().into()))
            }
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => match i.as_i64() {
                    Some(i) => Value::constant(Const::Int(i)),
                    None => Value::default(),
                },
                Number::Float(f) => Value::constant(Const::Float(*f)),
                Number::Complex { .. } => Value::default(),
            },
            Expr::BooleanLiteral(b) => Value::constant(Const::Bool(b.value)),
            Expr::NoneLiteral(_) => Value::constant(Const::None),
            Expr::EllipsisLiteral(_) => Value::default(),
            Expr::FString(f) => self.fstring(st, f),
            Expr::TString(t) => {
                let mut values = Vec::new();
                for element in t.value.elements() {
                    if let ast::InterpolatedStringElement::Interpolation(i) = element {
                        values.push(self.eval(st, &i.expression));
                    }
                }
                Value::combine(&values)
            }
            Expr::Name(name) => self.read_name(st, name),
            Expr::Attribute(a) => self.attribute(st, a, e),
            Expr::Subscript(s) => self.subscript(st, s),
            Expr::Call(call) => self.call(st, call),
            Expr::BinOp(b) if b.op == Operator::Add && matches!(&*b.left, Expr::BinOp(_)) => {
                self.concatenation(st, b)
            }
            Expr::BinOp(b) => {
                let left = self.eval(st, &b.left);
                let right = self.eval(st, &b.right);
                self.binop(left, b.op, right, b.range)
            }
            Expr::UnaryOp(u) => {
                let v = self.eval(st, &u.operand);
                match u.op {
                    ast::UnaryOp::Not => match v.konst {
                        Some(c) => Value::constant(Const::Bool(!c.truthy())),
                        None => Value::default(),
                    },
                    _ => {
                        let konst = crate::fold::unary(u.op, v.konst.as_ref());
                        Value {
                            taint: v.all_taint(),
                            konst,
                            ..Value::default()
                        }
                    }
                }
            }
            Expr::BoolOp(b) => {
                let values: Vec<Value> = b.values.iter().map(|v| self.eval(st, v)).collect();
                let mut result = Value::combine(&values);
                result.konst = crate::fold::fold(self, st, e);
                if values.len() == 1 {
                    return values.into_iter().next().unwrap_or_default();
                }
                // What the whole condition proves where it is true (`return
                // v.startswith("/") and not v.startswith("//")` in a check).
                result.set_guards(crate::guards::facts(self, st, e, true));
                result
            }
            Expr::Compare(c) => {
                self.eval(st, &c.left);
                for comparator in &c.comparators {
                    self.eval(st, comparator);
                }
                let mut v = Value {
                    konst: crate::fold::fold(self, st, e),
                    ..Value::default()
                };
                v.set_guards(crate::guards::facts(self, st, e, true));
                v
            }
            Expr::If(i) => {
                self.eval(st, &i.test);
                let mut yes = st.clone();
                let mut no = st.clone();
                let yes_ok = crate::guards::refine(self, &mut yes, &i.test, true);
                let no_ok = crate::guards::refine(self, &mut no, &i.test, false);
                match (yes_ok, no_ok) {
                    (true, false) => {
                        *st = yes;
                        self.eval(st, &i.body)
                    }
                    (false, true) => {
                        *st = no;
                        self.eval(st, &i.orelse)
                    }
                    _ => {
                        let mut a = self.eval(&mut yes, &i.body);
                        let b = self.eval(&mut no, &i.orelse);
                        yes.join_from(&no);
                        *st = yes;
                        a.join(&b);
                        a
                    }
                }
            }
            Expr::Dict(d) => {
                let mut v = Value::default();
                let mut keys = Vec::new();
                for item in &d.items {
                    let value = self.eval(st, &item.value);
                    match &item.key {
                        Some(key) => {
                            let k = self.eval(st, key);
                            let field = match &k.konst {
                                Some(Const::Str(s)) => Some(Field::Str(self.sym(s))),
                                Some(Const::Int(i)) => Some(Field::Int(*i)),
                                _ => None,
                            };
                            keys.push(k.konst.clone());
                            match field {
                                Some(field) => v.set_part(field, value, 0),
                                None => {
                                    // A key from data: the whole dict is data.
                                    v.taint.join(&k.all_taint());
                                    v.taint.join(&value.all_taint());
                                }
                            }
                        }
                        None => {
                            // `**other`: its parts are ours.
                            for (field, part) in value.parts.clone() {
                                v.set_part(field, part, 0);
                            }
                            v.taint.join(&value.taint);
                            keys.push(None);
                        }
                    }
                }
                if let Some(keys) = keys.into_iter().collect::<Option<Vec<Const>>>() {
                    v.konst = if v.all_taint().is_clean() && d.items.iter().all(|i| i.key.is_some())
                    {
                        Some(Const::Seq(keys.into()))
                    } else {
                        None
                    };
                }
                v.ty = Some(Ty::Class(self.sym("builtins.dict")));
                v
            }
            Expr::Set(s) => {
                let values: Vec<Value> = s.elts.iter().map(|e| self.eval(st, e)).collect();
                let mut v = Value::combine(&values);
                v.konst = values
                    .iter()
                    .map(|v| v.konst.clone())
                    .collect::<Option<Vec<_>>>()
                    .map(|c| Const::Seq(c.into()));
                v
            }
            Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
                self.sequence(st, elts)
            }
            Expr::ListComp(c) => self.comprehension(st, &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(st, &c.generators, &[&c.elt]),
            Expr::Generator(c) => self.comprehension(st, &c.generators, &[&c.elt]),
            Expr::DictComp(c) => {
                let mut elts: Vec<&'a Expr> = c.key.as_deref().into_iter().collect();
                elts.push(&c.value);
                self.comprehension(st, &c.generators, &elts)
            }
            Expr::Lambda(lambda) => {
                let g = self.cx.add_lambda(lambda, self.f);
                if self.report {
                    self.effects.captures.push((g, st.clone()));
                } else if self.cx.captures[g as usize].is_none() {
                    self.cx.captures[g as usize] = Some(st.clone());
                }
                Value::default().typed(Some(Ty::Func(g)))
            }
            Expr::Named(n) => {
                let v = self.eval(st, &n.value);
                self.assign(st, &n.target, v.clone());
                v
            }
            Expr::Await(a) => self.eval(st, &a.value),
            Expr::Yield(y) => {
                if let Some(value) = &y.value {
                    let v = self.eval(st, value);
                    self.record_return(v, Some(value), y.range);
                }
                self.record_generator();
                Value::unknown()
            }
            Expr::YieldFrom(y) => {
                let v = self.eval(st, &y.value);
                let element = self.iter_element(&v);
                self.record_return(element, None, y.range);
                self.record_generator();
                Value::unknown()
            }
            Expr::Starred(s) => self.eval(st, &s.value),
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.eval(st, part);
                }
                Value::default()
            }
            Expr::IpyEscapeCommand(_) => Value::unknown(),
        }
    }

    fn sequence(&mut self, st: &mut State, elts: &'a [Expr]) -> Value {
        let mut v = Value::default();
        let mut index = 0i64;
        let mut known = true;
        let mut consts = Some(Vec::new());
        for elt in elts {
            if let Expr::Starred(s) = elt {
                let inner = self.eval(st, &s.value);
                v.taint.join(&inner.all_taint());
                known = false;
                consts = None;
                continue;
            }
            let value = self.eval(st, elt);
            if let Some(c) = &mut consts {
                match &value.konst {
                    Some(k) => c.push(k.clone()),
                    None => consts = None,
                }
            }
            if known {
                v.set_part(Field::Int(index), value, 0);
                index += 1;
            } else {
                v.taint.join(&value.all_taint());
            }
        }
        if known {
            v.len = Some(index as u32);
        }
        v.konst = consts.map(|c| Const::Seq(c.into()));
        v
    }

    pub fn attribute(&mut self, st: &mut State, a: &'a ast::ExprAttribute, e: &'a Expr) -> Value {
        let attr = a.attr.as_str();
        let attr_sym = self.sym(attr);
        let module_ref = self.is_module_ref(&a.value);
        let base = if module_ref {
            Value::default()
        } else {
            self.eval(st, &a.value)
        };
        let mut value = base.element(&Field::Attr(attr_sym));
        value.ty = None;
        value.konst = None;
        if matches!(attr, "netloc" | "hostname" | "host")
            && let Some(url) = base.parsed_from()
        {
            value.set_host_of(Some(url.clone()));
        }
        // Attributes of instances: what any method stored there.
        let mut field_ty = None;
        if let Some(Ty::Class(class)) = base.ty {
            for &c in self.cx.type_chain(class).iter() {
                field_ty = field_ty.or_else(|| self.cx.field_types.get(&(c, attr_sym)).copied());
                if let Some(mut t) = self.cx.fields.get(&(c, attr_sym)).cloned() {
                    self.step(&mut t, a.range, Note::ReadFrom(a.range));
                    value.taint.join(&t);
                }
                self.cx.note_read(Dep::Field(c, attr_sym), self.f);
                if let Some(project) = self.cx.input.project
                    && !project.fields.is_empty()
                {
                    let key = crate::intern::dotted(self.cx.names.resolve(c), attr);
                    if let Some(labels) = project.fields.get(&key) {
                        let mut t = crate::module::exports::import_labels(self, labels);
                        self.step(&mut t, a.range, Note::ReadFrom(a.range));
                        value.taint.join(&t);
                    }
                }
            }
        }
        // Sources and types by name.
        let names = self.attr_names(a, e, &base);
        for name in &names {
            if let Some((id, info)) = self.cx.models.source(name) {
                if info.route_path && self.in_fixed_route() {
                    break;
                }
                let expr = self.snippet(a);
                let label = self.source_label(a.range, id as u32, info, &expr);
                value.taint.add(label);
                break;
            }
        }
        value.ty = self.type_of_names(&names, base.ty, attr).or(field_ty);
        if module_ref && value.taint.is_clean() {
            // A module's attribute (a function, a constant of a library).
            value.taint = Taint::default();
        }
        value
    }

    /// Qualified names an attribute may denote: by import resolution and
    /// by the type of its base (`T.attr` for `T` and its bases).
    pub fn attr_names(&mut self, a: &ast::ExprAttribute, e: &Expr, base: &Value) -> Vec<String> {
        let mut names = Vec::new();
        if let Some(q) = self.qualified(e) {
            names.push(q);
        }
        if let Some(Ty::Class(t)) = base.ty {
            for &c in self.cx.type_chain(t).iter() {
                let class = self.cx.names.resolve(c);
                if !self.cx.models.knows_class(class) {
                    continue;
                }
                let name = crate::intern::dotted(class, a.attr.as_str());
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// The type of an attribute or call result named by `names`.
    pub fn type_of_names(&mut self, names: &[String], base: Option<Ty>, attr: &str) -> Option<Ty> {
        for name in names {
            if let Some(t) = self.cx.models.ty(name) {
                return Some(Ty::Class(self.sym(t)));
            }
        }
        if let Some(Ty::Class(t)) = base {
            for &c in self.cx.type_chain(t).iter() {
                let class = self.cx.names.resolve(c);
                if !self.cx.models.knows_class(class) {
                    continue;
                }
                let wild = crate::intern::dotted(class, "*");
                if let Some(t) = self.cx.models.ty(&wild) {
                    return Some(Ty::Class(self.sym(t)));
                }
            }
            // A path below a library type (`client.chat.completions`).
            if !self.cx.classes.contains_key(&t) {
                let path = crate::intern::dotted(self.cx.names.resolve(t), attr);
                if self.cx.models.knows_class(&path) {
                    return Some(Ty::Class(self.sym(&path)));
                }
            }
        }
        None
    }

    fn subscript(&mut self, st: &mut State, s: &'a ast::ExprSubscript) -> Value {
        let base = self.eval(st, &s.value);
        let key = self.eval(st, &s.slice);
        let field = match &key.konst {
            Some(Const::Str(k)) => Some(Field::Str(self.sym(k))),
            Some(Const::Int(i)) if *i >= 0 => Some(Field::Int(*i)),
            Some(Const::Int(i)) => base
                .len
                .and_then(|len| (len as i64 + i >= 0).then(|| Field::Int(len as i64 + i))),
            _ => None,
        };
        let mut value = match field {
            Some(field) if !matches!(s.slice.as_ref(), Expr::Slice(_)) => base.element(&field),
            _ => base.flattened(),
        };
        if let Expr::Slice(_) = s.slice.as_ref() {
            value.ty = base.ty;
            value.konst = None;
        } else {
            value.ty = None;
            value.konst = None;
            if let Some(Ty::Class(t)) = base.ty {
                for &c in self.cx.type_chain(t).iter() {
                    if !self.cx.models.knows_class(self.cx.names.resolve(c)) {
                        continue;
                    }
                    let wild = crate::intern::dotted(self.cx.names.resolve(c), "*");
                    if let Some(t) = self.cx.models.ty(&wild) {
                        value.ty = Some(Ty::Class(self.sym(t)));
                        break;
                    }
                }
            }
            if let (Some(Const::Seq(items)), Some(Const::Int(i))) = (&base.konst, &key.konst) {
                let i = if *i < 0 { items.len() as i64 + i } else { *i };
                if let Some(c) = usize::try_from(i).ok().and_then(|i| items.get(i)) {
                    value.konst = Some(c.clone());
                }
            }
        }
        value
    }

    /// `left op right`.
    pub fn binop(&mut self, left: Value, op: Operator, right: Value, range: TextRange) -> Value {
        let konst = crate::fold::binary(left.konst.as_ref(), op, right.konst.as_ref());
        let mut right_taint = right.all_taint();
        let mut taint = left.all_taint();
        // A constant prefix that fixes the scheme and host of a URL.
        if matches!(op, Operator::Add | Operator::Mod)
            && let Some(Const::Str(prefix)) = &left.konst
        {
            let prefix = match op {
                Operator::Mod => prefix.split('%').next().unwrap_or(""),
                _ => prefix,
            };
            let fixed = crate::fold::fixed_url_prefix(self.cx.models, prefix);
            right_taint.clear(fixed);
        }
        if op == Operator::Mod
            && let Some(Const::Str(template)) = &left.konst
        {
            self.clear_quoted_conversions(&mut right_taint, template);
        }
        taint.join(&right_taint);
        let is_text =
            matches!(left.konst, Some(Const::Str(_))) || matches!(right.konst, Some(Const::Str(_)));
        let ty = match (op, left.ty) {
            (Operator::Div, Some(Ty::Class(t)))
                if self.cx.names.resolve(t).starts_with("pathlib.") =>
            {
                Some(Ty::Class(t))
            }
            _ => None,
        };
        let note = match op {
            Operator::Add if is_text => Some("concatenated into a string"),
            Operator::Mod if is_text => Some("formatted into a string with `%`"),
            Operator::Div if ty.is_some() => Some("joined into a path"),
            _ => None,
        };
        if let Some(note) = note {
            self.step(&mut taint, range, Note::Static(note));
        }
        let mut v = Value {
            taint,
            konst,
            ty,
            ..Value::default()
        };
        // List concatenation keeps the elements apart when lengths are known.
        if op == Operator::Add
            && let (Some(a), Some(b)) = (left.len, right.len)
        {
            v.parts = left.parts.clone();
            for (field, part) in &right.parts {
                if let Field::Int(i) = field {
                    v.set_part(Field::Int(i + a as i64), part.clone(), 0);
                }
            }
            v.len = a.checked_add(b);
            v.taint = Taint::default();
            v.taint.join(&left.taint);
            v.taint.join(&right.taint);
        } else if op == Operator::Add && left.len.is_some() {
            // `["prog", "--flag"] + more`: the first elements keep their
            // places, the others' are unknown.
            v.parts = left.parts.clone();
            v.taint = left.taint.clone();
            v.taint.join(&right.all_taint());
        }
        v
    }

    /// Data placed between two quotes of a query (`"...'" + value + "'"`)
    /// that holds no such quote stays one string literal there: it is
    /// cleared for the sinks that rely on that (`quoted-literal`). `before`
    /// is the text before the data, `after` the text right after it.
    fn clear_quoted(&self, t: &mut Taint, before: &QuoteContext, after: &str) {
        for quote in ['\'', '"'] {
            if before.opens(quote) && after.starts_with(quote) {
                self.clear_inside(t, quote);
            }
        }
    }

    /// Clears the data checked to hold no `quote`, placed inside a literal
    /// of that quote.
    fn clear_inside(&self, t: &mut Taint, quote: char) {
        let flag = crate::kinds::flags::no_quote(quote);
        let kinds = self
            .cx
            .models
            .cleared_by(crate::model::spec::Clearance::QuotedLiteral);
        for label in &mut t.labels {
            if label.flags & flag != 0 {
                label.cleared = label.cleared.union(kinds);
            }
        }
        // The check was of the whole value: when every origin of it passed,
        // so did the data of no known origin with it.
        if !t.labels.is_empty() && t.labels.iter().all(|l| l.flags & flag != 0) {
            t.unknown = t.unknown.map(|c| c.union(kinds));
        }
    }

    /// `"... name = '%s'" % value`: every `%s` of the template between two
    /// quotes of one kind.
    fn clear_quoted_conversions(&self, t: &mut Taint, template: &str) {
        if !template.contains("%s") {
            return;
        }
        // One pass: the quotes before each `%`, which must all be `%s`.
        let mut before = QuoteContext::default();
        let mut quoted = ['\'', '"'].map(|_| true);
        let mut rest = template;
        while let Some(at) = rest.find('%') {
            before.push(&rest[..at]);
            let after = &rest[at + 1..];
            let Some(after) = after.strip_prefix('s') else {
                return;
            };
            for (k, quote) in ['\'', '"'].into_iter().enumerate() {
                quoted[k] &= before.opens(quote) && after.starts_with(quote);
            }
            before.push("%s");
            rest = after;
        }
        for (k, quote) in ['\'', '"'].into_iter().enumerate() {
            if quoted[k] {
                self.clear_inside(t, quote);
            }
        }
    }

    /// `a + b + c`: each operand evaluated, data between two quotes of
    /// constant text noted as such, then added up left to right.
    fn concatenation(&mut self, st: &mut State, b: &'a ast::ExprBinOp) -> Value {
        let mut operands: Vec<(&'a Expr, TextRange)> = Vec::new();
        let mut node = b;
        loop {
            operands.push((&node.right, node.range));
            match &*node.left {
                Expr::BinOp(inner) if inner.op == Operator::Add && operands.len() < 64 => {
                    node = inner
                }
                left => {
                    operands.push((left, node.range));
                    break;
                }
            }
        }
        operands.reverse();
        let mut values: Vec<Value> = operands.iter().map(|(e, _)| self.eval(st, e)).collect();
        let text = |v: &Value| match &v.konst {
            Some(Const::Str(s)) => Some(s.clone()),
            _ => None,
        };
        if values.iter().any(|v| text(v).is_some()) {
            let mut before = QuoteContext::default();
            for k in 0..values.len() {
                match text(&values[k]) {
                    Some(s) => before.push(&s),
                    None if values[k].len.is_none() && values[k].parts.is_empty() => {
                        if let Some(after) = values.get(k + 1).and_then(text) {
                            let mut t = values[k].taint.clone();
                            self.clear_quoted(&mut t, &before, &after);
                            values[k].taint = t;
                        }
                    }
                    None => {}
                }
            }
        }
        let mut values = values.into_iter();
        let mut acc = values.next().unwrap_or_default();
        // operands[0] is the leftmost; each later one closes a node.
        for (v, (_, range)) in values.zip(operands.iter().skip(1)) {
            acc = self.binop(acc, Operator::Add, v, *range);
        }
        acc
    }

    fn fstring(&mut self, st: &mut State, f: &'a ast::ExprFString) -> Value {
        let mut prefix = String::new();
        let mut in_prefix = true;
        let mut taint = Taint::default();
        let mut text = Some(String::new());
        // The quotes of the literal text so far, around each field.
        let mut literal = QuoteContext::default();
        let elements: Vec<&ast::InterpolatedStringElement> = f.value.elements().collect();
        for (k, element) in elements.iter().enumerate() {
            match element {
                ast::InterpolatedStringElement::Literal(l) => {
                    literal.push(&l.value);
                    if in_prefix {
                        prefix.push_str(&l.value);
                    }
                    if let Some(t) = &mut text {
                        t.push_str(&l.value);
                    }
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let value = self.eval(st, &i.expression);
                    // A constant before any data (`f"{BASE_URL}/{name}"`) is
                    // part of the fixed text the data follows.
                    if in_prefix
                        && i.format_spec.is_none()
                        && i.conversion == ast::ConversionFlag::None
                        && !value.all_taint().has_labels()
                        && let Some(constant) = value.konst.as_ref().and_then(crate::fold::to_text)
                    {
                        prefix.push_str(&constant);
                        if let Some(t) = &mut text {
                            t.push_str(&constant);
                        }
                        continue;
                    }
                    if let Some(spec) = &i.format_spec {
                        for e in spec.elements.iter() {
                            if let ast::InterpolatedStringElement::Interpolation(inner) = e {
                                let v = self.eval(st, &inner.expression);
                                taint.join(&v.all_taint());
                            }
                        }
                    }
                    let mut t = value.all_taint();
                    if !in_prefix || !prefix.is_empty() {
                        t.clear(crate::fold::fixed_url_prefix(self.cx.models, &prefix));
                    }
                    if i.format_spec.is_none()
                        && let Some(ast::InterpolatedStringElement::Literal(next)) =
                            elements.get(k + 1)
                    {
                        self.clear_quoted(&mut t, &literal, &next.value);
                    }
                    in_prefix = false;
                    taint.join(&t);
                    match (&mut text, &value.konst) {
                        (Some(out), Some(c)) if i.format_spec.is_none() => {
                            match crate::fold::to_text(c) {
                                Some(s) => out.push_str(&s),
                                None => text = None,
                            }
                        }
                        _ => text = None,
                    }
                }
            }
        }
        self.step(&mut taint, f.range, Note::Static("flows into an f-string"));
        Value {
            taint,
            konst: text.map(|t| Const::Str(t.into())),
            ..Value::default()
        }
    }

    fn comprehension(
        &mut self,
        st: &mut State,
        generators: &'a [ast::Comprehension],
        elts: &[&'a Expr],
    ) -> Value {
        let mut inner = st.clone();
        for generator in generators {
            let iter = self.eval(&mut inner, &generator.iter);
            let element = self.iter_element(&iter);
            self.assign(&mut inner, &generator.target, element);
            for condition in &generator.ifs {
                self.eval(&mut inner, condition);
                if !crate::guards::refine(self, &mut inner, condition, true) {
                    return Value::default();
                }
            }
        }
        let mut taint = Taint::default();
        for elt in elts {
            let v = self.eval(&mut inner, elt);
            taint.join(&v.all_taint());
        }
        Value::from_taint(taint)
    }

    /// One element of an iterable.
    pub fn iter_element(&mut self, iterable: &Value) -> Value {
        if let Some(Ty::Class(t)) = iterable.ty {
            match self.cx.names.resolve(t) {
                "builtins.enumerate" => {
                    let mut tuple = Value::default();
                    tuple.set_part(Field::Int(0), Value::default(), 0);
                    tuple.set_part(Field::Int(1), iterable.element(&Field::Int(1)), 0);
                    tuple.len = Some(2);
                    return tuple;
                }
                "builtins.zip" => {
                    let mut tuple = Value::default();
                    for (field, part) in &iterable.parts {
                        tuple.set_part(*field, part.clone(), 0);
                    }
                    tuple.taint = iterable.taint.clone();
                    return tuple;
                }
                _ => {}
            }
        }
        let mut v = Value::from_taint(iterable.all_taint());
        if let Some(Const::Seq(items)) = &iterable.konst
            && let Some(first) = items.first()
            && items.iter().all(|i| i == first)
        {
            v.konst = Some(first.clone());
        }
        v
    }

    /// What a return that may be true proves about parameters the function
    /// never rebinds (`return value.isalnum()`): a caller's `if not
    /// is_safe(name): abort(400)` then guards `name`.
    pub fn record_truthy_return(&mut self, value: &Value) {
        if !self.report {
            return;
        }
        if value.konst.as_ref().is_some_and(|c| !c.truthy()) {
            return;
        }
        let info = &self.cx.funcs[self.f as usize];
        let semantic = self.cx.input.semantic;
        let proves: Vec<(u32, crate::value::GuardFact)> = value
            .guards()
            .iter()
            .filter(|g| g.place.path.is_empty())
            .filter_map(|g| {
                let index = info.params.iter().position(|p| p.sym == g.place.root)?;
                let name = info.params[index].name;
                let rebound = semantic
                    .scope(info.scope)
                    .bindings
                    .get(name)
                    .is_none_or(|ids| ids.len() != 1);
                (!rebound).then(|| (index as u32, g.clone()))
            })
            .collect();
        self.effects.summary.add_truthy_return(proves);
    }

    /// A generator's call is a generator object, true whatever its body
    /// checks: it proves nothing about the arguments.
    fn record_generator(&mut self) {
        if self.report {
            self.effects.summary.add_truthy_return(Vec::new());
        }
    }

    /// A value the function returns (or yields).
    pub fn record_return(&mut self, value: Value, expr: Option<&'a Expr>, range: TextRange) {
        if !self.report {
            return;
        }
        crate::sinks::check_return(self, &value, expr, range);
        let taint = value.all_taint();
        for label in &taint.labels {
            if let Some(name) = self.cx.origins.call(label.origin) {
                self.effects.result.relevant.push(name);
                continue;
            }
            if let Some(index) = self.own_param(label) {
                self.effects
                    .summary
                    .add_return_param(index, label.cleared, label.flags);
            } else if label.flags & crate::kinds::flags::FROM_CALLER == 0
                && self
                    .cx
                    .origins
                    .source(label.origin)
                    .is_some_and(|s| s.propagates)
            {
                self.effects.summary.returns_sources.add(*label);
            }
        }
        if let Some(cleared) = taint.unknown {
            let summary = &mut self.effects.summary;
            summary.unknown_cleared = if summary.returns_unknown {
                summary.unknown_cleared.intersect(cleared)
            } else {
                cleared
            };
            summary.returns_unknown = true;
        }
        let ty = value.ty;
        let summary = &mut self.effects.summary;
        if summary.return_type.is_none() && !summary.returned_once {
            summary.return_type = ty;
        } else if summary.return_type != ty {
            summary.return_type = None;
        }
        summary.returned_once = true;
    }
}

/// The quotes of the text before a value, counted as the text is read (a
/// count per value would make long f-strings and templates quadratic).
#[derive(Default)]
struct QuoteContext {
    singles: usize,
    doubles: usize,
    last: Option<char>,
}

impl QuoteContext {
    fn push(&mut self, text: &str) {
        self.singles += text.matches('\'').count();
        self.doubles += text.matches('"').count();
        if let Some(c) = text.chars().next_back() {
            self.last = Some(c);
        }
    }

    /// Whether the text ends with `quote` opening a literal (an odd count).
    fn opens(&self, quote: char) -> bool {
        let count = if quote == '"' {
            self.doubles
        } else {
            self.singles
        };
        self.last == Some(quote) && count % 2 == 1
    }
}
