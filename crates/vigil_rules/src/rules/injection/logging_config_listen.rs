use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const VERIFY: Arg = Arg::at(1, "verify");

declare_rule! {
    /// ## What it does
    /// Flags `logging.config.listen()` without a `verify` function.
    ///
    /// ## Why is this bad?
    /// `listen()` opens a socket (port 9030 by default) and applies any
    /// logging configuration sent to it. The configuration formats name
    /// classes and, in the `fileConfig` format, arguments that are
    /// evaluated as Python: whoever can connect, including any local user
    /// or any process in a shared container network, runs code in this
    /// process. `verify` can check a signature or decrypt the bytes before
    /// they are used.
    ///
    /// ## Example
    /// ```python
    /// thread = logging.config.listen(9999)
    /// ```
    ///
    /// ## Use instead
    /// Load logging configuration from a file you control, or pass a
    /// `verify` function that rejects anything not signed with your key:
    /// ```python
    /// thread = logging.config.listen(9999, verify=check_signature)
    /// ```
    ///
    /// ## References
    /// - CWE-94: Improper Control of Generation of Code ('Code Injection')
    pub static RULE = {
        name: "logging-config-listen",
        category: Category::Injection,
        cwe: &[94],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &["B612"],
        ruff: &["S612"],
        help: "Do not accept logging configuration over a socket; if you must, pass `verify=` a function that checks a signature.",
        calls: &[
            CallPattern::new(
                &["logging.config.listen"],
                &[Cond::Falsy(VERIFY)],
                "`{callee}` applies any logging configuration sent to its socket, and configurations can run code: whoever can connect runs code here",
            ),
            CallPattern::new(
                &["logging.config.listen"],
                &[Cond::Truthy(VERIFY)],
                "`{callee}` accepts logging configuration over a socket: check that `verify` rejects unsigned data",
            )
            .audit(Severity::Low),
        ],
    };
}
