//! `vigil rules` and `vigil rule NAME`: the catalog from the command line.

use crate::cli::{RuleArgs, RulesArgs};
use anyhow::{Result, bail};
use vigil_rules::{Rule, registry};

pub fn list(args: &RulesArgs) -> Result<u8> {
    let rules: Vec<&Rule> = registry()
        .rules
        .iter()
        .copied()
        .filter(|r| {
            args.category
                .as_deref()
                .is_none_or(|c| r.meta.category.as_str().eq_ignore_ascii_case(c))
        })
        .filter(|r| args.cwe.is_none_or(|c| r.meta.cwe.contains(&c)))
        .filter(|r| match args.mode.as_deref() {
            Some("audit") => r.is_audit_only(),
            Some("default") => !r.is_audit_only(),
            _ => true,
        })
        .collect();
    if let Some(mode) = args.mode.as_deref()
        && !matches!(mode, "audit" | "default")
    {
        bail!("unknown --mode {mode:?} (expected default or audit)");
    }
    match args.format.as_str() {
        "json" => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "name": r.meta.name,
                        "category": r.meta.category.as_str(),
                        "severity": r.meta.severity.as_str(),
                        "confidence": r.meta.confidence.as_str(),
                        "cwe": r.meta.cwe,
                        "bandit": r.meta.bandit,
                        "ruff": r.meta.ruff,
                        "kind": r.kind(),
                        "summary": r.meta.summary(),
                    })
                })
                .collect();
            outln!("{}", serde_json::to_string_pretty(&list)?);
        }
        "text" => {
            for r in rules {
                let cwe: Vec<String> = r.meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
                let codes: Vec<&str> = r.meta.bandit.iter().chain(r.meta.ruff).copied().collect();
                outln!(
                    "{:<30} {:<16} {:<9} {:<9} {:<14} {}",
                    r.meta.name,
                    r.meta.category.as_str(),
                    r.meta.severity.as_str(),
                    r.kind(),
                    cwe.join(","),
                    codes.join(",")
                );
            }
        }
        other => bail!("unknown --format {other:?} (expected text or json)"),
    }
    Ok(0)
}

pub fn show(args: &RuleArgs) -> Result<u8> {
    if crate::deps::is_deps_selector(&args.name) {
        // The rule of `vigil deps` and `check --deps`: documented by the
        // dependency audit, not part of the code checks' catalog.
        let info = vigil_deps::report::rule_info();
        let cwe: Vec<String> = info.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        outln!("# {}\n", info.name);
        outln!(
            "category: {} | severity: from the advisory (CVSS; unknown when the record gives none) | {}",
            info.category,
            cwe.join(", ")
        );
        outln!("reported by: vigil deps, vigil check --deps");
        outln!("\n{}", info.doc);
        return Ok(0);
    }
    let mut found = registry().find(&args.name);
    // A Bandit/Ruff code names its pattern rule first, then dataflow rules.
    found.sort_by_key(|r| (r.meta.name != args.name, r.dataflow));
    let Some(rule) = found.first() else {
        bail!("no rule named {:?} (see `vigil rules`)", args.name);
    };
    let meta = &rule.meta;
    let cwe: Vec<String> = meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
    outln!("# {}\n", meta.name);
    outln!(
        "category: {} | severity: {} | confidence: {} | {}",
        meta.category.as_str(),
        meta.severity.as_str(),
        meta.confidence.as_str(),
        cwe.join(", ")
    );
    let codes: Vec<&str> = meta.bandit.iter().chain(meta.ruff).copied().collect();
    if !codes.is_empty() {
        outln!("covers: {}", codes.join(", "));
    }
    outln!("\n{}", meta.doc_text());
    Ok(0)
}
