use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input used as an XSLT stylesheet: lxml
    /// `etree.XSLT(stylesheet)` and `tree.xslt(stylesheet)`, libxslt
    /// `parseStylesheetDoc`, with the stylesheet parsed from request data or
    /// read from a path or URL the request chose.
    ///
    /// ## Why is this bad?
    /// A stylesheet is a program. Whoever writes it can read local files
    /// (`document()`, `unparsed-text()`), make the server fetch URLs, write
    /// files with extension elements and, with processors that allow them,
    /// call code. Transforming a document with a stylesheet the client sent
    /// runs the client's program on the server.
    ///
    /// ## Example
    /// ```python
    /// stylesheet = etree.XML(request.files["xslt"].read())
    /// result = etree.XSLT(stylesheet)(document)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// STYLESHEETS = {"invoice": etree.XSLT(etree.parse("xslt/invoice.xsl"))}
    /// result = STYLESHEETS[request.args["format"]](document)
    /// ```
    /// Keep stylesheets on the server and let the client choose among them by
    /// name; pass values as stylesheet parameters (`XSLT.strparam`), and deny
    /// file and network access with an `XSLTAccessControl`.
    ///
    /// ## References
    /// - CWE-91: XML Injection (aka Blind XPath Injection)
    /// - OWASP Web Security Testing Guide: Testing for XSLT Injection
    pub static RULE = {
        name: "xslt-injection",
        category: Category::Injection,
        cwe: &[91],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Do not transform with stylesheets that come from the client: load stylesheets from the server's own files, choose among them by name, pass values with `XSLT.strparam`, and restrict file and network access with `XSLTAccessControl`.",
        flow: Flow::new(
            "as an XSLT stylesheet",
            "it runs as a program on the server, which can read local files and call other hosts (XSLT injection)",
        ),
    };
}
