use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::urls::{URL_OPENERS, URL_PARAMETER, URL_REQUESTS};
use vigil_report::{Confidence, Severity};

const URL: Arg = Arg::at(URL_PARAMETER.0, URL_PARAMETER.1);

declare_rule! {
    /// ## What it does
    /// In audit mode, lists `urllib.request.urlopen`, `urlretrieve` and
    /// `Request` called with a URL that is not a literal.
    ///
    /// ## Why is this bad?
    /// urllib opens every scheme it knows, not only HTTP(S): a URL that
    /// comes from outside can be `file:///etc/passwd` or
    /// `file:///proc/self/environ`, turning a "fetch this URL" feature into a
    /// local file read, or point at internal services (server-side request
    /// forgery).
    ///
    /// ## Example
    /// ```python
    /// data = urllib.request.urlopen(url).read()
    /// ```
    ///
    /// ## Use instead
    /// Check the scheme (and host) before opening, or use an HTTP-only
    /// client:
    /// ```python
    /// if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
    ///     raise ValueError("unsupported URL")
    /// data = requests.get(url, timeout=10).content
    /// ```
    ///
    /// ## References
    /// - CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')
    /// - CWE-918: Server-Side Request Forgery (SSRF)
    pub static RULE = {
        name: "url-open-any-scheme",
        category: Category::Network,
        cwe: &[22, 918],
        severity: Severity::Low,
        confidence: Confidence::Low,
        bandit: &["B310"],
        ruff: &["S310"],
        help: "Allow only `http` and `https` URLs (check `urllib.parse.urlsplit(url).scheme`) before opening them, or use an HTTP-only client.",
        calls: &[
            CallPattern::new(
                URL_OPENERS,
                &[Cond::NonLiteral(URL), Cond::NotCallTo(URL, URL_REQUESTS)],
                "`{callee}` opens a URL built at run time, and urllib also opens `file://` and other schemes: check where the URL comes from",
            )
            .audit(Severity::Low),
        ],
    };
}
