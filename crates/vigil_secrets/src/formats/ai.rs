//! AI platforms: OpenAI, Anthropic and Hugging Face keys.

use super::{Detector, is_word, is_word_or_dash, matches_in, regex, standalone};
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use crate::values::{is_placeholder, shannon_entropy};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub(crate) const DETECTORS: &[&Detector] = &[&OPENAI, &ANTHROPIC, &HUGGINGFACE];

/// The base64 of "OpenAI", which OpenAI keys carry in their middle.
const OPENAI_MARK: &str = "T3BlbkFJ";

/// OpenAI: legacy user keys (`sk-` + 20 + marker + 20), project, service
/// account and admin keys (`sk-proj-`, `sk-svcacct-`, `sk-admin-` + a long
/// base64url body, normally also with the marker). A bare `sk-` key without
/// the marker is too generic (many services use `sk-`) and is left to the
/// name-based rules.
static OPENAI: Detector = Detector {
    anchors: &[OPENAI_MARK, "sk-proj-", "sk-svcacct-", "sk-admin-"],
    back: 260,
    fwd: 260,
    run: openai,
};

static OPENAI_RE: LazyLock<Regex> =
    LazyLock::new(|| regex("sk-(?:(?:proj|svcacct|admin)-)?[0-9A-Za-z_-]{20,}"));

fn openai(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&OPENAI_RE, text, &region, |range| {
        let value = &text[range.clone()];
        if value.len() > 260
            || value.starts_with("sk-ant-")
            || !standalone(text, &range, is_word_or_dash)
        {
            return;
        }
        let scoped = ["sk-proj-", "sk-svcacct-", "sk-admin-"]
            .iter()
            .any(|p| value.starts_with(p));
        let body = value.splitn(3, '-').last().unwrap_or("");
        let ok = if scoped {
            body.len() >= 40 && shannon_entropy(body) >= 3.5
        } else {
            value.contains(OPENAI_MARK)
        };
        if ok && !is_placeholder(body) {
            out.push(SecretMatch::new(SecretKind::OpenaiApiKey, text, range));
        }
    });
}

/// Anthropic: `sk-ant-api03-` (API) or `sk-ant-admin01-` (admin) + about 93
/// base64url characters, ending in `AA`.
static ANTHROPIC: Detector = Detector {
    anchors: &["sk-ant-"],
    back: 0,
    fwd: 140,
    run: anthropic,
};

static ANTHROPIC_RE: LazyLock<Regex> =
    LazyLock::new(|| regex("sk-ant-(?:api|admin|sid)[0-9]{2}-[0-9A-Za-z_-]{80,}"));

fn anthropic(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&ANTHROPIC_RE, text, &region, |range| {
        let value = &text[range.clone()];
        let body = value.rsplit_once('-').map_or(value, |(_, b)| b);
        if standalone(text, &range, is_word_or_dash)
            && value.len() <= 140
            && value.ends_with("AA")
            && !is_placeholder(body)
            && shannon_entropy(body) >= 3.5
        {
            out.push(SecretMatch::new(SecretKind::AnthropicApiKey, text, range));
        }
    });
}

/// Hugging Face user tokens (`hf_`) and organisation tokens (`api_org_`):
/// 34 letters.
static HUGGINGFACE: Detector = Detector {
    anchors: &["hf_", "api_org_"],
    back: 0,
    fwd: 42,
    run: huggingface,
};

static HUGGINGFACE_RE: LazyLock<Regex> = LazyLock::new(|| regex("(?:hf|api_org)_[A-Za-z]{34}"));

fn huggingface(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&HUGGINGFACE_RE, text, &region, |range| {
        let value = &text[range.clone()];
        let body = value.rsplit('_').next().unwrap_or("");
        let mixed_case = body.bytes().any(|b| b.is_ascii_uppercase())
            && body.bytes().any(|b| b.is_ascii_lowercase());
        if standalone(text, &range, is_word)
            && mixed_case
            && !is_placeholder(body)
            && shannon_entropy(body) >= 3.5
        {
            out.push(SecretMatch::new(SecretKind::HuggingfaceToken, text, range));
        }
    });
}
