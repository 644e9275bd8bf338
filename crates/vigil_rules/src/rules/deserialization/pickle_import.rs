use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::in_module;
use crate::rule::Category;
use vigil_python::ast::{NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// Modules built on pickle, whose loading can run code.
const MODULES: &[&str] = &[
    "pickle",
    "cPickle",
    "_pickle",
    "dill",
    "shelve",
    "cloudpickle",
    "jsonpickle",
];

fn check(checker: &mut Checker, stmt: &Stmt) {
    let paths = checker.imported_paths(stmt);
    let found = paths
        .iter()
        .find(|(path, _)| MODULES.iter().any(|m| in_module(path, m)));
    if let Some((path, range)) = found {
        let message = format!(
            "`{path}` is imported: loading pickled data runs code, so check that this module only loads bytes it wrote itself or verified"
        );
        checker.report(&RULE, *range, message).audit_only();
    }
}

declare_rule! {
    /// ## What it does
    /// Lists imports of `pickle` and of the modules built on it (`cPickle`,
    /// `dill`, `shelve`, `cloudpickle`, `jsonpickle`), reported in
    /// `--audit` mode.
    ///
    /// ## Why is this bad?
    /// Nothing, by itself: dumping data is harmless. But a module that can
    /// unpickle is one where a file, cache entry or message written by
    /// someone else may end up loaded, and loading a pickle runs whatever
    /// code its author chose. The import tells a reviewer where to look.
    ///
    /// ## Example
    /// ```python
    /// import pickle
    /// ```
    ///
    /// ## Use instead
    /// Store data in a format that cannot carry code:
    /// ```python
    /// import json
    /// ```
    ///
    /// ## References
    /// - CWE-502: Deserialization of Untrusted Data
    pub static RULE = {
        name: "pickle-import",
        category: Category::Deserialization,
        cwe: &[502],
        severity: Severity::Low,
        confidence: Confidence::High,
        bandit: &["B403"],
        ruff: &["S403"],
        help: "Prefer JSON or another data-only format; load pickles only from storage nobody else can write, or after checking an HMAC.",
        on_stmt: check,
        nodes: &[NodeKind::StmtImport, NodeKind::StmtImportFrom],
    };
}
