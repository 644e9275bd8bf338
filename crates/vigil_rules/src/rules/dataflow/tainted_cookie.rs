use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input set as a cookie name or value with `set_cookie`
    /// when the call does not pass `secure=True` (Flask, Django, Starlette,
    /// Tornado). Cookies set with `secure=True` are not reported.
    ///
    /// ## Why is this bad?
    /// A cookie without the Secure flag is also sent over plain HTTP, where
    /// anyone on the path can read or replace it; when its value comes from the
    /// request, an attacker can plant a value that the application later reads
    /// back as its own (cookie poisoning, session fixation).
    ///
    /// ## Example
    /// ```python
    /// resp.set_cookie("theme", request.args["theme"])
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// theme = request.args["theme"]
    /// if theme in {"light", "dark"}:
    ///     resp.set_cookie("theme", theme, secure=True, httponly=True)
    /// ```
    ///
    /// ## References
    /// - CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
    pub static RULE = {
        name: "tainted-cookie",
        category: Category::Web,
        cwe: &[614],
        severity: Severity::Low,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Set cookies with `secure=True` (and `httponly=True`), and validate values before storing them in the browser.",
        flow: Flow::new(
            "in a cookie set without `secure=True`",
            "an attacker-chosen value is stored in the browser and sent back over plain HTTP",
        )
        .local_input_by_design(),
    };
}
