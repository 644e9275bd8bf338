use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

fn is_pycrypto(module: &str) -> bool {
    module == "Crypto" || module.starts_with("Crypto.")
}

fn check(checker: &mut Checker, stmt: &Stmt) {
    match stmt {
        Stmt::Import(import) => {
            for alias in &import.names {
                if is_pycrypto(alias.name.as_str()) {
                    report(checker, alias.range(), alias.name.as_str());
                }
            }
        }
        Stmt::ImportFrom(import) if import.level == 0 => {
            if let Some(module) = &import.module
                && is_pycrypto(module.as_str())
            {
                report(checker, stmt.range(), module.as_str());
            }
        }
        _ => {}
    }
}

fn report(checker: &mut Checker, range: vigil_python::TextRange, module: &str) {
    let message = format!(
        "`{module}` is the namespace of PyCrypto, unmaintained since 2013 and with known vulnerabilities; check that the project installs PyCryptodome (which reuses it) rather than PyCrypto"
    );
    checker.report(&RULE, range, message).audit_only();
}

declare_rule! {
    /// ## What it does
    /// In audit mode, lists imports from the `Crypto` package. It belongs to
    /// PyCrypto, which is unmaintained, and also to PyCryptodome when
    /// installed as its drop-in replacement (`pycryptodome`, not
    /// `pycryptodomex`): the review should check which one the project pins.
    ///
    /// ## Why is this bad?
    /// PyCrypto's last release dates from 2013. It has known memory-safety
    /// bugs (CVE-2013-7459, a heap overflow in `AES.new` with a long IV) and
    /// no fixes will come. Code importing `Crypto` may be running it.
    ///
    /// ## Example
    /// ```python
    /// from Crypto.Cipher import AES
    /// ```
    ///
    /// ## Use instead
    /// Depend on `cryptography`, or on `pycryptodomex` and import from its
    /// own namespace:
    /// ```python
    /// from Cryptodome.Cipher import AES
    /// ```
    ///
    /// ## References
    /// - CWE-1104: Use of Unmaintained Third Party Components
    /// - CVE-2013-7459
    pub static RULE = {
        name: "pycrypto-import",
        category: Category::Cryptography,
        cwe: &[1104],
        severity: Severity::Low,
        confidence: Confidence::Medium,
        bandit: &["B413"],
        ruff: &["S413"],
        help: "Depend on `cryptography` or `pycryptodomex` (namespace `Cryptodome`) instead of PyCrypto.",
        on_stmt: check,
        nodes: &[NodeKind::StmtImport, NodeKind::StmtImportFrom],
    };
}
