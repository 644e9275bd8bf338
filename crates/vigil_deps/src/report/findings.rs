//! Vulnerabilities as `vigil_report::Finding`s, and an audit as a
//! `ScanReport`, for the shared writers (text, JSON, SARIF, HTML, ...).

use crate::audit::{AuditReport, Vulnerability};
use crate::manifest::ManifestKind;
use std::collections::HashMap;
use vigil_report::{
    Confidence, Finding, RuleInfo, ScanError, ScanReport, Severity, Snippet, fingerprint,
};

/// The rule name of dependency findings.
pub const RULE: &str = "vulnerable-dependency";
/// CWE-1395: Dependency on Vulnerable Third-Party Component.
pub const CWE: u32 = 1395;

/// The rule's documentation, for writers that describe the rules that fired
/// (SARIF `rules`, the HTML report). Its headings follow the catalog's.
pub fn rule_info() -> RuleInfo {
    RuleInfo {
        name: RULE.to_owned(),
        category: "dependencies".to_owned(),
        summary: "A dependency has a known vulnerability".to_owned(),
        doc: RULE_DOC.to_owned(),
        cwe: vec![CWE],
        severity: Severity::High,
    }
}

const RULE_DOC: &str = "## What it does

Checks the versions a project declares or locks (requirement files, \
`pyproject.toml`, `Pipfile`, `setup.cfg`, `setup.py` (read, never run), \
`poetry.lock`, `uv.lock`, `Pipfile.lock`, `pylock.toml`, inline script \
metadata, an installed environment), and the requirements a scanned \
package declares (the `Requires-Dist` of a wheel's, sdist's or installed \
distribution's metadata), against known vulnerabilities from the OSV \
database. A pinned version is checked; a range is checked when it is \
bounded above and the newest versions it allows are affected (`urllib3<1.24`: \
whatever the installer picks, it is vulnerable). A range open upwards is \
listed as not pinned: it can reach the fixed releases.

## Why is this bad?

A published vulnerability comes with a description of how to exploit it. \
Running an affected version exposes the application to attacks that are \
already known, often automated. An unpinned requirement whose range still \
allows affected versions can install one at any time.

## Example

```text
jinja2==2.10
```

## Use instead

```text
jinja2==2.11.3
```

Upgrade to the version vigil names: the smallest release that clears every \
known advisory for the package. For a range capped below the fix, raise its \
upper bound; for a package that declares such a range, choose a release of \
it that allows the fix.

## References

- CWE-1395: Dependency on Vulnerable Third-Party Component
- OSV schema: https://ossf.github.io/osv-schema/
";

/// The audit as a report for `vigil_report`'s writers: one finding per
/// vulnerability, the rule's documentation, the manifests read counted as
/// the files scanned.
pub fn to_scan_report(report: &AuditReport) -> ScanReport {
    let mut scan = ScanReport {
        findings: to_findings(report),
        errors: to_errors(report),
        rules: vec![rule_info()],
        ..ScanReport::default()
    };
    scan.summary.files_scanned = report.files.len();
    scan.finish();
    scan
}

/// The files, entries and lines that could not be parsed, as scan errors
/// (they fail the run).
pub fn to_errors(report: &AuditReport) -> Vec<ScanError> {
    report
        .errors
        .iter()
        .map(|e| {
            let what = if e.requirement.is_empty() {
                String::new()
            } else {
                format!(" ({})", e.requirement)
            };
            ScanError::unanalysed(
                e.file.clone(),
                format!("line {}: {}{what}", e.line, e.reason),
            )
        })
        .collect()
}

/// One finding per vulnerability, located at the declaring line.
///
/// The fingerprint hashes the package and advisory id (not the version or
/// the line), so it survives edits around the declaration and upgrades that
/// leave the advisory open.
pub fn to_findings(report: &AuditReport) -> Vec<Finding> {
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    let mut per_dependency: HashMap<(&str, u32, &str), usize> = HashMap::new();
    for v in &report.vulnerabilities {
        *per_dependency
            .entry((&v.file, v.line, &v.package))
            .or_default() += 1;
    }
    report
        .vulnerabilities
        .iter()
        .map(|v| {
            let code = format!("{} {}", v.package, v.id);
            let occurrence = counts.entry((v.file.clone(), code.clone())).or_default();
            let fp = fingerprint(RULE, &v.file, &code, *occurrence);
            *occurrence += 1;
            let siblings = per_dependency
                .get(&(v.file.as_str(), v.line, v.package.as_str()))
                .copied()
                .unwrap_or(1);
            finding(v, fp, siblings)
        })
        .collect()
}

fn finding(v: &Vulnerability, fingerprint: String, siblings: usize) -> Finding {
    let declared = match (&v.version, &v.specifier) {
        (Some(version), _) => version.clone(),
        (None, Some(spec)) => format!("{spec} (the newest versions it allows)"),
        _ => String::new(),
    };
    let aliases = if v.aliases.is_empty() {
        String::new()
    } else {
        format!(" ({})", v.aliases.join(", "))
    };
    let summary = if v.summary.is_empty() {
        String::new()
    } else {
        format!(": {}", v.summary)
    };
    let width = u32::try_from(v.text.chars().count()).unwrap_or(0);
    let repeated = if v.occurrences > 1 {
        let lines: Vec<String> = v.repeated_at.iter().map(u32::to_string).collect();
        let more = if v.occurrences > v.repeated_at.len() + 1 {
            ", ..."
        } else {
            ""
        };
        format!(
            " (declared {} times in this file, also on lines {}{more})",
            v.occurrences,
            lines.join(", ")
        )
    } else {
        String::new()
    };
    let severity_note = if v.severity == Severity::Unknown {
        " [severity unknown: the advisory gives none]"
    } else {
        ""
    };
    Finding {
        rule: RULE.to_owned(),
        severity: v.severity,
        confidence: if v.version.is_some() {
            Confidence::High
        } else {
            Confidence::Medium
        },
        cwe: vec![CWE],
        path: v.file.clone(),
        line: v.line,
        column: 1,
        end_line: v.line,
        end_column: width + 1,
        message: format!(
            "{} {declared} is affected by {}{aliases}{severity_note}{summary}{repeated}",
            v.package, v.id
        ),
        help: upgrade_advice(v, siblings),
        fingerprint,
        cell: None,
        flow: Vec::new(),
        snippet: (!v.text.is_empty()).then(|| Snippet {
            start_line: v.line,
            lines: vec![v.text.clone()],
        }),
    }
}

/// What to do about a dependency's `count` vulnerabilities.
fn upgrade_advice(v: &Vulnerability, count: usize) -> String {
    let all = match count {
        1 => "the advisory".to_owned(),
        2 => "both advisories".to_owned(),
        _ => format!("all {count} advisories"),
    };
    match (&v.fix_version, &v.version) {
        (Some(fix), Some(_)) => {
            format!("upgrade {} to {fix} (clears {all} known for it)", v.package)
        }
        (Some(fix), None) if v.source == ManifestKind::PackageMetadata => format!(
            "this package's metadata keeps {} below {fix}, the release that clears {all}: \
             choose a release of the package that allows it, or ask its maintainers to raise \
             the bound",
            v.package
        ),
        (Some(fix), None) => format!(
            "raise the bound to allow {}>={fix} (the range keeps out the release that clears {all})",
            v.package
        ),
        (None, _) => format!(
            "no release fixes {all}: consider replacing {} or mitigating the issue",
            v.package
        ),
    }
}
