//! Local input (the command line, the environment) across modules: the
//! audit follows it into other modules' functions; default mode follows it
//! through the module that reads it, and the pattern rules still flag the
//! calls it would reach elsewhere.

mod common;

use common::{audit_project, located, scan_project, write};
use std::path::Path;

const CLI: &str = r#"import argparse
import os

from tools import runner


def parse():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host")
    parser.add_argument("--folder")
    return parser.parse_args()


def main():
    args = parse()
    runner.ping(args.host)
    os.system("du -sh " + args.folder)
"#;

const RUNNER: &str = r#"import subprocess


def ping(host):
    subprocess.run("ping -c 1 " + host, shell=True)
"#;

const VIEWS: &str = r#"from flask import Flask, request

from tools import runner

app = Flask(__name__)


@app.route("/ping")
def ping():
    runner.ping(request.args["host"])
    return "ok"
"#;

fn has(found: &[(String, u32, String)], file: &str, line: u32, rule: &str) -> bool {
    found
        .iter()
        .any(|(f, l, r)| f == file && *l == line && r == rule)
}

fn cli_project(root: &Path) {
    write(root, "tools/__init__.py", "");
    write(root, "tools/runner.py", RUNNER);
    write(root, "cli.py", CLI);
}

#[test]
fn local_input_is_followed_into_other_modules_by_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    cli_project(root);

    let default = located(&scan_project(root));
    // Read and used in one module: followed.
    assert!(
        has(&default, "cli.py", 17, "command-injection"),
        "{default:#?}"
    );
    // Passed to another module: the call there is flagged by its pattern
    // rule, not as an injection from the command line.
    assert!(
        !has(&default, "runner.py", 5, "command-injection"),
        "{default:#?}"
    );
    assert!(
        default.iter().any(|(f, l, _)| f == "runner.py" && *l == 5),
        "{default:#?}"
    );

    let audit = located(&audit_project(root));
    assert!(
        has(&audit, "runner.py", 5, "command-injection"),
        "{audit:#?}"
    );
}

#[test]
fn remote_input_is_followed_into_other_modules_in_default_mode() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    cli_project(root);
    write(root, "views.py", VIEWS);
    let default = located(&scan_project(root));
    assert!(
        has(&default, "runner.py", 5, "command-injection"),
        "{default:#?}"
    );
}
