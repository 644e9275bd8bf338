//! The result of one scan: findings, per-file errors and a summary.

use crate::finding::{Finding, Severity};
use crate::metrics::FileMetrics;
use serde::{Deserialize, Serialize};

/// A file that could not be scanned (or scanned only in part), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanError {
    pub path: String,
    pub message: String,
    /// The file was still analysed, all but what the message names (a
    /// syntax error, a cut expression, a lossy decoding): a caveat, which
    /// does not fail the run. Otherwise the file, or its code, went
    /// unanalysed, and the run fails unless `--allow-unanalysed`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

impl ScanError {
    /// A file, or its code, that went unanalysed.
    pub fn unanalysed(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScanError {
            path: path.into(),
            message: message.into(),
            partial: false,
        }
    }

    /// A caveat on a file that was analysed.
    pub fn caveat(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScanError {
            path: path.into(),
            message: message.into(),
            partial: true,
        }
    }
}

/// Counts that every writer may show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub files_scanned: usize,
    pub lines_scanned: usize,
    pub findings: usize,
    pub errors: usize,
    pub by_severity: std::collections::BTreeMap<String, usize>,
    /// Findings hidden by inline suppressions.
    pub suppressed: usize,
    /// Findings hidden by a baseline.
    pub baselined: usize,
    /// Files and folders the walk left out, by reason ("default excludes",
    /// "ignore files", "configuration"); reasons that left nothing out are
    /// absent.
    #[serde(default)]
    pub excluded: std::collections::BTreeMap<String, usize>,
    /// The archives and installed distributions scanned, one summary each
    /// (absent when there were none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<crate::PackageSummary>,
    pub duration_ms: u64,
}

impl Summary {
    /// "12 paths excluded (10 by default excludes, 2 by ignore files)", or
    /// `None` when the walk left nothing out.
    pub fn excluded_text(&self) -> Option<String> {
        let total: usize = self.excluded.values().sum();
        (total > 0).then(|| {
            let reasons: Vec<String> = self
                .excluded
                .iter()
                .map(|(reason, n)| format!("{n} by {reason}"))
                .collect();
            format!(
                "{total} path{} excluded ({})",
                if total == 1 { "" } else { "s" },
                reasons.join(", ")
            )
        })
    }
}

/// What a writer needs to know about a rule that fired: its documentation
/// lives with the rule, and reaches the writers through this type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    pub name: String,
    pub category: String,
    pub summary: String,
    /// The rule's full documentation in Markdown.
    pub doc: String,
    pub cwe: Vec<u32>,
    pub severity: Severity,
}

/// Everything one scan produced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanReport {
    pub findings: Vec<Finding>,
    pub errors: Vec<ScanError>,
    pub summary: Summary,
    /// Documentation of the rules that fired (and of any rule a writer may list).
    #[serde(skip)]
    pub rules: Vec<RuleInfo>,
    /// Size, complexity and imports of every scanned file (for overviews).
    #[serde(default)]
    pub files: Vec<FileMetrics>,
    /// Facts about the run beyond findings, by name (`check --deps` adds
    /// `database`: the advisory database's date and age). The JSON writer
    /// writes them at the top level, SARIF in `run.properties`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub properties: std::collections::BTreeMap<String, serde_json::Value>,
}

impl ScanReport {
    /// Sorts findings and errors and recomputes the counts in the summary.
    pub fn finish(&mut self) {
        // Several findings at one place (the advisories of one dependency)
        // in the natural order of their messages: `PYSEC-2022-2` before
        // `PYSEC-2022-19`.
        self.findings.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then_with(|| crate::natural_cmp(&a.message, &b.message))
        });
        self.errors
            .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        self.summary.findings = self.findings.len();
        self.summary.errors = self.errors.len();
        self.summary.by_severity.clear();
        for severity in Severity::ALL {
            let count = self
                .findings
                .iter()
                .filter(|f| f.severity == severity)
                .count();
            self.summary
                .by_severity
                .insert(severity.as_str().to_string(), count);
        }
        // Listed only when present: only dependency advisories have it.
        let unknown = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Unknown)
            .count();
        if unknown > 0 {
            self.summary
                .by_severity
                .insert(Severity::Unknown.as_str().to_string(), unknown);
        }
        crate::packages::count(self);
    }

    pub fn rule_info(&self, name: &str) -> Option<&RuleInfo> {
        self.rules.iter().find(|r| r.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Confidence;

    #[test]
    fn findings_at_one_place_are_in_the_natural_order_of_their_messages() {
        let at = |message: &str| Finding {
            rule: "vulnerable-dependency".into(),
            severity: Severity::High,
            confidence: Confidence::High,
            cwe: vec![1395],
            path: "requirements.txt".into(),
            line: 3,
            column: 1,
            end_line: 3,
            end_column: 14,
            message: message.into(),
            help: String::new(),
            fingerprint: String::new(),
            cell: None,
            flow: Vec::new(),
            snippet: None,
        };
        let mut report = ScanReport {
            findings: vec![
                at("jinja2 2.10 is affected by PYSEC-2022-19"),
                at("jinja2 2.10 is affected by PYSEC-2021-100"),
                at("jinja2 2.10 is affected by PYSEC-2022-2"),
            ],
            ..ScanReport::default()
        };
        report.finish();
        let ids: Vec<&str> = report
            .findings
            .iter()
            .map(|f| f.message.rsplit(' ').next().unwrap())
            .collect();
        assert_eq!(ids, ["PYSEC-2021-100", "PYSEC-2022-2", "PYSEC-2022-19"]);
    }
}
