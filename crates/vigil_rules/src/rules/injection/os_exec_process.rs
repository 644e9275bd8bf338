use crate::call_pattern::{CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::commands;
use vigil_report::{Confidence, Severity};

/// Two rows (built at run time, or fixed) for each group of callees.
macro_rules! rows {
    ($($names:expr),*) => {
        &[$(
            CallPattern::new(
                $names,
                &[Cond::AnyNonLiteral],
                "`{callee}` starts a program chosen or parameterised at run time",
            )
            .audit(Severity::Medium),
            CallPattern::new($names, &[Cond::AllLiteral], "`{callee}` starts an external program")
                .audit(Severity::Low),
        )*]
    };
}

declare_rule! {
    /// ## What it does
    /// Lists calls of the `os.exec*`, `os.spawn*`, `os.posix_spawn*`,
    /// `os.startfile` and `pty.spawn` families, and pexpect's `spawn` and
    /// `run`, which start a program without a shell (reported in `--audit`
    /// mode).
    ///
    /// ## Why is this bad?
    /// No shell parses the arguments, so there is no shell injection; but
    /// a program path or arguments chosen from outside let an attacker run
    /// a different program, or pass it options. `os.startfile` opens a file
    /// with whatever program the system associates with it. pexpect splits
    /// a command string into words itself, so a value pasted into it can
    /// add arguments such as `-oProxyCommand=...` to `ssh`.
    ///
    /// ## Example
    /// ```python
    /// os.execvp(tool, [tool, path])
    /// ```
    ///
    /// ## Use instead
    /// Use a fixed, absolute program path and validate every argument:
    /// ```python
    /// subprocess.run(["/usr/bin/tool", "--", path], check=True)
    /// ```
    ///
    /// ## References
    /// - CWE-78: Improper Neutralization of Special Elements used in an OS Command
    pub static RULE = {
        name: "os-exec-process",
        category: Category::Injection,
        cwe: &[78],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &["B606"],
        ruff: &["S606"],
        help: "Start programs by absolute path with validated arguments; prefer `subprocess.run([...])`.",
        calls: rows!(
            commands::EXEC_PATH_LIST,
            commands::EXEC_PATH_WORDS,
            commands::SPAWN,
            commands::PTY_SPAWN,
            commands::PEXPECT,
            commands::OPEN_WITH_ASSOCIATED_PROGRAM
        ),
    };
}
