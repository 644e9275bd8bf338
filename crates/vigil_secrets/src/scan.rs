//! The token scanner: one Aho-Corasick pass over the text finds every
//! anchor; each detector then runs its regexes only on the regions around
//! its own anchors.
//!
//! The pass is leftmost-first and non-overlapping, which keeps the
//! automaton's prefilter effective (about 3x faster than an overlapping
//! search). An anchor that overlaps an earlier anchor's match is skipped,
//! and that never loses a token: anchors of one detector share its
//! windows, and where an anchor of one detector ends with the start of
//! another's (`-us` then `sk_live_`), the second token would be glued to a
//! letter, which its own boundary check rejects anyway (a unit test keeps
//! this true as anchors are added).
//!
//! Cost is linear in the text: the automaton is linear, every region is
//! bounded ([`MAX_REGION`]) and regions of one detector never overlap by
//! more than one window, so even a 10 MB line full of anchors is read a
//! small constant number of times.

use crate::formats::{Detector, detectors};
use crate::matches::{SecretMatch, resolve_overlaps};
use crate::redact::{ceil_boundary, floor_boundary};
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;
use std::sync::LazyLock;

/// The longest region one detector call looks at; windows of nearby
/// anchors are merged up to this size.
const MAX_REGION: usize = 64 * 1024;

struct Engine {
    automaton: AhoCorasick,
    /// The detector of each automaton pattern.
    detector_of: Vec<usize>,
    detectors: Vec<&'static Detector>,
}

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let detectors = detectors();
    let mut patterns = Vec::new();
    let mut detector_of = Vec::new();
    for (i, d) in detectors.iter().enumerate() {
        for anchor in d.anchors {
            patterns.push(*anchor);
            detector_of.push(i);
        }
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(&patterns)
        .unwrap_or_else(|e| panic!("secret anchors do not build an automaton: {e}"));
    Engine {
        automaton,
        detector_of,
        detectors,
    }
});

/// Finds every token, key block and URL password of a known format in
/// `text`, sorted by position, without overlaps (where two detectors claim
/// the same bytes, the more specific one wins).
///
/// Byte ranges point into `text`. Callers that read files as bytes should
/// decode them lossily first (`String::from_utf8_lossy`): a secret is ASCII
/// and survives that.
pub fn scan_text(text: &str) -> Vec<SecretMatch> {
    let engine = &*ENGINE;
    let mut out = Vec::new();
    // The region each detector has gathered so far.
    let mut pending: Vec<Option<Range<usize>>> = vec![None; engine.detectors.len()];
    for hit in engine.automaton.find_iter(text) {
        let index = engine.detector_of[hit.pattern().as_usize()];
        let detector = engine.detectors[index];
        let window = floor_boundary(text, hit.start().saturating_sub(detector.back))
            ..ceil_boundary(text, hit.start().saturating_add(detector.fwd));
        match &mut pending[index] {
            Some(region)
                if window.start <= region.end && window.end - region.start <= MAX_REGION =>
            {
                region.end = region.end.max(window.end);
            }
            slot => {
                if let Some(region) = slot.replace(window) {
                    (detector.run)(text, region, &mut out);
                }
            }
        }
    }
    for (index, slot) in pending.into_iter().enumerate() {
        if let Some(region) = slot {
            (engine.detectors[index].run)(text, region, &mut out);
        }
    }
    resolve_overlaps(&mut out);
    out
}

/// Whether `text` holds any anchor at all: a cheap test for callers that
/// want to skip work (the scanner itself needs no such test).
pub fn may_contain_secret(text: &str) -> bool {
    ENGINE.automaton.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// See the module documentation: skipping overlapped anchors is only
    /// safe while this holds.
    #[test]
    fn overlapping_anchors_of_different_detectors_are_glued_by_a_letter() {
        let engine = &*ENGINE;
        let anchors: Vec<(usize, &str)> = engine
            .detectors
            .iter()
            .enumerate()
            .flat_map(|(i, d)| d.anchors.iter().map(move |a| (i, *a)))
            .collect();
        for &(da, a) in &anchors {
            for &(db, b) in &anchors {
                if da == db {
                    continue;
                }
                assert!(!b.starts_with(a), "{a:?} is a prefix of {b:?}");
                for k in 1..a.len().min(b.len()) {
                    if a.ends_with(&b[..k]) {
                        let glue = a.as_bytes()[a.len() - k - 1];
                        assert!(
                            glue.is_ascii_alphanumeric(),
                            "{a:?} overlaps {b:?} after {glue:?}"
                        );
                    }
                }
            }
        }
    }

    /// Past 64 patterns the automaton loses its SIMD prefilter (Teddy) and
    /// the pass gets several times slower: cover case variants with a shared
    /// suffix (`assword=`) rather than adding anchors.
    #[test]
    fn anchors_fit_the_fast_prefilter() {
        assert!(
            ENGINE.automaton.patterns_len() <= 64,
            "{}",
            ENGINE.automaton.patterns_len()
        );
    }

    #[test]
    fn no_anchor_no_work() {
        assert!(!may_contain_secret("def f(x):\n    return x + 1\n"));
        assert!(may_contain_secret("see https://example.org"));
        assert!(scan_text("").is_empty());
    }
}
