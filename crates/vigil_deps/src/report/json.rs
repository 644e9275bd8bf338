//! The audit's own fields of `vigil deps --format json`:
//! `{"dependencies", "vulnerabilities", "not_checked", "database"}`, written
//! after the shared document's `{"version", "findings", "errors",
//! "summary"}`; and `vigil db status --format json`.
//!
//! Typed structs keep the key order stable and documented.

use crate::audit::{AuditReport, AuditedDependency, Vulnerability};
use crate::db::{DbMeta, DbOrigin};
use crate::manifest::{Dependency, ManifestKind, NotChecked, Requirement};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use vigil_config::IgnoreEntry;
use vigil_report::Severity;

/// The audit's fields of the JSON report.
#[derive(Serialize)]
pub struct AuditJson<'a> {
    dependencies: Vec<DependencyJson<'a>>,
    vulnerabilities: Vec<VulnerabilityJson<'a>>,
    not_checked: &'a [NotChecked],
    not_pinned: Vec<DependencyJson<'a>>,
    database: DatabaseJson<'a>,
}

#[derive(Serialize)]
struct DependencyJson<'a> {
    name: &'a str,
    version: Option<String>,
    specifier: Option<String>,
    pinned: bool,
    file: &'a str,
    line: u32,
    source: ManifestKind,
    extras: &'a [String],
    marker: Option<&'a str>,
    groups: &'a [String],
    covered_by_lock: Option<&'a str>,
    /// How many times the file declares it; `repeated_at`: its other lines.
    occurrences: usize,
    #[serde(skip_serializing_if = "<[u32]>::is_empty")]
    repeated_at: &'a [u32],
}

#[derive(Serialize)]
struct VulnerabilityJson<'a> {
    package: &'a str,
    version: Option<&'a str>,
    specifier: Option<&'a str>,
    pinned: bool,
    id: &'a str,
    aliases: &'a [String],
    summary: &'a str,
    severity: Severity,
    cvss_score: Option<f64>,
    fixed_versions: &'a [String],
    fix_version: Option<&'a str>,
    file: &'a str,
    line: u32,
    source: ManifestKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    ignore_expired: Option<IgnoreJson<'a>>,
}

#[derive(Serialize)]
struct IgnoreJson<'a> {
    id: &'a str,
    reason: &'a str,
    expires: Option<String>,
}

/// The `database` object: which advisory database the audit used, its date
/// and age, and whether it is stale.
#[derive(Serialize)]
pub struct DatabaseJson<'a> {
    source: &'static str,
    origin: &'a str,
    snapshot_date: Option<String>,
    age_days: Option<i64>,
    /// Older than 30 days, or of unknown date.
    stale: bool,
    imported_at: Option<&'a str>,
    records: usize,
    counts: &'a BTreeMap<String, usize>,
    skipped: Skipped,
    attribution: Vec<&'static str>,
}

#[derive(Serialize)]
struct Skipped {
    broken: usize,
    withdrawn: usize,
    other_ecosystem: usize,
}

/// The audit's fields of the JSON report, to serialise.
pub fn audit_json(report: &AuditReport) -> AuditJson<'_> {
    AuditJson {
        dependencies: report.dependencies.iter().map(dependency).collect(),
        vulnerabilities: report.vulnerabilities.iter().map(vulnerability).collect(),
        not_checked: &report.not_checked,
        not_pinned: report
            .not_pinned
            .iter()
            .map(|d| dependency_of(d, None))
            .collect(),
        database: database(&report.database, report.today),
    }
}

/// The audit's fields as a JSON value (keys sorted).
pub fn to_json(report: &AuditReport) -> serde_json::Value {
    serde_json::to_value(audit_json(report)).unwrap_or_default()
}

fn dependency(audited: &AuditedDependency) -> DependencyJson<'_> {
    dependency_of(&audited.dependency, audited.covered_by.as_deref())
}

fn dependency_of<'a>(d: &'a Dependency, covered_by: Option<&'a str>) -> DependencyJson<'a> {
    let (version, specifier) = match &d.requirement {
        Requirement::Pinned(v) => (Some(v.to_string()), None),
        Requirement::Range { .. } => (None, Some(d.requirement.describe())),
    };
    DependencyJson {
        name: &d.name,
        pinned: version.is_some(),
        version,
        specifier,
        file: &d.file,
        line: d.line,
        source: d.source,
        extras: &d.extras,
        marker: d.marker.as_deref(),
        groups: &d.groups,
        covered_by_lock: covered_by,
        occurrences: d.occurrences,
        repeated_at: &d.repeated_at,
    }
}

fn vulnerability(v: &Vulnerability) -> VulnerabilityJson<'_> {
    VulnerabilityJson {
        package: &v.package,
        version: v.version.as_deref(),
        specifier: v.specifier.as_deref(),
        pinned: v.version.is_some(),
        id: &v.id,
        aliases: &v.aliases,
        summary: &v.summary,
        severity: v.severity,
        cvss_score: v.cvss,
        fixed_versions: &v.fixed_versions,
        fix_version: v.fix_version.as_deref(),
        file: &v.file,
        line: v.line,
        source: v.source,
        ignore_expired: v.expired_ignore.as_ref().map(ignore),
    }
}

fn ignore(entry: &IgnoreEntry) -> IgnoreJson<'_> {
    IgnoreJson {
        id: &entry.id,
        reason: &entry.reason,
        expires: entry.expires.map(|d| d.to_string()),
    }
}

/// The `database` object of a report.
pub fn database_json(meta: &DbMeta, today: Date) -> DatabaseJson<'_> {
    database(meta, today)
}

fn database(meta: &DbMeta, today: Date) -> DatabaseJson<'_> {
    let (source, origin) = match &meta.origin {
        DbOrigin::Embedded { name } => ("embedded", name.as_str()),
        DbOrigin::Import { path } => ("import", path.as_str()),
        DbOrigin::Download { url } => ("download", url.as_str()),
    };
    DatabaseJson {
        source,
        origin,
        snapshot_date: meta.snapshot_date.map(|d| d.to_string()),
        age_days: meta.age_days(today),
        stale: super::staleness_warning(meta, today).is_some(),
        imported_at: meta.imported_at.as_deref(),
        records: meta.records,
        counts: &meta.counts,
        skipped: Skipped {
            broken: meta.broken,
            withdrawn: meta.withdrawn,
            other_ecosystem: meta.other_ecosystem,
        },
        attribution: meta.attribution(),
    }
}

#[derive(Serialize)]
struct Status<'a> {
    location: &'a str,
    #[serde(flatten)]
    database: DatabaseJson<'a>,
}

/// `vigil db status --format json`: the `database` object plus where the
/// database file is.
pub fn status_json(meta: &DbMeta, location: &str, today: Date) -> String {
    let status = Status {
        location,
        database: database(meta, today),
    };
    let mut text = serde_json::to_string_pretty(&status).unwrap_or_default();
    text.push('\n');
    text
}
