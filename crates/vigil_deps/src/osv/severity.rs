//! Severity of a record: CVSS v3/v4 base score when a vector is given, else
//! the database's own label (`database_specific.severity`), else
//! [`Severity::Unknown`] — never a guess such as medium: most PyPA records
//! carry no severity, and a gate must not pass a CVSS 9.8 SQL injection
//! because its record did not say. Malicious-package records (`MAL-`) are
//! always critical.
//!
//! CVSS vectors are scored with RustSec's `cvss` crate (CVSS 3.0, 3.1 and 4.0
//! base metrics); the score maps to a label with the CVSS qualitative scale.

use super::record::{OsvRecord, OsvSeverity};
use std::str::FromStr;
use vigil_report::Severity;

/// The CVSS base score (0.0–10.0) of a vector, if it is a valid v3 or v4 one.
pub fn cvss_score(vector: &str) -> Option<f64> {
    let vector = vector.trim();
    if vector.len() > 512 {
        return None;
    }
    if vector.starts_with("CVSS:3.") {
        cvss::v3::Vector::from_str(vector)
            .ok()
            .map(|v| v.score().value())
    } else if vector.starts_with("CVSS:4.") {
        cvss::v4::Vector::from_str(vector)
            .ok()
            .map(|v| v.score().value())
    } else {
        None
    }
}

/// The CVSS qualitative rating of a base score; "none" (0.0) counts as low.
pub fn severity_from_score(score: f64) -> Severity {
    if score >= 9.0 {
        Severity::Critical
    } else if score >= 7.0 {
        Severity::High
    } else if score >= 4.0 {
        Severity::Medium
    } else {
        Severity::Low
    }
}

/// The severity of a record and, when computed from CVSS, its score.
pub fn record_severity(record: &OsvRecord) -> (Severity, Option<f64>) {
    if record.id.starts_with("MAL-") {
        return (Severity::Critical, None);
    }
    let vectors = record
        .severity
        .iter()
        .chain(record.affected.iter().flat_map(|a| a.severity.iter()));
    if let Some(score) = best_cvss(vectors) {
        return (severity_from_score(score), Some(score));
    }
    let labels = std::iter::once(&record.database_specific.severity).chain(
        record
            .affected
            .iter()
            .map(|a| &a.database_specific.severity),
    );
    let label = labels.filter_map(|l| label_severity(l)).max();
    (label.unwrap_or(Severity::Unknown), None)
}

/// The highest score among the CVSS entries; v4 is preferred over v3 when
/// both are given, as the newer assessment.
fn best_cvss<'a>(entries: impl Iterator<Item = &'a OsvSeverity>) -> Option<f64> {
    let mut v3: Option<f64> = None;
    let mut v4: Option<f64> = None;
    for entry in entries {
        let slot = match entry.kind.as_str() {
            "CVSS_V3" => &mut v3,
            "CVSS_V4" => &mut v4,
            _ => continue,
        };
        if let Some(score) = cvss_score(&entry.score) {
            *slot = Some(slot.map_or(score, |s: f64| s.max(score)));
        }
    }
    v4.or(v3)
}

/// A free-text label such as GitHub's `MODERATE`.
fn label_severity(label: &str) -> Option<Severity> {
    match label.trim().to_ascii_lowercase().as_str() {
        "low" => Some(Severity::Low),
        "moderate" | "medium" => Some(Severity::Medium),
        "high" | "important" => Some(Severity::High),
        "critical" => Some(Severity::Critical),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> OsvRecord {
        OsvRecord::from_json(json.as_bytes()).unwrap()
    }

    #[test]
    fn scores_cvss_v3_vectors() {
        let score = cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").unwrap();
        assert!((score - 9.8).abs() < 1e-9);
        let score = cvss_score("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N").unwrap();
        assert!((score - 6.1).abs() < 1e-9);
        assert!(cvss_score("CVSS:3.1/garbage").is_none());
        assert!(cvss_score("AV:N/AC:L/Au:N/C:P/I:P/A:P").is_none());
    }

    #[test]
    fn scores_cvss_v4_vectors() {
        let score =
            cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").unwrap();
        assert!((score - 9.3).abs() < 1e-9);
    }

    #[test]
    fn maps_scores_to_labels() {
        assert_eq!(severity_from_score(0.0), Severity::Low);
        assert_eq!(severity_from_score(3.9), Severity::Low);
        assert_eq!(severity_from_score(4.0), Severity::Medium);
        assert_eq!(severity_from_score(7.5), Severity::High);
        assert_eq!(severity_from_score(9.0), Severity::Critical);
    }

    #[test]
    fn falls_back_to_labels_then_unknown() {
        let r = record(r#"{"id":"GHSA-x","database_specific":{"severity":"MODERATE"}}"#);
        assert_eq!(record_severity(&r), (Severity::Medium, None));
        let r = record(r#"{"id":"GHSA-y","database_specific":{"severity":"HIGH"}}"#);
        assert_eq!(record_severity(&r).0, Severity::High);
        // No severity anywhere: unknown, never medium.
        let r = record(r#"{"id":"PYSEC-1"}"#);
        assert_eq!(record_severity(&r), (Severity::Unknown, None));
        let r = record(r#"{"id":"PYSEC-2","database_specific":{"severity":"whatever"}}"#);
        assert_eq!(record_severity(&r), (Severity::Unknown, None));
        let r = record(r#"{"id":"MAL-2024-1"}"#);
        assert_eq!(record_severity(&r).0, Severity::Critical);
    }

    #[test]
    fn cvss_wins_over_label() {
        let r = record(
            r#"{"id":"GHSA-z","database_specific":{"severity":"LOW"},
            "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}]}"#,
        );
        let (severity, score) = record_severity(&r);
        assert_eq!(severity, Severity::High);
        assert!((score.unwrap() - 7.5).abs() < 1e-9);
    }
}
