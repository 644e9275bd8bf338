use crate::call_pattern::CallPattern;
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Flags `tempfile.mktemp()` and Python 2's `os.tempnam()` and
    /// `os.tmpnam()`, which return the name of a temporary file without
    /// creating it.
    ///
    /// ## Why is this bad?
    /// Between the moment the name is chosen and the moment the program
    /// creates the file, another user of the same temporary directory can
    /// create it first, often as a symbolic link to a file the victim can
    /// write. The program then writes into the attacker's file, or reads
    /// data the attacker planted. The Python documentation has deprecated
    /// `mktemp` for this reason since Python 2.3.
    ///
    /// ## Example
    /// ```python
    /// path = tempfile.mktemp(suffix=".csv")
    /// with open(path, "w") as f:
    ///     f.write(report)
    /// ```
    ///
    /// ## Use instead
    /// Let `tempfile` create the file atomically and hand it over open:
    /// ```python
    /// with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ///     f.write(report)
    /// ```
    ///
    /// ## References
    /// - CWE-377: Insecure Temporary File
    pub static RULE = {
        name: "insecure-temp-file",
        category: Category::Files,
        cwe: &[377],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &["B306"],
        ruff: &["S306"],
        help: "Use `tempfile.NamedTemporaryFile()`, `tempfile.mkstemp()` or `tempfile.mkdtemp()`, which create the file or directory atomically.",
        calls: &[
            CallPattern::new(
                &["tempfile.mktemp", "os.tempnam", "os.tmpnam"],
                &[],
                "`{callee}` returns a temporary file name without creating the file: another user can create it first, for example as a link to a file of yours",
            ),
        ],
    };
}
