//! Passwords in URLs: `scheme://user:password@host`, as in database URLs
//! (`postgresql://`, `mysql+pymysql://`, `mongodb+srv://`, SQLAlchemy and
//! Django `DATABASE_URL`s), brokers (`redis://`, `amqp://`) and plain
//! `https://user:token@host/`.
//!
//! Not reported: a user without a password, an empty or template password
//! (`${DB_PASS}`, `{password}`, `%(password)s`, `%s`, `<password>`), a
//! placeholder (`password`, `pass`, `xxx`, ...), a password shorter than 4
//! characters (documentation examples like `http://a:b@c`), and hosts of
//! the documentation ranges (`example.com`, `*.invalid`, `*.test`, bare
//! `host`). Passwords for `localhost`, and passwords equal to the user
//! name (`postgres:postgres`), are reported with lower severity.

use super::{Detector, captures_in, group, regex};
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use crate::values::{is_placeholder, is_template};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use vigil_report::{Confidence, Severity};

pub(crate) const DETECTORS: &[&Detector] = &[&URL];

static URL: Detector = Detector {
    anchors: &["://"],
    back: 48,
    fwd: 600,
    run: url,
};

/// scheme, user, password (may hold `@`: the last `@` of the authority
/// ends it; never `,`, which separates the hosts of multi-host URLs such as
/// `mongodb://h1:27017,h2:27017`), host.
static URL_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"([A-Za-z][A-Za-z0-9+.-]{0,40})://([^\s/?#@:'"`<>\\]*):([^\s/?#'"`<>\\,]+)@([^\s/?#'"`<>\\@,;]+)"#,
    )
});

fn url(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    captures_in(&URL_RE, text, &region, |caps, offset| {
        let (Some(scheme), Some(user), Some(password), Some(host)) = (
            caps.get(1).map(|m| m.as_str()),
            caps.get(2).map(|m| m.as_str()),
            group(caps, 3, offset),
            caps.get(4).map(|m| m.as_str()),
        ) else {
            return;
        };
        if let Some(mut found) =
            judge(scheme, user, &text[password.clone()], host).map(|(severity, confidence)| {
                SecretMatch::new(SecretKind::UrlPassword, text, password)
                    .with_severity(severity)
                    .with_confidence(confidence)
            })
        {
            found.message = format!(
                "Password in a {}:// URL: {}",
                scheme.to_ascii_lowercase(),
                found.redacted
            );
            out.push(found);
        }
    });
}

/// Severity and confidence of a URL password, or `None` when it is not a
/// credential.
fn judge(scheme: &str, user: &str, password: &str, host: &str) -> Option<(Severity, Confidence)> {
    if password.chars().count() < 4
        || password.len() > 256
        || user.len() > 128
        || host.len() > 255
        || is_placeholder(password)
        || is_template(password)
        || is_template(user)
        || is_example_host(host)
        || scheme.eq_ignore_ascii_case("file")
    {
        return None;
    }
    let host_name = host_name(host);
    let local = matches!(
        host_name.as_str(),
        "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]" | "::1" | "host.docker.internal"
    ) || host_name.ends_with(".localhost")
        || host_name.starts_with("127.");
    if password == user || local {
        return Some((Severity::Medium, Confidence::Medium));
    }
    Some((Severity::High, Confidence::High))
}

/// The host without port, lower-cased.
fn host_name(host: &str) -> String {
    let host = host.to_ascii_lowercase();
    if host.starts_with('[') {
        return host.split_inclusive(']').next().unwrap_or("").to_string();
    }
    host.split(':').next().unwrap_or("").to_string()
}

/// Hosts that only documentation uses.
fn is_example_host(host: &str) -> bool {
    let name = host_name(host);
    let name = name.trim_end_matches('.');
    is_template(host)
        || matches!(
            name,
            "" | "host"
                | "hostname"
                | "server"
                | "domain"
                | "myhost"
                | "yourhost"
                | "your-host"
                | "your_host"
                | "dbhost"
                | "db_host"
                | "some-host"
                | "somehost"
        )
        || ["example.com", "example.org", "example.net", "example"]
            .iter()
            .any(|d| name == *d || name.ends_with(&format!(".{d}")))
        || name.ends_with(".invalid")
        || name.ends_with(".test")
}
