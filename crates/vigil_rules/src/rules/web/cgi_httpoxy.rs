use crate::call_pattern::CallPattern;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::ast::{NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// CGI gateways that turn a request's `Proxy:` header into `HTTP_PROXY`.
const CGI_HANDLERS: &[&str] = &[
    "wsgiref.handlers.CGIHandler",
    "twisted.web.twcgi.CGIScript",
    "twisted.web.twcgi.CGIDirectory",
];

fn check(checker: &mut Checker, stmt: &Stmt) {
    for (path, range) in checker.imported_paths(stmt).iter() {
        if CGI_HANDLERS.contains(&path.as_str()) {
            let message = format!(
                "`{path}` is imported: under CGI a request's `Proxy:` header becomes the `HTTP_PROXY` variable, which HTTP clients may use for outgoing requests (httpoxy)"
            );
            checker
                .report(&RULE, *range, message)
                .audit_only()
                .severity(Severity::Low);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// In audit mode, lists CGI gateways — `wsgiref.handlers.CGIHandler`
    /// and Twisted's `CGIScript` and `CGIDirectory` — imported or used.
    ///
    /// ## Why is this bad?
    /// CGI passes each request header to the program as an `HTTP_*`
    /// environment variable, so a client sending `Proxy: evil:8080` sets
    /// `HTTP_PROXY`. HTTP client libraries that read the proxy from the
    /// environment then send the application's outgoing requests — with
    /// their credentials — through the attacker's proxy ("httpoxy",
    /// CVE-2016-5385 and relatives). Current CPython ignores `HTTP_PROXY`
    /// under CGI, but other clients and older versions do not.
    ///
    /// ## Example
    /// ```python
    /// from wsgiref.handlers import CGIHandler
    /// CGIHandler().run(app)
    /// ```
    ///
    /// ## Use instead
    /// Serve the application with a WSGI server instead of CGI, or strip the
    /// `Proxy` header in front of it:
    /// ```python
    /// from waitress import serve
    /// serve(app, host="127.0.0.1", port=8080)
    /// ```
    ///
    /// ## References
    /// - CWE-441: Unintended Proxy or Intermediary ('Confused Deputy')
    /// - httpoxy.org
    pub static RULE = {
        name: "cgi-httpoxy",
        category: Category::Web,
        cwe: &[441],
        severity: Severity::Low,
        confidence: Confidence::Medium,
        bandit: &["B412"],
        ruff: &["S412"],
        help: "Run the application under a WSGI or ASGI server rather than CGI, or make the front server drop the `Proxy` request header.",
        calls: &[
            CallPattern::new(
                CGI_HANDLERS,
                &[],
                "`{callee}` runs the application under CGI, where a request's `Proxy:` header becomes `HTTP_PROXY` for outgoing requests (httpoxy)",
            )
            .audit(Severity::Low),
        ],
        on_stmt: check,
        nodes: &[NodeKind::StmtImport, NodeKind::StmtImportFrom],
    };
}
