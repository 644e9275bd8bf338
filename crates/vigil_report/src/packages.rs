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
    /// What runs when the package is installed or at every start of
    /// Python, and when: an sdist's `setup.py`, an in-tree build backend,
    /// `.pth` files.
    #[serde(default)]
    pub runs_at_install: Vec<String>,
    /// Findings of the malicious-code rules (category `supply-chain`), by
    /// rule.
    #[serde(default)]
    pub indicators: BTreeMap<String, usize>,
    /// Known vulnerabilities of the dependencies it declares (category
    /// `dependencies`).
    #[serde(default)]
    pub dependency_advisories: usize,
    /// The package summed up in one line (see [`PackageSummary::verdict`]).
    #[serde(default)]
    pub verdict: String,
    /// The shown paths of the files handed to the analysis (to count what
    /// belongs to the package; not written).
    #[serde(skip)]
    pub files: Vec<String>,
    /// Findings about the package as a whole (a wheel that disagrees with
    /// its `RECORD`), moved into the report's findings by the scan.
    #[serde(skip)]
    pub package_findings: Vec<crate::Finding>,
    /// The package's metadata file as shown (`ARCHIVE!/NAME.dist-info/METADATA`)
    /// and its `Requires-Dist` headers (line, requirement as written), for
    /// the audit of the dependencies it declares (not written).
    #[serde(skip)]
    pub metadata_path: String,
    #[serde(skip)]
    pub requires_dist: Vec<(u32, String)>,
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
            // An advisory may give no severity: "unknown" is counted too.
            let severities = crate::Severity::ALL
                .iter()
                .rev()
                .chain(&[crate::Severity::Unknown])
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

    /// The package in one line, from its counts: how strong the signs of
    /// malicious code are (a high-severity indicator of at least medium
    /// confidence is strong), what runs at install, the advisories of its
    /// dependencies, and whether files were left unanalysed (then the
    /// verdict is incomplete, and says so). `strong` is the number of
    /// strong indicators, `unanalysed` of its files (or the archive
    /// itself) left unanalysed.
    fn judge(&self, strong: usize, unanalysed: usize) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let rules = self
            .indicators
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        let weak: usize = self.indicators.values().sum::<usize>() - strong;
        let mut parts = vec![if strong > 0 {
            let and_weak = if weak > 0 {
                format!(" and {weak} weak")
            } else {
                String::new()
            };
            format!(
                "{}{and_weak} of malicious code ({rules}): do not install it before reviewing them",
                plural(strong, "strong sign", "strong signs")
            )
        } else if weak > 0 {
            format!(
                "{} of malicious code ({rules}): review before installing",
                plural(weak, "weak sign", "weak signs")
            )
        } else {
            "no sign of malicious code".to_string()
        }];
        if !self.runs_at_install.is_empty() {
            parts.push(format!(
                "runs code when installed ({})",
                self.runs_at_install.join(", ")
            ));
        }
        if self.dependency_advisories > 0 {
            parts.push(format!(
                "{} in the dependencies it declares",
                plural(
                    self.dependency_advisories,
                    "known vulnerability",
                    "known vulnerabilities"
                )
            ));
        }
        if unanalysed > 0 {
            parts.push(format!(
                "incomplete: {} could not be analysed",
                plural(unanalysed, "file", "files")
            ));
        }
        parts.join("; ")
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
    let mut strong: Vec<usize> = vec![0; n];
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
            match cat {
                "supply-chain" => {
                    *t.indicators.entry(finding.rule.clone()).or_default() += 1;
                    if finding.severity >= crate::Severity::High
                        && finding.confidence >= crate::Confidence::Medium
                    {
                        strong[i] += 1;
                    }
                }
                "dependencies" => t.dependency_advisories += 1,
                _ => {}
            }
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
        let mut counted = PackageSummary {
            files_scanned: package.files.len() - failed,
            findings: t.findings,
            by_severity: t.by_severity,
            by_category: t.by_category,
            by_rule: t.by_rule,
            errors: t.errors,
            indicators: t.indicators,
            dependency_advisories: t.dependency_advisories,
            ..package.clone()
        };
        counted.verdict = counted.judge(strong[i], unanalysed[i].len());
        done.push(counted);
    }
    report.summary.packages = done;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Confidence, Finding, RuleInfo, ScanError, Severity};

    fn finding(path: &str, rule: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            confidence: Confidence::High,
            cwe: vec![78],
            path: path.into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            message: String::new(),
            help: String::new(),
            fingerprint: String::new(),
            cell: None,
            flow: Vec::new(),
            snippet: None,
        }
    }

    fn rule(name: &str, category: &str) -> RuleInfo {
        RuleInfo {
            name: name.into(),
            category: category.into(),
            summary: String::new(),
            doc: String::new(),
            cwe: vec![],
            severity: Severity::High,
        }
    }

    #[test]
    fn findings_and_errors_count_for_the_package_that_holds_them() {
        let mut report = ScanReport {
            findings: vec![
                finding(
                    "a-1.0.tar.gz!/a-1.0/setup.py",
                    "command-injection",
                    Severity::Critical,
                ),
                finding(
                    "a-1.0.tar.gz!/a-1.0/t/b.whl!/b.py",
                    "pickle",
                    Severity::High,
                ),
                finding("a-1.0.tar.gz.py", "pickle", Severity::High),
                finding("venv/site/b/__init__.py", "pickle", Severity::High),
            ],
            errors: vec![
                ScanError::unanalysed("a-1.0.tar.gz!/a-1.0/big.py", "too large"),
                ScanError::caveat("venv/site/b-1.0.dist-info/RECORD", "outside"),
            ],
            rules: vec![
                rule("command-injection", "injection"),
                rule("pickle", "deserialization"),
            ],
            ..ScanReport::default()
        };
        report.summary.packages = vec![
            PackageSummary {
                source: "a-1.0.tar.gz".into(),
                kind: "sdist".into(),
                files: vec![
                    "a-1.0.tar.gz!/a-1.0/setup.py".into(),
                    "a-1.0.tar.gz!/a-1.0/big.py".into(),
                ],
                ..PackageSummary::default()
            },
            PackageSummary {
                source: "venv/site/b-1.0.dist-info".into(),
                kind: "installed".into(),
                name: "b".into(),
                files: vec!["venv/site/b/__init__.py".into()],
                ..PackageSummary::default()
            },
        ];
        report.finish();
        let [a, b] = &report.summary.packages[..] else {
            panic!("two packages")
        };
        assert_eq!((a.findings, a.errors, a.files_scanned), (2, 1, 1));
        assert_eq!(a.by_category["injection"], 1);
        assert_eq!(a.by_category["deserialization"], 1);
        assert_eq!(a.by_severity["critical"], 1);
        assert_eq!((b.findings, b.errors, b.files_scanned), (1, 1, 1));
        assert_eq!(b.title(), "b");
        assert!(
            a.line()
                .starts_with("a-1.0.tar.gz (sdist a-1.0.tar.gz): 1 file, 2 findings")
        );
        // A file left unanalysed makes the verdict say it is incomplete.
        assert_eq!(
            a.verdict,
            "no sign of malicious code; incomplete: 1 file could not be analysed"
        );
        assert_eq!(b.verdict, "no sign of malicious code");
    }

    #[test]
    fn the_verdict_weighs_the_signs_of_malicious_code() {
        let mut weak = finding(
            "p.whl!/p/__init__.py",
            "persistence-mechanism",
            Severity::Medium,
        );
        weak.confidence = Confidence::Low;
        let mut report = ScanReport {
            findings: vec![
                finding(
                    "p.whl!/p/__init__.py",
                    "obfuscated-code-execution",
                    Severity::High,
                ),
                weak,
                finding(
                    "p.whl!/p-1.dist-info/METADATA",
                    "vulnerable-dependency",
                    Severity::High,
                ),
                finding(
                    "q.whl!/q/__init__.py",
                    "persistence-mechanism",
                    Severity::Medium,
                ),
            ],
            rules: vec![
                rule("obfuscated-code-execution", "supply-chain"),
                rule("persistence-mechanism", "supply-chain"),
                rule("vulnerable-dependency", "dependencies"),
            ],
            ..ScanReport::default()
        };
        report.summary.packages = vec![
            PackageSummary {
                source: "p.whl".into(),
                kind: "wheel".into(),
                runs_at_install: vec!["p.pth at every start of Python".into()],
                ..PackageSummary::default()
            },
            PackageSummary {
                source: "q.whl".into(),
                kind: "wheel".into(),
                ..PackageSummary::default()
            },
        ];
        report.finish();
        let [p, q] = &report.summary.packages[..] else {
            panic!("two packages")
        };
        assert_eq!(p.indicators.len(), 2);
        assert_eq!(p.dependency_advisories, 1);
        assert_eq!(
            p.verdict,
            "1 strong sign and 1 weak of malicious code (obfuscated-code-execution, \
             persistence-mechanism): do not install it before reviewing them; runs code when \
             installed (p.pth at every start of Python); 1 known vulnerability in the \
             dependencies it declares"
        );
        assert_eq!(
            q.verdict,
            "1 weak sign of malicious code (persistence-mechanism): review before installing"
        );
    }
}
