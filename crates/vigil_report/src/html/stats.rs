//! Counts behind the overview: findings per severity, category, CWE and
//! file, and imports per kind. Pure functions over the report.

use crate::finding::{Finding, Severity};
use crate::metrics::{FileMetrics, ImportKind};
use crate::report::ScanReport;
use std::collections::{BTreeMap, BTreeSet};

/// Counts per severity, indexed by `Severity as usize` (low first).
pub(super) type SeverityCounts = [usize; 5];

pub(super) fn index(severity: Severity) -> usize {
    severity as usize
}

/// Weight of a severity in a file's risk score.
fn weight(severity: Severity) -> usize {
    match severity {
        Severity::Unknown | Severity::Critical => 10,
        Severity::High => 5,
        Severity::Medium => 2,
        Severity::Low => 1,
    }
}

pub(super) fn by_severity(findings: &[Finding]) -> SeverityCounts {
    let mut counts = [0; 5];
    for f in findings {
        counts[index(f.severity)] += 1;
    }
    counts
}

/// Category of a finding's rule, or "other" when the rule is undocumented.
pub(super) fn category<'a>(report: &'a ScanReport, finding: &Finding) -> &'a str {
    report
        .rule_info(&finding.rule)
        .map(|i| i.category.as_str())
        .filter(|c| !c.is_empty())
        .unwrap_or("other")
}

/// Severity counts grouped by `key`, largest total first.
pub(super) fn grouped<'a>(
    findings: impl Iterator<Item = (String, &'a Finding)>,
) -> Vec<(String, SeverityCounts)> {
    let mut groups: BTreeMap<String, SeverityCounts> = BTreeMap::new();
    for (key, finding) in findings {
        groups.entry(key).or_default()[index(finding.severity)] += 1;
    }
    let mut list: Vec<_> = groups.into_iter().collect();
    list.sort_by_key(|(key, counts)| (std::cmp::Reverse(risk(counts)), key.clone()));
    list
}

/// Risk score of a file: findings weighted by severity.
pub(super) fn risk(counts: &SeverityCounts) -> usize {
    Severity::ALL
        .iter()
        .chain([&Severity::Unknown])
        .map(|s| counts[index(*s)] * weight(*s))
        .sum()
}

/// One row of the per-file table.
pub(super) struct FileRow<'a> {
    pub path: &'a str,
    pub metrics: Option<&'a FileMetrics>,
    pub counts: SeverityCounts,
}

/// Every file with metrics or findings, in path order.
pub(super) fn file_rows(report: &ScanReport) -> Vec<FileRow<'_>> {
    let mut rows: BTreeMap<&str, FileRow<'_>> = BTreeMap::new();
    for metrics in &report.files {
        rows.insert(
            &metrics.path,
            FileRow {
                path: &metrics.path,
                metrics: Some(metrics),
                counts: [0; 5],
            },
        );
    }
    for finding in &report.findings {
        rows.entry(&finding.path)
            .or_insert(FileRow {
                path: &finding.path,
                metrics: None,
                counts: [0; 5],
            })
            .counts[index(finding.severity)] += 1;
    }
    rows.into_values().collect()
}

/// Distinct imported modules per kind, each with the files importing it,
/// most imported first.
pub(super) fn imports(report: &ScanReport) -> Vec<(ImportKind, Vec<(String, usize)>)> {
    let mut modules: BTreeMap<(ImportKind, &str), BTreeSet<&str>> = BTreeMap::new();
    for file in &report.files {
        for import in &file.imports {
            modules
                .entry((import.kind, &import.module))
                .or_default()
                .insert(&file.path);
        }
    }
    ImportKind::ALL
        .into_iter()
        .map(|kind| {
            let mut list: Vec<(String, usize)> = modules
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, module), files)| (module.to_string(), files.len()))
                .collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (kind, list)
        })
        .collect()
}

/// Short names of common CWEs, for chart labels.
pub(super) fn cwe_name(cwe: u32) -> Option<&'static str> {
    Some(match cwe {
        20 => "improper input validation",
        22 => "path traversal",
        78 => "OS command injection",
        79 => "cross-site scripting",
        89 => "SQL injection",
        90 => "LDAP injection",
        94 => "code injection",
        95 => "eval injection",
        117 => "log injection",
        200 => "information exposure",
        250 => "unnecessary privileges",
        259 | 798 => "hard-coded credentials",
        295 => "improper certificate validation",
        319 => "cleartext transmission",
        326 => "weak encryption strength",
        327 => "broken cryptography",
        328 => "weak hash",
        330 | 338 => "weak randomness",
        352 => "cross-site request forgery",
        377 => "insecure temporary file",
        400 => "resource exhaustion",
        489 => "debug code left active",
        502 => "unsafe deserialization",
        601 => "open redirect",
        605 | 1327 => "binding to all interfaces",
        611 => "XML external entities",
        643 => "XPath injection",
        703 => "unchecked error condition",
        732 => "permissive permissions",
        776 => "XML entity expansion",
        918 => "server-side request forgery",
        1333 => "regular expression DoS",
        1336 => "template injection",
        1395 => "vulnerable dependency",
        _ => return None,
    })
}
