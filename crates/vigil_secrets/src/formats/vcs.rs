//! Code hosting: GitHub and GitLab tokens.

use super::{Detector, is_word, is_word_or_dash, matches_in, regex, standalone};
use crate::checksum::crc32_base62_ok;
use crate::kind::SecretKind;
use crate::matches::SecretMatch;
use crate::values::is_placeholder;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub(crate) const DETECTORS: &[&Detector] = &[&GITHUB, &GITLAB];

/// GitHub's prefixed tokens (2021 format): `ghp_` personal, `gho_` OAuth,
/// `ghu_` user-to-server, `ghs_` server-to-server, `ghr_` refresh, each with
/// 30 random base62 characters and a 6-character base62 CRC32 of them; and
/// fine-grained personal tokens, `github_pat_` + 22 + `_` + 59 characters
/// (their checksum scheme is not published, so only the shape is checked).
static GITHUB: Detector = Detector {
    anchors: &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
    back: 0,
    fwd: 93,
    run: github,
};

static GITHUB_RE: LazyLock<Regex> =
    LazyLock::new(|| regex("gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"));

fn github(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&GITHUB_RE, text, &region, |range| {
        let value = &text[range.clone()];
        if !standalone(text, &range, is_word) || is_placeholder(value) {
            return;
        }
        let label = match &value[..4] {
            "ghp_" => "GitHub personal access token",
            "gho_" => "GitHub OAuth access token",
            "ghu_" => "GitHub user-to-server token",
            "ghs_" => "GitHub server-to-server token",
            "ghr_" => "GitHub refresh token",
            _ => "GitHub fine-grained personal access token",
        };
        if value.starts_with("github_pat_") || crc32_base62_ok(&value[4..]) {
            out.push(SecretMatch::new(SecretKind::GithubToken, text, range).labelled(label));
        }
    });
}

/// GitLab: personal (`glpat-`), deploy (`gldt-`), pipeline trigger
/// (`glptt-`), runner (`glrt-`) and OAuth application (`gloas-`) tokens: 20
/// characters in the classic format; routable tokens are longer and end in
/// `.` + version + a base36 CRC (not checked: its input is not published).
static GITLAB: Detector = Detector {
    // `glp` covers `glpat-` and `glptt-`.
    anchors: &["glp", "gldt-", "glrt-", "gloas-"],
    back: 0,
    fwd: 330,
    run: gitlab,
};

static GITLAB_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"gl(?:pat|dt|ptt|rt|oas)-[0-9A-Za-z_-]{20,}(?:\.[0-9a-z]{2}\.?[0-9a-z]{7})?")
});

fn gitlab(text: &str, region: Range<usize>, out: &mut Vec<SecretMatch>) {
    matches_in(&GITLAB_RE, text, &region, |range| {
        let value = &text[range.clone()];
        let body = value.split_once('-').map_or("", |(_, b)| b);
        if standalone(text, &range, is_word_or_dash)
            && value.len() <= 330
            && !is_placeholder(value)
            && !is_placeholder(body)
            && crate::values::shannon_entropy(body) >= 3.0
        {
            out.push(SecretMatch::new(SecretKind::GitlabToken, text, range));
        }
    });
}
