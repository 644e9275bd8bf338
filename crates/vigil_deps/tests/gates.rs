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
        false,
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
        false,
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("damaged archive"), "{err:#}");
    assert_eq!(std::fs::read(&dest).unwrap(), before);
}

/// Item 6g: the shrink guard works on the numbers of records, and a
/// database that is no longer readable is not protected by it.
#[test]
fn the_shrink_guard_compares_records() {
    use vigil_deps::db::much_smaller;
    assert!(much_smaller(2651, 6));
    assert!(much_smaller(200, 99));
    assert!(!much_smaller(200, 100));
    // A small database is no "large" one worth guarding.
    assert!(!much_smaller(6, 1));
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("osv-pypi.vdb");
    std::fs::write(&dest, b"vigil-osv-db 2\t3\t00000000\t{}\nbroken\n").unwrap();
    let osv = common::fixture("osv");
    let summary = vigil_deps::db::import_path(&osv, &dest, false).unwrap();
    let text = report::import_text(&summary);
    assert!(
        text.contains("advisories: 6 now, none readable before: an unreadable imported database"),
        "{text}"
    );
}

/// Item 6g: an interrupted import leaves its temporary file (recognisable
/// by name, in the store's folder); the next load or import removes it and
/// never reads it as the store.
#[test]
fn temporary_files_of_an_interrupted_import_are_removed_and_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("osv-pypi.vdb");
    // A complete store written under a temporary name by a process that is
    // gone (no pid is this large), and an old one of a process still alive.
    let whole = vigil_deps::db::store::to_bytes(&Database::embedded(None).unwrap()).unwrap();
    let dead = dir.path().join(".osv-pypi.vdb.4294967295.Xy12ab.partial");
    std::fs::write(&dead, &whole).unwrap();
    let old = dir.path().join(format!(
        ".osv-pypi.vdb.{}.Qw34cd.partial",
        std::process::id()
    ));
    let file = std::fs::File::create(&old).unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600))
        .unwrap();
    drop(file);
    // A fresh one of a live process (another import under way) is kept, as
    // is a file that only looks alike.
    let live = dir.path().join(format!(
        ".osv-pypi.vdb.{}.Er56ef.partial",
        std::process::id()
    ));
    std::fs::write(&live, b"half").unwrap();
    let other = dir.path().join("osv-pypi.vdb.partial");
    std::fs::write(&other, b"mine").unwrap();

    let (db, warning) = Database::load_default(Some(&dest), None).unwrap();
    assert!(warning.is_none());
    assert_eq!(
        db.meta.origin,
        Database::embedded(None).unwrap().meta.origin
    );
    assert!(!dead.exists() && !old.exists());
    assert!(live.exists() && other.exists());
    assert!(!dest.exists());

    std::fs::write(&dead, &whole).unwrap();
    let summary = vigil_deps::db::import_path(&common::fixture("osv"), &dest, false).unwrap();
    assert_eq!(summary.removed_temporaries, std::slice::from_ref(&dead));
    assert!(report::import_text(&summary).contains("left by an interrupted import"));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            format!(".osv-pypi.vdb.{}.Er56ef.partial", std::process::id()),
            "osv-pypi.vdb".to_owned(),
            "osv-pypi.vdb.partial".to_owned()
        ]
    );

    std::fs::write(&dead, b"").unwrap();
    let reset = vigil_deps::db::reset(&dest).unwrap();
    assert!(reset.removed.is_some());
    assert!(!dest.exists() && !dead.exists());
    assert!(report::reset_text(&reset).starts_with("removed the imported database"));
}

/// Builds, under `root`, 20 nested folders of 250 characters (one at a
/// time, each from inside its parent: no single path names them all) with
/// a requirements file at the bottom; the whole path is longer than the
/// system allows. Returns false where it cannot be built.
pub fn too_long_a_path(root: &Path) -> bool {
    let name = "d".repeat(250);
    let script = format!(
        "cd \"$1\" && for i in $(seq 20); do mkdir {name} && cd -P {name} || exit 1; done && \
         printf 'jinja2==2.10\\n' > requirements.txt"
    );
    std::process::Command::new("sh")
        .args(["-c", &script, "sh"])
        .arg(root)
        .status()
        .is_ok_and(|s| s.success())
}

/// Walk errors: a folder the walk cannot enter (here a path too long for
/// the system; root can read everything) is a dependency file error, never
/// dropped.
#[test]
fn a_folder_the_walk_cannot_enter_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "requirements.txt", "flask==3.0.0\n");
    assert!(too_long_a_path(dir.path()), "cannot build the long path");
    let m = collect(dir.path());
    assert_eq!(m.dependencies.len(), 1, "{:?}", m.dependencies);
    assert_eq!(m.errors.len(), 1, "{:?}", m.errors);
    let error = &m.errors[0];
    assert!(error.file.contains("/dddd"), "{error:?}");
    assert!(error.reason.starts_with("cannot read"), "{error:?}");
    assert!(error.reason.contains("not audited"), "{error:?}");
    let report = embedded_audit(&m);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report::to_errors(&report).len(), 1);
}

/// Advisory ids are listed in natural order everywhere (the audit, JSON,
/// aliases, the primary id of a group, the text report, ignored ones):
/// PYSEC-2022-2 before PYSEC-2022-19 before PYSEC-2022-100.
#[test]
fn advisory_ids_sort_naturally() {
    let dir = tempfile::tempdir().unwrap();
    let record = |id: &str, package: &str, aliases: &[&str]| {
        serde_json::json!({
            "id": id,
            "aliases": aliases,
            "summary": format!("{id} summary"),
            "affected": [{"package": {"ecosystem": "PyPI", "name": package}, "versions": ["1.0"]}]
        })
        .to_string()
    };
    let osv = dir.path().join("osv");
    for (id, package, aliases) in [
        (
            "PYSEC-2022-19",
            "demo",
            &["CVE-2022-100", "CVE-2022-20", "CVE-2022-3"][..],
        ),
        ("PYSEC-2022-100", "demo", &[][..]),
        ("PYSEC-2022-2", "demo", &[][..]),
        // A group: the primary id is the first one in natural order.
        ("PYSEC-2023-10", "demo", &["PYSEC-2023-9"][..]),
        ("PYSEC-2023-9", "demo", &["PYSEC-2023-10"][..]),
        ("PYSEC-2021-10", "other", &[][..]),
        ("PYSEC-2021-9", "other", &[][..]),
    ] {
        write(&osv, &format!("{id}.json"), &record(id, package, aliases));
    }
    let project = dir.path().join("project");
    write(&project, "requirements.txt", "demo==1.0\nother==1.0\n");
    let (db, _) = Database::from_osv_path(&osv, None).unwrap();
    let ignores = ["PYSEC-2021-10", "PYSEC-2021-9"]
        .map(|id| vigil_config::IgnoreEntry::new(id, "test"))
        .to_vec();
    let report = audit(
        &collect(&project),
        &db,
        &AuditOptions {
            ignores,
            today: "2024-12-01".parse().unwrap(),
        },
    );
    let natural = [
        "PYSEC-2022-2",
        "PYSEC-2022-19",
        "PYSEC-2022-100",
        "PYSEC-2023-9",
    ];
    let ids: Vec<&str> = report
        .vulnerabilities
        .iter()
        .map(|v| v.id.as_str())
        .collect();
    assert_eq!(ids, natural);
    let grouped = &report.vulnerabilities[3];
    assert_eq!(grouped.aliases, ["PYSEC-2023-10"]);
    let with_aliases = &report.vulnerabilities[1];
    assert_eq!(
        with_aliases.aliases,
        ["CVE-2022-3", "CVE-2022-20", "CVE-2022-100"]
    );
    let ignored: Vec<&str> = report
        .ignored
        .iter()
        .map(|i| i.vulnerability.id.as_str())
        .collect();
    assert_eq!(ignored, ["PYSEC-2021-9", "PYSEC-2021-10"]);

    let json = report::to_json(&report);
    let json_ids: Vec<&str> = json["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(json_ids, natural);
    assert_eq!(
        json["vulnerabilities"][1]["aliases"],
        serde_json::json!(["CVE-2022-3", "CVE-2022-20", "CVE-2022-100"])
    );
    let scan = report::to_scan_report(&report);
    let text =
        vigil_report::text::render(&scan, Default::default()) + &report::render_section(&report);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing:\n{text}"))
    };
    assert!(at("PYSEC-2022-2 ") < at("PYSEC-2022-19"), "{text}");
    assert!(at("PYSEC-2022-19") < at("PYSEC-2022-100"), "{text}");
    assert!(at("PYSEC-2021-9") < at("PYSEC-2021-10"), "{text}");
}

/// A uv workspace: root `pyproject.toml` listing `members`, `uv.lock` with
/// api (jinja2, vulnerable 2.10) and web (django 3.2, vulnerable).
fn uv_workspace(root: &Path, members: &str) {
    write(
        root,
        "pyproject.toml",
        &format!(
            "[project]\nname = \"root\"\nversion = \"0\"\ndependencies = []\n[tool.uv.workspace]\n{members}\n"
        ),
    );
    write(
        root,
        "packages/api/pyproject.toml",
        "[project]\nname = \"api\"\nversion = \"0\"\ndependencies = [\"jinja2>=2\", \"requests>=2\"]\n",
    );
    write(
        root,
        "packages/web/pyproject.toml",
        "[project]\nname = \"web\"\nversion = \"0\"\ndependencies = [\"django>=3\"]\n",
    );
    write(
        root,
        "uv.lock",
        "version = 1\n\n[[package]]\nname = \"api\"\nversion = \"0\"\nsource = { editable = \"packages/api\" }\n\
         dependencies = [{ name = \"jinja2\" }, { name = \"requests\" }]\n\n\
         [[package]]\nname = \"web\"\nversion = \"0\"\nsource = { editable = \"packages/web\" }\n\
         dependencies = [{ name = \"django\" }]\n\n\
         [[package]]\nname = \"django\"\nversion = \"3.2\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n\
         [[package]]\nname = \"jinja2\"\nversion = \"2.10\"\nsource = { registry = \"https://pypi.org/simple\" }\n\
         dependencies = [{ name = \"markupsafe\" }]\n\n\
         [[package]]\nname = \"markupsafe\"\nversion = \"2.1.5\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n\
         [[package]]\nname = \"requests\"\nversion = \"2.32.3\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
    );
}

fn audit_paths(paths: Vec<std::path::PathBuf>) -> vigil_deps::AuditReport {
    let cache = tempfile::tempdir().unwrap();
    vigil_deps::audit_project(&common::options(paths, cache.path(), "2024-12-01"))
        .unwrap()
        .report
}

/// Item 6e: `vigil deps packages/api` on a workspace member alone finds the
/// root's `uv.lock` upward; the member's ranges are checked against the
/// locked versions of what it needs (not the other members' packages).
#[test]
fn a_uv_workspace_member_alone_uses_the_root_lock_found_upward() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    uv_workspace(root, "members = [\"packages/*\"]");
    let report = audit_paths(vec![root.join("packages/api")]);
    assert!(report.not_pinned.is_empty(), "{:?}", report.not_pinned);
    assert!(
        report.files.iter().any(|f| f.ends_with("uv.lock")),
        "{:?}",
        report.files
    );
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
    let locked: std::collections::BTreeSet<&str> = report
        .dependencies
        .iter()
        .filter(|d| d.dependency.file.ends_with("uv.lock"))
        .map(|d| d.dependency.name.as_str())
        .collect();
    assert_eq!(
        locked,
        ["jinja2", "markupsafe", "requests"].into_iter().collect()
    );
    assert!(!report.vulnerabilities.is_empty());
    assert!(report.vulnerabilities.iter().all(|v| v.package == "jinja2"
        && v.file.ends_with("uv.lock")
        && v.version.as_deref() == Some("2.10")));

    // Two members at once: the lock is read once, each takes its part.
    let report = audit_paths(vec![root.join("packages/api"), root.join("packages/web")]);
    assert!(report.not_pinned.is_empty(), "{:?}", report.not_pinned);
    let packages: std::collections::BTreeSet<&str> = report
        .vulnerabilities
        .iter()
        .map(|v| v.package.as_str())
        .collect();
    assert_eq!(packages, ["django", "jinja2"].into_iter().collect());
}

/// The lock upward is used only when its workspace lists the project, and
/// never beyond the repository root.
#[test]
fn a_lock_upward_that_is_not_the_project_s_workspace_is_not_used() {
    for (members, git) in [
        ("members = [\"libs/*\"]", false),
        (
            "members = [\"packages/*\"]\nexclude = [\"packages/api\"]",
            false,
        ),
        ("members = [\"packages/*\"]", true),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        uv_workspace(root, members);
        if git {
            // packages/ is a repository of its own inside the workspace.
            std::fs::create_dir_all(root.join("packages/.git")).unwrap();
        }
        let report = audit_paths(vec![root.join("packages/api")]);
        let names: Vec<&str> = report.not_pinned.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["jinja2", "requests"], "{members} {git}");
        assert!(report.vulnerabilities.is_empty(), "{members} {git}");
        assert!(!report.files.iter().any(|f| f.ends_with("uv.lock")));
    }
}

/// Item 13 for paths: file paths and reasons deps shows (an include by URL,
/// an included file that is missing, an index URL, a folder named after a
/// token) never print a credential whole.
#[test]
fn paths_and_reasons_deps_shows_never_print_a_credential() {
    // A token with a valid checksum (what the detector recognises).
    let token = "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";
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "requirements.txt",
        &format!(
            "-r https://alice:s3cretPassw0rd@req.corp/base.txt\n\
             -c https://{token}@req.corp/constraints.txt\n\
             --index-url https://bob:An0therSecret@pypi.corp/simple\n\
             --extra-index-url=https://carol:Thr33Secret@pypi.corp/simple\n\
             -r {token}/missing.txt\n\
             jinja2==2.10\n"
        ),
    );
    // A folder named after a token (a path cannot hold a whole URL).
    let mirror = format!("mirror/{token}");
    write(
        dir.path(),
        &format!("{mirror}/requirements.txt"),
        "flask==0.12.2\n",
    );
    let m = collect(dir.path());
    let report = embedded_audit(&m);
    assert!(!report.vulnerabilities.is_empty());
    assert!(report.files.len() >= 2, "{:?}", report.files);
    let text = report::render_section(&report);
    let json = serde_json::to_string(&report::to_json(&report)).unwrap();
    let scan = report::to_scan_report(&report);
    let frames = vigil_report::text::render(&scan, Default::default());
    let errors: String = report::to_errors(&report)
        .iter()
        .map(|e| format!("{}: {}\n", e.path, e.message))
        .collect();
    let mut outputs = vec![text, json, frames, errors];
    for format in [
        vigil_report::Format::Sarif,
        vigil_report::Format::Json,
        vigil_report::Format::Html,
        vigil_report::Format::Github,
        vigil_report::Format::Gitlab,
        vigil_report::Format::Junit,
        vigil_report::Format::Csv,
    ] {
        outputs.push(vigil_report::render(
            format,
            &scan,
            &vigil_report::RenderOptions::default(),
        ));
    }
    for out in &outputs {
        for secret in [
            "Zq8R2vXk4LmN7pT1",
            "s3cretPassw0rd",
            "An0therSecret",
            "Thr33Secret",
        ] {
            assert!(!out.contains(secret), "{secret} leaked:\n{out}");
        }
    }
}
