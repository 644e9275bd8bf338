//! `tool.driver.rules`: one reporting descriptor per rule that fired (and
//! per documented rule of the report), built from its [`RuleInfo`] or, when
//! a rule has none, from its findings.

use crate::finding::{Confidence, Finding, Severity};
use crate::report::{RuleInfo, ScanReport};
use crate::ruledoc;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// SARIF `level` of a severity.
pub(super) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Unknown | Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub's `security-severity`: a CVSS-like score.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        // Unknown is scored as the worst case: not known to be harmless.
        Severity::Unknown | Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

/// GitHub's `precision` of a confidence.
fn precision(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// `subprocess-shell-true` -> `SubprocessShellTrue`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
            first.unwrap_or_default() + chars.as_str()
        })
        .collect()
}

/// The rule descriptors, and the index of each rule id among them.
pub(super) fn descriptors(report: &ScanReport) -> (Vec<Value>, BTreeMap<String, usize>) {
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for info in &report.rules {
        by_rule.entry(&info.name).or_default();
    }
    for finding in &report.findings {
        by_rule.entry(&finding.rule).or_default().push(finding);
    }
    let mut index = BTreeMap::new();
    let mut out = Vec::new();
    for (id, findings) in by_rule {
        index.insert(id.to_string(), out.len());
        out.push(descriptor(id, report.rule_info(id), &findings));
    }
    (out, index)
}

fn descriptor(id: &str, info: Option<&RuleInfo>, findings: &[&Finding]) -> Value {
    let severity = info
        .map(|i| i.severity)
        .or_else(|| findings.iter().map(|f| f.severity).max())
        .unwrap_or(Severity::Medium);
    let mut cwes: BTreeSet<u32> = info
        .map(|i| i.cwe.iter().copied().collect())
        .unwrap_or_default();
    cwes.extend(findings.iter().flat_map(|f| f.cwe.iter().copied()));

    let mut tags = vec!["security".to_string()];
    if let Some(info) = info.filter(|i| !i.category.is_empty()) {
        tags.push(info.category.clone());
    }
    tags.extend(cwes.iter().map(|c| format!("external/cwe/cwe-{c}")));
    let mut properties = json!({
        "tags": tags,
        "security-severity": security_severity(severity),
    });
    if let Some(confidence) = findings.iter().map(|f| f.confidence).max() {
        properties["precision"] = json!(precision(confidence));
    }

    let (short, full, help_text, help_markdown) = match info {
        Some(info) => {
            let what = ruledoc::section(&info.doc, "What it does")
                .map(|s| ruledoc::first_paragraph(&s))
                .unwrap_or_else(|| info.summary.clone());
            // shortDescription: one sentence; the paragraph goes in
            // fullDescription, the whole documentation in help.
            (
                ruledoc::short_description(&info.summary),
                what,
                info.doc.clone(),
                info.doc.clone(),
            )
        }
        None => {
            let summary = format!("vigil rule {id}");
            let help = findings.first().map(|f| f.help.clone()).unwrap_or_default();
            (summary.clone(), summary, help.clone(), help)
        }
    };
    json!({
        "id": id,
        "name": pascal_case(id),
        "shortDescription": { "text": non_empty(short, id) },
        "fullDescription": { "text": non_empty(full, id) },
        "help": { "text": non_empty(help_text, id), "markdown": non_empty(help_markdown, id) },
        "defaultConfiguration": { "level": level(severity) },
        "properties": properties,
    })
}

/// SARIF messages must not be empty: fall back to the rule id.
fn non_empty(text: String, id: &str) -> String {
    if text.trim().is_empty() {
        id.to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(pascal_case("subprocess-shell-true"), "SubprocessShellTrue");
        assert_eq!(pascal_case("sql_injection"), "SqlInjection");
    }
}
