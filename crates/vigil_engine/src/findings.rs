//! Diagnostics to findings: positions, code snippets, fingerprints.

use crate::document_lines::DocumentLines;
use rustc_hash::FxHashMap;
use std::ops::Range;
use vigil_python::{LineIndex, Notebook};
use vigil_report::{Cell, Finding, FlowStep, Snippet, fingerprint};
use vigil_rules::Diagnostic;

/// Lines of context shown before and after the flagged lines.
const CONTEXT_LINES: u32 = 1;
/// Longest flagged region copied into a snippet.
const MAX_SNIPPET_LINES: u32 = 8;
/// Longest line copied into a snippet (characters).
const MAX_LINE_CHARS: usize = 400;
/// Longest code text hashed into a fingerprint.
const MAX_FINGERPRINT_CODE: usize = 2_000;

/// The file a set of diagnostics belongs to.
pub(crate) struct FileContext<'a> {
    pub display_path: &'a str,
    pub source: &'a str,
    pub index: &'a LineIndex,
    /// A notebook's cells, and where their lines are in the `.ipynb` file.
    pub notebook: Option<(&'a Notebook, &'a DocumentLines)>,
    /// The text snippets are cut from: the source with every secret of the
    /// file redacted (same lines as `source`), or `source` itself.
    pub snippet_source: &'a str,
    pub snippet_index: &'a LineIndex,
    /// Where the redacted forms are in `snippet_source` (empty when it is
    /// `source`).
    pub redaction: &'a Redaction,
}

/// Where the redacted forms are in a redacted text, in order.
#[derive(Debug, Default)]
pub(crate) struct Redaction {
    shown: Vec<Range<usize>>,
}

impl Redaction {
    /// `at` (in the redacted text) moved out of any redacted form it falls
    /// inside: to its start, or with `forward` to its end. A snippet is
    /// never cut in the middle of a redacted secret.
    pub fn snap(&self, at: usize, forward: bool) -> usize {
        let i = self.shown.partition_point(|shown| shown.end <= at);
        match self.shown.get(i) {
            Some(shown) if shown.start < at => {
                if forward {
                    shown.end
                } else {
                    shown.start
                }
            }
            _ => at,
        }
    }
}

/// `source` with each range replaced by the redacted form of its text (or
/// by the form its diagnostic gives, so that the code frame shows what the
/// message shows); the line breaks inside a range are kept, so every other
/// line keeps its number.
pub(crate) fn redact_ranges(
    source: &str,
    ranges: &mut [(Range<usize>, Option<String>)],
) -> (String, Redaction) {
    ranges.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(source.len());
    let mut redaction = Redaction::default();
    let mut at = 0;
    for (range, shown) in ranges.iter() {
        let (Some(_), Some(secret)) = (
            source.get(at..range.start),
            source.get(range.start..range.end),
        ) else {
            continue;
        };
        if range.start < at {
            continue;
        }
        out.push_str(&source[at..range.start]);
        let start = out.len();
        match shown {
            Some(shown) => out.push_str(shown),
            None => out.push_str(&vigil_secrets::redact(secret).to_string()),
        }
        let end = out.len();
        out.extend(std::iter::repeat_n('\n', secret.matches('\n').count()));
        redaction.shown.push(start..end);
        at = range.end;
    }
    out.push_str(&source[at.min(source.len())..]);
    (out, redaction)
}

/// Converts diagnostics (already filtered) to findings with stable
/// fingerprints: the n-th identical (rule, code) pair in a file gets
/// occurrence index n.
pub(crate) fn to_findings(file: &FileContext, diagnostics: &[&Diagnostic]) -> Vec<Finding> {
    let mut occurrences: FxHashMap<(&str, String), usize> = FxHashMap::default();
    let mut sorted: Vec<&&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| (d.range.start(), d.rule.meta.name));
    sorted
        .into_iter()
        .map(|d| {
            let code: String = file
                .source
                .get(d.range.to_std_range())
                .unwrap_or("")
                .chars()
                .take(MAX_FINGERPRINT_CODE)
                .collect();
            // A secret never reaches a fingerprint (or a baseline), not even
            // hashed: its message (where it is bound, its redacted form)
            // stands for it.
            let code = if d.rule.meta.category == vigil_rules::Category::Secrets {
                d.message.clone()
            } else {
                code
            };
            let key = (d.rule.meta.name, vigil_report::normalize_code(&code));
            let occurrence = occurrences.entry(key).or_insert(0);
            let print = fingerprint(d.rule.meta.name, file.display_path, &code, *occurrence);
            *occurrence += 1;
            finding(file, d, print)
        })
        .collect()
}

fn finding(file: &FileContext, d: &Diagnostic, fingerprint: String) -> Finding {
    let start = file.index.location(file.source, d.range.start());
    let end = file.index.location(file.source, d.range.end());
    let snippet = snippet(file, start.line, end.line);
    let (cell, line, end_line, snippet) = match file.notebook {
        Some((notebook, lines)) => {
            let (cell, line) = notebook.cell_line(start.line);
            let offset = start.line - line;
            let snippet = Snippet {
                start_line: snippet.start_line.saturating_sub(offset).max(1),
                lines: snippet.lines,
            };
            let cell = Cell::new(cell, lines.source_line(cell, line));
            (Some(cell), line, end.line - offset, snippet)
        }
        None => (None, start.line, end.line, snippet),
    };
    Finding {
        rule: d.rule.meta.name.to_string(),
        severity: d.severity,
        confidence: d.confidence,
        cwe: d.rule.meta.cwe.to_vec(),
        path: file.display_path.to_string(),
        line,
        column: start.column,
        end_line,
        end_column: end.column,
        message: d.message.clone(),
        help: d.rule.meta.help.to_string(),
        fingerprint,
        cell,
        flow: d
            .flow
            .iter()
            .map(|step| {
                if let Some((path, line, column)) = &step.elsewhere {
                    return FlowStep {
                        path: path.clone(),
                        line: *line,
                        column: *column,
                        note: step.note.clone(),
                        cell: None,
                    };
                }
                let at = file.index.location(file.source, step.range.start());
                // In a notebook: the cell, and the line in it.
                let (cell, line) = match file.notebook {
                    Some((notebook, lines)) => {
                        let (cell, line) = notebook.cell_line(at.line);
                        (Some(Cell::new(cell, lines.source_line(cell, line))), line)
                    }
                    None => (None, at.line),
                };
                FlowStep {
                    path: file.display_path.to_string(),
                    line,
                    column: at.column,
                    note: step.note.clone(),
                    cell,
                }
            })
            .collect(),
        snippet: Some(snippet),
    }
}

/// The lines `first..=last` (at most [`MAX_SNIPPET_LINES`]) with context,
/// each cut after [`MAX_LINE_CHARS`] characters (never inside a redacted
/// secret). The work is bounded by the snippet's size, not by the length
/// of its lines.
fn snippet(file: &FileContext, first: u32, last: u32) -> Snippet {
    let text = file.snippet_source;
    let index = file.snippet_index;
    let last = last.min(first + MAX_SNIPPET_LINES - 1);
    let start = first.saturating_sub(CONTEXT_LINES).max(1);
    let end = (last + CONTEXT_LINES).min(index.line_count() as u32);
    let lines = (start..=end)
        .map(|line| {
            let line = line as usize - 1;
            let full = index.line_text(text, line);
            let line_start = index.line_start(line).min(text.len());
            if full.len() <= MAX_LINE_CHARS {
                return full.to_string();
            }
            let to = index.offset_of_column(text, line, MAX_LINE_CHARS);
            let to = file.redaction.snap(to, true).min(line_start + full.len());
            let mut shown = text.get(line_start..to).unwrap_or("").to_string();
            if to < line_start + full.len() {
                shown.push('…');
            }
            shown
        })
        .collect();
    Snippet {
        start_line: start,
        lines,
    }
}
