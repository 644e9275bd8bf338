use crate::CallFilter;
use crate::checker::{Checker, Snippet};
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, Operator, Stmt};
use vigil_report::{Confidence, Severity};

const OTHERS_WRITE: u32 = 0o002;
const GROUP_WRITE: u32 = 0o020;

/// Calls that set a mode as given (their signatures are in the knowledge
/// layer).
const CHMOD: &[&str] = &["os.chmod", "os.lchmod", "os.fchmod"];
/// Calls whose mode the process umask narrows.
const CREATE: &[&str] = &[
    "os.open",
    "os.mkdir",
    "os.makedirs",
    "os.mkfifo",
    "os.mknod",
];

/// `stat` constants a mode can be built from.
const STAT: &[(&str, u32)] = &[
    ("stat.S_ISUID", 0o4000),
    ("stat.S_ISGID", 0o2000),
    ("stat.S_ISVTX", 0o1000),
    ("stat.S_IRWXU", 0o700),
    ("stat.S_IRUSR", 0o400),
    ("stat.S_IWUSR", 0o200),
    ("stat.S_IXUSR", 0o100),
    ("stat.S_IREAD", 0o400),
    ("stat.S_IWRITE", 0o200),
    ("stat.S_IEXEC", 0o100),
    ("stat.S_IRWXG", 0o070),
    ("stat.S_IRGRP", 0o040),
    ("stat.S_IWGRP", 0o020),
    ("stat.S_IXGRP", 0o010),
    ("stat.S_IRWXO", 0o007),
    ("stat.S_IROTH", 0o004),
    ("stat.S_IWOTH", 0o002),
    ("stat.S_IXOTH", 0o001),
];

/// The value of a mode built from integer literals and `stat` constants
/// with `|` and `+`.
fn mode_value(checker: &Checker, expr: &Expr, depth: usize) -> Option<u32> {
    if depth > 16 {
        return None;
    }
    if let Some(q) = checker.resolve_value(expr)
        && let Some((_, value)) = STAT.iter().find(|(name, _)| *name == q)
    {
        return Some(*value);
    }
    if let Some(value) = checker.int(expr) {
        return u32::try_from(value).ok();
    }
    match checker.constant_value(expr) {
        Expr::BinOp(op) if matches!(op.op, Operator::BitOr | Operator::Add) => {
            let left = mode_value(checker, &op.left, depth + 1)?;
            let right = mode_value(checker, &op.right, depth + 1)?;
            Some(left | right)
        }
        _ => None,
    }
}

/// The `mode` argument of a call to `q`, when `q` is one of `table`.
fn argument<'e>(
    checker: &Checker,
    call: &'e ExprCall,
    table: &[&str],
    q: &str,
) -> Option<&'e Expr> {
    table
        .contains(&q)
        .then(|| checker.argument(call, q, "mode"))
        .flatten()
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let callee = checker.lazy_snippet(&*call.func);
    if qualified == Some("os.umask") {
        return umask(checker, call, &callee);
    }
    // `os.chmod(path, mode)`, or `path.chmod(mode)` on a pathlib path.
    let (set_mode, confidence) = match qualified.and_then(|q| argument(checker, call, CHMOD, q)) {
        Some(mode) => (Some(mode), Confidence::High),
        None if qualified.is_none()
            && matches!(method_name(call), Some("chmod" | "lchmod"))
            && call.arguments.len() == 1 =>
        {
            (
                call.arguments.find_argument_value("mode", 0),
                Confidence::Medium,
            )
        }
        None => (None, Confidence::High),
    };
    if let Some(mode) = set_mode {
        let Some(value) = mode_value(checker, mode, 0) else {
            return;
        };
        if value & OTHERS_WRITE != 0 {
            let message = format!(
                "`{callee}` sets mode {value:#o}: every user of the system can modify this file or directory"
            );
            checker
                .report(&RULE, call.range(), message)
                .confidence(confidence);
        } else if value & GROUP_WRITE != 0 {
            let message = format!(
                "`{callee}` sets mode {value:#o}: every member of the file's group can modify it"
            );
            checker
                .report(&RULE, call.range(), message)
                .severity(Severity::Medium)
                .confidence(Confidence::Low);
        }
        return;
    }
    let Some(mode) = qualified.and_then(|q| argument(checker, call, CREATE, q)) else {
        return;
    };
    if mode_value(checker, mode, 0).is_some_and(|v| v & OTHERS_WRITE != 0) {
        let message = format!(
            "`{callee}` asks for a world-writable mode: the process umask usually removes the write bit, but not when it is 0"
        );
        checker
            .report(&RULE, call.range(), message)
            .audit_only()
            .severity(Severity::Low);
    }
}

fn umask(checker: &mut Checker, call: &ExprCall, callee: &Snippet) {
    let Some(mask) = call.arguments.find_argument_value("mask", 0) else {
        return;
    };
    let Some(value) = mode_value(checker, mask, 0) else {
        return;
    };
    if value & OTHERS_WRITE != 0 {
        return;
    }
    // `old = os.umask(0); os.umask(old)` reads the umask: the result is
    // used. A discarded result means the mask stays.
    let discarded = matches!(
        checker.current_statement(),
        Some(Stmt::Expr(stmt)) if stmt.value.range() == call.range()
    );
    let message = format!(
        "`{callee}` sets umask {value:#o}: files and directories created afterwards with default modes are writable by every user"
    );
    let diagnostic = checker
        .report(&RULE, call.range(), message)
        .severity(Severity::Medium);
    if !discarded {
        diagnostic.audit_only().severity(Severity::Low);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags `os.chmod`, `os.fchmod`, `os.lchmod` and `Path.chmod` with a
    /// mode that lets every user (`0o002`, high) or the whole group
    /// (`0o020`, medium) write, and `os.umask` calls that leave new files
    /// writable by every user. Creation modes (`os.mkdir`, `os.open`,
    /// `os.makedirs`) that ask for world-writable files are listed in
    /// `--audit` mode, since the umask normally narrows them.
    ///
    /// ## Why is this bad?
    /// A world-writable file can be changed by any local account or
    /// compromised service: scripts and configuration get code added,
    /// logs get forged, data files get replaced. A world-writable
    /// directory lets anyone delete or swap the files in it. `os.chmod`
    /// applies the mode exactly, whatever the umask.
    ///
    /// ## Example
    /// ```python
    /// os.chmod("/etc/myapp/hooks.sh", 0o777)
    /// ```
    ///
    /// ## Use instead
    /// Grant write access to the owner only:
    /// ```python
    /// os.chmod("/etc/myapp/hooks.sh", 0o755)
    /// ```
    ///
    /// ## References
    /// - CWE-732: Incorrect Permission Assignment for Critical Resource
    pub static RULE = {
        name: "permissive-file-permissions",
        category: Category::Files,
        cwe: &[732],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B103"],
        ruff: &["S103"],
        help: "Give write permission to the owner only (e.g. `0o644` for files, `0o755` for directories) and keep a umask of at least `0o022`.",
        on_call: check,
        call_filter: CallFilter {
            names: || {
                let mut names = vec!["os.umask"];
                names.extend(CHMOD.iter().chain(CREATE).copied());
                names
            },
            methods: || vec!["chmod", "lchmod"],
            ..CallFilter::NONE
        },
    };
}
