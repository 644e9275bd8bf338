//! `--format json`: the whole report as one JSON document.
//!
//! Shape: `{"version", "findings": [...], "errors": [{"path", "message"}],
//! "summary": {...}}`. JSON escaping (done by serde_json) makes any content of
//! the scanned code safe here.

use crate::report::ScanReport;
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'a str,
    findings: &'a [crate::Finding],
    errors: &'a [crate::ScanError],
    summary: &'a crate::Summary,
}

/// Renders `report` as pretty-printed JSON, ending with a newline.
pub fn render(report: &ScanReport, tool_version: &str) -> String {
    let doc = JsonReport {
        version: tool_version,
        findings: &report.findings,
        errors: &report.errors,
        summary: &report.summary,
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("a report always serializes");
    out.push('\n');
    out
}
