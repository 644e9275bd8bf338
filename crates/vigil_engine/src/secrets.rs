//! Secrets outside Python code: configuration files of the tree (`.env`,
//! `*.ini`, `*.yaml`, ...) and the outputs of notebook cells. The matches
//! come from `vigil_secrets`; this module turns them into findings whose
//! message, snippet and fingerprint hold only the redacted secret.

use crate::document_lines::DocumentLines;
use vigil_python::{LineIndex, TextSize};
use vigil_report::{Cell, Finding, Snippet, fingerprint};
use vigil_rules::registry;
use vigil_secrets::{NotebookSecret, SecretMatch, mask_ranges, secret_fingerprint_material};

/// Characters shown before a secret in a line of a configuration file (the
/// code frame of a secret far into a long line is a window of it, marked
/// `…`; its caret is then left out, see `vigil_report::text`).
const WINDOW_BEFORE: usize = 60;
/// Characters shown from the secret on (whole secrets are always shown in
/// their redacted form, never cut).
const WINDOW_CHARS: usize = 200;

/// Findings for the secrets of one configuration file.
pub(crate) fn config_findings(
    display_path: &str,
    text: &str,
    matches: &[SecretMatch],
    in_tests: bool,
    audit: bool,
) -> Vec<Finding> {
    if matches.is_empty() || (in_tests && !audit) {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    // Matches come sorted by position, without overlaps: the ones near a
    // match are found by binary search, so a line with many secrets costs
    // linear time (each snippet is a bounded window of its line).
    let ranges: Vec<_> = matches.iter().map(|m| m.range.clone()).collect();
    debug_assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start));
    let mut occurrences = rustc_hash::FxHashMap::default();
    matches
        .iter()
        .filter_map(|m| {
            let start = index.location(text, TextSize::try_from(m.range.start).ok()?);
            let end = index.location(text, TextSize::try_from(m.range.end).ok()?);
            let line = start.line as usize - 1;
            let line_start = index.line_start(line);
            let line_end = line_start + index.line_text(text, line).len();
            // A window of the line around the match, widened to whole secrets.
            let mut from = index.offset_of_column(
                text,
                line,
                (start.column as usize - 1).saturating_sub(WINDOW_BEFORE),
            );
            let mut to = index
                .offset_of_column(text, line, start.column as usize - 1 + WINDOW_CHARS)
                .max(m.range.end.min(line_end))
                .min(line_end);
            let first = ranges.partition_point(|r| r.end <= from);
            if let Some(r) = ranges.get(first) {
                from = from.min(r.start.max(line_start));
            }
            let last = ranges.partition_point(|r| r.start < to);
            if let Some(r) = last.checked_sub(1).map(|i| &ranges[i]) {
                to = to.max(r.end.min(line_end));
            }
            let window = text.get(from..to).unwrap_or("");
            let local: Vec<_> = ranges[first..last.max(first)]
                .iter()
                .map(|r| r.start.saturating_sub(from)..(r.end.min(to) - from))
                .collect();
            let mut masked = mask_ranges(window, &local).trim_end().to_string();
            if to < line_end {
                masked.push('…');
            }
            if from > line_start {
                masked.insert(0, '…');
            }
            Some(finding(
                display_path,
                m,
                (start.line, start.column),
                (end.line, end.column),
                None,
                &masked,
                &mut occurrences,
            ))
        })
        .collect()
}

/// Findings for secrets printed in notebook outputs.
pub(crate) fn notebook_output_findings(
    display_path: &str,
    found: &[NotebookSecret],
    lines: &DocumentLines,
) -> Vec<Finding> {
    let mut occurrences = rustc_hash::FxHashMap::default();
    found
        .iter()
        .map(|n| {
            let width = n.found.range.len() as u32;
            let mut f = finding(
                display_path,
                &n.found,
                (n.line, 1),
                (n.line, 1 + width),
                Some(Cell::new(
                    n.cell,
                    lines.output_line(n.cell, n.output, n.line),
                )),
                &n.snippet,
                &mut occurrences,
            );
            f.message = format!("{} (in output {} of cell {})", f.message, n.output, n.cell);
            f
        })
        .collect()
}

fn finding(
    display_path: &str,
    m: &SecretMatch,
    start: (u32, u32),
    end: (u32, u32),
    cell: Option<Cell>,
    masked_line: &str,
    occurrences: &mut rustc_hash::FxHashMap<String, usize>,
) -> Finding {
    let rule = registry().get(m.rule_name());
    let material = secret_fingerprint_material(m);
    let occurrence = occurrences.entry(material.clone()).or_insert(0);
    let print = fingerprint(m.rule_name(), display_path, &material, *occurrence);
    *occurrence += 1;
    Finding {
        rule: m.rule_name().to_string(),
        severity: m.severity,
        confidence: m.confidence,
        cwe: m.cwe.to_vec(),
        path: display_path.to_string(),
        line: start.0,
        column: start.1,
        end_line: end.0,
        end_column: end.1,
        message: m.message.clone(),
        help: rule.map_or(m.help, |r| r.meta.help).to_string(),
        fingerprint: print,
        cell,
        flow: Vec::new(),
        snippet: Some(Snippet {
            start_line: start.0,
            lines: vec![masked_line.to_string()],
        }),
    }
}
