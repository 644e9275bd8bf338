//! Byte offsets to 1-based lines and character columns.

use ruff_text_size::TextSize;
use std::cell::OnceCell;
use std::sync::OnceLock;

/// Bytes per block of the character-count table of long lines.
const BLOCK: usize = 4096;

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLocation {
    pub line: u32,
    pub column: u32,
}

/// Start offsets of every line of a text.
///
/// Columns are character counts. On a short prefix they are counted
/// directly; past [`BLOCK`] bytes a table of the characters before every
/// block boundary (built on first need, once per text) bounds the work of
/// one column to two blocks, so that many findings on one huge line cost
/// linear time, not the line's length each.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// The text's length and the characters before each multiple of
    /// [`BLOCK`].
    blocks: OnceLock<(usize, Vec<u32>)>,
    /// Column counts that went through the block table (for tests).
    #[cfg(test)]
    table_lookups: std::cell::Cell<usize>,
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
        Self {
            line_starts,
            blocks: OnceLock::new(),
            #[cfg(test)]
            table_lookups: std::cell::Cell::new(0),
        }
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
        let column = if end.saturating_sub(start) <= 2 * BLOCK {
            text.get(start..end)
                .map_or(end.saturating_sub(start), |s| s.chars().count())
        } else {
            self.chars_before(text, end) - self.chars_before(text, start)
        };
        SourceLocation {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }
}

impl LineIndex {
    /// Byte offset in `text` of character `column` (0-based) of 0-based
    /// `line`, or the line's end when it is shorter; bounded work on long
    /// lines (see [`LineIndex`]).
    pub fn offset_of_column(&self, text: &str, line: usize, column: usize) -> usize {
        let start = self.line_start(line).min(text.len());
        let end = start + self.line_text(text, line).len();
        let bytes = text.as_bytes();
        let walk = |from: usize, mut left: usize| {
            for (i, &b) in bytes[from..end].iter().enumerate() {
                if (b as i8) >= -0x40 {
                    if left == 0 {
                        return from + i;
                    }
                    left -= 1;
                }
            }
            end
        };
        if end - start <= 2 * BLOCK {
            return walk(start, column);
        }
        let target = self.chars_before(text, start) + column;
        match self.blocks.get() {
            Some((len, table)) if *len == bytes.len() => {
                let block = table.partition_point(|&n| n as usize <= target).max(1) - 1;
                let from = (block * BLOCK).max(start);
                walk(from, target - self.chars_before(text, from))
            }
            _ => walk(start, column),
        }
    }

    /// Characters of `text` before byte `at` (a UTF-8 character is one byte
    /// that is not a continuation byte), through the block table.
    fn chars_before(&self, text: &str, at: usize) -> usize {
        #[cfg(test)]
        self.table_lookups.set(self.table_lookups.get() + 1);
        let bytes = text.as_bytes();
        let (len, table) = self.blocks.get_or_init(|| {
            let table = bytes
                .chunks(BLOCK)
                .scan(0u32, |before, chunk| {
                    let here = *before;
                    *before += count_chars(chunk) as u32;
                    Some(here)
                })
                .collect();
            (bytes.len(), table)
        });
        if *len != bytes.len() {
            // Another text than the one the table was built for.
            return count_chars(&bytes[..at]);
        }
        let block = at / BLOCK;
        table.get(block).map_or(0, |&n| n as usize) + count_chars(&bytes[block * BLOCK..at])
    }
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
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

    #[test]
    fn offsets_of_columns_invert_locations() {
        let text = format!("ab\n{}\n", "é1".repeat(10_000));
        let index = LineIndex::new(&text);
        for column in [0, 1, 2, 4095, 4096, 9_999, 19_999] {
            let at = index.offset_of_column(&text, 1, column);
            let back = index.location(&text, TextSize::try_from(at).unwrap());
            assert_eq!(
                back,
                SourceLocation {
                    line: 2,
                    column: column as u32 + 1
                }
            );
        }
        assert_eq!(index.offset_of_column(&text, 1, 99_999), text.len() - 1);
        assert_eq!(index.offset_of_column(&text, 0, 1), 1);
    }

    /// Issue #18: a column on a huge line cost the line's length, so many
    /// findings on one line were quadratic. Columns far into a long line
    /// agree with a direct count, and each costs two bounded table lookups.
    #[test]
    fn columns_on_a_huge_line_use_the_block_table() {
        let text = format!("x = 1\n{}\nend", "é = md5(x); ".repeat(20_000));
        let index = LineIndex::new(&text);
        let mut checked = 0;
        for (at, _) in text.match_indices("md5").step_by(997) {
            let line_start = index.line_start(index.line_of(TextSize::try_from(at).unwrap()));
            let expected = text[line_start..at].chars().count() as u32 + 1;
            let found = index.location(&text, TextSize::try_from(at).unwrap());
            assert_eq!(
                found,
                SourceLocation {
                    line: 2,
                    column: expected
                }
            );
            checked += 1;
        }
        assert!(checked > 10);
        // Two lookups per far column, none for short prefixes.
        assert!(
            index.table_lookups.get() <= 2 * checked,
            "{}",
            index.table_lookups.get()
        );
        let near = TextSize::try_from(text.find("md5").unwrap()).unwrap();
        let before = index.table_lookups.get();
        index.location(&text, near);
        assert_eq!(index.table_lookups.get(), before);
    }
}
