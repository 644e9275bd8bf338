//! Judging a value: is it a placeholder, a template, a label, a reference
//! to where a secret lives, or random enough to be a secret?
//!
//! These helpers are deliberately cheap (no allocation on the common path
//! beyond one lower-casing) because the AST rule calls them for every
//! literal under a secret-like name.

use crate::formats::regex;
use crate::names::is_secret_name;
use crate::redact::sha256_hex;
use crate::words::{COMMON_WORDS, DOCUMENTED_EXAMPLE_SHA256, PLACEHOLDER_PARTS, PLACEHOLDER_WORDS};
use regex::Regex;
use std::sync::LazyLock;

/// Whether `value` is a stand-in for a secret rather than one: empty,
/// `None`, `changeme`, `xxx`, `***`, `...`, `<your-key>`, `${VAR}`,
/// `{{ var }}`, `%(var)s`, `your_api_key_here`, test / dummy / fake /
/// example values, documented example keys (AWS's `...EXAMPLE` keys, the
/// jwt.io sample token),
/// environment look-ups written as text (`os.environ[...]`).
pub fn is_placeholder(value: &str) -> bool {
    let v = strip_quotes(value.trim());
    if v.is_empty() {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    if PLACEHOLDER_WORDS.contains(&lower.as_str())
        || PLACEHOLDER_PARTS.iter().any(|p| lower.contains(p))
        || is_template(v)
        || is_environment_reference(&lower)
        || is_masked(v)
    {
        return true;
    }
    // `test_token`, `test123`, `testpassword`, `dummy-key`, `mysecret`: a
    // telling word, then a separator or (in a short value) more letters or
    // digits.
    let starts_with_word = |w: &str| {
        lower.strip_prefix(w).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(['_', '-', '.'])
                || (lower.len() <= 16 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
        })
    };
    if ["test", "dummy", "fake", "sample", "mock", "your", "my"]
        .iter()
        .any(|w| starts_with_word(w))
    {
        return true;
    }
    (v.len() >= 16 && DOCUMENTED_EXAMPLE_SHA256.contains(&sha256_hex(v).as_str()))
        || crate::formats::is_sample_jwt(v)
}

/// Interpolation syntax of shells, templates and Python formatting:
/// `${VAR}`, `$VAR`, `$(cmd)`, `{{ var }}`, `{var}`, `{}`, `%(var)s`, `%s`,
/// `<var>`, `#{var}`.
pub fn is_template(value: &str) -> bool {
    static TEMPLATE_RE: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"\$\{|\$\(|\{\{|\}\}|#\{|%\([A-Za-z_][A-Za-z0-9_]*\)[sdr]|%[sdr](?:$|[^A-Za-z0-9])|\{[A-Za-z_][A-Za-z0-9_.\[\]'\x22]*(?:![rsa])?(?::[^{}]*)?\}|\{\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^<[^<>]+>$",
        )
    });
    value.contains(['$', '{', '}', '%', '<', '#']) && TEMPLATE_RE.is_match(value)
}

/// Text that reads a value from the environment or a secret store
/// (`os.environ["X"]`, `os.getenv(...)`, `process.env.X`, `ENV['X']`,
/// `env("X")`), expected in lower case.
fn is_environment_reference(lower: &str) -> bool {
    [
        "os.environ",
        "os.getenv",
        "getenv(",
        "process.env",
        "env[",
        "env(",
        "env.",
        "environ[",
        "secrets.",
        "vault(",
        "keyring.",
        "$ansible_vault",
        "enc[",
        "!vault",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || lower.starts_with("env:")
}

/// A value made of one repeated character or of masking characters only
/// (`xxxxxx`, `******`, `------`, `000000`, `••••`).
fn is_masked(value: &str) -> bool {
    let mut chars = value.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    value.chars().all(|c| c == first)
        || value.chars().all(|c| {
            matches!(
                c,
                '*' | 'x' | 'X' | '.' | '-' | '_' | '#' | '•' | '…' | '?' | ' '
            )
        })
}

fn strip_quotes(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// `123e4567-e89b-12d3-a456-426614174000`, with optional braces or
/// `urn:uuid:`.
pub fn looks_like_uuid(value: &str) -> bool {
    static UUID_RE: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"^(?:urn:uuid:)?\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$",
        )
    });
    UUID_RE.is_match(value.trim())
}

/// A hex digest of a common hash length (MD5, SHA-1, SHA-224, SHA-256,
/// SHA-384, SHA-512), with an optional `sha256:` / `md5=` style prefix, or
/// a subresource-integrity value (`sha384-<base64>`).
pub fn looks_like_hash_digest(value: &str) -> bool {
    static DIGEST_RE: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"^(?i:(?:md5|sha1|sha224|sha256|sha384|sha512|sha-?\d+|blake2b?|xxh64)[:=])?(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128}|[0-9A-F]{32}|[0-9A-F]{40}|[0-9A-F]{64})$|^sha(?:256|384|512)-[A-Za-z0-9+/]{43,86}={0,2}$",
        )
    });
    DIGEST_RE.is_match(value.trim())
}

/// Text meant for people or naming a field, not a secret: prompts and
/// messages (`"Enter password: "`, `"Invalid token"`), field, header and
/// variable names (`"password"`, `"X-API-Key"`, `"access_token"`,
/// `"DB_PASSWORD"`).
pub fn looks_like_prompt_or_label(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    if v.ends_with(':') || v.ends_with('?') || v.ends_with(": ") {
        return true;
    }
    if v.contains(char::is_whitespace) {
        let words: Vec<&str> = v.split_whitespace().collect();
        let alphabetic = words
            .iter()
            .filter(|w| {
                let w = w.trim_matches(|c: char| c.is_ascii_punctuation());
                w.len() >= 2 && w.chars().all(char::is_alphabetic)
            })
            .count();
        return words.len() >= 2 && alphabetic >= 2 && alphabetic * 2 >= words.len();
    }
    static ENV_NAME_RE: LazyLock<Regex> =
        LazyLock::new(|| regex(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$"));
    static IDENT_RE: LazyLock<Regex> =
        LazyLock::new(|| regex(r"^[A-Za-z][A-Za-z]*(?:[_.\-][A-Za-z]+)*$"));
    if ENV_NAME_RE.is_match(v) {
        return true;
    }
    if IDENT_RE.is_match(v) {
        let lower = v.to_ascii_lowercase();
        return is_secret_name(v).is_some()
            || [
                "password",
                "passwd",
                "token",
                "secret",
                "apikey",
                "api_key",
                "api-key",
                "credential",
                "auth",
            ]
            .iter()
            .any(|w| lower.contains(w));
    }
    false
}

/// A URL or URL path that names where to send credentials rather than
/// holding one: `https://oauth2.googleapis.com/token`, `/api/v1/auth/token`,
/// `www.example.org/login`. A URL with a password in it is not an
/// endpoint.
pub fn looks_like_url_endpoint(value: &str) -> bool {
    static URL_RE: LazyLock<Regex> = LazyLock::new(|| regex(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s]*$"));
    static WEB_RE: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|ai|co|app|cloud)(?:[:/][^\s]*)?$",
        )
    });
    let v = value.trim();
    if URL_RE.is_match(v) {
        let authority = v
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split('/')
            .next()
            .unwrap_or("");
        let has_password = authority
            .rsplit_once('@')
            .is_some_and(|(userinfo, _)| userinfo.contains(':'));
        return !has_password;
    }
    WEB_RE.is_match(v) || (v.starts_with('/') && is_readable_path(v))
}

/// A reference to where a secret lives rather than the secret: a secret
/// manager name or ARN (`billing/stripe-key`,
/// `arn:aws:secretsmanager:...`, `projects/p/secrets/s/versions/1`,
/// `vault:secret/data/app`, `op://vault/item/field`), or a file that holds
/// it (`/run/secrets/db_password`, `~/.ssh/id_rsa`, `certs/server.key`,
/// `credentials.json`).
pub fn looks_like_secret_path(value: &str) -> bool {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    const STORE_PREFIXES: &[&str] = &[
        "arn:",
        "vault:",
        "secret/",
        "secrets/",
        "kv/",
        "ssm:",
        "sm://",
        "op://",
        "keyvault:",
        "azurekeyvault:",
        "awssm:",
        "gcpsm:",
        "ref+",
        "projects/",
        "/run/secrets/",
        "/var/run/secrets/",
        "/etc/",
        "~/",
        "./",
        "../",
        "file:",
        "s3://",
        "gs://",
    ];
    if STORE_PREFIXES.iter().any(|p| lower.starts_with(p)) || lower.contains("/secrets/") {
        return true;
    }
    if v.len() > 2 && v.as_bytes()[1] == b':' && v.contains('\\') {
        return true; // C:\keys\server.pem
    }
    const FILE_EXTENSIONS: &[&str] = &[
        ".pem",
        ".key",
        ".crt",
        ".cer",
        ".der",
        ".p12",
        ".pfx",
        ".jks",
        ".json",
        ".yaml",
        ".yml",
        ".txt",
        ".env",
        ".ini",
        ".cfg",
        ".gpg",
        ".asc",
        ".pub",
        ".kdbx",
        ".keystore",
        ".p8",
        ".ppk",
        ".toml",
    ];
    if FILE_EXTENSIONS.iter().any(|e| lower.ends_with(e)) && !lower.contains(char::is_whitespace) {
        return true;
    }
    if ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"].contains(&lower.as_str()) {
        return true;
    }
    v.contains('/') && is_readable_path(v)
}

/// Slash-separated lower-case words (`billing/stripe-key`, `/oauth/token`):
/// readable names, not base64 (which mixes cases).
fn is_readable_path(value: &str) -> bool {
    let segments: Vec<&str> = value.split('/').filter(|s| !s.is_empty()).collect();
    !segments.is_empty()
        && segments.iter().all(|s| {
            s.len() <= 64
                && s.bytes().any(|b| b.is_ascii_lowercase())
                && s.bytes().all(|b| {
                    b.is_ascii_lowercase()
                        || b.is_ascii_digit()
                        || matches!(b, b'-' | b'_' | b'.' | b'{' | b'}' | b':')
                })
        })
}

/// Shannon entropy of `value` in bits per byte.
pub fn shannon_entropy(value: &str) -> f64 {
    let bytes = value.as_bytes();
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let n = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Whether `value` looks randomly generated, as tokens and keys are: at
/// least 16 characters without white space, of varied classes, with high
/// Shannon entropy, not made of words. Only meaningful where the name
/// already says "secret": a random-looking string alone is no evidence.
pub fn is_high_entropy(value: &str) -> bool {
    let v = value.trim();
    let n = v.len();
    if !(16..=1024).contains(&n) || v.contains(char::is_whitespace) || !v.is_ascii() {
        return false;
    }
    let bytes = v.as_bytes();
    let lower = bytes.iter().any(u8::is_ascii_lowercase);
    let upper = bytes.iter().any(u8::is_ascii_uppercase);
    let digit = bytes.iter().any(u8::is_ascii_digit);
    let symbol = bytes.iter().any(|b| !b.is_ascii_alphanumeric());
    let entropy = shannon_entropy(v);
    if bytes.iter().all(u8::is_ascii_hexdigit) {
        return digit && (lower || upper) && entropy >= 3.0;
    }
    let classes = [lower, upper, digit, symbol].iter().filter(|&&c| c).count();
    let threshold = if n < 24 { 3.3 } else { 3.7 };
    classes >= 2 && entropy >= threshold && wordiness(bytes) < 0.5
}

/// The share of characters covered by [`COMMON_WORDS`]: high for
/// `this_is_my_api_key_value`, near zero for random strings.
fn wordiness(bytes: &[u8]) -> f64 {
    let lower = bytes.to_ascii_lowercase();
    let mut covered = vec![false; lower.len()];
    for word in COMMON_WORDS {
        for (at, _) in String::from_utf8_lossy(&lower).match_indices(word) {
            covered[at..at + word.len()]
                .iter_mut()
                .for_each(|c| *c = true);
        }
    }
    covered.iter().filter(|&&c| c).count() as f64 / bytes.len().max(1) as f64
}
