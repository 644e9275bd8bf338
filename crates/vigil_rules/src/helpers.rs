//! Small questions about expressions that many rules ask.

use crate::checker::Checker;
use vigil_python::ast::{self as ast, Expr, Number, Stmt};
use vigil_python::{Ranged, TextRange};
use vigil_semantic::BindingKind;

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

/// The environment reads that take a fallback for an unset variable.
const ENVIRONMENT_GETTERS: &[&str] = &["os.environ.get", "os.getenv", "os.environ.setdefault"];

/// `os.getenv(NAME)`, `os.environ.get(NAME)`, `os.environ.setdefault(NAME)`.
pub fn is_environment_read(checker: &Checker, call: &ast::ExprCall) -> bool {
    checker
        .resolve_value(&call.func)
        .is_some_and(|callee| ENVIRONMENT_GETTERS.contains(&callee.as_str()))
}

/// The fallback of an environment read (`os.getenv("X", fallback)`),
/// whatever it is.
pub fn environment_fallback<'e>(checker: &Checker, call: &'e ast::ExprCall) -> Option<&'e Expr> {
    if !is_environment_read(checker, call) {
        return None;
    }
    call.arguments.find_argument_value("default", 1)
}

/// The variable an environment read names, for messages: `` `JWT_SECRET` ``,
/// or "the environment variable" when it is not a constant.
pub fn environment_variable_shown(checker: &Checker, call: &ast::ExprCall) -> String {
    call.arguments
        .find_argument_value("key", 0)
        .and_then(|v| checker.string(v))
        .map_or_else(
            || "the environment variable".to_string(),
            |v| format!("`{v}`"),
        )
}

/// `os.environ.get("X", "literal")` / `os.getenv("X", "literal")`: the
/// literal fallback, if any, used when the variable is unset.
pub fn env_fallback<'e>(checker: &Checker, value: &'e Expr) -> Option<&'e Expr> {
    let Expr::Call(call) = value else { return None };
    env_fallback_of(checker, call)
}

/// [`env_fallback`] of a call.
pub fn env_fallback_of<'e>(checker: &Checker, call: &'e ast::ExprCall) -> Option<&'e Expr> {
    let fallback = environment_fallback(checker, call)?;
    string_value(fallback)
        .is_some_and(|s| !s.is_empty())
        .then_some(fallback)
}

/// The call that made the object an expression denotes, and its callee.
#[derive(Debug, Clone)]
pub struct Origin<'e> {
    pub call: &'e ast::ExprCall,
    /// The callee's qualified name, resolved where the call is written.
    pub callee: Option<String>,
}

/// What made the object `expr` denotes: `expr` itself when it is a call
/// (`tarfile.open(p).extractall()`), or the call a name was last bound to
/// before this point, by `tf = tarfile.open(p)` or by an enclosing
/// `with tarfile.open(p) as tf:`; plain aliases (`a = b`) are followed.
pub fn origin<'e, 'a: 'e>(checker: &Checker<'a>, expr: &'e Expr) -> Option<Origin<'e>> {
    let mut current = expr;
    let mut scope = checker.scope();
    for _ in 0..8 {
        let Expr::Name(name) = current else {
            let Expr::Call(call) = current else {
                return None;
            };
            let callee = checker.semantic.resolve_qualified_name(&call.func, scope);
            return Some(Origin { call, callee });
        };
        let binding = checker
            .semantic
            .lookup(name.id.as_str(), scope, name.range.start())?;
        scope = binding.scope;
        current = match binding.kind {
            BindingKind::Assignment { value: Some(value) } => value,
            BindingKind::Other => checker
                .enclosing_statements()
                .iter()
                .rev()
                .filter_map(|stmt| match stmt {
                    Stmt::With(with) => Some(&with.items),
                    _ => None,
                })
                .flatten()
                .find(|item| {
                    item.optional_vars
                        .as_deref()
                        .is_some_and(|target| target.range() == binding.range)
                })
                .map(|item| &item.context_expr)?,
            _ => return None,
        };
    }
    None
}

/// The absolute dotted paths an import statement brings in, each with the
/// range of its alias: `import a.b` gives `a.b`, `from a import b` gives
/// `a.b`, `from a import *` gives `a`. Relative imports name modules of the
/// scanned project and give nothing.
pub fn imported_paths(stmt: &Stmt) -> Vec<(String, TextRange)> {
    match stmt {
        Stmt::Import(import) => import
            .names
            .iter()
            .map(|alias| (alias.name.id.to_string(), alias.range))
            .collect(),
        Stmt::ImportFrom(import) if import.level == 0 => {
            let Some(module) = &import.module else {
                return Vec::new();
            };
            import
                .names
                .iter()
                .map(|alias| match alias.name.as_str() {
                    "*" => (module.id.to_string(), alias.range),
                    name => (format!("{}.{name}", module.id), alias.range),
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Whether dotted `path` is `module` or lies inside it (`xml.sax.handler`
/// is in `xml.sax`; `xml.saxutils` is not).
pub fn in_module(path: &str, module: &str) -> bool {
    path.strip_prefix(module)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// Words that make a name about a value's shape rather than the value
/// itself (`token_count`, `password_length`, `key_id`).
const NEUTRAL_WORDS: &[&str] = &[
    "id", "ids", "idx", "index", "count", "num", "len", "length", "size", "max", "min", "limit",
    "type", "types", "kind", "name", "names", "field", "label", "prompt", "url", "uri", "endpoint",
    "path", "file", "dir", "pattern", "format", "next", "prev", "vocab", "position", "pos",
    "width", "timeout", "expiry", "expires", "ttl", "age", "hint", "policy", "header", "param",
];

/// Whether a name denotes a value that must stay secret or unpredictable:
/// tokens, passwords, keys, salts, nonces, one-time codes, session ids and
/// CSRF values (`reset_token`, `apiKey`, `SESSION_ID`, `otp`, `salt`).
/// Names about such a value's shape (`token_count`, `password_length`) are not.
pub fn is_security_name(name: &str) -> bool {
    let words = name_words(name);
    let mut found = false;
    for (i, word) in words.iter().enumerate() {
        let previous = i.checked_sub(1).map(|j| words[j].as_str());
        let next = words.get(i + 1).map(String::as_str);
        let hit = match word.as_str() {
            "token" | "password" | "passwd" | "pwd" | "pw" | "passphrase" | "passcode"
            | "secret" | "salt" | "nonce" | "iv" | "otp" | "totp" | "hotp" | "pin" | "csrf"
            | "xsrf" | "apikey" | "sessionid" | "sessionkey" | "secretkey" => true,
            "key" => previous.is_some_and(|p| {
                matches!(
                    p,
                    "api"
                        | "secret"
                        | "private"
                        | "signing"
                        | "sign"
                        | "encryption"
                        | "encrypt"
                        | "crypto"
                        | "aes"
                        | "hmac"
                        | "session"
                        | "access"
                        | "auth"
                        | "master"
                        | "activation"
                        | "license"
                        | "jwt"
                        | "fernet"
                )
            }),
            "code" => previous.is_some_and(|p| {
                matches!(
                    p,
                    "auth"
                        | "verification"
                        | "verify"
                        | "reset"
                        | "confirmation"
                        | "activation"
                        | "invite"
                        | "mfa"
                        | "sms"
                        | "login"
                        | "security"
                        | "recovery"
                        | "backup"
                )
            }),
            "session" => next.is_some_and(|n| matches!(n, "id" | "key" | "token" | "secret")),
            _ => false,
        };
        if hit {
            found = true;
        }
        let session_id = word == "id" && previous == Some("session");
        if NEUTRAL_WORDS.contains(&word.as_str()) && !session_id {
            return false;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{is_security_name, name_words};

    #[test]
    fn words_of_names() {
        assert_eq!(name_words("apiKey"), ["api", "key"]);
        assert_eq!(name_words("API_KEY"), ["api", "key"]);
        assert_eq!(name_words("csrf-token2"), ["csrf", "token2"]);
        assert_eq!(name_words("_private"), ["private"]);
    }

    #[test]
    fn security_names() {
        for name in [
            "token",
            "reset_token",
            "apiKey",
            "SESSION_ID",
            "otp",
            "salt",
            "csrf_token",
            "new_password",
            "SECRET_KEY",
            "verification_code",
            "sessionid",
        ] {
            assert!(is_security_name(name), "{name}");
        }
        for name in [
            "key",
            "token_count",
            "password_length",
            "next_token",
            "tokenize",
            "monkey",
            "session",
            "code",
            "key_id",
            "token_ids",
        ] {
            assert!(!is_security_name(name), "{name}");
        }
    }
}
