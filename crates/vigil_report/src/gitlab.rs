//! `--output-format gitlab`: a GitLab SAST report (security report schema
//! v15), for `artifacts:reports:sast`.
//!
//! Each finding becomes a vulnerability whose `id` is its fingerprint in
//! UUID form (stable across runs), identified by the vigil rule and its
//! CWEs; files that could not be scanned become `scan.messages` warnings.

use crate::finding::{Confidence, Finding, Severity};
use crate::options::RenderOptions;
use crate::report::ScanReport;
use crate::span::Span;
use crate::time;
use serde_json::{Value, json};

/// Version of the GitLab security report schema this writer follows.
pub const SCHEMA_VERSION: &str = "15.1.4";

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Unknown => "Unknown",
    }
}

fn confidence(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "High",
        Confidence::Medium => "Medium",
        Confidence::Low => "Low",
    }
}

/// A 32-digit hex fingerprint as `8-4-4-4-12`; other strings unchanged.
fn uuid_form(fingerprint: &str) -> String {
    if fingerprint.len() != 32 || !fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) {
        return fingerprint.to_string();
    }
    let f = fingerprint;
    format!(
        "{}-{}-{}-{}-{}",
        &f[..8],
        &f[8..12],
        &f[12..16],
        &f[16..20],
        &f[20..]
    )
}

/// Renders the report as a GitLab SAST report (pretty JSON, newline-ended).
pub fn render(report: &ScanReport, options: &RenderOptions) -> String {
    let mut tool = json!({
        "id": "vigil",
        "name": "vigil",
        "version": options.tool_version,
        "vendor": { "name": "vigil" },
    });
    if !crate::REPOSITORY.is_empty() {
        tool["url"] = crate::REPOSITORY.into();
    }
    let (start, end) = options.scan_times(report.summary.duration_ms);
    let messages: Vec<Value> = report
        .errors
        .iter()
        .map(|e| json!({ "level": "warn", "value": format!("{}: {}", e.path, e.message) }))
        .collect();
    let doc = json!({
        "version": SCHEMA_VERSION,
        "vulnerabilities": report.findings.iter().map(|f| vulnerability(report, f)).collect::<Vec<_>>(),
        "scan": {
            "analyzer": tool,
            "scanner": tool,
            "type": "sast",
            "status": "success",
            "start_time": time::plain(start),
            "end_time": time::plain(end),
            "messages": messages,
        },
    });
    crate::jsonout::pretty(&doc)
}

fn vulnerability(report: &ScanReport, finding: &Finding) -> Value {
    let info = report.rule_info(&finding.rule);
    // `name` is a title: one short sentence of the summary.
    let name = info
        .map(|i| crate::ruledoc::short_description(&i.summary))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| finding.rule.clone());
    let mut identifiers = vec![json!({
        "type": "vigil_rule",
        "name": format!("vigil {}", finding.rule),
        "value": finding.rule,
    })];
    identifiers.extend(finding.cwe.iter().map(|cwe| {
        json!({
            "type": "cwe",
            "name": format!("CWE-{cwe}"),
            "value": cwe.to_string(),
            "url": format!("https://cwe.mitre.org/data/definitions/{cwe}.html"),
        })
    }));
    let mut location = json!({ "file": finding.path });
    let mut description = finding.message.clone();
    match finding.cell {
        // A notebook: GitLab opens the `.ipynb` document at this line.
        Some(cell) => {
            if let Some(line) = cell.document_line {
                location["start_line"] = json!(line);
                location["end_line"] = json!(line);
            }
            description.push_str(&format!(
                " (notebook cell {}, line {})",
                cell.number, finding.line
            ));
        }
        None => {
            if let Some(span) = Span::of(finding) {
                location["start_line"] = json!(span.line);
                location["end_line"] = json!(span.end_line);
            }
        }
    }
    if !finding.flow.is_empty() {
        description.push_str("\n\nDataflow:");
        for (i, step) in finding.flow.iter().enumerate() {
            let line = format!("\n{}. {} {}", i + 1, step.location(), step.note);
            description.push_str(&line);
        }
    }
    let mut vulnerability = json!({
        "id": uuid_form(&finding.fingerprint),
        "category": "sast",
        "name": name,
        "message": finding.message,
        "description": description,
        "severity": severity(finding.severity),
        "confidence": confidence(finding.confidence),
        "scanner": { "id": "vigil", "name": "vigil" },
        "location": location,
        "identifiers": identifiers,
    });
    if !finding.help.is_empty() {
        vulnerability["solution"] = json!(finding.help);
    }
    vulnerability
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_become_uuids() {
        assert_eq!(
            uuid_form("0123456789abcdef0123456789abcdef"),
            "01234567-89ab-cdef-0123-456789abcdef"
        );
        assert_eq!(uuid_form("short"), "short");
    }
}
