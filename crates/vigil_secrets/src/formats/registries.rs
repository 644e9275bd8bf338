//! Package registries: PyPI and npm upload tokens.

use super::{Detector, is_word, is_word_or_dash, matches_in, regex, standalone};
use crate::checksum::{crc32_base62_ok, decode_base64_prefix};
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub(crate) const DETECTORS: &[&Detector] = &[&PYPI, &NPM];

/// PyPI API tokens are `pypi-` + a base64url macaroon whose first bytes name
/// the issuing index (`pypi.org` or `test.pypi.org`): the prefix
/// `pypi-AgE` is checked by decoding, not just matched.
static PYPI: Detector = Detector {
    anchors: &["pypi-AgE"],
    back: 0,
    fwd: 400,
    run: pypi,
};

static PYPI_RE: LazyLock<Regex> = LazyLock::new(|| regex("pypi-AgE[0-9A-Za-z_-]{50,}"));

fn pypi(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&PYPI_RE, text, &region, |range| {
        let value = &text[range.clone()];
        let names_index = decode_base64_prefix(&value[5..], 32)
            .is_some_and(|bytes| bytes.windows(8).any(|w| w == b"pypi.org"));
        if names_index && value.len() <= 400 && standalone(text, &range, is_word_or_dash) {
            let label = if value.starts_with("pypi-AgEN") {
                "TestPyPI upload token"
            } else {
                "PyPI upload token"
            };
            out.push(SecretMatch::new(SecretKind::PypiToken, text, range).labelled(label));
        }
    });
}

/// npm access tokens: `npm_` + 30 random base62 characters + a 6-character
/// base62 CRC32 of them (the scheme GitHub tokens use).
static NPM: Detector = Detector {
    anchors: &["npm_"],
    back: 0,
    fwd: 40,
    run: npm,
};

static NPM_RE: LazyLock<Regex> = LazyLock::new(|| regex("npm_[A-Za-z0-9]{36}"));

fn npm(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&NPM_RE, text, &region, |range| {
        let value = &text[range.clone()];
        if standalone(text, &range, is_word) && crc32_base62_ok(&value[4..]) {
            out.push(SecretMatch::new(SecretKind::NpmToken, text, range));
        }
    });
}
