//! Compiled code in a wheel that claims to be pure Python (found by the
//! archive reader, which knows each member's first bytes; the engine
//! reports it under this rule).

use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Flags native executables and libraries (ELF, Windows PE, Mach-O,
    /// whatever their names, and files named `.so`, `.pyd`, `.dll`,
    /// `.dylib`, `.exe`) inside a wheel whose tags say it is pure Python
    /// (`py3-none-any`). The Windows launchers that setuptools and distlib
    /// ship as templates for commands are known and not reported.
    ///
    /// ## Why is this bad?
    /// A pure-Python wheel has nothing to compile, so a binary in it was
    /// put there on purpose and comes with no source to review: it is the
    /// usual way a malicious package hides its payload (run with
    /// `subprocess`, or loaded with `ctypes`) from reviewers and from
    /// scanners that read only Python. The pure tag also makes the wheel
    /// install on every platform, binary included.
    ///
    /// ## Example
    /// ```text
    /// # acme_utils-1.0-py3-none-any.whl
    /// acme_utils/__init__.py
    /// acme_utils/data/update.bin   <- an ELF executable
    /// ```
    ///
    /// ## Use instead
    /// Build compiled code from source in a platform wheel whose tags say
    /// so (`cp312-cp312-manylinux_2_17_x86_64`), with its sources in the
    /// sdist.
    ///
    /// ## References
    /// - CWE-506: Embedded Malicious Code
    /// - CWE-912: Hidden Functionality
    pub static RULE = {
        name: "compiled-code-in-pure-wheel",
        category: Category::SupplyChain,
        cwe: &[506, 912],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Find out what the binary is and which code of the package runs or loads it; do not install the package until its source and its reason to ship compiled code are known.",
    };
}
