//! Constant folding in the dataflow engine: the knowledge layer's folding
//! (`vigil_knowledge::constant`) with names read from the state at this
//! point of the function, so that conditions such as `7 * 18 + n > 200`
//! (with `n` constant) or `"x" in "xyz"` decide which branch runs.

use crate::eval::Eval;
use crate::kinds::KindSet;
use crate::model::Models;
use crate::model::spec::Clearance;
use crate::state::State;
use crate::value::Const;
use vigil_knowledge::constant::{self, Names};
pub use vigil_knowledge::constant::{binary, to_text, unary};
use vigil_python::ast::{self as ast, Expr};
use vigil_semantic::Binding;

/// The constant value of `e` in state `st`, if it has one.
pub fn fold(ev: &mut Eval, st: &State, e: &Expr) -> Option<Const> {
    fold_depth(ev, st, e, 0)
}

fn fold_depth(ev: &mut Eval, st: &State, e: &Expr, depth: usize) -> Option<Const> {
    constant::fold(&mut StateNames { ev, st }, e, depth)
}

/// Names as the state at this point of the function knows them, then as
/// the module's globals and the semantic model's single bindings do.
struct StateNames<'s, 'e, 'x, 'a> {
    ev: &'e mut Eval<'x, 'a>,
    st: &'s State,
}

impl Names for StateNames<'_, '_, '_, '_> {
    fn name(&mut self, name: &ast::ExprName, depth: usize) -> Option<Const> {
        let ev = &mut *self.ev;
        let sym = ev.cx.names.get(name.id.as_str());
        if let Some(v) = sym.and_then(|s| self.st.get(s)) {
            return v.konst.clone();
        }
        let binding =
            ev.cx
                .input
                .semantic
                .lookup(name.id.as_str(), ev.scope, name.range.start())?;
        if binding.scope == vigil_semantic::ScopeId::MODULE
            && let Some(sym) = sym
            && let Some(v) = ev.cx.globals.get(&sym)
        {
            return v.konst.clone();
        }
        binding_constant_depth(ev, binding, depth + 1)
    }

    fn is_shadowed(&self, name: &ast::ExprName) -> bool {
        self.ev
            .cx
            .input
            .semantic
            .is_shadowed(name.id.as_str(), self.ev.scope, name.range.start())
    }
}

/// The constant a binding holds when it is the only binding of its name
/// and its value folds.
/// The texts a `startswith`/`endswith` argument tests: one string, or
/// the strings of a tuple of them; `None` when the argument is not a
/// constant.
pub fn prefixes(ev: &mut Eval, st: &State, e: &Expr) -> Option<Vec<String>> {
    Some(match fold(ev, st, e)? {
        Const::Str(p) => vec![p.to_string()],
        Const::Seq(items) => items
            .iter()
            .filter_map(|i| match i {
                Const::Str(p) => Some(p.to_string()),
                _ => None,
            })
            .collect(),
        _ => return None,
    })
}

pub fn binding_constant(ev: &mut Eval, binding: &Binding) -> Option<Const> {
    binding_constant_depth(ev, binding, 0)
}

fn binding_constant_depth(ev: &mut Eval, binding: &Binding, depth: usize) -> Option<Const> {
    let value = ev.cx.input.semantic.single_assigned_value(binding)?;
    let saved = ev.scope;
    ev.scope = binding.scope;
    let empty = State::default();
    let result = fold_depth(ev, &empty, value, depth + 1);
    ev.scope = saved;
    result
}

/// Whether an expression is a literal (for `case` patterns).
pub fn is_literal(e: &Expr) -> bool {
    matches!(
        e,
        Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
    ) || matches!(e, Expr::UnaryOp(u) if is_literal(&u.operand))
        || matches!(e, Expr::Attribute(_))
}

/// Sinks made safe by a constant text placed before the data: a URL with
/// a fixed scheme and host (`https://api.example.com/...`) cannot be sent
/// to another host; a path starting with `/` and a name
/// (`/account/...`) cannot leave the site.
pub fn fixed_url_prefix(models: &Models, prefix: &str) -> KindSet {
    let mut kinds = KindSet::EMPTY;
    let lower = prefix.to_ascii_lowercase();
    if let Some((scheme, rest)) = lower.split_once("://") {
        let scheme_ok = !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+');
        let host_end = rest.find(['/', '?', '#']);
        if scheme_ok
            && let Some(end) = host_end
            && end > 0
            && !rest[..end].contains(['@', '\\', ' ', '%', '{'])
        {
            kinds = kinds.union(models.cleared_by(Clearance::FixedHost));
        }
    } else {
        let bytes = prefix.as_bytes();
        if bytes.len() >= 2 && bytes[0] == b'/' && bytes[1] != b'/' && bytes[1] != b'\\' {
            kinds = kinds.union(models.cleared_by(Clearance::FixedPath));
        }
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::models;

    #[test]
    fn fixed_prefixes() {
        let m = models();
        let ssrf = KindSet::one(m.rule_by_name("ssrf").unwrap());
        let redirect = KindSet::one(m.rule_by_name("open-redirect").unwrap());
        assert_eq!(
            fixed_url_prefix(m, "https://api.example.com/users/"),
            ssrf.union(redirect)
        );
        assert_eq!(fixed_url_prefix(m, "https://"), KindSet::EMPTY);
        assert_eq!(
            fixed_url_prefix(m, "https://api.example.com"),
            KindSet::EMPTY
        );
        assert_eq!(fixed_url_prefix(m, "/account/"), redirect);
        assert_eq!(fixed_url_prefix(m, "/"), KindSet::EMPTY);
        assert_eq!(fixed_url_prefix(m, "//"), KindSet::EMPTY);
    }
}
