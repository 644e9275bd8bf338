//! The CI formats parse as their readers parse them, whatever the scanned
//! code holds: one annotation per line for GitHub, well-formed XML for
//! JUnit, RFC 4180 records without formulas for CSV, the v15 shape for
//! GitLab.

mod common;

use serde_json::Value;
use vigil_report::{Format, render};

fn rendered(format: Format) -> String {
    render(format, &common::report(), &common::options())
}

#[test]
fn github_annotations_are_one_command_per_line() {
    let report = common::report();
    let output = rendered(Format::Github);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), report.findings.len() + report.errors.len());
    assert!(!output.contains('\r'));
    for line in lines {
        let (command, rest) = line[2..].split_once(' ').unwrap();
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        let (properties, _message) = rest.split_once("::").unwrap();
        for property in properties.split(',') {
            let (key, _) = property.split_once('=').unwrap();
            assert!(
                ["file", "line", "endLine", "col", "endColumn", "title"].contains(&key),
                "{line}"
            );
        }
    }
    assert!(output.contains("::error file=shop/views.py,line=14,endLine=14,col=12,endColumn=75,title=sql-injection (critical)::"));
}

#[test]
fn junit_is_well_formed_xml() {
    let report = common::report();
    let output = rendered(Format::Junit);
    let document = roxmltree::Document::parse(&output).expect("well-formed XML");
    let cases: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), report.findings.len() + report.errors.len());
    let failures = document
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    let errors = document
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .count();
    assert_eq!(
        (failures, errors),
        (report.findings.len(), report.errors.len())
    );
    let hostile = document
        .descendants()
        .find(|n| n.has_tag_name("failure") && n.attribute("type") == Some("eval-used"))
        .unwrap();
    assert!(
        hostile
            .attribute("message")
            .unwrap()
            .starts_with("</script><img src=x onerror=alert(1)> --> ]]> \"'")
    );
    assert!(hostile.text().unwrap().contains("\n::warning::injected"));
}

#[test]
fn junit_of_a_clean_scan_has_one_passing_case() {
    let output = vigil_report::junit::render(&vigil_report::ScanReport::default());
    let document = roxmltree::Document::parse(&output).unwrap();
    assert_eq!(
        document
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        1
    );
    assert_eq!(
        document
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        0
    );
}

/// A strict RFC 4180 reader: records of fields, CRLF-terminated.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "bare CR outside quotes");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => {
                assert!(c != '\n' && c != '"', "unquoted {c:?}");
                field.push(c);
            }
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "last record not terminated"
    );
    records
}

#[test]
fn csv_is_rfc4180_without_formulas() {
    let report = common::report();
    let records = parse_csv(&rendered(Format::Csv));
    assert_eq!(records.len(), report.findings.len() + 1);
    assert!(records.iter().all(|r| r.len() == 14));
    for cell in records.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "formula cell {cell:?}"
        );
    }
    let hostile = records.iter().find(|r| r[2] == "eval-used").unwrap();
    assert!(hostile[10].ends_with("injected, =cmd"));
    assert!(hostile[4].contains("\\u{202e}"));
}

#[test]
fn gitlab_report_has_the_v15_shape() {
    let report = common::report();
    let doc: Value = serde_json::from_str(&rendered(Format::Gitlab)).unwrap();
    assert_eq!(doc["version"], vigil_report::gitlab::SCHEMA_VERSION);
    let scan = &doc["scan"];
    assert_eq!(scan["type"], "sast");
    assert_eq!(scan["status"], "success");
    assert_eq!(scan["start_time"], "2026-01-01T00:00:00");
    assert_eq!(scan["end_time"], "2026-01-01T00:00:02");
    for tool in [&scan["analyzer"], &scan["scanner"]] {
        for key in ["id", "name", "version"] {
            assert!(tool[key].is_string(), "{key}");
        }
        assert!(tool["vendor"]["name"].is_string());
    }
    assert_eq!(
        scan["messages"].as_array().unwrap().len(),
        report.errors.len()
    );
    let vulns = doc["vulnerabilities"].as_array().unwrap();
    assert_eq!(vulns.len(), report.findings.len());
    let mut ids: Vec<&str> = vulns.iter().map(|v| v["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), vulns.len(), "ids are unique");
    for v in vulns {
        assert_eq!(v["category"], "sast");
        assert!(["Critical", "High", "Medium", "Low"].contains(&v["severity"].as_str().unwrap()));
        assert!(v["location"]["file"].is_string());
        assert!(v["location"]["start_line"].as_u64().unwrap() >= 1);
        let identifiers = v["identifiers"].as_array().unwrap();
        assert!(
            identifiers
                .iter()
                .all(|i| i["type"].is_string() && i["name"].is_string() && i["value"].is_string())
        );
    }
    let sql = vulns
        .iter()
        .find(|v| v["identifiers"][0]["value"] == "sql-injection")
        .unwrap();
    assert_eq!(sql["severity"], "Critical");
    assert_eq!(sql["identifiers"][1]["value"], "89");
    assert!(sql["description"].as_str().unwrap().contains("Dataflow:"));
}
