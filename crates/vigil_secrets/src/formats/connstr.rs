//! Passwords in connection strings that are not URLs: ODBC / ADO.NET
//! (`Driver={...};Server=db;Uid=app;Pwd=...;`), libpq keyword/value DSNs
//! (`host=db dbname=app user=app password=...`) and their kin.
//!
//! Query strings count too (`...?user=app&password=...`).
//!
//! `password=` alone is everywhere in Python (keyword arguments), so a pair
//! counts only inside a string that also names a connection key (`server`,
//! `host`, `dbname`, `uid`, ...) and whose pairs are separated by `;`, `&`
//! or spaces, never by `, ` or inside parentheses as arguments are.

use super::{Detector, captures_in, group, regex};
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use crate::redact::{ceil_boundary, floor_boundary};
use crate::values::{is_placeholder, is_template};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use vigil_report::{Confidence, Severity};

pub(crate) const DETECTORS: &[&Detector] = &[&CONNECTION_STRING];

static CONNECTION_STRING: Detector = Detector {
    // `assword` covers `password` and `Password`; `wd=` covers `pwd=`, `Pwd=`
    // and `passwd=`.
    anchors: &[
        "assword=",
        "ASSWORD=",
        "assword =",
        "ASSWORD =",
        "wd=",
        "WD=",
    ],
    back: 6,
    fwd: 300,
    run: connection_string,
};

static PAIR_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i:password|passwd|pwd)[ \t]*=[ \t]*(\{[^}\r\n]*\}|'[^'\r\n]*'|[^;&'\x22\s,)]+)")
});

/// Keys that only connection strings have.
static CONNECTION_KEY_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:^|[;\s?&])(?:server|data source|host|hostaddr|dbname|database|initial catalog|uid|user id|user|username|driver|port|sslmode|address|addr|network address|dsn|service_name|sid)[ \t]*=",
    )
});

/// How far around the pair the enclosing string is looked for.
const CONTEXT: usize = 300;

fn connection_string(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    captures_in(&PAIR_RE, text, &region, |caps, offset| {
        let (Some(pair), Some(value)) = (group(caps, 0, offset), group(caps, 1, offset)) else {
            return;
        };
        let Some(string) = enclosing_string(text, &pair) else {
            return;
        };
        if string.contains(", ") || string.contains('(') || !CONNECTION_KEY_RE.is_match(&string) {
            return;
        }
        let secret = strip_value_quotes(text, value);
        let password = &text[secret.clone()];
        if password.chars().count() < 4 || is_placeholder(password) || is_template(password) {
            return;
        }
        let lower = string.to_ascii_lowercase();
        let local = ["localhost", "127.0.0.1", "(local)", "=.;", "=.\\"]
            .iter()
            .any(|h| lower.contains(h));
        let (severity, confidence) = if local {
            (Severity::Medium, Confidence::Medium)
        } else {
            (Severity::High, Confidence::High)
        };
        let found = SecretMatch::new(SecretKind::ConnectionStringPassword, text, secret)
            .with_severity(severity)
            .with_confidence(confidence);
        let message = format!("Password in a connection string: {}", found.redacted);
        out.push(found.with_message(message));
    });
}

/// The text around the pair up to the nearest quote or line end on each
/// side: the string literal (or config value) the pair sits in.
fn enclosing_string(text: &str, pair: &Range<usize>) -> Option<String> {
    let is_end = |c: char| matches!(c, '"' | '\'' | '\n' | '\r' | '`');
    let before_start = floor_boundary(text, pair.start.saturating_sub(CONTEXT));
    let before = &text[before_start..pair.start];
    let start = before
        .rfind(is_end)
        .map_or(before_start, |i| before_start + i + 1);
    let after_end = ceil_boundary(text, pair.end.saturating_add(CONTEXT));
    let after = &text[pair.end..after_end];
    let end = after.find(is_end).map_or(after_end, |i| pair.end + i);
    // The pair itself may hold quotes (`password='a b'`): take the text
    // outside it.
    Some(format!(
        "{} {}",
        &text[start..pair.start],
        &text[pair.end..end]
    ))
}

/// `{secret}` (ODBC) and `'secret'` (libpq) without their delimiters.
fn strip_value_quotes(text: &str, value: Range<usize>) -> Range<usize> {
    let v = &text[value.clone()];
    let quoted =
        (v.starts_with('{') && v.ends_with('}')) || (v.starts_with('\'') && v.ends_with('\''));
    if quoted && v.len() >= 2 {
        value.start + 1..value.end - 1
    } else {
        value
    }
}
