//! Interned strings (names, qualified names, attribute names) of one module
//! analysis: compared and hashed as integers.

use rustc_hash::FxHashMap;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

/// Each string is stored once, shared by the table and the list.
#[derive(Debug, Default)]
pub struct Interner {
    ids: FxHashMap<Rc<str>, Sym>,
    strings: Vec<Rc<str>>,
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(&sym) = self.ids.get(text) {
            return sym;
        }
        let sym = Sym(self.strings.len() as u32);
        let shared: Rc<str> = text.into();
        self.strings.push(shared.clone());
        self.ids.insert(shared, sym);
        sym
    }

    /// The symbol of `text` if it was ever interned.
    pub fn get(&self, text: &str) -> Option<Sym> {
        self.ids.get(text).copied()
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        &self.strings[sym.0 as usize]
    }
}

/// `prefix.name` (cheaper than `format!` on hot paths).
pub fn dotted(prefix: &str, name: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + 1 + name.len());
    out.push_str(prefix);
    out.push('.');
    out.push_str(name);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_stable() {
        let mut i = Interner::default();
        let a = i.intern("flask.request");
        assert_eq!(i.intern("flask.request"), a);
        assert_ne!(i.intern("x"), a);
        assert_eq!(i.resolve(a), "flask.request");
        assert_eq!(i.get("x"), Some(Sym(1)));
        assert_eq!(i.get("y"), None);
    }

    #[test]
    fn dotted_joins_with_a_dot() {
        assert_eq!(dotted("a.b", "c"), "a.b.c");
    }
}
