use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const HTTP_CALLS: &[&str] = &[
    "requests.get",
    "requests.post",
    "requests.put",
    "requests.patch",
    "requests.delete",
    "requests.head",
    "requests.options",
    "requests.request",
    "requests.Session",
    "requests.api.request",
    "httpx.get",
    "httpx.post",
    "httpx.put",
    "httpx.patch",
    "httpx.delete",
    "httpx.head",
    "httpx.options",
    "httpx.request",
    "httpx.stream",
    "httpx.Client",
    "httpx.AsyncClient",
];

declare_rule! {
    /// ## What it does
    /// Flags HTTPS clients told not to verify the server's certificate
    /// (`verify=False` in `requests` and `httpx`) and the use of
    /// `ssl._create_unverified_context`.
    ///
    /// ## Why is this bad?
    /// Without certificate verification anyone on the network path — a
    /// café Wi-Fi, a compromised router — can impersonate the server, read
    /// the traffic including credentials, and change responses.
    ///
    /// ## Example
    /// ```python
    /// requests.get(url, verify=False)
    /// ```
    ///
    /// ## Use instead
    /// Keep verification on; for a private CA, point `verify` at its bundle:
    /// ```python
    /// requests.get(url, verify="/etc/ssl/certs/internal-ca.pem")
    /// ```
    ///
    /// ## References
    /// - CWE-295: Improper Certificate Validation
    pub static RULE = {
        name: "tls-verification-disabled",
        category: Category::Network,
        cwe: &[295],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B501", "B323"],
        ruff: &["S501", "S323"],
        help: "Remove `verify=False`; to trust a private CA, pass the path of its certificate bundle as `verify`.",
        calls: &[
            CallPattern::new(
                HTTP_CALLS,
                &[Cond::LiteralFalse(Arg::kw("verify"))],
                "`{callee}` is called with `verify=False`: the server's certificate is not checked, so the connection can be intercepted",
            ),
            CallPattern::new(
                &["ssl._create_unverified_context", "ssl._create_stdlib_context"],
                &[],
                "`{callee}` creates a TLS context that accepts any certificate",
            ),
        ],
    };
}
