use crate::CallFilter;
use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::string_value;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

const DECODERS: &[&str] = &[
    "jwt.decode",
    "jwt.decode_complete",
    "jwt.api_jwt.decode",
    "jwt.api_jwt.decode_complete",
    "jose.jwt.decode",
];

const ENCODERS: &[&str] = &["jwt.encode", "jwt.api_jwt.encode", "jose.jwt.encode"];

/// `options={"verify_signature": False}` and `algorithms=["none"]` on a decode.
fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if !qualified.is_some_and(|q| DECODERS.contains(&q)) {
        return;
    }
    let callee = checker.snippet(&*call.func);
    if let Some(options) = call.arguments.find_keyword("options")
        && let Expr::Dict(dict) = checker.constant_value(&options.value)
    {
        for item in &dict.items {
            let Some(key) = item.key.as_ref().and_then(string_value) else {
                continue;
            };
            let off = checker.is_bool(&item.value, false);
            if off && key == "verify_signature" {
                let message = format!(
                    "`{callee}` is told not to verify the signature: any token, with any claims, is accepted as genuine"
                );
                checker.report(&RULE, options.range(), message);
            }
        }
    }
    if let Some(algorithms) = call.arguments.find_keyword("algorithms") {
        let value = checker.constant_value(&algorithms.value);
        let elements: Vec<&Expr> = match value {
            Expr::List(list) => list.elts.iter().collect(),
            Expr::Tuple(tuple) => tuple.elts.iter().collect(),
            other => vec![other],
        };
        if elements
            .iter()
            .any(|e| string_value(e).is_some_and(|s| s.eq_ignore_ascii_case("none")))
        {
            let message = format!(
                "`{callee}` accepts the `none` algorithm: an unsigned token passes verification"
            );
            checker.report(&RULE, algorithms.range(), message);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags JSON Web Tokens decoded without checking their signature:
    /// PyJWT and python-jose `decode(..., options={"verify_signature":
    /// False})`, PyJWT 1.x `decode(..., verify=False)`, and decoding that
    /// accepts the `none` algorithm; also tokens issued unsigned with
    /// `encode(..., algorithm="none")`.
    ///
    /// ## Why is this bad?
    /// A JWT is only as trustworthy as its signature. Without verification,
    /// anyone can write a token saying `{"sub": "admin"}` and the
    /// application believes it: authentication and authorization are gone.
    /// Unverified decoding is sometimes used to peek at a token before
    /// verifying it; make sure such claims never decide anything.
    ///
    /// ## Example
    /// ```python
    /// claims = jwt.decode(token, options={"verify_signature": False})
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// claims = jwt.decode(token, public_key, algorithms=["RS256"], audience="api")
    /// ```
    ///
    /// ## References
    /// - CWE-347: Improper Verification of Cryptographic Signature
    pub static RULE = {
        name: "jwt-verification-disabled",
        category: Category::Web,
        cwe: &[347],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Verify every token: pass the key and an explicit list of signing algorithms (never `none`) to `jwt.decode()`, and keep signature verification on.",
        calls: &[
            CallPattern::new(
                DECODERS,
                &[Cond::IsFalse(Arg::kw("verify"))],
                "`{callee}` is called with `verify=False`: the signature is not checked, so any token is accepted",
            ),
            CallPattern::new(
                ENCODERS,
                &[Cond::StrIn(Arg::kw("algorithm"), &["none"])],
                "`{callee}` issues an unsigned token (`algorithm=\"none\"`): anyone can forge one just like it",
            ),
        ],
        on_call: check,
        call_filter: CallFilter { names: || DECODERS.to_vec(), ..CallFilter::NONE },
    };
}
