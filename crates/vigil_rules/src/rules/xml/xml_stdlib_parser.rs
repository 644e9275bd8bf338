use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::xml::{
    STDLIB_BY_FILE, STDLIB_BY_SEQUENCE, STDLIB_BY_SOURCE, STDLIB_BY_STREAM, STDLIB_BY_STRING,
    STDLIB_BY_TEXT, STDLIB_PARSERS, STDLIB_TREES,
};
use vigil_report::{Confidence, Severity};

const MESSAGE: &str = "`{callee}` parses XML that is not a constant with a standard-library parser that expands entities: a small document can declare nested entities that expand to gigabytes (billion laughs) where Expat is older than 2.4.1";

declare_rule! {
    /// ## What it does
    /// Flags the standard library's XML parsers (`xml.etree.ElementTree`,
    /// `xml.sax`, `xml.dom.minidom`, `xml.dom.pulldom`,
    /// `xml.dom.expatbuilder`) applied to a document that is not a
    /// constant. Creating a parser object (`XMLParser`, `make_parser`,
    /// `expat.ParserCreate`) is listed in `--audit` mode.
    ///
    /// ## Why is this bad?
    /// These parsers expand the entities a document declares in its DTD.
    /// A few hundred bytes of nested declarations (the "billion laughs" and
    /// "quadratic blowup" documents) expand to gigabytes and exhaust memory
    /// and CPU. Expat 2.4.1 (bundled with CPython 3.9.8, 3.10 and later)
    /// limits this amplification, but Python on Linux often uses the
    /// system's libexpat, which may be older. Since Python 3.7.1 these
    /// parsers no longer fetch external entities by default, so they are
    /// not open to XXE file disclosure unless a feature enables it (see
    /// `xml-external-entities`); the severity is therefore medium.
    ///
    /// ## Example
    /// ```python
    /// root = ElementTree.fromstring(request.data)
    /// ```
    ///
    /// ## Use instead
    /// Parse untrusted XML with `defusedxml`, which has the same API and
    /// refuses entity declarations:
    /// ```python
    /// from defusedxml import ElementTree
    /// root = ElementTree.fromstring(request.data)
    /// ```
    ///
    /// ## References
    /// - CWE-776: Improper Restriction of Recursive Entity References in DTDs ('XML Entity Expansion')
    /// - Python docs: XML security
    pub static RULE = {
        name: "xml-stdlib-parser",
        category: Category::Xml,
        cwe: &[776],
        severity: Severity::Medium,
        confidence: Confidence::Low,
        bandit: &["B313", "B314", "B315", "B316", "B317", "B318", "B319"],
        ruff: &["S313", "S314", "S315", "S316", "S317", "S318", "S319"],
        help: "Parse XML that comes from outside with `defusedxml` (same API), which rejects entity declarations.",
        calls: &[
            CallPattern::new(STDLIB_BY_SOURCE, &[Cond::NonLiteral(Arg::at(0, "source"))], MESSAGE),
            CallPattern::new(STDLIB_BY_TEXT, &[Cond::NonLiteral(Arg::at(0, "text"))], MESSAGE),
            CallPattern::new(STDLIB_BY_SEQUENCE, &[Cond::NonLiteral(Arg::at(0, "sequence"))], MESSAGE),
            CallPattern::new(STDLIB_BY_STRING, &[Cond::NonLiteral(Arg::at(0, "string"))], MESSAGE),
            CallPattern::new(STDLIB_BY_FILE, &[Cond::NonLiteral(Arg::at(0, "file"))], MESSAGE),
            CallPattern::new(STDLIB_BY_STREAM, &[Cond::NonLiteral(Arg::at(0, "stream_or_string"))], MESSAGE),
            CallPattern::new(STDLIB_TREES, &[Cond::NonLiteral(Arg::at(1, "file"))], MESSAGE),
            CallPattern::new(
                STDLIB_PARSERS,
                &[],
                "`{callee}` creates a standard-library XML parser, which expands entity declarations: check that it is never fed untrusted documents",
            )
            .audit(Severity::Low),
        ],
    };
}
