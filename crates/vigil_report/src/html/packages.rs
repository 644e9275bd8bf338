//! The packages section: one row per archive or installed distribution
//! scanned, with its findings by severity and by category.

use super::escape::text;
use super::overview::severity_class;
use crate::ScanReport;
use crate::finding::Severity;
use std::fmt::Write;

pub(super) fn section(report: &ScanReport) -> String {
    let packages = &report.summary.packages;
    if packages.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section id=\"packages\"><h2>Packages</h2><div class=\"table-wrap\"><table class=\"sortable\">\
         <thead><tr><th data-type=\"text\" aria-sort=\"ascending\">Package</th>\
         <th data-type=\"text\">Kind</th><th data-type=\"text\">Source</th>\
         <th data-type=\"num\">Files</th><th data-type=\"num\">Findings</th>\
         <th data-type=\"text\">Categories</th><th data-type=\"num\">Errors</th>\
         <th data-type=\"text\">Verdict</th></tr></thead><tbody>",
    );
    for package in packages {
        let mut badges = String::new();
        for severity in Severity::ALL.iter().rev() {
            if let Some(count) = package.by_severity.get(severity.as_str()) {
                let _ = write!(
                    badges,
                    "<span class=\"pill {}\" title=\"{}\">{count}</span>",
                    severity_class(*severity),
                    severity.as_str()
                );
            }
        }
        let categories = package
            .by_category
            .iter()
            .map(|(c, n)| format!("{} {n}", text(c)))
            .collect::<Vec<_>>()
            .join(", ");
        let title = text(&package.title());
        let _ = write!(
            out,
            "<tr><td data-value=\"{title}\">{title}</td><td>{}</td><td class=\"path\"><code>{}</code></td>\
             <td class=\"n\" data-value=\"{files}\">{files}</td>\
             <td class=\"n\" data-value=\"{findings}\">{badges}</td><td>{categories}</td>\
             <td class=\"n\" data-value=\"{errors}\">{errors}</td><td>{verdict}</td></tr>",
            text(&package.kind),
            text(&package.source),
            files = package.files_scanned,
            findings = package.findings,
            errors = package.errors,
            verdict = text(&package.verdict),
        );
    }
    out.push_str("</tbody></table></div></section>");
    out
}
