//! The top of the report: headline numbers, the charts, the riskiest files,
//! imports by kind, the per-file table and the files that could not be
//! scanned.

use super::charts::{self, Bar, Part};
use super::escape::text;
use super::stats::{self, SeverityCounts};
use crate::finding::Severity;
use crate::metrics::ImportKind;
use crate::report::ScanReport;
use std::fmt::Write;

/// Severities from the worst down, as the report lists them.
pub(super) const WORST_FIRST: [Severity; 5] = [
    Severity::Unknown,
    Severity::Critical,
    Severity::High,
    Severity::Medium,
    Severity::Low,
];

pub(super) fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Unknown => "c-unknown",
        Severity::Critical => "c-critical",
        Severity::High => "c-high",
        Severity::Medium => "c-medium",
        Severity::Low => "c-low",
    }
}

fn kind_class(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Stdlib => "c-stdlib",
        ImportKind::ThirdParty => "c-third",
        ImportKind::Local => "c-local",
    }
}

fn parts(counts: &SeverityCounts) -> Vec<Part> {
    WORST_FIRST
        .iter()
        // Unknown (dependency advisories without a severity) only when there.
        .filter(|s| **s != Severity::Unknown || counts[stats::index(**s)] > 0)
        .map(|s| Part {
            label: s.as_str().to_string(),
            value: counts[stats::index(*s)],
            class: severity_class(*s),
        })
        .collect()
}

fn card(out: &mut String, value: &str, label: &str, class: &str) {
    let _ = write!(
        out,
        "<div class=\"card {class}\"><span class=\"num\">{}</span><span class=\"lbl\">{}</span></div>",
        text(value),
        text(label)
    );
}

/// Headline numbers.
pub(super) fn cards(report: &ScanReport) -> String {
    let s = &report.summary;
    let files = s.files_scanned.max(report.files.len());
    let lines = if s.lines_scanned > 0 {
        s.lines_scanned
    } else {
        report.files.iter().map(|f| f.lines).sum()
    };
    let mut out = String::from("<section class=\"cards\" aria-label=\"Summary\">");
    card(
        &mut out,
        &report.findings.len().to_string(),
        "findings",
        "card-main",
    );
    card(&mut out, &files.to_string(), "files scanned", "");
    card(&mut out, &lines.to_string(), "lines", "");
    let errors_class = if report.errors.is_empty() {
        ""
    } else {
        "card-warn"
    };
    card(
        &mut out,
        &report.errors.len().to_string(),
        "files not scanned",
        errors_class,
    );
    card(&mut out, &s.suppressed.to_string(), "suppressed", "");
    card(&mut out, &s.baselined.to_string(), "baselined", "");
    card(
        &mut out,
        &format!("{:.2}s", s.duration_ms as f64 / 1000.0),
        "scan time",
        "",
    );
    out.push_str("</section>");
    out
}

fn panel(title: &str, body: &str, wide: bool) -> String {
    let class = if wide { "panel wide" } else { "panel" };
    format!(
        "<div class=\"{class}\"><h3>{}</h3>{body}</div>",
        text(title)
    )
}

fn bars_of(groups: Vec<(String, SeverityCounts)>, limit: usize) -> Vec<Bar> {
    groups
        .into_iter()
        .take(limit)
        .map(|(label, counts)| Bar {
            label,
            parts: parts(&counts),
        })
        .collect()
}

/// The chart grid.
pub(super) fn charts(report: &ScanReport) -> String {
    let findings = &report.findings;
    let counts = stats::by_severity(findings);
    let total = findings.len().to_string();
    let severity = charts::donut("Findings by severity", &parts(&counts), &total);

    let by_category = stats::grouped(
        findings
            .iter()
            .map(|f| (stats::category(report, f).to_string(), f)),
    );
    let by_cwe = stats::grouped(findings.iter().flat_map(|f| {
        f.cwe.iter().map(move |cwe| {
            let label = match stats::cwe_name(*cwe) {
                Some(name) => format!("CWE-{cwe} {name}"),
                None => format!("CWE-{cwe}"),
            };
            (label, f)
        })
    }));
    let by_file = stats::grouped(findings.iter().map(|f| (f.path.clone(), f)));

    let mut out = String::from("<section class=\"charts\" aria-label=\"Charts\">");
    out.push_str(&panel("Findings by severity", &severity, false));
    let file_bars = bars_of(by_file, 10);
    out.push_str(&panel(
        "Riskiest files",
        &charts::bars(
            "Riskiest files, by findings weighted by severity",
            &file_bars,
            true,
        ),
        false,
    ));
    let category_bars = bars_of(by_category, 10);
    out.push_str(&panel(
        "By category",
        &charts::bars("Findings by category", &category_bars, false),
        false,
    ));
    let cwe_bars = bars_of(by_cwe, 10);
    out.push_str(&panel(
        "By CWE",
        &charts::bars("Findings by CWE", &cwe_bars, false),
        false,
    ));
    out.push_str(&panel("Imports by kind", &imports(report), true));
    out.push_str("</section>");
    out
}

fn imports(report: &ScanReport) -> String {
    let kinds = stats::imports(report);
    if kinds.iter().all(|(_, modules)| modules.is_empty()) {
        return "<p class=\"empty\">No import information in this report.</p>".to_string();
    }
    let donut_parts: Vec<Part> = kinds
        .iter()
        .map(|(kind, modules)| Part {
            label: kind.label().to_string(),
            value: modules.len(),
            class: kind_class(*kind),
        })
        .collect();
    let modules: usize = donut_parts.iter().map(|p| p.value).sum();
    let mut out = String::from("<div class=\"imports\">");
    out.push_str(&charts::donut(
        "Imported modules by kind",
        &donut_parts,
        &modules.to_string(),
    ));
    for (kind, list) in &kinds {
        let _ = write!(
            out,
            "<div class=\"import-kind\"><h4><span class=\"swatch {}\"></span>{} <small>({} modules)</small></h4><ul class=\"chips\">",
            kind_class(*kind),
            text(kind.label()),
            list.len()
        );
        for (module, files) in list.iter().take(24) {
            let _ = write!(
                out,
                "<li title=\"imported by {files} file(s)\">{} <small>{files}</small></li>",
                text(module)
            );
        }
        if list.len() > 24 {
            let _ = write!(out, "<li class=\"more\">and {} more</li>", list.len() - 24);
        }
        out.push_str("</ul></div>");
    }
    out.push_str("</div>");
    out
}

/// The per-file table, sortable by every column.
pub(super) fn files_table(report: &ScanReport) -> String {
    let rows = stats::file_rows(report);
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section id=\"files\"><h2>Files</h2><div class=\"table-wrap\"><table class=\"sortable\">\
         <thead><tr><th data-type=\"text\" aria-sort=\"ascending\">File</th>\
         <th data-type=\"num\">Lines</th><th data-type=\"num\">Functions</th>\
         <th data-type=\"num\">Complexity</th><th data-type=\"num\">Imports</th>\
         <th data-type=\"num\">Findings</th><th data-type=\"num\">Risk</th></tr></thead><tbody>",
    );
    for row in rows {
        let metric = |value: Option<usize>| match value {
            Some(v) => format!("<td class=\"n\" data-value=\"{v}\">{v}</td>"),
            None => "<td class=\"n\" data-value=\"-1\">–</td>".to_string(),
        };
        let total: usize = row.counts.iter().sum();
        let mut badges = String::new();
        for severity in WORST_FIRST {
            let count = row.counts[stats::index(severity)];
            if count > 0 {
                let _ = write!(
                    badges,
                    "<span class=\"pill {}\" title=\"{}\">{count}</span>",
                    severity_class(severity),
                    severity.as_str()
                );
            }
        }
        let path = text(row.path);
        let link = if total > 0 {
            format!("<a href=\"#findings\" class=\"file-link\" data-file=\"{path}\">{path}</a>")
        } else {
            path.clone()
        };
        let _ = write!(
            out,
            "<tr><td class=\"path\" data-value=\"{path}\">{link}</td>{}{}{}{}<td class=\"n\" data-value=\"{total}\">{badges}</td><td class=\"n\" data-value=\"{risk}\">{risk}</td></tr>",
            metric(row.metrics.map(|m| m.lines)),
            metric(row.metrics.map(|m| m.functions)),
            metric(row.metrics.map(|m| m.complexity)),
            metric(row.metrics.map(|m| m.imports.len())),
            risk = stats::risk(&row.counts),
        );
    }
    out.push_str("</tbody></table></div></section>");
    out
}

/// Files that could not be scanned.
pub(super) fn errors(report: &ScanReport) -> String {
    if report.errors.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section id=\"errors\"><h2>Files that could not be scanned</h2><ul class=\"errors\">",
    );
    for error in &report.errors {
        let _ = write!(
            out,
            "<li><code>{}</code> <span>{}</span></li>",
            text(&error.path),
            text(&error.message)
        );
    }
    out.push_str("</ul></section>");
    out
}
