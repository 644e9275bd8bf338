use super::context::is_test_code;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::name_words;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::NodeKind;
use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{Expr, Stmt};
use vigil_report::{Confidence, Severity};

/// Words that on their own make a condition about who may do what.
const ACCESS_WORDS: &[&str] = &[
    "authenticated",
    "superuser",
    "permission",
    "permissions",
    "authorized",
    "authorised",
    "authorization",
    "privilege",
    "privileges",
    "privileged",
    "acl",
];

/// Words that do so in a predicate (`is_admin`, `has_role`, `is_owner`).
const PREDICATE_WORDS: &[&str] = &[
    "admin", "staff", "owner", "member", "role", "roles", "allowed", "granted", "logged", "perm",
    "perms", "access",
];

/// Actions that make `can_...` / `may_...` a permission check.
const GUARDED_ACTIONS: &[&str] = &[
    "edit",
    "delete",
    "view",
    "access",
    "change",
    "modify",
    "manage",
    "administer",
    "publish",
    "approve",
    "create",
    "remove",
    "see",
    "update",
];

/// Whether a name speaks of access control: `is_authenticated`,
/// `has_perm`, `can_edit`, `is_admin`, `check_password`.
fn is_access_name(name: &str) -> bool {
    let words = name_words(name);
    let first = words.first().map(String::as_str);
    let rest = || words.iter().skip(1).map(String::as_str);
    match first {
        Some("can" | "may") if rest().any(|w| GUARDED_ACTIONS.contains(&w)) => return true,
        Some("is" | "has" | "user") if rest().any(|w| PREDICATE_WORDS.contains(&w)) => {
            return true;
        }
        Some("check" | "verify")
            if rest().any(|w| {
                matches!(
                    w,
                    "password" | "permission" | "permissions" | "signature" | "token"
                )
            }) =>
        {
            return true;
        }
        _ => {}
    }
    words.iter().any(|w| ACCESS_WORDS.contains(&w.as_str()))
}

/// The first name in an expression that speaks of access control.
#[derive(Default)]
struct AccessName<'a> {
    found: Option<&'a str>,
}

impl<'a> Visitor<'a> for AccessName<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() {
            return;
        }
        let name = match expr {
            Expr::Name(name) => Some(name.id.as_str()),
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            _ => None,
        };
        if let Some(name) = name
            && is_access_name(name)
        {
            self.found = Some(name);
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

fn check(checker: &mut Checker, stmt: &Stmt) {
    let Stmt::Assert(assert) = stmt else { return };
    if is_test_code(checker) {
        return;
    }
    let mut finder = AccessName::default();
    finder.visit_expr(&assert.test);
    match finder.found {
        Some(name) => {
            let message = format!(
                "`assert` checks `{name}`, an access-control condition, and asserts are removed when Python runs with `-O`: the check then lets everyone through"
            );
            checker.report(&RULE, stmt.range(), message);
        }
        None => {
            checker
                .report(
                    &RULE,
                    stmt.range(),
                    "`assert` is removed when Python runs with `-O`: check that the program does not rely on it to reject bad input or state",
                )
                .audit_only()
                .severity(Severity::Low);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags `assert` statements that enforce access control — the
    /// condition mentions authentication, permissions or privileges, or a
    /// predicate such as `is_admin`, `is_owner`, `has_role`, `can_edit` or
    /// `check_password` (`assert user.is_admin`, `assert
    /// request.user.has_perm(...)`). In audit mode it lists every `assert`
    /// outside tests (test modules, `test_*` functions and `Test*` classes
    /// are skipped).
    ///
    /// ## Why is this bad?
    /// Python drops `assert` statements when run with `-O` or
    /// `PYTHONOPTIMIZE`, which some deployments set. A permission check
    /// written as an assert then disappears and every user passes it; other
    /// asserts that validate input turn into silent acceptance.
    ///
    /// ## Example
    /// ```python
    /// def delete_project(user, project):
    ///     assert user.is_admin, "admins only"
    ///     project.delete()
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// def delete_project(user, project):
    ///     if not user.is_admin:
    ///         raise PermissionDenied("admins only")
    ///     project.delete()
    /// ```
    ///
    /// ## References
    /// - CWE-617: Reachable Assertion
    /// - CWE-703: Improper Check or Handling of Exceptional Conditions
    pub static RULE = {
        name: "assert-used",
        category: Category::CodeQuality,
        cwe: &[617, 703],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &["B101"],
        ruff: &["S101"],
        help: "Check the condition with `if` and raise an exception (`PermissionDenied`, `ValueError`); keep `assert` for invariants in tests and debugging.",
        on_stmt: check,
        nodes: &[NodeKind::StmtAssert],
    };
}
