//! Byte offsets to 1-based lines and character columns.

use ruff_text_size::TextSize;
use std::cell::OnceCell;

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLocation {
    pub line: u32,
    pub column: u32,
}

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        if memchr::memchr(b'\r', bytes).is_none() {
            line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
        } else {
            // Old Mac line ends: a lone `\r` ends a line too.
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                    line_starts.push(i as u32 + 1);
                }
            }
        }
        Self { line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index of `offset`.
    pub fn line_of(&self, offset: TextSize) -> usize {
        let offset = u32::from(offset);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or_else(|| *self.line_starts.last().unwrap_or(&0)) as usize
    }

    /// The text of 0-based `line`, without its line terminator.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.line_start(line).min(text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |&s| s as usize)
            .min(text.len());
        text.get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    pub fn location(&self, text: &str, offset: TextSize) -> SourceLocation {
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let end = (u32::from(offset) as usize).min(text.len());
        let column = text
            .get(start..end)
            .map_or(end.saturating_sub(start), |s| s.chars().count());
        SourceLocation {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }
}

/// Lines of a text, counted as [`LineIndex`] counts them (a lone `\r`
/// ends a line too) without building the index.
pub fn count_lines(text: &str) -> usize {
    let bytes = text.as_bytes();
    // memchr's iterator counts with its vectorised routine.
    let newlines = memchr::memchr_iter(b'\n', bytes).count();
    if memchr::memchr(b'\r', bytes).is_none() {
        return newlines + 1;
    }
    let lone_returns = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .count();
    newlines + lone_returns + 1
}

/// A [`LineIndex`] built on first use: most files report nothing, and
/// never need one.
#[derive(Debug)]
pub struct LazyLineIndex<'t> {
    text: &'t str,
    index: OnceCell<LineIndex>,
}

impl<'t> LazyLineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            index: OnceCell::new(),
        }
    }

    /// The index, built now if this is its first use.
    pub fn get(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(self.text))
    }

    pub fn location(&self, offset: TextSize) -> SourceLocation {
        self.get().location(self.text, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_lines_agrees_with_the_index() {
        let texts = [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb\rc",
            "\r",
            "\r\n\r",
            "x\n\r\n\n\ry\r",
            "é\n\u{2028}\r",
        ];
        for text in texts {
            assert_eq!(
                count_lines(text),
                LineIndex::new(text).line_count(),
                "{text:?}"
            );
        }
        let long = "line one\r\nline two\n".repeat(1000) + "\rtail";
        assert_eq!(count_lines(&long), LineIndex::new(&long).line_count());
    }

    #[test]
    fn the_lazy_index_builds_on_first_use() {
        let text = "a = 1\nb = 2\n";
        let lazy = LazyLineIndex::new(text);
        assert!(lazy.index.get().is_none());
        let offset = TextSize::try_from(text.find('b').unwrap()).unwrap();
        assert_eq!(lazy.location(offset), SourceLocation { line: 2, column: 1 });
        assert!(lazy.index.get().is_some());
    }

    #[test]
    fn locations_count_characters() {
        let text = "a = 1\né = f(x)\r\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        let offset = TextSize::try_from(text.find("f(").unwrap()).unwrap();
        assert_eq!(
            index.location(text, offset),
            SourceLocation { line: 2, column: 5 }
        );
        assert_eq!(index.line_text(text, 1), "é = f(x)");
        assert_eq!(index.line_text(text, 2), "z");
    }
}
