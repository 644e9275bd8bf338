//! `docs/rules.md`, generated from the catalog: the rule index, every rule's
//! documentation, and the parity tables with Bandit and Ruff.

use crate::parity::{BANDIT_CHECKS, Coverage, RUFF_RULES, coverage};
use crate::registry::registry;
use std::fmt::Write;

/// The whole rules page in Markdown.
pub fn catalog_markdown() -> String {
    let rules = &registry().rules;
    let mut out = String::new();
    out.push_str("# vigil rules\n\n");
    out.push_str(
        "Generated from the rule catalog (`crates/vigil_rules`); do not edit by hand. \
         Regenerate with `VIGIL_BLESS=1 cargo test -p vigil_rules --test docs`.\n\n",
    );
    let _ = writeln!(
        out,
        "{} rules. *audit* marks rules that report only with `--audit`; *dataflow* marks rules found by the taint engine.\n",
        rules.len()
    );
    out.push_str("| rule | category | severity | confidence | CWE | Bandit / Ruff | kind |\n|---|---|---|---|---|---|---|\n");
    for rule in rules {
        let m = &rule.meta;
        let kind = rule.kind();
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} | {} | {} | {} |",
            m.name,
            m.name,
            m.category.as_str(),
            m.severity,
            m.confidence,
            cwe_list(m.cwe),
            m.bandit
                .iter()
                .chain(m.ruff)
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
            kind
        );
    }
    out.push_str(
        "\n## Parity with Bandit\n\nEach row is held to a fixture line tagged `# bandit: ID` on which one of \
         the rules named reports (`crates/vigil_engine/tests/parity.rs`).\n\n\
         | Bandit | check | vigil |\n|---|---|---|\n",
    );
    for (code, name) in BANDIT_CHECKS {
        let _ = writeln!(out, "| {code} | {name} | {} |", describe(coverage(code)));
    }
    out.push_str("\n## Parity with Ruff (`S` rules)\n\n| Ruff | rule | vigil |\n|---|---|---|\n");
    for (code, name) in RUFF_RULES {
        let _ = writeln!(out, "| {code} | {name} | {} |", describe(coverage(code)));
    }
    out.push_str("\n## Rule documentation\n");
    for rule in rules {
        let m = &rule.meta;
        let _ = write!(
            out,
            "\n<a id=\"{}\"></a>\n### {}\n\n*{} · severity {} · confidence {} · {}*\n\n",
            m.name,
            m.name,
            m.category.as_str(),
            m.severity,
            m.confidence,
            cwe_list(m.cwe)
        );
        // Demote the doc's own headings below the rule heading.
        for line in m.doc_text().lines() {
            if let Some(rest) = line.strip_prefix("## ") {
                let _ = writeln!(out, "#### {rest}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

fn cwe_list(cwe: &[u32]) -> String {
    cwe.iter()
        .map(|c| format!("CWE-{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(coverage: Coverage) -> String {
    match coverage {
        Coverage::Rules(rules) => rules
            .iter()
            .map(|r| format!("[`{}`](#{})", r.meta.name, r.meta.name))
            .collect::<Vec<_>>()
            .join(", "),
        Coverage::NotCovered(reason) => format!("not covered: {reason}"),
        Coverage::Missing => "**not yet covered**".to_string(),
    }
}
