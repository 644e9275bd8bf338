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
    let raw = serde_json::to_string_pretty(value).expect("report data always serializes");
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        if is_unsafe_char(c) && !c.is_ascii() {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
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
}
