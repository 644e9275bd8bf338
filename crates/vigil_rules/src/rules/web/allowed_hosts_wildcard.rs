use super::context::{is_development_module, is_unconditional_module_statement};
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::string_value;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

fn check(checker: &mut Checker, stmt: &Stmt) {
    let (targets, value): (&[Expr], &Expr) = match stmt {
        Stmt::Assign(assign) => (&assign.targets, &assign.value),
        Stmt::AnnAssign(assign) => match &assign.value {
            Some(value) => (std::slice::from_ref(&*assign.target), value),
            None => return,
        },
        Stmt::AugAssign(assign) => (std::slice::from_ref(&*assign.target), &assign.value),
        _ => return,
    };
    let named = targets
        .iter()
        .any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == "ALLOWED_HOSTS"));
    if !named {
        return;
    }
    let elements = match checker.constant_value(value) {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        _ => return,
    };
    let Some(wildcard) = elements
        .iter()
        .find(|e| string_value(e).is_some_and(|s| s == "*"))
    else {
        return;
    };
    let range = wildcard.range();
    if is_unconditional_module_statement(checker) && !is_development_module(checker) {
        checker.report(
            &RULE,
            range,
            "`ALLOWED_HOSTS` accepts any `Host` header (`\"*\"`): links the app builds from it, such as password-reset URLs, can point to an attacker's domain",
        );
    } else {
        checker
            .report(
                &RULE,
                range,
                "`ALLOWED_HOSTS` accepts any `Host` header (`\"*\"`) in development or conditional settings: check that production never uses it",
            )
            .audit_only()
            .severity(Severity::Low);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags a Django `ALLOWED_HOSTS` that contains `"*"` at the top level
    /// of a settings module. In development settings (`settings/dev.py`,
    /// `local_settings.py`) or under a condition it is listed in audit mode.
    ///
    /// ## Why is this bad?
    /// `ALLOWED_HOSTS` is Django's defence against forged `Host` headers.
    /// With `"*"`, `request.get_host()` returns whatever the client sent, so
    /// absolute URLs built from it — password-reset and activation links in
    /// e-mails, redirects, cache keys — can point to an attacker's domain
    /// (host header poisoning).
    ///
    /// ## Example
    /// ```python
    /// ALLOWED_HOSTS = ["*"]
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// ALLOWED_HOSTS = ["www.example.com", "api.example.com"]
    /// ```
    ///
    /// ## References
    /// - CWE-183: Permissive List of Allowed Inputs
    /// - CWE-20: Improper Input Validation
    pub static RULE = {
        name: "allowed-hosts-wildcard",
        category: Category::Web,
        cwe: &[183, 20],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "List the host names the site is served under in `ALLOWED_HOSTS` (read them from the environment if they vary).",
        on_stmt: check,
        nodes: &[NodeKind::StmtAssign, NodeKind::StmtAnnAssign, NodeKind::StmtAugAssign],
    };
}
