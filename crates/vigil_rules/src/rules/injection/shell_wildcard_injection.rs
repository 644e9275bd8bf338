use super::commands::{
    Command, basename, command_functions, command_of, program_word, shell_text, simple_commands,
};
use super::subprocess_shell_argv::shell_payload;
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

/// Programs whose options can do harm when a file name is taken as one
/// (`--checkpoint-action=exec=...`, `--reference=...`, `-e sh ...`).
const PROGRAMS: &[&str] = &[
    "tar", "chown", "chgrp", "chmod", "rsync", "zip", "7z", "scp",
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    let text = match command_of(checker, call, qualified) {
        Some(Command::Shell(expr)) => shell_text(checker, expr),
        Some(Command::Argv(words)) => {
            shell_payload(checker, &words).and_then(|payload| shell_text(checker, payload))
        }
        _ => None,
    };
    let Some(text) = text else { return };
    for words in simple_commands(&text) {
        let Some((at, program)) = program_word(&words) else {
            continue;
        };
        let program = basename(program);
        if !PROGRAMS.contains(&program) {
            continue;
        }
        let glob = words[at + 1..]
            .iter()
            .take_while(|w| **w != "--")
            .find(|w| w.starts_with(['*', '?', '[']));
        if let Some(glob) = glob {
            let message = format!(
                "`{}` runs `{program}` with `{glob}` expanded by the shell: a file named like an option (`--checkpoint-action=exec=...`, `--reference=...`) in that directory becomes an option of `{program}`",
                checker.snippet(&*call.func),
            );
            checker.report(&RULE, call.range(), message);
            return;
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags shell commands that run `tar`, `chown`, `chgrp`, `chmod`,
    /// `rsync`, `zip`, `7z` or `scp` with a bare wildcard argument such as
    /// `*` or `*.log`, before any `--`.
    ///
    /// ## Why is this bad?
    /// The shell expands the wildcard to the file names in the working
    /// directory, and the program cannot tell a file name from an option.
    /// Whoever can create files there can create one named
    /// `--checkpoint-action=exec=sh evil.sh` (tar), `--reference=mine`
    /// (chown, chmod) or `-e sh evil.sh` (rsync) and have it run with the
    /// rights of the script, often root in a backup or clean-up job. A
    /// wildcard inside a path (`/srv/data/*`) expands to names that start
    /// with that path, so it is not reported.
    ///
    /// ## Example
    /// ```python
    /// os.system("cd /srv/uploads && tar czf /backup/uploads.tgz *")
    /// ```
    ///
    /// ## Use instead
    /// End the options with `--`, or prefix the wildcard with `./` so every
    /// name starts with a dot; better, pass an explicit list without a shell:
    /// ```python
    /// os.system("cd /srv/uploads && tar czf /backup/uploads.tgz -- *")
    /// ```
    ///
    /// ## References
    /// - CWE-155: Improper Neutralization of Wildcards or Matching Symbols
    ///   (the expanded names become options of the command; see also CWE-78)
    pub static RULE = {
        name: "shell-wildcard-injection",
        category: Category::Injection,
        cwe: &[155],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B609"],
        ruff: &["S609"],
        help: "Put `--` before the wildcard or write it as `./*`, so that no expanded file name can be read as an option.",
        on_call: check,
        call_filter: CallFilter { names: command_functions, ..CallFilter::NONE },
    };
}
