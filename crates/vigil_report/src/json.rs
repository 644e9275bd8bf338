//! `--format json`: the whole report as one JSON document.
//!
//! Shape: `{"version", "findings": [...], "errors": [{"path", "message"}],
//! "summary": {...}}`. JSON escaping (serde_json, then [`crate::jsonout`] for
//! hidden characters) makes any content of the scanned code safe here.

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
    crate::jsonout::pretty(&doc)
}
