use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::in_module;
use crate::rule::Category;
use vigil_python::ast::{NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// Modules whose only purpose is starting other programs.
const MODULES: &[&str] = &[
    "subprocess",
    "asyncio.create_subprocess_exec",
    "asyncio.create_subprocess_shell",
    "asyncio.subprocess",
    "popen2",
    "commands",
];

fn check(checker: &mut Checker, stmt: &Stmt) {
    let paths = checker.imported_paths(stmt);
    let found = paths
        .iter()
        .find(|(path, _)| MODULES.iter().any(|m| in_module(path, m)));
    if let Some((path, range)) = found {
        let message = format!(
            "`{path}` is imported: this module starts other programs, so review every command it runs and where its arguments come from"
        );
        checker.report(&RULE, *range, message).audit_only();
    }
}

declare_rule! {
    /// ## What it does
    /// Lists imports of `subprocess` and of the other modules that start
    /// programs (`asyncio.subprocess`, Python 2's `popen2` and `commands`),
    /// reported in `--audit` mode.
    ///
    /// ## Why is this bad?
    /// Nothing, by itself. It tells a reviewer where to look: every module
    /// that can start programs is a place where command injection, partial
    /// executable paths or option injection can hide.
    ///
    /// ## Example
    /// ```python
    /// import subprocess
    /// ```
    ///
    /// ## Use instead
    /// Keep program execution in few, well-reviewed modules, and call
    /// programs with absolute paths and argument lists:
    /// ```python
    /// subprocess.run(["/usr/bin/git", "status"], check=True)
    /// ```
    ///
    /// ## References
    /// - CWE-78: Improper Neutralization of Special Elements used in an OS Command
    pub static RULE = {
        name: "subprocess-import",
        category: Category::Injection,
        cwe: &[78],
        severity: Severity::Low,
        confidence: Confidence::High,
        bandit: &["B404"],
        ruff: &["S404"],
        help: "Review every command this module runs: absolute program paths, argument lists, no shell with data.",
        on_stmt: check,
        nodes: &[NodeKind::StmtImport, NodeKind::StmtImportFrom],
    };
}
