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
//! - a byte pass, which treats the whole text (strings and comments too)
//!   as code, counts every operator byte and allows a keyword level per
//!   four bytes of a run: it classifies 32 bytes at a time with compares
//!   the compiler vectorises, and is never below the real recursion;
//! - only when that bound is over the limit, a token pass with the ruff
//!   lexer, which counts only what makes the parser recurse.

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
    if source.len() <= MAX_PARSER_DEPTH || !byte_bound_exceeds(source.as_bytes()) {
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

/// Whether `b` is a bracket, a comma, a semicolon or a line feed, as
/// arithmetic the compiler turns into vector compares (`[` `{` and `]` `}`
/// differ by one bit).
#[inline(always)]
fn is_structural(b: u8) -> u8 {
    (((b & 0xFE) == b'(')
        | ((b & 0xDF) == b'[')
        | ((b & 0xDF) == b']')
        | (b == b',')
        | (b == b';')
        | (b == b'\n')) as u8
}

/// Whether `b` is `*`, `+`, `-` (0x2A, 0x2B, 0x2D) or `~`.
#[inline(always)]
fn is_operator(b: u8) -> u8 {
    (((b.wrapping_sub(b'*') < 4) & (b != b',')) | (b == b'~')) as u8
}

/// The structural bytes and the operator bytes of a block of 32, as two
/// bit masks (bit `k` for byte `k`): a 0/1 lane per byte, eight lanes
/// gathered into a byte by one multiply.
#[inline(always)]
fn masks(block: &[u8; 32]) -> (u32, u32) {
    let mut structural = [0u8; 32];
    let mut operators = [0u8; 32];
    for k in 0..32 {
        structural[k] = is_structural(block[k]);
        operators[k] = is_operator(block[k]);
    }
    (gather(&structural), gather(&operators))
}

/// Bit `k` set where lane `k` is 1.
#[inline(always)]
fn gather(lanes: &[u8; 32]) -> u32 {
    let mut mask = 0u32;
    for w in 0..4 {
        let word = u64::from_le_bytes([
            lanes[w * 8],
            lanes[w * 8 + 1],
            lanes[w * 8 + 2],
            lanes[w * 8 + 3],
            lanes[w * 8 + 4],
            lanes[w * 8 + 5],
            lanes[w * 8 + 6],
            lanes[w * 8 + 7],
        ]);
        mask |= ((word.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32) << (w * 8);
    }
    mask
}

/// Calls `event(position, operators before it)` for each bracket, comma,
/// semicolon and line feed, in order; stops when it returns `false`.
/// Returns the number of operator bytes in all of `bytes`.
fn structural_events(bytes: &[u8], mut event: impl FnMut(usize, usize) -> bool) -> Option<usize> {
    let mut operators = 0usize;
    let blocks = bytes.chunks_exact(32);
    let tail = blocks.remainder();
    let mut last = [0u8; 32];
    last[..tail.len()].copy_from_slice(tail);
    let all = blocks.map(|b| <&[u8; 32]>::try_from(b).expect("a block of 32"));
    for (n, block) in all.chain(std::iter::once(&last)).enumerate() {
        let (structural, ops) = masks(block);
        let mut bits = structural;
        while bits != 0 {
            let k = bits.trailing_zeros();
            bits &= bits - 1;
            let before = operators + (ops & ((1u32 << k) - 1)).count_ones() as usize;
            if !event(n * 32 + k as usize, before) {
                return None;
            }
        }
        operators += ops.count_ones() as usize;
    }
    Some(operators)
}

/// Keyword levels (`not`, `await`, `lambda`, `if`/`else`, `yield`) take
/// at least this many bytes each (`not ` is four), so a run of `n` bytes
/// holds at most `n / 4` of them: the byte pass need not find the words.
const BYTES_PER_KEYWORD_LEVEL: usize = 4;

/// The run around an open bracket, as it was when the bracket opened.
struct Enclosing {
    length: usize,
    operators: usize,
    lambda: bool,
    /// What it adds to the bound while the bracket is open (its levels and
    /// the bracket's).
    levels: usize,
}

/// Whether the byte pass's bound goes over [`MAX_PARSER_DEPTH`]: open
/// brackets, plus for each bracket level the operator bytes of its run and
/// a quarter of the run's length (for keywords). A run ends at a comma
/// (unless a `lambda` in it still takes parameters), a semicolon, and a
/// line feed outside brackets; a closed bracket adds nothing to the run
/// around it. The bound only falls at those ends, so it is compared with
/// the limit there and at the end of the text.
fn byte_bound_exceeds(bytes: &[u8]) -> bool {
    let lambdas: Vec<usize> = memchr::memmem::find_iter(bytes, b"lambda").collect();
    let has_lambda = |from: usize, to: usize| {
        let first = lambdas.partition_point(|&at| at < from);
        lambdas.get(first).is_some_and(|&at| at < to)
    };
    // The current run: where it started, the operators before that point,
    // whether a lambda holds it open; for each open bracket, the enclosing
    // run's state and its levels, which are summed in `outer_levels`.
    let (mut run_start, mut ops_at_start, mut lambda) = (0usize, 0usize, false);
    let mut outer: Vec<Enclosing> = Vec::new();
    let mut outer_levels = 0usize;
    let levels = |start: usize, ops_at_start: usize, at: usize, ops_at: usize| {
        ops_at - ops_at_start + (at - start) / BYTES_PER_KEYWORD_LEVEL
    };
    let ended = structural_events(bytes, |i, ops| {
        let here = levels(run_start, ops_at_start, i, ops);
        if outer_levels + here > MAX_PARSER_DEPTH {
            return false;
        }
        match bytes[i] {
            b'(' | b'[' | b'{' => {
                outer.push(Enclosing {
                    length: i - run_start,
                    operators: ops - ops_at_start,
                    lambda,
                    levels: here + 1,
                });
                outer_levels += here + 1;
                (run_start, ops_at_start, lambda) = (i + 1, ops, false);
            }
            b')' | b']' | b'}' => {
                if let Some(enclosing) = outer.pop() {
                    outer_levels -= enclosing.levels;
                    // The bracketed operand adds nothing once closed: the
                    // enclosing run goes on as it was when it opened.
                    run_start = i + 1 - enclosing.length;
                    ops_at_start = ops - enclosing.operators;
                    lambda = enclosing.lambda;
                }
            }
            b',' => {
                lambda = lambda || has_lambda(run_start, i);
                if !lambda {
                    (run_start, ops_at_start) = (i + 1, ops);
                }
            }
            b';' => (run_start, ops_at_start, lambda) = (i + 1, ops, false),
            _ => {
                let continued = i >= 1 && bytes[i - 1] == b'\\'
                    || i >= 2 && bytes[i - 1] == b'\r' && bytes[i - 2] == b'\\';
                if outer.is_empty() && !continued {
                    (run_start, ops_at_start, lambda) = (i + 1, ops, false);
                }
            }
        }
        true
    });
    match ended {
        None => true,
        Some(ops) => {
            outer_levels + levels(run_start, ops_at_start, bytes.len(), ops) > MAX_PARSER_DEPTH
        }
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
