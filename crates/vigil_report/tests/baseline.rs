//! Baselines: findings keep their identity when code moves, a second copy
//! of the same mistake is new, and the file never holds code.

mod common;

use vigil_report::{
    BaselineError, Confidence, Finding, ScanReport, Severity, apply_baseline, fingerprint,
    normalize_code, write_baseline,
};

/// Scans `source` the way the scanner fingerprints: every line calling
/// `eval(` is a finding, numbered by occurrence of the same code.
fn scan(path: &str, source: &str) -> ScanReport {
    let mut seen: Vec<String> = Vec::new();
    let mut findings = Vec::new();
    for (i, line) in source.lines().enumerate() {
        if let Some(column) = line.find("eval(") {
            let code = normalize_code(line);
            let occurrence = seen.iter().filter(|c| **c == code).count();
            seen.push(code);
            findings.push(Finding {
                rule: "eval-used".into(),
                severity: Severity::High,
                confidence: Confidence::High,
                cwe: vec![95],
                path: path.into(),
                line: i as u32 + 1,
                column: column as u32 + 1,
                end_line: i as u32 + 1,
                end_column: line.chars().count() as u32 + 1,
                message: "`eval` on dynamic input".into(),
                help: String::new(),
                fingerprint: fingerprint("eval-used", path, line, occurrence),
                cell: None,
                flow: Vec::new(),
                snippet: None,
            });
        }
    }
    let mut report = ScanReport {
        findings,
        ..ScanReport::default()
    };
    report.finish();
    report
}

const BEFORE: &str = "import os\n\ndef f(x):\n    return eval(x)\n";
const SHIFTED: &str = "import os\nimport sys\n\n\n# helper\ndef f(x):\n        return   eval(x)\n";
const COPIED: &str = "import os\n\ndef f(x):\n    return eval(x)\n\ndef g(y):\n    return eval(y)\n\ndef h(x):\n    return eval(x)\n";

#[test]
fn moved_code_stays_baselined() {
    let baseline = write_baseline(&scan("app.py", BEFORE));
    let mut report = scan("app.py", SHIFTED);
    let hidden = apply_baseline(&mut report, &baseline).unwrap();
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0].line, 7);
    assert!(report.findings.is_empty());
    assert_eq!(report.summary.baselined, 1);
    assert_eq!(report.summary.findings, 0);
}

#[test]
fn a_second_copy_is_new() {
    let baseline = write_baseline(&scan("app.py", BEFORE));
    let mut report = scan("app.py", COPIED);
    assert_eq!(report.findings.len(), 3);
    let hidden = apply_baseline(&mut report, &baseline).unwrap();
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0].line, 4);
    let new_lines: Vec<u32> = report.findings.iter().map(|f| f.line).collect();
    assert_eq!(new_lines, [7, 10], "eval(y) and the second eval(x) are new");
    assert_eq!(report.summary.findings, 2);
    assert_eq!(report.summary.by_severity["high"], 2);
}

#[test]
fn other_file_is_not_baselined() {
    let baseline = write_baseline(&scan("app.py", BEFORE));
    let mut report = scan("other.py", BEFORE);
    assert!(apply_baseline(&mut report, &baseline).unwrap().is_empty());
    assert_eq!(report.findings.len(), 1);
}

#[test]
fn baseline_holds_no_code() {
    let report = common::report();
    let text = write_baseline(&report);
    for finding in &report.findings {
        for line in finding.snippet.iter().flat_map(|s| &s.lines) {
            if line.trim().len() > 3 {
                assert!(!text.contains(line.trim()), "code leaked: {line}");
            }
        }
    }
    let mut again = report.clone();
    let hidden = apply_baseline(&mut again, &text).unwrap();
    assert_eq!(hidden.len(), report.findings.len());
    assert_eq!(again.summary.baselined, report.findings.len());
}

#[test]
fn bad_baselines_are_errors() {
    let mut report = common::report();
    assert!(matches!(
        apply_baseline(&mut report, "not json"),
        Err(BaselineError::Parse(_))
    ));
    assert!(matches!(
        apply_baseline(&mut report, r#"{"version": 99, "findings": []}"#),
        Err(BaselineError::Version { found: 99 })
    ));
    assert_eq!(report.findings.len(), common::report().findings.len());
}
