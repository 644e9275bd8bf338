//! Small questions about expressions that many rules ask.

use vigil_python::ast::{self as ast, Expr, Number};

/// Whether `expr` is a literal: strings, bytes, numbers, booleans, `None`,
/// f-strings without interpolation, and tuples/lists/sets/dicts of literals.
pub fn is_literal(expr: &Expr) -> bool {
    is_literal_depth(expr, 0)
}

fn is_literal_depth(expr: &Expr, depth: usize) -> bool {
    if depth > 32 {
        return false;
    }
    match expr {
        Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_) => true,
        Expr::FString(f) => f
            .value
            .elements()
            .all(|e| matches!(e, ast::InterpolatedStringElement::Literal(_))),
        Expr::Tuple(ast::ExprTuple { elts, .. })
        | Expr::List(ast::ExprList { elts, .. })
        | Expr::Set(ast::ExprSet { elts, .. }) => {
            elts.iter().all(|e| is_literal_depth(e, depth + 1))
        }
        Expr::Dict(dict) => dict.items.iter().all(|item| {
            item.key
                .as_ref()
                .is_none_or(|k| is_literal_depth(k, depth + 1))
                && is_literal_depth(&item.value, depth + 1)
        }),
        Expr::UnaryOp(op) => is_literal_depth(&op.operand, depth + 1),
        Expr::BinOp(op) => {
            is_literal_depth(&op.left, depth + 1) && is_literal_depth(&op.right, depth + 1)
        }
        _ => false,
    }
}

/// The value of a string literal (or of an f-string without interpolation).
pub fn string_value(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
        Expr::BytesLiteral(b) => {
            Some(String::from_utf8_lossy(&b.value.bytes().collect::<Vec<u8>>()).into_owned())
        }
        Expr::FString(_) if is_literal(expr) => {
            let Expr::FString(f) = expr else { return None };
            Some(
                f.value
                    .elements()
                    .filter_map(|e| match e {
                        ast::InterpolatedStringElement::Literal(l) => Some(l.value.as_ref()),
                        _ => None,
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}

/// What a literal says about truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

/// The truth of a literal value; anything else is unknown.
pub fn truthiness(expr: &Expr) -> Truth {
    match expr {
        Expr::BooleanLiteral(b) => {
            if b.value {
                Truth::True
            } else {
                Truth::False
            }
        }
        Expr::NoneLiteral(_) => Truth::False,
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => {
                if i.as_u64() == Some(0) {
                    Truth::False
                } else {
                    Truth::True
                }
            }
            Number::Float(f) => {
                if *f == 0.0 {
                    Truth::False
                } else {
                    Truth::True
                }
            }
            Number::Complex { real, imag } => {
                if *real == 0.0 && *imag == 0.0 {
                    Truth::False
                } else {
                    Truth::True
                }
            }
        },
        Expr::StringLiteral(s) => {
            if s.value.is_empty() {
                Truth::False
            } else {
                Truth::True
            }
        }
        Expr::List(l) if l.elts.is_empty() => Truth::False,
        Expr::Tuple(t) if t.elts.is_empty() => Truth::False,
        _ => Truth::Unknown,
    }
}

/// The callee's attribute name for method calls (`x.execute(...)` → `execute`).
pub fn method_name(call: &ast::ExprCall) -> Option<&str> {
    match call.func.as_ref() {
        Expr::Attribute(attribute) => Some(attribute.attr.id.as_str()),
        _ => None,
    }
}

/// The name a value is known by: `x`, `obj.x`, `d["x"]`.
pub fn target_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        Expr::Subscript(subscript) => match &*subscript.slice {
            Expr::StringLiteral(key) => Some(key.value.to_str()),
            _ => None,
        },
        _ => None,
    }
}

/// The lower-case words of an identifier or key: `apiKey`, `API_KEY` and
/// `api-key` all give `["api", "key"]`.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars().take(128) {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::name_words;

    #[test]
    fn words_of_names() {
        assert_eq!(name_words("apiKey"), ["api", "key"]);
        assert_eq!(name_words("API_KEY"), ["api", "key"]);
        assert_eq!(name_words("csrf-token2"), ["csrf", "token2"]);
        assert_eq!(name_words("_private"), ["private"]);
    }
}
