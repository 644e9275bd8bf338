use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input parsed as XML by a parser that resolves external
    /// entities: lxml `fromstring`, `XML` and `parse` without a parser built with
    /// `resolve_entities=False`, `xml.dom.pulldom` and `xml.sax`.
    ///
    /// ## Why is this bad?
    /// An XML document can declare an entity whose value is a local file or a
    /// URL; a resolving parser substitutes it, so the attacker reads files such
    /// as `/etc/passwd` or makes the server call other hosts.
    ///
    /// ## Example
    /// ```python
    /// doc = lxml.etree.fromstring(request.data)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    /// doc = lxml.etree.fromstring(request.data, parser)
    /// ```
    ///
    /// ## References
    /// - CWE-611: Improper Restriction of XML External Entity Reference
    pub static RULE = {
        name: "xxe",
        category: Category::Xml,
        cwe: &[611],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Parse untrusted XML with `defusedxml`, or with an lxml parser built with `resolve_entities=False` and `no_network=True`.",
        flow: Flow::new(
            "as XML parsed with external entities enabled",
            "entities in it can read local files or call other hosts (XXE)",
        )
        .local_input_by_design()
        .families(&["xml"])
        .supersedes(&["xml-external-entities"]),
    };
}
