//! Credentials by name: does an identifier, key or header name say that its
//! value is a secret?
//!
//! A name is split into lower-case words (`DB_PASSWORD` → `db password`,
//! `githubToken` → `github token`, `X-API-Key` → `x api key`,
//! `settings.SECRET_KEY` → `settings secret key`; digits are dropped). The
//! name is a secret name when its *last meaningful word* (its head) is a
//! secret word: `password`, `token`, `secret`, or `key` qualified by the
//! word before it (`api key`, `private key`, `stripe key`), and
//!
//! - no word after the head changes what the name denotes: `password
//!   field`, `token url`, `secret name`, `access key id` name something
//!   else (only neutral suffixes such as `value`, `str`, `b64` may follow);
//! - no word before the head says it is a count, a flag, a position or a
//!   test double: `max tokens`, `num tokens`, `is password`, `next token`,
//!   `eos token`, `forward pass`, `fake secret`.
//!
//! Plurals (`tokens`, `passwords`, `secrets`) and longer words that merely
//! start or end like a secret word (`tokenizer`, `passthrough`, `bypass`)
//! are not heads; a lower-case compound is split when it ends in a long
//! head (`dbpassword`, `csrftoken`, `apikey`).

use crate::kind::SecretNameKind;
use crate::words::{CRYPTO_SECRET_QUALIFIERS, NEGATING_PREFIXES, NEUTRAL_SUFFIXES, VENDORS};

/// Words before `key` that make it a credential, and what kind.
fn key_qualifier(word: &str) -> Option<SecretNameKind> {
    use SecretNameKind::{ApiKey, CryptoKey};
    Some(match word {
        "api" | "app" | "application" | "subscription" | "account" | "license" | "licence"
        | "service" | "access" | "auth" | "authentication" | "deploy" | "storage" | "client"
        | "developer" | "dev" | "partner" | "merchant" | "admin" | "root" | "webhook" => ApiKey,
        "private" | "priv" | "signing" | "sign" | "signature" | "encryption" | "encrypt"
        | "decryption" | "decrypt" | "crypt" | "crypto" | "cipher" | "aes" | "des" | "hmac"
        | "jwt" | "fernet" | "master" | "secret" | "session" | "shared" | "symmetric"
        | "wallet" | "ssh" | "rsa" | "ec" | "ed25519" | "pgp" | "gpg" | "mac" | "otp" | "totp"
        | "cookie" | "csrf" => CryptoKey,
        w if VENDORS.contains(&w) => ApiKey,
        _ => return None,
    })
}

/// Every head word (`password`, `pwd`, `token`, `pat`, `secret`, `key`,
/// `credentials`, `auth`, ...) and compound head contains one of the stems
/// `pass`, `pw`, `pat`, `token`, `secret`, `key`, `cred` or `auth`, and a
/// word is a run of the name's characters: a name without any of them
/// (ignoring ASCII case) has no head.
fn may_have_head(name: &str) -> bool {
    let bytes = name.as_bytes();
    let at = |i: usize, stem: &[u8]| {
        bytes
            .get(i..i + stem.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(stem))
    };
    (0..bytes.len()).any(|i| match bytes[i].to_ascii_lowercase() {
        b'p' => at(i, b"pass") || at(i, b"pw") || at(i, b"pat"),
        b't' => at(i, b"token"),
        b's' => at(i, b"secret"),
        b'k' => at(i, b"key"),
        b'c' => at(i, b"cred"),
        b'a' => at(i, b"auth"),
        _ => false,
    })
}

/// Whether `name` says its value is a secret, and which kind; see the
/// module documentation for the rules. Any case and separator style works:
/// `DB_PASSWORD`, `githubToken`, `x-api-key`, `Client.Secret`.
pub fn is_secret_name(name: &str) -> Option<SecretNameKind> {
    if !may_have_head(name) {
        return None;
    }
    let words = split_words(name);
    let (head, kind) = find_head(&words)?;
    if !words[head + 1..]
        .iter()
        .all(|w| NEUTRAL_SUFFIXES.contains(&w.as_str()))
    {
        return None;
    }
    if words[..head]
        .iter()
        .any(|w| NEGATING_PREFIXES.contains(&w.as_str()))
    {
        return None;
    }
    Some(kind)
}

/// Word sequences that name personal data whose disclosure harms the
/// person: identity and payment card numbers.
const PERSONAL_DATA: &[&[&str]] = &[
    &["ssn"],
    &["social", "security", "number"],
    &["social", "security", "no"],
    &["credit", "card"],
    &["credit", "card", "number"],
    &["card", "number"],
    &["cc", "number"],
    &["card", "cvv"],
    &["cvv"],
    &["cvv2"],
    &["cvc"],
    &["passport", "number"],
    &["iban"],
    &["bank", "account", "number"],
];

/// Whether `name` says its value is personal data of the kind whose
/// disclosure harms the person (`ssn`, `credit_card_number`, `cvv`,
/// `passport_number`), as for [`is_secret_name`]: the words must end the
/// name (only neutral suffixes may follow) and nothing before them may
/// negate it (`fake_ssn`, `has_credit_card`).
pub fn is_personal_data_name(name: &str) -> bool {
    let words = split_words(name);
    let meaningful = words
        .iter()
        .rposition(|w| !NEUTRAL_SUFFIXES.contains(&w.as_str()))
        .map_or(0, |i| i + 1);
    let words = &words[..meaningful];
    PERSONAL_DATA.iter().any(|sequence| {
        words.ends_with_words(sequence)
            && !words[..words.len() - sequence.len()]
                .iter()
                .any(|w| NEGATING_PREFIXES.contains(&w.as_str()))
    })
}

/// Whether a list of words ends with a sequence of words.
trait EndsWithWords {
    fn ends_with_words(&self, sequence: &[&str]) -> bool;
}

impl EndsWithWords for [String] {
    fn ends_with_words(&self, sequence: &[&str]) -> bool {
        self.len() >= sequence.len()
            && self[self.len() - sequence.len()..]
                .iter()
                .zip(sequence)
                .all(|(w, s)| w == s)
    }
}

/// The index of the last secret word and its kind. For a compound split
/// off a single word (`dbpassword`), the remainder is checked by the caller
/// as a prefix word, so it is inserted into `words` first.
fn find_head(words: &[String]) -> Option<(usize, SecretNameKind)> {
    use SecretNameKind::*;
    for (i, word) in words.iter().enumerate().rev() {
        let before = i.checked_sub(1).map(|j| words[j].as_str());
        let kind = match word.as_str() {
            "password" | "passwd" | "passphrase" | "passcode" | "pwd" | "pw" | "pword" => {
                Some(Password)
            }
            "pass" => Some(Password),
            "token" | "pat" if word == "token" || before.is_some_and(|b| VENDORS.contains(&b)) => {
                Some(Token)
            }
            "secret" => Some(
                if before.is_some_and(|b| CRYPTO_SECRET_QUALIFIERS.contains(&b)) {
                    CryptoKey
                } else {
                    Secret
                },
            ),
            "key" => before.and_then(key_qualifier),
            "credential" | "credentials" | "creds" | "authorization" => Some(Credential),
            "auth" if before == Some("basic") => Some(Credential),
            w => compound_head(w),
        };
        if let Some(kind) = kind {
            return Some((i, kind));
        }
        // A neutral suffix may follow the head; anything else ends the
        // search (the head must be the last meaningful word).
        if !NEUTRAL_SUFFIXES.contains(&word.as_str()) {
            return None;
        }
    }
    None
}

/// A lower-case compound ending in a long head: `dbpassword`, `csrftoken`,
/// `apikey`, `clientsecret`, `privatekey`. The part before the head must
/// not negate it (`nopassword`, `subtoken`, `maxtoken`).
fn compound_head(word: &str) -> Option<SecretNameKind> {
    use SecretNameKind::*;
    const HEADS: &[(&str, SecretNameKind)] = &[
        ("password", Password),
        ("passwd", Password),
        ("passphrase", Password),
        ("token", Token),
        ("secret", Secret),
        ("apikey", ApiKey),
        ("accesskey", ApiKey),
        ("authkey", ApiKey),
        ("appkey", ApiKey),
        ("secretkey", CryptoKey),
        ("privatekey", CryptoKey),
        ("signingkey", CryptoKey),
        ("encryptionkey", CryptoKey),
        ("masterkey", CryptoKey),
    ];
    HEADS.iter().find_map(|&(head, kind)| {
        let rest = word.strip_suffix(head)?;
        (!NEGATING_PREFIXES.contains(&rest)).then_some(kind)
    })
}

/// Lower-case words of an identifier in any style; digit runs are dropped.
fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let chars: Vec<char> = name.chars().collect();
    let mut current = String::new();
    let flush = |current: &mut String, words: &mut Vec<String>| {
        if !current.is_empty() && !current.chars().all(|c| c.is_ascii_digit()) {
            words.push(current.to_ascii_lowercase());
        }
        current.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut current, &mut words);
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if p.is_alphanumeric() => {
                (p.is_lowercase() && c.is_uppercase())
                    || (p.is_uppercase()
                        && c.is_uppercase()
                        && next.is_some_and(char::is_lowercase))
                    || (p.is_ascii_digit() != c.is_ascii_digit())
            }
            _ => false,
        };
        if boundary {
            flush(&mut current, &mut words);
        }
        current.push(c);
    }
    flush(&mut current, &mut words);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stem_prefilter_keeps_every_head() {
        let heads = [
            "password",
            "passwd",
            "passphrase",
            "passcode",
            "pwd",
            "pw",
            "pword",
            "pass",
            "token",
            "github_pat",
            "secret",
            "api_key",
            "credential",
            "credentials",
            "creds",
            "authorization",
            "basic_auth",
            "dbpassword",
            "csrftoken",
            "apikey",
            "accesskey",
            "authkey",
            "appkey",
            "secretkey",
            "privatekey",
            "signingkey",
            "encryptionkey",
            "masterkey",
        ];
        for head in heads {
            for name in [
                head.to_string(),
                head.to_uppercase(),
                format!("my_{head}_value"),
            ] {
                assert!(may_have_head(&name), "{name}");
                assert!(is_secret_name(&name).is_some(), "{name}");
            }
        }
        for name in ["username", "hostname", "timeout", "HOME", "data"] {
            assert!(!may_have_head(name), "{name}");
        }
    }

    #[test]
    fn splits_every_style() {
        assert_eq!(split_words("DB_PASSWORD"), ["db", "password"]);
        assert_eq!(split_words("githubToken"), ["github", "token"]);
        assert_eq!(split_words("APIKey"), ["api", "key"]);
        assert_eq!(split_words("X-Api-Key"), ["x", "api", "key"]);
        assert_eq!(split_words("self.password2"), ["self", "password"]);
        assert_eq!(split_words("OAuthToken"), ["o", "auth", "token"]);
        assert_eq!(split_words("__secret__"), ["secret"]);
    }
}
