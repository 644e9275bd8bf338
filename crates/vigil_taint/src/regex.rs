//! What a match with a regular expression pattern (given as a constant)
//! proves: the characters the matched text can hold. Each dataflow rule
//! says which characters are harmless at its sinks (letters, digits, `_`
//! and `-` everywhere; `shlex`'s safe set for commands; operators and
//! spaces for expression evaluators), so a validation clears exactly the
//! sinks its character set cannot hurt. Whether matching can backtrack
//! exponentially is the knowledge layer's question (`vigil_knowledge::redos`).
//!
//! The alphabet is an over-approximation: every character any atom of the
//! pattern can match, anywhere in it (lookarounds included), so a text the
//! whole pattern matches holds no other. Characters beyond ASCII count as
//! harmless (`\w` matches letters of every script); constructs the
//! analysis does not read (`\N{...}`, conditionals) prove nothing.

/// The characters a successful match proves the text is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alphabet {
    /// Bit `c` is set when ASCII character `c` may occur.
    pub ascii: u128,
    /// The text may also end with one line break the pattern does not
    /// allow elsewhere (`$` matches before a final newline).
    pub trailing_newline: bool,
}

/// Letters, digits, `_` and `-`: harmless at every sink.
pub const WORD: u128 = range(b'a', b'z') | range(b'A', b'Z') | range(b'0', b'9') | bit(b'_');

/// [`WORD`] and `-`.
pub const BASE_HARMLESS: u128 = WORD | bit(b'-');

const DIGITS: u128 = range(b'0', b'9');
const SPACES: u128 = bit(b' ') | range(b'\t', b'\r');
const ALL_ASCII: u128 = u128::MAX;

const fn bit(c: u8) -> u128 {
    1u128 << (c as u32)
}

const fn range(from: u8, to: u8) -> u128 {
    let mut out = 0;
    let mut c = from;
    while c <= to {
        out |= bit(c);
        c += 1;
    }
    out
}

/// The set of `characters` (ASCII ones; others are ignored).
pub fn set_of(characters: &str) -> u128 {
    characters
        .bytes()
        .filter(u8::is_ascii)
        .fold(0, |set, c| set | bit(c))
}

/// `anchored_start`: the function matches at the start (`re.match`,
/// `re.fullmatch`); `whole`: it must match the whole text (`fullmatch`).
/// `None` when the match proves nothing about the whole text (not
/// anchored at both ends, or a construct the analysis does not read).
pub fn alphabet(pattern: &str, anchored_start: bool, whole: bool) -> Option<Alphabet> {
    let (ascii, top_level_alternation) = Reader::new(pattern).read()?;
    let start = anchored_start || pattern.starts_with('^') || pattern.starts_with("\\A");
    let (exact_end, newline_end) = if whole || pattern.ends_with("\\Z") || pattern.ends_with("\\z")
    {
        (true, false)
    } else if pattern.ends_with('$') && !pattern.ends_with("\\$") {
        (false, true)
    } else {
        (false, false)
    };
    if !start || !(exact_end || newline_end) {
        return None;
    }
    // `^a|b$` anchors each branch at one end only.
    if top_level_alternation && !whole {
        return None;
    }
    Some(Alphabet {
        ascii,
        trailing_newline: newline_end,
    })
}

/// A pass over a pattern's syntax collecting the characters of its atoms.
struct Reader<'p> {
    chars: std::iter::Peekable<std::str::Chars<'p>>,
    set: u128,
    depth: usize,
    alternation: bool,
}

impl<'p> Reader<'p> {
    fn new(pattern: &'p str) -> Self {
        Reader {
            chars: pattern.chars().peekable(),
            set: 0,
            depth: 0,
            alternation: false,
        }
    }

    fn add(&mut self, c: char) {
        if c.is_ascii() {
            self.set |= bit(c as u8);
        }
    }

    fn read(mut self) -> Option<(u128, bool)> {
        while let Some(c) = self.chars.next() {
            match c {
                '\\' => self.set |= self.escape(false)?,
                '[' => self.set |= self.class()?,
                '.' => self.set |= ALL_ASCII,
                '(' => {
                    self.depth += 1;
                    if self.chars.peek() == Some(&'?') {
                        self.chars.next();
                        self.group_prefix()?;
                    }
                }
                ')' => self.depth = self.depth.saturating_sub(1),
                '|' if self.depth == 0 => self.alternation = true,
                '|' | '^' | '$' | '*' | '+' | '?' => {}
                '{' => {
                    if !self.quantifier() {
                        self.add('{');
                    }
                }
                other => self.add(other),
            }
        }
        Some((self.set, self.alternation))
    }

    /// After `(?`: skips what names or flags the group; its body is read
    /// as any other (a lookaround's characters only widen the alphabet).
    fn group_prefix(&mut self) -> Option<()> {
        match self.chars.peek().copied()? {
            ':' | '=' | '!' | '>' => {
                self.chars.next();
            }
            '<' => {
                self.chars.next();
                if matches!(self.chars.peek(), Some('=' | '!')) {
                    self.chars.next();
                } else {
                    self.skip_past('>')?;
                }
            }
            'P' => {
                self.chars.next();
                match self.chars.next()? {
                    '<' => self.skip_past('>')?,
                    // `(?P=name)`: a backreference, no new characters.
                    '=' => {
                        self.skip_past(')')?;
                        self.depth = self.depth.saturating_sub(1);
                    }
                    _ => return None,
                }
            }
            '#' => {
                self.skip_past(')')?;
                self.depth = self.depth.saturating_sub(1);
            }
            '(' => return None,
            _ => {
                // Inline flags: `(?i)`, `(?x)`, `(?i:...)`.
                for c in self.chars.by_ref() {
                    match c {
                        ':' => break,
                        ')' => {
                            self.depth = self.depth.saturating_sub(1);
                            break;
                        }
                        c if c.is_ascii_alphabetic() || c == '-' => {}
                        _ => return None,
                    }
                }
            }
        }
        Some(())
    }

    fn skip_past(&mut self, end: char) -> Option<()> {
        for c in self.chars.by_ref() {
            if c == end {
                return Some(());
            }
        }
        None
    }

    /// After `{`: consumes a repetition count (`{2}`, `{1,5}`, `{,3}`) and
    /// says whether there was one; a `{` that starts none is a literal.
    fn quantifier(&mut self) -> bool {
        let rest: String = self.chars.clone().take(16).collect();
        let Some(close) = rest.find('}') else {
            return false;
        };
        let inner = &rest[..close];
        let counts = !inner.is_empty()
            && inner.chars().all(|c| c.is_ascii_digit() || c == ',')
            && inner.matches(',').count() <= 1
            && inner != ",";
        if counts {
            for _ in 0..=close {
                self.chars.next();
            }
        }
        counts
    }

    /// After `\`: the characters of the escape (in a class, `\b` is a
    /// backspace).
    fn escape(&mut self, in_class: bool) -> Option<u128> {
        let e = self.chars.next()?;
        Some(match e {
            'd' => DIGITS,
            'w' => WORD,
            's' => SPACES,
            'D' => !DIGITS,
            'W' => !WORD,
            'S' => !SPACES,
            'b' if in_class => bit(8),
            'A' | 'Z' | 'z' | 'b' | 'B' => 0,
            'n' => bit(b'\n'),
            't' => bit(b'\t'),
            'r' => bit(b'\r'),
            'f' => bit(0x0c),
            'v' => bit(0x0b),
            'a' => bit(0x07),
            'x' => {
                let hex: String = [self.chars.next()?, self.chars.next()?].iter().collect();
                let code = u8::from_str_radix(&hex, 16).ok()?;
                if code.is_ascii() { bit(code) } else { 0 }
            }
            // Backreferences repeat text already matched; `\0` and octal
            // escapes, `\N{...}`, `\u` are not read.
            '1'..='9' if !in_class => 0,
            c if c.is_ascii_alphanumeric() => return None,
            c if c.is_ascii() => bit(c as u8),
            _ => 0,
        })
    }

    /// After `[`: the characters of the class (its complement when it
    /// starts with `^`).
    fn class(&mut self) -> Option<u128> {
        let negated = self.chars.peek() == Some(&'^');
        if negated {
            self.chars.next();
        }
        let mut set: u128 = 0;
        let mut first = true;
        // The last single character read, which a `-` may make a range.
        let mut last: Option<char> = None;
        loop {
            let c = self.chars.next()?;
            match c {
                ']' if !first => break,
                '\\' => {
                    let escaped = self.escape(true)?;
                    set |= escaped;
                    last = single(escaped);
                }
                '-' if last.is_some() && self.chars.peek().is_some_and(|&n| n != ']') => {
                    let from = last.take()?;
                    let to = match self.chars.next()? {
                        '\\' => single(self.escape(true)?)?,
                        other => other,
                    };
                    if from > to {
                        return None;
                    }
                    let (lo, hi) = (from as u32, (to as u32).min(127));
                    for code in lo..=hi {
                        set |= 1u128 << code;
                    }
                }
                other => {
                    if other.is_ascii() {
                        set |= bit(other as u8);
                    }
                    last = Some(other);
                }
            }
            first = false;
        }
        Some(if negated { !set } else { set })
    }
}

/// The one character of a set that holds exactly one.
fn single(set: u128) -> Option<char> {
    (set.count_ones() == 1).then(|| char::from(set.trailing_zeros() as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(pattern: &str) -> Option<u128> {
        alphabet(pattern, true, true).map(|a| a.ascii)
    }

    fn only(set: u128, allowed: &str) -> bool {
        set & !(BASE_HARMLESS | set_of(allowed)) == 0
    }

    #[test]
    fn word_patterns_hold_only_word_characters() {
        for p in [
            r"[a-z0-9_-]+",
            r"\w+",
            r"\d{1,5}",
            r"[A-Za-z]+",
            r"(?P<id>\d+)-(?:[a-f]{4})",
        ] {
            let set = chars(p).unwrap_or_else(|| panic!("{p} is read"));
            assert!(only(set, ""), "{p}");
        }
    }

    #[test]
    fn punctuation_in_the_pattern_is_in_the_alphabet() {
        let set = chars(r"[A-Za-z_]+ [<>=]=? \d+").expect("read");
        assert!(only(set, " <>="));
        assert!(!only(set, " <>"));
        let dotted = chars(r"[\w.]+").expect("read");
        assert!(!only(dotted, ""));
        assert!(only(dotted, "."));
        assert!(!only(chars(r"\d+\.\d+").expect("read"), ""));
    }

    #[test]
    fn classes_negations_and_wildcards_widen_it() {
        let not_quote = chars(r"[^']+").expect("read");
        assert_eq!(not_quote & bit(b'\''), 0);
        assert_ne!(not_quote & bit(b'"'), 0);
        assert_ne!(not_quote & bit(b'\n'), 0);
        assert_eq!(chars(r".+"), Some(ALL_ASCII));
        assert_ne!(chars(r"\S+").expect("read") & bit(b';'), 0);
        assert_ne!(chars(r"[a-z\s]+").expect("read") & bit(b'\n'), 0);
        // A range ending in an escape, a literal `-` at the end.
        let range = chars(r"[\x30-\x39-]+").expect("read");
        assert!(only(range, ""));
        // `{` that is no repetition count is a literal.
        assert_ne!(chars(r"[a-z]+{x}").expect("read") & bit(b'{'), 0);
    }

    #[test]
    fn the_whole_text_must_be_matched() {
        assert!(alphabet(r"[a-z]+", true, false).is_none());
        assert!(alphabet(r"[a-z]+", false, false).is_none());
        assert!(alphabet(r"^[a-z]+", true, false).is_none());
        assert_eq!(
            alphabet(r"^[A-Za-z]+$", false, false),
            Some(Alphabet {
                ascii: range(b'a', b'z') | range(b'A', b'Z'),
                trailing_newline: true
            })
        );
        assert!(alphabet(r"^\w+\Z", false, false).is_some_and(|a| !a.trailing_newline));
        // Each branch is anchored at one end only.
        assert!(alphabet(r"^[a-z]+|[0-9]+$", false, false).is_none());
        assert!(alphabet(r"[a-z]+|[0-9]+", true, true).is_some());
    }

    #[test]
    fn hostile_patterns_do_not_panic() {
        for p in [
            "[\\x",
            "\\x4",
            "\\xff+",
            "[z-a]",
            "(?P<",
            "(?P=",
            "(?",
            "{",
            "{99999999999999999999}",
            "[\u{10FFFF}-\u{10FFFF}]",
            "[a-\u{FF}]",
            "[\u{80}-\u{FF}]",
            "[]",
            "[^]",
            "\\",
            "(?#",
            "[a-\\",
            "é{2}",
            "{é}",
            "[é-ü]+",
        ] {
            let _ = alphabet(p, true, true);
            let _ = alphabet(p, false, false);
        }
    }

    #[test]
    fn unread_constructs_prove_nothing() {
        assert!(chars(r"\N{DIGIT ONE}+").is_none());
        assert!(chars(r"(?(1)a|b)").is_none());
        assert!(chars(r"[a-z").is_none());
    }
}
