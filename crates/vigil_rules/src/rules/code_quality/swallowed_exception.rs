use super::context::is_test_code;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::name_words;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::NodeKind;
use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{ExceptHandler, Expr, ExprCall, Stmt};
use vigil_report::{Confidence, Severity};

/// Calls whose exception means "verification failed", by qualified name.
const VERIFIERS: &[&str] = &[
    "jwt.decode",
    "jose.jwt.decode",
    "hmac.compare_digest",
    "secrets.compare_digest",
    "django.contrib.auth.authenticate",
    "django.core.signing.loads",
];

/// Words of function names that verify something (`verify_signature`,
/// `validate_token`, `check_password`, `authenticate`).
fn is_verifier_name(name: &str) -> bool {
    let words = name_words(name);
    let first = words.first().map(String::as_str);
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "verify"
                | "verification"
                | "authenticate"
                | "authorize"
                | "authorise"
                | "unsign"
                | "validate"
                | "validation"
        )
    }) || (first == Some("check")
        && words.iter().any(|w| {
            matches!(
                w.as_str(),
                "password"
                    | "permission"
                    | "permissions"
                    | "perm"
                    | "perms"
                    | "signature"
                    | "token"
                    | "auth"
                    | "access"
            )
        }))
        || name == "compare_digest"
}

/// The first verification call in a `try` body.
struct VerifierFinder<'c, 'a> {
    checker: &'c Checker<'a>,
    found: Option<String>,
}

impl<'a> Visitor<'a> for VerifierFinder<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        // Nested definitions run later, not inside this `try`.
        if self.found.is_none() && !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() {
            return;
        }
        if let Expr::Call(call) = expr
            && let Some(name) = verifier(self.checker, call)
        {
            self.found = Some(name);
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

fn verifier(checker: &Checker, call: &ExprCall) -> Option<String> {
    if let Some(q) = checker.resolve_value(&call.func)
        && VERIFIERS.contains(&q.as_str())
    {
        return Some(q);
    }
    let name = match call.func.as_ref() {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return None,
    };
    is_verifier_name(name).then(|| name.to_string())
}

/// `except:`, `except Exception:`, `except BaseException:` (or a tuple
/// holding one of them).
fn catches_everything(checker: &Checker, handler: &ExceptHandler) -> bool {
    let ExceptHandler::ExceptHandler(handler) = handler;
    let Some(kind) = &handler.type_ else {
        return true;
    };
    let broad = |e: &Expr| {
        checker
            .resolve_value(e)
            .is_some_and(|q| q == "builtins.Exception" || q == "builtins.BaseException")
    };
    match kind.as_ref() {
        Expr::Tuple(tuple) => tuple.elts.iter().any(broad),
        other => broad(other),
    }
}

/// What the handler does instead of handling: `pass` / `...` or `continue`.
fn ignores(handler: &ExceptHandler) -> Option<&'static str> {
    let ExceptHandler::ExceptHandler(handler) = handler;
    match handler.body.as_slice() {
        [Stmt::Pass(_)] => Some("pass"),
        [Stmt::Expr(e)] if e.value.is_ellipsis_literal_expr() => Some("pass"),
        [Stmt::Continue(_)] => Some("continue"),
        _ => None,
    }
}

fn check(checker: &mut Checker, stmt: &Stmt) {
    let Stmt::Try(try_stmt) = stmt else { return };
    let mut verified = None;
    for handler in &try_stmt.handlers {
        let Some(action) = ignores(handler) else {
            continue;
        };
        if !catches_everything(checker, handler) {
            continue;
        }
        if verified.is_none() {
            let mut finder = VerifierFinder {
                checker,
                found: None,
            };
            for inner in &try_stmt.body {
                finder.visit_stmt(inner);
            }
            verified = Some(finder.found);
        }
        let range = handler.range();
        match verified.clone().flatten() {
            Some(name) if !is_test_code(checker) => {
                let message = format!(
                    "Every exception from `{name}` is caught and ignored (`{action}`): a failed verification is silently treated like a successful one"
                );
                checker.report(&RULE, range, message);
            }
            _ => {
                let message = format!(
                    "Every exception is caught and ignored (`{action}`): errors, including failed security checks, pass unnoticed"
                );
                checker
                    .report(&RULE, range, message)
                    .audit_only()
                    .severity(Severity::Low);
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags `except:` / `except Exception:` handlers that only `pass` (or
    /// `continue`) around a verification — a call such as `jwt.decode`,
    /// `hmac.compare_digest`, `verify_signature(...)`, `check_password(...)`,
    /// `validate_token(...)` or `authenticate(...)`. In audit mode it lists
    /// every handler that catches everything and ignores it.
    ///
    /// ## Why is this bad?
    /// Verification functions report failure by raising. Swallowing the
    /// exception lets the code carry on as if the token, signature or
    /// password had been accepted; elsewhere, a blanket `except: pass` hides
    /// errors that an attacker may be provoking on purpose.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     verify_signature(payload, signature)
    /// except Exception:
    ///     pass
    /// process(payload)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// try:
    ///     verify_signature(payload, signature)
    /// except InvalidSignature:
    ///     return HttpResponseForbidden()
    /// process(payload)
    /// ```
    ///
    /// ## References
    /// - CWE-703: Improper Check or Handling of Exceptional Conditions
    /// - CWE-390: Detection of Error Condition Without Action
    pub static RULE = {
        name: "swallowed-exception",
        category: Category::CodeQuality,
        cwe: &[703, 390],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B110", "B112"],
        ruff: &["S110", "S112"],
        help: "Catch the specific exception the check raises and stop (return an error, re-raise, deny access); never continue as if it succeeded.",
        on_stmt: check,
        nodes: &[NodeKind::StmtTry],
    };
}
