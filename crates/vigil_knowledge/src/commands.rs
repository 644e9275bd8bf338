//! The command-execution family: every API that starts a program on this
//! machine, how each takes its command, and the programs that change what
//! a command runs (shells and interpreters given code with `-c`, wrappers
//! such as `sudo` that run the program named after them).
//!
//! The pattern rules (`os-shell-command`, `subprocess-shell-true`,
//! `subprocess-shell-argv`, `os-exec-process`) and the dataflow rule that
//! claims this family in its model (`command-injection`) both read
//! [`GROUPS`]: adding an API here is the one edit that teaches both.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// How a call takes the command it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandForm {
    /// The first argument (`cmd`) is a command line, always run by a shell
    /// (`os.system(cmd)`).
    Shell,
    /// `subprocess` style: the first argument (`args`) is a list of words,
    /// or a command line run by a shell when `shell=` is true.
    Subprocess,
    /// The positional arguments are the words: `(program, arg, ...)`.
    Words,
    /// A path, then a list of words starting with `argv[0]`:
    /// `os.execv(path, [argv0, arg, ...])`.
    PathThenList,
    /// A path, then the words as positional arguments starting with
    /// `argv[0]`: `os.execl(path, argv0, arg, ...)`.
    PathThenWords,
    /// A mode, then a path, then the words: `os.spawnv(mode, path, ...)`.
    ModeThenPath,
    /// One list (`argv`) of words: `pty.spawn(argv)`.
    WordList,
    /// A command string the callee splits into words itself, without a
    /// shell: `pexpect.spawn("ssh " + host)`.
    SplitWords,
    /// A document opened with the program the system associates with it
    /// (`os.startfile(path)`): an executable path runs.
    Document,
}

impl CommandForm {
    /// The parameter that holds the command (or the program), with its
    /// position.
    pub fn command_parameter(self) -> (usize, &'static str) {
        match self {
            CommandForm::Shell => (0, "cmd"),
            CommandForm::Subprocess => (0, "args"),
            CommandForm::Words | CommandForm::PathThenList | CommandForm::PathThenWords => {
                (0, "path")
            }
            CommandForm::ModeThenPath => (1, "path"),
            CommandForm::WordList => (0, "argv"),
            CommandForm::SplitWords => (0, "command"),
            CommandForm::Document => (0, "filepath"),
        }
    }
}

use CommandForm::*;

/// Functions that always hand their first argument to a shell: the
/// `os` family, Python 2's `popen2` and `commands`, Fabric's and Invoke's
/// local commands.
pub const OS_SHELL: &[&str] = &[
    "os.system",
    "os.popen",
    "os.popen2",
    "os.popen3",
    "os.popen4",
    "posix.system",
    "nt.system",
    "platform.popen",
    "popen2.popen2",
    "popen2.popen3",
    "popen2.popen4",
    "popen2.Popen3",
    "popen2.Popen4",
    "commands.getoutput",
    "commands.getstatusoutput",
    "commands.getstatus",
    "fabric.api.local",
    "fabric.operations.local",
    "fabric.Connection.local",
    "invoke.run",
    "invoke.sudo",
    "invoke.Context.run",
    "invoke.Context.sudo",
];

/// `subprocess` and `asyncio` functions that always use a shell.
pub const SUBPROCESS_SHELL: &[&str] = &[
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
    "asyncio.create_subprocess_shell",
    "asyncio.subprocess.create_subprocess_shell",
];

/// `subprocess` functions whose first argument is the command.
pub const SUBPROCESS: &[&str] = &[
    "subprocess.Popen",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.run",
];

/// Start a program from positional words: `(program, arg, ...)`.
pub const EXEC_WORDS: &[&str] = &[
    "asyncio.create_subprocess_exec",
    "asyncio.subprocess.create_subprocess_exec",
];

/// `os.execv(path, [argv0, arg, ...])` and friends.
pub const EXEC_PATH_LIST: &[&str] = &[
    "os.execv",
    "os.execve",
    "os.execvp",
    "os.execvpe",
    "os.posix_spawn",
    "os.posix_spawnp",
];

/// `os.execl(path, argv0, arg, ...)` and friends.
pub const EXEC_PATH_WORDS: &[&str] = &["os.execl", "os.execle", "os.execlp", "os.execlpe"];

/// `os.spawnv(mode, path, ...)` and friends.
pub const SPAWN: &[&str] = &[
    "os.spawnv",
    "os.spawnve",
    "os.spawnvp",
    "os.spawnvpe",
    "os.spawnl",
    "os.spawnle",
    "os.spawnlp",
    "os.spawnlpe",
];

/// `pty.spawn(argv)`.
pub const PTY_SPAWN: &[&str] = &["pty.spawn"];

/// pexpect: a command string it splits into words itself (no shell, but
/// a word pasted into it adds arguments or names another program).
pub const PEXPECT: &[&str] = &[
    "pexpect.spawn",
    "pexpect.spawnu",
    "pexpect.run",
    "pexpect.runu",
    "pexpect.pty_spawn.spawn",
    "pexpect.popen_spawn.PopenSpawn",
];

/// Windows' `os.startfile`: opens a document with its associated program,
/// and runs it when it is a program.
pub const OPEN_WITH_ASSOCIATED_PROGRAM: &[&str] = &["os.startfile"];

/// Every API that starts a program on this machine, group by group.
pub const GROUPS: &[(CommandForm, &[&str])] = &[
    (Shell, OS_SHELL),
    (Shell, SUBPROCESS_SHELL),
    (Subprocess, SUBPROCESS),
    (Words, EXEC_WORDS),
    (PathThenList, EXEC_PATH_LIST),
    (PathThenWords, EXEC_PATH_WORDS),
    (ModeThenPath, SPAWN),
    (WordList, PTY_SPAWN),
    (SplitWords, PEXPECT),
    (Document, OPEN_WITH_ASSOCIATED_PROGRAM),
];

/// Every API with its form.
pub fn apis() -> impl Iterator<Item = (&'static str, CommandForm)> {
    GROUPS
        .iter()
        .flat_map(|(form, names)| names.iter().map(move |name| (*name, *form)))
}

static BY_NAME: LazyLock<FxHashMap<&'static str, CommandForm>> = LazyLock::new(|| apis().collect());

/// How `qualified` takes its command, if it starts a program.
pub fn form_of(qualified: &str) -> Option<CommandForm> {
    BY_NAME.get(qualified).copied()
}

/// Functions that quote a value for a POSIX shell.
pub const QUOTERS: &[&str] = &["shlex.quote", "shlex.join", "pipes.quote"];

/// Programs that run the program named by their next word (after their
/// own options): `sudo rm`, `env LANG=C sort`, `timeout 5 curl`.
pub const WRAPPERS: &[&str] = &[
    "sudo", "doas", "su", "env", "nice", "nohup", "time", "timeout", "stdbuf", "xargs", "exec",
    "command", "chroot", "setsid", "ionice", "taskset",
];

/// Whether `program` (a path or a bare name) is a wrapper.
pub fn is_wrapper(program: &str) -> bool {
    WRAPPERS.contains(&basename(program))
}

/// A program that runs code given to it as an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interpreter {
    /// `sh -c CODE` and the other POSIX shells: a short-option cluster
    /// holding `c` (`-c`, `-ec`, `-lc`).
    PosixShell,
    /// `cmd /c CODE` (or `/k`).
    WindowsShell,
    /// `powershell -Command CODE` (`-c`, `-EncodedCommand`, `-e`).
    PowerShell,
    /// `python -c CODE`.
    Python,
    /// `perl -e CODE`, `ruby -e`, `node -e`.
    Script,
}

impl Interpreter {
    /// Whether it is a command shell (the others run a language's code).
    pub fn is_shell(self) -> bool {
        matches!(
            self,
            Interpreter::PosixShell | Interpreter::WindowsShell | Interpreter::PowerShell
        )
    }

    /// Whether `flag` makes the next word code for this program.
    pub fn is_code_flag(self, flag: &str) -> bool {
        let lower = flag.to_ascii_lowercase();
        let cluster_with = |letter: char| {
            lower.len() >= 2
                && lower.starts_with('-')
                && !lower.starts_with("--")
                && lower[1..].chars().all(|c| c.is_ascii_alphabetic())
                && lower[1..].contains(letter)
        };
        match self {
            Interpreter::PosixShell | Interpreter::Python => cluster_with('c'),
            Interpreter::WindowsShell => lower == "/c" || lower == "/k",
            Interpreter::PowerShell => matches!(
                lower.as_str(),
                "-c" | "-command" | "-e" | "-ec" | "-encodedcommand"
            ),
            Interpreter::Script => cluster_with('e'),
        }
    }
}

/// Where the code is in the words after an interpreter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeWord {
    /// The word at this index is code (it follows `-c`).
    At(usize),
    /// The word at this index is unknown and stands where an option may:
    /// it may be `-c` itself, so it and every later word may be code.
    MaybeFrom(usize),
    /// No word is code: no code flag before the first operand (a script
    /// path, whose arguments follow it).
    Absent,
}

impl Interpreter {
    /// Where the code is among `words`, the words after the program
    /// (`None` for a word whose text is unknown).
    pub fn code_word(self, words: &[Option<&str>]) -> CodeWord {
        let mut i = 0;
        while i < words.len() {
            let Some(word) = words[i] else {
                return CodeWord::MaybeFrom(i);
            };
            if self.is_code_flag(word) {
                return if i + 1 < words.len() {
                    CodeWord::At(i + 1)
                } else {
                    CodeWord::Absent
                };
            }
            let option = word.starts_with(['-', '+'])
                || (self == Interpreter::WindowsShell && word.starts_with('/'));
            if !option {
                return CodeWord::Absent;
            }
            // `-o pipefail`: an option with a separate value.
            i += if word == "-o" || word == "+o" { 2 } else { 1 };
        }
        CodeWord::Absent
    }
}

/// Whether `flag` makes the next word code for one of the shells (`-c`,
/// `-lc`, `/c`, `-Command`).
pub fn is_shell_code_flag(flag: &str) -> bool {
    [
        Interpreter::PosixShell,
        Interpreter::WindowsShell,
        Interpreter::PowerShell,
    ]
    .iter()
    .any(|shell| shell.is_code_flag(flag))
}

/// The interpreter `program` (a path or a bare name) is, if it runs code
/// given as an argument.
pub fn interpreter(program: &str) -> Option<Interpreter> {
    let name = basename(program).to_ascii_lowercase();
    let name = name.strip_suffix(".exe").unwrap_or(&name);
    Some(match name {
        "sh" | "bash" | "dash" | "zsh" | "ksh" | "ash" | "mksh" | "busybox" | "csh" | "tcsh"
        | "fish" => Interpreter::PosixShell,
        "cmd" => Interpreter::WindowsShell,
        "powershell" | "pwsh" => Interpreter::PowerShell,
        "perl" | "ruby" | "node" => Interpreter::Script,
        _ if is_python(name) => Interpreter::Python,
        _ => return None,
    })
}

/// `python`, `python3`, `python3.12`.
fn is_python(name: &str) -> bool {
    name.strip_prefix("python")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// The last path component of a program word (`/usr/bin/tar` → `tar`).
pub fn basename(program: &str) -> &str {
    program.rsplit(['/', '\\']).next().unwrap_or(program)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_is_listed_once() {
        assert_eq!(BY_NAME.len(), apis().count());
    }

    #[test]
    fn the_command_is_found_by_form() {
        assert_eq!(form_of("os.system"), Some(CommandForm::Shell));
        assert_eq!(form_of("platform.popen"), Some(CommandForm::Shell));
        assert_eq!(form_of("subprocess.run"), Some(CommandForm::Subprocess));
        assert_eq!(form_of("os.spawnv"), Some(CommandForm::ModeThenPath));
        assert_eq!(form_of("os.path.join"), None);
        assert_eq!(CommandForm::ModeThenPath.command_parameter(), (1, "path"));
    }

    #[test]
    fn interpreters_and_their_code_flags() {
        let sh = interpreter("/bin/bash").unwrap();
        assert!(sh.is_shell() && sh.is_code_flag("-c") && sh.is_code_flag("-lc"));
        assert!(!sh.is_code_flag("--norc") && !sh.is_code_flag("-x"));
        let cmd = interpreter("CMD.EXE").unwrap();
        assert!(cmd.is_code_flag("/C") && !cmd.is_code_flag("-c"));
        let ps = interpreter("pwsh").unwrap();
        assert!(ps.is_code_flag("-Command") && ps.is_code_flag("-EncodedCommand"));
        let py = interpreter("python3.12").unwrap();
        assert!(!py.is_shell() && py.is_code_flag("-c") && !py.is_code_flag("-m"));
        assert!(interpreter("perl").unwrap().is_code_flag("-e"));
        assert_eq!(interpreter("pythonista"), None);
        assert_eq!(interpreter("ls"), None);
    }

    #[test]
    fn code_follows_the_code_flag_before_the_first_operand() {
        let sh = Interpreter::PosixShell;
        assert_eq!(sh.code_word(&[Some("-c"), None]), CodeWord::At(1));
        assert_eq!(
            sh.code_word(&[Some("-o"), Some("pipefail"), Some("-c"), Some("x")]),
            CodeWord::At(3)
        );
        assert_eq!(
            sh.code_word(&[Some("-e"), Some("/opt/a.sh"), None]),
            CodeWord::Absent
        );
        assert_eq!(sh.code_word(&[Some("-e"), None]), CodeWord::MaybeFrom(1));
        assert_eq!(sh.code_word(&[Some("-c")]), CodeWord::Absent);
        let cmd = Interpreter::WindowsShell;
        assert_eq!(
            cmd.code_word(&[Some("/q"), Some("/c"), None]),
            CodeWord::At(2)
        );
    }

    #[test]
    fn wrappers_by_basename() {
        assert!(is_wrapper("/usr/bin/sudo") && is_wrapper("env") && !is_wrapper("rm"));
    }
}
