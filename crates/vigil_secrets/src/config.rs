//! Configuration and environment files: `.env*`, `*.ini`, `*.cfg`,
//! `*.conf`, `*.properties`, `.pypirc`, `.npmrc`, `*.toml`, `*.yaml`,
//! `*.yml`, `*.json` (lock files excluded).
//!
//! A file gets two passes: [`scan_text`] for token formats anywhere, and a
//! line reader for its `key = value` / `KEY=value` / `key: value` /
//! `"key": "value"` pairs, each judged by [`classify_assignment`] like an
//! assignment in Python. Where both passes flag the same bytes the token
//! format wins. Files that are templates by name (`.env.example`,
//! `config.sample.yaml`, `settings.template.json`, `*.dist`) are scanned
//! too, with low confidence: people do paste real values into them.

use crate::assign::classify_assignment;
use crate::formats::regex;
use crate::matches::{SecretMatch, resolve_overlaps};
use crate::scan::scan_text;
use regex::Regex;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;
use vigil_report::Confidence;

/// Lines longer than this are left to the token scan only.
const MAX_LINE: usize = 8 * 1024;

/// The syntax of a candidate file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Env,
    Ini,
    Toml,
    Yaml,
    Json,
}

/// Lock files: generated, full of hashes and URLs, never hand-written
/// secrets.
fn is_lock_file(name: &str) -> bool {
    name.ends_with(".lock")
        || name.ends_with(".lockb")
        || matches!(
            name,
            "package-lock.json"
                | "npm-shrinkwrap.json"
                | "pnpm-lock.yaml"
                | "pipfile.lock"
                | "composer.lock"
        )
}

fn syntax_of(path: &Path) -> Option<Syntax> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if is_lock_file(&name) {
        return None;
    }
    if name == ".env" || name.starts_with(".env.") || name.ends_with(".env") {
        return Some(Syntax::Env);
    }
    if matches!(
        name.as_str(),
        ".pypirc" | ".npmrc" | ".yarnrc" | ".netrc-env"
    ) {
        return Some(Syntax::Ini);
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e)?;
    Some(match extension {
        "ini" | "cfg" | "conf" | "properties" => Syntax::Ini,
        "toml" => Syntax::Toml,
        "yaml" | "yml" => Syntax::Yaml,
        "json" => Syntax::Json,
        _ => return None,
    })
}

/// Whether `path` names a file that commonly keeps secrets and that
/// [`scan_config_file`] knows how to read. Lock files are excluded;
/// notebooks have [`crate::scan_notebook_outputs`].
pub fn is_secret_candidate_file(path: &Path) -> bool {
    syntax_of(path).is_some()
}

/// Whether the file is a template others copy and fill in.
fn is_template_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    [
        "example", "sample", "template", ".dist", "tmpl", ".tpl", "default",
    ]
    .iter()
    .any(|w| name.contains(w))
}

/// The secrets in a configuration file, sorted by position; ranges point
/// into `text`. A file that is not a candidate
/// ([`is_secret_candidate_file`]) gets the token scan only.
pub fn scan_config_file(path: &Path, text: &str) -> Vec<SecretMatch> {
    let mut found = scan_text(text);
    if let Some(syntax) = syntax_of(path) {
        for (key, value) in pairs(syntax, text) {
            if let Some(m) = classify_assignment(key, &text[value.clone()]) {
                found.push(m.shifted(value.start));
            }
        }
    }
    if is_template_file(path) {
        for m in &mut found {
            m.confidence = Confidence::Low;
        }
    }
    resolve_overlaps(&mut found);
    found
}

/// `(key, value range)` of every pair in the file.
fn pairs(syntax: Syntax, text: &str) -> Vec<(&str, Range<usize>)> {
    if syntax == Syntax::Json {
        return json_pairs(text);
    }
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        if line.len() > MAX_LINE {
            continue;
        }
        let pair = match syntax {
            Syntax::Env => env_pair(line),
            Syntax::Ini => ini_pair(line),
            Syntax::Toml => toml_pair(line),
            Syntax::Yaml => yaml_pair(line).or_else(|| {
                env_pair(line.trim_start().strip_prefix("- ")?)
                    .map(|(k, v)| (k, shift(v, line.len() - line.trim_start().len() + 2)))
            }),
            Syntax::Json => None,
        };
        if let Some((key, value)) = pair {
            out.push((key, value.start + start..value.end + start));
        }
    }
    out
}

fn shift(range: Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// `KEY=value`, `export KEY="value"`.
fn env_pair(line: &str) -> Option<(&str, Range<usize>)> {
    static ENV_RE: LazyLock<Regex> = LazyLock::new(|| {
        regex(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*=[ \t]*(.*)$")
    });
    let caps = ENV_RE.captures(line)?;
    let key = caps.get(1)?.as_str();
    let raw = caps.get(2)?;
    Some((key, value_range(line, raw.start(), true)?))
}

/// `key = value`, `key: value`, `//registry/:_authToken=value`.
fn ini_pair(line: &str) -> Option<(&str, Range<usize>)> {
    let trimmed = line.trim_start();
    if trimmed.starts_with(['#', ';', '[']) {
        return None;
    }
    let split = line.find('=').or_else(|| line.find(':'))?;
    let key = line[..split].trim();
    // `//registry.npmjs.org/:_authToken` → `_authToken`
    let key = key.rsplit([':', '/']).next().unwrap_or(key);
    if key.is_empty() || key.len() > 128 || key.contains(char::is_whitespace) {
        return None;
    }
    let value_start = split + 1 + (line[split + 1..].len() - line[split + 1..].trim_start().len());
    Some((key, value_range(line, value_start, true)?))
}

/// `key = "value"`, `"quoted.key" = 'value'`, `table.key = "value"`.
fn toml_pair(line: &str) -> Option<(&str, Range<usize>)> {
    static TOML_RE: LazyLock<Regex> = LazyLock::new(|| {
        regex(r#"^[ \t]*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_.\-]+))[ \t]*=[ \t]*(["'].*)$"#)
    });
    let caps = TOML_RE.captures(line)?;
    let key = caps.get(1).or(caps.get(2)).or(caps.get(3))?.as_str();
    let raw = caps.get(4)?;
    if raw.as_str().starts_with("\"\"\"") || raw.as_str().starts_with("'''") {
        return None;
    }
    Some((key, value_range(line, raw.start(), true)?))
}

/// `key: value`, `- key: "value"`, `"key": 'value'`. Block scalars (`|`,
/// `>`), anchors, aliases, tags (`!vault`, `!Ref`) and flow collections are
/// left alone.
///
/// Read by hand (YAML files run to hundreds of thousands of lines): an
/// optional list dash, a key of letters, digits, `_`, `.` and `-`,
/// optionally quoted, a colon, at least one blank, then the value.
fn yaml_pair(line: &str) -> Option<(&str, Range<usize>)> {
    let bytes = line.as_bytes();
    let blank = |at: usize| matches!(bytes.get(at), Some(b' ' | b'\t'));
    let skip_blanks = |mut at: usize| {
        while blank(at) {
            at += 1;
        }
        at
    };
    let mut at = skip_blanks(0);
    if bytes.get(at) == Some(&b'#') {
        return None;
    }
    if bytes.get(at) == Some(&b'-') && blank(at + 1) {
        at = skip_blanks(at + 1);
    }
    let is_quote = |at: usize| matches!(bytes.get(at), Some(b'"' | b'\''));
    if is_quote(at) {
        at += 1;
    }
    let key_start = at;
    while bytes
        .get(at)
        .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    {
        at += 1;
    }
    let key = &line[key_start..at];
    if key.is_empty() {
        return None;
    }
    if is_quote(at) {
        at += 1;
    }
    at = skip_blanks(at);
    if bytes.get(at) != Some(&b':') || !blank(at + 1) {
        return None;
    }
    let value_start = skip_blanks(at + 1);
    let raw = &line[value_start..];
    if raw.is_empty() || raw.starts_with(['|', '>', '&', '*', '!', '{', '[', '#']) {
        return None;
    }
    Some((key, value_range(line, value_start, true)?))
}

/// `"key": "value"` anywhere in the text (pretty-printed or minified).
///
/// One pass over the bytes: each string literal (backslash escapes, no
/// line break inside) is read once, and a string that follows another
/// string with only a colon and blanks between them is the other's value.
/// Linear in the text; packages ship megabytes of JSON (API models), where
/// a capturing regex cost most of the scan.
fn json_pairs(text: &str) -> Vec<(&str, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    // The last string read, while it may still be a key: its body.
    let mut key: Option<Range<usize>> = None;
    while let Some(offset) = memchr::memchr(b'"', &bytes[from..]) {
        let quote = from + offset;
        let Some(body) = json_string(bytes, quote) else {
            key = None;
            from = quote + 1;
            continue;
        };
        from = body.end + 1;
        match key.take() {
            Some(k) if is_colon_gap(&bytes[k.end + 1..quote]) => {
                if !k.is_empty() && k.len() <= 128 && body.len() <= 4096 {
                    out.push((&text[k], body));
                }
            }
            _ => key = Some(body),
        }
    }
    out
}

/// The body of the JSON string whose opening quote is at `quote`, or `None`
/// when a line break or the end of the text comes first.
fn json_string(bytes: &[u8], quote: usize) -> Option<Range<usize>> {
    let start = quote + 1;
    let mut at = start;
    loop {
        let i = at + memchr::memchr3(b'"', b'\\', b'\n', &bytes[at..])?;
        match bytes[i] {
            b'"' => return Some(start..i),
            b'\\' if bytes.get(i + 1).is_some_and(|&b| b != b'\n') => at = i + 2,
            _ => return None,
        }
    }
}

/// Whether `gap` is a colon with only blanks around it.
fn is_colon_gap(gap: &[u8]) -> bool {
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let mut inner = gap.iter().skip_while(|b| blank(b));
    inner.next() == Some(&b':') && inner.all(blank)
}

/// The value starting at `line[start..]`: inside its quotes when quoted,
/// else up to an inline ` #` comment (when `comments`), trimmed. `None`
/// for an empty value.
fn value_range(line: &str, start: usize, comments: bool) -> Option<Range<usize>> {
    let raw = &line[start..];
    let range = if let Some(quote) = raw.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let body = &raw[1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if quote == '"' && !escaped => escaped = true,
                c if c == quote && !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        start + 1..start + 1 + end.unwrap_or(body.len())
    } else {
        let mut end = raw.len();
        if comments {
            for marker in [" #", "\t#", " ;"] {
                if let Some(i) = raw.find(marker) {
                    end = end.min(i);
                }
            }
        }
        let value = raw[..end].trim_end().trim_end_matches(',');
        start..start + value.len()
    };
    (!range.is_empty()).then_some(range)
}
