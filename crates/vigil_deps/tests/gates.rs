//! Issue #18, "a gate that never passes silently", for the dependency
//! audit: parser panics, unparseable files, ranges, uv workspaces, repeated
//! requirements, credentials in manifest lines.

mod common;

use common::scope;
use std::path::Path;
use vigil_deps::audit::{AuditOptions, audit};
use vigil_deps::db::Database;
use vigil_deps::{Manifests, manifest, report};

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn collect(dir: &Path) -> Manifests {
    manifest::collect(dir, &scope()).unwrap()
}

fn embedded_audit(m: &Manifests) -> vigil_deps::AuditReport {
    let db = Database::embedded(None).unwrap();
    audit(
        m,
        &db,
        &AuditOptions {
            ignores: Vec::new(),
            today: "2024-12-01".parse().unwrap(),
        },
    )
}

/// `pep508_rs` 0.9 panics on these; each must be its line's error, in every
/// manifest that holds PEP 508 strings.
#[test]
fn pep508_panics_are_errors_of_their_line() {
    let odd = [
        "a.==1.0",
        "a-==1.0",
        "a_ >=1",
        "a==1;python_version<\"3\"é",
        "a==1 ; python_version < '3'\u{00e9}x",
        "é==1",
        "a[é]==1",
        "a==1;é",
        "a @ https://é.invalid/x.whl",
        "a==1;python_version<'3' and os_name=='é'",
    ];
    for text in odd {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "requirements.txt",
            &format!("{text}\nflask==0.12.2\n"),
        );
        let quoted = text.replace('\\', "\\\\").replace('"', "\\\"");
        write(
            root,
            "pyproject.toml",
            &format!("[project]\nname = \"p\"\ndependencies = [\"{quoted}\"]\n"),
        );
        write(
            root,
            "tool.py",
            &format!("# /// script\n# dependencies = [\"{quoted}\"]\n# ///\n"),
        );
        write(
            root,
            "setup.cfg",
            &format!("[options]\ninstall_requires =\n    {text}\n"),
        );
        write(
            root,
            "setup.py",
            &format!("setup(install_requires=[{text:?}])\n"),
        );
        write(
            root,
            "Pipfile",
            &format!(
                "[packages]\na = \"{}\"\n",
                quoted.trim_start_matches(|c: char| c.is_alphanumeric() || "._-".contains(c))
            ),
        );
        let m = collect(root);
        // The valid line next to it is still read.
        assert!(m.dependencies.iter().any(|d| d.name == "flask"), "{text}");
        assert!(
            m.errors
                .iter()
                .any(|e| e.file.ends_with("requirements.txt"))
                || !m
                    .dependencies
                    .iter()
                    .any(|d| d.file.ends_with("requirements.txt") && d.name == "a"),
            "{text}: {:?}",
            m.errors
        );
    }
    // The two reported inputs are errors naming the file and the reason.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "requirements.txt",
        "a.==1.0\na==1;python_version<\"3\"é\n",
    );
    let m = collect(dir.path());
    assert_eq!(m.errors.len(), 2, "{:?}", m.errors);
    assert!(m.errors[0].reason.contains("cannot end with"));
    assert!(m.errors[1].reason.contains("non-ASCII"));
}

#[test]
fn a_panic_inside_a_parser_is_that_files_error() {
    let result: Option<()> = vigil_deps::guard::no_panic(|| panic!("parser bug"));
    assert!(result.is_none());
}

#[test]
fn unparseable_files_are_errors_not_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "uv.lock", "[[package]\nname = ");
    write(
        root,
        "poetry.lock",
        "[[package]]\nname = \"x\"\nversion = \"not a version!\"\n",
    );
    write(root, "Pipfile.lock", "{not json");
    write(root, "pyproject.toml", "[project\n");
    write(root, "requirements.txt", "-r missing.txt\nflask==0.12.2\n");
    let m = collect(root);
    let files: Vec<&str> = m
        .errors
        .iter()
        .map(|e| e.file.rsplit('/').next().unwrap())
        .collect();
    for name in [
        "uv.lock",
        "poetry.lock",
        "Pipfile.lock",
        "pyproject.toml",
        "requirements.txt",
    ] {
        assert!(files.contains(&name), "{name} not an error: {:?}", m.errors);
    }
    let report = embedded_audit(&m);
    assert_eq!(report.errors.len(), m.errors.len());
    let scan = report::to_scan_report(&report);
    assert_eq!(scan.errors.len(), m.errors.len());
    assert!(report::render_section(&report).contains("Errors (the audit is incomplete"));
}

#[test]
fn ranges_are_not_matched_against_history() {
    let dir = tempfile::tempdir().unwrap();
    // The mcp sdist and fastmcp's PEP 723 scripts: ranges only.
    write(
        dir.path(),
        "pyproject.toml",
        "[project]\nname = \"mcp\"\ndependencies = [\"starlette>=0.27\", \"httpx>=0.27\", \"jinja2>=2\"]\n",
    );
    write(
        dir.path(),
        "examples/run.py",
        "# /// script\n# dependencies = [\"django>=2\", \"requests\"]\n# ///\n",
    );
    let report = embedded_audit(&collect(dir.path()));
    assert!(
        report.vulnerabilities.is_empty(),
        "{:?}",
        report.vulnerabilities
    );
    let names: Vec<&str> = report.not_pinned.iter().map(|d| d.name.as_str()).collect();
    for name in ["starlette", "httpx", "jinja2", "django", "requests"] {
        assert!(names.contains(&name), "{name} not listed: {names:?}");
    }
    assert!(report::render_section(&report).contains("Not pinned"));
}

#[test]
fn uv_workspace_members_use_the_root_lock() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "pyproject.toml",
        "[project]\nname = \"root\"\nversion = \"0\"\ndependencies = []\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
    );
    write(
        root,
        "packages/api/pyproject.toml",
        "[project]\nname = \"api\"\nversion = \"0\"\ndependencies = [\"jinja2>=2\", \"requests>=2\"]\n",
    );
    write(
        root,
        "uv.lock",
        "version = 1\n\n[[package]]\nname = \"api\"\nversion = \"0\"\nsource = { editable = \"packages/api\" }\n\n\
         [[package]]\nname = \"jinja2\"\nversion = \"2.10\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n\
         [[package]]\nname = \"requests\"\nversion = \"2.32.3\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
    );
    let report = embedded_audit(&collect(root));
    // The member's ranges are covered by the root lock; the lock's pins are
    // what is audited: jinja2 2.10 is vulnerable, requests 2.32.3 is not.
    for d in report
        .dependencies
        .iter()
        .filter(|d| d.dependency.file.contains("packages/api"))
    {
        assert!(
            d.covered_by
                .as_deref()
                .is_some_and(|f| f.ends_with("uv.lock")),
            "{d:?}"
        );
    }
    assert!(report.not_pinned.is_empty(), "{:?}", report.not_pinned);
    assert!(!report.vulnerabilities.is_empty());
    assert!(report.vulnerabilities.iter().all(|v| v.package == "jinja2"
        && v.file.ends_with("uv.lock")
        && v.version.as_deref() == Some("2.10")));
}

#[test]
fn repeated_requirements_are_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "requirements.txt",
        &"requests==2.0\n".repeat(50_000),
    );
    let m = collect(dir.path());
    assert_eq!(m.dependencies.len(), 1);
    assert_eq!(m.dependencies[0].occurrences, 50_000);
    assert_eq!(
        m.dependencies[0].repeated_at.len(),
        manifest::MAX_REPEAT_LINES
    );
    let report = embedded_audit(&m);
    let findings = report::to_findings(&report);
    let ids: std::collections::HashSet<&str> = report
        .vulnerabilities
        .iter()
        .map(|v| v.id.as_str())
        .collect();
    assert_eq!(findings.len(), ids.len());
    assert!(
        findings[0]
            .message
            .contains("declared 50000 times in this file, also on lines 2, 3")
    );
    let json = serde_json::to_string(&report::to_json(&report)).unwrap();
    assert!(json.len() < 200_000, "{} bytes", json.len());
}

#[test]
fn a_one_line_array_of_100k_requirements_is_linear() {
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<String> = (0..100_000).map(|i| format!("\"p{i}==1.0\"")).collect();
    write(
        dir.path(),
        "pyproject.toml",
        &format!(
            "[project]\nname = \"x\"\ndependencies = [{}]\n",
            items.join(", ")
        ),
    );
    let started = std::time::Instant::now();
    let m = collect(dir.path());
    assert_eq!(m.dependencies.len(), 100_000);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn credentials_in_manifest_lines_are_masked_everywhere() {
    let token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "requirements.txt",
        &format!(
            "--index-url https://alice:s3cretPassw0rd@pypi.corp/simple\n\
             tool @ git+https://{token}@github.com/o/tool.git\n\
             jinja2==2.10 --index-url https://bob:An0therSecret@pypi.corp/simple\n"
        ),
    );
    let report = embedded_audit(&collect(dir.path()));
    assert!(!report.vulnerabilities.is_empty());
    let text = report::render_section(&report);
    let json = serde_json::to_string(&report::to_json(&report)).unwrap();
    let scan = report::to_scan_report(&report);
    let frames = vigil_report::text::render(&scan, Default::default());
    let sarif = vigil_report::render(
        vigil_report::Format::Sarif,
        &scan,
        &vigil_report::RenderOptions::default(),
    );
    for out in [&text, &json, &frames, &sarif] {
        for secret in [
            "abcdefghijklmnop",
            "s3cretPassw0rd",
            "An0therSecret",
            "alice",
            "bob:",
        ] {
            assert!(!out.contains(secret), "{secret} leaked:\n{out}");
        }
    }
    assert!(frames.contains("@pypi.corp/simple"), "{frames}");
}

/// Item 6g: an archive with a damaged entry is refused whole, and the
/// imported database is left as it was.
#[test]
fn a_damaged_archive_is_refused_and_the_old_database_kept() {
    let good = br#"{"id":"PYSEC-T-1","affected":[{"package":{"ecosystem":"PyPI","name":"demo"},"versions":["1.0"]}]}"#;
    let zip = common::zip_entries(&[("a.json", good), ("b.json", good)]);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("osv-pypi.vdb");
    vigil_deps::db::import_zip_bytes(
        &zip,
        vigil_deps::db::DbOrigin::Download { url: "x".into() },
        &dest,
    )
    .unwrap();
    let before = std::fs::read(&dest).unwrap();
    // Flip a byte inside the first entry's data: its CRC no longer matches.
    let mut damaged = zip.clone();
    let at = damaged.windows(6).position(|w| w == b"a.json").unwrap() + 6 + 10;
    damaged[at] ^= 0xff;
    let err = vigil_deps::db::import_zip_bytes(
        &damaged,
        vigil_deps::db::DbOrigin::Download { url: "x".into() },
        &dest,
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("damaged archive"), "{err:#}");
    assert_eq!(std::fs::read(&dest).unwrap(), before);
}
