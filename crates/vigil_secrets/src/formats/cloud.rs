//! Cloud providers: AWS access key ids and secret keys, Google API keys and
//! OAuth client secrets, Azure storage account and shared access keys.
//! (Google service-account keys are PEM blocks: see [`super::pem`].)

use super::{
    Detector, captures_in, group, is_base64, is_word, is_word_or_dash, matches_in, regex,
    standalone,
};
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use crate::values::is_placeholder;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub(crate) const DETECTORS: &[&Detector] = &[&AWS_KEY_ID, &AWS_SECRET, &GOOGLE, &AZURE];

/// `AKIA` (long-term user keys), `ASIA` (temporary STS keys) and the rarer
/// `ABIA` / `ACCA` prefixes, then 16 characters of base32.
static AWS_KEY_ID: Detector = Detector {
    anchors: &["AKIA", "ASIA", "ABIA", "ACCA"],
    back: 0,
    fwd: 20,
    run: aws_key_id,
};

static AWS_KEY_ID_RE: LazyLock<Regex> =
    LazyLock::new(|| regex("(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}"));

fn aws_key_id(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&AWS_KEY_ID_RE, text, &region, |range| {
        if standalone(text, &range, is_word) && !is_placeholder(&text[range.clone()]) {
            out.push(SecretMatch::new(SecretKind::AwsAccessKeyId, text, range));
        }
    });
}

/// A secret access key has no prefix: 40 characters of base64 are only taken
/// for one right after a name that says so (`aws_secret_access_key = ...`,
/// `"SecretAccessKey": "..."`, `awsSecretKey: ...`).
static AWS_SECRET: Detector = Detector {
    // Suffixes cover the case variants: `wsSecret` is in `awsSecret` and
    // `AwsSecret`, `ecretAccessKey` in `SecretAccessKey` and `secretAccessKey`.
    anchors: &[
        "aws_secret",
        "AWS_SECRET",
        "wsSecret",
        "aws-secret",
        "ecret_access_key",
        "ECRET_ACCESS_KEY",
        "ecretAccessKey",
        "ecret-access-key",
    ],
    back: 1,
    fwd: 160,
    run: aws_secret,
};

static AWS_SECRET_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"(?i:aws[_-]?secret|secret[_-]?access[_-]?key)[A-Za-z0-9_-]{0,24}["']?[ \t]*(?:[:=,]|=>|:=)[ \t]*[(\[]?[ \t]*[rbuRBU]?["']?([A-Za-z0-9/+]{40})"#,
    )
});

fn aws_secret(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    captures_in(&AWS_SECRET_RE, text, &region, |caps, offset| {
        let Some(range) = group(caps, 1, offset) else {
            return;
        };
        let value = &text[range.clone()];
        if standalone(text, &range, is_base64)
            && !is_placeholder(value)
            && crate::values::is_high_entropy(value)
        {
            out.push(SecretMatch::new(
                SecretKind::AwsSecretAccessKey,
                text,
                range,
            ));
        }
    });
}

/// `AIza` + 35 characters (API keys); `GOCSPX-` + 28 (OAuth client secrets).
static GOOGLE: Detector = Detector {
    anchors: &["AIza", "GOCSPX-"],
    back: 0,
    fwd: 40,
    run: google,
};

static GOOGLE_RE: LazyLock<Regex> =
    LazyLock::new(|| regex("AIza[0-9A-Za-z_-]{35}|GOCSPX-[0-9A-Za-z_-]{28}"));

fn google(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&GOOGLE_RE, text, &region, |range| {
        let value = &text[range.clone()];
        if !standalone(text, &range, is_word_or_dash) || is_placeholder(value) {
            return;
        }
        let kind = if value.starts_with("AIza") {
            SecretKind::GoogleApiKey
        } else {
            SecretKind::GoogleOauthClientSecret
        };
        out.push(SecretMatch::new(kind, text, range));
    });
}

/// Azure connection strings: `AccountKey=` + 88 characters of base64 (a
/// 64-byte storage account key), `SharedAccessKey=` + 44 (Service Bus,
/// Event Hubs, IoT Hub).
static AZURE: Detector = Detector {
    anchors: &["AccountKey=", "SharedAccessKey="],
    back: 0,
    fwd: 120,
    run: azure,
};

static AZURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex("AccountKey=([A-Za-z0-9+/]{86}==)|SharedAccessKey=([A-Za-z0-9+/]{43}=)")
});

fn azure(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    captures_in(&AZURE_RE, text, &region, |caps, offset| {
        let (kind, range) = match (group(caps, 1, offset), group(caps, 2, offset)) {
            (Some(r), _) => (SecretKind::AzureStorageAccountKey, r),
            (None, Some(r)) => (SecretKind::AzureSharedAccessKey, r),
            _ => return,
        };
        let value = &text[range.clone()];
        if standalone(text, &range, is_base64) && !is_placeholder(value) {
            out.push(SecretMatch::new(kind, text, range));
        }
    });
}
