use crate::CallFilter;
use crate::checker::{Checker, Snippet};
use crate::declare_rule;
use crate::helpers::{Truth, method_name, origin, string_value, truthiness};
use crate::rule::Category;
use vigil_knowledge::xml::{
    LXML_ITERPARSE, LXML_LEGACY_PARSERS, LXML_PARSE, LXML_PARSERS, PARSER_PARAMETER,
    RESOLVE_ENTITIES,
};
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

/// Entry points that kept resolving external entities by default until
/// lxml 6.1.
fn is_legacy(qualified: &str) -> bool {
    LXML_LEGACY_PARSERS.contains(&qualified) || LXML_ITERPARSE.contains(&qualified)
}
const SAX_FEATURES: &[&str] = &[
    "xml.sax.handler.feature_external_ges",
    "xml.sax.handler.feature_external_pes",
];
const SAX_FEATURE_URIS: &[&str] = &[
    "http://xml.org/sax/features/external-general-entities",
    "http://xml.org/sax/features/external-parameter-entities",
];

/// What a parser does with external entities.
enum Entities {
    /// Not resolved (`resolve_entities=False` or `'internal'`, HTML mode).
    Refused,
    /// Resolved because the code asks for it.
    Requested(&'static str),
    /// Resolved by the default of older lxml versions.
    ByDefault { before: &'static str },
    /// Decided at run time.
    Unknown,
}

fn entities(checker: &Checker, call: &ExprCall, legacy: bool) -> Entities {
    let keyword = |name: &str| {
        call.arguments
            .find_keyword(name)
            .map(|k| checker.constant_value(&k.value))
    };
    if keyword("html").is_some_and(|v| truthiness(v) == Truth::True) {
        return Entities::Refused;
    }
    match keyword(RESOLVE_ENTITIES) {
        Some(value) if string_value(value).is_some_and(|s| s == "internal") => Entities::Refused,
        Some(value) => match truthiness(value) {
            Truth::False => Entities::Refused,
            Truth::True => Entities::Requested("`resolve_entities=True`"),
            Truth::Unknown => Entities::Unknown,
        },
        None if keyword("no_network").is_some_and(|v| truthiness(v) == Truth::False) => {
            Entities::Requested("`no_network=False` and entity resolution left on")
        }
        None => Entities::ByDefault {
            before: if legacy { "6.1" } else { "5.0" },
        },
    }
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let callee = checker.lazy_snippet(&*call.func);
    match qualified {
        Some(q) if LXML_PARSERS.contains(&q) || LXML_LEGACY_PARSERS.contains(&q) => {
            if let Entities::Requested(how) = entities(checker, call, false) {
                let message = format!(
                    "`{callee}` creates a parser with {how}: documents it parses can read local files and URLs through external entities (XXE)"
                );
                checker.report(&RULE, call.range(), message);
            }
        }
        Some(q) if LXML_ITERPARSE.contains(&q) => {
            if !input_is_dynamic(checker, call) {
                return;
            }
            let risk = entities(checker, call, true);
            report_parse(checker, call, &callee, risk);
        }
        Some(q) if LXML_PARSE.contains(&q) => {
            if !input_is_dynamic(checker, call) {
                return;
            }
            let (position, keyword) = PARSER_PARAMETER;
            let risk = match call.arguments.find_argument_value(keyword, position) {
                None => Entities::ByDefault { before: "5.0" },
                Some(parser) => match origin(checker, parser) {
                    Some(o) => match o.callee.as_deref() {
                        Some(c) if LXML_PARSERS.contains(&c) => entities(checker, o.call, false),
                        Some(c) if is_legacy(c) => entities(checker, o.call, true),
                        _ => Entities::Unknown,
                    },
                    None => Entities::Unknown,
                },
            };
            // A parser created with entity resolution requested is
            // reported where it is created.
            if let Entities::ByDefault { .. } = risk {
                report_parse(checker, call, &callee, risk);
            }
        }
        _ => check_sax_feature(checker, call, &callee),
    }
}

/// Whether the document parsed (first argument, or `source=`, `text=`,
/// `strings=`) is not a constant.
fn input_is_dynamic(checker: &Checker, call: &ExprCall) -> bool {
    call.arguments
        .args
        .first()
        .or_else(|| {
            ["source", "text", "strings"]
                .iter()
                .find_map(|name| call.arguments.find_keyword(name))
                .map(|k| &k.value)
        })
        .is_some_and(|input| !checker.is_constant(input))
}

fn report_parse(checker: &mut Checker, call: &ExprCall, callee: &Snippet, risk: Entities) {
    match risk {
        Entities::Requested(how) => {
            let message = format!(
                "`{callee}` parses a document that is not a constant with {how}: it can read local files and URLs through external entities (XXE)"
            );
            checker.report(&RULE, call.range(), message);
        }
        Entities::ByDefault { before } => {
            let message = format!(
                "`{callee}` parses a document that is not a constant with a parser that resolves external entities by default before lxml {before}: the document can read local files (XXE)"
            );
            let confidence = if before == "5.0" {
                Confidence::Low
            } else {
                Confidence::Medium
            };
            checker
                .report(&RULE, call.range(), message)
                .severity(Severity::Medium)
                .confidence(confidence);
        }
        Entities::Refused | Entities::Unknown => {}
    }
}

/// `parser.setFeature(feature_external_ges, True)` on a SAX parser.
fn check_sax_feature(checker: &mut Checker, call: &ExprCall, callee: &Snippet) {
    if method_name(call) != Some("setFeature") {
        return;
    }
    let (Some(feature), Some(state)) = (call.arguments.args.first(), call.arguments.args.get(1))
    else {
        return;
    };
    let external = checker
        .resolve_value(feature)
        .is_some_and(|q| SAX_FEATURES.contains(&q.as_str()))
        || checker
            .string(feature)
            .is_some_and(|s| SAX_FEATURE_URIS.contains(&s.as_str()));
    if !external {
        return;
    }
    let truth = checker.truth(state);
    if truth == Truth::False {
        return;
    }
    let message = format!(
        "`{callee}` turns on external entity processing: documents this SAX parser reads can read local files and URLs (XXE)"
    );
    let diagnostic = checker.report(&RULE, call.range(), message);
    if truth == Truth::Unknown {
        diagnostic.audit_only();
    }
}

declare_rule! {
    /// ## What it does
    /// Flags XML parsing that resolves external entities: lxml parsers
    /// created with `resolve_entities=True` (or `no_network=False`), lxml's
    /// `parse`/`fromstring`/`XML`/`iterparse` applied to documents that are
    /// not constants with a parser that resolves them by default, and SAX
    /// parsers with `feature_external_ges` turned on.
    ///
    /// ## Why is this bad?
    /// An external entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`)
    /// makes the parser read a file or URL and put its content in the
    /// document: attackers read secrets, reach internal services (SSRF)
    /// or hang the parser on `/dev/random`. lxml resolved external entities
    /// by default before 5.0 in its normal parsers, and before 6.1 in
    /// `iterparse` and `ETCompatXMLParser`; these default cases have a
    /// lower severity and confidence because current versions are safe.
    ///
    /// ## Example
    /// ```python
    /// parser = etree.XMLParser(resolve_entities=True)
    /// tree = etree.fromstring(upload, parser)
    /// ```
    ///
    /// ## Use instead
    /// Turn entity resolution off explicitly (whatever the lxml version),
    /// or use `defusedxml.lxml`:
    /// ```python
    /// parser = etree.XMLParser(resolve_entities=False, no_network=True)
    /// tree = etree.fromstring(upload, parser)
    /// ```
    ///
    /// ## References
    /// - CWE-611: Improper Restriction of XML External Entity Reference
    /// - OWASP XML External Entity Prevention Cheat Sheet
    pub static RULE = {
        name: "xml-external-entities",
        category: Category::Xml,
        cwe: &[611],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B320"],
        ruff: &["S320"],
        help: "Create lxml parsers with `resolve_entities=False` (and `no_network=True`), or parse with `defusedxml`; never enable `feature_external_ges`.",
        on_call: check,
        call_filter: CallFilter {
            names: || [LXML_PARSERS, LXML_LEGACY_PARSERS, LXML_ITERPARSE, LXML_PARSE].concat(),
            methods: || vec!["setFeature"],
            ..CallFilter::NONE
        },
    };
}
