//! Jupyter notebook outputs: what a cell printed is saved in the `.ipynb`
//! file, and printed tokens, environment dumps (`%env`, `os.environ`) and
//! connection strings end up committed with it.
//!
//! Code cells are Python and go through the AST rules; this module reads
//! only the outputs: `stream` text, the `text/plain`, `text/html`,
//! `text/markdown` and `application/json` data of results and displays,
//! and error tracebacks.

use crate::assign::classify_assignment;
use crate::formats::regex;
use crate::matches::{SecretMatch, resolve_overlaps};
use crate::redact::mask_ranges;
use crate::scan::scan_text;
use regex::Regex;
use serde::Serialize;
use serde_json::Value;
use std::sync::LazyLock;

/// A secret in a notebook output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotebookSecret {
    /// 1-based index of the cell among all cells.
    pub cell: u32,
    /// 1-based index of the output within the cell.
    pub output: u32,
    /// 1-based line within the output's text.
    pub line: u32,
    /// The match; its range points into the output's text.
    pub found: SecretMatch,
    /// The output line with every secret on it redacted.
    pub snippet: String,
}

/// The secrets printed in the outputs of `notebook` (the `.ipynb` JSON);
/// nothing when it is not valid notebook JSON.
pub fn scan_notebook_outputs(notebook: &str) -> Vec<NotebookSecret> {
    let Ok(root) = serde_json::from_str::<Value>(notebook) else {
        return Vec::new();
    };
    let Some(cells) = root.get("cells").and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (cell_index, cell) in cells.iter().enumerate() {
        let Some(outputs) = cell.get("outputs").and_then(Value::as_array) else {
            continue;
        };
        for (output_index, output) in outputs.iter().enumerate() {
            let text = output_text(output);
            if text.is_empty() {
                continue;
            }
            for found in scan_output(&text) {
                out.push(locate(&text, found, cell_index + 1, output_index + 1));
            }
        }
    }
    out
}

/// Secrets in one output's text: token formats, then `'key': 'value'` and
/// `KEY=value` pairs judged by their names.
fn scan_output(text: &str) -> Vec<SecretMatch> {
    static PAIR_RE: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r#"['"]([A-Za-z_][A-Za-z0-9_.\-]*)['"][ \t]*:[ \t]*['"]([^'"\n]+)['"]|(?m)^[ \t]*([A-Za-z_][A-Za-z0-9_]*)=([^ \t\r\n]+)[ \t\r]*$"#,
        )
    });
    let mut found = scan_text(text);
    for caps in PAIR_RE.captures_iter(text) {
        let (Some(key), Some(value)) = (caps.get(1).or(caps.get(3)), caps.get(2).or(caps.get(4)))
        else {
            continue;
        };
        if key.len() > 128 || value.len() > 4096 {
            continue;
        }
        if let Some(m) = classify_assignment(key.as_str(), value.as_str()) {
            found.push(m.shifted(value.start()));
        }
    }
    resolve_overlaps(&mut found);
    found
}

fn locate(text: &str, found: SecretMatch, cell: usize, output: usize) -> NotebookSecret {
    let line_start = text[..found.range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[found.range.end..]
        .find('\n')
        .map_or(text.len(), |i| found.range.end + i);
    let line = text[..found.range.start].matches('\n').count() + 1;
    let local = found.range.start - line_start..found.range.end.min(line_end) - line_start;
    let snippet = mask_ranges(&text[line_start..line_end], &[local]);
    NotebookSecret {
        cell: u32::try_from(cell).unwrap_or(u32::MAX),
        output: u32::try_from(output).unwrap_or(u32::MAX),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        found,
        snippet,
    }
}

/// The text of one output, its parts joined by new lines.
fn output_text(output: &Value) -> String {
    let mut parts = Vec::new();
    if let Some(text) = output.get("text") {
        parts.push(joined(text));
    }
    if let Some(data) = output.get("data").and_then(Value::as_object) {
        for mime in [
            "text/plain",
            "text/html",
            "text/markdown",
            "application/json",
        ] {
            match data.get(mime) {
                Some(Value::Object(json)) => parts.push(Value::Object(json.clone()).to_string()),
                Some(value) => parts.push(joined(value)),
                None => {}
            }
        }
    }
    if let Some(traceback) = output.get("traceback") {
        parts.push(joined(traceback));
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n")
}

/// A notebook string field: one string or a list of lines.
fn joined(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => String::new(),
    }
}
