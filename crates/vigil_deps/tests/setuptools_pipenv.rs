//! `Pipfile`, `setup.cfg` and `setup.py`: parsed from fixtures, audited
//! against the embedded snapshot, and run through the library entry point
//! of `vigil deps`; environment markers against the target Python.

mod common;

use common::{collect, declared, dep, deps, scope};
use vigil_deps::audit::{AuditOptions, AuditReport, audit, package_names};
use vigil_deps::db::Database;
use vigil_deps::manifest::{self, ManifestKind, TargetEnvironment};
use vigil_deps::{DepsOptions, audit_project, report};
use vigil_deps::{Manifests, NotChecked};

/// (file name, line, reason) of what was not checked, by line.
fn notes(manifests: &Manifests) -> Vec<(String, u32, String)> {
    let mut notes: Vec<(String, u32, String)> = manifests
        .not_checked
        .iter()
        .map(|n: &NotChecked| {
            (
                n.file.rsplit('/').next().unwrap().to_owned(),
                n.line,
                n.reason.clone(),
            )
        })
        .collect();
    notes.sort_by_key(|n| n.1);
    notes
}

fn embedded_audit(manifests: &Manifests) -> AuditReport {
    let db = Database::embedded(Some(&package_names(manifests))).unwrap();
    let options = AuditOptions {
        ignores: Vec::new(),
        today: "2024-12-01".parse().unwrap(),
    };
    audit(manifests, &db, &options)
}

/// (package, line) of every vulnerability.
fn vulnerable(report: &AuditReport) -> Vec<(String, u32)> {
    let mut found: Vec<(String, u32)> = report
        .vulnerabilities
        .iter()
        .map(|v| (v.package.clone(), v.line))
        .collect();
    found.dedup();
    found
}

#[test]
fn pipfile_categories_tables_and_sources() {
    let m = collect("pipfile");
    assert_eq!(m.files, ["tests/fixtures/pipfile/Pipfile"]);
    let requests = dep(&m, "requests");
    assert_eq!(
        (declared(requests).as_str(), requests.line, requests.source),
        ("==2.19.1", 7, ManifestKind::Pipfile)
    );
    assert_eq!(requests.groups, ["default"]);
    assert_eq!(requests.text, "requests = \"==2.19.1\"");
    let flask = dep(&m, "flask");
    assert_eq!((declared(flask).as_str(), flask.line), ("==0.12.2", 8));
    assert_eq!(flask.extras, ["dotenv"]);
    let django = dep(&m, "django");
    assert_eq!(
        (declared(django).as_str(), django.line),
        (">=3.2, <3.3", 10)
    );
    assert_eq!(django.marker.as_deref(), Some("python_version >= '3.8'"));
    let pywin32 = dep(&m, "pywin32");
    assert_eq!(pywin32.marker.as_deref(), Some("sys_platform == 'win32'"));
    assert_eq!(declared(dep(&m, "anything")), "*");
    let pytest = dep(&m, "pytest");
    assert_eq!(
        (declared(pytest).as_str(), pytest.groups[0].as_str()),
        (">=7", "develop")
    );
    // A bare version is an exact pin, as pipenv reads it.
    assert_eq!(declared(dep(&m, "werkzeug")), "==2.2.2");
    assert_eq!(dep(&m, "sphinx").groups, ["docs"]);
    // [requires], [scripts] and [[source]] are not packages.
    for not_a_package in ["python-version", "test", "url", "pypi"] {
        assert!(deps(&m, not_a_package).is_empty(), "{not_a_package}");
    }
    // Never installed on Python 3; path and git entries have no version.
    assert!(deps(&m, "futures").is_empty());
    let notes = notes(&m);
    assert_eq!(notes.len(), 3, "{notes:#?}");
    assert_eq!(notes[0].1, 11);
    assert!(
        notes[0]
            .2
            .starts_with("environment marker never true for any Python 3")
    );
    assert_eq!(notes[1].1, 13);
    assert!(
        notes[1].2.starts_with("editable path dependency"),
        "{}",
        notes[1].2
    );
    assert_eq!(notes[2].1, 14);
    assert!(notes[2].2.starts_with("git dependency"));
    let names: Vec<Option<&str>> = m.not_checked.iter().map(|n| n.name.as_deref()).collect();
    assert!(names.contains(&Some("mylib")) && names.contains(&Some("tool")));
}

#[test]
fn setup_cfg_options_and_extras() {
    let m = collect("setup_cfg");
    assert_eq!(m.files, ["tests/fixtures/setup_cfg/setup.cfg"]);
    let requests = dep(&m, "requests");
    assert_eq!(
        (declared(requests).as_str(), requests.line, requests.source),
        ("==2.19.1", 9, ManifestKind::SetupCfg)
    );
    assert!(requests.groups.is_empty());
    // The comment line is skipped, the trailing comment cut.
    let jinja = dep(&m, "jinja2");
    assert_eq!((declared(jinja).as_str(), jinja.line), ("==2.10", 11));
    assert_eq!(declared(dep(&m, "click")), ">=8");
    // One line, split on `;` as setuptools does.
    let setuptools = dep(&m, "setuptools");
    assert_eq!(
        (setuptools.line, setuptools.groups[0].as_str()),
        (15, "setup_requires")
    );
    assert_eq!(dep(&m, "wheel").line, 15);
    let yaml = dep(&m, "pyyaml");
    assert_eq!(
        (declared(yaml).as_str(), yaml.line, yaml.groups[0].as_str()),
        (">=5.1, <6", 19, "yaml")
    );
    let pytest = dep(&m, "pytest");
    assert_eq!((pytest.line, pytest.groups[0].as_str()), (20, "test"));
    // [flake8] and [metadata] keys are not requirements.
    assert!(deps(&m, "max-line-length").is_empty() && deps(&m, "name").is_empty());
    let notes = notes(&m);
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert_eq!(notes[0].1, 13);
    assert!(notes[0].2.starts_with("environment marker never true"));
    assert_eq!(notes[1].1, 14);
    assert!(notes[1].2.starts_with("direct URL requirement"));
}

#[test]
fn setup_py_literals_and_names() {
    let m = collect("setup_py");
    assert_eq!(m.files, ["tests/fixtures/setup_py/setup.py"]);
    let requests = dep(&m, "requests");
    assert_eq!(
        (declared(requests).as_str(), requests.line, requests.source),
        ("==2.19.1", 8, ManifestKind::SetupPy)
    );
    assert_eq!(requests.text, "\"requests==2.19.1\",");
    assert_eq!(dep(&m, "jinja2").line, 9);
    // `REQUIRES += [...]`
    assert_eq!(dep(&m, "flask").line, 11);
    let yaml = dep(&m, "pyyaml");
    assert_eq!(
        (declared(yaml).as_str(), yaml.line, yaml.groups[0].as_str()),
        ("==5.3", 14, "yaml")
    );
    assert_eq!(dep(&m, "sphinx").groups, ["docs"]);
    // tests_require is computed by a function: a note, not an error.
    let notes = notes(&m);
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(notes[0].1, 33);
    assert_eq!(
        notes[0].2,
        "tests_require is not a literal (a call to `read_requirements()`): not read"
    );
}

#[test]
fn vulnerable_pins_are_found_and_safe_versions_are_not() {
    for (fixture_name, expected) in [
        (
            "pipfile",
            &[("requests", 7), ("flask", 8), ("werkzeug", 19)][..],
        ),
        ("setup_cfg", &[("requests", 9), ("jinja2", 11)][..]),
        (
            "setup_py",
            &[("requests", 8), ("flask", 11), ("pyyaml", 14)][..],
        ),
    ] {
        let report = embedded_audit(&collect(fixture_name));
        let found = vulnerable(&report);
        for (package, line) in expected {
            assert!(
                found.contains(&((*package).to_owned(), *line)),
                "{fixture_name}: {package} at {line} in {found:?}"
            );
        }
        // jinja2 3.1.4, click>=8, sphinx, pytest: nothing known in the
        // snapshot; git/path entries and dropped markers are not matched.
        for safe in [
            "click", "sphinx", "pytest", "mylib", "tool", "futures", "anything",
        ] {
            assert!(
                !found.iter().any(|(p, _)| p == safe),
                "{fixture_name}: {safe} in {found:?}"
            );
        }
        if fixture_name != "setup_cfg" {
            assert!(!found.iter().any(|(p, _)| p == "jinja2"), "{found:?}");
        }
        if fixture_name == "setup_cfg" {
            // PyYAML>=5.1,<6: not pinned, listed.
            assert!(report.not_pinned.iter().any(|d| d.name == "pyyaml"));
        }
        if fixture_name == "pipfile" {
            // django >=3.2,<3.3: a range no lock covers is listed, not matched.
            assert!(!found.iter().any(|(p, _)| p == "django"), "{found:?}");
            assert!(report.not_pinned.iter().any(|d| d.name == "django"));
        }
    }
}

#[test]
fn a_pipfile_lock_next_to_the_pipfile_decides() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Pipfile"),
        "[packages]\nrequests = \"*\"\ndjango = \">=3\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("Pipfile.lock"),
        "{\"default\": {\"requests\": {\"version\": \"==2.32.3\"}}}",
    )
    .unwrap();
    let m = manifest::collect(dir.path(), &scope()).unwrap();
    let report = embedded_audit(&m);
    let requests: Vec<_> = report
        .dependencies
        .iter()
        .filter(|d| d.dependency.name == "requests")
        .collect();
    assert_eq!(requests.len(), 2);
    let declared = requests
        .iter()
        .find(|d| d.dependency.source == ManifestKind::Pipfile)
        .unwrap();
    assert!(
        declared
            .covered_by
            .as_deref()
            .unwrap()
            .ends_with("Pipfile.lock")
    );
    assert!(
        !report
            .vulnerabilities
            .iter()
            .any(|v| v.package == "requests")
    );
    // django is not in the lock: its range is listed as not pinned, not
    // matched against every historical advisory.
    assert!(!report.vulnerabilities.iter().any(|v| v.package == "django"));
    assert!(report.not_pinned.iter().any(|d| d.name == "django"));
}

#[test]
fn discovery_finds_every_new_kind_in_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, text) in [
        ("Pipfile", "[packages]\nrequests = \"==2.19.1\"\n"),
        (
            "lib/setup.cfg",
            "[options]\ninstall_requires = jinja2==2.10\n",
        ),
        (
            "lib/setup.py",
            "from setuptools import setup\nsetup(install_requires=['flask==0.12.2'])\n",
        ),
        ("lib/tox.ini", "[testenv]\ndeps = requests==2.0.0\n"),
        (
            ".venv/lib/setup.py",
            "setup(install_requires=['pyyaml==5.1'])\n",
        ),
        ("build/pipfile", "[packages]\nx = \"==1\"\n"),
    ] {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let m = manifest::collect(root, &scope()).unwrap();
    let mut sources: Vec<(String, ManifestKind)> = m
        .dependencies
        .iter()
        .map(|d| (d.name.clone(), d.source))
        .collect();
    sources.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        sources,
        [
            ("flask".to_owned(), ManifestKind::SetupPy),
            ("jinja2".to_owned(), ManifestKind::SetupCfg),
            ("requests".to_owned(), ManifestKind::Pipfile),
        ]
    );
    assert_eq!(m.files.len(), 3, "{:?}", m.files);
}

/// What `vigil deps PATH [--python-version V]` audits.
fn vigil_deps(path: &str, python: Option<&str>) -> AuditReport {
    let cache = tempfile::tempdir().unwrap();
    let options = DepsOptions {
        python_version: python.map(|v| TargetEnvironment::python(v).unwrap()),
        ..common::options(vec![path.into()], cache.path(), "2024-12-01")
    };
    audit_project(&options).unwrap().report
}

#[test]
fn deps_command_audits_the_new_manifests() {
    for (path, package, line) in [
        ("tests/fixtures/pipfile", "requests", 7),
        ("tests/fixtures/setup_cfg/setup.cfg", "jinja2", 11),
        ("tests/fixtures/setup_py", "flask", 11),
    ] {
        let audited = vigil_deps(path, None);
        assert!(audited.fails_at(vigil_report::Severity::Low), "{path}");
        let report = report::to_json(&audited);
        let hits: Vec<(String, u64)> = report["vulnerabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["package"].as_str().unwrap().to_owned(),
                    v["line"].as_u64().unwrap(),
                )
            })
            .collect();
        assert!(
            hits.contains(&(package.to_owned(), line)),
            "{path}: {hits:?}"
        );
    }
    // Only safe versions, git and path entries: exit 0, the notes shown.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Pipfile"),
        "[packages]\njinja2 = \"==3.1.4\"\nmylib = {path = \".\", editable = true}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("setup.py"),
        "import setuptools\nsetuptools.setup(install_requires=open('r.txt').read().split())\n",
    )
    .unwrap();
    let audited = vigil_deps(dir.path().to_str().unwrap(), None);
    assert!(!audited.fails_at(vigil_report::Severity::Low));
    let out = report::render_section(&audited);
    assert!(out.contains("editable path dependency"), "{out}");
    assert!(out.contains("install_requires is not a literal"), "{out}");
}

#[test]
fn python_version_option_evaluates_markers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("requirements.txt"),
        "requests==2.19.1 ; python_version < \"3.8\"\n\
         jinja2==2.10 ; python_version >= \"3.8\" and sys_platform == \"win32\"\n\
         flask==0.12.2 ; python_version < \"3\"\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let packages = |python: Option<&str>| -> Vec<String> {
        let mut names: Vec<String> = vigil_deps(path, python)
            .vulnerabilities
            .into_iter()
            .map(|v| v.package)
            .collect();
        names.sort();
        names.dedup();
        names
    };
    // Default: any Python 3, any platform; only `< "3"` is dropped.
    assert_eq!(packages(None), ["jinja2", "requests"]);
    assert_eq!(packages(Some("3.12")), ["jinja2"]);
    assert_eq!(packages(Some("3.7.9")), ["requests"]);
    let out = report::render_section(&vigil_deps(path, Some("3.12")));
    assert!(
        out.contains("environment marker never true for Python 3.12"),
        "{out}"
    );
    assert!(TargetEnvironment::python("3").is_err());
    assert!(TargetEnvironment::python("latest").is_err());
    // The same evaluation, from the manifests.
    let target = TargetEnvironment::python("3.12").unwrap();
    let m = manifest::collect_for(dir.path(), &scope(), &target).unwrap();
    assert_eq!(m.dependencies.len(), 1);
    assert_eq!(m.not_checked.len(), 2);
}

#[test]
fn hostile_new_manifests_are_diagnosed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let deep_py = format!(
        "setup(install_requires={}'a'{})\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let chain = format!("setup(install_requires=[] {})\n", "+ [] ".repeat(100_000));
    let cases: Vec<(&str, String)> = vec![
        ("a/Pipfile", "[packages\nrequests = ".to_owned()),
        ("b/Pipfile", format!("x = {}", "[".repeat(200_000))),
        (
            "c/Pipfile",
            "[packages]\nrequests = 3\n\"\" = \"*\"\n".to_owned(),
        ),
        (
            "d/setup.cfg",
            "\u{0}\u{1}[[[\n= =\n[options]\ninstall_requires\n".to_owned(),
        ),
        (
            "e/setup.cfg",
            format!(
                "[options]\ninstall_requires =\n{}",
                "    a\n".repeat(100_000)
            ),
        ),
        ("f/setup.py", deep_py),
        ("g/setup.py", chain),
        (
            "h/setup.py",
            "setup(install_requires=['ok==1', b'x', 3, None])\n\u{feff}(((".to_owned(),
        ),
        (
            "i/setup.py",
            "A = B\nB = A\nsetup(install_requires=A, extras_require=A)\n".to_owned(),
        ),
    ];
    for (path, text) in &cases {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let m = manifest::collect(root, &scope()).unwrap();
    assert_eq!(m.files.len(), cases.len(), "{:?}", m.files);
    for dir_name in ["a", "b", "c", "d", "f", "g", "h", "i"] {
        assert!(
            m.not_checked
                .iter()
                .chain(&m.errors)
                .any(|n| n.file.contains(&format!("/{dir_name}/"))),
            "{dir_name}: {:#?}",
            m.not_checked
        );
    }
    // A long but well-formed value is read entirely; the same requirement
    // repeated is one dependency with its count.
    let a = deps(&m, "a");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].occurrences, 100_000);
}
