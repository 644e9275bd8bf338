use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input written to a log, as the message or as one of its
    /// `%` arguments, through `logging` and loggers from `logging.getLogger`.
    /// Values with line breaks removed (`replace("\n", ...)`) are not reported.
    ///
    /// ## Why is this bad?
    /// A line break in the value starts a new, forged log entry (`ok\nINFO admin
    /// logged in`), misleading whoever reads the logs and the tools that parse
    /// them.
    ///
    /// ## Example
    /// ```python
    /// logger.info("login failed for %s", request.form["user"])
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// user = request.form["user"].replace("\r", "").replace("\n", "")
    /// logger.info("login failed for %s", user)
    /// ```
    ///
    /// ## References
    /// - CWE-117: Improper Output Neutralization for Logs
    pub static RULE = {
        name: "log-injection",
        category: Category::Injection,
        cwe: &[117],
        severity: Severity::Low,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Remove line breaks from input before logging it (`value.replace(\"\\n\", \"\").replace(\"\\r\", \"\")`), or log it with a structured formatter that escapes it.",
        flow: Flow::new(
            "in a log message",
            "line breaks in it can forge log entries (log injection)",
        )
        .local_input_by_design()
        .cleared_by(&["no-line-breaks"])
        .families(&["logging"])
        .harmless_characters(" .,:;!?@#$%*()+=/[]{}|~^<>\"\'&`\\\t"),
    };
}
