//! Constant evaluation, written once for every checker: the value of an
//! expression over literals, names bound to constants, operators,
//! comparisons, conditional expressions, f-strings and containers, without
//! running anything.
//!
//! What a name denotes differs between the checkers (the dataflow engine
//! knows the state at this point of the function; the pattern rules know
//! the bindings of the semantic model), so [`fold`] asks a [`Names`] for
//! names and dotted names and does the rest itself.

use std::rc::Rc;
use vigil_python::ast::{self as ast, CmpOp, Expr, Number, Operator, UnaryOp};

/// How deep folding follows names and operators.
pub const MAX_DEPTH: usize = 24;
/// Longest string or sequence folding builds.
pub const MAX_LEN: usize = 4096;

/// A constant Python value.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Bool(bool),
    None,
    /// A tuple, list, set or frozenset of constants (or a dict's keys).
    Seq(Rc<[Const]>),
}

impl Const {
    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            Const::Int(i) => *i != 0,
            Const::Float(f) => *f != 0.0,
            Const::Str(s) => !s.is_empty(),
            Const::Bytes(b) => !b.is_empty(),
            Const::Bool(b) => *b,
            Const::None => false,
            Const::Seq(items) => !items.is_empty(),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Const::Str(s) => Some(s),
            _ => None,
        }
    }

    /// An integer (`True` is 1).
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Const::Int(i) => Some(*i),
            Const::Bool(b) => Some(i64::from(*b)),
            _ => None,
        }
    }
}

/// A constant that can cross threads and files: what a module exports as
/// the value of a module-level name (`DEBUG = True`, `MODE = 0o600`).
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Int(i64),
    Float(f64),
    Str(Box<str>),
    Bool(bool),
    None,
}

impl Scalar {
    /// The scalar a constant is, if it is one (containers and bytes are
    /// not exported).
    pub fn of(c: &Const) -> Option<Scalar> {
        Some(match c {
            Const::Int(i) => Scalar::Int(*i),
            Const::Float(f) => Scalar::Float(*f),
            Const::Str(s) => Scalar::Str(s.as_ref().into()),
            Const::Bool(b) => Scalar::Bool(*b),
            Const::None => Scalar::None,
            Const::Bytes(_) | Const::Seq(_) => return None,
        })
    }

    /// Whether `c` is this scalar (`1 == 1.0` as Python compares numbers;
    /// `True` is not `1` here: a rule asking for `True` asks for a switch).
    pub fn is(&self, c: &Const) -> bool {
        match (self, c) {
            (Scalar::Int(a), Const::Int(b)) => a == b,
            (Scalar::Float(a), Const::Float(b)) => a == b,
            (Scalar::Int(a), Const::Float(b)) | (Scalar::Float(b), Const::Int(a)) => {
                (*a as f64) == *b
            }
            (Scalar::Str(a), Const::Str(b)) => a.as_ref() == b.as_ref(),
            (Scalar::Bool(a), Const::Bool(b)) => a == b,
            (Scalar::None, Const::None) => true,
            _ => false,
        }
    }

    pub fn to_const(&self) -> Const {
        match self {
            Scalar::Int(i) => Const::Int(*i),
            Scalar::Float(f) => Const::Float(*f),
            Scalar::Str(s) => Const::Str(s.as_ref().into()),
            Scalar::Bool(b) => Const::Bool(*b),
            Scalar::None => Const::None,
        }
    }
}

/// What names mean where an expression is folded.
pub trait Names {
    /// The constant `name` holds, if it holds one; may fold the value its
    /// binding was given (with `depth + 1`).
    fn name(&mut self, name: &ast::ExprName, depth: usize) -> Option<Const>;

    /// Whether a builtin's name (`frozenset`) is rebound where it is used.
    fn is_shadowed(&self, name: &ast::ExprName) -> bool;

    /// The constant a dotted name holds (`settings.DEBUG`); none by default.
    fn attribute(&mut self, _attribute: &ast::ExprAttribute, _depth: usize) -> Option<Const> {
        None
    }
}

/// The constant value of `e`, if it has one.
pub fn fold<N: Names + ?Sized>(names: &mut N, e: &Expr, depth: usize) -> Option<Const> {
    if depth > MAX_DEPTH {
        return None;
    }
    let next = depth + 1;
    match e {
        Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_) => literal(e),
        Expr::Name(name) => names.name(name, depth),
        Expr::Attribute(attribute) => names.attribute(attribute, depth),
        Expr::UnaryOp(u) => unary(u.op, Some(&fold(names, &u.operand, next)?)),
        Expr::BinOp(b) => {
            let l = fold(names, &b.left, next)?;
            let r = fold(names, &b.right, next)?;
            binary(Some(&l), b.op, Some(&r))
        }
        Expr::BoolOp(b) => {
            let mut last = None;
            for value in &b.values {
                let v = fold(names, value, next)?;
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
            let mut left = fold(names, &c.left, next)?;
            for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                let right = fold(names, right, next)?;
                if !compare(&left, *op, &right)? {
                    return Some(Const::Bool(false));
                }
                left = right;
            }
            Some(Const::Bool(true))
        }
        Expr::If(i) => {
            if fold(names, &i.test, next)?.truthy() {
                fold(names, &i.body, next)
            } else {
                fold(names, &i.orelse, next)
            }
        }
        Expr::FString(f) => {
            let mut text = String::new();
            for element in f.value.elements() {
                match element {
                    ast::InterpolatedStringElement::Literal(l) => text.push_str(&l.value),
                    ast::InterpolatedStringElement::Interpolation(i) => {
                        if i.conversion != ast::ConversionFlag::None
                            || i.format_spec.is_some()
                            || i.debug_text.is_some()
                        {
                            return None;
                        }
                        text.push_str(&to_text(&fold(names, &i.expression, next)?)?);
                    }
                }
                if text.len() > MAX_LEN {
                    return None;
                }
            }
            Some(Const::Str(text.into()))
        }
        Expr::Tuple(ast::ExprTuple { elts, .. })
        | Expr::List(ast::ExprList { elts, .. })
        | Expr::Set(ast::ExprSet { elts, .. }) => {
            if elts.len() > MAX_LEN {
                return None;
            }
            let items = elts
                .iter()
                .map(|e| fold(names, e, next))
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
                .map(|i| i.key.as_ref().and_then(|k| fold(names, k, next)))
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
                || names.is_shadowed(name)
            {
                return None;
            }
            match fold(names, &call.arguments.args[0], next)? {
                c @ Const::Seq(_) => Some(c),
                // `set("abc")`: the characters, for a text short enough
                // to be a character set (a huge one is not split up).
                Const::Str(s) if s.len() <= MAX_SPLIT_TEXT => Some(Const::Seq(
                    s.chars()
                        .map(|c| Const::Str(c.to_string().into()))
                        .collect(),
                )),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The longest text `set(text)` and the like are split into characters for.
const MAX_SPLIT_TEXT: usize = 1024;

/// The value of a literal (`"a"`, `b"a"`, `1`, `1.5`, `True`, `None`).
pub fn literal(e: &Expr) -> Option<Const> {
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
        _ => None,
    }
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

fn as_float(c: &Const) -> Option<f64> {
    match c {
        Const::Float(f) => Some(*f),
        other => other.as_int().map(|i| i as f64),
    }
}

pub fn binary(l: Option<&Const>, op: Operator, r: Option<&Const>) -> Option<Const> {
    let (l, r) = (l?, r?);
    if let (Some(a), Some(b)) = (l.as_int(), r.as_int())
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

pub fn compare(l: &Const, op: CmpOp, r: &Const) -> Option<bool> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Names are never constants here: only literals fold.
    struct NoNames;

    impl Names for NoNames {
        fn name(&mut self, _: &ast::ExprName, _: usize) -> Option<Const> {
            None
        }
        fn is_shadowed(&self, _: &ast::ExprName) -> bool {
            false
        }
    }

    fn fold_text(source: &str) -> Option<Const> {
        let text = format!("x = {source}");
        let parsed = vigil_python::parse_module(&text, ast::PySourceType::Python).expect("parses");
        let Some(ast::Stmt::Assign(assign)) = parsed.module.body.first() else {
            panic!("an assignment");
        };
        fold(&mut NoNames, &assign.value, 0)
    }

    #[test]
    fn arithmetic_and_strings_fold() {
        let seven = Const::Int(7);
        assert_eq!(
            binary(Some(&seven), Operator::Mult, Some(&Const::Int(18))),
            Some(Const::Int(126))
        );
        assert_eq!(
            binary(Some(&seven), Operator::FloorDiv, Some(&Const::Int(0))),
            None
        );
        assert_eq!(
            compare(&Const::Int(136), CmpOp::Gt, &Const::Int(200)),
            Some(false)
        );
    }

    #[test]
    fn expressions_fold() {
        assert_eq!(fold_text("0o700 | 0o077"), Some(Const::Int(0o777)));
        assert_eq!(
            fold_text("f'a{1}b{True}'"),
            Some(Const::Str("a1bTrue".into()))
        );
        assert_eq!(fold_text("'x' in 'xyz'"), Some(Const::Bool(true)));
        assert_eq!(fold_text("not 0"), Some(Const::Bool(true)));
        assert_eq!(
            fold_text("'a' if 1 > 2 else 'b'"),
            Some(Const::Str("b".into()))
        );
        assert_eq!(fold_text("f'{x}'"), None);
        assert_eq!(
            fold_text("frozenset({1})"),
            Some(Const::Seq(vec![Const::Int(1)].into()))
        );
    }

    #[test]
    fn long_strings_are_not_built() {
        assert_eq!(fold_text("'a' * 5000"), None);
    }
}
