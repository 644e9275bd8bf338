//! The command line's output for people and for machines: machine-readable
//! reports are never mixed with tables, notebook locations can be
//! followed, concise output is one line per finding, errors name their
//! real cause, `vigil rules` is a table (issue #18, items 18 to 22).

mod common;

use common::{stderr, stdout, vigil, write};
use std::path::Path;
use std::process::Command;

/// A view that builds a shell command from two query parameters.
const VIEW: &str = "import os\nfrom flask import request\n\n\ndef listing():\n    cmd = \"ls \" + request.args[\"a\"] + \" -l \" + request.args[\"b\"]\n    os.system(cmd)\n";

#[test]
fn statistics_never_corrupt_a_machine_readable_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "views.py", VIEW);
    for format in ["json", "sarif", "gitlab", "junit", "csv", "github", "html"] {
        let out = vigil(
            dir.path(),
            &["check", ".", "--format", format, "--statistics", "-q"],
        );
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(!text.contains("count  rule"), "{format}: table in stdout");
        if matches!(format, "json" | "sarif" | "gitlab") {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{format}: {e}\n{text}"));
        }
        assert!(stderr(&out).contains("count  rule"), "{format}: no table");
    }
    // Text output keeps the table on stdout; a report written to a file
    // leaves stdout to the table.
    let out = vigil(dir.path(), &["check", ".", "--statistics"]);
    assert!(stdout(&out).contains("count  rule"));
    let out = vigil(
        dir.path(),
        &["check", ".", "-f", "json", "-o", "r.json", "--statistics"],
    );
    assert!(stdout(&out).contains("count  rule"));
    // Two reports on stdout would be one corrupt document.
    let out = vigil(
        dir.path(),
        &["check", ".", "-f", "json", "--output-format", "sarif"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard output"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn show_baselined_never_corrupts_a_machine_readable_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "views.py", VIEW);
    assert!(
        vigil(
            dir.path(),
            &["check", ".", "--write-baseline", "b.json", "-q"]
        )
        .status
        .code()
        .is_some()
    );
    let out = vigil(
        dir.path(),
        &[
            "check",
            ".",
            "-f",
            "json",
            "--baseline",
            "b.json",
            "--show-baselined",
            "-q",
        ],
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("valid JSON");
    assert!(stderr(&out).contains("hidden by the baseline"));
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "views.py", VIEW);
    write(
        dir.path(),
        "tasks.py",
        "import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n",
    );
    let out = vigil(dir.path(), &["check", ".", "--concise", "--audit"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // Every line but the summary is a finding, with its message.
    let (summary, findings) = lines.split_last().unwrap();
    assert!(summary.contains("findings"), "{text}");
    assert!(findings.len() >= 2, "{text}");
    for line in findings {
        assert!(
            line.starts_with("views.py:") || line.starts_with("tasks.py:"),
            "not a finding line: {line:?}\n{text}"
        );
    }
    assert!(
        findings
            .iter()
            .any(|l| l.contains("command-injection") && l.contains("os.system")),
        "{text}"
    );
}

#[test]
fn a_concatenation_is_one_dataflow_step() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "views.py", VIEW);
    let out = vigil(dir.path(), &["check", ".", "-f", "json", "-q"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flow = report["findings"][0]["flow"].as_array().unwrap();
    let places: Vec<(u64, u64, &str)> = flow
        .iter()
        .map(|s| {
            (
                s["line"].as_u64().unwrap(),
                s["column"].as_u64().unwrap(),
                s["note"].as_str().unwrap(),
            )
        })
        .collect();
    let concatenations = places
        .iter()
        .filter(|p| p.2 == "concatenated into a string")
        .count();
    assert_eq!(concatenations, 1, "{places:?}");
    let mut unique = places.clone();
    unique.dedup();
    assert_eq!(unique, places, "repeated steps");
}

#[test]
fn a_config_file_finding_on_a_last_line_without_newline_has_its_frame() {
    let dir = tempfile::tempdir().unwrap();
    let token = "xoxb-263541786021-2837465019283-Qm7vT2xLp9ZrK4wN8sJd3FhY";
    write(dir.path(), ".env", format!("DEBUG=1\nSLACK_TOKEN={token}"));
    let out = vigil(dir.path(), &["check", "."]);
    let text = stdout(&out);
    assert!(text.contains(".env:2:"), "{text}");
    assert!(
        text.contains("2 | SLACK_TOKEN=xoxb"),
        "no code frame:\n{text}"
    );
    assert!(!text.contains(token), "secret printed whole");
}

/// A notebook: a token in a code cell and printed in an output; a
/// dataflow in the third cell.
fn notebook(dir: &Path) {
    let token = "xoxb-263541786021-2837465019283-Qm7vT2xLp9ZrK4wN8sJd3FhY";
    let doc = serde_json::json!({
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Explore\n"]},
            {"cell_type": "code", "metadata": {}, "execution_count": 1,
             "outputs": [{"name": "stdout", "output_type": "stream",
                          "text": ["connected\n", format!("token {token}\n")]}],
             "source": ["import os\n", format!("SLACK_TOKEN = \"{token}\"\n"), "print('connected')\n"]},
            {"cell_type": "code", "metadata": {}, "execution_count": 2, "outputs": [],
             "source": ["name = input()\n", "cmd = \"ls \" + name\n", "os.system(cmd)"]}
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5
    });
    write(
        dir,
        "explore.ipynb",
        serde_json::to_string_pretty(&doc).unwrap(),
    );
}

/// The 1-based line of `dir/explore.ipynb` that contains `needle`.
fn document_line(dir: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(dir.join("explore.ipynb")).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

#[test]
fn notebook_output_secrets_are_found_beside_code_cell_secrets() {
    let dir = tempfile::tempdir().unwrap();
    notebook(dir.path());
    let out = vigil(dir.path(), &["check", ".", "-f", "json", "-q"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tokens: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "hardcoded-token")
        .collect();
    assert_eq!(tokens.len(), 2, "{report:#}");
    assert!(tokens.iter().any(|f| {
        f["message"]
            .as_str()
            .unwrap()
            .contains("in output 1 of cell 2")
    }));
}

#[test]
fn notebook_dataflow_steps_carry_cell_and_line() {
    let dir = tempfile::tempdir().unwrap();
    notebook(dir.path());
    let out = vigil(dir.path(), &["check", ".", "-q"]);
    let text = stdout(&out);
    assert!(
        text.contains("explore.ipynb:cell 3:1:8 `input()`"),
        "{text}"
    );
    assert!(text.contains("explore.ipynb:cell 3:3:1 reaches"), "{text}");
    let out = vigil(dir.path(), &["check", ".", "-f", "json", "-q"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "command-injection")
        .unwrap();
    let first = &finding["flow"][0];
    assert_eq!((&first["cell"], &first["line"]), (&3.into(), &1.into()));
}

#[test]
fn notebook_locations_in_sarif_and_github_open_the_document() {
    let dir = tempfile::tempdir().unwrap();
    notebook(dir.path());
    let sink_line = document_line(dir.path(), "os.system(cmd)");
    let source_line = document_line(dir.path(), "name = input()");
    let out = vigil(dir.path(), &["check", ".", "-f", "sarif", "-q"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "command-injection")
        .unwrap();
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "explore.ipynb");
    assert_eq!(physical["region"]["startLine"], sink_line);
    assert!(physical.get("contextRegion").is_none());
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with("(cell 3, line 3)")
    );
    assert_eq!(result["properties"]["notebookCell"], 3);
    let steps = &result["codeFlows"][0]["threadFlows"][0]["locations"];
    assert_eq!(
        steps[0]["location"]["physicalLocation"]["region"]["startLine"],
        source_line
    );
    let out = vigil(dir.path(), &["check", ".", "-f", "github", "-q"]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("command-injection"))
        .unwrap();
    assert!(
        line.starts_with(&format!(
            "::error file=explore.ipynb,line={sink_line},title=command-injection (critical) in cell 3%2C line 3::"
        )),
        "{line}"
    );
    let out = vigil(dir.path(), &["check", ".", "-f", "gitlab", "-q"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let v = report["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["identifiers"][0]["value"] == "command-injection")
        .unwrap();
    assert_eq!(v["location"]["start_line"], sink_line);
}

#[test]
fn a_bad_exclude_flag_blames_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", "x = 1\n");
    let out = vigil(dir.path(), &["check", ".", "--exclude", "["]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("--exclude"), "{err}");
    assert!(!err.contains("vigil.toml"), "{err}");
}

#[test]
fn a_config_file_named_on_the_command_line_may_hold_tool_vigil() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app.py",
        "import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n",
    );
    write(
        dir.path(),
        "ci/other.toml",
        "[tool.vigil]\nignore = [\"unsafe-deserialization\"]\n\n[tool.black]\nline-length = 99\n",
    );
    assert_eq!(vigil(dir.path(), &["check", "."]).status.code(), Some(1));
    let out = vigil(dir.path(), &["check", ".", "--config", "ci/other.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn configuration_errors_give_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", "x = 1\n");
    write(dir.path(), "vigil.toml", "audit = true\nselekt = [\"x\"]\n");
    let out = vigil(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("line 2, column 1"), "{err}");
    assert!(!err.contains("byte"), "{err}");
}

#[test]
fn a_failed_database_update_says_the_current_one_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["db", "update", "--url", "http://127.0.0.1:9/all.zip"])
        .current_dir(dir.path())
        .env("VIGIL_CACHE_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("the current database is kept"), "{err}");
}

#[test]
fn rules_is_a_table_with_a_header() {
    let dir = tempfile::tempdir().unwrap();
    let out = vigil(dir.path(), &["rules"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("RULE "), "{}", lines[0]);
    // Aligned: every column starts where its header does.
    let category_at = lines[0].find("CATEGORY").unwrap();
    for line in &lines[1..] {
        let chars: Vec<char> = line.chars().collect();
        assert_eq!(chars[category_at - 1], ' ', "{line}");
        assert_ne!(chars[category_at], ' ', "{line}");
    }
}

#[test]
fn rules_filters_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let out = vigil(dir.path(), &["rules", "--category", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown --category"),
        "{}",
        stderr(&out)
    );
    let out = vigil(dir.path(), &["rules", "--category", "injektion"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean \"injection\""),
        "{}",
        stderr(&out)
    );
    let by_number = stdout(&vigil(dir.path(), &["rules", "--cwe", "78"]));
    let by_name = vigil(dir.path(), &["rules", "--cwe", "CWE-78"]);
    assert_eq!(by_name.status.code(), Some(0), "{}", stderr(&by_name));
    assert_eq!(stdout(&by_name), by_number);
    assert!(by_number.contains("command-injection"));
    let out = vigil(dir.path(), &["rules", "--cwe", "seventy"]);
    assert_eq!(out.status.code(), Some(2));
}

fn repository_root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn rule_titles_are_one_short_sentence_and_no_url_is_a_placeholder() {
    let fixtures = repository_root().join("crates/vigil_rules/tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let sarif = vigil(
        dir.path(),
        &[
            "check",
            fixtures.to_str().unwrap(),
            "--audit",
            "-f",
            "sarif",
            "-q",
            "--no-config",
        ],
    );
    let text = stdout(&sarif);
    let placeholder = concat!("example", ".invalid");
    assert!(!text.contains(placeholder));
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let driver = &log["runs"][0]["tool"]["driver"];
    if let Some(uri) = driver.get("informationUri") {
        assert!(!uri.as_str().unwrap().contains(".invalid"), "{uri}");
    }
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() > 50);
    let mut titles = std::collections::BTreeMap::new();
    for rule in rules {
        let short = rule["shortDescription"]["text"].as_str().unwrap();
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        let id = rule["id"].as_str().unwrap();
        assert!(short.chars().count() <= 160, "{id}: {short}");
        assert!(!short.contains(". "), "{id}: more than a sentence: {short}");
        assert!(full.len() >= short.len(), "{id}");
        titles.insert(id.to_string(), short.to_string());
    }
    let gitlab = vigil(
        dir.path(),
        &[
            "check",
            fixtures.to_str().unwrap(),
            "--audit",
            "-f",
            "gitlab",
            "-q",
            "--no-config",
        ],
    );
    let text = stdout(&gitlab);
    assert!(!text.contains(placeholder));
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let scanner = &report["scan"]["scanner"];
    if let Some(url) = scanner.get("url") {
        assert!(!url.as_str().unwrap().contains(".invalid"), "{url}");
    }
    for v in report["vulnerabilities"].as_array().unwrap() {
        let id = v["identifiers"][0]["value"].as_str().unwrap();
        assert_eq!(
            v["name"].as_str(),
            titles.get(id).map(String::as_str),
            "{id}"
        );
    }
}

#[test]
fn no_placeholder_url_in_the_repository() {
    let placeholder = concat!("example", ".invalid");
    // The repository's own files (not build output or downloaded corpora).
    let root = repository_root();
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(&root)
        .output();
    let Some(listed) = listed.ok().filter(|o| o.status.success()) else {
        return; // Not a git checkout (an unpacked sdist): nothing to list.
    };
    let found: Vec<String> = listed
        .stdout
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| root.join(String::from_utf8_lossy(name).as_ref()))
        .filter(|path| std::fs::read_to_string(path).is_ok_and(|text| text.contains(placeholder)))
        .map(|path| path.display().to_string())
        .collect();
    assert!(found.is_empty(), "placeholder URLs in {found:?}");
}

#[test]
fn a_settings_module_s_credentials_are_found() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "shop/settings/production.py",
        concat!(
            "from .base import *  # noqa\n",
            "\n",
            "AWS_ACCESS_KEY_ID = \"AKIA2OGYBAH6QZDJ3UXF\"\n",
            "AWS_STORAGE_BUCKET_NAME = \"shop-media\"\n",
            "BILLING_API_TOKEN = \"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzZXJ2aWNlLWJpbGxpbmciLCJpYXQiOjE3MTY5MDAwMDB9.kR3vX9qZ2mB7nL4pT8wY1cH6jF0sD5aE3uG9iK2oQ7M\"\n",
            "SAML_PRIVATE_KEY = \"\"\"-----BEGIN PRIVATE KEY-----\n",
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n",
            "...\n",
            "-----END PRIVATE KEY-----\"\"\"\n",
        ),
    );
    let out = vigil(dir.path(), &["check", ".", "-f", "json", "-q"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(u64, &str, &str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap(),
                f["confidence"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    let at = |line: u64| found.iter().find(|f| f.0 == line);
    assert!(
        at(3).is_some_and(|f| f.1 == "hardcoded-token" && f.3.contains("AWS access key")),
        "{found:?}"
    );
    assert!(
        at(5).is_some_and(|f| f.1 == "hardcoded-token" && f.3.contains("JSON Web Token")),
        "{found:?}"
    );
    // Truncated: still a committed private key, with low confidence.
    assert!(
        at(6).is_some_and(|f| f.1 == "hardcoded-private-key" && f.2 == "low"),
        "{found:?}"
    );
    assert!(
        !stdout(&out).contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj")
    );
}
