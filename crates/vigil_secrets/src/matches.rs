//! The result of every detector: one [`SecretMatch`] per secret found.

use crate::kind::SecretKind;
use crate::redact::{Redacted, redact};
use crate::rules::SecretRule;
use serde::Serialize;
use std::ops::Range;
use vigil_report::{Confidence, Severity};

/// A secret found in a text.
///
/// `range` is the byte range of the secret itself in the text that was
/// scanned (for [`crate::classify_assignment`]: in the value passed in). The
/// secret is never stored: `message` and `redacted` only carry its
/// [`Redacted`] form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretMatch {
    pub rule: SecretRule,
    pub kind: SecretKind,
    pub range: Range<usize>,
    pub severity: Severity,
    pub confidence: Confidence,
    pub cwe: &'static [u32],
    /// What was found, naming the kind and showing the redacted secret.
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
    pub redacted: Redacted,
}

impl SecretMatch {
    /// A match of `kind` on `text[range]` with the kind's defaults and the
    /// message `Hard-coded <label>: <redacted>`.
    pub(crate) fn new(kind: SecretKind, text: &str, range: Range<usize>) -> Self {
        let redacted = redact(&text[range.clone()]);
        let message = format!("Hard-coded {}: {redacted}", kind.label());
        SecretMatch {
            rule: kind.rule(),
            kind,
            range,
            severity: kind.severity(),
            confidence: kind.confidence(),
            cwe: kind.cwe(),
            message,
            help: kind.help(),
            redacted,
        }
    }

    /// Names the secret more precisely than its kind's label
    /// (`GitHub OAuth token` for a `github-token`).
    pub(crate) fn labelled(mut self, label: &str) -> Self {
        self.message = format!("Hard-coded {label}: {}", self.redacted);
        self
    }

    pub(crate) fn with_message(mut self, message: String) -> Self {
        self.message = message;
        self
    }

    pub(crate) fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub(crate) fn with_confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }

    /// The stable rule name (`hardcoded-token`, ...).
    pub fn rule_name(&self) -> &'static str {
        self.rule.name()
    }

    /// The same match moved by `offset` bytes (a match in a slice of a
    /// larger text, made to point into the larger text).
    pub fn shifted(mut self, offset: usize) -> Self {
        self.range = self.range.start + offset..self.range.end + offset;
        self
    }

    /// Rank when two matches overlap: token formats and keys beat URL
    /// passwords, which beat values judged by their name.
    pub(crate) fn priority(&self) -> u8 {
        match self.rule {
            SecretRule::HardcodedToken | SecretRule::HardcodedPrivateKey => 3,
            SecretRule::CredentialsInUrl => 2,
            SecretRule::HardcodedPassword | SecretRule::HardcodedSecret => 1,
        }
    }
}

/// What fingerprints and baselines may store in place of the flagged code:
/// the rule, the kind and the message (which names where the secret is
/// bound, when it is, and shows only its redacted form), never the secret
/// nor a hash of it. A fingerprint hashes what the report prints anyway, so
/// it is stable from run to run and confirms no guess of the secret; the
/// file and the occurrence index complete it. Pass it as the `code` of
/// `vigil_report::fingerprint`.
pub fn secret_fingerprint_material(found: &SecretMatch) -> String {
    format!(
        "{}:{}:{}",
        found.rule.name(),
        found.kind.id(),
        found.message
    )
}

/// Sorts matches by position and drops overlaps: of two overlapping matches
/// the one with the higher [`SecretMatch::priority`] stays, then the longer.
pub(crate) fn resolve_overlaps(matches: &mut Vec<SecretMatch>) {
    matches.sort_by(|a, b| {
        (a.range.start, std::cmp::Reverse(a.range.end), a.kind).cmp(&(
            b.range.start,
            std::cmp::Reverse(b.range.end),
            b.kind,
        ))
    });
    // Sorted by start, a match can only overlap the last one kept (which
    // starts no later and ends after every earlier one).
    let mut kept: Vec<SecretMatch> = Vec::with_capacity(matches.len());
    for m in matches.drain(..) {
        match kept.last_mut() {
            Some(last) if m.range.start < last.range.end => {
                if (m.priority(), m.range.len()) > (last.priority(), last.range.len()) {
                    *last = m;
                }
            }
            _ => kept.push(m),
        }
    }
    *matches = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_keep_the_specific_then_the_longer() {
        let text = "0123456789abcdefghijklmnopqrstuvwxyz";
        let mut found = vec![
            SecretMatch::new(SecretKind::UrlPassword, text, 5..20),
            SecretMatch::new(SecretKind::GithubToken, text, 0..10),
            SecretMatch::new(SecretKind::Password, text, 22..30),
            SecretMatch::new(SecretKind::Jwt, text, 21..25),
            SecretMatch::new(SecretKind::Jwt, text, 21..23),
            SecretMatch::new(SecretKind::Token, text, 31..36),
        ];
        resolve_overlaps(&mut found);
        let kept: Vec<_> = found.iter().map(|m| (m.kind, m.range.clone())).collect();
        assert_eq!(
            kept,
            vec![
                (SecretKind::GithubToken, 0..10),
                (SecretKind::Jwt, 21..25),
                (SecretKind::Token, 31..36),
            ]
        );
    }
}
