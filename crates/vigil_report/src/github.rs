//! `--output-format github`: GitHub Actions workflow commands, one
//! annotation per finding and per file that could not be scanned.
//!
//! `::error file=a.py,line=3,endLine=3,col=5,endColumn=9,title=...::message`.
//! Property values escape `%`, `\r`, `\n`, `:` and `,`; the message escapes
//! `%`, `\r` and `\n`, so scanned content can never end the command or
//! start a new one. Invisible and bidirectional characters are shown as
//! `\u{..}` so that an annotation cannot hide text from the reviewer.

use crate::finding::{Finding, Severity};
use crate::report::ScanReport;
use crate::span::Span;
use crate::text::sanitize;
use std::fmt::Write;

/// Escapes the message part of a workflow command.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            '\t' => out.push('\t'),
            c if crate::text::is_unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value (`file=`, `title=`) of a workflow command.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Unknown | Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "notice",
    }
}

/// Renders one annotation line per finding, then one per scan error.
pub fn render(report: &ScanReport) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        annotate(&mut out, finding);
    }
    for error in &report.errors {
        let _ = writeln!(
            out,
            "::error file={},title={}::{}",
            escape_property(&error.path),
            escape_property("vigil: file could not be scanned"),
            escape_data(&error.message)
        );
    }
    out
}

fn annotate(out: &mut String, finding: &Finding) {
    let mut properties = vec![format!("file={}", escape_property(&finding.path))];
    let mut title = format!("{} ({})", finding.rule, finding.severity);
    match finding.cell {
        // A notebook: the annotation goes on the line of the `.ipynb`
        // document that holds the code; the title says the cell and its line.
        Some(cell) => {
            if let Some(line) = cell.document_line {
                properties.push(format!("line={line}"));
            }
            let _ = write!(title, " in cell {}, line {}", cell.number, finding.line);
        }
        None => {
            if let Some(span) = Span::of(finding) {
                properties.push(format!("line={}", span.line));
                properties.push(format!("endLine={}", span.end_line));
                properties.push(format!("col={}", span.column));
                properties.push(format!("endColumn={}", span.end_column));
            }
        }
    }
    properties.push(format!("title={}", escape_property(&title)));
    let mut message = finding.message.clone();
    if !finding.help.is_empty() {
        let _ = write!(message, "\n\nHelp: {}", finding.help);
    }
    if !finding.flow.is_empty() {
        message.push_str("\n\nDataflow:");
        for (i, step) in finding.flow.iter().enumerate() {
            let _ = write!(
                message,
                "\n{}. {} {}",
                i + 1,
                sanitize(&step.location()),
                step.note
            );
        }
    }
    let _ = writeln!(
        out,
        "::{} {}::{}",
        command(finding.severity),
        properties.join(","),
        escape_data(&message)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_commands() {
        assert_eq!(escape_data("50%\r\n::x"), "50%25%0D%0A::x");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a\u{202e}b"), "a\\u{202e}b");
    }
}
