use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::code::{IMPORT_BY_NAME, LOAD_BY_NAME_AND_PATH, RUN_BY_PATH};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Lists imports whose module name or file path is computed at run
    /// time: `__import__(name)`, `importlib.import_module(name)`,
    /// `runpy.run_module`/`run_path`, `imp.load_source` and
    /// `importlib.util.spec_from_file_location` (reported in `--audit`
    /// mode).
    ///
    /// ## Why is this bad?
    /// Importing a module runs its top-level code. If the name or path can
    /// be chosen from outside (a request parameter, a configuration file
    /// others can write, a plugin directory that is world-writable), the
    /// caller decides which code runs in this process. Plugin systems do
    /// this on purpose; a reviewer should check where the name comes from.
    ///
    /// ## Example
    /// ```python
    /// handler = importlib.import_module(f"handlers.{request.args['kind']}")
    /// ```
    ///
    /// ## Use instead
    /// Map allowed names to modules explicitly:
    /// ```python
    /// HANDLERS = {"csv": handlers.csv, "json": handlers.json}
    /// handler = HANDLERS[request.args["kind"]]
    /// ```
    ///
    /// ## References
    /// - CWE-94: Improper Control of Generation of Code ('Code Injection')
    /// - CWE-470: Use of Externally-Controlled Input to Select Classes or Code ('Unsafe Reflection')
    pub static RULE = {
        name: "dynamic-module-import",
        category: Category::Injection,
        cwe: &[94, 470],
        severity: Severity::Medium,
        confidence: Confidence::Low,
        bandit: &[],
        ruff: &[],
        help: "Choose modules from a fixed mapping of allowed names; never import a name or path that comes from outside.",
        calls: &[
            CallPattern::new(
                IMPORT_BY_NAME,
                &[Cond::NonLiteral(Arg::at(0, "name"))],
                "`{callee}` imports a module whose name is computed at run time: its top-level code runs here, so check who chooses the name",
            )
            .audit(Severity::Medium),
            CallPattern::new(
                RUN_BY_PATH,
                &[Cond::NonLiteral(Arg::at(0, "path_name"))],
                "`{callee}` runs a Python file whose path is computed at run time: check who chooses the path",
            )
            .audit(Severity::Medium),
            CallPattern::new(
                LOAD_BY_NAME_AND_PATH,
                &[Cond::NonLiteral(Arg::at(1, "path"))],
                "`{callee}` loads Python code from a file whose path is computed at run time: check who chooses the path",
            )
            .audit(Severity::Medium),
        ],
    };
}
