//! Scopes: where a binding is visible.

use crate::binding::BindingId;
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

/// Index of a scope in its model; the module scope is `ScopeId(0)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScopeId(pub u32);

impl ScopeId {
    pub const MODULE: ScopeId = ScopeId(0);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

/// One scope and the names bound in it.
#[derive(Debug)]
pub struct Scope<'a> {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    /// For function and class scopes, the defined name.
    pub name: Option<&'a str>,
    /// Bindings of each name, in source order (most names have one or
    /// two: they are kept inline).
    pub bindings: FxHashMap<&'a str, SmallVec<[BindingId; 2]>>,
    pub globals: FxHashSet<&'a str>,
    pub nonlocals: FxHashSet<&'a str>,
    /// Modules imported with `from m import *` in this scope.
    pub star_imports: Vec<(String, u32)>,
}

impl<'a> Scope<'a> {
    pub(crate) fn new(kind: ScopeKind, parent: Option<ScopeId>, name: Option<&'a str>) -> Self {
        Self {
            kind,
            parent,
            name,
            // Most scopes bind a handful of names: start with room for
            // them rather than growing the table three times.
            bindings: FxHashMap::with_capacity_and_hasher(8, Default::default()),
            globals: FxHashSet::default(),
            nonlocals: FxHashSet::default(),
            star_imports: Vec::new(),
        }
    }
}
