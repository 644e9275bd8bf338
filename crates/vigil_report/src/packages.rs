//! The per-package summary: for each archive or installed distribution
//! scanned, its name and version, files scanned, and its findings counted
//! by severity, by category and by rule (so the indicators of any rule,
//! present or future, show up without this code naming it).

use crate::report::ScanReport;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One scanned package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageSummary {
    /// The archive's path as shown, or the `*.dist-info` folder of an
    /// installed distribution.
    pub source: String,
    /// `wheel`, `sdist`, `egg` or `installed`.
    pub kind: String,
    /// From the package's `METADATA`/`PKG-INFO`; empty when it has none.
    pub name: String,
    pub version: String,
    /// Its files analysed (those left unanalysed are in `errors`).
    pub files_scanned: usize,
    pub findings: usize,
    pub by_severity: BTreeMap<String, usize>,
    pub by_category: BTreeMap<String, usize>,
    pub by_rule: BTreeMap<String, usize>,
    /// File errors and caveats on the package or its files.
    pub errors: usize,
    /// The shown paths of the files handed to the analysis (to count what
    /// belongs to the package; not written).
    #[serde(skip)]
    pub files: Vec<String>,
}

impl PackageSummary {
    /// "requests 2.31.0", or the source when the metadata named none.
    pub fn title(&self) -> String {
        match (self.name.is_empty(), self.version.is_empty()) {
            (true, _) => self.source.clone(),
            (false, true) => self.name.clone(),
            (false, false) => format!("{} {}", self.name, self.version),
        }
    }

    /// One line for people: "demo 1.0 (sdist demo-1.0.tar.gz): 3 files,
    /// 2 findings (2 critical; injection 2), 1 file error".
    pub fn line(&self) -> String {
        let mut line = format!(
            "{} ({} {}): {} file{}, {} finding{}",
            self.title(),
            self.kind,
            self.source,
            self.files_scanned,
            if self.files_scanned == 1 { "" } else { "s" },
            self.findings,
            if self.findings == 1 { "" } else { "s" },
        );
        if self.findings > 0 {
            let severities = crate::Severity::ALL
                .iter()
                .rev()
                .filter_map(|s| {
                    let n = self.by_severity.get(s.as_str())?;
                    Some(format!("{n} {}", s.as_str()))
                })
                .collect::<Vec<_>>()
                .join(", ");
            let categories = self
                .by_category
                .iter()
                .map(|(c, n)| format!("{c} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            line.push_str(&format!(" ({severities}; {categories})"));
        }
        if self.errors > 0 {
            line.push_str(&format!(
                ", {} file error{}",
                self.errors,
                if self.errors == 1 { "" } else { "s" }
            ));
        }
        line
    }

    /// Whether a shown path (of a finding or an error) belongs to it.
    fn holds(&self, path: &str) -> bool {
        let Some(rest) = path.strip_prefix(self.source.as_str()) else {
            return false;
        };
        // An installed distribution's errors name its RECORD.
        rest.is_empty()
            || rest.starts_with("!/")
            || (self.kind == "installed" && rest.starts_with('/'))
    }
}

/// Recounts every package of the report from its findings and errors.
pub(crate) fn count(report: &mut ScanReport) {
    if report.summary.packages.is_empty() {
        return;
    }
    let mut owner: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, package) in report.summary.packages.iter().enumerate() {
        for file in &package.files {
            owner.entry(file.as_str()).or_insert(i);
        }
    }
    let find = |path: &str| {
        owner
            .get(path)
            .copied()
            .or_else(|| report.summary.packages.iter().position(|p| p.holds(path)))
    };
    let category: BTreeMap<&str, &str> = report
        .rules
        .iter()
        .map(|r| (r.name.as_str(), r.category.as_str()))
        .collect();
    let n = report.summary.packages.len();
    let mut tallies: Vec<PackageSummary> = vec![PackageSummary::default(); n];
    let mut unanalysed: Vec<std::collections::HashSet<&str>> = vec![Default::default(); n];
    for finding in &report.findings {
        if let Some(i) = find(&finding.path) {
            let t = &mut tallies[i];
            t.findings += 1;
            *t.by_severity
                .entry(finding.severity.as_str().to_string())
                .or_default() += 1;
            let cat = category
                .get(finding.rule.as_str())
                .copied()
                .unwrap_or("other");
            *t.by_category.entry(cat.to_string()).or_default() += 1;
            *t.by_rule.entry(finding.rule.clone()).or_default() += 1;
        }
    }
    for error in &report.errors {
        if let Some(i) = find(&error.path) {
            tallies[i].errors += 1;
            if !error.partial {
                unanalysed[i].insert(error.path.as_str());
            }
        }
    }
    let mut done = Vec::with_capacity(n);
    for (i, package) in report.summary.packages.iter().enumerate() {
        let failed = package
            .files
            .iter()
            .filter(|f| unanalysed[i].contains(f.as_str()))
            .count();
        let t = std::mem::take(&mut tallies[i]);
        done.push(PackageSummary {
            files_scanned: package.files.len() - failed,
            findings: t.findings,
            by_severity: t.by_severity,
            by_category: t.by_category,
            by_rule: t.by_rule,
            errors: t.errors,
            ..package.clone()
        });
    }
    report.summary.packages = done;
}
