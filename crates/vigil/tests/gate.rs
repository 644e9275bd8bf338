//! A gate that never passes silently: what the user names is scanned, what
//! is left out is counted, files left unanalysed fail the run, and no file
//! crashes the process or exhausts its memory (issue #18, items 1, 3, 4, 7
//! and 8).

mod common;

use common::{check_json as check, vigil, write};
use std::process::Command;

/// `path:rule` of each finding.
fn found(report: &serde_json::Value) -> Vec<String> {
    let mut found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}",
                f["path"].as_str().unwrap(),
                f["rule"].as_str().unwrap()
            )
        })
        .collect();
    found.sort();
    found
}

fn errors(report: &serde_json::Value) -> String {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}: {}\n",
                e["path"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect()
}

const INJECTION: &str = "import os\n\ndef run():\n    os.system('ls ' + input())\n";

#[test]
fn a_path_the_user_names_is_scanned_whatever_its_parents_are_called() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pip = ".venv/lib/python3.11/site-packages/pip";
    write(d, &format!("{pip}/__init__.py"), "");
    write(d, &format!("{pip}/_internal/__init__.py"), "");
    write(d, &format!("{pip}/_internal/operations/__init__.py"), "");
    // A package named like a default exclude is code, not build output.
    write(
        d,
        &format!("{pip}/_internal/operations/build/__init__.py"),
        "",
    );
    write(
        d,
        &format!("{pip}/_internal/operations/build/wheel.py"),
        INJECTION,
    );
    // A build folder that is not a package is still left out.
    write(d, &format!("{pip}/build/lib/copy.py"), INJECTION);
    let (code, report) = check(d, &[pip]);
    assert_eq!(code, 1);
    assert_eq!(
        found(&report),
        [format!(
            "{pip}/_internal/operations/build/wheel.py:command-injection"
        )]
    );
    assert_eq!(report["summary"]["excluded"]["default excludes"], 1);
    // From the top, the virtual environment itself is left out, and said so.
    let (code, report) = check(d, &["."]);
    assert_eq!(code, 2, "nothing analysed is not a pass");
    assert_eq!(report["summary"]["excluded"]["default excludes"], 1);
}

#[test]
fn an_audited_tree_cannot_hide_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "repo/app/views.py", INJECTION);
    write(d, "repo/.ignore", "*.py\n");
    write(d, "repo/.gitignore", "app/\n");
    write(
        d,
        "repo/pyproject.toml",
        "[tool.vigil]\nextend-exclude = [\"**\"]\n",
    );
    // The developer's own configuration and ignore files are honoured...
    let (code, report) = check(d, &["repo"]);
    assert_eq!(code, 2);
    assert!(found(&report).is_empty());
    assert!(report["summary"]["excluded"]["configuration"].as_u64() > Some(0));
    // ... an audit reads neither.
    let (code, report) = check(d, &["repo", "--audit"]);
    assert_eq!(code, 1);
    assert!(found(&report).contains(&"repo/app/views.py:command-injection".to_string()));
    // --no-ignore alone leaves the configuration in charge.
    write(d, "repo/pyproject.toml", "[tool.vigil]\n");
    let (code, report) = check(d, &["repo"]);
    assert_eq!(
        code, 0,
        "only pyproject.toml is left to check (for secrets)"
    );
    assert_eq!(report["summary"]["files_scanned"], 1);
    assert_eq!(report["summary"]["excluded"]["ignore files"], 1);
    let (code, report) = check(d, &["repo", "--no-ignore"]);
    assert_eq!(code, 1, "{report}");
    // A huge or broken configuration of an audited tree does not stop it.
    let huge = format!("[tool.vigil]\nx = [{}]\n", "1,".repeat(1_000_000));
    write(d, "repo/pyproject.toml", &huge);
    let (code, report) = check(d, &["repo", "--audit", "--ignore", "hardcoded-password"]);
    assert!(found(&report).contains(&"repo/app/views.py:command-injection".to_string()));
    assert_eq!(code, 1);
    let out = vigil(d, &["check", "repo"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a configuration file may have"));
    write(d, "repo/pyproject.toml", "[tool.vigil\nbroken");
    let (code, _) = check(d, &["repo", "--audit"]);
    assert_eq!(code, 1);
}

#[test]
fn files_left_unanalysed_fail_the_run_and_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ok.py", INJECTION);
    write(d, "binary.py", b"\x00\x01\x02");
    let (code, report) = check(d, &["."]);
    assert_eq!(code, 2);
    assert!(errors(&report).contains("binary.py: binary file"));
    let (code, _) = check(d, &[".", "--allow-unanalysed"]);
    assert_eq!(code, 1);
    // A syntax error is a caveat: the rest of the file is analysed.
    std::fs::remove_file(d.join("binary.py")).unwrap();
    write(d, "typo.py", "def f(:\n    pass\n");
    let (code, report) = check(d, &["."]);
    assert_eq!(code, 1);
    assert!(errors(&report).contains("typo.py: syntax error"));
}

#[cfg(unix)]
#[test]
fn a_folder_the_walk_cannot_enter_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ok.py", "x = 1\n");
    // A path longer than the system allows, built one folder at a time.
    let mut deep = d.to_path_buf();
    for c in 'a'..='t' {
        let name: String = std::iter::repeat_n(c, 250).collect();
        let made = Command::new("mkdir").arg(&name).current_dir(&deep).status();
        if made.map(|s| !s.success()).unwrap_or(true) {
            return; // The file system refuses before the walk could.
        }
        deep.push(name);
    }
    let (code, report) = check(d, &["."]);
    assert_eq!(code, 2);
    assert!(errors(&report).contains("cannot read"), "{report}");
}

#[test]
fn valid_python_is_analysed_however_long_its_chains() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sum = vec!["1"; 1_001].join("+");
    let text = vec!["'a'"; 1_200].join(" + ");
    let attribute = format!("a{}", ".b".repeat(1_001));
    write(
        d,
        "long.py",
        format!("import os\nx = {sum}\ny = {text}\nz = {attribute}\nos.system(input())\n"),
    );
    let (code, report) = check(d, &["."]);
    assert_eq!(code, 1);
    assert_eq!(found(&report), ["long.py:command-injection"]);
    assert_eq!(errors(&report), "");
    // Deeper than CPython compiles: that expression is cut, the rest
    // analysed, and the run not failed for it.
    let chain = vec!["a"; 100_000].join(" + ");
    write(
        d,
        "long.py",
        format!("import os\nx = {chain}\nos.system(input())\n"),
    );
    let (code, report) = check(d, &["."]);
    assert_eq!(code, 1);
    assert_eq!(found(&report), ["long.py:command-injection"]);
    assert!(errors(&report).contains("long.py: the expression at 2:5 nests more than 3000"));
}

#[test]
fn no_file_crashes_the_process_and_text_checks_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let crash = format!(
        "{}{}{}",
        "[".repeat(40_000),
        "]".repeat(20_000),
        "[".repeat(1_000)
    );
    write(d, "crash.py", &crash);
    let key = "AKIA".to_string() + "Q3EGRMLDZ7XK2B5N";
    write(
        d,
        "hidden.py",
        format!(
            "KEY = '{key}'\nx = {}1\n# admin\u{202e} \u{2066}\n",
            "-".repeat(100_000)
        ),
    );
    write(d, "ok.py", INJECTION);
    write(d, "setup.py", &crash);
    let (code, report) = check(d, &["."]);
    assert_eq!(code, 2);
    let found = found(&report);
    assert!(
        found.contains(&"ok.py:command-injection".to_string()),
        "{found:?}"
    );
    let count = |wanted: &str| found.iter().filter(|f| *f == wanted).count();
    assert_eq!(count("hidden.py:hardcoded-token"), 1, "{found:?}");
    assert!(count("hidden.py:trojan-source") >= 1, "{found:?}");
    let errors = errors(&report);
    assert!(
        errors.contains("crash.py: brackets and operators nest more than 5000"),
        "{errors}"
    );
    // The dependency audit reads setup.py too.
    let out = vigil(d, &["deps", "."]);
    assert!(out.status.code().is_some(), "killed by a signal");
}

#[cfg(unix)]
#[test]
fn hostile_nesting_stays_within_a_gigabyte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Each took 4 to 8 GB before any limit could refuse it.
    write(d, "lists.py", format!("x = {}", "[".repeat(4_000_000)));
    write(d, "unary.py", format!("x = {}1", "-".repeat(4_000_000)));
    write(d, "parens.py", format!("x = {}1", "(".repeat(4_000_000)));
    write(d, "ok.py", INJECTION);
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1000000 && exec '{}' check . --quiet --format json",
            env!("CARGO_BIN_EXE_vigil")
        ))
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found(&report), ["ok.py:command-injection"]);
}
