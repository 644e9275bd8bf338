//! `--output-format junit`: JUnit XML for CI systems that show test
//! results (GitLab, Jenkins, Azure, ...).
//!
//! One `<testsuite name="vigil">`: a failing `<testcase>` per finding and an
//! erroring one per file that could not be scanned; a clean scan is a single
//! passing test case. Everything is XML-escaped, characters that XML 1.0
//! forbids are dropped, and invisible or bidirectional characters are shown
//! as `\u{..}`.

use crate::finding::Finding;
use crate::report::{ScanError, ScanReport};
use std::fmt::Write;

/// Whether XML 1.0 allows `c` at all.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes `text` for XML character data and attribute values (in double
/// or single quotes). In attributes, line breaks and tabs are kept as
/// character references so that parsers do not normalise them to spaces.
pub fn escape_xml(text: &str) -> String {
    escape(text, true)
}

/// Like [`escape_xml`] for element content, keeping line breaks readable.
fn escape_body(text: &str) -> String {
    escape(text, false)
}

fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' if !attribute => out.push(c),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if !is_xml_char(c) => {}
            c if crate::text::is_unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Renders the report as one JUnit XML document.
pub fn render(report: &ScanReport) -> String {
    let tests = report.findings.len() + report.errors.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let time = report.summary.duration_ms as f64 / 1000.0;
    let _ = writeln!(
        out,
        "<testsuites name=\"vigil\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{time:.3}\">",
        tests.max(1),
        report.findings.len(),
        report.errors.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"vigil\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"{time:.3}\">",
        tests.max(1),
        report.findings.len(),
        report.errors.len()
    );
    for finding in &report.findings {
        testcase_for_finding(&mut out, finding);
    }
    for error in &report.errors {
        testcase_for_error(&mut out, error);
    }
    if tests == 0 {
        let _ = writeln!(
            out,
            "    <testcase name=\"no findings in {} files\" classname=\"vigil\"/>",
            report.summary.files_scanned
        );
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn location(finding: &Finding) -> String {
    let cell = finding
        .cell
        .map(|c| format!(":cell {}", c.number))
        .unwrap_or_default();
    format!("{}{cell}:{}:{}", finding.path, finding.line, finding.column)
}

fn testcase_for_finding(out: &mut String, finding: &Finding) {
    let name = format!("{} at {}", finding.rule, location(finding));
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\">",
        escape_xml(&name),
        escape_xml(&finding.path),
        escape_xml(&finding.path),
        finding.line
    );
    let mut body = format!(
        "{}\n\nRule: {} (severity {}, confidence {})\nLocation: {}\n",
        finding.message,
        finding.rule,
        finding.severity,
        finding.confidence,
        location(finding)
    );
    if !finding.cwe.is_empty() {
        let cwes: Vec<String> = finding.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        let _ = writeln!(body, "CWE: {}", cwes.join(", "));
    }
    if let Some(snippet) = &finding.snippet {
        body.push('\n');
        for (i, line) in snippet.lines.iter().enumerate() {
            let _ = writeln!(body, "{:>5} | {line}", snippet.start_line as usize + i);
        }
    }
    if !finding.flow.is_empty() {
        body.push_str("\nDataflow:\n");
        for (i, step) in finding.flow.iter().enumerate() {
            let _ = writeln!(body, "{}. {} {}", i + 1, step.location(), step.note);
        }
    }
    if !finding.help.is_empty() {
        let _ = writeln!(body, "\nHelp: {}", finding.help);
    }
    let _ = writeln!(
        out,
        "      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
        escape_xml(&finding.message),
        escape_xml(&finding.rule),
        escape_body(&body)
    );
}

fn testcase_for_error(out: &mut String, error: &ScanError) {
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\">\n      <error message=\"{}\" type=\"scan-error\">{}</error>\n    </testcase>",
        escape_xml(&format!("scan {}", error.path)),
        escape_xml(&error.path),
        escape_xml(&error.path),
        escape_xml(&error.message),
        escape_body(&error.message)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_strips() {
        assert_eq!(
            escape_xml("<a href='x'>&\"</a>"),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(escape_xml("a\u{0}b\u{1b}c\u{FFFE}d"), "abcd");
        assert_eq!(escape_xml("]]>"), "]]&gt;");
        assert_eq!(escape_body("a\nb"), "a\nb");
    }
}
