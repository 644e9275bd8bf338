use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input placed in the path, query or fragment of a URL
    /// the server requests when the scheme and host are fixed in code
    /// (`f"https://api.example.com/users/{uid}"`), and in the path given to an
    /// `http.client` connection's `request` or `putrequest`. The same
    /// clients as `ssrf`; where the input chooses the host, `ssrf` reports
    /// the call instead.
    ///
    /// ## Why is this bad?
    /// The host is fixed, but the attacker still chooses what the server asks
    /// of it, with the server's credentials and network position: `../admin`
    /// climbs out of the intended path, `?role=admin&` or `#` adds or cuts
    /// query parameters, and an internal API that trusts the calling server
    /// does what the attacker could not ask it directly.
    ///
    /// ## Example
    /// ```python
    /// user = request.args["user"]
    /// requests.get(f"https://internal.example.com/users/{user}/profile")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// user = request.args["user"]
    /// if not user.isalnum():
    ///     abort(400)
    /// requests.get(f"https://internal.example.com/users/{user}/profile")
    /// requests.get("https://internal.example.com/search?" + urlencode({"q": request.args["q"]}))
    /// ```
    ///
    /// ## References
    /// - CWE-918: Server-Side Request Forgery (SSRF)
    pub static RULE = {
        name: "partial-ssrf",
        category: Category::Network,
        cwe: &[918],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Validate the value against what the path segment or parameter may hold (an identifier, a number), or encode it with `urllib.parse.quote_plus` or `urlencode` so it cannot add `/`, `?`, `#` or `&`.",
        flow: Flow::new(
            "in the path or query of a server-side request to a fixed host",
            "it can make the server call other endpoints of that host (`../`, extra query parameters)",
        )
        .local_input_by_design()
        .refines("ssrf"),
    };
}
