//! End-to-end audits: fixtures against the embedded snapshot and against a
//! small OSV database with tricky records; ignores, JSON, findings, text.

mod common;

use common::{collect, fixture, options as deps_options, scope};
use std::collections::HashSet;
use vigil_deps::audit::{AuditOptions, AuditReport, audit, package_names};
use vigil_deps::db::Database;
use vigil_deps::{DepsError, DepsOptions, audit_project};
use vigil_deps::{IgnoreEntry, Manifests, manifest, report};
use vigil_report::{Confidence, Severity};

fn options(today: &str) -> AuditOptions {
    AuditOptions {
        ignores: Vec::new(),
        today: today.parse().unwrap(),
    }
}

fn embedded_audit(manifests: &Manifests) -> AuditReport {
    let db = Database::embedded(Some(&package_names(manifests))).unwrap();
    audit(manifests, &db, &options("2024-12-01"))
}

/// (package, version or specifier, id) of each vulnerability.
fn summary(report: &AuditReport) -> Vec<(String, String, String)> {
    report
        .vulnerabilities
        .iter()
        .map(|v| {
            let declared = v
                .version
                .clone()
                .or(v.specifier.clone())
                .unwrap_or_default();
            (v.package.clone(), declared, v.id.clone())
        })
        .collect()
}

fn fix_of(report: &AuditReport, package: &str, declared: &str) -> Option<String> {
    let v = report
        .vulnerabilities
        .iter()
        .find(|v| {
            v.package == package
                && v.version.as_deref().or(v.specifier.as_deref()) == Some(declared)
        })
        .unwrap_or_else(|| panic!("no vulnerability for {package} {declared}"));
    v.fix_version.clone()
}

#[test]
fn requirements_project_against_the_embedded_snapshot() {
    let report = embedded_audit(&collect("pip"));
    let found: HashSet<(String, String, String)> = summary(&report).into_iter().collect();
    for (package, declared, id) in [
        ("jinja2", "2.10", "PYSEC-2019-217"),
        ("jinja2", "2.10", "PYSEC-2021-66"),
        ("requests", "2.19.1", "PYSEC-2018-28"),
        ("requests", "2.19.1", "PYSEC-2023-74"),
        ("flask", "0.12.2", "PYSEC-2018-66"),
        ("flask", "0.12.2", "PYSEC-2023-62"),
        ("certifi", "2022.9.24", "PYSEC-2023-135"),
        ("urllib3", "1.26.4", "PYSEC-2021-108"),
        ("pyyaml", "5.2b1", "PYSEC-2020-96"),
    ] {
        assert!(
            found.contains(&(package.into(), declared.into(), id.into())),
            "missing {package} {declared} {id}"
        );
    }
    // Fixed in 2.7.2 / 2.8.1: 2.10 is past them.
    assert!(
        !found
            .iter()
            .any(|(_, _, id)| id == "PYSEC-2014-8" || id == "PYSEC-2019-220")
    );
    // 5.2b1 is the fix of PYSEC-2020-176 ([5.1, 5.2b1)): a pre-release that
    // is not affected.
    assert!(!found.contains(&("pyyaml".into(), "5.2b1".into(), "PYSEC-2020-176".into())));
    // Ranges no lock covers are not matched (every historical advisory
    // overlaps an open range): they are listed as not pinned, unless the
    // newest versions they allow are affected. Every 2.2.x of werkzeug is
    // affected by PYSEC-2023-221 (fixed in 2.3.8): `~=2.2.0` keeps the fix
    // out.
    let werkzeug: Vec<&str> = found
        .iter()
        .filter(|(p, _, _)| p == "werkzeug")
        .map(|(_, _, id)| id.as_str())
        .collect();
    assert_eq!(werkzeug, ["PYSEC-2023-221"]);
    assert_eq!(
        fix_of(&report, "werkzeug", "~=2.2.0").as_deref(),
        Some("2.3.8")
    );
    let not_pinned: Vec<(&str, String)> = report
        .not_pinned
        .iter()
        .map(|d| (d.name.as_str(), d.requirement.describe()))
        .collect();
    assert!(
        not_pinned.contains(&("pyyaml", ">=5.1, <6".to_owned())),
        "{not_pinned:?}"
    );
    assert!(!not_pinned.iter().any(|(name, _)| *name == "werkzeug"));

    assert_eq!(fix_of(&report, "jinja2", "2.10").as_deref(), Some("2.11.3"));
    assert_eq!(
        fix_of(&report, "requests", "2.19.1").as_deref(),
        Some("2.31.0")
    );
    // 0.12.3 and 1.0 are still affected by PYSEC-2023-62.
    assert_eq!(fix_of(&report, "flask", "0.12.2").as_deref(), Some("2.2.5"));

    let urllib3 = report
        .vulnerabilities
        .iter()
        .find(|v| v.package == "urllib3")
        .unwrap();
    assert_eq!(
        (urllib3.file.as_str(), urllib3.line),
        ("tests/fixtures/pip/constraints.txt", 2)
    );
    let jinja = report
        .vulnerabilities
        .iter()
        .find(|v| v.id == "PYSEC-2019-217")
        .unwrap();
    assert_eq!(jinja.aliases, ["CVE-2019-10906", "GHSA-462w-v97r-4m45"]);
    assert_eq!(jinja.fixed_versions, ["2.10.1"]);
    assert_eq!(jinja.line, 9);
    assert_eq!(report.not_checked.len(), 3, "{:?}", report.not_checked);
    // A line that is no requirement is an error (it fails the run), not a
    // declaration vigil merely cannot check.
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.requirement == "not a valid requirement line !!"),
        "{:?}",
        report.errors
    );
}

#[test]
fn lock_files_decide_over_pyproject_declarations() {
    let report = embedded_audit(&collect("poetry"));
    // requests ^2.19 in pyproject.toml overlaps old advisories, but
    // poetry.lock pins 2.31.0: nothing to report.
    assert!(
        !report
            .vulnerabilities
            .iter()
            .any(|v| v.package == "requests")
    );
    let covered: Vec<_> = report
        .dependencies
        .iter()
        .filter(|d| d.covered_by.is_some())
        .map(|d| d.dependency.name.as_str())
        .collect();
    assert_eq!(covered, ["requests", "jinja2", "werkzeug"]);
    let jinja: Vec<_> = report
        .vulnerabilities
        .iter()
        .filter(|v| v.package == "jinja2")
        .collect();
    assert!(
        jinja
            .iter()
            .all(|v| v.file.ends_with("poetry.lock") && v.line == 4)
    );
    // flask is not in the lock: its exact pin in pyproject.toml counts.
    let flask = report
        .vulnerabilities
        .iter()
        .find(|v| v.package == "flask")
        .unwrap();
    assert_eq!(
        (flask.file.as_str(), flask.line),
        ("tests/fixtures/poetry/pyproject.toml", 16)
    );
}

#[test]
fn every_other_format_is_audited() {
    for (fixture_name, package, line) in [
        ("uv", "certifi", 5),
        ("pipenv", "django", 19),
        ("pylock", "requests", 7),
        ("script", "requests", 5),
        ("pep621", "pyyaml", 12),
    ] {
        let report = embedded_audit(&collect(fixture_name));
        assert!(
            report
                .vulnerabilities
                .iter()
                .any(|v| v.package == package && v.line == line),
            "{fixture_name}: {:?}",
            summary(&report)
        );
    }
    let env = manifest::collect_environment(&fixture("venv")).unwrap();
    let report = embedded_audit(&env);
    let jinja = report
        .vulnerabilities
        .iter()
        .find(|v| v.package == "jinja2")
        .unwrap();
    assert!(jinja.file.ends_with("METADATA"));
    assert!(
        !report
            .vulnerabilities
            .iter()
            .any(|v| v.package == "requests")
    );
}

/// Manifests from one requirements text, in a temporary directory.
fn requirements(text: &str) -> (tempfile::TempDir, Manifests) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("requirements.txt");
    std::fs::write(&path, text).unwrap();
    let manifests = manifest::collect(&path, &scope()).unwrap();
    (dir, manifests)
}

fn osv_fixture_db() -> Database {
    Database::from_osv_path(&fixture("osv"), None).unwrap().0
}

fn ids_for(report: &AuditReport, version: &str) -> Vec<String> {
    report
        .vulnerabilities
        .iter()
        .filter(|v| v.version.as_deref().or(v.specifier.as_deref()) == Some(version))
        .map(|v| v.id.clone())
        .collect()
}

#[test]
fn tricky_records_end_to_end() {
    let (_dir, manifests) = requirements(
        "demo-pkg==1.4.1\ndemo-pkg==1.5.0\ndemo-pkg==2.9\ndemo-pkg==2.5+local.1\ndemo-pkg==3.1\n\
         demo-pkg==3.0rc1\ndemo-pkg==3.0b1\ndemo-pkg==3.2.post2\ndemo-pkg==9.0\n\
         evil-pkg==0.0.2\nevil-pkg==0.0.3\nepoch-pkg==2024.1\nepoch-pkg==1!1.0\n\
         demo-pkg>=1.4.2,<2\n",
    );
    let report = audit(&manifests, &osv_fixture_db(), &options("2024-12-01"));
    assert_eq!(ids_for(&report, "1.4.1"), ["PYSEC-TEST-1"]);
    assert_eq!(ids_for(&report, "1.5.0"), ["PYSEC-TEST-4"]);
    assert_eq!(ids_for(&report, "2.9"), ["PYSEC-TEST-1"]);
    assert_eq!(ids_for(&report, "2.5"), ["PYSEC-TEST-1"]);
    assert_eq!(ids_for(&report, "3.1"), ["PYSEC-TEST-2"]);
    assert_eq!(ids_for(&report, "3.0rc1"), ["PYSEC-TEST-2"]);
    assert!(ids_for(&report, "3.0b1").is_empty());
    assert!(ids_for(&report, "3.2.post2").is_empty());
    // PYSEC-TEST-3 (introduced 0, never fixed) is withdrawn.
    assert!(ids_for(&report, "9.0").is_empty());
    assert_eq!(ids_for(&report, "0.0.2"), ["MAL-2024-0001"]);
    assert!(ids_for(&report, "0.0.3").is_empty());
    assert_eq!(ids_for(&report, "2024.1"), ["GHSA-v4v4-v4v4-v4v4"]);
    assert!(ids_for(&report, "1!1.0").is_empty());
    // A range is not matched: listed as not pinned.
    assert!(ids_for(&report, ">=1.4.2, <2").is_empty());
    assert_eq!(report.not_pinned.len(), 1);

    let find = |version: &str| {
        report
            .vulnerabilities
            .iter()
            .find(|v| v.version.as_deref().or(v.specifier.as_deref()) == Some(version))
            .unwrap()
    };
    // PYSEC-TEST-1 and GHSA-aaaa-bbbb-cccc share CVE-2099-0001: one finding,
    // the PyPA id first, GitHub's summary and CVSS (9.8: critical).
    let grouped = find("1.4.1");
    assert_eq!(grouped.aliases, ["CVE-2099-0001", "GHSA-aaaa-bbbb-cccc"]);
    assert_eq!(
        grouped.summary,
        "Remote code execution in demo-pkg template rendering"
    );
    assert_eq!(grouped.severity, Severity::Critical);
    assert!((grouped.cvss.unwrap() - 9.8).abs() < 1e-9);
    assert_eq!(grouped.fixed_versions, ["1.4.2", "2.10"]);
    assert_eq!(grouped.fix_version.as_deref(), Some("1.4.2"));
    assert_eq!(find("1.5.0").fix_version.as_deref(), Some("2.10"));
    assert_eq!(find("2.9").fix_version.as_deref(), Some("2.10"));
    assert_eq!(find("3.1").fix_version, None);
    // PYSEC-TEST-2 gives no severity: unknown, never medium.
    assert_eq!(find("3.1").severity, Severity::Unknown);
    assert_eq!(find("0.0.2").severity, Severity::Critical);
    assert_eq!(find("2024.1").severity, Severity::High);
    assert_eq!(find("2024.1").fix_version.as_deref(), Some("1!1.0"));
    assert!(report.fails_at(Severity::Critical));
}

#[test]
fn ignores_apply_until_they_expire() {
    let (_dir, manifests) = requirements("demo-pkg==1.4.1\nevil-pkg==0.0.1\n");
    let db = osv_fixture_db();
    let ignore = |id: &str, expires: Option<&str>| IgnoreEntry {
        id: id.to_owned(),
        reason: "not reachable from our code".to_owned(),
        expires: expires.map(|d| d.parse().unwrap()),
    };
    let options = AuditOptions {
        // By alias, in force through the end of 2024-12-31.
        ignores: vec![
            ignore("cve-2099-0001", Some("2024-12-31")),
            ignore("MAL-2024-0001", Some("2024-11-30")),
        ],
        today: "2024-12-01".parse().unwrap(),
    };
    let report = audit(&manifests, &db, &options);
    assert_eq!(report.ignored.len(), 1);
    assert_eq!(report.ignored[0].vulnerability.id, "PYSEC-TEST-1");
    // The MAL ignore expired yesterday: reported, and shown as expired.
    assert_eq!(report.vulnerabilities.len(), 1);
    let evil = &report.vulnerabilities[0];
    assert_eq!(evil.id, "MAL-2024-0001");
    assert_eq!(evil.expired_ignore.as_ref().unwrap().id, "MAL-2024-0001");
    assert_eq!(report.expired_ignores.len(), 1);

    let later = AuditOptions {
        today: "2025-01-01".parse().unwrap(),
        ..options
    };
    let report = audit(&manifests, &db, &later);
    assert!(report.ignored.is_empty());
    assert_eq!(report.vulnerabilities.len(), 2);
    assert_eq!(report.expired_ignores.len(), 2);
    let text = report::render_section(&report);
    assert!(text.contains("Expired ignores (no longer applied):"));
    assert!(text.contains("expired 2024-12-31: not reachable from our code"));
}

#[test]
fn json_document_shape() {
    let report = embedded_audit(&collect("pip"));
    let json = report::to_json(&report);
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "database",
            "dependencies",
            "not_checked",
            "not_pinned",
            "vulnerabilities"
        ]
    );
    let v = &json["vulnerabilities"][0];
    for key in [
        "package",
        "version",
        "id",
        "aliases",
        "summary",
        "severity",
        "fixed_versions",
        "file",
        "line",
    ] {
        assert!(v.get(key).is_some(), "vulnerability without {key}");
    }
    let range = json["not_pinned"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "pyyaml")
        .unwrap();
    assert!(range["version"].is_null());
    assert_eq!(range["specifier"], ">=5.1, <6");
    assert_eq!(range["pinned"], false);
    assert_eq!(json["database"]["stale"], true);
    assert_eq!(json["database"]["source"], "embedded");
    assert_eq!(json["database"]["snapshot_date"], "2024-10-10");
    assert_eq!(json["database"]["age_days"], 52);
    assert!(
        json["database"]["attribution"][0]
            .as_str()
            .unwrap()
            .contains("CC BY 4.0")
    );
    let not_checked = &json["not_checked"][0];
    for key in ["name", "requirement", "reason", "file", "line"] {
        assert!(not_checked.get(key).is_some());
    }
    // After the shared document's fields, in documented order.
    let text = vigil_report::json::render_with(
        &report::to_scan_report(&report),
        "0.0.0",
        &report::audit_json(&report),
    );
    let at = |key: &str| text.find(&format!("\n  \"{key}\": ")).unwrap();
    let order = [
        "version",
        "findings",
        "errors",
        "summary",
        "dependencies",
        "vulnerabilities",
        "not_checked",
        "database",
    ]
    .map(at);
    assert!(order.is_sorted(), "{order:?}");
}

#[test]
fn findings_for_the_shared_writers() {
    let report = embedded_audit(&collect("pip"));
    let findings = report::to_findings(&report);
    assert_eq!(findings.len(), report.vulnerabilities.len());
    let jinja = findings
        .iter()
        .find(|f| f.message.contains("PYSEC-2019-217"))
        .unwrap();
    assert_eq!(jinja.rule, "vulnerable-dependency");
    assert_eq!(jinja.cwe, [1395]);
    assert_eq!(
        (jinja.path.as_str(), jinja.line, jinja.column),
        ("tests/fixtures/pip/requirements.txt", 9, 1)
    );
    assert_eq!(jinja.end_column, 15);
    assert_eq!(
        jinja.help,
        "upgrade jinja2 to 2.11.3 (clears both advisories known for it)"
    );
    assert_eq!(jinja.confidence, Confidence::High);
    assert!(jinja.message.starts_with(
        "jinja2 2.10 is affected by PYSEC-2019-217 (CVE-2019-10906, GHSA-462w-v97r-4m45)"
    ));
    // A range no lock covers gives no finding unless it is capped below a
    // fix, and then it says so and how far to raise it.
    assert!(!findings.iter().any(|f| f.message.starts_with("pyyaml >=")));
    let capped = findings
        .iter()
        .find(|f| f.message.starts_with("werkzeug"))
        .unwrap();
    assert!(
        capped.message.starts_with(
            "werkzeug ~=2.2.0 (the newest versions it allows) is affected by PYSEC-2023-221"
        ),
        "{}",
        capped.message
    );
    assert_eq!(capped.confidence, Confidence::Medium);
    assert!(
        capped
            .help
            .starts_with("raise the bound to allow werkzeug>=2.3.8"),
        "{}",
        capped.help
    );
    let fingerprints: HashSet<&str> = findings.iter().map(|f| f.fingerprint.as_str()).collect();
    assert_eq!(fingerprints.len(), findings.len());
    let info = report::rule_info();
    assert_eq!(
        (info.name.as_str(), info.cwe.as_slice()),
        ("vulnerable-dependency", &[1395][..])
    );
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## References",
    ] {
        assert!(info.doc.contains(heading), "{heading}");
    }
    // Stable: the same audit gives the same fingerprints.
    let again = report::to_findings(&embedded_audit(&collect("pip")));
    assert_eq!(again[0].fingerprint, findings[0].fingerprint);
}

#[test]
fn record_text_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let record = r#"{"id":"PYSEC-EVIL-1","summary":"bad\u001b[2J\u001b]0;pwned\u0007 text \u202e reversed",
        "affected":[{"package":{"ecosystem":"PyPI","name":"demo-pkg"},"versions":["1.0"]}]}"#;
    std::fs::write(dir.path().join("PYSEC-EVIL-1.json"), record).unwrap();
    let db = Database::from_osv_path(dir.path(), None).unwrap().0;
    let (_req, manifests) = requirements("demo-pkg==1.0\n");
    let report = audit(&manifests, &db, &options("2024-12-01"));
    assert_eq!(report.vulnerabilities.len(), 1);
    let findings = report::to_scan_report(&report);
    let text = vigil_report::text::render(&findings, Default::default());
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'));
    assert!(text.contains("bad\\u{1b}[2J"));
}

fn project(paths: Vec<std::path::PathBuf>) -> (tempfile::TempDir, DepsOptions) {
    let cache = tempfile::tempdir().unwrap();
    let options = deps_options(paths, cache.path(), "2024-12-01");
    (cache, options)
}

fn usage_error(options: &DepsOptions) -> String {
    match audit_project(options) {
        Err(DepsError::Usage(message)) => message,
        other => panic!("not a usage error: {other:?}"),
    }
}

#[test]
fn thresholds_and_command_line_ignores() {
    let (_cache, options) = project(vec![fixture("script")]);
    // requests 2.19.1: two advisories whose records give no severity:
    // unknown, which fails every threshold (it is not known to be harmless).
    let report = audit_project(&options).unwrap().report;
    assert!(report.fails_at(Severity::Low));
    assert!(report.fails_at(Severity::Critical));
    assert!(
        report
            .vulnerabilities
            .iter()
            .all(|v| v.severity == Severity::Unknown)
    );
    let ignored = DepsOptions {
        ignores: ["PYSEC-2018-28", "GHSA-j8r2-6x86-q33q"]
            .map(|id| IgnoreEntry::new(id, "on the command line"))
            .to_vec(),
        ..options
    };
    let report = audit_project(&ignored).unwrap().report;
    assert!(!report.fails_at(Severity::Low));
    assert!(report::render_section(&report).contains("Ignored:"));
    let (_cache, options) = project(vec![fixture("uv/uv.lock")]);
    let clean = DepsOptions {
        ignores: vec![
            IgnoreEntry::new("PYSEC-2021-108", "vendored fix"),
            IgnoreEntry::new("PYSEC-2022-42986", ""),
            IgnoreEntry::new("PYSEC-2023-135", ""),
        ],
        ..options
    };
    let report = audit_project(&clean).unwrap().report;
    assert!(
        report
            .vulnerabilities
            .iter()
            .any(|v| v.package == "urllib3")
    );
    assert!(report.fails_at(Severity::Low));
}

#[test]
fn usage_errors() {
    let (_cache, missing) = project(vec!["tests/fixtures/does-not-exist".into()]);
    assert!(usage_error(&missing).contains("cannot read"));
    let empty = tempfile::tempdir().unwrap();
    let (_cache, nothing) = project(vec![empty.path().to_path_buf()]);
    assert!(usage_error(&nothing).contains("no dependency files found"));
    let (_cache, options) = project(Vec::new());
    let not_env = DepsOptions {
        env: Some(fixture("pip")),
        ..options
    };
    assert!(usage_error(&not_env).contains("not a Python environment"));
}

#[test]
fn environment_audit() {
    let (_cache, options) = project(Vec::new());
    let env = DepsOptions {
        env: Some(fixture("venv")),
        ..options
    };
    let report = audit_project(&env).unwrap().report;
    assert!(report.fails_at(Severity::Low));
    let json = report::to_json(&report);
    assert!(
        json["vulnerabilities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["package"] == "jinja2")
    );
    assert!(
        json["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["source"] == "environment")
    );
}
