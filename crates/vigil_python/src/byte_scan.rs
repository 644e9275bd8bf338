//! The byte pass of the parser-depth bound ([`crate::prescan`]): a small
//! lexer that knows strings and comments exactly as Python's tokenizer
//! does, so a bracket inside a string can neither open nor close a level,
//! and counts an upper bound on the parser's recursion.
//!
//! It must never count fewer levels than the parser recurses. So whatever
//! it is not sure to read as the ruff lexer would (an f-string that reuses
//! its own quote inside a replacement field, a comment or backslash inside
//! one, an unterminated string) makes it answer [`Verdict::Unsure`], and the
//! token pass decides.
//!
//! The bound: open brackets, plus for each bracket level the operator bytes
//! (`-` `+` `~` `*`) of its current run and a quarter of the run's length
//! (a keyword level, `not `, `await `, `lambda:`, `else `, takes four bytes
//! or more). A run ends at a comma (unless a `lambda` in it still takes
//! parameters), a semicolon, and a line break outside brackets; a closed
//! bracket leaves the run around it as it was when the bracket opened.

use crate::prescan::MAX_PARSER_DEPTH;

/// What the byte pass concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The parser cannot recurse deeper than [`MAX_PARSER_DEPTH`].
    Within,
    /// The bound is over the limit (the parser may or may not be).
    Over,
    /// The text holds something this pass does not read as the lexer does.
    Unsure,
}

const BYTES_PER_KEYWORD_LEVEL: usize = 4;

/// f-strings nested deeper than this are left to the token pass: Python
/// before 3.12 nests at most four (one per kind of quote), and this pass
/// recurses once per f-string.
const MAX_INTERPOLATIONS: usize = 16;

#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Class {
    Plain = 0,
    Open,
    Close,
    Comma,
    Semicolon,
    LineFeed,
    Operator,
    Quote,
    Hash,
    /// `:` and `!`, which matter only at the top of an f-string field.
    FieldMark,
}

/// The classes of code in an f-string field.
const FIELD_CLASSES: [Class; 256] = {
    let mut table = CLASSES;
    table[b':' as usize] = Class::FieldMark;
    table[b'!' as usize] = Class::FieldMark;
    table
};

/// The classes of code outside f-strings: most bytes are plain.
const CLASSES: [Class; 256] = {
    let mut table = [Class::Plain; 256];
    table[b'(' as usize] = Class::Open;
    table[b'[' as usize] = Class::Open;
    table[b'{' as usize] = Class::Open;
    table[b')' as usize] = Class::Close;
    table[b']' as usize] = Class::Close;
    table[b'}' as usize] = Class::Close;
    table[b',' as usize] = Class::Comma;
    table[b';' as usize] = Class::Semicolon;
    table[b'\n' as usize] = Class::LineFeed;
    table[b'\r' as usize] = Class::LineFeed;
    table[b'-' as usize] = Class::Operator;
    table[b'+' as usize] = Class::Operator;
    table[b'~' as usize] = Class::Operator;
    table[b'*' as usize] = Class::Operator;
    table[b'\'' as usize] = Class::Quote;
    table[b'"' as usize] = Class::Quote;
    table[b'#' as usize] = Class::Hash;
    table
};

/// The run around an open bracket, as it was when the bracket opened.
struct Enclosing {
    length: usize,
    operators: usize,
    lambda: bool,
    /// What it adds to the bound while the bracket is open.
    levels: usize,
}

/// The f-string field being read as code: the levels open once its `{`
/// opened, and the quote of its string.
#[derive(Clone, Copy)]
struct Field {
    depth: usize,
    quote: u8,
    triple: bool,
}

/// Why code stopped being read.
enum Stop {
    /// The end of the text.
    End,
    /// The `}` closing an f-string field.
    FieldEnd,
    /// A `:` or `!` at the top of an f-string field: a format spec or a
    /// conversion follows.
    FieldSpec,
}

struct Scan<'a> {
    bytes: &'a [u8],
    /// Where `lambda` occurs (in code or not: more is only more careful).
    lambdas: Vec<usize>,
    i: usize,
    run_start: usize,
    operators: usize,
    lambda: bool,
    outer: Vec<Enclosing>,
    outer_levels: usize,
    /// f-strings open around the current position (each field read as code
    /// is a level of this pass's own recursion).
    interpolations: usize,
}

/// The byte pass over `bytes`.
pub(crate) fn byte_bound(bytes: &[u8]) -> Verdict {
    let mut scan = Scan {
        bytes,
        lambdas: memchr::memmem::find_iter(bytes, b"lambda").collect(),
        i: 0,
        run_start: 0,
        operators: 0,
        lambda: false,
        outer: Vec::new(),
        outer_levels: 0,
        interpolations: 0,
    };
    match scan.code(None) {
        Ok(_) if scan.over() => Verdict::Over,
        Ok(_) => Verdict::Within,
        Err(verdict) => verdict,
    }
}

impl Scan<'_> {
    fn over(&self) -> bool {
        let run = self.operators + (self.i - self.run_start) / BYTES_PER_KEYWORD_LEVEL;
        self.outer_levels + run > MAX_PARSER_DEPTH
    }

    fn check(&self) -> Result<(), Verdict> {
        if self.over() {
            Err(Verdict::Over)
        } else {
            Ok(())
        }
    }

    /// Whether `lambda` occurs in the current run.
    fn lambda_in_run(&self) -> bool {
        let first = self.lambdas.partition_point(|&at| at < self.run_start);
        self.lambdas.get(first).is_some_and(|&at| at < self.i)
    }

    fn end_run(&mut self) {
        self.run_start = self.i + 1;
        self.operators = 0;
        self.lambda = false;
    }

    /// Opens a level. The bound rises here, but is compared with the
    /// limit only where it is about to fall (each end of a run, each close)
    /// and at the end, which finds every maximum.
    fn open(&mut self) -> Result<(), Verdict> {
        let length = self.i - self.run_start;
        let levels = self.operators + length / BYTES_PER_KEYWORD_LEVEL + 1;
        self.outer.push(Enclosing {
            length,
            operators: self.operators,
            lambda: self.lambda,
            levels,
        });
        self.outer_levels += levels;
        self.end_run();
        if self.outer_levels > MAX_PARSER_DEPTH {
            return Err(Verdict::Over);
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), Verdict> {
        self.check()?;
        if let Some(enclosing) = self.outer.pop() {
            self.outer_levels -= enclosing.levels;
            self.run_start = self.i + 1 - enclosing.length;
            self.operators = enclosing.operators;
            self.lambda = enclosing.lambda;
        }
        Ok(())
    }

    /// Reads code from `self.i` until the end of the text, or, inside an
    /// f-string field whose `{` left `field` levels open, until the field
    /// ends or its format spec starts. Leaves `self.i` after the last byte
    /// read.
    fn code(&mut self, field: Option<Field>) -> Result<Stop, Verdict> {
        let bytes = self.bytes;
        let at_top = |scan: &Self| field.is_some_and(|f| f.depth == scan.outer.len());
        let classes = if field.is_some() {
            &FIELD_CLASSES
        } else {
            &CLASSES
        };
        while let Some(&b) = bytes.get(self.i) {
            match classes[b as usize] {
                Class::Plain => {
                    // Most bytes are plain: their runs are skipped in a
                    // tight loop, without the dispatch.
                    let rest = &bytes[self.i + 1..];
                    self.i += 1 + rest
                        .iter()
                        .position(|&c| classes[c as usize] != Class::Plain)
                        .unwrap_or(rest.len());
                    continue;
                }
                Class::Operator => self.operators += 1,
                Class::Open => self.open()?,
                Class::Close => {
                    if at_top(self) {
                        if b != b'}' {
                            return Err(Verdict::Unsure);
                        }
                        self.close()?;
                        self.i += 1;
                        return Ok(Stop::FieldEnd);
                    }
                    self.close()?;
                }
                Class::Comma => {
                    self.lambda = self.lambda || self.lambda_in_run();
                    if !self.lambda {
                        self.check()?;
                        self.end_run();
                    }
                }
                Class::Semicolon => {
                    self.check()?;
                    self.end_run();
                }
                Class::LineFeed if field.is_some_and(|f| !f.triple) => {
                    return Err(Verdict::Unsure);
                }
                Class::LineFeed => {
                    let continued = self.i >= 1 && bytes[self.i - 1] == b'\\'
                        || b == b'\n'
                            && self.i >= 2
                            && bytes[self.i - 1] == b'\r'
                            && bytes[self.i - 2] == b'\\';
                    if self.outer.is_empty() && !continued {
                        self.check()?;
                        self.end_run();
                    }
                }
                Class::Quote => {
                    if field.is_some_and(|f| f.quote == b) {
                        // A field reusing its string's quote (Python 3.12).
                        return Err(Verdict::Unsure);
                    }
                    self.string()?;
                    continue;
                }
                Class::Hash => {
                    if field.is_some() {
                        return Err(Verdict::Unsure);
                    }
                    self.i = memchr::memchr2(b'\n', b'\r', &bytes[self.i..])
                        .map_or(bytes.len(), |at| self.i + at);
                    continue;
                }
                Class::FieldMark => {
                    let top = at_top(self);
                    let not_equal = b == b'!' && bytes.get(self.i + 1) == Some(&b'=');
                    if top && !not_equal {
                        self.i += 1;
                        return Ok(Stop::FieldSpec);
                    }
                }
            }
            self.i += 1;
        }
        if field.is_some() {
            return Err(Verdict::Unsure);
        }
        Ok(Stop::End)
    }

    /// Reads the string whose quote is at `self.i` (its prefix, if any, was
    /// read as code just before), leaving `self.i` after it.
    fn string(&mut self) -> Result<(), Verdict> {
        let bytes = self.bytes;
        let quote = bytes[self.i];
        // At most three bytes back: a longer name is no prefix anyway.
        let prefix_start = (self.i.saturating_sub(3)..self.i)
            .rev()
            .take_while(|&at| is_identifier_byte(bytes[at]))
            .last()
            .unwrap_or(self.i);
        // A name right before a quote (`elif"x"`) is no prefix.
        let interpolated = prefix_kind(&bytes[prefix_start..self.i]).unwrap_or_default();
        let triple = bytes[self.i..].starts_with(&[quote; 3]);
        self.i += if triple { 3 } else { 1 };
        if interpolated {
            self.interpolated_body(quote, triple)
        } else {
            self.plain_body(quote, triple)
        }
    }

    /// The rest of a string without fields, up to its closing quote.
    fn plain_body(&mut self, quote: u8, triple: bool) -> Result<(), Verdict> {
        let bytes = self.bytes;
        loop {
            let rest = &bytes[self.i..];
            let at = if triple {
                memchr::memchr2(quote, b'\\', rest)
            } else {
                memchr::memchr3(quote, b'\\', b'\n', rest)
            }
            .ok_or(Verdict::Unsure)?;
            self.i += at;
            match bytes[self.i] {
                b'\\' => self.i += 2,
                b'\n' => return Err(Verdict::Unsure),
                _ if !triple => {
                    self.i += 1;
                    return Ok(());
                }
                _ if bytes[self.i..].starts_with(&[quote; 3]) => {
                    self.i += 3;
                    return Ok(());
                }
                _ => self.i += 1,
            }
        }
    }

    /// The rest of an f-string (or t-string): literal text, and fields read
    /// as code, each inside a level of its own.
    fn interpolated_body(&mut self, quote: u8, triple: bool) -> Result<(), Verdict> {
        if self.interpolations == MAX_INTERPOLATIONS {
            return Err(Verdict::Unsure);
        }
        self.interpolations += 1;
        let read = self.interpolated_text(quote, triple);
        self.interpolations -= 1;
        read
    }

    fn interpolated_text(&mut self, quote: u8, triple: bool) -> Result<(), Verdict> {
        let bytes = self.bytes;
        let mut fields = 0usize;
        loop {
            let rest = &bytes[self.i..];
            let at = rest
                .iter()
                .position(|&c| matches!(c, b'{' | b'}' | b'\\' | b'\n') || c == quote)
                .ok_or(Verdict::Unsure)?;
            self.i += at;
            let c = bytes[self.i];
            match c {
                b'\\' => self.i += 2,
                b'\n' if !triple => return Err(Verdict::Unsure),
                b'\n' => self.i += 1,
                b'{' if bytes.get(self.i + 1) == Some(&b'{') && fields == 0 => self.i += 2,
                b'}' if bytes.get(self.i + 1) == Some(&b'}') && fields == 0 => self.i += 2,
                b'{' => {
                    // A field: code, in a level of its own.
                    self.open()?;
                    self.i += 1;
                    let here = Field {
                        depth: self.outer.len(),
                        quote,
                        triple,
                    };
                    match self.code(Some(here))? {
                        Stop::FieldEnd => {}
                        Stop::FieldSpec => fields += 1,
                        Stop::End => return Err(Verdict::Unsure),
                    }
                }
                b'}' if fields > 0 => {
                    // The end of a field's format spec.
                    self.close()?;
                    fields -= 1;
                    self.i += 1;
                }
                b'}' => return Err(Verdict::Unsure),
                _ if fields > 0 => return Err(Verdict::Unsure),
                _ if !triple => {
                    self.i += 1;
                    return Ok(());
                }
                _ if bytes[self.i..].starts_with(&[quote; 3]) => {
                    self.i += 3;
                    return Ok(());
                }
                _ => self.i += 1,
            }
        }
    }
}

fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Whether `prefix` is a string prefix, and if so whether it makes an f- or
/// t-string (whose fields are code).
fn prefix_kind(prefix: &[u8]) -> Option<bool> {
    if prefix.len() > 2 {
        return None;
    }
    let mut interpolated = false;
    let mut seen = [false; 4];
    for &c in prefix {
        let kind = match c.to_ascii_lowercase() {
            b'r' => 0,
            b'b' => 1,
            b'u' => 2,
            b'f' | b't' => 3,
            _ => return None,
        };
        if seen[kind] {
            return None;
        }
        seen[kind] = true;
        interpolated |= kind == 3;
    }
    // `u` combines with nothing; `b` not with `f`/`t`.
    if (seen[2] && prefix.len() > 1) || (seen[1] && seen[3]) {
        return None;
    }
    Some(interpolated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(source: &str) -> Verdict {
        byte_bound(source.as_bytes())
    }

    #[test]
    fn brackets_in_strings_and_comments_open_and_close_nothing() {
        let n = 100_000;
        // A `]` in a string does not close the list: the minus signs on the
        // lines after it are one chain inside it.
        for source in [
            format!("x = [\"]\"\n{}1]\n", "-\n".repeat(n)),
            format!("x = ['''\n]'''\n{}1]\n", "-\n".repeat(n)),
            format!("x = [  # ]\n{}1]\n", "-\n".repeat(n)),
            format!("x = [f\"{{1}}]\"\n{}1]\n", "-\n".repeat(n)),
            format!("x = [r'\\']'\n{}1]\n", "-\n".repeat(n)),
        ] {
            assert_eq!(verdict(&source), Verdict::Over, "{}", &source[..14]);
        }
        // ... and a `[` in one opens nothing.
        let table = format!("x = '['\n{}", "y = -1\n".repeat(n));
        assert_eq!(verdict(&table), Verdict::Within);
    }

    #[test]
    fn fields_of_f_strings_are_code() {
        let n = 20_000;
        let deep = format!("x = f'{{{}1}}'\n", "-".repeat(n));
        assert_eq!(verdict(&deep), Verdict::Over);
        let spec = format!("x = f'{{a:{{{}1}}}}'\n", "-".repeat(n));
        assert_eq!(verdict(&spec), Verdict::Over);
        let fine = "x = f'{a!r:>{width}} {b!=c} {{literal}} {d[\"k\"]}'\n".repeat(2_000);
        assert_eq!(verdict(&fine), Verdict::Within);
    }

    #[test]
    fn what_it_cannot_read_as_the_lexer_does_is_unsure() {
        for source in [
            "x = f'{'nested'}'\n",
            "x = 'unterminated\ny = 1\n",
            "x = '''never closed\n",
            "x = f'{a # comment\n}'\n",
        ] {
            assert_eq!(verdict(source), Verdict::Unsure, "{source}");
        }
        // f-strings nested with alternating quotes: this pass recurses once
        // per f-string, so it stops at a few (the levels' own bound stopped
        // it only after 5,000 frames).
        let n = 1_000_000;
        let nested = format!("x = {}1{}\n", "f'{f\"{".repeat(n), "}\"}'".repeat(n));
        assert_eq!(verdict(&nested), Verdict::Unsure);
    }

    #[test]
    fn prefixes_are_those_python_knows() {
        assert_eq!(prefix_kind(b""), Some(false));
        assert_eq!(prefix_kind(b"rb"), Some(false));
        assert_eq!(prefix_kind(b"Fr"), Some(true));
        assert_eq!(prefix_kind(b"t"), Some(true));
        assert_eq!(prefix_kind(b"elif"), None);
        assert_eq!(prefix_kind(b"bf"), None);
        assert_eq!(prefix_kind(b"ur"), None);
    }
}
