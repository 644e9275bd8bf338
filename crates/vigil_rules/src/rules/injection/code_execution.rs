use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const FUNCTIONS: &[&str] = &["builtins.eval", "builtins.exec"];

/// Functions whose output, evaluated straight back, is the program's own
/// rendering of a value (`eval(repr(x))`), not code from outside.
const RENDERERS: &[&str] = &["builtins.repr", "pprint.pformat", "reprlib.repr"];

declare_rule! {
    /// ## What it does
    /// Flags `eval` and `exec` applied to code built at run time. `compile`
    /// of such code, which builds a code object without running it, and
    /// `eval`/`exec` of fixed strings are listed in `--audit` mode;
    /// `eval(repr(x))` round trips are not reported.
    ///
    /// ## Why is this bad?
    /// These functions run arbitrary Python. If any part of the code string
    /// comes from a user, a file, the network or a language model's output,
    /// whoever controls it runs code in your process with all its rights:
    /// reading secrets, opening shells, changing data. Restricting
    /// `__builtins__` does not make `eval` safe; escapes are well known.
    ///
    /// ## Example
    /// ```python
    /// total = eval(request.args["expr"])
    /// ```
    ///
    /// ## Use instead
    /// Parse the data instead of running it: `ast.literal_eval` for Python
    /// literals, `json.loads` for JSON, or a small purpose-built parser:
    /// ```python
    /// total = ast.literal_eval(request.args["expr"])
    /// ```
    ///
    /// ## References
    /// - CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')
    /// - CWE-94: Improper Control of Generation of Code ('Code Injection')
    pub static RULE = {
        name: "dynamic-code-execution",
        category: Category::Injection,
        cwe: &[95, 94],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B307", "B102"],
        ruff: &["S307", "S102"],
        help: "Do not run code built from data: use `ast.literal_eval()` or `json.loads()` to read values, or a dispatch table to choose an action.",
        calls: &[
            CallPattern::new(
                FUNCTIONS,
                &[
                    Cond::NonLiteral(Arg::at(0, "source")),
                    Cond::NotMadeBy(Arg::at(0, "source"), RENDERERS),
                ],
                "`{callee}` runs Python code built at run time: whoever controls that text runs code in this process",
            ),
            CallPattern::new(
                FUNCTIONS,
                &[Cond::Literal(Arg::at(0, "source"))],
                "`{callee}` runs a fixed string of Python code",
            )
            .audit(Severity::Low),
            CallPattern::new(
                &["builtins.compile"],
                &[Cond::NonLiteral(Arg::at(0, "source"))],
                "`{callee}` turns text built at run time into a code object: check where that code object is run",
            )
            .audit(Severity::Medium),
        ],
    };
}
