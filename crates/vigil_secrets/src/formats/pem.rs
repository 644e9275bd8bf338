//! Private key blocks: PEM (`-----BEGIN RSA PRIVATE KEY-----`, PKCS#8, EC,
//! DSA, encrypted), OpenSSH and PGP keys, bare or inside string literals
//! with `\n` escapes, in a Google service-account JSON or elsewhere.
//!
//! A block counts only when it has an `-----END` line within
//! [`MAX_BODY`] bytes. When everything between the lines is base64 (once
//! quotes, white space, escapes and `Key: value` header lines are taken
//! away), at least 64 characters of it and random-looking, it is a key.
//! A body that is not a whole key but holds a piece of one — a truncated
//! or redacted paste (`MIIEpAIBAAKCAQEA...`, a first line then
//! `[redacted]`) — is still a private key committed to the repository: it
//! is reported with low confidence. Placeholders (`XXXX`, `...`) and code
//! that merely names the header and the footer are not keys.

use super::{Detector, captures_in, group, regex};
use crate::checksum::decode_base64_prefix;
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use crate::redact::floor_boundary;
use crate::values::shannon_entropy;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub(crate) const DETECTORS: &[&Detector] = &[&PEM];

/// The most bytes between a header and its `-----END` line (a 4096-bit RSA
/// key is about 3.3 KB of base64; PGP key blocks are larger).
const MAX_BODY: usize = 40_000;

static PEM: Detector = Detector {
    anchors: &["-----BEGIN"],
    back: 0,
    fwd: 64,
    run: pem,
};

static HEADER_RE: LazyLock<Regex> =
    LazyLock::new(|| regex("-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----"));

/// A string prefix (`b"`, `r'`, ...) in front of a quote.
static STRING_PREFIX_RE: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"(^|[\s(,+])[bBrRuUfF]{1,2}(["'])"#));

fn pem(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    captures_in(&HEADER_RE, text, &region, |caps, offset| {
        let Some(header) = group(caps, 0, offset) else {
            return;
        };
        let algorithm = caps.get(1).map_or("", |m| m.as_str().trim());
        // The body ends at the next run of dashes, which must open the END
        // line: stopping there (not at the next `-----END` further on)
        // keeps a text of many headers linear.
        let search_end = floor_boundary(text, header.end.saturating_add(MAX_BODY));
        let Some(end_at) = memchr::memmem::find(&text.as_bytes()[header.end..search_end], b"-----")
            .map(|i| header.end + i)
            .filter(|&i| text[i..].starts_with("-----END"))
        else {
            return;
        };
        let after_end = end_at + "-----END".len();
        let Some(close) = memchr::memmem::find(
            &text.as_bytes()[after_end..floor_boundary(text, after_end + 64)],
            b"-----",
        ) else {
            return;
        };
        let raw_body = &text[header.end..end_at];
        let body = read_body(raw_body)
            .filter(|body| body.base64.len() >= 64 && shannon_entropy(&body.base64) >= 4.5);
        let (body, whole) = match body {
            Some(body) => (body, true),
            None => match read_partial_body(raw_body) {
                Some(body) => (body, false),
                None => return,
            },
        };
        let range = header.start..after_end + close + "-----".len();
        let encrypted = body.encrypted
            || algorithm.contains("ENCRYPTED")
            || (algorithm == "OPENSSH" && openssh_is_encrypted(&body.base64));
        let kind = if encrypted {
            SecretKind::EncryptedPrivateKey
        } else if in_service_account_json(text, &range) {
            SecretKind::GcpServiceAccountKey
        } else {
            SecretKind::PrivateKey
        };
        let label = match (kind, algorithm) {
            (SecretKind::GcpServiceAccountKey, _) => {
                "Google Cloud service-account private key".to_string()
            }
            (SecretKind::EncryptedPrivateKey, _) => "encrypted private key".to_string(),
            (_, "") => "private key (PKCS#8)".to_string(),
            (_, "OPENSSH") => "OpenSSH private key".to_string(),
            (_, alg) => format!("{alg} private key"),
        };
        let found = SecretMatch::new(kind, text, range);
        if whole {
            out.push(found.labelled(&label));
        } else {
            out.push(
                found
                    .labelled(&format!("{label} (truncated or redacted, still committed)"))
                    .with_confidence(vigil_report::Confidence::Low),
            );
        }
    });
}

/// Least base64 of a key a truncated or redacted body must keep.
const MIN_PIECE: usize = 16;

/// The base64 kept in a body that is not a whole key: every line is
/// base64 (possibly cut with `...`), a `Key: value` header, or a redaction
/// marker (`...`, `[redacted]`, `<snip>`), and at least one line holds a
/// random-looking piece of [`MIN_PIECE`] characters or more. `None` for
/// anything else: a placeholder, code between a header and a footer.
fn read_partial_body(raw: &str) -> Option<Body> {
    let unescaped = raw
        .replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("\\r", "\n");
    let unprefixed = STRING_PREFIX_RE.replace_all(&unescaped, "$1$2");
    let mut body = Body {
        base64: String::new(),
        encrypted: false,
    };
    let mut longest_piece = 0;
    for line in unprefixed.lines() {
        let kept: String = line
            .chars()
            .filter(|c| {
                !c.is_whitespace() && !matches!(c, '"' | '\'' | ',' | '(' | ')' | '\\' | '|')
            })
            .collect();
        if kept.is_empty() || is_redaction_marker(&kept) {
            continue;
        }
        if let Some((name, value)) = kept.split_once(':')
            && name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
        {
            body.encrypted |= value.contains("ENCRYPTED");
            continue;
        }
        // Base64, then possibly where it was cut.
        let piece = kept.trim_end_matches(['.', '…', '*', '=']);
        if !piece.bytes().all(super::is_base64) {
            return None;
        }
        longest_piece = longest_piece.max(piece.len());
        body.base64.push_str(piece);
    }
    let distinct = body
        .base64
        .bytes()
        .collect::<std::collections::BTreeSet<u8>>()
        .len();
    (longest_piece >= MIN_PIECE && distinct >= 8).then_some(body)
}

/// A line that stands for removed text: only dots, ellipses, stars or
/// brackets, or one of the words people write there.
fn is_redaction_marker(kept: &str) -> bool {
    let words: String = kept
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    let marks_only = kept
        .chars()
        .all(|c| matches!(c, '.' | '…' | '*' | '[' | ']' | '<' | '>' | '-' | '_' | '#'));
    marks_only
        || [
            "redacted",
            "truncated",
            "snip",
            "snipped",
            "omitted",
            "removed",
            "cut",
            "more",
            "etc",
            "keyredacted",
            "restofkey",
            "restofthekey",
        ]
        .contains(&words.as_str())
}

/// What lies between the header and the end line.
struct Body {
    base64: String,
    encrypted: bool,
}

/// The base64 of a key body, or `None` when the body holds anything else.
fn read_body(raw: &str) -> Option<Body> {
    let unescaped = raw
        .replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("\\r", "\n");
    let unprefixed = STRING_PREFIX_RE.replace_all(&unescaped, "$1$2");
    let mut body = Body {
        base64: String::with_capacity(raw.len()),
        encrypted: false,
    };
    for line in unprefixed.lines() {
        let kept: String = line
            .chars()
            .filter(|c| {
                !c.is_whitespace() && !matches!(c, '"' | '\'' | ',' | '(' | ')' | '\\' | '|')
            })
            .collect();
        if kept.is_empty() {
            continue;
        }
        if let Some((name, value)) = kept.split_once(':') {
            // `Proc-Type: 4,ENCRYPTED`, `DEK-Info: ...`, `Version: ...`
            if name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
                body.encrypted |= value.contains("ENCRYPTED");
                continue;
            }
            return None;
        }
        if !kept.bytes().all(|b| super::is_base64(b) || b == b'=') {
            return None;
        }
        body.base64.push_str(&kept);
    }
    Some(body)
}

/// OpenSSH keys name their cipher right after the magic: `none` means the
/// key is not encrypted.
fn openssh_is_encrypted(base64: &str) -> bool {
    const MAGIC: &[u8] = b"openssh-key-v1\0";
    let Some(bytes) = decode_base64_prefix(base64, 64) else {
        return false;
    };
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return false;
    };
    let Some((len, rest)) = rest.split_first_chunk::<4>() else {
        return false;
    };
    let len = u32::from_be_bytes(*len) as usize;
    rest.get(..len).is_some_and(|cipher| cipher != b"none")
}

/// Whether the key sits in a Google service-account key file.
fn in_service_account_json(text: &str, key: &Range<usize>) -> bool {
    let start = floor_boundary(text, key.start.saturating_sub(2000));
    let end = floor_boundary(text, key.end.saturating_add(2000));
    let around = &text[start..end];
    around.contains("\"private_key\"")
        && (around.contains("service_account")
            || around.contains("gserviceaccount.com")
            || around.contains("\"private_key_id\""))
}
