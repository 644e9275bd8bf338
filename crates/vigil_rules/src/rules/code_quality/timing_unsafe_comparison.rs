use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{
    is_environment_read, is_security_name, method_name, name_words, string_value, target_name,
};
use crate::rule::Category;
use vigil_knowledge::web::{ANNOTATED, REQUEST_PARAMETER_MARKERS};
use vigil_python::Ranged;
use vigil_python::ast::{CmpOp, Expr, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};
use vigil_semantic::{BindingKind, ScopeKind};

/// Words for message authentication values.
const MAC_WORDS: &[&str] = &["signature", "sig", "hmac", "mac"];

/// What a compared value is, as far as timing attacks go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Named like a secret: a token, signature, password, API key;
    /// `input` when it is a parameter of the function (a value passed in).
    Secret {
        input: bool,
    },
    /// Read from the incoming request (headers, query, form, cookies).
    Request,
    /// A digest computed in place (`hmac.new(...).hexdigest()`).
    Digest,
    Other,
}

/// How many assignments and conversions `classify` follows.
const MAX_CLASSIFY_DEPTH: usize = 6;

/// Conversions that keep what a value is (a digest encoded is a digest).
const KEEPING_METHODS: &[&str] = &[
    "decode", "encode", "lower", "upper", "strip", "rstrip", "lstrip", "hex",
];
const KEEPING_FUNCTIONS: &[&str] = &[
    "builtins.str",
    "builtins.bytes",
    "base64.b64encode",
    "base64.urlsafe_b64encode",
    "base64.b16encode",
    "base64.b32encode",
    "binascii.hexlify",
    "binascii.b2a_hex",
];

fn classify(checker: &Checker, expr: &Expr) -> Side {
    classify_depth(checker, expr, 0)
}

fn classify_depth(checker: &Checker, expr: &Expr, depth: usize) -> Side {
    if checker.is_constant(expr) {
        return Side::Other;
    }
    if is_from_request(expr, 0) || is_request_parameter(checker, expr) {
        return Side::Request;
    }
    if depth < MAX_CLASSIFY_DEPTH {
        // What the name was last bound to says more than its name:
        // `sig = request.headers["X-Sig"]`, `expected = hmac.new(...).hexdigest()`.
        if let Some(value) = checker.assigned_value(expr) {
            let side = classify_depth(checker, value, depth + 1);
            if !matches!(side, Side::Other) {
                return side;
            }
        }
        if let Some(inner) = kept_through(checker, expr) {
            let side = classify_depth(checker, inner, depth + 1);
            if matches!(side, Side::Request | Side::Digest) {
                return side;
            }
        }
    }
    match expr {
        Expr::Call(call) => {
            if matches!(method_name(call), Some("hexdigest" | "digest")) {
                return Side::Digest;
            }
            // `headers.get("X-Signature")`, `settings.get("API_TOKEN")`,
            // `os.getenv("SERVICE_KEY")`
            let environment = is_environment_read(checker, call);
            if (environment || method_name(call) == Some("get"))
                && let Some(key) = call.arguments.args.first().and_then(string_value)
                && (is_secret_name(&key) || (environment && is_secret_variable(&key)))
            {
                return Side::Secret { input: false };
            }
            Side::Other
        }
        // `os.environ["SERVICE_KEY"]`
        Expr::Subscript(subscript)
            if checker
                .resolve(&subscript.value)
                .is_some_and(|n| n == "os.environ")
                && string_value(&subscript.slice).is_some_and(|key| is_secret_variable(&key)) =>
        {
            Side::Secret { input: false }
        }
        _ => match target_name(expr) {
            Some(name) if is_secret_name(name) => Side::Secret {
                input: is_parameter(checker, expr),
            },
            _ => Side::Other,
        },
    }
}

/// Whether an environment variable's name says it holds a secret: as for
/// any name, or ending in `KEY` or `TOKEN` (`SERVICE_KEY`, `BOT_TOKEN`),
/// which in the environment are credentials, not dictionary keys or parser
/// tokens.
fn is_secret_variable(name: &str) -> bool {
    is_secret_name(name)
        || name_words(name)
            .last()
            .is_some_and(|w| matches!(w.as_str(), "key" | "token"))
}

/// The value a conversion that keeps its nature is applied to:
/// `digest.decode()`, `base64.b64encode(mac.digest())`, `str(token)`, and
/// the computed part of a prefixed value (`"sha256=" + mac.hexdigest()`).
fn kept_through<'e>(checker: &Checker, expr: &'e Expr) -> Option<&'e Expr> {
    if let Expr::BinOp(binary) = expr
        && binary.op == vigil_python::ast::Operator::Add
    {
        return Some(if checker.is_constant(&binary.left) {
            &binary.right
        } else {
            &binary.left
        });
    }
    let Expr::Call(call) = expr else { return None };
    if let Expr::Attribute(attribute) = call.func.as_ref()
        && KEEPING_METHODS.contains(&attribute.attr.as_str())
    {
        return Some(&attribute.value);
    }
    let callee = checker.resolve(&call.func)?;
    if KEEPING_FUNCTIONS.contains(&callee.as_str()) {
        return call.arguments.args.first();
    }
    None
}

/// Whether `expr` is a name bound as a parameter of the enclosing function.
fn is_parameter(checker: &Checker, expr: &Expr) -> bool {
    let Expr::Name(name) = expr else { return false };
    checker
        .semantic
        .lookup(name.id.as_str(), checker.scope(), name.range.start())
        .is_some_and(|b| matches!(b.kind, BindingKind::Parameter { .. }))
}

/// Whether `expr` is a parameter of the enclosing function that the
/// framework fills from the request (`x_token: str = Header(...)`,
/// `key: Annotated[str, Query()]`), and is not rebound before `expr`.
fn is_request_parameter(checker: &Checker, expr: &Expr) -> bool {
    let Expr::Name(name) = expr else { return false };
    if !is_parameter(checker, expr) {
        return false;
    }
    let Some(def) = checker
        .enclosing_statements()
        .iter()
        .rev()
        .find_map(|s| match s {
            Stmt::FunctionDef(def) => Some(def),
            _ => None,
        })
    else {
        return false;
    };
    let Some(param) = def
        .parameters
        .iter_non_variadic_params()
        .find(|p| p.parameter.name.id == name.id)
    else {
        return false;
    };
    let marker = |e: &Expr| {
        matches!(e, Expr::Call(call) if checker
            .resolve(&call.func)
            .is_some_and(|n| REQUEST_PARAMETER_MARKERS.contains(&n.as_str())))
    };
    if param.default.as_deref().is_some_and(marker) {
        return true;
    }
    let Some(Expr::Subscript(annotated)) = param.parameter.annotation.as_deref() else {
        return false;
    };
    if !checker
        .resolve(&annotated.value)
        .is_some_and(|n| ANNOTATED.contains(&n.as_str()))
    {
        return false;
    }
    match annotated.slice.as_ref() {
        Expr::Tuple(items) => items.elts.iter().any(marker),
        other => marker(other),
    }
}

/// Qualifiers that make a `token` a credential (`csrf_token`, `api_token`).
const TOKEN_QUALIFIERS: &[&str] = &[
    "csrf",
    "xsrf",
    "auth",
    "access",
    "api",
    "bearer",
    "reset",
    "session",
    "refresh",
    "verification",
    "confirm",
    "confirmation",
    "invite",
    "activation",
    "webhook",
    "secret",
    "expected",
    "provided",
    "given",
    "supplied",
];

/// Whether a name denotes a secret worth a timing attack. A bare `token` or
/// `nonce` is too often a parser token or a protocol counter to count.
fn is_secret_name(name: &str) -> bool {
    let words = name_words(name);
    let shape = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "type"
                | "kind"
                | "len"
                | "length"
                | "count"
                | "name"
                | "version"
                | "algorithm"
                | "method"
                | "scheme"
                | "size"
                | "format"
                | "header"
                | "field"
                | "param"
        )
    });
    if shape {
        return false;
    }
    if words.iter().any(|w| MAC_WORDS.contains(&w.as_str())) {
        return true;
    }
    if words.iter().any(|w| w == "token") {
        return words.iter().any(|w| TOKEN_QUALIFIERS.contains(&w.as_str()));
    }
    let weak = words
        .iter()
        .any(|w| matches!(w.as_str(), "nonce" | "salt" | "iv" | "pin"));
    !weak && is_security_name(name)
}

/// `request.headers[...]`, `request.args.get(...)`, `request.POST["x"]`,
/// `self.request.COOKIES.get(...)`: an expression rooted in a request.
fn is_from_request(expr: &Expr, depth: usize) -> bool {
    if depth > 12 {
        return false;
    }
    match expr {
        Expr::Name(name) => matches!(name.id.as_str(), "request" | "req"),
        Expr::Attribute(attribute) => {
            attribute.attr.as_str() == "request" || is_from_request(&attribute.value, depth + 1)
        }
        Expr::Subscript(subscript) => is_from_request(&subscript.value, depth + 1),
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(attribute) => is_from_request(&attribute.value, depth + 1),
            _ => false,
        },
        _ => false,
    }
}

fn check(checker: &mut Checker, expr: &Expr) {
    let Expr::Compare(compare) = expr else { return };
    let ([op], [right]) = (&*compare.ops, &*compare.comparators) else {
        return;
    };
    if !matches!(op, CmpOp::Eq | CmpOp::NotEq) {
        return;
    }
    // Equality methods compare objects, not secrets from outside.
    let scope = checker.semantic.scope(checker.scope());
    if scope.kind == ScopeKind::Function
        && scope
            .name
            .is_some_and(|n| n.starts_with("__") && n.ends_with("__"))
    {
        return;
    }
    let left = classify(checker, &compare.left);
    // Every finding needs both sides classified: most comparisons stop here.
    if matches!(left, Side::Other) {
        return;
    }
    let right_side = classify(checker, right);
    let secret = match (left, right_side) {
        // A secret checked against what the client sent, or against a
        // digest computed here.
        (Side::Secret { .. }, Side::Request | Side::Digest) => &*compare.left,
        (Side::Request | Side::Digest, Side::Secret { .. }) => right,
        // A secret passed in checked against a stored one.
        (Side::Secret { input: true }, Side::Secret { .. }) => right,
        (Side::Secret { .. }, Side::Secret { input: true }) => &*compare.left,
        (Side::Digest, Side::Request) => &*compare.left,
        (Side::Request, Side::Digest) => right,
        _ => return,
    };
    let operator = if matches!(op, CmpOp::NotEq) {
        "!="
    } else {
        "=="
    };
    let message = format!(
        "`{}` compares `{}` with `{operator}`, which stops at the first differing byte: response times reveal how much of a guess is right",
        checker.snippet(expr),
        checker.snippet(secret)
    );
    checker.report(&RULE, expr.range(), message);
}

declare_rule! {
    /// ## What it does
    /// Flags `==` and `!=` that check a secret — a value named like a
    /// token, signature, HMAC, password or API key — against a value read
    /// from the request, a digest computed in place
    /// (`hmac.new(...).hexdigest() == signature`), or, when one of the two is
    /// a parameter of the function, another secret (`def verify(token):
    /// return token == settings.API_TOKEN`); and a digest computed in place
    /// against a value read from the request. Two stored secrets compared
    /// with each other are not reported.
    ///
    /// A value is judged by what it was last assigned, before its name:
    /// `received = request.headers["X-Hub-Signature-256"]` is read from the
    /// request and `expected = mac.hexdigest()` is a digest, whatever they
    /// are called, through encodings (`base64.b64encode(mac.digest())`,
    /// `.decode()`) and a constant prefix (`"sha256=" + mac.hexdigest()`).
    ///
    /// ## Why is this bad?
    /// String comparison returns as soon as two characters differ, so it
    /// takes slightly longer the more leading characters of a guess are
    /// right. Measured over many requests, that difference lets an attacker
    /// recover a webhook signature or an API token one character at a time.
    ///
    /// ## Example
    /// ```python
    /// expected = hmac.new(key, body, hashlib.sha256).hexdigest()
    /// if expected == request.headers["X-Signature"]:
    ///     ...
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// if hmac.compare_digest(expected, request.headers["X-Signature"]):
    ///     ...
    /// ```
    ///
    /// ## References
    /// - CWE-208: Observable Timing Discrepancy
    pub static RULE = {
        name: "timing-unsafe-comparison",
        category: Category::CodeQuality,
        cwe: &[208],
        severity: Severity::Low,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Compare secrets with `hmac.compare_digest()` (or `secrets.compare_digest()`), whose running time does not depend on where the values differ.",
        on_expr: check,
        nodes: &[NodeKind::ExprCompare],
    };
}
