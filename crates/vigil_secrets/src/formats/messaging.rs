//! Messaging and e-mail services: Slack tokens and webhooks, Telegram bot
//! tokens, SendGrid, Twilio and Mailchimp keys.

use super::{
    Detector, captures_in, group, is_word, is_word_or_dash, matches_in, regex, standalone,
};
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use crate::values::{is_placeholder, shannon_entropy};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use vigil_report::Confidence;

pub(crate) const DETECTORS: &[&Detector] = &[
    &SLACK_TOKEN,
    &SLACK_WEBHOOK,
    &TELEGRAM,
    &SENDGRID,
    &TWILIO,
    &MAILCHIMP,
];

/// Slack: bot (`xoxb-`), user (`xoxp-`), app (`xoxa-`), refresh (`xoxr-`),
/// legacy (`xoxs-`) tokens are dash-separated numbers then a random part;
/// configuration tokens (`xoxe.xoxp-`, `xoxe-`) and app-level tokens
/// (`xapp-`) have their own shapes.
static SLACK_TOKEN: Detector = Detector {
    anchors: &["xox", "xapp-"],
    back: 0,
    fwd: 260,
    run: slack_token,
};

static SLACK_TOKEN_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"xox[abprs]-[0-9]{6,15}(?:-[0-9A-Za-z]{6,64}){1,4}|xoxe(?:\.xox[bp])?-[0-9]-[0-9A-Za-z]{90,}|xapp-[0-9]-[0-9A-Z]{6,20}-[0-9]{6,20}-[0-9a-f]{32,}",
    )
});

fn slack_token(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&SLACK_TOKEN_RE, text, &region, |range| {
        let value = &text[range.clone()];
        let random = value.rsplit('-').next().unwrap_or("");
        if standalone(text, &range, is_word_or_dash)
            && !is_placeholder(value)
            && !is_placeholder(random)
            && shannon_entropy(random) >= 2.5
        {
            out.push(SecretMatch::new(SecretKind::SlackToken, text, range));
        }
    });
}

/// Incoming webhooks and workflow triggers: anyone with the URL may post.
static SLACK_WEBHOOK: Detector = Detector {
    anchors: &["hooks.slack.com/"],
    back: 8,
    fwd: 240,
    run: slack_webhook,
};

static SLACK_WEBHOOK_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"https?://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}/[A-Za-z0-9_/-]{20,}",
    )
});

fn slack_webhook(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&SLACK_WEBHOOK_RE, text, &region, |range| {
        let value = &text[range.clone()];
        let path = value.split("slack.com/").nth(1).unwrap_or("");
        let secret = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
        if standalone(text, &range, is_word_or_dash)
            && !is_placeholder(secret)
            && shannon_entropy(secret) >= 3.0
        {
            out.push(SecretMatch::new(SecretKind::SlackWebhookUrl, text, range));
        }
    });
}

/// Telegram bot tokens: the bot's numeric id, `:`, then 35 characters that
/// start with `AA`.
static TELEGRAM: Detector = Detector {
    anchors: &[":AA"],
    back: 12,
    fwd: 40,
    run: telegram,
};

static TELEGRAM_RE: LazyLock<Regex> = LazyLock::new(|| regex(r"[0-9]{8,10}:AA[0-9A-Za-z_-]{33}"));

fn telegram(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&TELEGRAM_RE, text, &region, |range| {
        let value = &text[range.clone()];
        let secret = value.split_once(':').map_or("", |(_, s)| s);
        if !standalone(text, &range, is_word_or_dash)
            || is_placeholder(secret)
            || shannon_entropy(secret) < 3.5
        {
            return;
        }
        let nearby = &text
            [crate::redact::floor_boundary(text, range.start.saturating_sub(200))..range.start];
        let confidence =
            if nearby.to_ascii_lowercase().contains("telegram") || nearby.contains("bot") {
                Confidence::High
            } else {
                Confidence::Medium
            };
        out.push(
            SecretMatch::new(SecretKind::TelegramBotToken, text, range).with_confidence(confidence),
        );
    });
}

/// SendGrid API keys: `SG.` + 22 + `.` + 43 base64url characters.
static SENDGRID: Detector = Detector {
    anchors: &["SG."],
    back: 0,
    fwd: 69,
    run: sendgrid,
};

static SENDGRID_RE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}"));

fn sendgrid(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&SENDGRID_RE, text, &region, |range| {
        let value = &text[range.clone()];
        if standalone(text, &range, is_word_or_dash) && !is_placeholder(&value[3..]) {
            out.push(SecretMatch::new(SecretKind::SendgridApiKey, text, range));
        }
    });
}

/// Twilio: API key SIDs (`SK` + 32 hex) and auth tokens (32 hex after an
/// `auth_token`-like name), only near the word "twilio". Account SIDs (`AC`
/// + 32 hex) identify an account but grant nothing: not reported.
static TWILIO: Detector = Detector {
    // `wilio` covers `twilio` and `Twilio`.
    anchors: &["wilio", "WILIO"],
    back: 401,
    fwd: 400,
    run: twilio,
};

static TWILIO_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"(SK[0-9a-f]{32})|(?i:auth[_-]?token|api[_-]?secret|secret)[A-Za-z0-9_]{0,16}["']?[ \t]*[:=,][ \t]*[rbuRBU]?["']?([0-9a-f]{32})|Client\([ \t]*["']AC[0-9a-f]{32}["'][ \t]*,[ \t]*["']([0-9a-f]{32})["']"#,
    )
});

fn twilio(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    captures_in(&TWILIO_RE, text, &region, |caps, offset| {
        let found = group(caps, 1, offset)
            .map(|r| (SecretKind::TwilioApiKey, r))
            .or_else(|| group(caps, 2, offset).map(|r| (SecretKind::TwilioAuthToken, r)))
            .or_else(|| group(caps, 3, offset).map(|r| (SecretKind::TwilioAuthToken, r)));
        let Some((kind, range)) = found else { return };
        let value = &text[range.clone()];
        if standalone(text, &range, is_word)
            && !is_placeholder(value)
            && shannon_entropy(value) >= 3.0
        {
            out.push(SecretMatch::new(kind, text, range));
        }
    });
}

/// Mailchimp API keys: 32 hex digits, `-us`, the data-centre number.
static MAILCHIMP: Detector = Detector {
    anchors: &["-us"],
    back: 32,
    fwd: 6,
    run: mailchimp,
};

static MAILCHIMP_RE: LazyLock<Regex> = LazyLock::new(|| regex(r"[0-9a-f]{32}-us[0-9]{1,2}"));

fn mailchimp(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&MAILCHIMP_RE, text, &region, |range| {
        let value = &text[range.clone()];
        if standalone(text, &range, is_word)
            && !is_placeholder(&value[..32])
            && shannon_entropy(&value[..32]) >= 3.0
        {
            out.push(SecretMatch::new(SecretKind::MailchimpApiKey, text, range));
        }
    });
}
