//! `--format json`: the whole report as one JSON document.
//!
//! Shape: `{"version", "findings": [...], "errors": [{"path", "message"}],
//! "summary": {...}}`; a producer may append fields of its own
//! ([`render_with`]: `vigil deps` adds its dependencies). JSON escaping (serde_json, then [`crate::jsonout`] for
//! hidden characters) makes any content of the scanned code safe here.

use crate::report::ScanReport;
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a, E: Serialize> {
    version: &'a str,
    findings: &'a [crate::Finding],
    errors: &'a [crate::ScanError],
    summary: &'a crate::Summary,
    #[serde(flatten)]
    extra: &'a E,
}

/// No extra fields.
#[derive(Serialize)]
struct Nothing {}

/// Renders `report` as pretty-printed JSON, ending with a newline.
pub fn render(report: &ScanReport, tool_version: &str) -> String {
    if report.properties.is_empty() {
        render_with(report, tool_version, &Nothing {})
    } else {
        render_with(report, tool_version, &report.properties)
    }
}

/// [`render`] with the fields of `extra` (a struct or a map) after the
/// standard ones; they must not reuse their names.
pub fn render_with(report: &ScanReport, tool_version: &str, extra: &impl Serialize) -> String {
    let doc = JsonReport {
        version: tool_version,
        findings: &report.findings,
        errors: &report.errors,
        summary: &report.summary,
        extra,
    };
    crate::jsonout::pretty(&doc)
}
