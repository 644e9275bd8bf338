use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input matched against a constant pattern that nests
    /// unbounded repetitions (`(a+)+`, `(\w+\s?)*`), the shape that makes a
    /// backtracking engine take exponential time on a crafted string.
    ///
    /// ## Why is this bad?
    /// Python's `re` backtracks: on input such as `aaaa...!` a nested repetition
    /// tries every way to split the text. A few dozen characters can hold a
    /// worker for minutes, a denial of service triggered by a single request.
    ///
    /// ## Example
    /// ```python
    /// EMAIL = re.compile(r"^([a-zA-Z0-9]+)*@example\.com$")
    /// EMAIL.match(request.args["email"])
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// EMAIL = re.compile(r"^[a-zA-Z0-9]+@example\.com$")
    /// EMAIL.match(request.args["email"][:254])
    /// ```
    ///
    /// ## References
    /// - CWE-1333: Inefficient Regular Expression Complexity
    pub static RULE = {
        name: "redos-tainted",
        category: Category::Injection,
        cwe: &[1333],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Rewrite the pattern without nested repetition (or use an engine without backtracking), and bound the length of input before matching.",
        flow: Flow::new(
            "as the text matched by a backtracking-prone pattern",
            "crafted input makes matching take exponential time (ReDoS)",
        )
        .local_input_by_design(),
    };
}
