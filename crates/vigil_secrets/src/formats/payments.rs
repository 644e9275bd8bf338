//! Payments: Stripe secret, restricted and webhook keys.
//!
//! Live keys (`sk_live_`, `rk_live_`) are reported with their kind's high
//! severity (restricted keys one step lower); test-mode keys (`sk_test_`,
//! `rk_test_`) with low severity: they cannot move money but do read and
//! write the account's test data. Publishable keys (`pk_`) are public by
//! design and never reported.

use super::{Detector, is_word, matches_in, regex, standalone};
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use crate::values::{is_placeholder, shannon_entropy};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use vigil_report::Severity;

pub(crate) const DETECTORS: &[&Detector] = &[&STRIPE];

static STRIPE: Detector = Detector {
    // `k_live_` covers `sk_live_` and `rk_live_`.
    anchors: &["k_live_", "k_test_", "whsec_"],
    back: 1,
    fwd: 260,
    run: stripe,
};

static STRIPE_RE: LazyLock<Regex> =
    LazyLock::new(|| regex("[sr]k_(?:live|test)_[0-9A-Za-z]{20,}|whsec_[0-9A-Za-z+/=]{32,}"));

fn stripe(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&STRIPE_RE, text, &region, |range| {
        let value = &text[range.clone()];
        let random = value.rsplit('_').next().unwrap_or("");
        if value.len() > 260
            || !standalone(text, &range, is_word)
            || is_placeholder(value)
            || is_placeholder(random)
        {
            return;
        }
        if shannon_entropy(random) < 3.0 {
            return;
        }
        let found = match &value[..3] {
            "whs" => SecretMatch::new(SecretKind::StripeWebhookSecret, text, range),
            _ if value[3..].starts_with("test_") => {
                let label = if value.starts_with('r') {
                    "Stripe test-mode restricted key"
                } else {
                    "Stripe test-mode secret key"
                };
                SecretMatch::new(SecretKind::StripeTestKey, text, range).labelled(label)
            }
            "rk_" => SecretMatch::new(SecretKind::StripeLiveKey, text, range)
                .labelled("Stripe live restricted key")
                .with_severity(Severity::High),
            _ => SecretMatch::new(SecretKind::StripeLiveKey, text, range),
        };
        out.push(found);
    });
}
