//! Bytes to text: byte-order marks, PEP 263 coding cookies, binary detection.

use encoding_rs::Encoding;

/// Decoded source text and what was noticed while decoding it.
#[derive(Debug)]
pub struct DecodedSource {
    pub text: String,
    /// A non-fatal problem to report for this file (e.g. invalid UTF-8
    /// replaced by U+FFFD).
    pub warning: Option<String>,
}

/// Why a file cannot be treated as Python source at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary,
    UnknownEncoding(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("binary file (contains NUL bytes), not scanned"),
            DecodeError::UnknownEncoding(name) => {
                // The declared name comes from the scanned file and may be
                // anything, a token included: never shown whole (the prefix
                // and length rule of secrets' redacted forms).
                let length = name.chars().count();
                let prefix: String = name.chars().take((length / 8).min(4)).collect();
                write!(
                    f,
                    "unknown source encoding in coding declaration (a name of {length} characters{})",
                    if prefix.is_empty() {
                        String::new()
                    } else {
                        format!(" starting {prefix:?}")
                    }
                )
            }
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes Python source bytes as CPython would: a UTF-8 BOM, else a PEP 263
/// `coding` cookie on one of the first two lines, else UTF-8.
pub fn decode_source(bytes: Vec<u8>) -> Result<DecodedSource, DecodeError> {
    if memchr::memchr(0, &bytes).is_some() {
        return Err(DecodeError::Binary);
    }
    if bytes.starts_with(UTF8_BOM) {
        return Ok(decode_utf8(bytes[UTF8_BOM.len()..].to_vec()));
    }
    match coding_cookie(&bytes) {
        Some(name) => {
            let normalized = normalize_encoding_name(&name);
            if matches!(normalized.as_str(), "utf-8" | "utf8") {
                return Ok(decode_utf8(bytes));
            }
            let encoding = Encoding::for_label(normalized.as_bytes())
                .ok_or(DecodeError::UnknownEncoding(name))?;
            let (text, _, had_errors) = encoding.decode(&bytes);
            Ok(DecodedSource {
                text: text.into_owned(),
                warning: had_errors
                    .then(|| format!("bytes invalid in {} were replaced", encoding.name())),
            })
        }
        None => Ok(decode_utf8(bytes)),
    }
}

fn decode_utf8(bytes: Vec<u8>) -> DecodedSource {
    match String::from_utf8(bytes) {
        Ok(text) => DecodedSource {
            text,
            warning: None,
        },
        Err(e) => DecodedSource {
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            warning: Some("file is not valid UTF-8; invalid bytes were replaced".to_string()),
        },
    }
}

/// Finds `coding[:=]NAME` in a comment on the first or second line.
fn coding_cookie(bytes: &[u8]) -> Option<String> {
    for (index, line) in bytes.split(|&b| b == b'\n').take(2).enumerate() {
        let trimmed = trim_start(line);
        if !trimmed.starts_with(b"#") {
            // A first line that is code (not blank, not a comment) ends the search.
            if index == 0 && !trimmed.is_empty() && trimmed != b"\r" {
                return None;
            }
            continue;
        }
        if let Some(name) = cookie_in_comment(trimmed) {
            return Some(name);
        }
    }
    None
}

fn trim_start(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))
        .unwrap_or(line.len());
    &line[start..]
}

fn cookie_in_comment(comment: &[u8]) -> Option<String> {
    let at = find(comment, b"coding")?;
    let rest = &comment[at + b"coding".len()..];
    let rest = match rest.first() {
        Some(b':') | Some(b'=') => &rest[1..],
        _ => return None,
    };
    let rest = trim_start(rest);
    let name: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        .collect();
    if name.is_empty() {
        None
    } else {
        Some(String::from_utf8_lossy(&name).into_owned())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Maps Python codec names to WHATWG labels understood by encoding_rs.
fn normalize_encoding_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    let mapped = match lower.as_str() {
        "latin-1" | "iso-latin-1" | "latin" | "l1" | "iso8859-1" | "8859" | "cp819" => "iso-8859-1",
        "utf-8-sig" | "u8" | "utf" | "cp65001" => "utf-8",
        "cp1252" | "windows-1252" => "windows-1252",
        "euc-jp" | "eucjp" | "ujis" => "euc-jp",
        "shift-jis" | "sjis" | "s-jis" | "shiftjis" => "shift_jis",
        "cp936" | "gb2312" | "gbk" => "gbk",
        "big5" | "big5-tw" | "csbig5" => "big5",
        "koi8-r" => "koi8-r",
        other => {
            return other.strip_prefix("iso").map_or(other.to_string(), |rest| {
                if rest.starts_with("8859") {
                    format!("iso-{rest}")
                } else {
                    other.to_string()
                }
            });
        }
    };
    mapped.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_cookie_is_honoured() {
        let bytes = b"# -*- coding: latin-1 -*-\nname = '\xe9t\xe9'\n";
        let decoded = decode_source(bytes.to_vec()).unwrap();
        assert!(decoded.text.contains("'été'"));
        assert!(decoded.warning.is_none());
    }

    #[test]
    fn bom_is_stripped() {
        let decoded = decode_source(b"\xEF\xBB\xBFx = 1\n".to_vec()).unwrap();
        assert_eq!(decoded.text, "x = 1\n");
    }

    #[test]
    fn cookie_on_second_line_after_shebang() {
        let bytes = b"#!/usr/bin/python\n# vim: set fileencoding=iso8859-15 :\nx = '\xa4'\n";
        let decoded = decode_source(bytes.to_vec()).unwrap();
        assert!(decoded.text.contains('€'), "{}", decoded.text);
    }

    #[test]
    fn cookie_after_code_is_ignored() {
        let bytes = b"x = 1\n# coding: latin-1\n";
        assert_eq!(
            decode_source(bytes.to_vec()).unwrap().text,
            "x = 1\n# coding: latin-1\n"
        );
    }

    #[test]
    fn invalid_utf8_is_lossy_with_warning() {
        let decoded = decode_source(b"x = '\xff'\n".to_vec()).unwrap();
        assert!(decoded.warning.is_some());
        assert!(decoded.text.contains('\u{FFFD}'));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(
            decode_source(b"\x7fELF\0\0".to_vec()).unwrap_err(),
            DecodeError::Binary
        );
    }

    #[test]
    fn unknown_encoding_is_an_error() {
        let err = decode_source(b"# coding: klingon\nx = 1\n".to_vec()).unwrap_err();
        assert!(matches!(err, DecodeError::UnknownEncoding(_)));
    }

    /// Issue #18: the declared name was printed whole, and it can be a
    /// token.
    #[test]
    fn an_unknown_encoding_name_is_never_printed_whole() {
        let token = "ghp_R4nd0mT0k3nV4lu3AbCdEfGh1jKlMnOpQr";
        let source = format!("# -*- coding: {token} -*-\nx = 1\n");
        let shown = decode_source(source.into_bytes()).unwrap_err().to_string();
        assert!(!shown.contains(token), "{shown}");
        assert!(!shown.contains(&token[4..12]), "{shown}");
        assert!(shown.contains("38 characters"), "{shown}");
        let short = decode_source(b"# coding: hunter2\n".to_vec()).unwrap_err();
        assert!(!short.to_string().contains("hunter2"), "{short}");
    }
}
