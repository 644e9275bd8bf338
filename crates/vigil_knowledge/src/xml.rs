//! The XML family: the parsers of lxml and of the standard library, which
//! of them resolve external entities, and the options that decide it.
//!
//! The pattern rules (`xml-external-entities`, `xml-stdlib-parser`) and the
//! dataflow rule that claims this family (`xxe`) read these lists: a
//! parser added here is flagged by both. The standard library's parsers
//! have not fetched external entities since Python 3.7.1, so they are the
//! pattern rule's (entity expansion), not `xxe`'s sinks.

/// lxml functions that parse their first argument (the document) with an
/// optional parser (second argument, `parser`).
pub const LXML_PARSE: &[&str] = &[
    "lxml.etree.parse",
    "lxml.etree.fromstring",
    "lxml.etree.fromstringlist",
    "lxml.etree.XML",
    "lxml.objectify.parse",
    "lxml.objectify.fromstring",
    "lxml.objectify.XML",
];

/// The parameter of [`LXML_PARSE`] that holds the document, as the
/// dataflow sinks name it.
pub const DOCUMENT_PARAMETER: (usize, &str) = (0, "text");

/// The parameter of [`LXML_PARSE`] that holds the parser.
pub const PARSER_PARAMETER: (usize, &str) = (1, "parser");

/// lxml's event parser: the document is its first argument (`source`);
/// it takes the parser options as keywords.
pub const LXML_ITERPARSE: &[&str] = &["lxml.etree.iterparse"];

/// Parser classes whose `resolve_entities` defaults to `'internal'` since
/// lxml 5.0 (and to `True` before).
pub const LXML_PARSERS: &[&str] = &[
    "lxml.etree.XMLParser",
    "lxml.etree.XMLPullParser",
    "lxml.objectify.makeparser",
];

/// Parser classes that kept resolving external entities by default until
/// lxml 6.1 (with [`LXML_ITERPARSE`]).
pub const LXML_LEGACY_PARSERS: &[&str] = &["lxml.etree.ETCompatXMLParser"];

/// The option of lxml's parsers that turns external entities on or off.
pub const RESOLVE_ENTITIES: &str = "resolve_entities";

/// The standard library: functions given a file name or file object
/// (`source`).
pub const STDLIB_BY_SOURCE: &[&str] = &[
    "xml.etree.ElementTree.parse",
    "xml.etree.ElementTree.iterparse",
    "xml.etree.cElementTree.parse",
    "xml.etree.cElementTree.iterparse",
    "xml.sax.parse",
];
/// The standard library: functions given the document's text (`text`).
pub const STDLIB_BY_TEXT: &[&str] = &[
    "xml.etree.ElementTree.fromstring",
    "xml.etree.ElementTree.XML",
    "xml.etree.ElementTree.XMLID",
    "xml.etree.cElementTree.fromstring",
    "xml.etree.cElementTree.XML",
    "xml.etree.cElementTree.XMLID",
];
/// The standard library: functions given a sequence of fragments
/// (`sequence`).
pub const STDLIB_BY_SEQUENCE: &[&str] = &[
    "xml.etree.ElementTree.fromstringlist",
    "xml.etree.cElementTree.fromstringlist",
];
/// The standard library: functions given a string (`string`).
pub const STDLIB_BY_STRING: &[&str] = &[
    "xml.sax.parseString",
    "xml.dom.minidom.parseString",
    "xml.dom.pulldom.parseString",
    "xml.dom.expatbuilder.parseString",
];
/// The standard library: functions given a file (`file`).
pub const STDLIB_BY_FILE: &[&str] = &["xml.dom.minidom.parse", "xml.dom.expatbuilder.parse"];
/// The standard library: functions given a stream or string
/// (`stream_or_string`).
pub const STDLIB_BY_STREAM: &[&str] = &["xml.dom.pulldom.parse"];
/// The standard library's tree classes, given a file second (`file`).
pub const STDLIB_TREES: &[&str] = &[
    "xml.etree.ElementTree.ElementTree",
    "xml.etree.cElementTree.ElementTree",
];
/// The standard library's parser objects, fed later by methods.
pub const STDLIB_PARSERS: &[&str] = &[
    "xml.etree.ElementTree.XMLParser",
    "xml.etree.ElementTree.XMLPullParser",
    "xml.etree.cElementTree.XMLParser",
    "xml.sax.make_parser",
    "xml.sax.expatreader.create_parser",
    "xml.parsers.expat.ParserCreate",
    "pyexpat.ParserCreate",
    "xml.dom.expatbuilder.ExpatBuilder",
];
