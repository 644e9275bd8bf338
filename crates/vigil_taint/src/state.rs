//! The abstract state at one program point: what each variable (and each
//! part of it) holds.

use crate::intern::Sym;
use crate::value::{Field, MAX_PART_DEPTH, Value};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// A variable or a part of one: `x`, `x.attr`, `x["key"]`, `x[0].a`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub root: Sym,
    pub path: Vec<Field>,
}

impl Place {
    pub fn var(root: Sym) -> Place {
        Place {
            root,
            path: Vec::new(),
        }
    }

    pub fn child(&self, field: Field) -> Option<Place> {
        (self.path.len() < MAX_PART_DEPTH).then(|| {
            let mut path = self.path.clone();
            path.push(field);
            Place {
                root: self.root,
                path,
            }
        })
    }
}

/// The variables of a state, each value shared until written.
type Vars = FxHashMap<Sym, Rc<Value>>;

/// Variables of a function at one point, each a tree of parts. The table
/// is shared between the states of a branch until one side writes it, and
/// values are shared until one side writes them, so copying a state at a
/// fork is free and joining states that did not diverge is cheap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    vars: Rc<Vars>,
}

impl State {
    pub fn get(&self, name: Sym) -> Option<&Value> {
        self.vars.get(&name).map(|v| &**v)
    }

    /// The table, for writing (copied if another state shares it).
    fn vars_mut(&mut self) -> &mut Vars {
        Rc::make_mut(&mut self.vars)
    }

    /// Binds a variable to a value (a strong update).
    pub fn set(&mut self, name: Sym, value: Value) {
        self.vars_mut().insert(name, Rc::new(value));
    }

    pub fn remove(&mut self, name: Sym) {
        if self.vars.contains_key(&name) {
            self.vars_mut().remove(&name);
        }
    }

    /// The variables and their values, consuming the state.
    pub fn into_vars(self) -> impl Iterator<Item = (Sym, Value)> {
        Rc::unwrap_or_clone(self.vars)
            .into_iter()
            .map(|(name, value)| (name, Rc::unwrap_or_clone(value)))
    }

    fn var_mut(&mut self, name: Sym, root: impl FnOnce() -> Value) -> &mut Value {
        Rc::make_mut(
            self.vars_mut()
                .entry(name)
                .or_insert_with(|| Rc::new(root())),
        )
    }

    /// The value at `place`; `root` gives the variable's value when this
    /// state does not hold it (a global, a closure variable).
    pub fn read(&self, place: &Place, root: impl FnOnce() -> Value) -> Value {
        let owned;
        let mut value = match self.vars.get(&place.root) {
            Some(v) => &**v,
            None => {
                owned = root();
                &owned
            }
        };
        for field in &place.path {
            match value.part(field) {
                Some(part) => value = part,
                // An element of unknown key: the container's own data.
                None => return Value::from_taint(value.taint.clone()),
            }
        }
        value.clone()
    }

    /// Assigns `value` to `place` (a strong update: what was there is gone).
    pub fn write(&mut self, place: &Place, value: Value, root: impl FnOnce() -> Value) {
        if place.path.is_empty() {
            self.set(place.root, value);
            return;
        }
        let var = self.var_mut(place.root, root);
        var.konst = None;
        set_path(var, &place.path, value, 0);
    }

    /// Adds data to a container as an element of unknown key (a weak update).
    pub fn add_element(&mut self, place: &Place, value: &Value, root: impl FnOnce() -> Value) {
        let var = self.var_mut(place.root, root);
        add_at(var, &place.path, value, 0);
    }

    /// Joins another state into this one; returns whether this one changed.
    pub fn join_from(&mut self, other: &State) -> bool {
        if Rc::ptr_eq(&self.vars, &other.vars) {
            return false;
        }
        let mut changed = false;
        for (name, value) in other.vars.iter() {
            match self.vars.get(name) {
                Some(mine) if Rc::ptr_eq(mine, value) || **mine == **value => {}
                Some(_) => {
                    let vars = self.vars_mut();
                    if let Some(mine) = vars.get_mut(name) {
                        changed |= Rc::make_mut(mine).join_changed(value);
                    }
                }
                None => {
                    self.vars_mut().insert(*name, value.clone());
                    changed = true;
                }
            }
        }
        changed
    }
}

fn add_at(target: &mut Value, path: &[Field], value: &Value, depth: usize) {
    let Some((field, rest)) = path.split_first() else {
        target.add_element(value);
        return;
    };
    if target.part(field).is_none() {
        let base = Value::from_taint(target.taint.clone());
        target.set_part(*field, base, depth);
    }
    match target.parts.iter_mut().find(|(f, _)| f == field) {
        Some((_, part)) => add_at(part, rest, value, depth + 1),
        None => target.add_element(value),
    }
}

fn set_path(target: &mut Value, path: &[Field], value: Value, depth: usize) {
    let (field, rest) = (path[0], &path[1..]);
    if rest.is_empty() {
        target.set_part(field, value, depth);
        return;
    }
    if target.part(&field).is_none() {
        let base = Value::from_taint(target.taint.clone());
        target.set_part(field, base, depth);
    }
    match target.parts.iter_mut().find(|(f, _)| *f == field) {
        Some((_, part)) => set_path(part, rest, value, depth + 1),
        None => target.taint.join(&value.all_taint()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::KindSet;
    use crate::origin::{OriginId, TraceId};
    use crate::value::{Label, Taint};

    fn tainted() -> Value {
        Value::from_taint(Taint::label(Label {
            origin: OriginId(1),
            cleared: KindSet::EMPTY,
            flags: 0,
            trace: TraceId::NONE,
        }))
    }

    #[test]
    fn writes_to_parts_are_precise() {
        let mut s = State::default();
        let x = Place::var(Sym(0));
        s.write(&x, Value::default(), Value::default);
        let a = x.child(Field::Str(Sym(1))).unwrap();
        let b = x.child(Field::Str(Sym(2))).unwrap();
        s.write(&a, tainted(), Value::default);
        assert!(s.read(&b, Value::default).taint.is_clean());
        assert!(!s.read(&a, Value::default).taint.is_clean());
        assert!(!s.read(&x, Value::default).all_taint().is_clean());
        // Overwriting with a constant cleans it.
        s.write(&a, Value::default(), Value::default);
        assert!(s.read(&x, Value::default).all_taint().is_clean());
    }

    #[test]
    fn deep_reads_of_unknown_parts_see_the_container() {
        let mut s = State::default();
        let x = Place::var(Sym(0));
        s.write(&x, tainted(), Value::default);
        let deep = x
            .child(Field::Attr(Sym(1)))
            .and_then(|p| p.child(Field::Int(0)))
            .unwrap();
        assert!(!s.read(&deep, Value::default).taint.is_clean());
    }

    #[test]
    fn joins_report_change() {
        let mut a = State::default();
        let mut b = State::default();
        b.write(&Place::var(Sym(0)), tainted(), Value::default);
        assert!(a.join_from(&b));
        assert!(!a.join_from(&b));
    }
}
