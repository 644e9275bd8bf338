//! The SARIF log is valid against the OASIS 2.1.0 schema and carries what
//! GitHub code scanning reads.

mod common;
#[path = "support/sarif_schema.rs"]
mod sarif_schema;

use sarif_schema::{assert_valid, validator};
use serde_json::Value;
use vigil_report::{ScanReport, sarif};

fn log_of(report: &ScanReport) -> Value {
    serde_json::from_str(&sarif::render(report, &common::options())).unwrap()
}

#[test]
fn shared_report_is_valid_sarif() {
    assert_valid(&log_of(&common::report()));
}

#[test]
fn empty_report_is_valid_sarif() {
    let mut options = common::options();
    options.scan_root = None;
    options.started_at = None;
    let log: Value =
        serde_json::from_str(&sarif::render(&ScanReport::default(), &options)).unwrap();
    assert_valid(&log);
}

#[test]
fn schema_rejects_a_broken_log() {
    let mut log = log_of(&common::report());
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    let validator = validator();
    assert!(!validator.is_valid(&log));
    // Formats are checked too.
    let mut log = log_of(&common::report());
    log["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
    assert!(!validator.is_valid(&log));
}

#[test]
fn results_carry_what_github_reads() {
    let report = common::report();
    let log = log_of(&report);
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "vigil");
    assert_eq!(driver["version"], "0.1.0-test");
    let rules = driver["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len());
    for (result, finding) in results.iter().zip(&report.findings) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], finding.rule.as_str());
        assert_eq!(
            result["partialFingerprints"]["vigil/v1"],
            finding.fingerprint.as_str()
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.bytes().all(|b| b.is_ascii_graphic()), "{uri}");
        assert!(!uri.contains([':', '<', '"', ',', '#', '?']), "{uri}");
        // A notebook's region is the line of the `.ipynb` document.
        let line = finding
            .cell
            .map_or(Some(finding.line), |cell| cell.document_line);
        assert_eq!(location["region"]["startLine"], line.unwrap());
    }
    let sql = rules.iter().find(|r| r["id"] == "sql-injection").unwrap();
    assert_eq!(sql["properties"]["security-severity"], "9.5");
    assert_eq!(sql["properties"]["precision"], "high");
    assert_eq!(sql["defaultConfiguration"]["level"], "error");
    let tags = sql["properties"]["tags"].as_array().unwrap();
    assert!(tags.contains(&"security".into()) && tags.contains(&"external/cwe/cwe-89".into()));
    assert!(
        sql["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why is this bad?")
    );
    // The undocumented rule still has a descriptor.
    assert!(rules.iter().any(|r| r["id"] == "assert-used"));
    // The taint path is a code flow from source to sink.
    let sql_result = results
        .iter()
        .find(|r| r["ruleId"] == "sql-injection")
        .unwrap();
    let steps = sql_result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(
        steps[1]["location"]["physicalLocation"]["artifactLocation"]["uri"],
        "shop/db.py"
    );
    // Each file that could not be scanned is a notification.
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///home/dev/shop/"
    );
    // Every artifact is relative to the source root.
    for artifact in run["artifacts"].as_array().unwrap() {
        assert_eq!(artifact["location"]["uriBaseId"], "%SRCROOT%");
    }
}
