//! A package whose console script takes the name of a common command
//! (found in its `entry_points.txt` as the archive is read; the engine
//! reports it under this rule).

use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Flags a package that installs a command named like an interpreter,
    /// a package manager, a shell, a core utility or a credential tool
    /// (`python`, `pip`, `sudo`, `ls`, `git`, `ssh`, `aws`, ...) when it
    /// is not the package that owns that name.
    ///
    /// ## Why is this bad?
    /// Installing a package writes each of its `console_scripts` into the
    /// environment's `bin` folder, which comes first on `PATH` while the
    /// environment is active. A script named `sudo` or `git` then runs in
    /// place of the real program each time the user types it, and sees
    /// what they type: passwords, tokens, the commands themselves.
    ///
    /// ## Example
    /// ```text
    /// # innocent_utils-1.0.dist-info/entry_points.txt
    /// [console_scripts]
    /// sudo = innocent_utils.cli:main
    /// ```
    ///
    /// ## Use instead
    /// Name a package's commands after the package
    /// (`innocent-utils = innocent_utils.cli:main`); do not install a
    /// package that takes over a system command.
    ///
    /// ## References
    /// - CWE-427: Uncontrolled Search Path Element
    /// - CWE-506: Embedded Malicious Code
    pub static RULE = {
        name: "console-script-shadowing",
        category: Category::SupplyChain,
        cwe: &[427, 506],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Do not install this package unless you know why it replaces that command; a package's commands should carry its own name.",
    };
}
