use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{is_security_name, name_words, target_name};
use crate::rule::Category;
use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{Expr, ExprCall, Stmt};
use vigil_python::{Ranged, TextRange};
use vigil_report::{Confidence, Severity};
use vigil_semantic::ScopeKind;

/// Functions of the `random` module (and `random.Random`, whose instances
/// share its generator type).
const RANDOM: &[&str] = &[
    "random.random",
    "random.randint",
    "random.randrange",
    "random.randbytes",
    "random.getrandbits",
    "random.choice",
    "random.choices",
    "random.sample",
    "random.shuffle",
    "random.uniform",
    "random.triangular",
    "random.gauss",
    "random.normalvariate",
    "random.seed",
    "random.Random",
];

/// NumPy's legacy generator: reported only where the value is a secret.
const NUMPY_RANDOM: &[&str] = &[
    "numpy.random.randint",
    "numpy.random.choice",
    "numpy.random.bytes",
    "numpy.random.random",
    "numpy.random.rand",
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    let stdlib = RANDOM.contains(&qualified);
    if !stdlib && !NUMPY_RANDOM.contains(&qualified) {
        return;
    }
    let callee = checker.snippet(&*call.func);
    if let Some(purpose) = secret_purpose(checker, call.range()) {
        let message = format!(
            "`{callee}` is a predictable generator (Mersenne Twister), and its output becomes {purpose}: an attacker who sees a few outputs can predict the rest"
        );
        checker.report(&RULE, call.range(), message);
    } else if stdlib {
        let message = format!(
            "`{callee}` is not a cryptographic generator: fine for simulations and sampling, but check that its output never becomes a token, password, key or other secret"
        );
        checker.report(&RULE, call.range(), message).audit_only();
    }
}

/// What secret the value at `range` becomes, judged by the names around it:
/// the function it is computed in, the variable, attribute or key it is
/// assigned to, the keyword argument or dictionary key it is given as.
fn secret_purpose(checker: &Checker, range: TextRange) -> Option<String> {
    let mut scope = Some(checker.scope());
    while let Some(id) = scope {
        let s = checker.semantic.scope(id);
        if s.kind == ScopeKind::Function
            && let Some(name) = s.name
        {
            if is_plain_purpose(name) {
                return None;
            }
            if is_security_name(name) {
                return Some(format!("the result of `{name}()`"));
            }
        }
        scope = s.parent;
    }
    let stmt = checker.current_statement()?;
    let targets: Vec<&Expr> = match stmt {
        Stmt::Assign(assign) => assign.targets.iter().collect(),
        Stmt::AnnAssign(assign) => vec![&*assign.target],
        Stmt::AugAssign(assign) => vec![&*assign.target],
        _ => Vec::new(),
    };
    for target in targets {
        if is_session_entry(target) {
            return Some("an entry of the session".to_string());
        }
        let elements: Vec<&Expr> = match target {
            Expr::Tuple(t) => t.elts.iter().collect(),
            Expr::List(l) => l.elts.iter().collect(),
            other => vec![other],
        };
        if let Some(name) = elements
            .into_iter()
            .filter_map(target_name)
            .find(|n| is_security_name(n))
        {
            return Some(format!("`{name}`"));
        }
    }
    let mut finder = LabelFinder { range, label: None };
    match stmt {
        Stmt::Assign(_)
        | Stmt::AnnAssign(_)
        | Stmt::AugAssign(_)
        | Stmt::Return(_)
        | Stmt::Expr(_) => finder.visit_stmt(stmt),
        _ => {}
    }
    finder.label
}

/// `session[...]` (Flask's session, Django's `request.session`).
fn is_session_entry(target: &Expr) -> bool {
    let Expr::Subscript(subscript) = target else {
        return false;
    };
    match &*subscript.value {
        Expr::Name(name) => name.id.as_str() == "session",
        Expr::Attribute(attribute) => attribute.attr.as_str() == "session",
        _ => false,
    }
}

/// Functions whose randomness serves no secret: MIME boundaries, retry
/// jitter, sampling, simulations, test data.
fn is_plain_purpose(function: &str) -> bool {
    name_words(function).iter().any(|w| {
        matches!(
            w.as_str(),
            "boundary"
                | "jitter"
                | "backoff"
                | "delay"
                | "retry"
                | "sample"
                | "shuffle"
                | "color"
                | "colour"
                | "simulate"
                | "simulation"
                | "noise"
                | "mock"
                | "fake"
                | "dummy"
                | "example"
                | "demo"
        )
    })
}

/// Finds the innermost keyword argument or dictionary key with a
/// security-relevant name whose value contains `range`, or the cookie
/// value it is (`set_cookie(name, value)`: cookies hold session ids, CSRF
/// values and remember-me tokens).
struct LabelFinder {
    range: TextRange,
    label: Option<String>,
}

impl<'a> Visitor<'a> for LabelFinder {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if !expr.range().contains_range(self.range) {
            return;
        }
        match expr {
            Expr::Call(call) => {
                if let Expr::Attribute(method) = &*call.func
                    && method.attr.as_str() == "set_cookie"
                    && call
                        .arguments
                        .find_argument_value("value", 1)
                        .is_some_and(|v| v.range().contains_range(self.range))
                {
                    self.label = Some(match call.arguments.find_argument_value("key", 0) {
                        Some(Expr::StringLiteral(name)) => {
                            format!("the value of the cookie `{}`", name.value.to_str())
                        }
                        _ => "a cookie value".to_string(),
                    });
                }
                for keyword in &call.arguments.keywords {
                    if let Some(name) = &keyword.arg
                        && keyword.value.range().contains_range(self.range)
                        && is_security_name(name.as_str())
                    {
                        self.label = Some(format!("`{}`", name.as_str()));
                    }
                }
            }
            Expr::Dict(dict) => {
                for item in &dict.items {
                    if let Some(Expr::StringLiteral(key)) = &item.key
                        && item.value.range().contains_range(self.range)
                        && is_security_name(key.value.to_str())
                    {
                        self.label = Some(format!("`{}`", key.value.to_str()));
                    }
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags values from the `random` module (and NumPy's legacy generator)
    /// that become secrets: assigned to or returned as a token, password,
    /// key, salt, nonce, one-time code, session id or CSRF value, computed in
    /// a function named for one (`generate_token`, `make_password`), or
    /// passed as such a keyword argument or dictionary entry, stored in the
    /// session (`session[...] = `) or sent as a cookie's value — unless the
    /// enclosing function is named for a harmless purpose (`_make_boundary`,
    /// `retry_jitter`, `sample_...`). In audit mode it lists every use of
    /// `random`.
    ///
    /// ## Why is this bad?
    /// `random` uses the Mersenne Twister, whose whole state can be rebuilt
    /// from 624 outputs; from then on every "random" token, password or
    /// reset code it makes is known in advance. It is also seeded from the
    /// clock on some platforms, and a fixed `seed()` makes it fully
    /// predictable.
    ///
    /// ## Example
    /// ```python
    /// reset_token = "".join(random.choices(string.ascii_letters, k=32))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// reset_token = secrets.token_urlsafe(32)
    /// ```
    ///
    /// ## References
    /// - CWE-330: Use of Insufficiently Random Values
    /// - CWE-338: Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)
    pub static RULE = {
        name: "insecure-random",
        category: Category::Cryptography,
        cwe: &[330, 338],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B311"],
        ruff: &["S311"],
        help: "Generate secrets with the `secrets` module (`secrets.token_urlsafe()`, `secrets.choice()`, `secrets.randbelow()`) or `os.urandom()`.",
        on_call: check,
        call_filter: CallFilter { names: || [RANDOM, NUMPY_RANDOM].concat(), ..CallFilter::NONE },
    };
}
