use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const FUNCTIONS: &[&str] = &[
    "subprocess.Popen",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.run",
];

const ASYNC_EXEC: &[&str] = &[
    "asyncio.create_subprocess_exec",
    "asyncio.subprocess.create_subprocess_exec",
];

declare_rule! {
    /// ## What it does
    /// Lists every `subprocess` and `asyncio.create_subprocess_exec` call
    /// that starts a program without a shell, and calls whose program is
    /// chosen at run time through `executable=` (reported in `--audit`
    /// mode only).
    ///
    /// ## Why is this bad?
    /// Without a shell there is no shell injection, but the program still
    /// runs with the caller's rights: a reviewer wants to know which programs
    /// a package starts, whether the executable path is partial (resolved
    /// through `PATH`, which an attacker may control), and whether arguments
    /// from outside can inject options such as `--output=/etc/passwd`.
    ///
    /// ## Example
    /// ```python
    /// subprocess.run(["git", "clone", url])
    /// ```
    ///
    /// ## Use instead
    /// Use absolute executable paths, validate arguments, and end options
    /// with `--` before untrusted values:
    /// ```python
    /// subprocess.run(["/usr/bin/git", "clone", "--", url])
    /// ```
    ///
    /// ## References
    /// - CWE-78: Improper Neutralization of Special Elements used in an OS Command
    pub static RULE = {
        name: "subprocess-no-shell",
        category: Category::Injection,
        cwe: &[78],
        severity: Severity::Low,
        confidence: Confidence::High,
        bandit: &["B603"],
        ruff: &["S603"],
        help: "Check that the executable is given by absolute path and that no argument from outside can be taken as an option (end options with `--`).",
        calls: &[
            CallPattern::new(
                FUNCTIONS,
                &[Cond::Falsy(Arg::kw("shell")), Cond::NonLiteral(Arg::at(0, "args"))],
                "`{callee}` starts a program whose command line is built at run time",
            )
            .audit(Severity::Low),
            CallPattern::new(
                FUNCTIONS,
                &[Cond::Falsy(Arg::kw("shell")), Cond::Literal(Arg::at(0, "args"))],
                "`{callee}` starts an external program",
            )
            .audit(Severity::Low)
            .confidence(Confidence::Low),
            CallPattern::new(
                FUNCTIONS,
                &[Cond::Falsy(Arg::kw("shell")), Cond::NonLiteral(Arg::kw("executable"))],
                "`{callee}` runs the program named by `executable=`, which is chosen at run time",
            )
            .audit(Severity::Medium),
            CallPattern::new(
                ASYNC_EXEC,
                &[Cond::AnyNonLiteral],
                "`{callee}` starts a program whose command line is built at run time",
            )
            .audit(Severity::Low),
            CallPattern::new(
                ASYNC_EXEC,
                &[Cond::AllLiteral],
                "`{callee}` starts an external program",
            )
            .audit(Severity::Low)
            .confidence(Confidence::Low),
        ],
    };
}
