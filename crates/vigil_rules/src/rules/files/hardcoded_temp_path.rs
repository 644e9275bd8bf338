use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use std::borrow::Cow;
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr, ExprCall, NodeKind, Operator};
use vigil_report::{Confidence, Severity};

/// Directories every local user can create files in.
const SHARED_DIRS: &[&str] = &["/tmp", "/var/tmp", "/dev/shm"];

/// Functions that open or create the file named by one of their
/// arguments: (qualified name, position, keyword).
const FILE_FUNCTIONS: &[(&str, usize, &str)] = &[
    ("builtins.open", 0, "file"),
    ("io.open", 0, "file"),
    ("codecs.open", 0, "filename"),
    ("os.open", 0, "path"),
    ("os.mkdir", 0, "path"),
    ("os.makedirs", 0, "name"),
    ("os.mkfifo", 0, "path"),
    ("os.symlink", 1, "dst"),
    ("os.link", 1, "dst"),
    ("shutil.copy", 1, "dst"),
    ("shutil.copy2", 1, "dst"),
    ("shutil.copyfile", 1, "dst"),
    ("shutil.copytree", 1, "dst"),
    ("shutil.move", 1, "dst"),
    ("pathlib.Path", 0, ""),
    ("pathlib.PosixPath", 0, ""),
    ("sqlite3.connect", 0, "database"),
    ("logging.FileHandler", 0, "filename"),
    ("logging.handlers.RotatingFileHandler", 0, "filename"),
    ("logging.handlers.TimedRotatingFileHandler", 0, "filename"),
    ("logging.handlers.WatchedFileHandler", 0, "filename"),
    ("tarfile.open", 0, "name"),
    ("zipfile.ZipFile", 0, "file"),
];

/// The string literal or f-string a path expression starts with: the
/// expression itself, or the template of `%`, `+` or `.format()`.
fn template(expr: &Expr) -> Option<&Expr> {
    match expr {
        Expr::StringLiteral(_) | Expr::FString(_) => Some(expr),
        Expr::BinOp(op) if matches!(op.op, Operator::Mod | Operator::Add) => template(&op.left),
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(attribute) if attribute.attr.as_str() == "format" => {
                template(&attribute.value)
            }
            _ => None,
        },
        _ => None,
    }
}

/// The literal text a path expression starts with, when it is absolute
/// (every shared directory is), and whether more text (an interpolation or
/// an operand) follows it.
fn leading_absolute_text(expr: &Expr) -> Option<(Cow<'_, str>, bool)> {
    let start = template(expr)?;
    let more = !std::ptr::eq(start, expr);
    match start {
        Expr::StringLiteral(s) => {
            let text = s.value.to_str();
            text.starts_with('/').then_some((Cow::Borrowed(text), more))
        }
        Expr::FString(f) => {
            let mut text = String::new();
            for element in f.value.elements() {
                match element {
                    ast::InterpolatedStringElement::Literal(l) => {
                        // Most f-strings are not paths: stop at the first text.
                        if text.is_empty() && !l.value.is_empty() && !l.value.starts_with('/') {
                            return None;
                        }
                        text.push_str(&l.value);
                    }
                    ast::InterpolatedStringElement::Interpolation(_) => {
                        return (!text.is_empty()).then_some((Cow::Owned(text), true));
                    }
                }
            }
            (!text.is_empty()).then_some((Cow::Owned(text), more))
        }
        _ => None,
    }
}

/// For a path in a shared directory: whether it names something inside
/// it (`/tmp/app.log`) rather than the directory itself.
fn shared_path(expr: &Expr) -> Option<bool> {
    let (text, more) = leading_absolute_text(expr)?;
    SHARED_DIRS.iter().find_map(|dir| {
        let rest = text.strip_prefix(dir)?;
        if rest.is_empty() {
            Some(more)
        } else {
            rest.strip_prefix('/').map(|name| !name.is_empty() || more)
        }
    })
}

fn check_literal(checker: &mut Checker, expr: &Expr) {
    match expr {
        Expr::StringLiteral(_) | Expr::FString(_) if shared_path(expr).is_some() => {
            let message = format!(
                "`{}` is a fixed path in a directory every local user can write to: check how the program creates and trusts it",
                checker.snippet(expr)
            );
            checker
                .report(&RULE, expr.range(), message)
                .audit_only()
                .severity(Severity::Low);
        }
        _ => {}
    }
}

fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let path = match qualified {
        Some(q) => FILE_FUNCTIONS
            .iter()
            .find(|(name, ..)| *name == q)
            .and_then(|(_, pos, keyword)| {
                if keyword.is_empty() {
                    call.arguments.args.get(*pos)
                } else {
                    call.arguments.find_argument_value(keyword, *pos)
                }
            }),
        None => None,
    };
    let Some(path) = path else { return };
    let value = checker.constant_value(path);
    if shared_path(value) != Some(true) {
        return;
    }
    let message = format!(
        "`{}` uses the fixed path `{}` in a directory every local user can write to: another user can create it first, as a link to one of your files or with content of their choosing",
        checker.snippet(&*call.func),
        checker.snippet(value)
    );
    // An inline literal is reported at the literal, where the audit note
    // about the same literal is then the same problem.
    let range = match template(value) {
        Some(literal) if std::ptr::eq(value, path) => literal.range(),
        _ => call.range(),
    };
    checker.report(&RULE, range, message);
}

declare_rule! {
    /// ## What it does
    /// Flags files opened or created at fixed paths in shared temporary
    /// directories (`/tmp`, `/var/tmp`, `/dev/shm`): `open("/tmp/app.log",
    /// "w")`, `os.mkdir("/tmp/cache")`, `Path("/tmp/x")`,
    /// `logging.FileHandler("/tmp/debug.log")`. Any other string literal
    /// naming such a path is listed in `--audit` mode.
    ///
    /// ## Why is this bad?
    /// Every local user can create entries in these directories. If
    /// another user creates the path first, as a symbolic link to a file
    /// the program can write, the program overwrites that file; if they
    /// create a regular file, the program reads their content, or fails.
    /// A fixed name makes the race easy to win, and systems with
    /// `fs.protected_symlinks` only block some of the attacks.
    ///
    /// ## Example
    /// ```python
    /// with open("/tmp/report.csv", "w") as f:
    ///     f.write(report)
    /// ```
    ///
    /// ## Use instead
    /// Let `tempfile` choose an unpredictable name and create the file
    /// atomically, or keep files in a directory only this user can write:
    /// ```python
    /// with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ///     f.write(report)
    /// ```
    ///
    /// ## References
    /// - CWE-377: Insecure Temporary File
    pub static RULE = {
        name: "hardcoded-temp-path",
        category: Category::Files,
        cwe: &[377],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &["B108"],
        ruff: &["S108"],
        help: "Create temporary files with `tempfile` (`NamedTemporaryFile`, `mkstemp`, `mkdtemp`), or use a directory only this user can write.",
        on_call: check_call,
        call_filter: CallFilter {
            names: || FILE_FUNCTIONS.iter().map(|(name, ..)| *name).collect(),
            ..CallFilter::NONE
        },
        on_expr: check_literal,
        nodes: &[NodeKind::ExprStringLiteral, NodeKind::ExprFString],
    };
}
