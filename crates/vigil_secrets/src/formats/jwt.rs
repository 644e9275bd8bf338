//! JSON Web Tokens: three base64url parts whose header decodes to a JSON
//! object with an `alg`.
//!
//! The jwt.io sample token (subject `1234567890`, name `John Doe`) is
//! documentation, not a credential. A token whose `exp` lies in the past
//! is reported with low confidence: it no longer grants access by itself,
//! but its signing key may still be the one in use.

use super::{Detector, is_word_or_dash, matches_in, regex, standalone};
use crate::checksum::decode_base64;
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use regex::Regex;
use serde_json::Value;
use std::ops::Range;
use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};
use vigil_report::Confidence;

pub(crate) const DETECTORS: &[&Detector] = &[&JWT];

static JWT: Detector = Detector {
    anchors: &["eyJ"],
    back: 0,
    fwd: 8192,
    run: jwt,
};

static JWT_RE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{2,}\.[0-9A-Za-z_-]*"));

fn jwt(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&JWT_RE, text, &region, |range| {
        if range.len() > JWT.fwd || !standalone(text, &range, |b| is_word_or_dash(b) || b == b'.') {
            return;
        }
        let mut parts = text[range.clone()].split('.');
        let (Some(header), Some(payload), Some(signature)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return;
        };
        let Some(header) = decode_json(header) else {
            return;
        };
        let Some(alg) = header.get("alg").and_then(Value::as_str) else {
            return;
        };
        let unsigned = alg.eq_ignore_ascii_case("none");
        if signature.is_empty() != unsigned {
            return;
        }
        let Some(payload) = decode_json(payload) else {
            return;
        };
        if is_documentation_sample(&payload) {
            return;
        }
        let confidence = if unsigned || has_expired(&payload) {
            Confidence::Low
        } else {
            Confidence::Medium
        };
        let label = if unsigned {
            "unsigned JSON Web Token (alg none)"
        } else {
            "JSON Web Token"
        };
        out.push(
            SecretMatch::new(SecretKind::Jwt, text, range)
                .labelled(label)
                .with_confidence(confidence),
        );
    });
}

/// Whether `value` is a JWT whose payload is the documentation sample.
pub(crate) fn is_sample_jwt(value: &str) -> bool {
    let mut parts = value.split('.');
    value.starts_with("eyJ")
        && parts.next().is_some()
        && parts
            .next()
            .and_then(decode_json)
            .is_some_and(|payload| is_documentation_sample(&payload))
}

/// Decodes one base64url part to a JSON object.
fn decode_json(part: &str) -> Option<Value> {
    let bytes = decode_base64(part)?;
    let value: Value = serde_json::from_slice(&bytes).ok()?;
    value.is_object().then_some(value)
}

/// The sample token of jwt.io and of countless tutorials.
fn is_documentation_sample(payload: &Value) -> bool {
    payload.get("sub").and_then(Value::as_str) == Some("1234567890")
        || payload.get("name").and_then(Value::as_str) == Some("John Doe")
}

fn has_expired(payload: &Value) -> bool {
    let Some(exp) = payload.get("exp").and_then(Value::as_f64) else {
        return false;
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    exp < now
}
