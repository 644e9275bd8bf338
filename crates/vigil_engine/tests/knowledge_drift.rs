//! The two checkers cannot drift apart: every API a pattern rule flags
//! because an argument is built at run time is a sink of the dataflow rule
//! that supersedes it, so that data from outside reaching that argument is
//! a dataflow finding, not only a pattern one; and, family by family
//! (XML, SQL, templates, remote shells), the pattern rules and the
//! dataflow rule list the same APIs, with the reason for each exception.

use vigil_knowledge::{Receiver, remote, sql, templates, xml};
use vigil_rules::{Cond, registry};

/// APIs a superseded pattern rule flags for how they are configured, not
/// for data they receive: no dataflow sink is expected.
const CONFIGURATION: &[&str] = &[
    // Parser objects: the options (`resolve_entities=`) are the problem;
    // the document arrives later, at `parse`/`fromstring`.
    "lxml.etree.XMLParser",
    "lxml.etree.ETCompatXMLParser",
    "lxml.etree.XMLPullParser",
    "lxml.objectify.makeparser",
    // `YAML(typ="unsafe")` makes a loader; the document reaches `.load`.
    "ruamel.yaml.YAML",
    "ruamel.yaml.main.YAML",
];

/// Whether a call-table row flags an argument built at run time.
fn flags_run_time_data(conditions: &[Cond]) -> bool {
    conditions
        .iter()
        .any(|c| matches!(c, Cond::NonLiteral(_) | Cond::AnyNonLiteral))
}

#[test]
fn every_api_a_superseded_pattern_rule_flags_is_a_sink_of_its_dataflow_rule() {
    let mut missing = Vec::new();
    for (flow, pattern) in vigil_taint::superseded_rules() {
        let sinks = vigil_taint::sink_names(flow);
        let rule = registry().get(pattern).expect("a catalogued rule");
        let filter = rule.call_filter.map(|f| (f.names)()).unwrap_or_default();
        let names = rule
            .calls
            .iter()
            .filter(|row| flags_run_time_data(row.when))
            .flat_map(|row| row.names.iter().copied());
        for name in names.chain(filter) {
            if !sinks.contains(&name) && !CONFIGURATION.contains(&name) {
                missing.push(format!("{name} ({pattern}) is not a sink of {flow}"));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// A family of the knowledge layer read by a dataflow rule and pattern
/// rules: what it lists, by the way an API is called.
struct Family {
    name: &'static str,
    /// The dataflow rule that claims the family.
    flow: &'static str,
    /// The pattern rules that read it.
    patterns: &'static [&'static str],
    /// Functions and constructors, by qualified name.
    functions: fn() -> Vec<&'static str>,
    /// Objects of a known type and their methods.
    receivers: fn() -> Vec<Receiver>,
    /// Methods matched by name on receivers of unknown type.
    methods: fn() -> Vec<&'static str>,
}

const FAMILIES: &[Family] = &[
    Family {
        name: "xml",
        flow: "xxe",
        patterns: &["xml-external-entities", "xml-stdlib-parser"],
        functions: || {
            [
                xml::LXML_PARSE,
                xml::LXML_ITERPARSE,
                xml::LXML_PARSERS,
                xml::LXML_LEGACY_PARSERS,
                xml::STDLIB_BY_SOURCE,
                xml::STDLIB_BY_TEXT,
                xml::STDLIB_BY_SEQUENCE,
                xml::STDLIB_BY_STRING,
                xml::STDLIB_BY_FILE,
                xml::STDLIB_BY_STREAM,
                xml::STDLIB_TREES,
                xml::STDLIB_PARSERS,
            ]
            .concat()
        },
        receivers: Vec::new,
        methods: Vec::new,
    },
    Family {
        name: "sql",
        flow: "sql-injection",
        patterns: &["formatted-sql-query", "django-raw-sql"],
        functions: || {
            sql::text_functions()
                .chain(
                    sql::COLUMN_FUNCTIONS
                        .iter()
                        .flat_map(|(names, _, _)| names.iter().copied()),
                )
                .collect()
        },
        receivers: || sql::RECEIVERS.to_vec(),
        methods: || {
            [
                sql::DRIVER_METHODS,
                &[sql::DJANGO_RAW.name, sql::DJANGO_EXTRA],
            ]
            .concat()
        },
    },
    Family {
        name: "templates",
        flow: "template-injection",
        patterns: &["template-autoescape-disabled"],
        functions: || {
            templates::SOURCES
                .iter()
                .flat_map(|(names, _, _)| names.iter().copied())
                .chain(templates::MAKO_LOOKUPS.iter().copied())
                .collect()
        },
        receivers: || vec![templates::JINJA_ENVIRONMENT],
        methods: Vec::new,
    },
    Family {
        name: "remote",
        flow: "command-injection",
        patterns: &["remote-shell-command"],
        functions: || {
            remote::FABRIC_FUNCTIONS
                .iter()
                .copied()
                .chain(
                    remote::SESSION_FUNCTIONS
                        .iter()
                        .flat_map(|(names, _, _)| names.iter().copied()),
                )
                .collect()
        },
        receivers: || {
            [
                remote::RECEIVERS,
                remote::SHELL_SESSIONS,
                remote::DEVICE_SESSIONS,
            ]
            .concat()
        },
        methods: Vec::new,
    },
];

/// APIs of a family that are not sinks of its dataflow rule, and why.
const NOT_SINKS: &[(&[&str], &str)] = &[
    (
        &[
            "lxml.etree.XMLParser",
            "lxml.etree.XMLPullParser",
            "lxml.objectify.makeparser",
            "lxml.etree.ETCompatXMLParser",
        ],
        "parser objects: their options are the problem; the document arrives later, at `parse`/`fromstring`",
    ),
    (
        &[
            "xml.etree.ElementTree.parse",
            "xml.etree.ElementTree.iterparse",
            "xml.etree.cElementTree.parse",
            "xml.etree.cElementTree.iterparse",
            "xml.sax.parse",
            "xml.etree.ElementTree.fromstring",
            "xml.etree.ElementTree.XML",
            "xml.etree.ElementTree.XMLID",
            "xml.etree.cElementTree.fromstring",
            "xml.etree.cElementTree.XML",
            "xml.etree.cElementTree.XMLID",
            "xml.etree.ElementTree.fromstringlist",
            "xml.etree.cElementTree.fromstringlist",
            "xml.sax.parseString",
            "xml.dom.minidom.parseString",
            "xml.dom.pulldom.parseString",
            "xml.dom.expatbuilder.parseString",
            "xml.dom.minidom.parse",
            "xml.dom.expatbuilder.parse",
            "xml.dom.pulldom.parse",
            "xml.etree.ElementTree.ElementTree",
            "xml.etree.cElementTree.ElementTree",
            "xml.etree.ElementTree.XMLParser",
            "xml.etree.ElementTree.XMLPullParser",
            "xml.etree.cElementTree.XMLParser",
            "xml.sax.make_parser",
            "xml.sax.expatreader.create_parser",
            "xml.parsers.expat.ParserCreate",
            "pyexpat.ParserCreate",
            "xml.dom.expatbuilder.ExpatBuilder",
        ],
        "the standard library's parsers have not fetched external entities since Python 3.7.1: `xml-stdlib-parser` flags entity expansion, not XXE",
    ),
    (
        &["mako.lookup.TemplateLookup"],
        "a lookup loads templates by file name: its directories are configuration, not template source",
    ),
];

/// APIs of a family that its pattern rules do not flag, and why.
const NOT_FLAGGED: &[(&[&str], &str)] = &[
    (
        &[
            "chameleon.PageTemplate",
            "genshi.template.MarkupTemplate",
            "tornado.template.Template",
            "django.template.Template",
            "django.template.engines.*.from_string",
            "django.template.Engine.from_string",
            "flask.render_template_string",
            "flask.templating.render_template_string",
        ],
        "these engines escape by default: `template-autoescape-disabled` judges Jinja2's and Mako's settings; the source is `template-injection`'s only",
    ),
    (
        &[
            "asyncssh.SSHClientConnection.run",
            "asyncssh.SSHClientConnection.create_process",
            "asyncssh.SSHClientConnection.create_session",
            "ssh2.channel.Channel.execute",
            "pexpect.spawn.send",
            "pexpect.spawn.sendline",
            "twisted.conch.endpoints.SSHCommandClientEndpoint.newConnection",
            "twisted.conch.endpoints.SSHCommandClientEndpoint.existingConnection",
            "netmiko.BaseConnection.send_command",
            "netmiko.BaseConnection.send_command_timing",
            "netmiko.BaseConnection.send_command_expect",
            "netmiko.BaseConnection.send_config_set",
            "netmiko.BaseConnection.send_multiline",
            "netmiko.BaseConnection.send_multiline_timing",
            "scrapli.Driver.send_command",
            "scrapli.Driver.send_commands",
            "scrapli.Driver.send_config",
            "scrapli.Driver.send_configs",
        ],
        "sessions of automation code, where commands built at run time from an inventory are the norm: only untrusted data in them is a finding (`command-injection`'s); `remote-shell-command` keeps Bandit's B601 scope",
    ),
    (
        sql::SQLALCHEMY_LITERAL_COLUMN,
        "a column expression: built from quoted identifiers in SQL-generating code, it holds none of the statement words `formatted-sql-query` looks for; untrusted data in it is `sql-injection`'s",
    ),
    (
        &["flask_sqlalchemy.SQLAlchemy.text"],
        "`db.text` on an object made in another module: the pattern rules judge `text()` by its qualified name, the dataflow engine by the type of `db`",
    ),
];

/// Methods a family's pattern rules match that are not APIs of the family.
const OTHER_METHODS: &[(&str, &str)] = &[(
    "setFeature",
    "turning on a SAX parser's external entities is configuration of a parser the document reaches later",
)];

fn listed(table: &[(&[&str], &str)], name: &str) -> bool {
    table.iter().any(|(names, _)| names.contains(&name))
}

/// What a pattern rule matches: qualified names (call rows and filter) and
/// method names.
fn pattern_matches(pattern: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    let rule = registry().get(pattern).expect("a catalogued rule");
    let filter = rule.call_filter;
    let names = rule
        .calls
        .iter()
        .flat_map(|row| row.names.iter().copied())
        .chain(filter.map(|f| (f.names)()).unwrap_or_default())
        .collect();
    let methods = filter.map(|f| (f.methods)()).unwrap_or_default();
    (names, methods)
}

/// Both directions, family by family: every API of the family is a sink
/// of its dataflow rule and is flagged by one of its pattern rules (or is
/// listed above with the reason it is not), and everything its pattern
/// rules match is an API of the family.
#[test]
fn the_dataflow_and_pattern_rules_of_a_family_read_the_same_apis() {
    let models = vigil_taint::models();
    let mut drift = Vec::new();
    for family in FAMILIES {
        let flow = models.rule_by_name(family.flow).expect("a dataflow rule");
        let sinks = vigil_taint::sink_names(family.flow);
        let (flagged, flagged_methods): (Vec<_>, Vec<_>) =
            family.patterns.iter().map(|p| pattern_matches(p)).fold(
                (Vec::new(), Vec::new()),
                |(mut n, mut m), (names, methods)| {
                    n.extend(names);
                    m.extend(methods);
                    (n, m)
                },
            );
        let functions = (family.functions)();
        let methods = (family.methods)();
        let f = family.name;
        for name in &functions {
            if !sinks.contains(name) && !listed(NOT_SINKS, name) {
                drift.push(format!("{f}: {name} is not a sink of {}", family.flow));
            }
            if !flagged.contains(name) && !listed(NOT_FLAGGED, name) {
                drift.push(format!(
                    "{f}: {name} is flagged by none of {:?}",
                    family.patterns
                ));
            }
        }
        let receivers = (family.receivers)();
        for receiver in &receivers {
            for made_by in receiver.made_by.iter().filter(|n| !n.contains('*')) {
                if models.ty(made_by) != Some(receiver.ty) {
                    drift.push(format!("{f}: {made_by} does not make a {}", receiver.ty));
                }
            }
            let made_flagged = receiver.made_by.iter().any(|n| flagged.contains(n));
            for (api, method) in receiver.apis() {
                if !sinks.contains(&api.as_str()) {
                    drift.push(format!("{f}: {api} is not a sink of {}", family.flow));
                }
                if !made_flagged
                    && !flagged_methods.contains(&method.name)
                    && !listed(NOT_FLAGGED, &api)
                {
                    drift.push(format!(
                        "{f}: {api} is flagged by none of {:?}",
                        family.patterns
                    ));
                }
            }
        }
        for method in &methods {
            let sunk = models
                .sink_method_ids(method)
                .iter()
                .any(|&id| models.sink_by_id(id).rule == flow);
            if !sunk {
                drift.push(format!(
                    "{f}: method {method} is not a sink of {}",
                    family.flow
                ));
            }
            if !flagged_methods.contains(method) {
                drift.push(format!(
                    "{f}: method {method} is flagged by none of {:?}",
                    family.patterns
                ));
            }
        }
        let family_methods: Vec<&str> = methods
            .iter()
            .copied()
            .chain(
                receivers
                    .iter()
                    .flat_map(|r| r.methods.iter().map(|m| m.name)),
            )
            .collect();
        let made_by: Vec<&str> = receivers
            .iter()
            .flat_map(|r| r.made_by.iter().copied())
            .collect();
        for name in &flagged {
            if !functions.contains(name) && !made_by.contains(name) {
                drift.push(format!(
                    "{f}: the pattern rules flag {name}, which the family does not list"
                ));
            }
        }
        for method in &flagged_methods {
            if !family_methods.contains(method) && !OTHER_METHODS.iter().any(|(m, _)| m == method) {
                drift.push(format!(
                    "{f}: the pattern rules match method {method}, which the family does not list"
                ));
            }
        }
    }
    drift.sort();
    drift.dedup();
    assert!(drift.is_empty(), "{}", drift.join("\n"));
}
