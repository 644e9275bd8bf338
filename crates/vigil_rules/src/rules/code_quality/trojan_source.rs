use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{Expr, PySourceType};
use vigil_python::{Ranged, TextRange, TextSize};
use vigil_report::{Confidence, Severity};

/// Characters that reorder the text an editor shows (embeddings,
/// overrides, isolates): the Trojan Source attack.
fn bidi_control(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// Characters that show as nothing (or as a space) in most editors.
fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{115F}' => "HANGUL CHOSEONG FILLER",
        '\u{1160}' => "HANGUL JUNGSEONG FILLER",
        '\u{3164}' => "HANGUL FILLER",
        '\u{FFA0}' => "HALFWIDTH HANGUL FILLER",
        _ => return None,
    })
}

/// Where a character sits: a comment, a string literal, or code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Comment,
    String,
    Code,
}

impl Place {
    fn describe(self) -> &'static str {
        match self {
            Place::Comment => "in a comment",
            Place::String => "in a string literal",
            Place::Code => "in code",
        }
    }
}

fn check(checker: &mut Checker) {
    let source = checker.source;
    if source.is_ascii() {
        return;
    }
    // Every character looked for starts with one of these UTF-8 lead bytes;
    // finding them with memchr skips the rest of the text quickly.
    let mut found: Vec<(usize, char)> = memchr::memchr3_iter(0xC2, 0xD8, 0xE1, source.as_bytes())
        .chain(memchr::memchr3_iter(0xE2, 0xE3, 0xEF, source.as_bytes()))
        .filter_map(|at| Some((at, source.get(at..)?.chars().next()?)))
        .filter(|(at, c)| {
            (bidi_control(*c).is_some() || invisible(*c).is_some())
                && !(*at == 0 && *c == '\u{FEFF}')
        })
        .collect();
    found.sort_unstable_by_key(|(at, _)| *at);
    if found.is_empty() {
        return;
    }
    let places = Places::of(source);
    for (at, c) in found {
        let Ok(start) = TextSize::try_from(at) else {
            continue;
        };
        let range = TextRange::at(start, TextSize::of(c));
        let place = places.place(range);
        let code = c as u32;
        if let Some(name) = bidi_control(c) {
            let message = format!(
                "Bidirectional control character U+{code:04X} ({name}) {}: editors and reviews may show this line in a different order than Python reads it (Trojan Source)",
                place.describe()
            );
            checker.report(&RULE, range, message);
        } else if let Some(name) = invisible(c) {
            let message = format!(
                "Invisible character U+{code:04X} ({name}) {}: two names or strings that look the same can differ",
                place.describe()
            );
            let diagnostic = checker.report(&RULE, range, message);
            if place == Place::Code {
                diagnostic.severity(Severity::Medium);
            } else {
                diagnostic.audit_only().severity(Severity::Low);
            }
        }
    }
}

/// Comment and string ranges of a module, found by parsing it again (only
/// files that contain a suspicious character get here).
struct Places {
    comments: Vec<TextRange>,
    strings: Vec<TextRange>,
}

impl Places {
    fn of(source: &str) -> Self {
        match vigil_python::parse_module(source, PySourceType::Python) {
            Ok(parsed) => {
                let mut collector = StringRanges::default();
                collector.visit_body(&parsed.module.body);
                Places {
                    comments: parsed.comments,
                    strings: collector.ranges,
                }
            }
            Err(_) => Places {
                comments: Vec::new(),
                strings: Vec::new(),
            },
        }
    }

    fn place(&self, range: TextRange) -> Place {
        if self.comments.iter().any(|c| c.contains_range(range)) {
            Place::Comment
        } else if self.strings.iter().any(|s| s.contains_range(range)) {
            Place::String
        } else {
            Place::Code
        }
    }
}

#[derive(Default)]
struct StringRanges {
    ranges: Vec<TextRange>,
}

impl<'a> Visitor<'a> for StringRanges {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::FString(_)
            | Expr::TString(_) => self.ranges.push(expr.range()),
            _ => visitor::walk_expr(self, expr),
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags Unicode bidirectional control characters (embeddings,
    /// overrides and isolates such as U+202E RIGHT-TO-LEFT OVERRIDE)
    /// anywhere in a file, and invisible characters (zero-width spaces and
    /// joiners, direction marks, Hangul fillers) in code. Invisible
    /// characters inside strings and comments, where languages and emoji
    /// legitimately use some of them, are listed in audit mode.
    ///
    /// ## Why is this bad?
    /// Bidirectional controls make editors, diff views and code review
    /// tools display text in a different order than the interpreter reads
    /// it: a comment can appear to close before code that is in fact part
    /// of it, or an early `return` can hide inside a string (the "Trojan
    /// Source" attack, CVE-2021-42574). Invisible characters make two
    /// identifiers or strings that look identical differ.
    ///
    /// ## Example
    /// ```python
    /// access_level = "user\u202e \u2066# admin only\u2069 \u2066"
    /// ```
    ///
    /// ## Use instead
    /// Remove the control characters; where right-to-left text is needed in
    /// a string, write the characters as escapes (`"\u202e"`) so they are
    /// visible in the source.
    ///
    /// ## References
    /// - CWE-838: Inappropriate Encoding for Output Context
    /// - CVE-2021-42574: Trojan Source
    pub static RULE = {
        name: "trojan-source",
        category: Category::CodeQuality,
        cwe: &[838],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B613"],
        ruff: &[],
        help: "Delete the control or invisible character, or write it as an escape sequence (`\\u202e`) so that reviewers can see it.",
        on_file: check,
    };
}
