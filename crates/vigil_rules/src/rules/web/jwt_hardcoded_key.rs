use crate::CallFilter;
use crate::call_pattern::Arg;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{env_fallback_of, environment_variable_shown, origin};
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

/// `(callee, where the key is passed, whether it signs)`.
const JWT_CALLS: &[(&str, Arg, bool)] = &[
    ("jwt.encode", Arg::at(1, "key"), true),
    ("jwt.api_jwt.encode", Arg::at(1, "key"), true),
    ("jwt.decode", Arg::at(1, "key"), false),
    ("jwt.decode_complete", Arg::at(1, "key"), false),
    ("jwt.api_jwt.decode", Arg::at(1, "key"), false),
    ("jose.jwt.encode", Arg::at(1, "key"), true),
    ("jose.jwt.decode", Arg::at(1, "key"), false),
    ("jose.jws.sign", Arg::at(1, "key"), true),
    ("jose.jws.verify", Arg::at(1, "key"), false),
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    let Some((_, arg, signs)) = JWT_CALLS.iter().find(|(n, _, _)| *n == qualified) else {
        return;
    };
    let Some(key) = arg.find(call) else { return };
    let Some(text) = checker.string(key) else {
        report_fallback(checker, call, key);
        return;
    };
    // An empty key goes with disabled verification (its own rule); a public
    // key or certificate is meant to be published.
    if text.is_empty() || text.contains("PUBLIC KEY") || text.contains("CERTIFICATE") {
        return;
    }
    let role = if *signs { "signs" } else { "verifies" };
    let message = format!(
        "`{}` {role} tokens with a key written in the code: anyone who reads the code can mint valid tokens for any user",
        checker.snippet(&*call.func)
    );
    checker.report(&RULE, key.range(), message);
}

/// A key read from the environment with a literal fallback (`os.getenv(
/// "JWT_SECRET", "dev-secret")`, directly or through a name bound once):
/// a deployment that forgets the variable signs with a key in the code.
fn report_fallback(checker: &mut Checker, call: &ExprCall, key: &Expr) {
    let value = match key {
        Expr::Name(_) => match origin(checker, key) {
            Some(made) => made.call,
            None => return,
        },
        Expr::Call(call) => call,
        _ => return,
    };
    if env_fallback_of(checker, value).is_none() {
        return;
    }
    // The fallback is a secret: the message names the variable, not it.
    let variable = environment_variable_shown(checker, value);
    let message = format!(
        "`{}` uses a key that falls back to one written in the code when {variable} is unset: a deployment that forgets it accepts tokens anyone can mint",
        checker.snippet(&*call.func),
    );
    checker
        .report(&RULE, key.range(), message)
        .severity(Severity::Medium)
        .confidence(Confidence::Medium);
}

declare_rule! {
    /// ## What it does
    /// Flags JWT signing and verification keys written in the code: a string
    /// or bytes literal (or a constant bound to one) passed as the key of
    /// PyJWT's or python-jose's `encode` / `decode`. Public keys and
    /// certificates are not reported. A key read from the environment with
    /// a fallback written in the code (`os.getenv("JWT_SECRET", "dev-key")`,
    /// directly or through a name) is reported with medium severity: a
    /// deployment that forgets the variable uses the fallback.
    ///
    /// ## Why is this bad?
    /// With an HMAC algorithm such as HS256, the same secret signs and
    /// verifies. Anyone who has seen the code — every developer, every fork,
    /// every leaked backup — can mint a token for any user with any role,
    /// and the key cannot be rotated without a release.
    ///
    /// ## Example
    /// ```python
    /// token = jwt.encode({"sub": user.id}, "my-secret", algorithm="HS256")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// token = jwt.encode({"sub": user.id}, os.environ["JWT_SECRET"], algorithm="HS256")
    /// ```
    ///
    /// ## References
    /// - CWE-798: Use of Hard-coded Credentials
    /// - CWE-321: Use of Hard-coded Cryptographic Key
    pub static RULE = {
        name: "jwt-hardcoded-key",
        category: Category::Web,
        cwe: &[798, 321],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Load the signing key from the environment or a secret store (or use an asymmetric key pair whose private half stays out of the code), and rotate the committed one.",
        on_call: check,
        call_filter: CallFilter {
            names: || JWT_CALLS.iter().map(|(name, ..)| *name).collect(),
            ..CallFilter::NONE
        },
    };
}
