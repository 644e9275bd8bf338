use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::in_module;
use crate::rule::Category;
use vigil_python::ast::{NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// Modules that parse XML, and why that matters.
const MODULES: &[(&str, &str)] = &[
    ("xml.etree", ENTITIES),
    ("xml.sax", ENTITIES),
    ("xml.dom.minidom", ENTITIES),
    ("xml.dom.pulldom", ENTITIES),
    ("xml.dom.expatbuilder", ENTITIES),
    ("xml.parsers.expat", ENTITIES),
    ("pyexpat", ENTITIES),
    ("lxml", LXML),
    ("xmlrpc", XMLRPC),
    ("xmlrpclib", XMLRPC),
    ("SimpleXMLRPCServer", XMLRPC),
    ("DocXMLRPCServer", XMLRPC),
];
const ENTITIES: &str =
    "its parsers expand entity declarations, so a hostile document can exhaust memory";
const LXML: &str = "before lxml 5.0 its parsers resolve external entities by default, so a hostile document can read local files";
const XMLRPC: &str = "XML-RPC parses XML received from the network with Expat";

/// Names in those modules that build, write or describe XML without
/// parsing any.
const NOT_PARSING: &[&str] = &[
    "Element",
    "SubElement",
    "tostring",
    "tostringlist",
    "Comment",
    "ProcessingInstruction",
    "PI",
    "QName",
    "register_namespace",
    "indent",
    "dump",
    "iselement",
    "canonicalize",
    "C14NWriterTarget",
    "TreeBuilder",
    "ParseError",
    "Document",
    "getDOMImplementation",
    "Node",
    "Text",
    "DOMImplementation",
    "saxutils",
    "handler",
    "ContentHandler",
    "ErrorHandler",
    "SAXException",
    "SAXParseException",
    "escape",
    "unescape",
    "quoteattr",
    "XMLGenerator",
    "Fault",
    "ProtocolError",
    "Binary",
    "DateTime",
    "dumps",
    "html",
    "builder",
    "ElementMaker",
    "XPath",
    "XPathEvaluator",
    "XMLSyntaxError",
    "errors",
];

fn check(checker: &mut Checker, stmt: &Stmt) {
    for (path, range) in checker.imported_paths(stmt).iter() {
        let Some((module, why)) = MODULES.iter().find(|(m, _)| in_module(path, m)) else {
            continue;
        };
        let rest = &path[module.len()..];
        if rest.split('.').any(|part| NOT_PARSING.contains(&part)) {
            continue;
        }
        let message = format!(
            "`{path}` is imported: {why}; check that no untrusted XML reaches it, or use `defusedxml`"
        );
        checker.report(&RULE, *range, message).audit_only();
        return;
    }
}

declare_rule! {
    /// ## What it does
    /// Lists imports of XML parsing modules: `xml.etree`, `xml.sax`,
    /// `xml.dom.minidom`, `xml.dom.pulldom`, `xml.dom.expatbuilder`,
    /// `xml.parsers.expat`, `lxml` and the XML-RPC modules (reported in
    /// `--audit` mode). Imports of names that only build or write XML
    /// (`Element`, `tostring`, `saxutils.escape`, ...) are not listed.
    ///
    /// ## Why is this bad?
    /// Nothing, by itself. These parsers expand entity declarations (and
    /// lxml before 5.0 resolves external entities), so a module that
    /// imports them is a place where an untrusted document can exhaust
    /// memory or read local files. XML-RPC servers and clients parse what
    /// the network sends them.
    ///
    /// ## Example
    /// ```python
    /// import xml.etree.ElementTree as ET
    /// ```
    ///
    /// ## Use instead
    /// Parse untrusted XML with `defusedxml`, and call
    /// `defusedxml.xmlrpc.monkey_patch()` in programs that use XML-RPC:
    /// ```python
    /// import defusedxml.ElementTree as ET
    /// ```
    ///
    /// ## References
    /// - CWE-776: Improper Restriction of Recursive Entity References in DTDs ('XML Entity Expansion')
    /// - CWE-611: Improper Restriction of XML External Entity Reference
    pub static RULE = {
        name: "xml-import",
        category: Category::Xml,
        cwe: &[776, 611],
        severity: Severity::Low,
        confidence: Confidence::High,
        bandit: &["B405", "B406", "B407", "B408", "B409", "B410", "B411"],
        ruff: &["S405", "S406", "S407", "S408", "S409", "S410", "S411"],
        help: "Parse untrusted XML with `defusedxml` (and `defusedxml.xmlrpc.monkey_patch()` for XML-RPC).",
        on_stmt: check,
        nodes: &[NodeKind::StmtImport, NodeKind::StmtImportFrom],
    };
}
