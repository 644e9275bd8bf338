//! Secrets end to end: found in Python code, configuration files and
//! notebook outputs, and never printed whole by any output format.

use std::path::Path;
use std::process::Command;

fn vigil(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("vigil runs");
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// A GitHub token of valid shape and checksum, built at run time.
fn github_token() -> String {
    const B62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let body = "Xk29fPq7LmZ3vB8nWc4Rt6Yh1Js5Dg0A";
    let body = &body[..30];
    let mut crc = crc32(body.as_bytes());
    let mut digits = Vec::new();
    for _ in 0..6 {
        digits.push(B62[(crc % 62) as usize]);
        crc /= 62;
    }
    digits.reverse();
    format!("ghp_{body}{}", String::from_utf8(digits).unwrap())
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn tree() -> (tempfile::TempDir, String, &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let token = github_token();
    let password = "Wq8!vLz2#Rt5pX";
    let d = dir.path();
    std::fs::write(d.join(".env"), format!("GITHUB_TOKEN={token}\nDEBUG=1\n")).unwrap();
    std::fs::write(
        d.join("settings.yaml"),
        format!("database:\n  password: \"{password}\"\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("app.py"),
        format!("DB_PASSWORD = \"{password}\"\nTOKEN = \"{token}\"\n"),
    )
    .unwrap();
    std::fs::create_dir_all(d.join("tests")).unwrap();
    std::fs::write(
        d.join("tests/test_app.py"),
        format!("PASSWORD = \"{password}\"\n"),
    )
    .unwrap();
    let notebook = serde_json::json!({
        "cells": [{"cell_type": "code", "source": ["print(token)\n"],
                   "outputs": [{"output_type": "stream", "name": "stdout", "text": [format!("{token}\n")]}]}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5
    });
    std::fs::write(d.join("nb.ipynb"), notebook.to_string()).unwrap();
    std::fs::write(
        d.join("package-lock.json"),
        format!("{{\"token\": \"{token}\"}}"),
    )
    .unwrap();
    (dir, token, password)
}

#[test]
fn secrets_are_found_everywhere_they_hide() {
    let (dir, _, _) = tree();
    let (code, out) = vigil(dir.path(), &["check", ".", "-f", "json", "-q"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["rule"].as_str().unwrap()
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            ".env:1:hardcoded-token",
            "app.py:1:hardcoded-password",
            "app.py:2:hardcoded-token",
            "nb.ipynb:1:hardcoded-token",
            "settings.yaml:2:hardcoded-password",
        ]
    );
    // Test data is reported in audit mode only.
    let (_, out) = vigil(dir.path(), &["check", ".", "-f", "json", "-q", "--audit"]);
    assert!(out.contains("tests/test_app.py"));
}

#[test]
fn no_output_format_prints_a_secret_whole() {
    let (dir, token, password) = tree();
    for format in [
        "text", "json", "sarif", "html", "github", "gitlab", "junit", "csv",
    ] {
        let (_, out) = vigil(dir.path(), &["check", ".", "-f", format, "-q", "--audit"]);
        assert!(out.len() > 100, "{format}: empty output");
        if let Some(line) = out.lines().find(|l| l.contains(&token)) {
            panic!("{format} leaks the token: {line}");
        }
        assert!(!out.contains(password), "{format} leaks the password");
    }
    let baseline = dir.path().join("baseline.json");
    vigil(
        dir.path(),
        &[
            "check",
            ".",
            "-q",
            "--write-baseline",
            baseline.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert!(text.contains("hardcoded-token"));
    assert!(!text.contains(&token) && !text.contains(password));
    // And the baseline hides them on the next run.
    let (code, _) = vigil(
        dir.path(),
        &["check", ".", "-q", "--baseline", baseline.to_str().unwrap()],
    );
    assert_eq!(code, 0);
}
