use super::commands::{
    Command, command_functions, command_of, program_word, shell_text, simple_commands,
};
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

/// Shell builtins and keywords: never looked up in `PATH`.
const BUILTINS: &[&str] = &[
    "cd", "echo", "exit", "export", "set", "unset", "test", "[", "[[", "true", "false", ":", ".",
    "source", "umask", "ulimit", "type", "read", "printf", "eval", "wait", "trap", "shift",
    "alias", "pwd", "return", "let", "local", "declare", "if", "then", "else", "elif", "fi", "for",
    "do", "done", "while", "until", "case", "esac", "{", "}", "!", "dir", "start", "del", "copy",
    "cls", "ver",
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    if call.arguments.find_keyword("executable").is_some() {
        return;
    }
    let Some(command) = command_of(checker, call, qualified) else {
        return;
    };
    let program = match command {
        Command::Shell(expr) => shell_text(checker, expr).and_then(|text| {
            simple_commands(&text)
                .iter()
                .filter_map(|words| program_word(words).map(|(_, w)| w.to_string()))
                .find(|w| !BUILTINS.contains(&w.as_str()))
        }),
        Command::Argv(words) => words.first().and_then(|w| checker.string(w)),
        Command::Program(expr) => checker
            .string(expr)
            .and_then(|s| s.split_whitespace().next().map(str::to_string)),
    };
    let Some(program) = program else { return };
    if !is_partial(&program) {
        return;
    }
    let message = format!(
        "`{}` starts `{}` by a partial path: it is looked up in `PATH` (or the working directory), which whoever controls the environment can point at another program",
        checker.snippet(&*call.func),
        program.chars().take(40).collect::<String>()
    );
    checker.report(&RULE, call.range(), message).audit_only();
}

/// Whether a literal program name is resolved through a search path.
fn is_partial(program: &str) -> bool {
    let dynamic = program.contains(['$', '\u{1}', '"', '\'', '%', '*']);
    let absolute = program.starts_with(['/', '\\', '~'])
        || program.as_bytes().get(1) == Some(&b':') && program.as_bytes()[0].is_ascii_alphabetic();
    !program.is_empty() && !dynamic && !absolute
}

declare_rule! {
    /// ## What it does
    /// Lists calls that start a program named by a partial path, such as
    /// `subprocess.run(["git", "pull"])` or `os.system("make")`: the
    /// program is found through the `PATH` search (reported in `--audit`
    /// mode).
    ///
    /// ## Why is this bad?
    /// Which file runs depends on the environment: a writable directory
    /// early in `PATH`, a `PATH` inherited from a less trusted caller (a
    /// web server, a cron job, a setuid wrapper) or, for relative names
    /// and on Windows, the current directory can make the call run another
    /// program with this process's rights. Code that runs with higher
    /// privileges than its caller should not trust `PATH` at all.
    ///
    /// ## Example
    /// ```python
    /// subprocess.run(["git", "pull", "--ff-only"], check=True)
    /// ```
    ///
    /// ## Use instead
    /// Name the program by absolute path, or resolve it once with
    /// `shutil.which` against a `PATH` you control:
    /// ```python
    /// subprocess.run(["/usr/bin/git", "pull", "--ff-only"], check=True)
    /// ```
    ///
    /// ## References
    /// - CWE-426: Untrusted Search Path
    pub static RULE = {
        name: "partial-executable-path",
        category: Category::Injection,
        cwe: &[426],
        severity: Severity::Low,
        confidence: Confidence::High,
        bandit: &["B607"],
        ruff: &["S607"],
        help: "Start programs by absolute path (or resolve them with `shutil.which()` against a trusted `PATH`).",
        on_call: check,
        call_filter: CallFilter { names: command_functions, ..CallFilter::NONE },
    };
}
