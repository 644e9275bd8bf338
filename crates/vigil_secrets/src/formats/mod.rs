//! Token formats: one module per family of services.
//!
//! Each family declares [`Detector`]s: the literal anchors that must occur
//! for one of its tokens to be present (a prefix such as `ghp_`, or a
//! keyword such as `twilio` for formats without one), how far around an
//! anchor a token may reach, and the function that checks a candidate
//! region with the family's regexes and validators (checksums, decoding,
//! placeholders). The scanner in [`crate::scan`] runs all anchors through
//! one Aho-Corasick automaton and calls a detector only on the regions
//! around its anchors.

use crate::matches::SecretMatch;
use regex::{Captures, Regex};
use std::ops::Range;

mod ai;
mod cloud;
mod connstr;
mod jwt;
mod messaging;
mod payments;
mod pem;
mod registries;
mod url;
mod vcs;

pub(crate) use jwt::is_sample_jwt;

/// A family's entry point into the scanner.
pub(crate) struct Detector {
    /// Literals, one of which occurs in (or near) every token found.
    pub anchors: &'static [&'static str],
    /// How many bytes before an anchor's start a token may begin.
    pub back: usize,
    /// How many bytes after an anchor's start a token may end.
    pub fwd: usize,
    /// Finds the tokens in `text[region]` and pushes them, with ranges in
    /// `text`.
    pub run: fn(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>),
}

/// Every detector of every family.
pub(crate) fn detectors() -> Vec<&'static Detector> {
    [
        cloud::DETECTORS,
        vcs::DETECTORS,
        messaging::DETECTORS,
        payments::DETECTORS,
        ai::DETECTORS,
        registries::DETECTORS,
        jwt::DETECTORS,
        pem::DETECTORS,
        url::DETECTORS,
        connstr::DETECTORS,
    ]
    .into_iter()
    .flatten()
    .copied()
    .collect()
}

/// Letters, digits and `_`.
pub(crate) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Letters, digits, `_` and `-` (base64url).
pub(crate) fn is_word_or_dash(b: u8) -> bool {
    is_word(b) || b == b'-'
}

/// Letters, digits, `+` and `/` (standard base64, without the padding).
pub(crate) fn is_base64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'/'
}

/// Whether `text[range]` stands alone: the byte before it and the byte
/// after it are not `part_of_token` bytes.
pub(crate) fn standalone(text: &str, range: &Range<usize>, part_of_token: fn(u8) -> bool) -> bool {
    let bytes = text.as_bytes();
    let before_ok = range.start == 0 || !part_of_token(bytes[range.start - 1]);
    let after_ok = range.end >= bytes.len() || !part_of_token(bytes[range.end]);
    before_ok && after_ok
}

/// Runs `re` over `text[region]` and calls `each` with the captures and the
/// offset of the region, so that `offset + group.start()` is a position in
/// `text`.
pub(crate) fn captures_in<'t>(
    re: &Regex,
    text: &'t str,
    region: &Range<usize>,
    mut each: impl FnMut(&Captures<'t>, usize),
) {
    let Some(slice) = text.get(region.clone()) else {
        return;
    };
    for caps in re.captures_iter(slice) {
        each(&caps, region.start);
    }
}

/// Runs `re` over `text[region]` and calls `each` with the range of every
/// match in `text`.
pub(crate) fn matches_in(
    re: &Regex,
    text: &str,
    region: &Range<usize>,
    mut each: impl FnMut(Range<usize>),
) {
    let Some(slice) = text.get(region.clone()) else {
        return;
    };
    for m in re.find_iter(slice) {
        each(m.start() + region.start..m.end() + region.start);
    }
}

/// The range of capture group `i` in `text` (see [`captures_in`]).
pub(crate) fn group(caps: &Captures<'_>, i: usize, offset: usize) -> Option<Range<usize>> {
    caps.get(i).map(|m| m.start() + offset..m.end() + offset)
}

/// Compiles a regex written in this crate (a bad one is a bug caught by
/// the tests).
pub(crate) fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex {pattern}: {e}"))
}
