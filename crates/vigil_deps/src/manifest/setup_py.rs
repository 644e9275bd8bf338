//! setuptools' `setup.py`, read statically: it is parsed, never run.
//!
//! The literal arguments of every `setup(...)` call (also
//! `setuptools.setup(...)`, `distutils.core.setup(...)`, inside `if
//! __name__ == "__main__":` or a function) are read: `install_requires`,
//! `extras_require` (one group per extra), `setup_requires` and
//! `tests_require`. A value may be a list, tuple or set of strings, a
//! string of lines, a `+` of those, a dict (or `dict(...)`) for
//! `extras_require`, or a module-level name bound to one
//! (`REQUIRES = [...]`, extended by `+=`, `.append(...)`, `.extend(...)`).
//! Anything else (a call, a comprehension, a file read) is noted as not
//! checked and skipped.

use super::pep508::{self, Location};
use super::source::SourceFile;
use super::{ManifestKind, Manifests};
use std::collections::HashMap;
use std::path::Path;
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr, Operator, Stmt};

/// Largest `setup.py` parsed.
const MAX_SETUP_BYTES: u64 = 4 * 1024 * 1024;
/// Deepest statement nesting searched for `setup(...)`, and deepest chain
/// of names or `+` followed when evaluating a value.
const MAX_DEPTH: usize = 48;
/// Most requirement strings read from one value.
const MAX_ITEMS: usize = 10_000;
/// Expressions followed per file: names reused many times
/// (`B = A + A; C = B + B; ...`) would otherwise take exponential time.
const MAX_STEPS: usize = 100_000;

/// `setup()` keywords holding requirement lists, and their group.
const LIST_KEYWORDS: [(&str, Option<&str>); 3] = [
    ("install_requires", None),
    ("setup_requires", Some("setup_requires")),
    ("tests_require", Some("tests_require")),
];

/// Parses a `setup.py` into `out`.
pub fn parse(path: &Path, out: &mut Manifests) {
    let display = super::display_path(path);
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_SETUP_BYTES) {
        out.files.push(display.clone());
        return out.file_problem(
            &display,
            format!(
                "setup.py larger than {} MiB, not parsed",
                MAX_SETUP_BYTES >> 20
            ),
        );
    }
    let Some(file) = out.read_file(path) else {
        return;
    };
    parse_source(&file, out);
}

/// Reads the `setup()` calls of a source already in memory.
fn parse_source(file: &SourceFile, out: &mut Manifests) {
    let parsed = match vigil_python::parse_module(&file.text, ast::PySourceType::Python) {
        Ok(parsed) => parsed,
        Err(depth) => {
            return out.file_problem(
                &file.display,
                format!("setup.py nests {depth} levels deep: not read"),
            );
        }
    };
    if let Some(error) = parsed.syntax_errors.first() {
        let line = file.line_of(usize::from(error.range.start()));
        out.not_checked
            .push(NotCheckedAt::new(file, line).note(format!(
                "setup.py has a syntax error ({}): read as far as it parses",
                super::source::shorten(&error.message)
            )));
    }
    let body = &parsed.module.body;
    let mut reader = Reader {
        file,
        bindings: HashMap::new(),
        calls: Vec::new(),
        steps_left: std::cell::Cell::new(MAX_STEPS),
    };
    reader.bind(body, 0);
    reader.find_calls(body, 0);
    if reader.calls.is_empty() {
        if file.text.contains("install_requires") {
            out.not_checked.push(NotCheckedAt::new(file, 1).note(
                "install_requires is mentioned but no literal setup(...) call was found: not read",
            ));
        }
        return;
    }
    for call in &reader.calls {
        reader.call(call, out);
    }
}

/// A not-checked note at a line.
struct NotCheckedAt<'f> {
    file: &'f SourceFile,
    line: u32,
}

impl<'f> NotCheckedAt<'f> {
    fn new(file: &'f SourceFile, line: u32) -> Self {
        Self { file, line }
    }

    fn location(&self, groups: Vec<String>) -> Location<'f> {
        Location {
            file: &self.file.display,
            line: self.line,
            source: ManifestKind::SetupPy,
            groups,
            text: self.file.line_text(self.line),
        }
    }

    fn note(&self, reason: impl Into<String>) -> super::NotChecked {
        let location = self.location(Vec::new());
        location.not_checked(None, &location.text, reason)
    }
}

/// One requirement string and the 1-based line where it is written.
type Item = (u32, String);

struct Reader<'a> {
    file: &'a SourceFile,
    /// Module-level names: every expression assigned or added to them, in
    /// order (`None`: rebound to something that is not a list operation).
    bindings: HashMap<String, Vec<BindingPart<'a>>>,
    calls: Vec<&'a ast::ExprCall>,
    /// Expressions that may still be followed (see [`MAX_STEPS`]).
    steps_left: std::cell::Cell<usize>,
}

#[derive(Clone, Copy)]
enum BindingPart<'a> {
    /// `NAME = expr` (replaces what came before).
    Assign(&'a Expr),
    /// `NAME += expr`, `NAME.extend(expr)`.
    Extend(&'a Expr),
    /// `NAME.append(expr)`.
    Append(&'a Expr),
    /// Something vigil cannot follow (`NAME = f()` is an `Assign`, but a
    /// tuple unpacking or an `-=` lands here).
    Opaque,
}

/// The blocks of an `if`, `try` or `with` statement (code that runs in the
/// enclosing scope), in source order.
fn block_bodies(stmt: &Stmt) -> Vec<&[Stmt]> {
    match stmt {
        Stmt::If(s) => std::iter::once(&s.body[..])
            .chain(s.elif_else_clauses.iter().map(|c| &c.body[..]))
            .collect(),
        Stmt::Try(s) => std::iter::once(&s.body[..])
            .chain(s.handlers.iter().map(|handler| {
                let ast::ExceptHandler::ExceptHandler(h) = handler;
                &h.body[..]
            }))
            .chain([&s.orelse[..], &s.finalbody[..]])
            .collect(),
        Stmt::With(s) => vec![&s.body[..]],
        _ => Vec::new(),
    }
}

impl<'a> Reader<'a> {
    /// Records module-level bindings (also inside `if`/`try`/`with`
    /// blocks, not inside functions or classes).
    fn bind(&mut self, body: &'a [Stmt], depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for stmt in body {
            match stmt {
                Stmt::Assign(assign) => {
                    for target in &assign.targets {
                        match target {
                            Expr::Name(name) => {
                                self.push(&name.id, BindingPart::Assign(&assign.value))
                            }
                            Expr::Tuple(t) => self.opaque_names(&t.elts),
                            Expr::List(l) => self.opaque_names(&l.elts),
                            _ => {}
                        }
                    }
                }
                Stmt::AnnAssign(assign) => {
                    if let (Expr::Name(name), Some(value)) = (&*assign.target, &assign.value) {
                        self.push(&name.id, BindingPart::Assign(value));
                    }
                }
                Stmt::AugAssign(assign) => {
                    if let Expr::Name(name) = &*assign.target {
                        let part = if assign.op == Operator::Add {
                            BindingPart::Extend(&assign.value)
                        } else {
                            BindingPart::Opaque
                        };
                        self.push(&name.id, part);
                    }
                }
                Stmt::Expr(expr) => {
                    if let Expr::Call(call) = &*expr.value
                        && let Expr::Attribute(attribute) = &*call.func
                        && let Expr::Name(name) = &*attribute.value
                        && self.bindings.contains_key(name.id.as_str())
                    {
                        let arg = match &call.arguments.args[..] {
                            [arg] if call.arguments.keywords.is_empty() => Some(arg),
                            _ => None,
                        };
                        let part = match (attribute.attr.as_str(), arg) {
                            ("append", Some(arg)) => BindingPart::Append(arg),
                            ("extend", Some(arg)) => BindingPart::Extend(arg),
                            // Reading methods leave the list as it is.
                            ("copy" | "count" | "index", _) => continue,
                            _ => BindingPart::Opaque,
                        };
                        self.push(&name.id, part);
                    }
                }
                _ => {
                    for block in block_bodies(stmt) {
                        self.bind(block, depth + 1);
                    }
                }
            }
        }
    }

    fn push(&mut self, name: &str, part: BindingPart<'a>) {
        let parts = self.bindings.entry(name.to_owned()).or_default();
        if matches!(part, BindingPart::Assign(_)) {
            parts.clear();
        }
        parts.push(part);
    }

    fn opaque_names(&mut self, targets: &[Expr]) {
        for target in targets {
            if let Expr::Name(name) = target {
                self.push(&name.id, BindingPart::Opaque);
            }
        }
    }

    /// Finds `setup(...)` calls in statements, at any depth.
    fn find_calls(&mut self, body: &'a [Stmt], depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for stmt in body {
            let value = match stmt {
                Stmt::Expr(s) => Some(&*s.value),
                Stmt::Assign(s) => Some(&*s.value),
                Stmt::Return(s) => s.value.as_deref(),
                _ => None,
            };
            if let Some(Expr::Call(call)) = value
                && is_setup(&call.func)
            {
                self.calls.push(call);
            }
            if let Stmt::FunctionDef(s) = stmt {
                self.find_calls(&s.body, depth + 1);
            }
            for block in block_bodies(stmt) {
                self.find_calls(block, depth + 1);
            }
        }
    }

    fn line(&self, offset: usize) -> u32 {
        self.file.line_of(offset)
    }

    /// Reads the keywords of one `setup(...)` call.
    fn call(&self, call: &'a ast::ExprCall, out: &mut Manifests) {
        let mut seen = false;
        for keyword in &call.arguments.keywords {
            let at = NotCheckedAt::new(self.file, self.line(usize::from(keyword.start())));
            let Some(arg) = &keyword.arg else {
                continue;
            };
            let key = arg.as_str();
            if let Some((_, group)) = LIST_KEYWORDS.iter().find(|(k, _)| *k == key) {
                seen |= key == "install_requires";
                let groups: Vec<String> = group.iter().map(|g| (*g).to_owned()).collect();
                match self.list(&keyword.value, 0) {
                    Ok(items) => self.requirements(&items, &groups, out),
                    Err(why) => out
                        .not_checked
                        .push(at.note(format!("{key} is not a literal ({why}): not read"))),
                }
            } else if key == "extras_require" {
                match self.extras(&keyword.value, 0) {
                    Ok(extras) => {
                        for (extra, items) in extras {
                            self.requirements(&items, &[extra], out);
                        }
                    }
                    Err(why) => out.not_checked.push(
                        at.note(format!("extras_require is not a literal ({why}): not read")),
                    ),
                }
            }
        }
        if !seen && let Some(keyword) = call.arguments.keywords.iter().find(|k| k.arg.is_none()) {
            let at = NotCheckedAt::new(self.file, self.line(usize::from(keyword.start())));
            out.not_checked.push(at.note(
                "setup() receives **keyword arguments: requirements passed through them are not read",
            ));
        }
    }

    fn requirements(&self, items: &[Item], groups: &[String], out: &mut Manifests) {
        for (line, text) in items {
            let text = text.trim();
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            let line = *line;
            let location = Location {
                file: &self.file.display,
                line,
                source: ManifestKind::SetupPy,
                groups: groups.to_vec(),
                text: self.file.line_text(line),
            };
            match pep508::parse(text, &location) {
                Ok(dependency) => out.dependencies.push(dependency),
                Err(not_checked) => out.not_checked.push(not_checked),
            }
        }
    }

    /// The requirement strings of a list-valued expression.
    fn list(&self, expr: &'a Expr, depth: usize) -> Result<Vec<Item>, String> {
        self.step(depth)?;
        let mut items = Vec::new();
        match expr {
            Expr::List(ast::ExprList { elts, .. })
            | Expr::Tuple(ast::ExprTuple { elts, .. })
            | Expr::Set(ast::ExprSet { elts, .. }) => {
                for elt in elts {
                    match elt {
                        Expr::StringLiteral(s) => {
                            items.push((self.at(s), s.value.to_str().to_owned()))
                        }
                        Expr::Starred(s) => items.extend(self.list(&s.value, depth + 1)?),
                        other => return Err(format!("an element is {}", describe(other))),
                    }
                }
            }
            Expr::StringLiteral(s) => {
                // A string of requirements, one per line.
                let first = self.at(s);
                for (index, line) in s.value.to_str().lines().enumerate() {
                    let at = first.saturating_add(u32::try_from(index).unwrap_or(u32::MAX));
                    items.push((at, line.to_owned()));
                }
            }
            Expr::BinOp(b) if b.op == Operator::Add => {
                items = self.list(&b.left, depth + 1)?;
                items.extend(self.list(&b.right, depth + 1)?);
            }
            Expr::Name(name) => {
                let parts = self.binding(&name.id)?;
                for part in parts {
                    match part {
                        BindingPart::Assign(e) => items = self.list(e, depth + 1)?,
                        BindingPart::Extend(e) => items.extend(self.list(e, depth + 1)?),
                        BindingPart::Append(Expr::StringLiteral(s)) => {
                            items.push((self.at(s), s.value.to_str().to_owned()))
                        }
                        BindingPart::Append(other) => {
                            return Err(format!("`{}` is appended {}", name.id, describe(other)));
                        }
                        BindingPart::Opaque => {
                            return Err(format!("`{}` is changed in a way not followed", name.id));
                        }
                    }
                }
            }
            other => return Err(describe(other)),
        }
        if items.len() > MAX_ITEMS {
            return Err(format!("more than {MAX_ITEMS} entries"));
        }
        Ok(items)
    }

    /// The extras of an `extras_require` expression.
    fn extras(&self, expr: &'a Expr, depth: usize) -> Result<Vec<(String, Vec<Item>)>, String> {
        self.step(depth)?;
        let mut extras = Vec::new();
        match expr {
            Expr::Dict(dict) => {
                for item in &dict.items {
                    match &item.key {
                        Some(Expr::StringLiteral(key)) => {
                            let items = self
                                .list(&item.value, depth + 1)
                                .map_err(|why| format!("extra {:?}: {why}", key.value.to_str()))?;
                            extras.push((key.value.to_str().to_owned(), items));
                        }
                        Some(other) => return Err(format!("a key is {}", describe(other))),
                        None => extras.extend(self.extras(&item.value, depth + 1)?),
                    }
                }
            }
            Expr::Call(call)
                if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "dict")
                    && call.arguments.args.is_empty() =>
            {
                for keyword in &call.arguments.keywords {
                    match &keyword.arg {
                        Some(extra) => {
                            let items = self
                                .list(&keyword.value, depth + 1)
                                .map_err(|why| format!("extra {:?}: {why}", extra.as_str()))?;
                            extras.push((extra.as_str().to_owned(), items));
                        }
                        None => extras.extend(self.extras(&keyword.value, depth + 1)?),
                    }
                }
            }
            Expr::Name(name) => match self.binding(&name.id)? {
                [BindingPart::Assign(e)] => extras = self.extras(e, depth + 1)?,
                _ => return Err(format!("`{}` is changed in a way not followed", name.id)),
            },
            other => return Err(describe(other)),
        }
        Ok(extras)
    }

    /// Counts one expression followed at `depth`; an error past the limits.
    fn step(&self, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err("nested too deeply".to_owned());
        }
        let left = self.steps_left.get();
        if left == 0 {
            return Err(format!("more than {MAX_STEPS} expressions to follow"));
        }
        self.steps_left.set(left - 1);
        Ok(())
    }

    fn binding(&self, name: &str) -> Result<&[BindingPart<'a>], String> {
        self.bindings
            .get(name)
            .map(Vec::as_slice)
            .filter(|parts| !parts.is_empty())
            .ok_or_else(|| format!("`{name}` is not bound at module level"))
    }

    /// The line where a node starts.
    fn at(&self, node: &impl Ranged) -> u32 {
        self.line(usize::from(node.start()))
    }
}

/// Whether a called expression is `setup`, `setuptools.setup`, ...
fn is_setup(func: &Expr) -> bool {
    match func {
        Expr::Name(name) => name.id.as_str() == "setup",
        Expr::Attribute(attribute) => {
            attribute.attr.as_str() == "setup"
                && matches!(&*attribute.value, Expr::Name(_) | Expr::Attribute(_))
        }
        _ => false,
    }
}

/// What a non-literal expression is, for notes.
fn describe(expr: &Expr) -> String {
    let what = match expr {
        Expr::Call(call) => {
            return match &*call.func {
                Expr::Name(n) => format!("a call to `{}()`", n.id),
                Expr::Attribute(a) => format!("a call to `.{}()`", a.attr),
                _ => "a call".to_owned(),
            };
        }
        Expr::Name(n) => return format!("the name `{}`", n.id),
        Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
            "a comprehension"
        }
        Expr::FString(_) => "an f-string",
        Expr::BytesLiteral(_) => "a bytes literal",
        Expr::NumberLiteral(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => "not a string",
        Expr::Attribute(_) => "an attribute",
        Expr::Subscript(_) => "a subscript",
        Expr::If(_) => "a conditional expression",
        Expr::BinOp(_) => "an operation other than +",
        Expr::Dict(_) => "a dict",
        _ => "an expression",
    };
    what.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> Manifests {
        let file = SourceFile::new("setup.py".into(), source);
        let mut out = Manifests::default();
        parse_source(&file, &mut out);
        out
    }

    fn pairs(m: &Manifests) -> Vec<(String, String, u32, Vec<String>)> {
        m.dependencies
            .iter()
            .map(|d| {
                (
                    d.name.clone(),
                    d.requirement.describe(),
                    d.line,
                    d.groups.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn names_append_extend_and_strings() {
        let m = read(
            "import setuptools\nBASE = ['a==1']\nBASE += ['b>=2']\nBASE.append('c')\nEXTRA = \"\"\"\nd==4\ne\n\"\"\"\nif True:\n    setuptools.setup(install_requires=BASE + EXTRA.split() if False else BASE, tests_require=EXTRA)\n",
        );
        // install_requires is a conditional expression: noted, skipped.
        assert_eq!(m.not_checked.len(), 1, "{:#?}", m.not_checked);
        assert!(m.not_checked[0].reason.contains("conditional expression"));
        assert_eq!(
            pairs(&m),
            [
                ("d".into(), "==4".into(), 6, vec!["tests_require".into()]),
                ("e".into(), "*".into(), 7, vec!["tests_require".into()]),
            ]
        );
        let m = read(
            "from setuptools import setup\nBASE = ['a==1']\nBASE += ['b>=2']\nBASE.append('c')\ndef main():\n    setup(install_requires=[*BASE, 'z'], extras_require=dict(x=['y==1'], **{'w': 'v<2'}))\n",
        );
        assert!(m.not_checked.is_empty(), "{:#?}", m.not_checked);
        let names: Vec<(String, u32, Vec<String>)> = pairs(&m)
            .into_iter()
            .map(|(n, _, l, g)| (n, l, g))
            .collect();
        assert_eq!(
            names,
            [
                ("a".into(), 2, vec![]),
                ("b".into(), 3, vec![]),
                ("c".into(), 4, vec![]),
                ("z".into(), 6, vec![]),
                ("y".into(), 6, vec!["x".into()]),
                ("v".into(), 6, vec!["w".into()]),
            ]
        );
    }

    #[test]
    fn non_literals_are_notes() {
        let m = read(
            "from setuptools import setup\nreqs = open('r.txt').read().splitlines()\nsetup(\n    install_requires=reqs,\n    extras_require={k: [] for k in 'ab'},\n    setup_requires=unknown,\n)\n",
        );
        assert!(m.dependencies.is_empty());
        let reasons: Vec<(u32, &str)> = m
            .not_checked
            .iter()
            .map(|n| (n.line, n.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 3, "{reasons:#?}");
        assert_eq!(reasons[0].0, 4);
        assert!(
            reasons[0].1.contains("a call to `.splitlines()`"),
            "{reasons:?}"
        );
        assert!(reasons[1].1.contains("comprehension"));
        assert!(reasons[2].1.contains("`unknown` is not bound"));
        let m = read("from setuptools import setup\nsetup(**kwargs)\n");
        assert!(m.not_checked[0].reason.contains("**keyword"));
        let m = read("install_requires = ['x']\n");
        assert!(m.not_checked[0].reason.contains("no literal setup"));
    }

    #[test]
    fn hostile_sources_do_not_panic() {
        let cycle = read("A = B\nB = A\nsetup(install_requires=A)\n");
        assert!(cycle.not_checked[0].reason.contains("nested too deeply"));
        let deep = format!(
            "setup(install_requires={}[]{})",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        assert!(!read(&deep).errors.is_empty());
        let broken = read("setup(install_requires=['a==1', 'b==2'\n");
        assert_eq!(broken.dependencies.len(), 2);
        assert!(broken.not_checked[0].reason.contains("syntax error"));
        let long = format!(
            "setup(install_requires={}'x'{})",
            "[".repeat(40),
            "]".repeat(40)
        );
        assert!(read(&long).dependencies.is_empty());
        // Names reused many times stop at the step budget, not after 2^23
        // expressions per requirement list.
        let mut doubling = String::from("A0 = []\n");
        for i in 1..24 {
            doubling.push_str(&format!("A{i} = A{} + A{}\n", i - 1, i - 1));
        }
        let keys: String = (0..200).map(|k| format!("'e{k}': A23, ")).collect();
        doubling.push_str(&format!(
            "setup(install_requires=A23, extras_require={{{keys}}})\n"
        ));
        let reused = read(&doubling);
        assert!(
            reused
                .not_checked
                .iter()
                .any(|n| n.reason.contains("expressions to follow")),
            "{:?}",
            reused
                .not_checked
                .iter()
                .map(|n| &n.reason)
                .collect::<Vec<_>>()
        );
    }
}
