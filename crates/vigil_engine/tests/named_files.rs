//! A pre-commit run names only the changed files: what reaches them from
//! the rest of the project (views passing request data to a helper, through
//! a service module) must be what a scan of the whole project finds there,
//! and the callers read for it are never reported.

mod common;

use common::{located, scan_paths, scan_project, write};
use std::path::Path;
use vigil_report::Finding;

const VIEWS: &str = r#"from flask import Flask, request

from shop import services
from shop.helpers import db

app = Flask(__name__)


@app.route("/user")
def user():
    rows = db.find_user(request.args["name"])
    return {"count": len(rows)}


@app.route("/orders")
def list_orders():
    rows = services.for_customer(request.args.get("customer", ""))
    return {"count": len(rows)}
"#;

const SERVICES: &str = r#"from shop.helpers.db import run_query


def for_customer(customer):
    return run_query("SELECT * FROM orders WHERE customer = '%s'" % customer)
"#;

const DB: &str = r#"import sqlite3


def find_user(name):
    cur = sqlite3.connect("shop.db").cursor()
    cur.execute("SELECT * FROM users WHERE name = '" + name + "'")
    return cur.fetchall()


def run_query(sql):
    cur = sqlite3.connect("shop.db").cursor()
    cur.execute(sql)
    return cur.fetchall()
"#;

/// Mentions `db` and imports, but calls nothing of the shop.
const REPORTS: &str = r#"import os

# Reports read the db export, not the db module.
def export_path(name):
    os.system("gzip " + name)
"#;

fn project(root: &Path) {
    write(root, "pyproject.toml", "[project]\nname = \"shop\"\n");
    write(root, "shop/__init__.py", "");
    write(root, "shop/views.py", VIEWS);
    write(root, "shop/services.py", SERVICES);
    write(root, "shop/helpers/__init__.py", "");
    write(root, "shop/helpers/db.py", DB);
    write(root, "tools/reports.py", REPORTS);
}

/// (line, rule) of the findings in `file`.
fn in_file(findings: &[Finding], file: &str) -> Vec<(u32, String)> {
    located(findings)
        .into_iter()
        .filter(|(name, ..)| name == file)
        .map(|(_, line, rule)| (line, rule))
        .collect()
}

#[test]
fn a_helper_named_alone_gets_what_its_callers_pass_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    let whole = scan_project(root);
    let expected = vec![
        (6, "sql-injection".to_string()),
        (12, "sql-injection".to_string()),
    ];
    assert_eq!(in_file(&whole, "db.py"), expected);

    // Only the helper, as pre-commit passes it: its callers (the views,
    // and the service between them) are read, not reported.
    let alone = scan_paths(vec![root.join("shop/helpers/db.py")], root);
    assert_eq!(in_file(&alone, "db.py"), expected, "{alone:#?}");
    assert!(
        alone.iter().all(|f| f.path.ends_with("db.py")),
        "{alone:#?}"
    );
}

#[test]
fn a_file_that_calls_nothing_named_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    let alone = scan_paths(vec![root.join("tools/reports.py")], root);
    let whole = scan_project(root);
    assert_eq!(in_file(&alone, "reports.py"), in_file(&whole, "reports.py"));
    assert!(alone.iter().all(|f| f.path.ends_with("reports.py")));
}
