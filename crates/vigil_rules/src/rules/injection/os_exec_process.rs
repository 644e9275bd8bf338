use crate::call_pattern::{CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const EXEC_FUNCTIONS: &[&str] = &[
    "os.execl",
    "os.execle",
    "os.execlp",
    "os.execlpe",
    "os.execv",
    "os.execve",
    "os.execvp",
    "os.execvpe",
    "os.spawnl",
    "os.spawnle",
    "os.spawnlp",
    "os.spawnlpe",
    "os.spawnv",
    "os.spawnve",
    "os.spawnvp",
    "os.spawnvpe",
    "os.startfile",
    "os.posix_spawn",
    "os.posix_spawnp",
    "pty.spawn",
    "pexpect.spawn",
    "pexpect.spawnu",
    "pexpect.run",
    "pexpect.runu",
    "pexpect.pty_spawn.spawn",
    "pexpect.popen_spawn.PopenSpawn",
];

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
        calls: &[
            CallPattern::new(
                EXEC_FUNCTIONS,
                &[Cond::AnyNonLiteral],
                "`{callee}` starts a program chosen or parameterised at run time",
            )
            .audit(Severity::Medium),
            CallPattern::new(
                EXEC_FUNCTIONS,
                &[Cond::AllLiteral],
                "`{callee}` starts an external program",
            )
            .audit(Severity::Low),
        ],
    };
}
