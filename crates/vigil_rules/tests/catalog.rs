//! Meta-tests that keep the catalog honest: names, docs, CWE, messages.

use vigil_rules::registry;

const HEADINGS: [&str; 5] = [
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
    "## References",
];

#[test]
fn rule_names_are_unique_kebab_case() {
    let mut seen = std::collections::HashSet::new();
    for rule in &registry().rules {
        let name = rule.meta.name;
        assert!(seen.insert(name), "duplicate rule name {name}");
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !name.starts_with('-')
                && !name.ends_with('-'),
            "{name} is not kebab-case"
        );
    }
}

#[test]
fn every_rule_is_documented_with_the_required_headings() {
    for rule in &registry().rules {
        let doc = rule.meta.doc_text();
        let mut last = 0;
        for heading in HEADINGS {
            let at = doc
                .find(heading)
                .unwrap_or_else(|| panic!("{}: missing `{heading}`", rule.meta.name));
            assert!(at >= last, "{}: `{heading}` out of order", rule.meta.name);
            last = at;
        }
        assert!(
            !rule.meta.summary().is_empty(),
            "{}: empty summary",
            rule.meta.name
        );
        for cwe in rule.meta.cwe {
            assert!(
                doc.contains(&format!("CWE-{cwe}")),
                "{}: References do not mention CWE-{cwe}",
                rule.meta.name
            );
        }
    }
}

#[test]
fn every_rule_has_cwe_help_and_a_way_to_match() {
    for rule in &registry().rules {
        let meta = &rule.meta;
        assert!(!meta.cwe.is_empty(), "{}: no CWE", meta.name);
        assert!(
            meta.help.ends_with('.') || meta.help.ends_with(')'),
            "{}: help must be a sentence",
            meta.name
        );
        let matches = !rule.calls.is_empty()
            || rule.on_call.is_some()
            || rule.on_stmt.is_some()
            || rule.on_expr.is_some()
            || rule.on_file.is_some()
            || rule.dataflow
            // The archive readers find what package rules report.
            || vigil_rules::rules::supply_chain::PACKAGE_RULES
                .iter()
                .any(|r| r.meta.name == meta.name);
        assert!(matches, "{}: matches nothing", meta.name);
    }
}

#[test]
fn table_messages_follow_one_style() {
    for rule in &registry().rules {
        for row in rule.calls {
            let m = row.message;
            assert!(
                !m.ends_with('.'),
                "{}: message ends with a period: {m}",
                rule.meta.name
            );
            assert!(
                m.starts_with('`') || m.starts_with(|c: char| c.is_ascii_uppercase()),
                "{}: message should start with the callee or a capital: {m}",
                rule.meta.name
            );
            assert!(
                !row.names.is_empty(),
                "{}: row without names",
                rule.meta.name
            );
        }
    }
}

#[test]
fn bandit_and_ruff_codes_are_well_formed() {
    for rule in &registry().rules {
        for code in rule.meta.bandit {
            assert!(
                code.starts_with('B') && code[1..].parse::<u32>().is_ok(),
                "{code}"
            );
        }
        for code in rule.meta.ruff {
            assert!(
                code.starts_with('S') && code[1..].parse::<u32>().is_ok(),
                "{code}"
            );
        }
    }
}
