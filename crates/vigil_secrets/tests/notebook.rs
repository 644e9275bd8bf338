//! Secrets printed in notebook outputs.

mod common;

use common::*;
use serde_json::json;
use vigil_secrets::{SecretKind, scan_notebook_outputs};

#[test]
fn finds_printed_tokens_and_env_dumps() {
    let token = checksummed("ghp_", 1);
    let secret = random(2, 40, BASE64);
    let pw = random(3, 14, BASE62);
    let notebook = json!({
        "cells": [
            {"cell_type": "markdown", "source": ["# title"]},
            {"cell_type": "code", "source": ["print(token)"], "outputs": [
                {"output_type": "stream", "name": "stdout", "text": ["hello\n", format!("using {token}\n")]}
            ]},
            {"cell_type": "code", "source": ["os.environ"], "outputs": [
                {"output_type": "execute_result", "data": {"text/plain": [
                    "environ({'HOME': '/root',\n",
                    format!("         'AWS_SECRET_ACCESS_KEY': '{secret}',\n"),
                    format!("         'DB_PASSWORD': '{pw}'}})")
                ]}}
            ]},
            {"cell_type": "code", "source": ["%env"], "outputs": [
                {"output_type": "stream", "name": "stdout", "text": format!("PATH=/usr/bin\nDB_PASSWORD={pw}\n")}
            ]},
        ]
    })
    .to_string();
    let found = scan_notebook_outputs(&notebook);
    let summary: Vec<(u32, u32, u32, SecretKind)> = found
        .iter()
        .map(|f| (f.cell, f.output, f.line, f.found.kind))
        .collect();
    assert_eq!(
        summary,
        vec![
            (2, 1, 2, SecretKind::GithubToken),
            (3, 1, 2, SecretKind::AwsSecretAccessKey),
            (3, 1, 3, SecretKind::Password),
            (4, 1, 2, SecretKind::Password),
        ]
    );
    for f in &found {
        assert!(
            !f.snippet.contains(&token) && !f.snippet.contains(&secret) && !f.snippet.contains(&pw),
            "{}",
            f.snippet
        );
        assert!(f.snippet.contains(" chars)"), "{}", f.snippet);
        assert!(!f.snippet.contains("sha256:"), "{}", f.snippet);
    }
    assert!(
        found[0].snippet.starts_with("using ghp_…(40 chars"),
        "{}",
        found[0].snippet
    );
}

#[test]
fn clean_and_broken_notebooks() {
    let clean = json!({"cells": [{"cell_type": "code", "source": [], "outputs": [
        {"output_type": "stream", "text": "password: Enter password: \nhttps://oauth2.googleapis.com/token\n"},
        {"output_type": "error", "ename": "KeyError", "evalue": "'TOKEN'", "traceback": ["KeyError: 'TOKEN'"]}
    ]}]})
    .to_string();
    assert!(scan_notebook_outputs(&clean).is_empty());
    assert!(scan_notebook_outputs("not json").is_empty());
    assert!(scan_notebook_outputs("{\"cells\": 3}").is_empty());
    assert!(scan_notebook_outputs("[]").is_empty());
}
