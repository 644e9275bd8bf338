//! Escaping for the HTML report. Every string that comes from a scan
//! (paths, code, messages, rule names and docs) goes through [`text`] before
//! it reaches the page: as element content or as a double-quoted attribute
//! value, including inside inline SVG. Invisible and bidirectional
//! characters (and U+2028/U+2029) are replaced by a visible `\u{..}` so that
//! they can neither reorder what the reader sees nor reach a script.

use crate::text::is_unsafe_char;
use std::fmt::Write;

fn push_escaped(out: &mut String, c: char) -> bool {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\t' | '\n' => out.push(c),
        c if is_unsafe_char(c) => return false,
        c => out.push(c),
    }
    true
}

/// Escapes `s` for HTML text and double-quoted attribute values.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !push_escaped(&mut out, c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    out
}

/// Like [`text`], for code: unsafe characters are shown in a marked span.
pub(super) fn code(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !push_escaped(&mut out, c) {
            let _ = write!(
                out,
                "<span class=\"cc\" title=\"hidden character U+{:04X}\">\\u{{{:x}}}</span>",
                c as u32, c as u32
            );
        }
    }
    out
}

/// Text with Markdown inline code (`` `os.system` ``) as `<code>`: a
/// message, a fix or a summary. Everything is escaped; a backtick without
/// its pair stays a backtick.
pub(super) fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(open) = rest.find('`') {
        let Some(close) = rest[open + 1..].find('`') else {
            break;
        };
        let inner = &rest[open + 1..open + 1 + close];
        out.push_str(&text(&rest[..open]));
        if inner.is_empty() {
            out.push_str("``");
        } else {
            let _ = write!(out, "<code>{}</code>", text(inner));
        }
        rest = &rest[open + close + 2..];
    }
    out.push_str(&text(rest));
    out
}

/// Shortens `s` to at most `max` characters: paths keep their end, other
/// labels their start.
pub(super) fn shorten(s: &str, max: usize, keep_end: bool) -> String {
    let count = s.chars().count();
    if count <= max {
        return s.to_string();
    }
    if keep_end {
        let tail: String = s.chars().skip(count - (max - 1)).collect();
        format!("…{tail}")
    } else {
        let head: String = s.chars().take(max - 1).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_hidden_characters() {
        assert_eq!(
            text("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(text("a\u{2028}b\u{202e}"), "a\\u{2028}b\\u{202e}");
        assert!(code("\u{202e}").starts_with("<span class=\"cc\""));
        assert_eq!(
            inline("`pickle.load` on <x> `a&b` and a ` alone"),
            "<code>pickle.load</code> on &lt;x&gt; <code>a&amp;b</code> and a ` alone"
        );
        assert_eq!(shorten("abcdef", 4, true), "…def");
        assert_eq!(shorten("abcdef", 4, false), "abc…");
    }
}
