//! `vigil deps` end to end: every output format of `check`, a SARIF log
//! valid against the 2.1.0 schema and shaped like `check`'s, the walk of
//! `check` (.gitignore, excludes), exit codes and `-o FILE`.

#[path = "../../vigil_report/tests/support/sarif_schema.rs"]
mod sarif_schema;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn vigil(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // An empty cache: the embedded snapshot, whatever the user imported.
        .env("VIGIL_CACHE_DIR", dir.join(".vigil-cache"))
        .output()
        .expect("vigil runs")
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// A project with a vulnerable pin (pyyaml 5.3: two advisories) and code
/// with a finding.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "requirements.txt", "pyyaml==5.3\n");
    write(
        dir.path(),
        "app.py",
        "import hashlib\n\ndef digest(data):\n    return hashlib.md5(data).hexdigest()\n",
    );
    dir
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn sarif(dir: &Path, args: &[&str]) -> Value {
    let out = vigil(dir, args);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad SARIF ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn deps_sarif_is_valid_and_shaped_like_checks() {
    let dir = project();
    let deps = sarif(dir.path(), &["deps", "--format", "sarif"]);
    sarif_schema::assert_valid(&deps);
    let check = sarif(dir.path(), &["check", "--audit", "--format", "sarif"]);
    sarif_schema::assert_valid(&check);

    let (deps_run, check_run) = (&deps["runs"][0], &check["runs"][0]);
    assert_eq!(keys(&deps), keys(&check));
    assert_eq!(keys(deps_run), keys(check_run));
    let (deps_driver, check_driver) = (&deps_run["tool"]["driver"], &check_run["tool"]["driver"]);
    assert_eq!(keys(deps_driver), keys(check_driver));
    assert_eq!(deps_driver["name"], check_driver["name"]);
    assert_eq!(deps_driver["version"], check_driver["version"]);
    assert_eq!(
        keys(&deps_run["properties"]["summary"]),
        keys(&check_run["properties"]["summary"])
    );

    // Results: the same keys and properties as a result of `check` (that
    // has no dataflow path).
    let results = deps_run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let check_result = check_run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r.get("codeFlows").is_none())
        .expect("a check result without a code flow");
    for result in results {
        assert_eq!(keys(result), keys(check_result));
        assert_eq!(
            keys(&result["properties"]),
            keys(&check_result["properties"])
        );
        assert_eq!(
            keys(&result["locations"][0]["physicalLocation"]),
            keys(&check_result["locations"][0]["physicalLocation"])
        );
        assert_eq!(result["ruleId"], "vulnerable-dependency");
        assert!(result["partialFingerprints"]["vigil/v1"].is_string());
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "requirements.txt"
        );
        assert!(
            result["properties"]["help"]
                .as_str()
                .unwrap()
                .starts_with("upgrade pyyaml to")
        );
    }

    // The rule descriptor: documented like `check`'s rules.
    let rule = &deps_driver["rules"][0];
    let check_rule = &check_driver["rules"][0];
    assert_eq!(rule["id"], "vulnerable-dependency");
    assert_eq!(keys(rule), keys(check_rule));
    assert_eq!(keys(&rule["properties"]), keys(&check_rule["properties"]));
    let tags = rule["properties"]["tags"].as_array().unwrap();
    assert!(tags.contains(&"external/cwe/cwe-1395".into()), "{tags:?}");
    assert!(
        rule["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why is this bad?")
    );
}

#[test]
fn deps_writes_every_format_of_check() {
    let dir = project();
    let run = |format: &str| {
        let out = vigil(dir.path(), &["deps", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        stdout(&out)
    };
    let html = run("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("vulnerable-dependency") && html.contains("requirements.txt"));
    let gitlab: Value = serde_json::from_str(&run("gitlab")).unwrap();
    let vulnerabilities = gitlab["vulnerabilities"].as_array().unwrap();
    assert_eq!(vulnerabilities.len(), 2);
    assert_eq!(vulnerabilities[0]["location"]["file"], "requirements.txt");
    let junit = run("junit");
    assert!(junit.contains("<testsuites name=\"vigil\" tests=\"2\" failures=\"2\""));
    assert!(junit.contains("classname=\"requirements.txt\""));
    let csv = run("csv");
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("severity,confidence,rule,cwe,path")
    );
    assert!(lines.all(|l| l.contains(",vulnerable-dependency,CWE-1395,requirements.txt,")));
    let github = run("github");
    assert_eq!(github.lines().count(), 2);
    // The pyyaml 5.3 records give no severity: unknown, an error.
    assert!(
        github
            .lines()
            .all(|l| l.starts_with("::error file=requirements.txt,line=1,"))
    );
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 2);
    assert_eq!(json["vulnerabilities"].as_array().unwrap().len(), 2);
    assert_eq!(json["database"]["source"], "embedded");
    let text = run("text");
    assert!(text.contains("requirements.txt:1:1: unknown vulnerable-dependency"));
    assert!(text.contains("2 known vulnerabilities in 1 package"));
    assert!(text.contains("Database: "));
}

#[test]
fn deps_output_file_and_exit_codes() {
    let dir = project();
    let out = vigil(dir.path(), &["deps", "-f", "sarif", "-o", "deps.sarif"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("deps.sarif")).unwrap())
            .unwrap();
    sarif_schema::assert_valid(&log);
    // Both advisories give no severity: unknown fails every threshold.
    let out = vigil(dir.path(), &["deps", "--severity", "critical"]);
    assert_eq!(out.status.code(), Some(1));
    let out = vigil(
        dir.path(),
        &[
            "deps",
            "--ignore",
            "PYSEC-2020-96",
            "--ignore",
            "CVE-2020-14343",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Ignored:"));
    let out = vigil(dir.path(), &["deps", "missing-dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read missing-dir"));
    let out = vigil(dir.path(), &["deps", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deps_walks_like_check() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "svc/requirements.txt", "pyyaml==5.3\n");
    write(dir.path(), "vendored/requirements.txt", "jinja2==2.10\n");
    write(dir.path(), "build/requirements.txt", "jinja2==2.10\n");
    write(dir.path(), "old/requirements.txt", "jinja2==2.10\n");
    write(dir.path(), ".gitignore", "vendored/\n");
    write(dir.path(), "vigil.toml", "extend-exclude = [\"old\"]\n");
    let json = |args: &[&str]| -> Value {
        let mut all = vec!["deps", "--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_slice(&vigil(dir.path(), &all).stdout).unwrap()
    };
    let packages = |report: &Value| -> BTreeSet<String> {
        report["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}:{}",
                    d["file"].as_str().unwrap(),
                    d["name"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        packages(&json(&[])),
        BTreeSet::from(["svc/requirements.txt:pyyaml".to_owned()])
    );
    let out = vigil(dir.path(), &["deps", "--exclude", "svc"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no dependency files found"));
    // A file named explicitly is read whatever the excludes say.
    assert_eq!(
        packages(&json(&["old/requirements.txt"])),
        BTreeSet::from(["old/requirements.txt:jinja2".to_owned()])
    );
}

#[test]
fn deps_configuration_is_checked() {
    let dir = project();
    write(
        dir.path(),
        "vigil.toml",
        "[deps]\nignore = [{ id = \"PYSEC-2020-96\", reson = \"typo\" }]\n",
    );
    let out = vigil(dir.path(), &["deps"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("reson"), "{err}");
}

#[test]
fn db_commands_use_the_cache_directory() {
    let dir = tempfile::tempdir().unwrap();
    let status = |format: &str| vigil(dir.path(), &["db", "status", "--format", format]);
    let out = status("json");
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["source"], "embedded");
    assert_eq!(json["location"], "built into vigil");
    let out = vigil(dir.path(), &["db", "import", "missing.zip"]);
    assert_eq!(out.status.code(), Some(2));
    let osv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../vigil_deps/tests/fixtures/osv");
    let out = vigil(dir.path(), &["db", "import", osv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("imported 6 advisories (GHSA 2, MAL 1, PYSEC 3)"));
    let text = stdout(&status("text"));
    assert!(text.starts_with("Database:      imported"), "{text}");
    assert!(dir.path().join(".vigil-cache/osv-pypi.vdb").is_file());
}

/// Issue #18 item 6a: `vigil deps --severity high` exited 0 on django 3.2.0
/// (25 advisories, a CVSS 9.8 SQL injection among them) because advisories
/// without a severity were called medium.
#[test]
fn advisories_without_severity_fail_every_threshold() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "requirements.txt", "django==3.2.0\n");
    let out = vigil(dir.path(), &["deps", "--severity", "high"]);
    assert_eq!(out.status.code(), Some(1));
    let out = vigil(dir.path(), &["deps", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let vulns = json["vulnerabilities"].as_array().unwrap();
    assert_eq!(vulns.len(), 25);
    assert!(vulns.iter().all(|v| v["severity"] == "unknown"));
    // Item 6c: one upgrade clears all of them, the lowest that does.
    assert!(vulns.iter().all(|v| v["fix_version"] == "3.2.25"));
    assert_eq!(json["summary"]["by_severity"]["unknown"], 25);
}

/// Item 6b: every report states the database's date and warns when old.
#[test]
fn every_report_states_the_database_date() {
    let dir = project();
    let out = vigil(dir.path(), &["deps"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("days old (older than 30)"), "{stderr}");
    assert!(stdout(&out).contains("snapshot 2024-10-10"));
    let log = sarif(dir.path(), &["deps", "--format", "sarif"]);
    let database = &log["runs"][0]["properties"]["database"];
    assert_eq!(database["snapshot_date"], "2024-10-10");
    assert_eq!(database["stale"], true);
    let out = vigil(dir.path(), &["check", "--deps", ".", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["database"]["snapshot_date"], "2024-10-10");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("snapshot 2024-10-10"), "{stderr}");
    let log = sarif(dir.path(), &["check", "--deps", ".", "--format", "sarif"]);
    sarif_schema::assert_valid(&log);
    assert_eq!(
        log["runs"][0]["properties"]["database"]["snapshot_date"],
        "2024-10-10"
    );
}

/// Items 6d and 9: an unparseable manifest fails the run, naming the file
/// and the reason; the inputs `pep508_rs` panicked on (exit 101, no output)
/// are such errors.
#[test]
fn unparseable_manifests_fail_the_run() {
    for text in [
        "a.==1.0\n",
        "a==1;python_version<\"3\"\u{e9}\n",
        "[project\n",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let name = if text.starts_with('[') {
            "pyproject.toml"
        } else {
            "requirements.txt"
        };
        write(dir.path(), name, text);
        for args in [&["deps"][..], &["check", "--deps", "."][..]] {
            let out = vigil(dir.path(), args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?} {text:?}: {stderr}");
            assert!(stderr.contains(name), "{stderr}");
        }
    }
}

/// Item 6f: `vulnerable-dependency` is a rule like the others.
#[test]
fn vulnerable_dependency_is_a_rule() {
    let dir = project();
    let out = vigil(dir.path(), &["rule", "vulnerable-dependency"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("## What it does"));
    let out = vigil(
        dir.path(),
        &[
            "check",
            "--deps",
            ".",
            "--ignore",
            "vulnerable-dependency",
            "--format",
            "json",
        ],
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "vulnerable-dependency"),
        "{json}"
    );
    let out = vigil(dir.path(), &["deps", "--ignore", "vulnerable-dependency"]);
    assert_eq!(out.status.code(), Some(0));
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.vigil.per-file-ignores]\n\"requirements.txt\" = [\"vulnerable-dependency\"]\n",
    );
    let out = vigil(dir.path(), &["deps"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = vigil(dir.path(), &["check", "--deps", ".", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "vulnerable-dependency")
    );
}

/// Item 13: a token in a requirement is masked in the code frame of every
/// format and in the not-checked list.
#[test]
fn credentials_in_requirements_are_masked_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    write(
        dir.path(),
        "requirements.txt",
        &format!(
            "pyyaml==5.3 --index-url https://user:Sup3rSecretPass@pypi.corp/simple\n\
             tool @ git+https://{token}@github.com/o/tool.git\n"
        ),
    );
    for format in [
        "text", "json", "sarif", "html", "github", "gitlab", "junit", "csv",
    ] {
        let out = vigil(dir.path(), &["deps", "--format", format]);
        let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
        assert!(!all.contains("Sup3rSecretPass"), "{format}: {all}");
        assert!(!all.contains("abcdefghijklmnop"), "{format}: {all}");
    }
}

/// Issue #18 item 6g: `db import` prints the advisory counts before and
/// after, refuses to replace a large database with a much smaller one
/// unless forced (keeping it and saying why), and `db reset` returns to the
/// embedded snapshot.
#[test]
fn db_import_guards_the_database_and_reset_returns_to_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../vigil_deps/data/pypi-advisories-2024-10-10.zip");
    let osv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../vigil_deps/tests/fixtures/osv");
    let store = dir.path().join(".vigil-cache/osv-pypi.vdb");

    let out = vigil(dir.path(), &["db", "import", snapshot.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.contains(
            "advisories: 2,651 now, 2,651 before: 2,651 advisories (the embedded snapshot, no imported database)"
        ),
        "{text}"
    );
    let before = std::fs::read(&store).unwrap();

    // 6 advisories would replace 2,651: refused, the database kept.
    let out = vigil(dir.path(), &["db", "import", osv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stdout(&out).is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("refusing to replace"), "{err}");
    assert!(err.contains("2,651 advisories"), "{err}");
    assert!(err.contains("with 6 advisories"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert!(err.contains("the current database is kept"), "{err}");
    assert_eq!(std::fs::read(&store).unwrap(), before);

    let out = vigil(
        dir.path(),
        &["db", "import", "--force", osv.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("advisories: 6 now, 2,651 before"), "{text}");
    assert!(text.contains("imported from"), "{text}");

    let out = vigil(dir.path(), &["db", "reset"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.starts_with("removed the imported database")
            && text.contains("6 advisories")
            && text
                .contains("vigil now uses the embedded snapshot of 2024-10-10 (2,651 advisories)"),
        "{text}"
    );
    assert!(!store.exists());
    let out = vigil(dir.path(), &["db", "status", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["source"], "embedded");
    let out = vigil(dir.path(), &["db", "reset"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).starts_with("no imported database at"),
        "{}",
        stdout(&out)
    );
}

/// Walk errors of the dependency audit: a folder the walk cannot enter (a
/// path too long for the system) fails the run like an unparseable
/// manifest, named on standard error and in the report.
#[test]
fn a_folder_deps_cannot_enter_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "requirements.txt", "flask==3.0.0\n");
    let name = "d".repeat(250);
    let script = format!(
        "cd \"$1\" && for i in $(seq 20); do mkdir {name} && cd -P {name} || exit 1; done && \
         printf 'jinja2==2.10\\n' > requirements.txt"
    );
    let built = Command::new("sh")
        .args(["-c", &script, "sh"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(built.success());
    let out = vigil(dir.path(), &["deps", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read") && err.contains("not audited"),
        "{err}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json.to_string().contains("not audited"), "{json}");
}

/// Issue #18 item 6e: `vigil deps .` run inside a uv workspace member finds
/// the root's `uv.lock` upward: the member's range is audited through the
/// locked version, not listed as not pinned.
#[test]
fn deps_in_a_uv_workspace_member_uses_the_root_lock() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "pyproject.toml",
        "[project]\nname = \"root\"\nversion = \"0\"\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
    );
    write(
        root,
        "packages/api/pyproject.toml",
        "[project]\nname = \"api\"\nversion = \"0\"\ndependencies = [\"pyyaml>=5\"]\n",
    );
    write(
        root,
        "uv.lock",
        "version = 1\n\n[[package]]\nname = \"api\"\nversion = \"0\"\nsource = { editable = \"packages/api\" }\n\
         dependencies = [{ name = \"pyyaml\" }]\n\n\
         [[package]]\nname = \"pyyaml\"\nversion = \"5.3\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
    );
    let member = root.join("packages/api");
    for (cwd, path) in [(root, "packages/api"), (member.as_path(), ".")] {
        let out = vigil(cwd, &["deps", path, "--format", "json"]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let text = json.to_string();
        assert!(text.contains("PYSEC-2020-96"), "{text}");
        assert!(!text.contains("not pinned"), "{text}");
    }
}
