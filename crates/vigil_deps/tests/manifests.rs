//! Every input format, parsed from realistic fixtures: names, versions or
//! ranges, file and line, and what cannot be checked.

mod common;

use common::{collect, declared, dep, deps, fixture};
use vigil_deps::manifest::{self, ManifestKind};

fn reasons(manifests: &vigil_deps::Manifests) -> Vec<(String, u32, String)> {
    let mut all: Vec<&vigil_deps::NotChecked> = manifests
        .not_checked
        .iter()
        .chain(&manifests.errors)
        .collect();
    all.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    all.into_iter()
        .map(|n| {
            (
                n.file.rsplit('/').next().unwrap().to_owned(),
                n.line,
                n.reason.clone(),
            )
        })
        .collect()
}

#[test]
fn requirements_with_includes_constraints_and_options() {
    let m = manifest::collect(&fixture("pip/requirements.txt"), &common::scope()).unwrap();
    let jinja = dep(&m, "jinja2");
    assert_eq!((declared(jinja).as_str(), jinja.line), ("==2.10", 9));
    assert_eq!(jinja.file, "tests/fixtures/pip/requirements.txt");
    assert_eq!(jinja.text, "Jinja2==2.10 \\");

    let requests = dep(&m, "requests");
    assert_eq!(
        (declared(requests).as_str(), requests.line),
        ("==2.19.1", 12)
    );
    assert_eq!(requests.extras, ["security"]);
    assert_eq!(
        requests.marker.as_deref(),
        Some("python_version >= \"3.6\"")
    );

    let yaml = dep(&m, "pyyaml");
    assert_eq!((declared(yaml).as_str(), yaml.line), (">=5.1, <6", 13));

    // Unpinned in requirements.txt, pinned by constraints.txt: reported at
    // the constraint, the line to change.
    let urllib3 = dep(&m, "urllib3");
    assert_eq!(declared(urllib3), "==1.26.4");
    assert_eq!(
        (urllib3.file.as_str(), urllib3.line),
        ("tests/fixtures/pip/constraints.txt", 2)
    );
    // A constraint for a package nobody requires is not a dependency.
    assert!(deps(&m, "numpy").is_empty());

    // From base.txt, reached through -r (which includes requirements.txt
    // back: the cycle is read once).
    let flask = dep(&m, "flask");
    assert_eq!(
        (flask.file.as_str(), flask.line),
        ("tests/fixtures/pip/base.txt", 3)
    );
    assert_eq!(dep(&m, "certifi").line, 4);

    let reasons = reasons(&m);
    let expected = [
        ("base.txt", 5, "included file not found"),
        ("requirements.txt", 15, "editable requirement"),
        ("requirements.txt", 16, "URL, VCS or path requirement"),
        ("requirements.txt", 17, "URL, VCS or path requirement"),
        ("requirements.txt", 18, "invalid requirement"),
    ];
    assert_eq!(reasons.len(), expected.len(), "{reasons:#?}");
    for ((file, line, reason), (efile, eline, eprefix)) in reasons.iter().zip(expected) {
        assert_eq!((file.as_str(), *line), (efile, eline));
        assert!(reason.starts_with(eprefix), "{reason}");
    }
    let names: Vec<Option<&str>> = m.not_checked.iter().map(|n| n.name.as_deref()).collect();
    assert_eq!(names, [Some("internal-tools"), Some("example-sdk"), None]);
    // A missing include and a line that is no requirement are errors: the
    // audit of what they declare cannot be done, so the run fails.
    let errors: Vec<(&str, Option<&str>)> = m
        .errors
        .iter()
        .map(|n| (n.reason.as_str(), n.name.as_deref()))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].0.starts_with("included file not found"));
    assert_eq!(errors[1].1, Some("not"));
}

#[test]
fn discovery_finds_requirement_files_but_not_constraints() {
    let m = collect("pip");
    assert_eq!(
        m.files,
        [
            "tests/fixtures/pip/base.txt",
            "tests/fixtures/pip/constraints.txt",
            "tests/fixtures/pip/requirements-dev.in",
            "tests/fixtures/pip/requirements.txt",
        ]
    );
    let yaml: Vec<String> = deps(&m, "pyyaml").iter().map(|d| declared(d)).collect();
    assert_eq!(yaml, ["==5.2b1", ">=5.1, <6"]);
    assert_eq!(declared(dep(&m, "werkzeug")), "~=2.2.0");
    // requirements.txt reached twice (as a root and through base.txt) is
    // reported once.
    assert_eq!(deps(&m, "jinja2").len(), 1);
}

#[test]
fn pep621_optional_dependencies_and_dependency_groups() {
    let m = collect("pep621/pyproject.toml");
    let jinja = dep(&m, "jinja2");
    assert_eq!(
        (declared(jinja).as_str(), jinja.line, jinja.source),
        ("==2.10.1", 10, ManifestKind::Pyproject)
    );
    assert_eq!(declared(dep(&m, "requests")), ">=2.25, <3");
    let yaml = dep(&m, "pyyaml");
    assert_eq!((declared(yaml).as_str(), yaml.line), ("==5.3", 12));
    assert_eq!(yaml.marker.as_deref(), Some("platform_system != 'Windows'"));
    let pillow = dep(&m, "pillow");
    assert_eq!(
        (pillow.groups.as_slice(), pillow.line),
        (&["images".to_owned()][..], 17)
    );
    assert_eq!(dep(&m, "flask").line, 19);
    // ruff is declared in "lint", included by "test", included by "dev".
    let ruff = dep(&m, "ruff");
    assert_eq!(ruff.line, 24);
    assert_eq!(ruff.groups, ["lint", "dev", "test"]);
    assert_eq!(dep(&m, "werkzeug").groups, ["dev"]);
    assert_eq!(dep(&m, "certifi").groups, ["loop-b", "loop-a"]);

    let reasons = reasons(&m);
    assert_eq!(reasons.len(), 3, "{reasons:#?}");
    assert_eq!(reasons[0].1, 13);
    assert!(reasons[0].2.starts_with("direct URL requirement"));
    assert_eq!(reasons[1].1, 29);
    assert!(reasons[1].2.contains("unknown group \"nonexistent\""));
    assert_eq!(reasons[2].1, 31);
    assert_eq!(
        reasons[2].2,
        "include-group cycle: loop-a -> loop-b -> loop-a"
    );
}

#[test]
fn poetry_constraints_and_lock() {
    let m = collect("poetry");
    let from = |file: &str, name: &str| -> Vec<String> {
        deps(&m, name)
            .iter()
            .filter(|d| d.file.ends_with(file))
            .map(|d| format!("{}@{}", declared(d), d.line))
            .collect()
    };
    assert_eq!(from("pyproject.toml", "requests"), ["^2.19@9"]);
    assert_eq!(from("pyproject.toml", "jinja2"), ["~2.10@10"]);
    assert_eq!(from("pyproject.toml", "pyyaml"), ["==5.3@12", "^6.0@13"]);
    assert_eq!(from("pyproject.toml", "flask"), ["==0.12.2@16"]);
    assert_eq!(from("pyproject.toml", "werkzeug"), [">=2.2,<2.3@19"]);
    assert_eq!(dep(&m, "flask").groups, Vec::<String>::new());
    let werkzeug = deps(&m, "werkzeug");
    let declared_in_pyproject = werkzeug
        .iter()
        .find(|d| d.file.ends_with("pyproject.toml"))
        .unwrap();
    assert_eq!(declared_in_pyproject.groups, ["dev"]);
    assert!(deps(&m, "python").is_empty());

    assert_eq!(from("poetry.lock", "jinja2"), ["==2.10@4"]);
    assert_eq!(from("poetry.lock", "requests"), ["==2.31.0@25"]);
    assert_eq!(from("poetry.lock", "werkzeug"), ["==2.2.2@47"]);
    let reasons = reasons(&m);
    assert_eq!(reasons.len(), 2, "{reasons:#?}");
    assert_eq!((reasons[0].0.as_str(), reasons[0].1), ("poetry.lock", 33));
    assert!(reasons[0].2.starts_with("git source"));
    assert_eq!(
        (reasons[1].0.as_str(), reasons[1].1),
        ("pyproject.toml", 15)
    );
    assert!(reasons[1].2.starts_with("git dependency"));
}

#[test]
fn uv_lock() {
    let m = collect("uv/uv.lock");
    let certifi = dep(&m, "certifi");
    assert_eq!(
        (declared(certifi).as_str(), certifi.line, certifi.source),
        ("==2022.9.24", 5, ManifestKind::UvLock)
    );
    assert_eq!(dep(&m, "urllib3").line, 14);
    let reasons = reasons(&m);
    assert_eq!(reasons.len(), 2);
    assert_eq!(reasons[0].1, 19);
    assert!(reasons[0].2.starts_with("editable source"));
    assert_eq!(reasons[1].1, 28);
    assert!(reasons[1].2.starts_with("git source"));
}

#[test]
fn pipfile_lock() {
    let m = collect("pipenv");
    let django = dep(&m, "django");
    assert_eq!((declared(django).as_str(), django.line), ("==3.2.0", 19));
    assert_eq!(django.groups, ["default"]);
    assert_eq!(django.marker.as_deref(), Some("python_version >= '3.8'"));
    assert_eq!(dep(&m, "pyyaml").line, 27);
    let werkzeug = dep(&m, "werkzeug");
    assert_eq!(
        (werkzeug.line, werkzeug.groups.as_slice()),
        (38, &["develop".to_owned()][..])
    );
    let reasons = reasons(&m);
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].1, 32);
    assert!(reasons[0].2.starts_with("path source"));
}

#[test]
fn pylock() {
    let m = collect("pylock");
    assert_eq!(m.files, ["tests/fixtures/pylock/pylock.toml"]);
    let requests = dep(&m, "requests");
    assert_eq!(
        (declared(requests).as_str(), requests.line, requests.source),
        ("==2.19.1", 7, ManifestKind::Pylock)
    );
    assert_eq!(dep(&m, "attrs").line, 19);
    let numpy = dep(&m, "numpy");
    assert_eq!(
        (numpy.line, numpy.marker.as_deref()),
        (28, Some("python_version < '3.13'"))
    );
    let reasons = reasons(&m);
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].1, 24);
    assert!(reasons[0].2.starts_with("directory source"));
}

#[test]
fn pep723_script_metadata() {
    let m = collect("script");
    assert_eq!(m.files, ["tests/fixtures/script/fetch_report.py"]);
    let requests = dep(&m, "requests");
    assert_eq!(
        (declared(requests).as_str(), requests.line, requests.source),
        ("==2.19.1", 5, ManifestKind::Script)
    );
    assert_eq!(requests.text, "#   \"requests==2.19.1\",");
    assert_eq!(
        (declared(dep(&m, "rich")).as_str(), dep(&m, "rich").line),
        (">=13", 6)
    );
}

#[test]
fn installed_environment() {
    // The walk skips virtual environments...
    assert!(collect("venv").files.is_empty());
    // ...which --env reads.
    let m = manifest::collect_environment(&fixture("venv")).unwrap();
    let jinja = dep(&m, "jinja2");
    assert_eq!(declared(jinja), "==2.10");
    assert_eq!(jinja.line, 3);
    assert!(jinja.file.ends_with("Jinja2-2.10.dist-info/METADATA"));
    assert_eq!(jinja.source, ManifestKind::Environment);
    // Local labels are dropped; the long description is not read.
    assert_eq!(declared(dep(&m, "numpy")), "==1.26.4");
    assert_eq!(declared(dep(&m, "pyyaml")), "==5.3");
    // No METADATA: name and version come from the directory name.
    assert_eq!(declared(dep(&m, "broken")), "==1.0");
    // site-packages itself works too.
    let direct =
        manifest::collect_environment(&fixture("venv/lib/python3.12/site-packages")).unwrap();
    assert_eq!(direct.dependencies.len(), m.dependencies.len());
    assert!(manifest::collect_environment(&fixture("pip")).is_err());
}
