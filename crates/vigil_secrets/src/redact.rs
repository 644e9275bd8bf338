//! Showing a secret without leaking it.
//!
//! Every message, snippet and fingerprint that leaves this crate carries a
//! [`Redacted`] form instead of the secret: a short prefix (never more than
//! 4 characters, fewer for short secrets) and the length. No hash of the
//! secret is shown or stored: a fast unsalted hash (even a 48-bit prefix of
//! one) lets anyone holding a report or a baseline confirm a guessed weak
//! password offline at billions of guesses per second. Baselines identify a
//! secret finding by its rule, file, context and redacted form instead
//! (see [`crate::secret_fingerprint_material`]).

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fmt;
use std::ops::Range;

/// A secret as it may be shown: `ghp_…(40 chars)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Redacted {
    /// The first characters of the secret: none below 8 characters, then
    /// one more for every 8 characters, at most 4.
    pub prefix: String,
    /// Length of the secret in characters.
    pub length: usize,
}

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}…({} chars)", self.prefix, self.length)
    }
}

/// How many leading characters of a secret of `length` characters may be
/// shown.
fn shown_prefix_len(length: usize) -> usize {
    (length / 8).min(4)
}

/// The redacted form of `secret`.
pub fn redact(secret: &str) -> Redacted {
    let length = secret.chars().count();
    let prefix = secret.chars().take(shown_prefix_len(length)).collect();
    Redacted { prefix, length }
}

/// The full SHA-256 of `text` in lower-case hex (to recognise documented
/// example keys; never shown).
pub(crate) fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `text` with every byte range in `ranges` replaced by the redacted form of
/// what it covers; for code snippets shown next to a secret finding.
///
/// Ranges may come in any order and may overlap (overlaps are merged); a
/// range past the end of `text` or off a character boundary is widened to
/// the nearest boundary inside `text`.
pub fn mask_ranges(text: &str, ranges: &[Range<usize>]) -> String {
    let mut sorted: Vec<Range<usize>> = ranges
        .iter()
        .map(|r| floor_boundary(text, r.start)..ceil_boundary(text, r.end))
        .filter(|r| r.start < r.end)
        .collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut i = 0;
    while i < sorted.len() {
        let mut range = sorted[i].clone();
        while i + 1 < sorted.len() && sorted[i + 1].start < range.end {
            range.end = range.end.max(sorted[i + 1].end);
            i += 1;
        }
        if range.start >= at {
            out.push_str(&text[at..range.start]);
            out.push_str(&redact(&text[range.clone()]).to_string());
            at = range.end;
        }
        i += 1;
    }
    out.push_str(&text[at..]);
    out
}

/// The byte ranges of the user-info part of every URL in `text`
/// (`user:password` in `https://user:password@host/`, the token in
/// `git+https://TOKEN@github.com/...`), whatever the scheme and whether or
/// not a password is there: a URL's user-info is a credential or part of
/// one.
pub fn url_userinfo_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let start = from + found + 3;
        let mut end = start;
        let mut at = None;
        while end < bytes.len() {
            match bytes[end] {
                b'@' => at = Some(end),
                b'/' | b'?' | b'#' | b'"' | b'\'' | b'<' | b'>' | b'`' => break,
                b if b.is_ascii_whitespace() => break,
                _ => {}
            }
            end += 1;
        }
        // The last `@` before the path ends the user-info (a password may
        // hold an unescaped `@`).
        if let Some(at) = at
            && at > start
        {
            ranges.push(start..at);
        }
        from = end.max(start);
    }
    ranges
}

/// `text` with every credential vigil recognises masked in its redacted
/// form: the user-info of URLs ([`url_userinfo_ranges`]) and every token,
/// key or URL password [`crate::scan_text`] finds. For text vigil prints
/// that came from the scanned tree but is not a secret finding itself
/// (a dependency's manifest line, a requirement, an index URL).
pub fn mask_secrets(text: &str) -> String {
    let mut ranges = url_userinfo_ranges(text);
    if crate::may_contain_secret(text) {
        ranges.extend(crate::scan_text(text).into_iter().map(|m| m.range));
    }
    if ranges.is_empty() {
        return text.to_owned();
    }
    mask_ranges(text, &ranges)
}

/// The largest character boundary of `text` at or before `index`.
pub(crate) fn floor_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `text` at or after `index`.
pub(crate) fn ceil_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_shows_prefix_and_length_only() {
        let token = format!("ghp_{}", "a1B2".repeat(9));
        let shown = redact(&token).to_string();
        assert_eq!(shown, "ghp_…(40 chars)");
    }

    /// Issue #18: the printed form held the first 48 bits of the unsalted
    /// SHA-256 of the secret, enough to confirm a guessed password offline.
    /// Nothing derived from the secret beyond the shown prefix and length
    /// is printed: two secrets with the same prefix and length look alike.
    #[test]
    fn the_printed_form_allows_no_guess_check() {
        let a = redact("hunter2-Spring2024");
        let b = redact("hunter2-Summer1999");
        assert_eq!(a, b);
        assert_eq!(a.to_string(), b.to_string());
        assert!(
            !a.to_string()
                .contains(&sha256_hex("hunter2-Spring2024")[..6])
        );
    }

    #[test]
    fn short_secrets_show_less() {
        assert_eq!(redact("hunter2").prefix, "");
        assert_eq!(redact("correct-horse").prefix, "c");
        assert_eq!(redact("correct-horse-battery").prefix, "co");
        assert_eq!(redact("").length, 0);
    }

    #[test]
    fn documented_examples_are_recognised_by_plain_sha256() {
        assert!(sha256_hex("abc").starts_with("ba7816bf8f01"));
    }

    #[test]
    fn length_counts_characters() {
        assert_eq!(redact("pässwörd").length, 8);
    }

    #[test]
    fn url_credentials_are_masked() {
        let token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
        let line = format!("pkg @ git+https://{token}@github.com/o/r.git#egg=pkg");
        let masked = mask_secrets(&line);
        assert!(!masked.contains("abcdefghijklmnop"), "{masked}");
        assert!(masked.contains("@github.com/o/r.git#egg=pkg"), "{masked}");
        let masked = mask_secrets("--index-url https://alice:s3cr3t-Pa55@pypi.corp/simple");
        assert!(!masked.contains("s3cr3t"), "{masked}");
        assert!(!masked.contains("alice"), "{masked}");
        assert!(masked.ends_with("@pypi.corp/simple"), "{masked}");
        // A password holding '@', two URLs on a line, no user-info.
        let masked = mask_secrets("a https://u:p@ss@h/x b http://v:w@k c https://plain/x@y");
        assert!(!masked.contains("u:p@ss"), "{masked}");
        assert!(!masked.contains("v:w"), "{masked}");
        assert!(masked.contains("https://plain/x@y"), "{masked}");
        assert_eq!(mask_secrets("requests==2.0"), "requests==2.0");
    }

    #[test]
    fn mask_replaces_ranges() {
        let text = "key = 'abcdefghijklmnop' # ok";
        let masked = mask_ranges(text, &[7..23, 8..10]);
        assert!(!masked.contains("abcdefghijklmnop"), "{masked}");
        assert!(masked.starts_with("key = 'ab…(16 chars)'"), "{masked}");
        assert!(masked.ends_with("' # ok"));
        let (half, whole) = (0..1, 0..2);
        assert_eq!(
            mask_ranges("é", std::slice::from_ref(&half)),
            mask_ranges("é", std::slice::from_ref(&whole))
        );
    }
}
