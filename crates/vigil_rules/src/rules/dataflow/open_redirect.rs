use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input used as the target of a redirect: Flask and
    /// Werkzeug `redirect`, Django `redirect` and `HttpResponseRedirect`,
    /// Starlette and FastAPI `RedirectResponse`, aiohttp and Tornado redirects. A
    /// target built after a fixed path (`"/account/" + x`) or a fixed scheme and
    /// host is not reported, nor is one whose host was checked against an allow-
    /// list, nor a path of this site checked by hand: it starts with `/`, not
    /// with `//`, and holds no backslash (browsers read `/\evil.example` as
    /// `//evil.example`, so a check without the last part is not enough).
    ///
    /// ## Why is this bad?
    /// Links to a trusted site that bounce visitors to a site of the attacker's
    /// choice make phishing pages look legitimate, and can leak tokens carried in
    /// the URL.
    ///
    /// ## Example
    /// ```python
    /// next_url = request.args.get("next")
    /// return redirect(next_url)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// next_url = request.args.get("next", "/")
    /// if urlparse(next_url).netloc not in ALLOWED_HOSTS:
    ///     next_url = "/"
    /// return redirect(next_url)
    /// ```
    ///
    /// ## References
    /// - CWE-601: URL Redirection to Untrusted Site ('Open Redirect')
    pub static RULE = {
        name: "open-redirect",
        category: Category::Web,
        cwe: &[601],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Redirect only to paths of this site or to hosts on an allow-list (check `urlparse(url).netloc`, or use Django's `url_has_allowed_host_and_scheme`). A path check must reject `//` and backslashes too: browsers follow `//evil.example` and `/\\evil.example` to another host.",
        flow: Flow::new(
            "as a redirect target",
            "it can send users to another site (open redirect)",
        )
        .local_input_by_design()
        .cleared_by(&["fixed-host", "fixed-path"])
        .harmless_characters(".,;+=~ "),
    };
}
