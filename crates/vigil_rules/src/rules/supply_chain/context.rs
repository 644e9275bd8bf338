//! What the supply-chain rules share: which file this is (`setup.py`, a
//! package's `__init__.py`), when a call runs (at load, in a setuptools
//! command, later), the paths, decoded data and fetched data an expression
//! holds, and what a call does (network, process, file write, secret read).

use crate::checker::Checker;
use crate::rules::injection::commands::{self as cmd, Command};
use std::cell::Cell;
use vigil_knowledge::commands;
use vigil_knowledge::constant::Const;
use vigil_knowledge::supply_chain as sc;
use vigil_python::ast::{self as ast, Expr, ExprCall, Operator, Stmt};
use vigil_semantic::{BindingKind, ScopeId, ScopeKind};

/// How far the helpers follow names and nested calls.
const MAX_DEPTH: usize = 12;

/// How many expressions one question may visit in all (`a + a` bound to
/// names, nested `n` deep, would otherwise cost `2^n`).
const MAX_STEPS: u32 = 64;

/// Takes one step of a question's budget; `false` when it is spent or
/// the question has gone too deep.
fn spend(depth: usize, budget: &Cell<u32>) -> bool {
    let left = budget.get();
    if depth > MAX_DEPTH || left == 0 {
        return false;
    }
    budget.set(left - 1);
    true
}

/// Whether the file is code `pip` runs to build or install an sdist: a
/// `setup.py` outside any package (its module name is `setup`), or the
/// in-tree build backend its `pyproject.toml` names.
pub fn is_setup_script(checker: &Checker) -> bool {
    checker.semantic.build_backend
        || (checker.semantic.module_name == "setup" && !checker.semantic.is_package)
}

/// How messages name the build script being checked.
pub fn build_script(checker: &Checker) -> &'static str {
    if checker.semantic.build_backend {
        "the in-tree build backend"
    } else {
        "setup.py"
    }
}

/// Whether the file is a `.pth` file (the engine names its module after
/// the file, `evil.pth`, which no import can name).
pub fn is_pth_file(checker: &Checker) -> bool {
    checker.semantic.module_name.ends_with(".pth")
}

/// Whether the file is a package's `__init__.py`, run by every import of
/// the package.
pub fn is_package_init(checker: &Checker) -> bool {
    checker.semantic.is_package
}

/// Whether the file imports one of `modules` (by top-level name).
pub fn imports_any(checker: &Checker, modules: &[&str]) -> bool {
    checker.imports_any(modules)
}

/// When the code being checked runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runs<'a> {
    /// When the module is loaded: module-level code (also a class body),
    /// not under `if __name__ == "__main__":`.
    AtLoad,
    /// In a method of a setuptools or distutils command class (named).
    InCommand(&'a str),
    /// In a hook function of an in-tree build backend (named), which pip
    /// calls to build the package.
    InHook(&'a str),
    /// When something calls it.
    Later,
}

/// When the node being checked runs (see [`Runs`]).
pub fn when_it_runs<'a>(checker: &Checker<'a>) -> Runs<'a> {
    let mut command = None;
    for stmt in checker.enclosing_statements() {
        match stmt {
            Stmt::ClassDef(class) if command.is_none() && is_command_class(checker, class) => {
                command = Some(class.name.as_str());
            }
            Stmt::FunctionDef(def) => {
                let hook = checker.semantic.build_backend
                    && vigil_knowledge::supply_chain::BUILD_BACKEND_HOOKS
                        .contains(&def.name.as_str());
                return match command {
                    Some(name) => Runs::InCommand(name),
                    None if hook => Runs::InHook(def.name.as_str()),
                    None => Runs::Later,
                };
            }
            Stmt::If(branch)
                if is_main_guard(&branch.test) || is_other_command(checker, &branch.test) =>
            {
                return Runs::Later;
            }
            _ => {}
        }
    }
    if checker.semantic.scope(checker.scope()).kind == ScopeKind::Lambda {
        return Runs::Later;
    }
    Runs::AtLoad
}

/// `__name__ == "__main__"` (either way round).
fn is_main_guard(test: &Expr) -> bool {
    let Expr::Compare(compare) = test else {
        return false;
    };
    let sides = std::iter::once(&*compare.left).chain(compare.comparators.iter());
    let mut name = false;
    let mut main = false;
    for side in sides {
        match side {
            Expr::Name(n) if n.id.as_str() == "__name__" => name = true,
            Expr::StringLiteral(s) if s.value.to_str() == "__main__" => main = true,
            _ => {}
        }
    }
    name && main
}

/// A test of the command line for commands pip never runs
/// (`sys.argv[-1] == "publish"`, `"upload" in sys.argv`): the branch
/// runs only when a developer asks for it.
fn is_other_command(checker: &Checker, test: &Expr) -> bool {
    let Expr::Compare(compare) = test else {
        return false;
    };
    let sides: Vec<&Expr> = std::iter::once(&*compare.left)
        .chain(compare.comparators.iter())
        .collect();
    let argv = sides.iter().any(|side| {
        let target = match side {
            Expr::Subscript(subscript) => &*subscript.value,
            other => other,
        };
        checker.resolve(target).as_deref() == Some("sys.argv")
    });
    let words: Vec<String> = sides
        .iter()
        .filter_map(|side| match side {
            Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
            _ => None,
        })
        .collect();
    argv && !words.is_empty()
        && words
            .iter()
            .all(|w| !sc::PIP_RUN_COMMANDS.contains(&w.as_str()))
}

/// Whether a callee takes a path first (opens, reads, lists or builds
/// it).
pub fn is_path_api(qualified: &str) -> bool {
    sc::FILE_OPENERS.contains(&qualified)
        || sc::PATH_WRAPPERS.contains(&qualified)
        || sc::PATH_READERS.contains(&qualified)
        || sc::PATH_JOINERS.contains(&qualified)
}

/// Whether a command only asks version control about the working copy
/// (`git rev-parse HEAD`).
pub fn is_version_query(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    sc::is_version_query(&words)
}

/// Whether a class subclasses a setuptools or distutils command.
pub fn is_command_class(checker: &Checker, class: &ast::StmtClassDef) -> bool {
    class.bases().iter().any(|base| {
        checker
            .semantic
            .resolve_qualified_name(base, ScopeId::MODULE)
            .is_some_and(|q| sc::is_setup_command(&q))
    })
}

/// The value a name read at `expr` was last bound to, with the scope of
/// that binding.
fn bound_value<'a>(
    checker: &Checker<'a>,
    expr: &Expr,
    scope: ScopeId,
) -> Option<(&'a Expr, ScopeId)> {
    let Expr::Name(name) = expr else { return None };
    let binding = checker
        .semantic
        .lookup(name.id.as_str(), scope, name.range.start())?;
    match &binding.kind {
        BindingKind::Assignment { value: Some(value) } => Some((value, binding.scope)),
        _ => None,
    }
}

/// The text of a path expression: literal parts as they are, the home
/// folder as `~`, unknown parts as `?` (`os.path.join(os.path.expanduser
/// ("~"), ".ssh", name)` is `~/.ssh/?`).
pub fn path_text(checker: &Checker, expr: &Expr) -> Option<String> {
    path_in(checker, expr, checker.scope(), 0, &Cell::new(MAX_STEPS))
}

/// [`path_text`] with names read in `scope`.
pub fn path_text_in(checker: &Checker, expr: &Expr, scope: ScopeId) -> Option<String> {
    path_in(checker, expr, scope, 0, &Cell::new(MAX_STEPS))
}

fn path_in(
    checker: &Checker,
    expr: &Expr,
    scope: ScopeId,
    depth: usize,
    budget: &Cell<u32>,
) -> Option<String> {
    if !spend(depth, budget) {
        return None;
    }
    let next = depth + 1;
    let part =
        |e: &Expr| path_in(checker, e, scope, next, budget).unwrap_or_else(|| "?".to_string());
    match expr {
        Expr::StringLiteral(s) => return Some(s.value.to_str().to_string()),
        Expr::Name(_) => {
            if let Some(Const::Str(s)) = checker.value_in(expr, scope) {
                return Some(s.to_string());
            }
            let (value, scope) = bound_value(checker, expr, scope)?;
            return path_in(checker, value, scope, next, budget);
        }
        Expr::FString(f) => {
            return Some(
                f.value
                    .elements()
                    .map(|element| match element {
                        ast::InterpolatedStringElement::Literal(l) => l.value.to_string(),
                        ast::InterpolatedStringElement::Interpolation(i) => part(&i.expression),
                    })
                    .collect(),
            );
        }
        Expr::BinOp(op) if op.op == Operator::Div => {
            return Some(format!("{}/{}", part(&op.left), part(&op.right)));
        }
        Expr::BinOp(op) if op.op == Operator::Add => {
            return Some(format!("{}{}", part(&op.left), part(&op.right)));
        }
        Expr::Subscript(subscript) => {
            let q = checker
                .semantic
                .resolve_qualified_name(&subscript.value, scope)?;
            if q == "os.environ" {
                return folder_variable(checker, &subscript.slice, scope);
            }
            return None;
        }
        _ => {}
    }
    let Expr::Call(call) = expr else { return None };
    let first = call.arguments.args.first();
    if let Some(q) = checker.semantic.resolve_qualified_name(&call.func, scope) {
        let q = q.as_str();
        if sc::HOME_FOLDERS.contains(&q) && first.is_none() {
            return Some("~".to_string());
        }
        if sc::PATH_WRAPPERS.contains(&q) {
            return path_in(checker, first?, scope, next, budget);
        }
        if sc::PATH_JOINERS.contains(&q) {
            let parts: Vec<String> = call.arguments.args.iter().map(part).collect();
            return Some(parts.join("/"));
        }
        if sc::ENV_GETTERS.contains(&q) {
            return folder_variable(checker, first?, scope);
        }
        return None;
    }
    // Methods of a path: `.expanduser()`, `.joinpath(...)`.
    let Expr::Attribute(attribute) = &*call.func else {
        return None;
    };
    match attribute.attr.as_str() {
        "expanduser" | "resolve" | "absolute" => {
            path_in(checker, &attribute.value, scope, next, budget)
        }
        "joinpath" => {
            let mut text = path_in(checker, &attribute.value, scope, next, budget)?;
            for arg in &call.arguments.args {
                text.push('/');
                text.push_str(&part(arg));
            }
            Some(text)
        }
        _ => None,
    }
}

fn folder_variable(checker: &Checker, name: &Expr, scope: ScopeId) -> Option<String> {
    let Some(Const::Str(variable)) = checker.value_in(name, scope) else {
        return None;
    };
    sc::FOLDER_VARIABLES
        .iter()
        .find(|(v, _)| *v == variable.as_ref())
        .map(|(_, path)| (*path).to_string())
}

/// The file a call writes, if it writes one: `open(p, "w")`,
/// `p.write_text(...)`, `shutil.copy(src, p)`.
pub fn written_path<'e>(
    call: &'e ExprCall,
    qualified: Option<&str>,
    checker: &Checker,
) -> Option<&'e Expr> {
    match qualified {
        Some(q) if sc::FILE_OPENERS.contains(&q) => {
            let mode = call.arguments.find_argument_value("mode", 1)?;
            let mode = checker.string(mode)?;
            mode.contains(['w', 'a', 'x', '+'])
                .then(|| call.arguments.find_argument_value("file", 0))
                .flatten()
        }
        Some(q) if sc::FILE_COPIERS.contains(&q) => call.arguments.find_argument_value("dst", 1),
        _ => match &*call.func {
            Expr::Attribute(attribute)
                if sc::PATH_WRITE_METHODS.contains(&attribute.attr.as_str()) =>
            {
                Some(&attribute.value)
            }
            _ => None,
        },
    }
}

/// Whether a path is outside a package's build tree: absolute (but not
/// a temporary folder) or in the home folder.
pub fn is_outside_build_tree(path: &str) -> bool {
    let unix = path.starts_with('/')
        && !path.starts_with("/tmp")
        && !path.starts_with("/dev/null")
        && !path.starts_with("/var/tmp");
    let drive =
        path.len() > 2 && path.as_bytes()[1] == b':' && path.as_bytes()[0].is_ascii_alphabetic();
    unix || drive || path.starts_with('~')
}

/// What a decoded expression was decoded from: `base64` for
/// `base64.b64decode(x).decode()`, also through names bound to such
/// values, `compile`, string conversions and concatenation.
pub fn decoding(checker: &Checker, expr: &Expr) -> Option<&'static str> {
    decoding_in(checker, expr, checker.scope(), 0, &Cell::new(MAX_STEPS))
}

fn decoding_in(
    checker: &Checker,
    expr: &Expr,
    scope: ScopeId,
    depth: usize,
    budget: &Cell<u32>,
) -> Option<&'static str> {
    if !spend(depth, budget) {
        return None;
    }
    let next = depth + 1;
    match expr {
        Expr::Name(_) => {
            let (value, scope) = bound_value(checker, expr, scope)?;
            decoding_in(checker, value, scope, next, budget)
        }
        Expr::BinOp(op) if op.op == Operator::Add => {
            decoding_in(checker, &op.left, scope, next, budget)
                .or_else(|| decoding_in(checker, &op.right, scope, next, budget))
        }
        Expr::Subscript(subscript) => match &*subscript.slice {
            Expr::Slice(slice)
                if slice.lower.is_none()
                    && slice.upper.is_none()
                    && slice.step.as_deref().is_some_and(is_minus_one) =>
            {
                Some("reversed-string")
            }
            _ => None,
        },
        Expr::Call(call) => {
            let first = call.arguments.args.first();
            if let Some(q) = checker.semantic.resolve_qualified_name(&call.func, scope) {
                let q = q.as_str();
                if q == "codecs.decode" {
                    // `codecs.decode(b, "utf-8")` is only text decoding.
                    return match call.arguments.find_argument_value("encoding", 1) {
                        Some(encoding) if is_obfuscating_codec(checker, encoding) => Some("codecs"),
                        _ => decoding_in(checker, first?, scope, next, budget),
                    };
                }
                if let Some(encoding) = sc::decoder(q) {
                    return Some(encoding);
                }
                if matches!(
                    q,
                    "builtins.compile" | "builtins.str" | "builtins.bytes" | "builtins.bytearray"
                ) {
                    return decoding_in(checker, first?, scope, next, budget);
                }
                return None;
            }
            let Expr::Attribute(attribute) = &*call.func else {
                return None;
            };
            match attribute.attr.as_str() {
                "decode" | "encode" => match first {
                    Some(encoding) if is_obfuscating_codec(checker, encoding) => Some("codecs"),
                    _ => decoding_in(checker, &attribute.value, scope, next, budget),
                },
                "join" => first.and_then(|items| joined_from(checker, items, scope)),
                "strip" | "replace" | "format" => {
                    decoding_in(checker, &attribute.value, scope, next, budget)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// `"".join(chr(c) for c in ...)`, `"".join(map(chr, ...))`,
/// `"".join(reversed(s))`.
fn joined_from(checker: &Checker, items: &Expr, scope: ScopeId) -> Option<&'static str> {
    let resolve = |e: &Expr| checker.semantic.resolve_qualified_name(e, scope);
    let calls_chr = |e: &Expr| matches!(e, Expr::Call(c) if resolve(&c.func).as_deref() == Some("builtins.chr"));
    match items {
        Expr::Generator(g) if calls_chr(&g.elt) => Some("chr-built-string"),
        Expr::ListComp(g) if calls_chr(&g.elt) => Some("chr-built-string"),
        Expr::Call(call) => match resolve(&call.func).as_deref() {
            Some("builtins.map") => call
                .arguments
                .args
                .first()
                .filter(|f| resolve(f).as_deref() == Some("builtins.chr"))
                .map(|_| "chr-built-string"),
            Some("builtins.reversed") => Some("reversed-string"),
            _ => None,
        },
        _ => None,
    }
}

fn is_minus_one(expr: &Expr) -> bool {
    matches!(expr, Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub
        && matches!(&*u.operand, Expr::NumberLiteral(n) if matches!(&n.value, ast::Number::Int(i) if i.as_u64() == Some(1))))
}

/// Codecs that hide text rather than decode it (`rot13`, `hex`,
/// `base64`, `zlib`, `bz2`).
fn is_obfuscating_codec(checker: &Checker, encoding: &Expr) -> bool {
    checker.string(encoding).is_some_and(|e| {
        let e = e.to_ascii_lowercase().replace(['-', '_'], "");
        matches!(
            e.as_str(),
            "rot13"
                | "hex"
                | "hexcodec"
                | "base64"
                | "base64codec"
                | "zlib"
                | "zlibcodec"
                | "bz2"
                | "bz2codec"
                | "uu"
        )
    })
}

/// The fetch call whose response `expr` holds: `urlopen(u).read()`,
/// `requests.get(u).text`, also through names, decoders and `compile`.
pub fn fetched(checker: &Checker, expr: &Expr) -> Option<String> {
    fetched_in(checker, expr, checker.scope(), 0, &Cell::new(MAX_STEPS))
}

fn fetched_in(
    checker: &Checker,
    expr: &Expr,
    scope: ScopeId,
    depth: usize,
    budget: &Cell<u32>,
) -> Option<String> {
    if !spend(depth, budget) {
        return None;
    }
    let next = depth + 1;
    match expr {
        Expr::Name(_) => {
            let (value, scope) = bound_value(checker, expr, scope)?;
            fetched_in(checker, value, scope, next, budget)
        }
        Expr::Attribute(attribute) if matches!(attribute.attr.as_str(), "text" | "content") => {
            fetched_in(checker, &attribute.value, scope, next, budget)
        }
        Expr::BinOp(op) if op.op == Operator::Add => {
            fetched_in(checker, &op.left, scope, next, budget)
                .or_else(|| fetched_in(checker, &op.right, scope, next, budget))
        }
        Expr::Call(call) => {
            let first = call.arguments.args.first();
            if let Some(q) = checker.semantic.resolve_qualified_name(&call.func, scope) {
                if sc::NETWORK_FETCH.contains(&q.as_str()) {
                    return Some(q);
                }
                let through = sc::decoder(&q).is_some()
                    || matches!(
                        q.as_str(),
                        "builtins.compile" | "builtins.str" | "builtins.bytes" | "codecs.decode"
                    );
                return if through {
                    fetched_in(checker, first?, scope, next, budget)
                } else {
                    None
                };
            }
            match &*call.func {
                Expr::Attribute(attribute)
                    if matches!(
                        attribute.attr.as_str(),
                        "read" | "decode" | "readall" | "strip"
                    ) =>
                {
                    fetched_in(checker, &attribute.value, scope, next, budget)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a callee reaches the network.
pub fn is_network(qualified: &str) -> bool {
    sc::NETWORK_CONNECT.contains(&qualified)
        || sc::NETWORK_FETCH.contains(&qualified)
        || sc::NETWORK_SEND.contains(&qualified)
}

/// The text of the command a call runs, when vigil can read it: a shell
/// command line, or the words of an argument list joined by spaces
/// (unknown parts as `\u{1}`).
pub fn command_text(checker: &Checker, call: &ExprCall, qualified: &str) -> Option<String> {
    match cmd::command_of(checker, call, qualified)? {
        Command::Shell(expr) => cmd::shell_text(checker, expr),
        Command::Argv(words) => {
            let texts: Vec<String> = words
                .iter()
                .map(|w| cmd::shell_text(checker, w).unwrap_or_else(|| "\u{1}".to_string()))
                .collect();
            texts.iter().any(|t| t != "\u{1}").then(|| texts.join(" "))
        }
        Command::Program(expr) => cmd::shell_text(checker, expr),
    }
}

/// Whether a callee starts a program.
pub fn is_process(qualified: &str) -> bool {
    commands::form_of(qualified).is_some()
}

/// Every callee that starts a program, for call filters.
pub fn process_functions() -> Vec<&'static str> {
    commands::apis().map(|(name, _)| name).collect()
}

/// A call filter's names: the knowledge layer's `lists` and every callee
/// that starts a program, once each.
pub fn with_process_functions(lists: &[&[&'static str]]) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = lists.iter().flat_map(|list| list.iter().copied()).collect();
    names.extend(process_functions());
    names.sort_unstable();
    names.dedup();
    names
}

/// How a started program is shown in a message: its command, shortened
/// (or the callee when the command is not known), or `None` for a
/// version-control query (`git describe`), which builds and imports
/// normally run.
pub fn started_program(
    checker: &Checker,
    call: &ExprCall,
    qualified: &str,
    callee: impl std::fmt::Display,
) -> Option<String> {
    let text = command_text(checker, call, qualified);
    if text.as_deref().is_some_and(is_version_query) {
        return None;
    }
    Some(text.map_or_else(|| callee.to_string(), |text| short(&text)))
}

/// Text for a message: one line, at most 60 characters, a long blob cut.
pub fn short(text: &str) -> String {
    let line: String = text
        .replace('\u{1}', "…")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(59).collect::<String>())
    } else {
        line
    }
}
