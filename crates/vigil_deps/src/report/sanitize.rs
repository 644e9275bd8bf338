//! Making untrusted text safe for a terminal.

/// Replaces control characters (escape sequences, carriage returns, line
/// breaks, ...) and bidirectional-text overrides with a visible `\u{..}`
/// escape, so record text cannot move the cursor, recolour the terminal or
/// reorder what the user reads.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(sanitize("a\x1b[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("x\r\ny"), "x\\u{d}\\u{a}y");
        assert_eq!(sanitize("ab\u{202e}cd"), "ab\\u{202e}cd");
        assert_eq!(sanitize("plain – ünïcode"), "plain – ünïcode");
    }
}
