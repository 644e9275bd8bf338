//! `--format text`: findings for a person at a terminal.
//!
//! Each finding: `path:line:col: rule [severity/confidence]`, the message, a
//! code frame with the span underlined, the dataflow trace when there is one,
//! and the help. Everything that comes from scanned code goes through
//! [`sanitize`], so that escape sequences or bidirectional controls in a file
//! cannot repaint the user's terminal or hide text.

use crate::finding::{Finding, Severity};
use crate::report::ScanReport;
use std::fmt::Write;

/// Options of the text writer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Use ANSI colours (on a TTY).
    pub color: bool,
    /// Print only the one-line header of each finding.
    pub concise: bool,
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "\x1b[1;35m",
        Severity::High => "\x1b[1;31m",
        Severity::Medium => "\x1b[1;33m",
        Severity::Low => "\x1b[1;36m",
        Severity::Unknown => "\x1b[1;37m",
    }
}

/// Makes text from scanned code safe to print on a terminal: control
/// characters (ANSI escapes, carriage returns, ...) and invisible or
/// bidirectional format characters are shown as `\u{..}` escapes.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if is_unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that must never reach a terminal or a report raw.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{00AD}'
            | '\u{FDD0}'..='\u{FDEF}'
            | '\u{FFFE}'
            | '\u{FFFF}'
            | '\u{E0000}'..='\u{E007F}')
}

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// Renders the whole report.
pub fn render(report: &ScanReport, options: TextOptions) -> String {
    let painter = Painter {
        color: options.color,
    };
    let mut out = String::new();
    for finding in &report.findings {
        render_finding(&mut out, finding, &painter, options.concise);
    }
    for error in &report.errors {
        let _ = writeln!(
            out,
            "{}: {}: {}",
            painter.paint(BOLD, &sanitize(&error.path)),
            painter.paint("\x1b[1;31m", "error"),
            sanitize(&error.message)
        );
    }
    if !report.summary.packages.is_empty() {
        let _ = writeln!(out, "{}", painter.paint(BOLD, "Packages:"));
        for package in &report.summary.packages {
            let _ = writeln!(out, "  {}", sanitize(&package.line()));
            if !package.verdict.is_empty() {
                let _ = writeln!(out, "    verdict: {}", sanitize(&package.verdict));
            }
        }
    }
    render_summary(&mut out, report, &painter);
    out
}

fn location(finding: &Finding) -> String {
    match finding.cell {
        Some(cell) => format!(
            "{}:cell {}:{}:{}",
            sanitize(&finding.path),
            cell.number,
            finding.line,
            finding.column
        ),
        None => format!(
            "{}:{}:{}",
            sanitize(&finding.path),
            finding.line,
            finding.column
        ),
    }
}

fn render_finding(out: &mut String, finding: &Finding, painter: &Painter, concise: bool) {
    let _ = write!(
        out,
        "{}: {} {} {}",
        painter.paint(BOLD, &location(finding)),
        painter.paint(severity_color(finding.severity), finding.severity.as_str()),
        painter.paint(BOLD, &finding.rule),
        painter.paint(
            DIM,
            &format!(
                "[confidence {}{}]",
                finding.confidence,
                cwe_suffix(&finding.cwe)
            )
        ),
    );
    if concise {
        // One line per finding, for grep and editors' quickfix lists
        // (`sanitize` shows a line break in a message as `\u{a}`).
        let _ = writeln!(out, " {}", sanitize(&finding.message));
        return;
    }
    out.push('\n');
    let _ = writeln!(out, "  {}", sanitize(&finding.message));
    if let Some(snippet) = &finding.snippet {
        render_frame(out, finding, snippet, painter);
    }
    if !finding.flow.is_empty() {
        let _ = writeln!(out, "  {}", painter.paint(BOLD, "dataflow:"));
        for (i, step) in finding.flow.iter().enumerate() {
            let _ = writeln!(
                out,
                "    {}. {} {}",
                i + 1,
                sanitize(&step.location()),
                sanitize(&step.note)
            );
        }
    }
    let _ = writeln!(
        out,
        "  {} {}",
        painter.paint("\x1b[1;32m", "help:"),
        sanitize(&finding.help)
    );
    out.push('\n');
}

fn cwe_suffix(cwe: &[u32]) -> String {
    if cwe.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = cwe.iter().map(|c| format!("CWE-{c}")).collect();
        format!(", {}", list.join(", "))
    }
}

fn render_frame(out: &mut String, finding: &Finding, snippet: &crate::Snippet, painter: &Painter) {
    let last_line = snippet.start_line as usize + snippet.lines.len().saturating_sub(1);
    let width = last_line.to_string().len();
    let _ = writeln!(out, "{:width$} {}", "", painter.paint(DIM, "|"));
    for (i, raw) in snippet.lines.iter().enumerate() {
        let number = snippet.start_line + i as u32;
        let line = sanitize(raw);
        let _ = writeln!(
            out,
            "{} {} {}",
            painter.paint(DIM, &format!("{number:>width$}")),
            painter.paint(DIM, "|"),
            line
        );
        if number >= finding.line && number <= finding.end_line {
            let start = if number == finding.line {
                finding.column as usize
            } else {
                1
            };
            let line_chars = raw.chars().count() + 1;
            let end = if number == finding.end_line {
                finding.end_column as usize
            } else {
                line_chars
            };
            let prefix = display_width(raw, start.saturating_sub(1));
            let span = display_width(raw, end.saturating_sub(1))
                .saturating_sub(prefix)
                .max(1);
            let _ = writeln!(
                out,
                "{:width$} {} {}{}",
                "",
                painter.paint(DIM, "|"),
                " ".repeat(prefix),
                painter.paint(severity_color(finding.severity), &"^".repeat(span))
            );
        }
    }
}

/// Width on screen of the first `chars` characters of `raw` once sanitized.
fn display_width(raw: &str, chars: usize) -> usize {
    raw.chars()
        .take(chars)
        .map(|c| {
            if c == '\t' {
                4
            } else if is_unsafe_char(c) {
                format!("\\u{{{:x}}}", c as u32).len()
            } else {
                1
            }
        })
        .sum()
}

fn render_summary(out: &mut String, report: &ScanReport, painter: &Painter) {
    let s = &report.summary;
    let mut parts = Vec::new();
    for severity in std::iter::once(&Severity::Unknown).chain(Severity::ALL.iter().rev()) {
        let count = s.by_severity.get(severity.as_str()).copied().unwrap_or(0);
        if count > 0 {
            parts.push(format!("{count} {severity}"));
        }
    }
    let detail = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    let mut line = format!(
        "{} finding{}{} in {} file{} ({} lines)",
        s.findings,
        if s.findings == 1 { "" } else { "s" },
        detail,
        s.files_scanned,
        if s.files_scanned == 1 { "" } else { "s" },
        s.lines_scanned
    );
    if s.errors > 0 {
        let _ = write!(
            line,
            ", {} file error{}",
            s.errors,
            if s.errors == 1 { "" } else { "s" }
        );
    }
    if let Some(excluded) = s.excluded_text() {
        let _ = write!(line, ", {excluded}");
    }
    if s.suppressed > 0 {
        let _ = write!(line, ", {} suppressed", s.suppressed);
    }
    if s.baselined > 0 {
        let _ = write!(line, ", {} baselined", s.baselined);
    }
    let _ = write!(line, " in {:.2}s", s.duration_ms as f64 / 1000.0);
    let _ = writeln!(out, "{}", painter.paint(BOLD, &line));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_neutralises_escapes_and_bidi() {
        assert_eq!(sanitize("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(sanitize("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(sanitize("plain é"), "plain é");
    }
}
