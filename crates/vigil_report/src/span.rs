//! The flagged region of a finding, made consistent for writers whose
//! formats demand it (1-based, end never before start), and the text of that
//! region cut from the finding's snippet.

use crate::finding::{Finding, Snippet};

/// A finding's region with `line >= 1` and the end not before the start.
/// Columns are 1-based character counts; `end_column` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    /// `None` when the finding has no line (e.g. a whole-file finding).
    pub fn of(finding: &Finding) -> Option<Span> {
        if finding.line == 0 {
            return None;
        }
        let column = finding.column.max(1);
        let end_line = finding.end_line.max(finding.line);
        let mut end_column = finding.end_column.max(1);
        if end_line == finding.line {
            end_column = end_column.max(column);
        }
        Some(Span {
            line: finding.line,
            column,
            end_line,
            end_column,
        })
    }

    /// Whether `line` is one of the lines of the span.
    pub fn covers(&self, line: u32) -> bool {
        (self.line..=self.end_line).contains(&line)
    }

    /// Character range of the span on `line` (0-based, end exclusive),
    /// for a line of `len` characters.
    pub fn columns_on(&self, line: u32, len: usize) -> (usize, usize) {
        let start = if line == self.line {
            self.column as usize - 1
        } else {
            0
        };
        let end = if line == self.end_line {
            self.end_column as usize - 1
        } else {
            len
        };
        (start.min(len), end.clamp(start.min(len), len))
    }

    /// The exact text of the span, when the snippet holds all its lines.
    pub fn text_in(&self, snippet: &Snippet) -> Option<String> {
        let mut parts = Vec::new();
        for number in self.line..=self.end_line {
            let index = number.checked_sub(snippet.start_line)? as usize;
            let line = snippet.lines.get(index)?;
            let len = line.chars().count();
            let (start, end) = self.columns_on(number, len);
            parts.push(
                line.chars()
                    .skip(start)
                    .take(end - start)
                    .collect::<String>(),
            );
        }
        Some(parts.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_the_span_from_the_snippet() {
        let snippet = Snippet {
            start_line: 3,
            lines: vec!["a = é(x)".into(), "b(y,".into(), "  z)".into()],
        };
        let one = Span {
            line: 3,
            column: 5,
            end_line: 3,
            end_column: 9,
        };
        assert_eq!(one.text_in(&snippet).unwrap(), "é(x)");
        let two = Span {
            line: 4,
            column: 1,
            end_line: 5,
            end_column: 5,
        };
        assert_eq!(two.text_in(&snippet).unwrap(), "b(y,\n  z)");
        let outside = Span {
            line: 9,
            column: 1,
            end_line: 9,
            end_column: 2,
        };
        assert_eq!(outside.text_in(&snippet), None);
    }
}
