//! Baselines: accept the findings of today, report only new ones.
//!
//! [`write_baseline`] records each finding by its fingerprint (which already
//! covers rule, file, normalised code and occurrence index, so it survives
//! moved code and added lines) with its rule, path and message for people
//! reading the file; it never stores code. [`apply_baseline`] hides the
//! findings whose fingerprint the baseline holds, as many times as it holds
//! it, and counts them in `summary.baselined`.

use crate::finding::Finding;
use crate::report::ScanReport;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// Why a baseline could not be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("the baseline is not valid JSON of the expected shape: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("baseline version {found} is not supported (expected {BASELINE_VERSION})")]
    Version { found: u32 },
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    pub message: String,
}

/// The baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

/// The baseline of `report`'s findings as pretty JSON (newline-ended).
pub fn write_baseline(report: &ScanReport) -> String {
    let mut findings: Vec<BaselineEntry> = report
        .findings
        .iter()
        .map(|f| BaselineEntry {
            fingerprint: f.fingerprint.clone(),
            rule: f.rule.clone(),
            path: f.path.clone(),
            message: f.message.clone(),
        })
        .collect();
    findings.sort_by(|a, b| {
        (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint))
    });
    let baseline = Baseline {
        version: BASELINE_VERSION,
        findings,
    };
    crate::jsonout::pretty(&baseline)
}

/// Parses a baseline file.
pub fn parse_baseline(text: &str) -> Result<Baseline, BaselineError> {
    let baseline: Baseline = serde_json::from_str(text)?;
    if baseline.version != BASELINE_VERSION {
        return Err(BaselineError::Version {
            found: baseline.version,
        });
    }
    Ok(baseline)
}

/// Removes from `report` the findings that `baseline_text` accepts and
/// returns them; adds their number to `summary.baselined` and recomputes
/// the other counts.
pub fn apply_baseline(
    report: &mut ScanReport,
    baseline_text: &str,
) -> Result<Vec<Finding>, BaselineError> {
    let baseline = parse_baseline(baseline_text)?;
    let mut remaining: HashMap<&str, usize> = HashMap::new();
    for entry in &baseline.findings {
        *remaining.entry(entry.fingerprint.as_str()).or_default() += 1;
    }
    let (hidden, kept): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut report.findings)
        .into_iter()
        .partition(
            |finding| match remaining.get_mut(finding.fingerprint.as_str()) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    true
                }
                _ => false,
            },
        );
    report.findings = kept;
    report.summary.baselined += hidden.len();
    report.finish();
    Ok(hidden)
}
