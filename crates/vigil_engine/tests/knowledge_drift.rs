//! The two checkers cannot drift apart: every API a pattern rule flags
//! because an argument is built at run time is a sink of the dataflow rule
//! that supersedes it, so that data from outside reaching that argument is
//! a dataflow finding, not only a pattern one.

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
