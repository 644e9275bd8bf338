//! Pretty JSON for every JSON writer (json, SARIF, GitLab, baselines).
//!
//! serde_json escapes quotes and ASCII controls; on top of that, invisible
//! and bidirectional characters and U+2028/U+2029 are written as `\uXXXX`
//! escapes. The data is unchanged, but a person viewing the file cannot be
//! misled by reordered text, and the output is also safe to paste into
//! JavaScript. Those characters can only occur inside JSON strings, so the
//! replacement never touches the structure.

use crate::text::is_unsafe_char;
use serde::Serialize;
use std::fmt::Write;

/// `value` as pretty JSON, ending with a newline.
pub(crate) fn pretty(value: &impl Serialize) -> String {
    let mut raw = serde_json::to_string_pretty(value).expect("report data always serializes");
    // Only non-ASCII characters can need an escape: jump from one to the
    // next, and copy the text only once one does.
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = raw.as_bytes()[at..].iter().position(|b| !b.is_ascii()) {
        let start = at + offset;
        let c = raw[start..]
            .chars()
            .next()
            .expect("a character starts here");
        at = start + c.len_utf8();
        if is_unsafe_char(c) {
            let out = out.get_or_insert_with(|| String::with_capacity(raw.len() + 16));
            out.push_str(&raw[copied..start]);
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
            copied = at;
        }
    }
    if let Some(mut out) = out {
        out.push_str(&raw[copied..]);
        raw = out;
    }
    raw.push('\n');
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_hidden_characters_and_keeps_data() {
        let text = "a\u{2028}b\u{202e}c\u{E0041}é\n";
        let out = pretty(&text);
        assert_eq!(out, "\"a\\u2028b\\u202ec\\udb40\\udc41é\\n\"\n");
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text);
    }

    #[test]
    fn plain_text_is_kept_as_is() {
        for text in ["", "plain", "é ü 漢字 😀", "tab\tand \"quotes\""] {
            let out = pretty(&text);
            assert_eq!(out, format!("{}\n", serde_json::to_string(text).unwrap()));
        }
        let mixed = "x\u{200b}y é \u{2066}z";
        assert_eq!(pretty(&mixed), "\"x\\u200by é \\u2066z\"\n");
    }
}
