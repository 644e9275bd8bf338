//! Methods of dicts, lists, sets and config parsers: taint stays on the
//! element it was put in when keys are literal.

use super::Eval;
use super::call::{Args, Callee};
use crate::state::{Place, State};
use crate::value::{Const, Field, Ty, Value};
use vigil_python::ast::{self as ast};

impl<'a> Eval<'_, 'a> {
    /// A container method call, when it is one.
    pub fn container_method(
        &mut self,
        st: &mut State,
        call: &'a ast::ExprCall,
        callee: &Callee<'a>,
        args: &Args<'a>,
    ) -> Option<Value> {
        let method = callee.method?;
        let receiver = callee.receiver.clone()?;
        let place = callee.receiver_expr.and_then(|e| self.place_of(st, e));
        let config = receiver.ty.is_some_and(|t| match t {
            Ty::Class(c) => self.cx.names.resolve(c).starts_with("configparser."),
            Ty::Func(_) => false,
        });
        let key = |ev: &mut Self, i: usize| -> Option<Field> {
            match args.pos.get(i).map(|(v, _, s)| (v.konst.clone(), *s)) {
                Some((Some(Const::Str(s)), false)) => Some(Field::Str(ev.sym(&s))),
                Some((Some(Const::Int(n)), false)) if n >= 0 => Some(Field::Int(n)),
                _ => None,
            }
        };
        let _ = call;
        let value = match method {
            "get" | "getint" | "getfloat" | "getboolean" if config => {
                let path = (key(self, 0), key(self, 1));
                let mut v = match path {
                    (Some(a), Some(b)) => receiver.element(&a).element(&b),
                    _ => receiver.flattened(),
                };
                if method != "get" {
                    v = Value::default();
                }
                v
            }
            "set" if config => {
                if let (Some(place), Some(a), Some(b)) = (&place, key(self, 0), key(self, 1))
                    && let Some((value, _, _)) = args.pos.get(2)
                    && let Some(p) = place.child(a).and_then(|p| p.child(b))
                {
                    st.write(&p, value.clone(), || receiver.clone());
                }
                Value::constant(Const::None)
            }
            "read_string" | "read_dict" | "read_file" | "read" if config => {
                if let Some(place) = &place {
                    for v in args.all() {
                        st.add_element(place, v, || receiver.clone());
                    }
                }
                Value::constant(Const::None)
            }
            "get" => {
                let mut v = match key(self, 0) {
                    Some(f) => receiver.element(&f),
                    None => receiver.flattened(),
                };
                v.ty = None;
                v.konst = None;
                let default = args
                    .select(&crate::model::ArgSel::PosOrKw(1, "default".into()), None)
                    .into_iter()
                    .next();
                if let Some((d, _)) = default {
                    v.join(&d);
                }
                v
            }
            "setdefault" => {
                let default = args.positional(1);
                match key(self, 0) {
                    Some(f) => {
                        let mut v = receiver.element(&f);
                        if receiver.part(&f).is_none()
                            && let Some(place) = &place
                            && let Some(p) = place.child(f)
                        {
                            st.write(&p, default.clone(), || receiver.clone());
                            v = default;
                        }
                        v
                    }
                    None => {
                        if let Some(place) = &place {
                            st.add_element(place, &default, || receiver.clone());
                        }
                        let mut v = receiver.flattened();
                        v.join(&default);
                        v
                    }
                }
            }
            "pop" => self.pop(st, &receiver, place.as_ref(), args),
            "items" | "values" | "keys" | "getlist" | "lists" | "to_dict" => {
                let mut v = receiver.flattened();
                v.ty = None;
                v.konst = None;
                v
            }
            "copy" => receiver.clone(),
            "append" => {
                let item = args.positional(0);
                if let Some(place) = &place {
                    let mut list = receiver.clone();
                    match list.len {
                        Some(n) => {
                            list.set_part(Field::Int(n as i64), item, place.path.len());
                            list.len = n.checked_add(1);
                            list.konst = None;
                        }
                        None => list.add_element(&item),
                    }
                    st.write(place, list, || receiver.clone());
                }
                Value::constant(Const::None)
            }
            "extend" => {
                let items = args.positional(0);
                if let Some(place) = &place {
                    let mut list = receiver.clone();
                    match (list.len, items.len) {
                        (Some(n), Some(m)) => {
                            for i in 0..m {
                                let element = items.element(&Field::Int(i as i64));
                                list.set_part(
                                    Field::Int((n + i) as i64),
                                    element,
                                    place.path.len(),
                                );
                            }
                            list.len = n.checked_add(m);
                            list.taint.join(&items.taint);
                            list.konst = None;
                        }
                        _ => list.add_element(&items),
                    }
                    st.write(place, list, || receiver.clone());
                }
                Value::constant(Const::None)
            }
            "insert" => {
                let index = args.pos.first().and_then(|(v, _, _)| match v.konst {
                    Some(Const::Int(i)) if i >= 0 => Some(i),
                    _ => None,
                });
                let item = args.positional(1);
                if let Some(place) = &place {
                    let mut list = receiver.clone();
                    match (index, list.len) {
                        (Some(i), Some(n)) if i <= n as i64 => {
                            let mut parts = Vec::new();
                            for (field, part) in std::mem::take(&mut list.parts) {
                                match field {
                                    Field::Int(k) if k >= i => {
                                        parts.push((Field::Int(k + 1), part))
                                    }
                                    other => parts.push((other, part)),
                                }
                            }
                            list.parts = parts;
                            list.set_part(Field::Int(i), item, place.path.len());
                            list.len = n.checked_add(1);
                            list.konst = None;
                        }
                        _ => {
                            // The elements from the insertion point on
                            // move to places no longer known.
                            list.forget_positions_from(index.unwrap_or(0));
                            list.add_element(&item);
                        }
                    }
                    st.write(place, list, || receiver.clone());
                }
                Value::constant(Const::None)
            }
            "update" => {
                if let Some(place) = &place {
                    let mut dict = receiver.clone();
                    for (value, _, _) in &args.pos {
                        for (field, part) in &value.parts {
                            dict.set_part(*field, part.clone(), place.path.len());
                        }
                        dict.taint.join(&value.taint);
                    }
                    for (kw, value, _) in &args.kw {
                        match kw {
                            Some(k) => {
                                let k = self.sym(k);
                                dict.set_part(Field::Str(k), value.clone(), place.path.len());
                            }
                            None => dict.add_element(value),
                        }
                    }
                    dict.konst = None;
                    st.write(place, dict, || receiver.clone());
                }
                Value::constant(Const::None)
            }
            "reverse" | "sort" => {
                // Same elements, at positions no longer known.
                if let Some(place) = &place
                    && (receiver.len.is_some() || receiver.first_element().is_some())
                {
                    let mut list = receiver.clone();
                    list.forget_positions_from(0);
                    list.konst = None;
                    st.write(place, list, || receiver.clone());
                }
                Value::constant(Const::None)
            }
            "appendleft" => {
                // Every element moves one place on.
                if let Some(place) = &place
                    && let Some((item, _, _)) = args.pos.first()
                {
                    let mut list = receiver.clone();
                    list.forget_positions_from(0);
                    list.add_element(item);
                    st.write(place, list, || receiver.clone());
                }
                Value::constant(Const::None)
            }
            "add" | "put" | "put_nowait" => {
                if let Some(place) = &place
                    && let Some((item, _, _)) = args.pos.first()
                {
                    st.add_element(place, item, || receiver.clone());
                }
                Value::constant(Const::None)
            }
            "clear" => {
                if let Some(place) = &place {
                    let mut empty = Value::default().typed(receiver.ty);
                    if receiver.len.is_some() {
                        empty.len = Some(0);
                    }
                    st.write(place, empty, || receiver.clone());
                }
                Value::constant(Const::None)
            }
            _ => return None,
        };
        Some(value)
    }

    fn pop(
        &mut self,
        st: &mut State,
        receiver: &Value,
        place: Option<&Place>,
        args: &Args<'a>,
    ) -> Value {
        let first = args.pos.first().map(|(v, _, _)| v.konst.clone());
        let field = match first {
            None => receiver
                .len
                .and_then(|n| n.checked_sub(1))
                .map(|n| Field::Int(n as i64)),
            Some(Some(Const::Str(s))) => Some(Field::Str(self.sym(&s))),
            Some(Some(Const::Int(i))) if i >= 0 => Some(Field::Int(i)),
            Some(Some(Const::Int(i))) => receiver
                .len
                .and_then(|n| (n as i64 + i >= 0).then(|| Field::Int(n as i64 + i))),
            _ => None,
        };
        let mut value = match field {
            Some(f) => receiver.element(&f),
            None => receiver.flattened(),
        };
        if let Some((d, _, _)) = args.pos.get(1) {
            value.join(d);
        }
        if let Some(place) = place {
            let mut container = receiver.clone();
            match field {
                Some(Field::Int(i)) if container.len.is_some() => {
                    let n = container.len.unwrap_or(0) as i64;
                    let mut parts = Vec::new();
                    for (f, part) in std::mem::take(&mut container.parts) {
                        match f {
                            Field::Int(k) if k == i => {}
                            Field::Int(k) if k > i => parts.push((Field::Int(k - 1), part)),
                            other => parts.push((other, part)),
                        }
                    }
                    container.parts = parts;
                    container.len = Some((n - 1).max(0) as u32);
                }
                // The elements after it move one place back, to places
                // no longer known.
                Some(Field::Int(i)) => container.forget_positions_from(i),
                Some(f) => container.parts.retain(|(k, _)| *k != f),
                None => {}
            }
            container.konst = None;
            st.write(place, container, || receiver.clone());
        }
        value.konst = None;
        value
    }
}
