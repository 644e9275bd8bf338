use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::ast::{Expr, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};
use vigil_secrets::SecretRule;

fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    super::literals::check_stmt(checker, stmt, SecretRule::HardcodedPassword, &RULE);
}

fn check_expr(checker: &mut Checker, expr: &Expr) {
    super::literals::check_expr(checker, expr, SecretRule::HardcodedPassword, &RULE);
}

declare_rule! {
    /// ## What it does
    ///
    /// Finds string literals assigned to, passed as or compared with a name that
    /// means "password" (`password`, `passwd`, `pwd`, `pass`, `passphrase`, with
    /// prefixes and suffixes such as `DB_PASSWORD`, `adminPassword`,
    /// `smtp-pass`), in Python code and in configuration files (`.env`, `.ini`,
    /// `.cfg`, `.toml`, `.yaml`, `.json`).
    ///
    /// Names that only mention a password are not taken for one
    /// (`password_field`, `password_hash_algorithm`, `PASSWORD_MIN_LENGTH`,
    /// `bypass`, `passthrough`), and neither are values that cannot be a real
    /// password: empty strings, `None`, placeholders (`changeme`, `<password>`,
    /// `${DB_PASSWORD}`, `xxx`, `***`, `your_password_here`), test and example
    /// values, prompts and labels (`"Enter password: "`, `"password"`), paths and
    /// secret-store references. Short or dictionary-word values are reported with
    /// lower confidence.
    ///
    /// A constant also counts where it reaches a login, whatever it is
    /// called: `WAREHOUSE = "..."` passed as `connect(password=WAREHOUSE)`,
    /// as the password of `smtp.login(user, WAREHOUSE)`, `ftp.login`,
    /// `imap.login`, paramiko's `connect`, LDAP binds, `HTTPBasicAuth` or
    /// `ldap3.Connection`, or in an `auth=(user, password)` pair; the
    /// finding is at the call.
    ///
    /// A password read from the environment with a fallback written in the
    /// code (`os.getenv("DB_PASSWORD", "...")`) is reported at the fallback,
    /// with medium severity: wherever the variable is unset, that is the
    /// password.
    ///
    /// This rule replaces Bandit's B105, B106 and B107 (Ruff S105, S106, S107).
    ///
    /// ## Why is this bad?
    ///
    /// Everyone who can read the code knows the password, and it cannot be changed
    /// without a new release. Passwords shipped in code tend to be reused across
    /// environments, so one leak opens all of them.
    ///
    /// ## Example
    ///
    /// ```python
    /// conn = connect(host="db.internal", user="app", password="Tr0ub4dor&3")
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```python
    /// import os
    ///
    /// conn = connect(host="db.internal", user="app", password=os.environ["DB_PASSWORD"])
    /// ```
    ///
    /// ## References
    ///
    /// - CWE-259: Use of Hard-coded Password
    /// - CWE-798: Use of Hard-coded Credentials
    pub static RULE = {
        name: "hardcoded-password",
        category: Category::Secrets,
        cwe: &[259, 798],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B105", "B106", "B107"],
        ruff: &["S105", "S106", "S107"],
        help: "Read the password at run time from the environment or a secret manager, and change the one that was committed.",
        on_stmt: check_stmt,
        on_expr: check_expr,
        nodes: &[NodeKind::StmtAssign, NodeKind::StmtAnnAssign, NodeKind::StmtFunctionDef, NodeKind::ExprCall, NodeKind::ExprDict, NodeKind::ExprCompare],
    };
}
