//! `--output-format sarif`: SARIF 2.1.0, as GitHub code scanning and other
//! CI systems read it.
//!
//! One run: `tool.driver` with a descriptor per rule ([`rules`]), one result
//! per finding with its region, code snippet, `partialFingerprints`
//! (`vigil/v1`, our line-independent fingerprint) and a `codeFlows` entry for
//! taint paths; `artifacts` lists every file mentioned, by URI relative to
//! `%SRCROOT%` ([`uri`]); files that could not be scanned become tool
//! execution notifications of the invocation. Columns count Unicode code
//! points (`columnKind`), and JSON escaping makes scanned content inert.

mod rules;
mod uri;

use crate::finding::{Finding, FlowStep};
use crate::options::RenderOptions;
use crate::report::{ScanError, ScanReport};
use crate::span::Span;
use crate::time;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Key of our fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "vigil/v1";

/// Renders `report` as a SARIF 2.1.0 log (pretty JSON, ending in a newline).
pub fn render(report: &ScanReport, options: &RenderOptions) -> String {
    let (rule_descriptors, rule_index) = rules::descriptors(report);
    let artifacts = Artifacts::collect(report);
    let mut driver = json!({
        "name": "vigil",
        "version": options.tool_version,
        "rules": rule_descriptors,
    });
    if !crate::REPOSITORY.is_empty() {
        driver["informationUri"] = crate::REPOSITORY.into();
    }
    let mut properties = json!({ "summary": report.summary });
    for (key, value) in &report.properties {
        properties[key] = value.clone();
    }
    let run = Run {
        artifacts: artifacts.values(),
        column_kind: "unicodeCodePoints",
        invocations: [invocation(report, options, &artifacts)],
        original_uri_base_ids: json!({ uri::SRCROOT: uri::srcroot(options.scan_root.as_deref()) }),
        properties,
        results: Results {
            findings: &report.findings,
            rule_index: &rule_index,
            artifacts: &artifacts,
        },
        tool: json!({ "driver": driver }),
    };
    let log = Log {
        schema: SCHEMA,
        runs: [run],
        version: "2.1.0",
    };
    crate::jsonout::pretty(&log)
}

/// The log, its keys in the order a JSON object of them prints in.
#[derive(serde::Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    artifacts: Vec<Value>,
    column_kind: &'static str,
    invocations: [Value; 1],
    original_uri_base_ids: Value,
    properties: Value,
    results: Results<'a>,
    tool: Value,
}

/// The results, each built as it is written: a report of many findings
/// with long flows never holds all of them as JSON values at once (on a
/// large audit, that took more memory than the scan).
struct Results<'a> {
    findings: &'a [Finding],
    rule_index: &'a BTreeMap<String, usize>,
    artifacts: &'a Artifacts,
}

impl serde::Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.findings.len()))?;
        for finding in self.findings {
            seq.serialize_element(&result(
                finding,
                self.rule_index[&finding.rule],
                self.artifacts,
            ))?;
        }
        seq.end()
    }
}

/// Every file a result, a flow step, an error or the metrics mention, in
/// path order, with its index in `run.artifacts`.
struct Artifacts(BTreeMap<String, usize>);

impl Artifacts {
    fn collect(report: &ScanReport) -> Self {
        let mut paths: Vec<&str> = Vec::new();
        for finding in &report.findings {
            paths.push(&finding.path);
            paths.extend(finding.flow.iter().map(|s| s.path.as_str()));
        }
        paths.extend(report.errors.iter().map(|e| e.path.as_str()));
        paths.extend(report.files.iter().map(|f| f.path.as_str()));
        // An archive member's archives are artifacts too (its parents).
        let members: Vec<&str> = paths.iter().copied().filter(|p| p.contains("!/")).collect();
        for member in members {
            paths.extend(member.match_indices("!/").map(|(i, _)| &member[..i]));
        }
        paths.sort_unstable();
        paths.dedup();
        let map = paths
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p.to_string(), i));
        Artifacts(map.collect())
    }

    fn location(&self, path: &str) -> Value {
        uri::artifact_location(path, self.0.get(path).copied())
    }

    /// Each artifact; an archive member (`a.tar.gz!/pkg/m.py`) names the
    /// archive it is in with `parentIndex` (SARIF 2.1.0 §3.24.3) and keeps
    /// the whole `ARCHIVE!/MEMBER` path as its URI, which is what code
    /// scanning services read.
    fn values(&self) -> Vec<Value> {
        self.0
            .keys()
            .map(|path| {
                let mut artifact = json!({ "location": uri::artifact_location(path, None) });
                if let Some(parent) = path.rfind("!/").and_then(|i| self.0.get(&path[..i])) {
                    artifact["parentIndex"] = json!(parent);
                }
                artifact
            })
            .collect()
    }
}

fn result(finding: &Finding, rule_index: usize, artifacts: &Artifacts) -> Value {
    let mut physical = json!({ "artifactLocation": artifacts.location(&finding.path) });
    let mut properties = json!({
        "severity": finding.severity,
        "confidence": finding.confidence,
        "cwe": finding.cwe,
        "help": finding.help,
    });
    let mut message = message_text(&finding.message, &finding.rule);
    match finding.cell {
        // A notebook: the region is a line of the `.ipynb` document (the
        // JSON string that holds the code line); the cell and its line are
        // said in the message and the properties. Columns and snippets of
        // the cell's code do not fit the document's text.
        Some(cell) => {
            if let Some(line) = cell.document_line {
                physical["region"] = json!({ "startLine": line });
            }
            properties["notebookCell"] = json!(cell.number);
            properties["notebookLine"] = json!(finding.line);
            message.push_str(&format!(" (cell {}, line {})", cell.number, finding.line));
        }
        None => {
            if let Some(span) = Span::of(finding) {
                physical["region"] = region(finding, span);
                if let Some(context) = context_region(finding) {
                    physical["contextRegion"] = context;
                }
            }
        }
    }
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": rules::level(finding.severity),
        "message": { "text": message },
        "locations": [{ "physicalLocation": physical }],
        "partialFingerprints": { FINGERPRINT_KEY: finding.fingerprint },
        "properties": properties,
    });
    if !finding.flow.is_empty() {
        result["codeFlows"] = code_flows(&finding.flow, artifacts);
    }
    result
}

fn message_text(message: &str, rule: &str) -> String {
    if message.trim().is_empty() {
        rule.to_string()
    } else {
        message.to_string()
    }
}

fn region(finding: &Finding, span: Span) -> Value {
    let mut region = json!({
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    });
    let text = finding.snippet.as_ref().and_then(|s| span.text_in(s));
    if let Some(text) = text {
        region["snippet"] = json!({ "text": text });
    }
    region
}

fn context_region(finding: &Finding) -> Option<Value> {
    let snippet = finding.snippet.as_ref().filter(|s| s.start_line >= 1)?;
    if snippet.lines.is_empty() {
        return None;
    }
    Some(json!({
        "startLine": snippet.start_line,
        "endLine": snippet.start_line as usize + snippet.lines.len() - 1,
        "snippet": { "text": snippet.lines.join("\n") },
    }))
}

fn code_flows(flow: &[FlowStep], artifacts: &Artifacts) -> Value {
    let locations: Vec<Value> = flow
        .iter()
        .map(|step| {
            let mut physical = json!({ "artifactLocation": artifacts.location(&step.path) });
            let mut note = step.note.clone();
            match step.cell {
                Some(cell) => {
                    if let Some(line) = cell.document_line {
                        physical["region"] = json!({ "startLine": line });
                    }
                    let place = format!("cell {}, line {}", cell.number, step.line);
                    note = if note.trim().is_empty() {
                        place
                    } else {
                        format!("{note} ({place})")
                    };
                }
                None if step.line >= 1 => {
                    physical["region"] = json!({ "startLine": step.line });
                    if step.column >= 1 {
                        physical["region"]["startColumn"] = json!(step.column);
                    }
                }
                None => {}
            }
            let mut location = json!({ "physicalLocation": physical });
            if !note.trim().is_empty() {
                location["message"] = json!({ "text": note });
            }
            json!({ "location": location })
        })
        .collect();
    json!([{ "threadFlows": [{ "locations": locations }] }])
}

fn invocation(report: &ScanReport, options: &RenderOptions, artifacts: &Artifacts) -> Value {
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| notification(e, artifacts))
        .collect();
    let mut invocation = json!({
        "executionSuccessful": true,
        "toolExecutionNotifications": notifications,
    });
    if let Some(start) = options.started_at {
        invocation["startTimeUtc"] = json!(time::rfc3339(start));
    }
    if let Some(end) = options.finished_at {
        invocation["endTimeUtc"] = json!(time::rfc3339(end));
    }
    invocation
}

fn notification(error: &ScanError, artifacts: &Artifacts) -> Value {
    json!({
        "level": "error",
        "descriptor": { "id": "vigil/scan-error" },
        "message": { "text": message_text(&error.message, "file could not be scanned") },
        "locations": [{ "physicalLocation": { "artifactLocation": artifacts.location(&error.path) } }],
    })
}
