//! The JSON document of `vigil deps --format json`:
//! `{"dependencies", "vulnerabilities", "not_checked", "database"}`.

use crate::audit::{AuditReport, AuditedDependency, Vulnerability};
use crate::db::{DbMeta, DbOrigin};
use crate::ignore::IgnoreEntry;
use crate::manifest::Requirement;
use jiff::civil::Date;
use serde_json::{Value, json};

/// The whole report as JSON.
pub fn to_json(report: &AuditReport) -> Value {
    json!({
        "dependencies": report.dependencies.iter().map(dependency).collect::<Vec<_>>(),
        "vulnerabilities": report.vulnerabilities.iter().map(vulnerability).collect::<Vec<_>>(),
        "not_checked": report.not_checked,
        "database": database_json(&report.database, report.today),
    })
}

fn dependency(audited: &AuditedDependency) -> Value {
    let d = &audited.dependency;
    let (version, specifier) = match &d.requirement {
        Requirement::Pinned(v) => (Some(v.to_string()), None),
        Requirement::Range { .. } => (None, Some(d.requirement.describe())),
    };
    json!({
        "name": d.name,
        "version": version,
        "specifier": specifier,
        "pinned": version.is_some(),
        "file": d.file,
        "line": d.line,
        "source": d.source,
        "extras": d.extras,
        "marker": d.marker,
        "groups": d.groups,
        "covered_by_lock": audited.covered_by,
    })
}

fn vulnerability(v: &Vulnerability) -> Value {
    let mut value = json!({
        "package": v.package,
        "version": v.version,
        "specifier": v.specifier,
        "pinned": v.version.is_some(),
        "id": v.id,
        "aliases": v.aliases,
        "summary": v.summary,
        "severity": v.severity,
        "cvss_score": v.cvss,
        "fixed_versions": v.fixed_versions,
        "fix_version": v.fix_version,
        "file": v.file,
        "line": v.line,
        "source": v.source,
    });
    if let Some(ignore) = &v.expired_ignore {
        value["ignore_expired"] = ignore_json(ignore);
    }
    value
}

fn ignore_json(ignore: &IgnoreEntry) -> Value {
    json!({
        "id": ignore.id,
        "reason": ignore.reason,
        "expires": ignore.expires.map(|d| d.to_string()),
    })
}

/// The `database` object (also `vigil db status --format json`).
pub fn database_json(meta: &DbMeta, today: Date) -> Value {
    let (kind, location) = match &meta.origin {
        DbOrigin::Embedded { name } => ("embedded", name.as_str()),
        DbOrigin::Import { path } => ("import", path.as_str()),
        DbOrigin::Download { url } => ("download", url.as_str()),
    };
    json!({
        "source": kind,
        "origin": location,
        "snapshot_date": meta.snapshot_date.map(|d| d.to_string()),
        "age_days": meta.age_days(today),
        "imported_at": meta.imported_at,
        "records": meta.records,
        "counts": meta.counts,
        "skipped": {
            "broken": meta.broken,
            "withdrawn": meta.withdrawn,
            "other_ecosystem": meta.other_ecosystem,
        },
        "attribution": meta.attribution(),
    })
}
