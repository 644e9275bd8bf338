//! What the HTML report shows a reader: inline code in messages, each
//! rule's explanation once, chart labels whole.

mod common;

use scraper::{Html, Selector};
use vigil_report::{Confidence, Finding, Severity, html};

fn page(report: &vigil_report::ScanReport) -> Html {
    Html::parse_document(&html::render(report, &common::options()))
}

fn texts(page: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    page.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn inline_code_in_messages_and_fixes_is_code() {
    let report = common::report();
    let page = page(&report);
    let messages = texts(&page, ".finding .message");
    assert!(!messages.is_empty());
    for message in &messages {
        assert!(!message.contains('`'), "raw backticks: {message}");
    }
    let code = texts(&page, ".finding .message code");
    assert!(code.iter().any(|c| c == "pickle.load"), "{code:?}");
    for help in texts(&page, ".finding .help") {
        assert!(!help.contains('`'), "raw backticks: {help}");
    }
}

#[test]
fn each_rule_is_explained_once() {
    let mut report = common::report();
    // Two findings of one rule.
    let mut again = report
        .findings
        .iter()
        .find(|f| f.rule == "sql-injection")
        .unwrap()
        .clone();
    again.line += 10;
    again.end_line += 10;
    report.findings.push(again);
    report.finish();
    let html = html::render(&report, &common::options());
    let documented = report
        .rules
        .iter()
        .filter(|r| r.doc.contains("## Why is this bad?"))
        .count();
    assert!(documented > 0);
    assert_eq!(html.matches("Why is this bad?").count(), documented);
}

#[test]
fn cwe_chart_labels_are_whole() {
    let mut report = common::report();
    report.findings.push(Finding {
        rule: "tls-verification-disabled".into(),
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: vec![295],
        path: "shop/client.py".into(),
        line: 3,
        column: 5,
        end_line: 3,
        end_column: 40,
        message: "`verify=False` turns certificate checks off".into(),
        help: String::new(),
        fingerprint: "0".repeat(32),
        cell: None,
        flow: Vec::new(),
        snippet: None,
    });
    report.finish();
    let page = page(&report);
    let labels = texts(&page, "text.bar-label");
    assert!(
        labels
            .iter()
            .any(|l| l == "CWE-295 improper certificate validation"),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .filter(|l| l.starts_with("CWE-"))
            .all(|l| !l.contains('…')),
        "{labels:?}"
    );
}
