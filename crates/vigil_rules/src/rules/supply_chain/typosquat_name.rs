//! A package named one edit away from a popular project (judged from its
//! metadata as the archive or installed distribution is read; the engine
//! reports it under this rule).

use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Flags a package whose name is one typing mistake away from one of
    /// the most downloaded PyPI projects (a letter added, dropped,
    /// changed, or two letters swapped: `reqeusts`, `djang0`, `colourama`)
    /// without being that project. The list of popular names ships with
    /// vigil and carries its date.
    ///
    /// ## Why is this bad?
    /// Typosquatting is the most common way malicious packages reach
    /// developers: a package registered under a misspelling of a popular
    /// one is installed by anyone who mistypes `pip install`, and usually
    /// runs its payload at install or import time. A name one edit away
    /// is also how some real companion projects are named (`torchx`), so
    /// a letter added at the end is reported with low confidence.
    ///
    /// ## Example
    /// ```text
    /// # reqeusts-2.31.0.tar.gz!/reqeusts-2.31.0/PKG-INFO
    /// Name: reqeusts
    /// ```
    ///
    /// ## Use instead
    /// Check the name you meant to install (`pip install requests`), and
    /// pin dependencies with hashes so that a typo cannot slip in later.
    ///
    /// ## References
    /// - CWE-506: Embedded Malicious Code
    /// - CWE-829: Inclusion of Functionality from Untrusted Control Sphere
    pub static RULE = {
        name: "typosquat-name",
        category: Category::SupplyChain,
        cwe: &[506, 829],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Make sure this is the package you meant: compare its name with the popular project's, its author and its release history on the index before installing it.",
    };
}
