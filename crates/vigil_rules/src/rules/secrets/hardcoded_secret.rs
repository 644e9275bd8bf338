use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::ast::{Expr, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};
use vigil_secrets::SecretRule;

fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    super::literals::check_stmt(checker, stmt, SecretRule::HardcodedSecret, &RULE);
}

fn check_expr(checker: &mut Checker, expr: &Expr) {
    super::literals::check_expr(checker, expr, SecretRule::HardcodedSecret, &RULE);
}

declare_rule! {
    /// ## What it does
    ///
    /// Finds high-entropy string literals assigned to a name that means a token, an
    /// API key, a client secret, a signing or encryption key or a credential
    /// (`api_key`, `apiKey`, `ACCESS_TOKEN`, `client_secret`, `SECRET_KEY`,
    /// `signing_key`, `githubToken`, ...), in Python code and in configuration
    /// files, when the value is not of a known token format (those are reported as
    /// `hardcoded-token`).
    ///
    /// Only values that look random are reported: long enough, varied characters,
    /// high Shannon entropy. Names that only mention a token (`token_url`,
    /// `TOKEN_ENDPOINT`, `max_tokens`, `secret_name`, `access_key_id`) and values
    /// that are placeholders, UUIDs, URLs, paths or secret-store references are not
    /// reported. Keys for signing and encryption (`SECRET_KEY`, `signing_key`,
    /// `encryption_key`, `jwt_secret`) also carry CWE-321.
    ///
    /// ## Why is this bad?
    ///
    /// The value grants whatever the token or key grants to everyone who reads the
    /// code; a hard-coded signing key lets anyone forge sessions, cookies and
    /// tokens that the application will trust.
    ///
    /// ## Example
    ///
    /// ```python
    /// SECRET_KEY = "c2b4f1e0d9a8...a long random string..."
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```python
    /// import os
    ///
    /// SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    /// ```
    ///
    /// ## References
    ///
    /// - CWE-798: Use of Hard-coded Credentials
    /// - CWE-321: Use of Hard-coded Cryptographic Key
    pub static RULE = {
        name: "hardcoded-secret",
        category: Category::Secrets,
        cwe: &[798, 321],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Read the secret at run time from the environment or a secret manager, and rotate the one that was committed.",
        on_stmt: check_stmt,
        on_expr: check_expr,
        nodes: &[NodeKind::StmtAssign, NodeKind::StmtAnnAssign, NodeKind::StmtFunctionDef, NodeKind::ExprCall, NodeKind::ExprDict, NodeKind::ExprCompare],
    };
}
