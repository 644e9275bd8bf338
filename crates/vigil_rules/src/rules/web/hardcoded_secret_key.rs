use super::context::{imports, in_development_class, is_development_module};
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{env_fallback, method_name, name_words, target_name};
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// Whether a setting or attribute holds the framework's signing key
/// (`SECRET_KEY`, `secret_key`, `JWT_SECRET_KEY`, `WTF_CSRF_SECRET_KEY`).
fn is_secret_key_name(name: &str) -> bool {
    const KEY: &str = "SECRET_KEY";
    let Some(at) = name.len().checked_sub(KEY.len()) else {
        return false;
    };
    name.is_char_boundary(at)
        && name[at..].eq_ignore_ascii_case(KEY)
        && (at == 0 || name.as_bytes()[at - 1] == b'_')
}

fn judge(checker: &mut Checker, name: &str, value: &Expr) {
    // Django's own defaults module is not a project's configuration.
    if !is_secret_key_name(name) || checker.semantic.module_name.ends_with("global_settings") {
        return;
    }
    if let Some(fallback) = env_fallback(checker, value) {
        let message = format!(
            "`{name}` falls back to a key written in the code when the environment variable is unset: a deployment that forgets it signs with a public key"
        );
        checker
            .report(&RULE, fallback.range(), message)
            .audit_only()
            .severity(Severity::Medium);
        return;
    }
    let Some(text) = checker.string(value) else {
        return;
    };
    if text.is_empty() || names_a_setting(&text) || is_reported_as_secret(name, &text) {
        return;
    }
    let message = format!(
        "`{name}` is a key written in the code: anyone who reads the code can forge the sessions, cookies and tokens it signs"
    );
    let development = is_development_module(checker) || in_development_class(checker);
    let diagnostic = checker.report(&RULE, value.range(), message);
    if development {
        diagnostic.audit_only().severity(Severity::Low);
    }
}

/// A value that names where the key is found rather than being it: a
/// configuration key or environment variable (`"aws_secret_access_key"`,
/// `"MYAPP_SECRET_KEY"`, `"secret.key"`).
fn names_a_setting(value: &str) -> bool {
    let identifier = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    let words = name_words(value);
    identifier
        && value.contains(['_', '.'])
        && words.len() > 1
        && words.iter().any(|w| w == "key")
        && (value == value.to_ascii_lowercase() || value == value.to_ascii_uppercase())
}

/// Random-looking values are reported by `hardcoded-secret` already.
fn is_reported_as_secret(name: &str, value: &str) -> bool {
    vigil_secrets::classify_assignment(name, value).is_some()
}

fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    let (targets, value): (&[Expr], &Expr) = match stmt {
        Stmt::Assign(assign) => (&assign.targets, &assign.value),
        Stmt::AnnAssign(assign) => match &assign.value {
            Some(value) => (std::slice::from_ref(&*assign.target), value),
            None => return,
        },
        _ => return,
    };
    for target in targets {
        if let Some(name) = target_name(target) {
            judge(checker, name, value);
        }
    }
}

/// `app.config.update(SECRET_KEY="...")`, `from_mapping(...)`, `Flask(...)`
/// configuration through keywords.
fn check_call(checker: &mut Checker, call: &ExprCall, _: Option<&str>) {
    if !matches!(
        method_name(call),
        Some("update" | "from_mapping" | "setdefault")
    ) {
        return;
    }
    if !(imports(checker, "flask") || imports(checker, "quart")) {
        return;
    }
    for keyword in &call.arguments.keywords {
        if let Some(name) = &keyword.arg {
            judge(checker, name.as_str(), &keyword.value);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags the signing key of a web framework written in the code:
    /// `SECRET_KEY = "..."` (Django settings, Flask configuration classes,
    /// `JWT_SECRET_KEY`, `WTF_CSRF_SECRET_KEY`), `app.secret_key = "..."`,
    /// `app.config["SECRET_KEY"] = "..."` and `app.config.update(SECRET_KEY=...)`.
    /// Keys read from the environment are fine; a literal fallback
    /// (`os.environ.get("SECRET_KEY", "dev")`) is listed in audit mode, and
    /// so are keys in development settings. Random-looking values are left
    /// to `hardcoded-secret`, which reports them too.
    ///
    /// ## Why is this bad?
    /// The secret key signs session cookies, password-reset tokens, CSRF
    /// tokens and signed data. Whoever knows it can forge a session for any
    /// user; with some serializers, forged data also leads to code
    /// execution. A key in the repository is known to everyone who ever had
    /// access to it, and to anyone who finds the default of a public project.
    ///
    /// ## Example
    /// ```python
    /// app.secret_key = "dev"
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// app.secret_key = os.environ["FLASK_SECRET_KEY"]
    /// ```
    ///
    /// ## References
    /// - CWE-798: Use of Hard-coded Credentials
    /// - CWE-321: Use of Hard-coded Cryptographic Key
    pub static RULE = {
        name: "hardcoded-secret-key",
        category: Category::Web,
        cwe: &[798, 321],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Read the key from the environment or a secret store at start-up (failing if it is missing), and rotate any key that was committed.",
        on_call: check_call,
        call_filter: CallFilter { methods: || vec!["update", "from_mapping", "setdefault"], ..CallFilter::NONE },
        on_stmt: check_stmt,
        nodes: &[NodeKind::StmtAssign, NodeKind::StmtAnnAssign],
    };
}
