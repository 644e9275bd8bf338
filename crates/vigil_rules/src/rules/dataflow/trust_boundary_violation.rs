use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input stored in the session (`session[...] = value` in
    /// Flask, `request.session[...] = value` in Django) without validation.
    ///
    /// ## Why is this bad?
    /// Code that reads the session trusts it as data the server set itself.
    /// Mixing raw input into it lets the caller place values later code uses for
    /// decisions (a role, a user id, a redirect target) without the checks input
    /// would get.
    ///
    /// ## Example
    /// ```python
    /// session["role"] = request.form["role"]
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// role = request.form["role"]
    /// if role not in {"reader", "editor"}:
    ///     abort(400)
    /// session["role"] = role
    /// ```
    ///
    /// ## References
    /// - CWE-501: Trust Boundary Violation
    pub static RULE = {
        name: "trust-boundary-violation",
        category: Category::Web,
        cwe: &[501],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Validate input before storing it in the session, and keep the session for data the server decided.",
        flow: Flow::new(
            "in the session",
            "later code trusts session data as if the server had set it",
        )
        .local_input_by_design(),
    };
}
