use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input used as a regular expression pattern:
    /// `re.compile`, `re.search`, `re.match`, `re.sub` and friends. Patterns
    /// escaped with `re.escape` are not reported.
    ///
    /// ## Why is this bad?
    /// Pattern syntax in the value changes what is matched (a `.*` matches
    /// everything), and a pattern such as `(a+)+$` makes matching take
    /// exponential time, stalling the worker.
    ///
    /// ## Example
    /// ```python
    /// pattern = request.args["q"]
    /// matches = [line for line in lines if re.search(pattern, line)]
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// pattern = re.escape(request.args["q"])
    /// matches = [line for line in lines if re.search(pattern, line)]
    /// ```
    ///
    /// ## References
    /// - CWE-730: OWASP Top Ten 2004 Category A9 - Denial of Service
    /// - CWE-1333: Inefficient Regular Expression Complexity
    pub static RULE = {
        name: "regex-injection",
        category: Category::Injection,
        cwe: &[730],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Escape input with `re.escape()` before using it in a pattern, or match it as plain text (`in`, `str.find`).",
        flow: Flow::new(
            "as a regular expression",
            "it can change what the pattern matches or make matching take exponential time",
        )
        .local_input_by_design()
        .harmless_characters(" ,:;!@#%&=<>~\'\"/`"),
    };
}
