//! End-to-end tests of the `vigil` binary: exit codes, formats,
//! suppressions, configuration, cross-module resolution and hostile input.

mod common;

use common::{check_json as json, vigil, write};
use std::process::Command;

fn rules_of(report: &serde_json::Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn errors_of(report: &serde_json::Value) -> Vec<String> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                e["path"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn exit_codes_follow_findings_and_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "safe.py",
        "import subprocess\nsubprocess.run(['ls'])\n",
    );
    assert_eq!(
        vigil(dir.path(), &["check", "safe.py"]).status.code(),
        Some(0)
    );
    write(dir.path(), "bad.py", "import os\nos.system(input())\n");
    assert_eq!(vigil(dir.path(), &["check", "."]).status.code(), Some(1));
    assert_eq!(
        vigil(dir.path(), &["check", ".", "--exit-zero"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        vigil(dir.path(), &["check", "missing.py"]).status.code(),
        Some(2)
    );
    assert_eq!(
        vigil(dir.path(), &["check", "--select", "no-such-rule"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        vigil(dir.path(), &["check", "--severity", "extreme"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        vigil(dir.path(), &["check", "--format", "pdf"])
            .status
            .code(),
        Some(2)
    );
    // `input()` reaching a shell is a critical command injection ...
    assert_eq!(
        vigil(dir.path(), &["check", "--severity", "critical"])
            .status
            .code(),
        Some(1)
    );
    // ... a shell command from a parameter is a high pattern finding, which
    // the `critical` threshold hides.
    write(
        dir.path(),
        "bad.py",
        "import os

def f(cmd):
    os.system(cmd)
",
    );
    assert_eq!(
        vigil(dir.path(), &["check", "--severity", "critical"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn json_report_has_every_field() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app.py",
        "import os\n\ndef f(x):\n    os.system('ls ' + x)\n",
    );
    let (code, report) = json(dir.path(), &["app.py"]);
    assert_eq!(code, 1);
    let finding = &report["findings"][0];
    for key in [
        "rule",
        "severity",
        "confidence",
        "cwe",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "help",
        "fingerprint",
    ] {
        assert!(!finding[key].is_null(), "missing {key}");
    }
    assert_eq!(finding["rule"], "os-shell-command");
    assert_eq!(finding["path"], "app.py");
    assert_eq!(finding["line"], 4);
    assert_eq!(finding["column"], 5);
    assert_eq!(finding["end_column"], 25);
    assert_eq!(finding["cwe"][0], 78);
    assert!(report["version"].is_string());
    assert_eq!(report["summary"]["files_scanned"], 1);
}

#[test]
fn suppression_comments() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "s.py",
        "\
import os, subprocess
os.system(input())  # nosec
os.system(input())  # nosec B605
os.system(input())  # nosec B101
os.system(input())  # noqa: S605
os.system(input())  # noqa
os.system(input())  # vigil: ignore[command-injection]
os.system(input())  # vigil: ignore[weak-hash]
os.system(  # nosec B605
    input(),
)
os.system(
    input(),
)  # noqa: S605
os.system(input())  # vigil: ignore[os-shell-command]
subprocess.run(input(), shell=True)  # vigil: ignore[subprocess-shell-true]
subprocess.run(input(), shell=True)  # vigil: ignore[os-shell-command]
",
    );
    let (_, report) = json(dir.path(), &["s.py"]);
    let lines: Vec<u64> = rules_of(&report)
        .into_iter()
        .map(|(_, _, line)| line)
        .collect();
    // A dataflow finding replaces the pattern finding at its sink; naming
    // the pattern rule (as written before the dataflow engine saw the flow)
    // still hides it, naming an unrelated pattern rule does not.
    assert_eq!(lines, vec![4, 6, 8, 17]);
    assert_eq!(report["summary"]["suppressed"], 8);
}

#[test]
fn configuration_file_and_per_file_ignores() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.vigil]\nignore = ['weak-hash']\nexclude = ['generated']\n[tool.vigil.per-file-ignores]\n'tests/**' = ['B605']\n",
    );
    let code = "import os, hashlib\nos.system(input())\nhashlib.md5(b'x')\n";
    // `tests/**` ignores B605 and B602: the dataflow finding covers those codes too.
    write(dir.path(), "src/a.py", code);
    write(dir.path(), "tests/test_a.py", code);
    write(dir.path(), "generated/g.py", code);
    let (_, report) = json(dir.path(), &["."]);
    let found = rules_of(&report);
    assert_eq!(
        found,
        vec![("src/a.py".to_string(), "command-injection".to_string(), 2)]
    );
    // Command-line flags override the file. A medium pattern finding in
    // test code is an audit note.
    let (_, report) = json(dir.path(), &[".", "--select", "weak-hash"]);
    assert_eq!(
        rules_of(&report),
        vec![("src/a.py".to_string(), "weak-hash".to_string(), 3)]
    );
    // An audit does not let the audited tree configure it: `generated` is
    // scanned too, unless the configuration is named.
    let (_, report) = json(dir.path(), &[".", "--select", "weak-hash", "--audit"]);
    assert_eq!(rules_of(&report).len(), 3);
    let (_, report) = json(
        dir.path(),
        &[
            ".",
            "--select",
            "weak-hash",
            "--audit",
            "--config",
            "pyproject.toml",
        ],
    );
    assert_eq!(rules_of(&report).len(), 2);

    write(
        dir.path(),
        "pyproject.toml",
        "[tool.vigil]\nignroe = ['x']\n",
    );
    let out = vigil(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ignroe"));
}

#[test]
fn selecting_a_pattern_rule_keeps_the_dataflow_finding_that_replaced_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app.py",
        "import subprocess\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route('/run')\ndef run():\n    subprocess.call(request.args['c'], shell=True)\n    return 'ok'\n",
    );
    // The dataflow finding stands for the pattern rule it replaced: the
    // call is reported when only the pattern rule is selected.
    let (_, report) = json(dir.path(), &[".", "--select", "subprocess-shell-true"]);
    assert_eq!(
        rules_of(&report),
        vec![("app.py".to_string(), "command-injection".to_string(), 9)]
    );
    // A selection no dataflow rule serves skips the analysis: nothing here.
    let (_, report) = json(dir.path(), &[".", "--select", "weak-hash"]);
    assert!(rules_of(&report).is_empty());
}

#[test]
fn reexports_are_followed_across_modules() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "proj/__init__.py", "from .util import runner\n");
    write(
        dir.path(),
        "proj/util.py",
        "from subprocess import call as runner\n",
    );
    write(
        dir.path(),
        "proj/views.py",
        "from proj import runner\n\ndef go(x):\n    runner(x, shell=True)\n",
    );
    let (_, report) = json(dir.path(), &["."]);
    assert_eq!(
        rules_of(&report),
        vec![(
            "proj/views.py".to_string(),
            "subprocess-shell-true".to_string(),
            4
        )]
    );
}

#[test]
fn html_and_sarif_reports_list_every_scanned_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app/clean_module.py",
        "import json\n\nx = json.dumps(1)\n",
    );
    write(dir.path(), "app/bad.py", "eval(input())\n");
    for (format, file) in [("html", "report.html"), ("sarif", "report.sarif")] {
        let out = vigil(
            dir.path(),
            &["check", "app", "-q", "--format", format, "-o", file],
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        // The clean file has no finding: only the file metrics name it.
        assert!(
            text.contains("clean_module.py"),
            "{format} report omits a clean file"
        );
    }
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("json"), "the HTML report lists imports");
}

#[test]
fn notebooks_point_at_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = r##"{"cells": [
        {"cell_type": "markdown", "source": ["# Title"]},
        {"cell_type": "code", "source": ["import os\n", "%matplotlib inline\n"], "outputs": []},
        {"cell_type": "code", "source": ["cmd = input()\n", "os.system(cmd)\n"], "outputs": []}
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"##;
    write(dir.path(), "nb.ipynb", notebook);
    let (_, report) = json(dir.path(), &["."]);
    let finding = &report["findings"][0];
    assert_eq!(finding["path"], "nb.ipynb");
    assert_eq!(finding["cell"], 3);
    assert_eq!(finding["line"], 2);
}

#[test]
fn hostile_files_yield_diagnostics_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "binary.py", b"\x7fELF\x02\x01\x01\0\0\0garbage");
    write(
        d,
        "invalid_utf8.py",
        b"import os\nos.system(input())  # \xff\xfe\n",
    );
    write(d, "empty.py", "");
    write(
        d,
        "syntax.py",
        "import os\ndef broken(:\n    pass\nos.system(input())\n",
    );
    write(
        d,
        "latin1.py",
        b"# -*- coding: latin-1 -*-\nimport os\nname = '\xe9'\nos.system(name + input())\n",
    );
    write(
        d,
        "deep_unary.py",
        format!("x = {}1\n", "-".repeat(200_000)),
    );
    write(
        d,
        "deep_binop.py",
        format!("x = {}\n", vec!["a"; 200_000].join(" + ")),
    );
    write(
        d,
        "deep_calls.py",
        format!("x = f{}\n", "()".repeat(200_000)),
    );
    write(
        d,
        "deep_lists.py",
        format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    );
    write(
        d,
        "deep_attrs.py",
        format!("x = a{}\n", ".b".repeat(200_000)),
    );
    write(d, "bad.ipynb", "{not json");
    write(d, "vigil.toml", "max-file-size = 1000000\n");
    write(d, "huge.py", "x = 1\n".repeat(2_000_000));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("loop_a"), d.join("loop_b")).unwrap();
        std::os::unix::fs::symlink(d.join("loop_b"), d.join("loop_a")).unwrap();
        std::os::unix::fs::symlink(d.join("nowhere.py"), d.join("dangling.py")).unwrap();
        std::os::unix::fs::symlink("/", d.join("root_link")).unwrap();
    }
    // Files left unanalysed fail the run (2) unless accepted.
    let (code, _) = json(d, &["."]);
    assert_eq!(code, 2);
    let (code, report) = json(d, &[".", "--allow-unanalysed"]);
    assert_eq!(code, 1);
    let found: Vec<String> = rules_of(&report)
        .into_iter()
        .map(|(p, r, _)| format!("{p}:{r}"))
        .collect();
    assert!(
        found.contains(&"invalid_utf8.py:command-injection".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"syntax.py:command-injection".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"latin1.py:command-injection".to_string()),
        "{found:?}"
    );
    let errors = errors_of(&report).join("\n");
    for expected in [
        "binary.py: binary file",
        "invalid_utf8.py: file is not valid UTF-8",
        "syntax.py: syntax error at 2:",
        "deep_unary.py: brackets and operators nest more than 5000 levels deep",
        "deep_binop.py: the expression at 1:5 nests more than 3000 levels deep",
        "deep_calls.py: the expression at 1:5 nests more than 3000 levels deep",
        "deep_lists.py: brackets and operators nest more than 5000 levels deep",
        "deep_attrs.py: the expression at 1:5 nests more than 3000 levels deep",
        "bad.ipynb: invalid notebook",
        "huge.py: file too large",
    ] {
        assert!(
            errors.contains(expected),
            "missing {expected:?} in\n{errors}"
        );
    }
    assert!(!errors.contains("empty.py"));
}

#[test]
fn rules_and_rule_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = vigil(dir.path(), &["rules", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list.as_array().unwrap().len() >= 10);
    let out = vigil(dir.path(), &["rule", "B602"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("subprocess-shell-true") && text.contains("## Why is this bad?"));
    assert_eq!(vigil(dir.path(), &["rule", "nope"]).status.code(), Some(2));
}

#[test]
fn terminal_output_cannot_be_subverted_by_scanned_code() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "evil.py",
        "import os\nos.system('\x1b[2J' + input())  # \u{202e} reversed\n",
    );
    let out = vigil(dir.path(), &["check", ".", "--color", "never"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\x1b'), "raw escape reached the terminal");
    assert!(
        !text.contains('\u{202e}'),
        "raw bidi control reached the terminal"
    );
    assert!(text.contains("\\u{1b}"));
}

#[test]
fn dependency_audit_commands() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "requirements.txt",
        "pyyaml==5.3\nrequests>=2.31\n",
    );
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.vigil.deps]\nignore = [{id = \"CVE-2020-1747\", reason = \"not reachable\", expires = \"2999-01-01\"}]\n",
    );
    let out = vigil(dir.path(), &["deps", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = report["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"PYSEC-2021-142"), "{ids:?}");
    assert!(
        !ids.contains(&"PYSEC-2020-96"),
        "the configured ignore applies: {ids:?}"
    );
    assert_eq!(vigil(dir.path(), &["db", "status"]).status.code(), Some(0));
    // `check --deps` puts them in the same report as the code findings.
    let (_, report) = json(dir.path(), &[".", "--deps"]);
    let rules = rules_of(&report);
    assert!(
        rules.iter().any(|(p, r, line)| p == "requirements.txt"
            && r == "vulnerable-dependency"
            && *line == 1)
    );
}

#[test]
fn baselines_survive_line_shifts_and_catch_new_copies() {
    let dir = tempfile::tempdir().unwrap();
    let code = "import os\n\ndef run(cmd):\n    os.system('x ' + cmd)\n";
    write(dir.path(), "app.py", code);
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    assert_eq!(
        vigil(dir.path(), &["check", ".", "-q", "--write-baseline", b])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        vigil(dir.path(), &["check", ".", "-q", "--baseline", b])
            .status
            .code(),
        Some(0)
    );
    // Lines added above, and re-indented code: still baselined.
    write(
        dir.path(),
        "app.py",
        format!(
            "# header\n\"\"\"Docs.\"\"\"\n\n{}",
            code.replace("'x ' + cmd", "'x '  +  cmd")
        ),
    );
    assert_eq!(
        vigil(dir.path(), &["check", ".", "-q", "--baseline", b])
            .status
            .code(),
        Some(0)
    );
    // A second copy of the same mistake is new.
    write(
        dir.path(),
        "app.py",
        format!("{code}\ndef again(cmd):\n    os.system('x ' + cmd)\n"),
    );
    let (code_, report) = json(dir.path(), &[".", "--baseline", b]);
    assert_eq!(code_, 1);
    assert_eq!(rules_of(&report).len(), 1);
    assert_eq!(report["summary"]["baselined"], 1);
}

#[test]
fn a_reader_that_stops_reading_is_not_a_crash() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    // Far more text than a pipe buffers, so vigil is still writing when the
    // reader goes away (`vigil check | head`).
    write(
        dir.path(),
        "many.py",
        "import os; os.system(input())\n".repeat(5000),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .current_dir(dir.path())
        .args([
            "check",
            "many.py",
            "--statistics",
            "--no-config",
            "--color",
            "never",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Not a crash, but not a pass either (issue #18): the report was not
    // delivered whole, and the gate says so.
    assert!(
        stderr.contains("cannot write to standard output"),
        "{stderr}"
    );
    assert_eq!(status.code(), Some(2));
}

#[test]
fn nothing_to_check_is_not_success() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x/README.md", "hi\n");
    let out = vigil(dir.path(), &["check", "x"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no Python file to analyse"), "{stderr}");
    // The same folder with one clean file is checked and clean.
    write(dir.path(), "x/app.py", "print('hi')\n");
    assert_eq!(vigil(dir.path(), &["check", "x"]).status.code(), Some(0));
}

#[test]
fn a_mistyped_selector_is_an_error_naming_the_closest() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", "import os\nos.system(input())\n");
    for typo in ["S999", "B999", "S700"] {
        let out = vigil(dir.path(), &["check", ".", "--select", typo]);
        assert_eq!(out.status.code(), Some(2), "{typo}");
    }
    let out = vigil(dir.path(), &["check", ".", "--ignore", "comand-injection"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean \"command-injection\""),
        "{stderr}"
    );
}

#[test]
fn threads_are_capped_at_the_cpus() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", "print('hi')\n");
    let out = vigil(dir.path(), &["check", ".", "--threads", "100000"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("capped at"), "{stderr}");
}
