use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input written to an HTTP response header:
    /// `response.headers[...] = value`, Django `response[...] = value`,
    /// `send_header`, Tornado `set_header`/`add_header`.
    ///
    /// ## Why is this bad?
    /// A line break in a header value ends the header; what follows becomes new
    /// headers or even a second response (response splitting), which can set
    /// cookies or poison caches.
    ///
    /// ## Example
    /// ```python
    /// resp.headers["X-Name"] = request.args["name"]
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// name = request.args["name"]
    /// if name.isalnum():
    ///     resp.headers["X-Name"] = name
    /// ```
    ///
    /// ## References
    /// - CWE-113: Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Request/Response Splitting')
    pub static RULE = {
        name: "header-injection",
        category: Category::Web,
        cwe: &[113],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Do not copy input into headers; if you must, reject values with `\\r` or `\\n`, or take them from an allow-list.",
        flow: Flow::new(
            "in an HTTP response header",
            "line breaks in it can add headers or split the response",
        )
        .local_input_by_design()
        .cleared_by(&["no-line-breaks"])
        .harmless_characters(" .,:;!?@#$%*()+=/[]{}|~^<>\"\'&`\\\t"),
    };
}
