//! How deeply the parser would recurse, bounded before it runs.
//!
//! The ruff parser recurses once per level of brackets, prefix operators
//! (`-x`, `not x`, `await x`, `*x`), `lambda`, conditional expressions and
//! right-associative `**`, and each level costs it about a kilobyte of
//! stack. A file of four million `[` would take gigabytes before any limit
//! on the finished tree could refuse it, and a few of the parser's helpers
//! (`set_expr_ctx`) recurse without growing the stack at all. So before
//! parsing, the file's text gives an upper bound on that recursion, and a
//! file above [`MAX_PARSER_DEPTH`] is not parsed.
//!
//! CPython refuses such files too: more than 200 nested brackets is a
//! syntax error, and its compiler stops near 3,000 levels of nesting, so
//! anything CPython runs stays under the limit.
//!
//! Two passes, both linear:
//! - a byte pass ([`crate::byte_scan`]), a small lexer that reads strings
//!   and comments as Python does, counts every operator byte and allows a
//!   keyword level per four bytes of a run: never below the real recursion;
//! - only when that bound is over the limit, or the byte pass met text it
//!   does not read as the lexer would, a token pass with the ruff lexer,
//!   which counts only what makes the parser recurse.

use crate::byte_scan::{Verdict, byte_bound};
use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{Mode, lexer::lex};

/// Files whose parse could recurse deeper than this are not parsed.
pub const MAX_PARSER_DEPTH: usize = 5_000;

/// What the bound found: levels of recursion that parsing would need (at
/// least `MAX_PARSER_DEPTH + 1`; counting stops there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub levels: usize,
}

/// The levels, as a number: "nests {too_deep} levels deep".
impl std::fmt::Display for TooDeep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {}", self.levels - 1)
    }
}

/// `Err` when parsing `source` could recurse deeper than
/// [`MAX_PARSER_DEPTH`].
pub fn check_parser_depth(source: &str) -> Result<(), TooDeep> {
    // Every level takes at least one byte of source.
    if source.len() <= MAX_PARSER_DEPTH || byte_bound(source.as_bytes()) == Verdict::Within {
        return Ok(());
    }
    match token_bound(source) {
        levels if levels > MAX_PARSER_DEPTH => Err(TooDeep { levels }),
        _ => Ok(()),
    }
}

/// Levels of one bracket: tokens counted since the last reset, and
/// whether a `lambda` among them keeps commas from ending the run (its
/// parameters are separated by commas while it is still open).
#[derive(Default, Clone, Copy)]
struct Level {
    run: usize,
    lambda: bool,
}

/// The running bound: open brackets plus the counted runs of each level.
#[derive(Default)]
struct Bound {
    outer: Vec<Level>,
    level: Level,
    total: usize,
}

impl Bound {
    fn open(&mut self) {
        self.outer.push(std::mem::take(&mut self.level));
        self.total += 1;
    }

    fn close(&mut self) {
        if let Some(outer) = self.outer.pop() {
            self.total -= 1 + self.level.run;
            self.level = outer;
        }
    }

    fn count(&mut self) {
        self.level.run += 1;
        self.total += 1;
    }

    fn lambda(&mut self) {
        self.count();
        self.level.lambda = true;
    }

    /// A comma ends the operands of the prefix operators before it.
    fn comma(&mut self) {
        if !self.level.lambda {
            self.end_run();
        }
    }

    fn end_run(&mut self) {
        self.total -= self.level.run;
        self.level = Level::default();
    }
}

/// The token pass: the deepest the parser could recurse, counting only
/// tokens that open a level (stops counting past the limit).
fn token_bound(source: &str) -> usize {
    let mut lexer = lex(source, Mode::Module);
    let mut bound = Bound::default();
    let mut indent = 0usize;
    let mut deepest = 0usize;
    let mut previous = TokenKind::Newline;
    loop {
        let kind = lexer.next_token();
        match kind {
            TokenKind::EndOfFile => break,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => bound.open(),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => bound.close(),
            TokenKind::Comma => bound.comma(),
            TokenKind::Semi | TokenKind::Newline => bound.end_run(),
            TokenKind::Indent => indent += 1,
            TokenKind::Dedent => indent = indent.saturating_sub(1),
            TokenKind::Minus | TokenKind::Plus | TokenKind::Star if !ends_operand(previous) => {
                bound.count()
            }
            TokenKind::Tilde
            | TokenKind::DoubleStar
            | TokenKind::Not
            | TokenKind::Await
            | TokenKind::If
            | TokenKind::Else
            | TokenKind::Yield => bound.count(),
            TokenKind::Lambda => bound.lambda(),
            _ => {}
        }
        if !kind.is_trivia() && kind != TokenKind::NonLogicalNewline {
            previous = kind;
        }
        deepest = deepest.max(bound.total + indent);
        if deepest > MAX_PARSER_DEPTH {
            break;
        }
    }
    deepest
}

/// Whether a token can end an operand, making a following `-`, `+` or `*`
/// a binary operator (which the parser loops over instead of recursing).
fn ends_operand(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::String
            | TokenKind::FStringEnd
            | TokenKind::TStringEnd
            | TokenKind::Rpar
            | TokenKind::Rsqb
            | TokenKind::Rbrace
            | TokenKind::None
            | TokenKind::True
            | TokenKind::False
            | TokenKind::Ellipsis
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn too_deep(source: &str) -> bool {
        check_parser_depth(source).is_err()
    }

    #[test]
    fn what_cpython_compiles_is_parsed() {
        let n = 2_000;
        let r = |s: &str, k: usize| s.repeat(k);
        for source in [
            format!("x = {}", vec!["1"; n].join(" + ")),
            format!("x = {}", vec!["'a'"; n].join(" + ")),
            format!("x = {}1", r("-", n)),
            format!("x = {}1", r("not ", n)),
            format!("x = {}1", r("lambda: ", n)),
            format!("x = {}1", r("1 if 1 else ", n)),
            format!("x = {}", vec!["2"; n].join("**")),
            format!("x = {}1{}", r("[", 199), r("]", 199)),
            format!("x = a{}", r(".b", n)),
            format!("x = f{}", r("()", n)),
        ] {
            assert!(!too_deep(&source), "{}", &source[..30]);
        }
    }

    #[test]
    fn hostile_recursion_is_refused_before_parsing() {
        let n = 1_000_000;
        let r = |s: &str, k: usize| s.repeat(k);
        for source in [
            format!("x = {}", r("[", n)),
            format!("x = {}1{}", r("(", n), r(")", n)),
            format!("x = {}1", r("-", n)),
            format!("for {}x in y: pass", r("-", n)),
            format!("x = {}1", r("not ", n / 4)),
            format!("x = {}1", r("await ", n / 6)),
            format!("x = {}1", r("lambda a, b: ", n / 13)),
            format!("x = {}1", r("1 if 1 else ", n / 12)),
            format!("x = {}2", r("2**", n / 3)),
            format!("x = {}", r("f(a=", n / 4)),
            format!("x = {}", r("[-\n", n / 3)),
            format!("x = [{}]", r("-\\\n", n / 3)),
            format!("x = f\"{}\"", r("{-", n / 2)),
            format!("{}\n", r("*", n)),
            format!("[\"]\"{}", r("-", n)),
            // A `]` inside a string closes nothing.
            format!("x = [\"]\"\n{}1]", r("-\n", n / 2)),
            format!("x = [  # ]\n{}1]", r("-\n", n / 2)),
        ] {
            assert!(too_deep(&source), "{}", &source[..30]);
        }
    }

    #[test]
    fn long_flat_code_is_not_refused() {
        let table = format!("DATA = [{}]\n", vec!["-1"; 200_000].join(", "));
        let calls = "f(-a, not b, *c, **d)\n".repeat(50_000);
        let ruler = format!("# {}\n", "-".repeat(10_000));
        let text = format!("\"\"\"{}\"\"\"\n", "- item\n".repeat(10_000));
        for source in [table, calls, ruler, text] {
            assert!(!too_deep(&source), "{}", &source[..30]);
        }
    }
}
