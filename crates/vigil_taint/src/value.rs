//! Abstract values: what the analysis knows about one Python value.
//!
//! A [`Value`] carries its [`Taint`] (the origins of the data in it, each
//! with the sinks it was made safe for), an optional type (a qualified
//! class name, or a function of this module), an optional constant, and
//! the parts of a container or object with literal keys (`d["a"]`,
//! `xs[0]`, `obj.attr`), so that taint stays on the element it was put in.

use crate::intern::Sym;
use crate::kinds::KindSet;
use crate::origin::{OriginId, TraceId};

/// How deep container parts nest (`a["x"]["y"].z`).
pub const MAX_PART_DEPTH: usize = 3;
/// How many parts one container keeps before folding the rest in.
pub const MAX_PARTS: usize = 16;

pub use vigil_knowledge::constant::Const;

/// A key of a container part or an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Attr(Sym),
    Str(Sym),
    Int(i64),
}

/// What kind of thing a value is, when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ty {
    /// An instance of this class (qualified name).
    Class(Sym),
    /// A function or lambda of this module (index into the module's functions).
    Func(u32),
}

/// One origin of the data in a value.
#[derive(Debug, Clone, Copy)]
pub struct Label {
    pub origin: OriginId,
    /// Sinks for which the data was sanitized or validated.
    pub cleared: KindSet,
    pub flags: u8,
    /// The path so far (tip of a trace in the module's arena).
    pub trace: TraceId,
}

impl Label {
    fn same(&self, other: &Label) -> bool {
        self.origin == other.origin && self.cleared == other.cleared && self.flags == other.flags
    }
}

/// The origins of a value's data, sorted by origin; `unknown` is set when
/// part of it comes from something the analysis cannot see (a parameter,
/// an unknown call), with the sinks that part was sanitized for: this
/// matters for proving a value constant or safe.
#[derive(Debug, Clone, Default)]
pub struct Taint {
    pub labels: Vec<Label>,
    pub unknown: Option<KindSet>,
}

impl PartialEq for Taint {
    /// Equality for the fixpoint: traces are ignored.
    fn eq(&self, other: &Self) -> bool {
        self.unknown == other.unknown
            && self.labels.len() == other.labels.len()
            && self
                .labels
                .iter()
                .zip(&other.labels)
                .all(|(a, b)| a.same(b))
    }
}

impl Taint {
    pub fn unknown() -> Taint {
        Taint {
            labels: Vec::new(),
            unknown: Some(KindSet::EMPTY),
        }
    }

    pub fn label(label: Label) -> Taint {
        Taint {
            labels: vec![label],
            unknown: None,
        }
    }

    pub fn is_clean(&self) -> bool {
        self.labels.is_empty() && self.unknown.is_none()
    }

    /// Whether some label is untrusted data (not a parameter's symbol).
    pub fn has_labels(&self) -> bool {
        !self.labels.is_empty()
    }

    pub fn add_unknown(&mut self, cleared: KindSet) {
        self.unknown = Some(match self.unknown {
            Some(c) => c.intersect(cleared),
            None => cleared,
        });
    }

    /// Adds one label; an origin already present keeps the first trace and
    /// only what holds on both ways (cleared sinks, flags).
    pub fn add(&mut self, label: Label) {
        match self
            .labels
            .binary_search_by_key(&label.origin, |l| l.origin)
        {
            Ok(i) => {
                let existing = &mut self.labels[i];
                existing.cleared = existing.cleared.intersect(label.cleared);
                existing.flags &= label.flags;
            }
            Err(i) => self.labels.insert(i, label),
        }
    }

    /// Joins and tells whether this changed (traces aside).
    pub fn join_changed(&mut self, other: &Taint) -> bool {
        let mut changed = false;
        if let Some(c) = other.unknown {
            let joined = match self.unknown {
                Some(mine) => mine.intersect(c),
                None => c,
            };
            changed |= self.unknown != Some(joined);
            self.unknown = Some(joined);
        }
        for label in &other.labels {
            match self
                .labels
                .binary_search_by_key(&label.origin, |l| l.origin)
            {
                Ok(i) => {
                    let existing = &mut self.labels[i];
                    let cleared = existing.cleared.intersect(label.cleared);
                    let flags = existing.flags & label.flags;
                    changed |= cleared != existing.cleared || flags != existing.flags;
                    existing.cleared = cleared;
                    existing.flags = flags;
                }
                Err(i) => {
                    self.labels.insert(i, *label);
                    changed = true;
                }
            }
        }
        changed
    }

    /// The data of both (a join of two paths, or a combination of values).
    pub fn join(&mut self, other: &Taint) {
        if let Some(c) = other.unknown {
            self.add_unknown(c);
        }
        if self.labels.is_empty() {
            self.labels.extend_from_slice(&other.labels);
            return;
        }
        for label in &other.labels {
            self.add(*label);
        }
    }

    /// Marks every label safe for `kinds`.
    pub fn clear(&mut self, kinds: KindSet) {
        for label in &mut self.labels {
            label.cleared = label.cleared.union(kinds);
        }
        if let Some(c) = &mut self.unknown {
            *c = c.union(kinds);
        }
    }

    pub fn set_flags(&mut self, flags: u8) {
        for label in &mut self.labels {
            label.flags |= flags;
        }
    }

    pub fn map_traces(&mut self, mut f: impl FnMut(TraceId) -> TraceId) {
        for label in &mut self.labels {
            label.trace = f(label.trace);
        }
    }

    /// Whether every label is safe for a sink of `kind` and nothing unknown
    /// flows in: the value is constant or sanitized for that sink.
    pub fn proven_safe_for(&self, kind: u8) -> bool {
        self.unknown.is_none_or(|c| c.contains(kind))
            && self.labels.iter().all(|l| l.cleared.contains(kind))
    }
}

/// A validation that holds when the value it is attached to is true.
#[derive(Debug, Clone, PartialEq)]
pub struct GuardFact {
    pub place: crate::state::Place,
    pub clears: KindSet,
    /// Only labels with all these flags are cleared.
    pub require_flags: u8,
    /// Flags the labels gain first: half of a check that takes two
    /// conditions (no `..`, and not absolute), the other half clearing
    /// the labels that have both.
    pub sets_flags: u8,
}

/// What the analysis knows about a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Value {
    /// The data of the value itself (for a container with parts: of the
    /// elements that are not parts).
    pub taint: Taint,
    pub ty: Option<Ty>,
    pub konst: Option<Const>,
    /// Elements and attributes with literal keys.
    pub parts: Vec<(Field, Value)>,
    /// A list whose length is known (its parts are `0..len`).
    pub len: Option<u32>,
    /// Guards and the place parsed from, which few values have: kept out
    /// of line (values are moved and cloned at every step), and `None`
    /// when there are none, so that equal values compare equal.
    pub(crate) facts: Option<Box<ValueFacts>>,
}

/// The facts few values carry ([`Value::guards`], [`Value::parsed_from`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ValueFacts {
    /// Facts that hold where this value is true (`m = re.fullmatch(...)`).
    guards: Vec<GuardFact>,
    /// The place this value was parsed from (`urlparse(url)`): a check on
    /// this value's host also validates that place.
    parsed_from: Option<crate::state::Place>,
    /// The place whose URL this value is the host of (`urlparse(url).hostname`):
    /// a check of this value validates the host of that place.
    host_of: Option<crate::state::Place>,
}

impl ValueFacts {
    fn boxed(self) -> Option<Box<ValueFacts>> {
        (!self.guards.is_empty() || self.parsed_from.is_some() || self.host_of.is_some())
            .then(|| Box::new(self))
    }
}

impl Value {
    /// Facts that hold where this value is true (`m = re.fullmatch(...)`).
    pub fn guards(&self) -> &[GuardFact] {
        self.facts.as_deref().map_or(&[], |f| &f.guards)
    }

    /// Changes the rare facts, keeping the others.
    fn update_facts(&mut self, change: impl FnOnce(&mut ValueFacts)) {
        let mut facts = self.facts.take().map(|f| *f).unwrap_or_default();
        change(&mut facts);
        self.facts = facts.boxed();
    }

    pub fn set_guards(&mut self, guards: Vec<GuardFact>) {
        self.update_facts(|f| f.guards = guards);
    }

    /// The place this value was parsed from (`urlparse(url)`): a check on
    /// this value's host also validates that place.
    pub fn parsed_from(&self) -> Option<&crate::state::Place> {
        self.facts.as_deref().and_then(|f| f.parsed_from.as_ref())
    }

    pub fn set_parsed_from(&mut self, place: Option<crate::state::Place>) {
        self.update_facts(|f| f.parsed_from = place);
    }

    /// The place whose URL this value is the host of (`urlparse(url).netloc`).
    pub fn host_of(&self) -> Option<&crate::state::Place> {
        self.facts.as_deref().and_then(|f| f.host_of.as_ref())
    }

    pub fn set_host_of(&mut self, place: Option<crate::state::Place>) {
        self.update_facts(|f| f.host_of = place);
    }

    pub fn unknown() -> Value {
        Value {
            taint: Taint::unknown(),
            ..Value::default()
        }
    }

    pub fn constant(konst: Const) -> Value {
        Value {
            konst: Some(konst),
            ..Value::default()
        }
    }

    pub fn from_taint(taint: Taint) -> Value {
        Value {
            taint,
            ..Value::default()
        }
    }

    pub fn typed(mut self, ty: Option<Ty>) -> Value {
        self.ty = ty;
        self
    }

    /// The data of the whole value, parts included.
    pub fn all_taint(&self) -> Taint {
        if self.parts.is_empty() {
            return self.taint.clone();
        }
        let mut taint = self.taint.clone();
        self.collect(&mut taint);
        taint
    }

    fn collect(&self, into: &mut Taint) {
        for (_, part) in &self.parts {
            into.join(&part.taint);
            part.collect(into);
        }
    }

    /// The value flattened: parts folded into its own taint (a container
    /// seen as one blob).
    pub fn flattened(&self) -> Value {
        Value {
            taint: self.all_taint(),
            ty: self.ty,
            konst: self.konst.clone(),
            ..Value::default()
        }
    }

    pub fn part(&self, field: &Field) -> Option<&Value> {
        self.parts.iter().find(|(f, _)| f == field).map(|(_, v)| v)
    }

    /// The value of one element: its part if known, else the container's
    /// own data (an element of unknown key).
    pub fn element(&self, field: &Field) -> Value {
        match self.part(field) {
            Some(v) => v.clone(),
            None => Value::from_taint(self.taint.clone()),
        }
    }

    /// Sets a part, strongly (the old value of that key is gone). `depth`
    /// is how deep this container sits; parts below the depth limit are
    /// folded into their container.
    pub fn set_part(&mut self, field: Field, value: Value, depth: usize) {
        if depth >= MAX_PART_DEPTH {
            self.taint.join(&value.all_taint());
            return;
        }
        let value = value.truncated(MAX_PART_DEPTH - depth - 1);
        if let Some(slot) = self.parts.iter_mut().find(|(f, _)| *f == field) {
            slot.1 = value;
        } else if self.parts.len() < MAX_PARTS {
            self.parts.push((field, value));
        } else {
            self.taint.join(&value.all_taint());
        }
    }

    /// The value with parts kept `levels` deep, deeper ones folded in.
    pub fn truncated(self, levels: usize) -> Value {
        if self.parts.is_empty() {
            return self;
        }
        if levels == 0 {
            return self.flattened();
        }
        let Value {
            taint,
            ty,
            konst,
            parts,
            len,
            facts,
        } = self;
        Value {
            taint,
            ty,
            konst,
            parts: parts
                .into_iter()
                .map(|(f, v)| (f, v.truncated(levels - 1)))
                .collect(),
            len,
            facts,
        }
    }

    /// Adds data to the container as an element of unknown key.
    /// Folds the list elements at `from` and after into the container's
    /// own data: their positions are no longer known (an insertion before
    /// them, a sort).
    pub fn forget_positions_from(&mut self, from: i64) {
        let mut kept = Vec::with_capacity(self.parts.len());
        for (field, part) in std::mem::take(&mut self.parts) {
            match field {
                Field::Int(k) if k >= from => self.taint.join(&part.all_taint()),
                _ => kept.push((field, part)),
            }
        }
        self.parts = kept;
    }

    /// The first element of a list when its position is certain: a list
    /// of known length, or one of unknown length whose known parts are
    /// its first elements (`[prog, ...]` later appended to or extended).
    pub fn first_element(&self) -> Option<&Value> {
        self.part(&Field::Int(0))
    }

    pub fn add_element(&mut self, value: &Value) {
        self.taint.join(&value.all_taint());
        self.len = None;
        self.konst = None;
    }

    /// The least value covering both (a join of two paths).
    pub fn join(&mut self, other: &Value) {
        self.join_changed(other);
    }

    /// Joins and tells whether this changed (what [`Value::join`] does,
    /// without a copy to compare with).
    pub fn join_changed(&mut self, other: &Value) -> bool {
        let mut changed = false;
        if self.ty != other.ty && self.ty.is_some() {
            self.ty = None;
            changed = true;
        }
        if self.konst != other.konst && self.konst.is_some() {
            self.konst = None;
            changed = true;
        }
        if self.len != other.len && self.len.is_some() {
            self.len = None;
            changed = true;
        }
        if let Some(mine) = &mut self.facts {
            if mine.guards != other.guards() && !mine.guards.is_empty() {
                mine.guards.clear();
                changed = true;
            }
            if mine.parsed_from.as_ref() != other.parsed_from() && mine.parsed_from.is_some() {
                mine.parsed_from = None;
                changed = true;
            }
            if mine.host_of.as_ref() != other.host_of() && mine.host_of.is_some() {
                mine.host_of = None;
                changed = true;
            }
            if mine.guards.is_empty() && mine.parsed_from.is_none() && mine.host_of.is_none() {
                self.facts = None;
            }
        }
        if !self.parts.is_empty() || !other.parts.is_empty() {
            let base = Value::from_taint(self.taint.clone());
            for (field, part) in &mut self.parts {
                changed |= match other.part(field) {
                    Some(o) => part.join_changed(o),
                    None => part.taint.join_changed(&other.taint),
                };
            }
            for (field, part) in &other.parts {
                if self.part(field).is_none() {
                    let mut joined = base.clone();
                    joined.join(part);
                    if self.parts.len() < MAX_PARTS {
                        self.parts.push((*field, joined));
                    } else {
                        self.taint.join(&joined.all_taint());
                    }
                    changed = true;
                }
            }
        }
        changed |= self.taint.join_changed(&other.taint);
        changed
    }

    /// A value made of the data of several (an operation's result).
    pub fn combine<'v>(values: impl IntoIterator<Item = &'v Value>) -> Value {
        let mut taint = Taint::default();
        for v in values {
            taint.join(&v.all_taint());
        }
        Value::from_taint(taint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_without_guards_or_parsed_place_compare_equal() {
        let place = crate::state::Place::var(Sym(3));
        let guard = GuardFact {
            place: place.clone(),
            clears: KindSet::ALL,
            require_flags: 0,
            sets_flags: 0,
        };
        let mut v = Value::default();
        v.set_guards(vec![guard.clone()]);
        v.set_parsed_from(Some(place.clone()));
        assert_eq!(v.guards(), std::slice::from_ref(&guard));
        assert_eq!(v.parsed_from(), Some(&place));
        // Joined with a value without them, both are dropped, and the
        // value is again the plain one (the fixpoint compares values).
        assert!(v.join_changed(&Value::default()));
        assert_eq!(v, Value::default());
        let mut w = Value::default();
        w.set_guards(Vec::new());
        w.set_parsed_from(None);
        assert_eq!(w, Value::default());
    }

    fn label(origin: u32, cleared: u32) -> Label {
        Label {
            origin: OriginId(origin),
            cleared: KindSet(cleared),
            flags: 0,
            trace: TraceId(0),
        }
    }

    #[test]
    fn joining_keeps_what_holds_on_both_paths() {
        let mut a = Taint::label(label(1, 0b11));
        a.join(&Taint::label(label(1, 0b01)));
        assert_eq!(a.labels.len(), 1);
        assert_eq!(a.labels[0].cleared, KindSet(0b01));
        a.join(&Taint::label(label(0, 0)));
        assert_eq!(a.labels[0].origin, OriginId(0));
    }

    #[test]
    fn parts_keep_taint_on_their_element() {
        let mut dict = Value::default();
        let tainted = Value::from_taint(Taint::label(label(1, 0)));
        dict.set_part(Field::Int(0), tainted.clone(), 0);
        dict.set_part(Field::Int(1), Value::constant(Const::Int(3)), 0);
        assert!(dict.element(&Field::Int(1)).taint.is_clean());
        assert!(!dict.element(&Field::Int(0)).taint.is_clean());
        assert!(!dict.all_taint().is_clean());
        // An unknown key reads the container's own data: clean here.
        assert!(dict.element(&Field::Int(7)).taint.is_clean());
    }

    #[test]
    fn joining_a_part_with_a_path_that_lacks_it_uses_the_base() {
        let mut a = Value::default();
        a.set_part(
            Field::Int(0),
            Value::from_taint(Taint::label(label(1, 0))),
            0,
        );
        let b = Value::from_taint(Taint::label(label(2, 0)));
        a.join(&b);
        let element = a.element(&Field::Int(0));
        assert_eq!(element.taint.labels.len(), 2);
    }

    #[test]
    fn joins_tell_whether_they_changed() {
        let mut a = Value::from_taint(Taint::label(label(1, 0b11)));
        let same = a.clone();
        assert!(!a.join_changed(&same));
        let weaker = Value::from_taint(Taint::label(label(1, 0b01)));
        assert!(a.join_changed(&weaker));
        assert!(!a.join_changed(&weaker));
        let mut with_part = Value::default();
        with_part.set_part(Field::Int(0), weaker.clone(), 0);
        assert!(a.join_changed(&with_part));
        let mut copy = a.clone();
        copy.join(&with_part);
        assert_eq!(copy, a);
    }

    #[test]
    fn nesting_is_bounded() {
        let mut data = Value::from_taint(Taint::label(label(1, 0)));
        for _ in 0..64 {
            let mut pair = Value::default();
            pair.set_part(Field::Int(0), data.clone(), 0);
            pair.set_part(Field::Int(1), data.clone(), 0);
            data = pair;
        }
        fn depth(v: &Value) -> usize {
            1 + v.parts.iter().map(|(_, p)| depth(p)).max().unwrap_or(0)
        }
        assert!(depth(&data) <= MAX_PART_DEPTH + 1);
        assert!(!data.all_taint().is_clean());
    }

    #[test]
    fn proof_needs_every_label_cleared_and_nothing_unknown() {
        let mut t = Taint::label(label(1, 0b100));
        assert!(t.proven_safe_for(2));
        assert!(!t.proven_safe_for(1));
        t.add_unknown(KindSet::EMPTY);
        assert!(!t.proven_safe_for(2));
        t.clear(KindSet::one(2));
        assert!(t.proven_safe_for(2));
    }
}
