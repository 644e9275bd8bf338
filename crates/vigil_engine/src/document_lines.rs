//! Where a notebook's code and outputs sit in the `.ipynb` document itself.
//!
//! Findings in a notebook count lines within a cell, which only vigil's
//! own text output can show. Code hosts (SARIF, GitHub annotations,
//! GitLab) open the `.ipynb` file as text: they need the line of the JSON
//! document that holds the code line. This module scans the document once,
//! keeping the position of every string of each cell's `source` and of each
//! output's `text`.

/// Lines (1-based) of the document that hold each cell's code lines and
/// outputs.
#[derive(Debug, Default)]
pub(crate) struct DocumentLines {
    /// Indexed by cell position (0-based, all cell kinds counted).
    cells: Vec<CellLines>,
}

#[derive(Debug, Default)]
struct CellLines {
    /// The document line of each line of the cell's source.
    source: Lines,
    outputs: Vec<OutputLines>,
}

#[derive(Debug, Default)]
struct OutputLines {
    /// Where the output object starts.
    start: u32,
    /// The document line of each line of its `text`.
    text: Lines,
}

/// Document lines of the lines of a string field (one string, or a list of
/// strings that are joined).
#[derive(Debug, Default)]
struct Lines {
    lines: Vec<u32>,
    /// The last string ended with a line break: the next starts a line.
    ended: bool,
}

impl Lines {
    fn add(&mut self, at: u32, breaks: usize, ends_with_break: bool, empty: bool) {
        if empty {
            return;
        }
        if self.lines.is_empty() || self.ended {
            self.lines.push(at);
        }
        let started_inside = breaks - usize::from(ends_with_break);
        self.lines.extend(std::iter::repeat_n(at, started_inside));
        self.ended = ends_with_break;
    }

    fn get(&self, line: u32) -> Option<u32> {
        let index = line.checked_sub(1)? as usize;
        self.lines.get(index).or_else(|| self.lines.last()).copied()
    }
}

impl DocumentLines {
    /// The document line of `line` (1-based) of cell `cell` (1-based).
    pub(crate) fn source_line(&self, cell: u32, line: u32) -> Option<u32> {
        self.cells
            .get(cell.checked_sub(1)? as usize)?
            .source
            .get(line)
    }

    /// The document line of `line` of output `output` of cell `cell` (all
    /// 1-based): the line of its `text`, else where the output starts.
    pub(crate) fn output_line(&self, cell: u32, output: u32, line: u32) -> Option<u32> {
        let cell = self.cells.get(cell.checked_sub(1)? as usize)?;
        let output = cell.outputs.get(output.checked_sub(1)? as usize)?;
        output.text.get(line).or(Some(output.start))
    }

    /// Scans a notebook document; what is not notebook JSON gives no lines.
    pub(crate) fn scan(document: &str) -> Self {
        let mut scanner = Scanner {
            bytes: document.as_bytes(),
            at: 0,
            line: 1,
        };
        let mut lines = DocumentLines::default();
        let mut stack: Vec<Frame> = Vec::new();
        // Bounded: the document was parsed as JSON before, so the loop
        // ends; a malformed tail just stops the scan.
        while let Some(token) = scanner.next() {
            match token {
                Token::Open(is_array) => {
                    lines.value(&stack, scanner.line, None);
                    stack.push(Frame {
                        is_array,
                        index: 0,
                        key: None,
                        expecting_key: !is_array,
                    });
                }
                Token::Close => {
                    stack.pop();
                }
                Token::Comma => {
                    if let Some(top) = stack.last_mut() {
                        if top.is_array {
                            top.index += 1;
                        } else {
                            top.expecting_key = true;
                        }
                    }
                }
                Token::Colon => {
                    if let Some(top) = stack.last_mut() {
                        top.expecting_key = false;
                    }
                }
                Token::String(string) => match stack.last_mut() {
                    Some(top) if top.expecting_key => {
                        top.key = Some(string.key);
                    }
                    _ => lines.value(&stack, string.line, Some(&string)),
                },
                Token::Scalar => {}
            }
        }
        lines
    }

    /// A value at the path of `stack` starts at `line`.
    fn value(&mut self, stack: &[Frame], line: u32, string: Option<&Str>) {
        let path: Vec<Seg> = stack.iter().map(Frame::segment).collect();
        match path.as_slice() {
            [
                Seg::Key("cells"),
                Seg::Index(cell),
                Seg::Key("source"),
                rest @ ..,
            ] if rest.len() <= 1 => {
                if let Some(s) = string {
                    self.cell(*cell)
                        .source
                        .add(line, s.breaks, s.ends_with_break, s.empty);
                }
            }
            [
                Seg::Key("cells"),
                Seg::Index(cell),
                Seg::Key("outputs"),
                Seg::Index(output),
            ] if string.is_none() => {
                let outputs = &mut self.cell(*cell).outputs;
                if outputs.len() <= *output {
                    outputs.resize_with(*output + 1, OutputLines::default);
                }
                outputs[*output].start = line;
            }
            [
                Seg::Key("cells"),
                Seg::Index(cell),
                Seg::Key("outputs"),
                Seg::Index(output),
                Seg::Key("text"),
                rest @ ..,
            ] if rest.len() <= 1 => {
                if let Some(s) = string
                    && let Some(out) = self.cell(*cell).outputs.get_mut(*output)
                {
                    out.text.add(line, s.breaks, s.ends_with_break, s.empty);
                }
            }
            _ => {}
        }
    }

    fn cell(&mut self, index: usize) -> &mut CellLines {
        if self.cells.len() <= index {
            self.cells.resize_with(index + 1, CellLines::default);
        }
        &mut self.cells[index]
    }
}

struct Frame {
    is_array: bool,
    index: usize,
    key: Option<String>,
    expecting_key: bool,
}

enum Seg<'a> {
    Key(&'a str),
    Index(usize),
    Other,
}

impl Frame {
    fn segment(&self) -> Seg<'_> {
        if self.is_array {
            Seg::Index(self.index)
        } else {
            self.key.as_deref().map_or(Seg::Other, Seg::Key)
        }
    }
}

enum Token {
    Open(bool),
    Close,
    Comma,
    Colon,
    String(Str),
    Scalar,
}

/// A JSON string: where it starts, its line breaks (escaped `\n`).
struct Str {
    line: u32,
    breaks: usize,
    ends_with_break: bool,
    empty: bool,
    /// Its text when short (for object keys), else empty.
    key: String,
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u32,
}

impl Scanner<'_> {
    fn next(&mut self) -> Option<Token> {
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            match b {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                b'{' => return Some(Token::Open(false)),
                b'[' => return Some(Token::Open(true)),
                b'}' | b']' => return Some(Token::Close),
                b',' => return Some(Token::Comma),
                b':' => return Some(Token::Colon),
                b'"' => return Some(Token::String(self.string())),
                _ => {
                    while self
                        .bytes
                        .get(self.at)
                        .is_some_and(|b| !b",:]} \t\r\n".contains(b))
                    {
                        self.at += 1;
                    }
                    return Some(Token::Scalar);
                }
            }
        }
        None
    }

    /// The rest of a string whose opening quote was read.
    fn string(&mut self) -> Str {
        let start = self.at;
        let mut breaks = 0;
        let mut last_was_break = false;
        let mut empty = true;
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let escaped = self.bytes.get(self.at).copied();
                    self.at += 1;
                    last_was_break = escaped == Some(b'n');
                    breaks += usize::from(last_was_break);
                }
                b'\n' => {
                    // Not valid JSON; keep the line count right anyway.
                    self.line += 1;
                    last_was_break = false;
                }
                _ => last_was_break = false,
            }
            empty = false;
        }
        let raw = &self.bytes[start..self.at.saturating_sub(1).max(start)];
        let key = if raw.len() <= 32 {
            String::from_utf8_lossy(raw).into_owned()
        } else {
            String::new()
        };
        Str {
            line: self.line,
            breaks,
            ends_with_break: last_was_break,
            empty,
            key,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_output_lines_are_found_in_the_document() {
        let doc = r##"{
 "cells": [
  {
   "cell_type": "markdown",
   "source": ["# Title\n", "text"]
  },
  {
   "cell_type": "code",
   "outputs": [
    {
     "name": "stdout",
     "text": [
      "first\n",
      "second\n"
     ]
    }
   ],
   "source": [
    "import os\n",
    "x = 1\n",
    "os.system(x)"
   ]
  },
  {"cell_type": "code", "source": "a = 1\nb = 2", "outputs": []}
 ]
}"##;
        let lines = DocumentLines::scan(doc);
        assert_eq!(lines.source_line(2, 1), Some(19));
        assert_eq!(lines.source_line(2, 3), Some(21));
        assert_eq!(lines.source_line(3, 2), Some(24));
        assert_eq!(lines.output_line(2, 1, 2), Some(14));
        assert_eq!(lines.source_line(9, 1), None);
        assert!(DocumentLines::scan("not json").source_line(1, 1).is_none());
    }
}
