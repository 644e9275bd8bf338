//! `--output-format csv`: one row per finding, for spreadsheets.
//!
//! RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
//! comma, a quote or a line break (quotes doubled). Cells that a spreadsheet
//! would read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
//! return) get a leading `'`, so a hostile message cannot run a formula.
//! Control, invisible and bidirectional characters other than line breaks
//! and tabs are written as `\u{..}`, as in the other writers for people.

use crate::finding::Finding;
use crate::report::ScanReport;
use std::fmt::Write;

const HEADER: [&str; 14] = [
    "severity",
    "confidence",
    "rule",
    "cwe",
    "path",
    "cell",
    "line",
    "column",
    "end_line",
    "end_column",
    "message",
    "help",
    "dataflow",
    "fingerprint",
];

/// One CSV field: hidden characters made visible, formula-neutralised,
/// then quoted when needed.
pub fn field(text: &str) -> String {
    let text = visible(text);
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\t' | '\n' | '\r') || !crate::text::is_unsafe_char(c) {
            out.push(c);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    out
}

/// Renders the header and one record per finding.
pub fn render(report: &ScanReport) -> String {
    let mut out = String::new();
    push_record(&mut out, HEADER.iter().map(|h| h.to_string()));
    for finding in &report.findings {
        push_record(&mut out, record(finding).into_iter());
    }
    out
}

fn push_record(out: &mut String, cells: impl Iterator<Item = String>) {
    let fields: Vec<String> = cells.map(|c| field(&c)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

fn record(finding: &Finding) -> Vec<String> {
    let cwe: Vec<String> = finding.cwe.iter().map(|c| format!("CWE-{c}")).collect();
    let flow: Vec<String> = finding
        .flow
        .iter()
        .map(|s| format!("{} {}", s.location(), s.note))
        .collect();
    vec![
        finding.severity.to_string(),
        finding.confidence.to_string(),
        finding.rule.clone(),
        cwe.join(" "),
        finding.path.clone(),
        finding
            .cell
            .map(|c| c.number.to_string())
            .unwrap_or_default(),
        finding.line.to_string(),
        finding.column.to_string(),
        finding.end_line.to_string(),
        finding.end_column.to_string(),
        finding.message.clone(),
        finding.help.clone(),
        flow.join(" -> "),
        finding.fingerprint.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_neutralises() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\"\n"), "\"say \"\"hi\"\"\n\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1+2"), "'-1+2");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\t=1"), "'\t=1");
        assert_eq!(field("\r=1"), "\"'\r=1\"");
        assert_eq!(
            field("a\u{0}\u{1b}[2J\u{202e}"),
            "a\\u{0}\\u{1b}[2J\\u{202e}"
        );
    }
}
