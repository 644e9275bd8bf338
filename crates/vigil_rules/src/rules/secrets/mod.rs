//! Credentials written into code: tokens of known formats, private keys,
//! passwords in URLs (found in the file's text by `vigil_secrets`), and
//! literals bound to password- or secret-like names (found in the syntax tree).

pub mod credentials_in_url;
pub mod hardcoded_password;
pub mod hardcoded_private_key;
pub mod hardcoded_secret;
pub mod hardcoded_token;
mod literals;
pub mod sensitive_data_in_logs;

use crate::checker::Checker;
use crate::rule::Rule;
use vigil_python::{TextRange, TextSize};
use vigil_secrets::SecretRule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &hardcoded_token::RULE,
    &hardcoded_private_key::RULE,
    &credentials_in_url::RULE,
    &hardcoded_password::RULE,
    &hardcoded_secret::RULE,
    &sensitive_data_in_logs::RULE,
];

/// Reports the matches of `wanted` that the text scan of the file found.
fn report_text_matches(checker: &mut Checker, wanted: SecretRule, rule: &'static Rule) {
    let found: Vec<_> = checker
        .secret_matches()
        .iter()
        .filter(|m| m.rule == wanted)
        .map(|m| (m.range.clone(), m.message.clone(), m.severity, m.confidence))
        .collect();
    for (range, message, severity, confidence) in found {
        let (Ok(start), Ok(end)) = (
            TextSize::try_from(range.start),
            TextSize::try_from(range.end),
        ) else {
            continue;
        };
        checker
            .report(rule, TextRange::new(start, end), message)
            .severity(severity)
            .confidence(confidence);
    }
}
