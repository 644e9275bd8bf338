use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input placed in an LDAP search filter or base DN:
    /// python-ldap `search*` and ldap3 `Connection.search`. Values escaped with
    /// the LDAP escaping functions are not reported.
    ///
    /// ## Why is this bad?
    /// Filter syntax in the value (`*`, `)(`, `|`) changes what the directory
    /// query matches: a user lookup can match every entry, or an authentication
    /// filter can be bypassed.
    ///
    /// ## Example
    /// ```python
    /// user = request.args["user"]
    /// conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(uid={user})")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// user = escape_filter_chars(request.args["user"])
    /// conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(uid={user})")
    /// ```
    ///
    /// ## References
    /// - CWE-90: Improper Neutralization of Special Elements used in an LDAP Query ('LDAP Injection')
    pub static RULE = {
        name: "ldap-injection",
        category: Category::Injection,
        cwe: &[90],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Escape values with `ldap.filter.escape_filter_chars()` (or ldap3's `escape_filter_chars`) before placing them in a filter or DN.",
        flow: Flow::new(
            "in an LDAP filter or DN",
            "it can change what the directory query matches (LDAP injection)",
        )
        .families(&["ldap"])
        .harmless_characters(".@:"),
    };
}
