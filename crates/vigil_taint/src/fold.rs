//! Constant folding: the value of expressions over constants, without
//! effects, so that conditions such as `7 * 18 + n > 200` (with `n`
//! constant) or `"x" in "xyz"` decide which branch runs.

use crate::eval::Eval;
use crate::kinds::KindSet;
use crate::model::Models;
use crate::model::spec::Clearance;
use crate::state::State;
use crate::value::Const;
use vigil_python::ast::{self as ast, CmpOp, Expr, Number, Operator, UnaryOp};
use vigil_semantic::{Binding, BindingKind};

/// How deep folding follows names and operators.
const MAX_DEPTH: usize = 24;
/// Longest string or sequence folding builds.
const MAX_LEN: usize = 4096;

/// The constant value of `e` in state `st`, if it has one.
pub fn fold(ev: &mut Eval, st: &State, e: &Expr) -> Option<Const> {
    fold_depth(ev, st, e, 0)
}

fn fold_depth(ev: &mut Eval, st: &State, e: &Expr, depth: usize) -> Option<Const> {
    if depth > MAX_DEPTH {
        return None;
    }
    let next = depth + 1;
    match e {
        Expr::StringLiteral(s) => Some(Const::Str(s.value.to_str().into())),
        Expr::BytesLiteral(b) => Some(Const::Bytes(b.value.bytes().collect::<Vec<u8>>().into())),
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => i.as_i64().map(Const::Int),
            Number::Float(f) => Some(Const::Float(*f)),
            Number::Complex { .. } => None,
        },
        Expr::BooleanLiteral(b) => Some(Const::Bool(b.value)),
        Expr::NoneLiteral(_) => Some(Const::None),
        Expr::Name(name) => {
            let sym = ev.cx.names.get(name.id.as_str());
            if let Some(v) = sym.and_then(|s| st.get(s)) {
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
            binding_constant_depth(ev, binding, next)
        }
        Expr::UnaryOp(u) => {
            let v = fold_depth(ev, st, &u.operand, next)?;
            match u.op {
                UnaryOp::Not => Some(Const::Bool(!v.truthy())),
                op => unary(op, Some(&v)),
            }
        }
        Expr::BinOp(b) => {
            let l = fold_depth(ev, st, &b.left, next)?;
            let r = fold_depth(ev, st, &b.right, next)?;
            binary(Some(&l), b.op, Some(&r))
        }
        Expr::BoolOp(b) => {
            let mut last = None;
            for value in &b.values {
                let v = fold_depth(ev, st, value, next)?;
                let t = v.truthy();
                last = Some(v);
                match b.op {
                    ast::BoolOp::And if !t => return last,
                    ast::BoolOp::Or if t => return last,
                    _ => {}
                }
            }
            last
        }
        Expr::Compare(c) => {
            let mut left = fold_depth(ev, st, &c.left, next)?;
            for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                let right = fold_depth(ev, st, right, next)?;
                if !compare(&left, *op, &right)? {
                    return Some(Const::Bool(false));
                }
                left = right;
            }
            Some(Const::Bool(true))
        }
        Expr::If(i) => {
            let test = fold_depth(ev, st, &i.test, next)?;
            if test.truthy() {
                fold_depth(ev, st, &i.body, next)
            } else {
                fold_depth(ev, st, &i.orelse, next)
            }
        }
        Expr::Tuple(ast::ExprTuple { elts, .. })
        | Expr::List(ast::ExprList { elts, .. })
        | Expr::Set(ast::ExprSet { elts, .. }) => {
            if elts.len() > MAX_LEN {
                return None;
            }
            let items = elts
                .iter()
                .map(|e| fold_depth(ev, st, e, next))
                .collect::<Option<Vec<_>>>()?;
            Some(Const::Seq(items.into()))
        }
        Expr::Dict(d) => {
            if d.items.len() > MAX_LEN {
                return None;
            }
            let keys = d
                .items
                .iter()
                .map(|i| i.key.as_ref().and_then(|k| fold_depth(ev, st, k, next)))
                .collect::<Option<Vec<_>>>()?;
            Some(Const::Seq(keys.into()))
        }
        Expr::Call(call) => {
            // `frozenset({...})`, `set([...])`, `tuple(...)`: the same constants.
            let Expr::Name(name) = call.func.as_ref() else {
                return None;
            };
            if !matches!(name.id.as_str(), "frozenset" | "set" | "tuple" | "list")
                || call.arguments.args.len() != 1
                || !call.arguments.keywords.is_empty()
                || ev
                    .cx
                    .input
                    .semantic
                    .is_shadowed(name.id.as_str(), ev.scope, name.range.start())
            {
                return None;
            }
            match fold_depth(ev, st, &call.arguments.args[0], next)? {
                c @ Const::Seq(_) => Some(c),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The constant a binding holds when it is the only binding of its name
/// and its value folds.
pub fn binding_constant(ev: &mut Eval, binding: &Binding) -> Option<Const> {
    binding_constant_depth(ev, binding, 0)
}

fn binding_constant_depth(ev: &mut Eval, binding: &Binding, depth: usize) -> Option<Const> {
    let BindingKind::Assignment { value: Some(value) } = binding.kind else {
        return None;
    };
    let count = ev
        .cx
        .input
        .semantic
        .scope(binding.scope)
        .bindings
        .get(binding.name)
        .map_or(0, |ids| ids.len());
    if count != 1 {
        return None;
    }
    let saved = ev.scope;
    ev.scope = binding.scope;
    let empty = State::default();
    let result = fold_depth(ev, &empty, value, depth + 1);
    ev.scope = saved;
    result
}

pub fn unary(op: UnaryOp, v: Option<&Const>) -> Option<Const> {
    match (op, v?) {
        (UnaryOp::USub, Const::Int(i)) => i.checked_neg().map(Const::Int),
        (UnaryOp::USub, Const::Float(f)) => Some(Const::Float(-f)),
        (UnaryOp::UAdd, c @ (Const::Int(_) | Const::Float(_))) => Some(c.clone()),
        (UnaryOp::Invert, Const::Int(i)) => Some(Const::Int(!i)),
        (UnaryOp::Not, c) => Some(Const::Bool(!c.truthy())),
        _ => None,
    }
}

fn as_int(c: &Const) -> Option<i64> {
    match c {
        Const::Int(i) => Some(*i),
        Const::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

fn as_float(c: &Const) -> Option<f64> {
    match c {
        Const::Float(f) => Some(*f),
        other => as_int(other).map(|i| i as f64),
    }
}

pub fn binary(l: Option<&Const>, op: Operator, r: Option<&Const>) -> Option<Const> {
    let (l, r) = (l?, r?);
    if let (Some(a), Some(b)) = (as_int(l), as_int(r))
        && !matches!(l, Const::Float(_))
    {
        return match op {
            Operator::Add => a.checked_add(b).map(Const::Int),
            Operator::Sub => a.checked_sub(b).map(Const::Int),
            Operator::Mult => a.checked_mul(b).map(Const::Int),
            Operator::FloorDiv if b != 0 => Some(Const::Int(a.div_euclid(b))),
            Operator::Mod if b != 0 => Some(Const::Int(a.rem_euclid(b))),
            Operator::Pow if (0..64).contains(&b) => a.checked_pow(b as u32).map(Const::Int),
            Operator::Div if b != 0 => Some(Const::Float(a as f64 / b as f64)),
            Operator::BitAnd => Some(Const::Int(a & b)),
            Operator::BitOr => Some(Const::Int(a | b)),
            Operator::BitXor => Some(Const::Int(a ^ b)),
            Operator::LShift if (0..63).contains(&b) => a.checked_shl(b as u32).map(Const::Int),
            Operator::RShift if (0..63).contains(&b) => Some(Const::Int(a >> b)),
            _ => None,
        };
    }
    if let (Some(a), Some(b)) = (as_float(l), as_float(r)) {
        return match op {
            Operator::Add => Some(Const::Float(a + b)),
            Operator::Sub => Some(Const::Float(a - b)),
            Operator::Mult => Some(Const::Float(a * b)),
            Operator::Div if b != 0.0 => Some(Const::Float(a / b)),
            _ => None,
        };
    }
    match (l, op, r) {
        (Const::Str(a), Operator::Add, Const::Str(b)) if a.len() + b.len() <= MAX_LEN => {
            Some(Const::Str(format!("{a}{b}").into()))
        }
        (Const::Str(a), Operator::Mult, Const::Int(n))
        | (Const::Int(n), Operator::Mult, Const::Str(a))
            if *n >= 0 && a.len().saturating_mul(*n as usize) <= MAX_LEN =>
        {
            Some(Const::Str(a.repeat(*n as usize).into()))
        }
        (Const::Seq(a), Operator::Add, Const::Seq(b)) if a.len() + b.len() <= MAX_LEN => {
            let items: Vec<Const> = a.iter().chain(b.iter()).cloned().collect();
            Some(Const::Seq(items.into()))
        }
        _ => None,
    }
}

fn compare(l: &Const, op: CmpOp, r: &Const) -> Option<bool> {
    match op {
        CmpOp::Eq => equal(l, r),
        CmpOp::NotEq => equal(l, r).map(|b| !b),
        CmpOp::Is => match (l, r) {
            (Const::None, Const::None) => Some(true),
            (Const::None, _) | (_, Const::None) => Some(false),
            (Const::Bool(a), Const::Bool(b)) => Some(a == b),
            _ => None,
        },
        CmpOp::IsNot => compare(l, CmpOp::Is, r).map(|b| !b),
        CmpOp::In => contains(r, l),
        CmpOp::NotIn => contains(r, l).map(|b| !b),
        CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => {
            let ordering = match (l, r) {
                (Const::Str(a), Const::Str(b)) => a.cmp(b),
                _ => as_float(l)?.partial_cmp(&as_float(r)?)?,
            };
            Some(match op {
                CmpOp::Lt => ordering.is_lt(),
                CmpOp::LtE => ordering.is_le(),
                CmpOp::Gt => ordering.is_gt(),
                _ => ordering.is_ge(),
            })
        }
    }
}

fn equal(l: &Const, r: &Const) -> Option<bool> {
    match (l, r) {
        (Const::Str(a), Const::Str(b)) => Some(a == b),
        (Const::Bytes(a), Const::Bytes(b)) => Some(a == b),
        (Const::None, Const::None) => Some(true),
        (Const::Seq(a), Const::Seq(b)) => {
            if a.len() != b.len() {
                return Some(false);
            }
            let mut all = true;
            for (x, y) in a.iter().zip(b.iter()) {
                all &= equal(x, y)?;
            }
            Some(all)
        }
        (Const::Str(_), _) | (_, Const::Str(_)) => Some(false),
        (Const::None, _) | (_, Const::None) => Some(false),
        _ => Some(as_float(l)? == as_float(r)?),
    }
}

fn contains(container: &Const, item: &Const) -> Option<bool> {
    match (container, item) {
        (Const::Str(haystack), Const::Str(needle)) => Some(haystack.contains(needle.as_ref())),
        (Const::Seq(items), _) => {
            for candidate in items.iter() {
                if equal(candidate, item)? {
                    return Some(true);
                }
            }
            Some(false)
        }
        _ => None,
    }
}

/// A constant as `str()` would print it (for f-strings).
pub fn to_text(c: &Const) -> Option<String> {
    match c {
        Const::Str(s) => Some(s.to_string()),
        Const::Int(i) => Some(i.to_string()),
        Const::Bool(b) => Some(if *b { "True".into() } else { "False".into() }),
        Const::None => Some("None".into()),
        _ => None,
    }
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
    fn arithmetic_and_strings_fold() {
        let seven = Const::Int(7);
        assert_eq!(
            binary(Some(&seven), Operator::Mult, Some(&Const::Int(18))),
            Some(Const::Int(126))
        );
        assert_eq!(
            binary(
                Some(&Const::Str("a".into())),
                Operator::Add,
                Some(&Const::Str("b".into()))
            ),
            Some(Const::Str("ab".into()))
        );
        assert_eq!(
            binary(Some(&seven), Operator::FloorDiv, Some(&Const::Int(0))),
            None
        );
        assert_eq!(
            compare(
                &Const::Str("x".into()),
                CmpOp::In,
                &Const::Str("xyz".into())
            ),
            Some(true)
        );
        assert_eq!(
            compare(&Const::Int(136), CmpOp::Gt, &Const::Int(200)),
            Some(false)
        );
    }

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
