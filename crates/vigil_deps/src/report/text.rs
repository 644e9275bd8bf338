//! The terminal text of what an audit knows beyond its findings (the
//! findings themselves go through `vigil_report`'s text writer): counts,
//! what could not be checked, ignores, the database; and what `vigil db
//! status` and `vigil db import|update` print.

use super::sanitize::sanitize;
use crate::audit::AuditReport;
use crate::db::{DbMeta, DbOrigin};
use jiff::civil::Date;
use std::fmt::Write;

/// A database older than this many days gets a warning.
pub const STALE_DAYS: i64 = 30;

/// The line every report states about the database: its date and age, and
/// a warning when it is older than [`STALE_DAYS`] (or of unknown date).
pub fn database_line(meta: &DbMeta, today: Date) -> String {
    let date = meta
        .snapshot_date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "unknown date".to_owned());
    let age = meta
        .age_days(today)
        .map(|d| format!(", {d} days old"))
        .unwrap_or_default();
    format!(
        "advisory database: {} (snapshot {date}{age}; {} advisories)",
        sanitize(&meta.origin.to_string()),
        thousands(meta.records)
    )
}

/// The warning for an old database (`None` when it is recent).
pub fn staleness_warning(meta: &DbMeta, today: Date) -> Option<String> {
    match meta.age_days(today) {
        Some(days) if days <= STALE_DAYS => None,
        Some(days) => Some(format!(
            "the advisory database is {days} days old (older than {STALE_DAYS}): advisories \
             published since {} are not known to this audit; run `vigil db update` when online",
            meta.snapshot_date
                .map(|d| d.to_string())
                .unwrap_or_default()
        )),
        None => Some(
            "the advisory database's date is unknown: it may miss recent advisories; \
             run `vigil db update` when online"
                .to_owned(),
        ),
    }
}

/// The audit's own section of the text report, printed after the findings.
pub fn render_section(report: &AuditReport) -> String {
    let mut out = String::new();
    let checked = report
        .dependencies
        .iter()
        .filter(|d| d.covered_by.is_none())
        .count()
        - report.not_pinned.len();
    let _ = writeln!(
        out,
        "{} in {} (checked {} of {} from {}; {} not pinned, {} not checkable{})",
        plural(
            report.vulnerabilities.len(),
            "known vulnerability",
            "known vulnerabilities"
        ),
        plural(report.vulnerable_packages(), "package", "packages"),
        checked,
        plural(report.dependencies.len(), "dependency", "dependencies"),
        plural(report.files.len(), "file", "files"),
        report.not_pinned.len(),
        report.not_checked.len(),
        match report.errors.len() {
            0 => String::new(),
            n => format!("; {}", plural(n, "error", "errors")),
        },
    );
    if !report.errors.is_empty() {
        let _ = writeln!(out, "\nErrors (the audit is incomplete; the run fails):");
        for e in &report.errors {
            let what = if e.requirement.is_empty() {
                String::new()
            } else {
                format!("  {}", sanitize(&e.requirement))
            };
            let _ = writeln!(
                out,
                "  {}:{}{what}  {}",
                sanitize(&e.file),
                e.line,
                sanitize(&e.reason)
            );
        }
    }
    if !report.not_pinned.is_empty() {
        let _ = writeln!(
            out,
            "\nNot pinned (a range no lock file covers; pin it or lock it to audit it):"
        );
        for d in &report.not_pinned {
            let _ = writeln!(
                out,
                "  {}:{}  {} {}",
                sanitize(&d.file),
                d.line,
                sanitize(&d.name),
                sanitize(&d.requirement.describe())
            );
        }
    }
    if !report.not_checked.is_empty() {
        let _ = writeln!(out, "\nNot checked:");
        for n in &report.not_checked {
            let what = n.name.as_deref().unwrap_or(&n.requirement);
            let what = if what.is_empty() { "(file)" } else { what };
            let _ = writeln!(
                out,
                "  {}:{}  {}  {}",
                sanitize(&n.file),
                n.line,
                sanitize(what),
                sanitize(&n.reason)
            );
        }
    }
    if !report.ignored.is_empty() {
        let _ = writeln!(out, "\nIgnored:");
        for i in &report.ignored {
            let v = &i.vulnerability;
            let until = i
                .ignore
                .expires
                .map(|d| format!(" (until {d})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} {}  {}: {}{}",
                sanitize(&v.package),
                sanitize(
                    v.version
                        .as_deref()
                        .or(v.specifier.as_deref())
                        .unwrap_or("")
                ),
                sanitize(&v.id),
                sanitize(reason(&i.ignore.reason)),
                until
            );
        }
    }
    if !report.expired_ignores.is_empty() {
        let _ = writeln!(out, "\nExpired ignores (no longer applied):");
        for e in &report.expired_ignores {
            let expired = e.expires.map(|d| d.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}  expired {}: {}",
                sanitize(&e.id),
                expired,
                sanitize(reason(&e.reason))
            );
        }
    }
    let _ = writeln!(out);
    database_footer(&mut out, &report.database, report.today);
    out
}

fn reason(text: &str) -> &str {
    if text.trim().is_empty() {
        "no reason given"
    } else {
        text
    }
}

fn database_footer(out: &mut String, meta: &DbMeta, today: Date) {
    let date = meta
        .snapshot_date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "unknown date".to_owned());
    let age = meta
        .age_days(today)
        .map(|d| format!(", {d} days old"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Database: {} (snapshot {date}{age}; {} advisories)",
        sanitize(&meta.origin.to_string()),
        thousands(meta.records)
    );
    if let Some(warning) = staleness_warning(meta, today) {
        let _ = writeln!(out, "warning: {warning}");
    }
    for line in meta.attribution() {
        let _ = writeln!(out, "{line}");
    }
}

/// `vigil db status` as text.
pub fn status_text(meta: &DbMeta, location: &str, today: Date) -> String {
    let mut out = String::new();
    let kind = match meta.origin {
        DbOrigin::Embedded { .. } => "embedded snapshot (no database imported)",
        DbOrigin::Import { .. } => "imported",
        DbOrigin::Download { .. } => "downloaded",
    };
    let _ = writeln!(out, "Database:      {kind}");
    let _ = writeln!(out, "Location:      {}", sanitize(location));
    let _ = writeln!(out, "Source:        {}", sanitize(&meta.origin.to_string()));
    let date = meta
        .snapshot_date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "unknown".to_owned());
    let age = meta
        .age_days(today)
        .map(|d| format!(" ({d} days old)"))
        .unwrap_or_default();
    let _ = writeln!(out, "Snapshot date: {date}{age}");
    if let Some(at) = &meta.imported_at {
        let _ = writeln!(out, "Imported at:   {}", sanitize(at));
    }
    let counts: Vec<String> = meta
        .counts
        .iter()
        .map(|(prefix, n)| format!("{} {}", sanitize(prefix), thousands(*n)))
        .collect();
    let _ = writeln!(
        out,
        "Advisories:    {} ({})",
        thousands(meta.records),
        counts.join(", ")
    );
    let _ = writeln!(
        out,
        "Skipped:       {} broken, {} withdrawn, {} for other ecosystems",
        meta.broken, meta.withdrawn, meta.other_ecosystem
    );
    if meta.age_days(today).is_some_and(|d| d > STALE_DAYS) {
        let _ = writeln!(
            out,
            "hint: run `vigil db update` when online for current advisories"
        );
    }
    for line in meta.attribution() {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// What an import did, for the terminal (no trailing newline): the new
/// database's counts and the advisory counts before and after.
pub fn import_text(summary: &crate::db::ImportSummary) -> String {
    let meta = &summary.meta;
    let counts: Vec<String> = meta
        .counts
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    let mut lines = vec![
        format!(
            "imported {} advisories ({}) from {} record files into {}",
            meta.records,
            counts.join(", "),
            summary.entries,
            sanitize(&summary.path.display().to_string())
        ),
        format!(
            "advisories: {} now, {} before: {}",
            thousands(meta.records),
            previous_records(&summary.previous),
            sanitize(&vigil_secrets::mask_secrets(&summary.previous.describe()))
        ),
        format!(
            "skipped: {} broken, {} withdrawn, {} for other ecosystems",
            meta.broken, meta.withdrawn, meta.other_ecosystem
        ),
    ];
    lines.extend(
        meta.broken_examples
            .iter()
            .map(|example| format!("  broken: {}", sanitize(example))),
    );
    if let Some(date) = meta.snapshot_date {
        lines.push(format!("snapshot date: {date}"));
    }
    lines.extend(removed_lines(&summary.removed_temporaries));
    lines.join("\n")
}

fn previous_records(previous: &crate::db::Previous) -> String {
    match previous {
        crate::db::Previous::Imported(meta) | crate::db::Previous::Embedded(meta) => {
            thousands(meta.records)
        }
        crate::db::Previous::Unreadable(_) => "none readable".to_owned(),
    }
}

fn removed_lines(paths: &[std::path::PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            format!(
                "removed {}, left by an interrupted import",
                sanitize(&p.display().to_string())
            )
        })
        .collect()
}

/// What `vigil db reset` did, for the terminal (no trailing newline).
pub fn reset_text(summary: &crate::db::ResetSummary) -> String {
    let path = sanitize(&summary.path.display().to_string());
    let embedded = format!(
        "the embedded snapshot of {} ({} advisories)",
        summary
            .embedded
            .snapshot_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        thousands(summary.embedded.records)
    );
    let mut lines = vec![match &summary.removed {
        Some(previous) => format!(
            "removed the imported database {path}: {}; vigil now uses {embedded}",
            sanitize(&vigil_secrets::mask_secrets(&previous.describe()))
        ),
        None => format!("no imported database at {path}; vigil already uses {embedded}"),
    }];
    lines.extend(removed_lines(&summary.removed_temporaries));
    lines.join("\n")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `12345` → `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2661), "2,661");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
