//! `name = "value"`: the verdict the AST rule and the config-file scanner
//! share.

use crate::kind::{SecretKind, SecretNameKind};
use crate::matches::SecretMatch;
use crate::names::is_secret_name;
use crate::scan::scan_text;
use crate::values::{
    is_high_entropy, is_placeholder, looks_like_hash_digest, looks_like_prompt_or_label,
    looks_like_secret_path, looks_like_url_endpoint, looks_like_uuid, shannon_entropy,
};
use vigil_report::Confidence;

/// The longest value judged by its name (longer literals are data, and a
/// key block among them is found by [`scan_text`]).
const MAX_VALUE_LEN: usize = 4096;

/// Judges a string literal bound to a name: assigned (`DB_PASSWORD = "..."`),
/// passed as a keyword argument (`connect(password="...")`), used as a
/// default (`def f(token="...")`), as a dict key's value
/// (`{"api_key": "..."}`) or compared (`if password == "..."`).
///
/// Returns a `hardcoded-password` or `hardcoded-secret` match whose `range`
/// is the byte range of the secret within `value` (surrounding white space
/// and an `Authorization` scheme such as `Bearer ` are left out), or `None`
/// when:
///
/// - the name is not a secret name ([`is_secret_name`]);
/// - the value holds a token of a known format or a URL password: those are
///   reported by [`scan_text`] over the whole file, which the scanner runs
///   too, so reporting here would double them;
/// - the value is a placeholder, template, prompt or label, URL endpoint,
///   secret-store reference or path, UUID or hash digest;
/// - for names other than passwords, the value does not look random
///   ([`is_high_entropy`]).
///
/// Passwords need no entropy (a weak password is still a password): short
/// or single-word ones are reported with low confidence.
pub fn classify_assignment(name: &str, value: &str) -> Option<SecretMatch> {
    let kind = is_secret_name(name)?;
    if value.len() > MAX_VALUE_LEN {
        return None;
    }
    let start = value.len() - value.trim_start().len();
    let mut secret = value.trim();
    let mut offset = start;
    if matches!(kind, SecretNameKind::Credential | SecretNameKind::Token) {
        for scheme in ["Bearer ", "bearer ", "Basic ", "basic ", "Token ", "token "] {
            if let Some(rest) = secret.strip_prefix(scheme) {
                offset += scheme.len() + (rest.len() - rest.trim_start().len());
                secret = rest.trim_start();
            }
        }
    }
    if is_not_a_secret(name, secret) || !scan_text(value).is_empty() {
        return None;
    }
    let range = offset..offset + secret.len();
    let shown_name: String = name.chars().take(60).collect();
    let found = match kind {
        SecretNameKind::Password => {
            let confidence = password_confidence(secret)?;
            SecretMatch::new(SecretKind::Password, value, range).with_confidence(confidence)
        }
        _ if is_high_entropy(secret) => SecretMatch::new(kind.into(), value, range),
        _ => return None,
    };
    let message = format!(
        "Hard-coded {} in `{shown_name}`: {}",
        found.kind.label(),
        found.redacted
    );
    Some(found.with_message(message))
}

/// Values that cannot be the secret their name promises.
fn is_not_a_secret(name: &str, value: &str) -> bool {
    is_placeholder(value)
        || looks_like_prompt_or_label(value)
        || looks_like_url_endpoint(value)
        || looks_like_secret_path(value)
        || looks_like_uuid(value)
        || (names_a_digest(name) && looks_like_hash_digest(value))
}

/// `password_sha256`, `token_digest`, ... (normally already refused by
/// [`is_secret_name`], kept as a second line of defence).
fn names_a_digest(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "hash",
        "digest",
        "checksum",
        "sha",
        "md5",
        "etag",
        "fingerprint",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// How sure a literal under a password name is a real password; `None` for
/// values too short to be one.
fn password_confidence(value: &str) -> Option<Confidence> {
    let len = value.chars().count();
    if len < 3 {
        return None;
    }
    let letters_only = value.chars().all(char::is_alphabetic);
    Some(
        if len < 6 || (letters_only && value.chars().all(char::is_lowercase)) {
            Confidence::Low
        } else if len >= 8 && (!letters_only || shannon_entropy(value) >= 3.0) {
            Confidence::High
        } else {
            Confidence::Medium
        },
    )
}
