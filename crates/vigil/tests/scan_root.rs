//! Where a scan starts does not change what it finds in the files it
//! checks: module names come from the packages, not from the current
//! folder, and the project modules a named file uses are read (never
//! reported on) for what they tell it.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// A small shop: a view hands the request to a helper module that reads a
/// parameter, and passes it on to a database module.
fn shop(root: &Path) {
    write(root, "pyproject.toml", "[project]\nname = \"shop\"\n");
    write(root, "shop/__init__.py", "");
    write(
        root,
        "shop/db.py",
        "import sqlite3\n\n\ndef find_user(name):\n    conn = sqlite3.connect(\"app.db\")\n    return conn.execute(\"SELECT * FROM users WHERE name = '%s'\" % name).fetchall()\n",
    );
    write(
        root,
        "shop/params.py",
        "from flask import request\n\n\ndef param(key):\n    return request.args.get(key, \"\")\n",
    );
    write(
        root,
        "shop/views.py",
        "import os\n\nfrom flask import Flask, request\n\nfrom shop import db\nfrom shop.params import param\n\napp = Flask(__name__)\n\n\n@app.route(\"/user\")\ndef user():\n    rows = db.find_user(request.args.get(\"name\", \"\"))\n    return str(len(rows))\n\n\n@app.route(\"/ping\")\ndef ping():\n    host = param(\"host\")\n    os.system(\"ping -c 1 \" + host)\n    return \"ok\"\n",
    );
}

/// (rule, file name, line) of each finding.
fn found(report: &Value) -> Vec<(String, String, u64)> {
    let mut out: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_str().unwrap();
            (
                f["rule"].as_str().unwrap().to_string(),
                name.to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_scan_from_inside_the_package_finds_what_the_project_scan_finds() {
    let dir = tempfile::tempdir().unwrap();
    shop(dir.path());
    let (_, whole) = check_json(dir.path(), &["."]);
    let (_, inside) = check_json(&dir.path().join("shop"), &["."]);
    let expected = found(&whole);
    assert!(
        expected.contains(&("sql-injection".into(), "db.py".into(), 6)),
        "{expected:?}"
    );
    assert_eq!(found(&inside), expected);
}

#[test]
fn a_named_file_is_checked_with_the_project_modules_it_uses() {
    let dir = tempfile::tempdir().unwrap();
    shop(dir.path());
    let (_, whole) = check_json(dir.path(), &["."]);
    let (_, named) = check_json(dir.path(), &["shop/views.py"]);
    let in_views: Vec<_> = found(&whole)
        .into_iter()
        .filter(|(_, file, _)| file == "views.py")
        .collect();
    // The helper's summary says it returns the request's data.
    assert!(
        in_views.contains(&("command-injection".into(), "views.py".into(), 20)),
        "{in_views:?}"
    );
    assert_eq!(found(&named), in_views);
    // The modules read for it are neither reported on nor counted.
    assert_eq!(named["summary"]["files_scanned"], 1);
}
