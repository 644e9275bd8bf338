//! Dataflow across the modules of a scanned project: a temporary package
//! whose views pass request data to helpers in other modules, read it back
//! from them, store it in instances of classes defined elsewhere, and
//! clean it with a sanitizer defined elsewhere.

mod common;

use common::{scan_paths, scan_project, write};
use std::path::Path;
use vigil_report::Finding;

const INIT: &str = "from .helpers import run_report as run\n";

const VIEWS: &str = r#"import sqlite3

from flask import Flask, request

from . import run
from .db import Store
from .helpers import clean_id, get_name, run_report
from .sources import SearchView

app = Flask(__name__)


@app.route("/report")
def report():
    run_report(request.args["name"])
    run("constant")
    return "ok"


@app.route("/aliased")
def aliased():
    run(request.args["other"])
    return "ok"


@app.route("/query")
def query():
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM users WHERE name = '" + get_name() + "'")
    cur.execute("SELECT * FROM users WHERE id = " + clean_id(request.args["id"]))
    return "ok"


@app.route("/store")
def store():
    Store(request.args["value"]).save()
    return "ok"
"#;

const HELPERS: &str = r#"import os

from flask import request


def run_report(name):
    os.system("report " + name)


def get_name():
    return request.args.get("name", "")


def clean_id(value):
    return str(int(value))
"#;

const DB: &str = r#"import sqlite3


class Store:
    def __init__(self, value):
        self.value = value

    def save(self):
        cur = sqlite3.connect("app.db").cursor()
        cur.execute("INSERT INTO t VALUES ('" + self.value + "')")
"#;

const BASE: &str = r#"from django.views import View


class BaseView(View):
    template = "base.html"
"#;

const SOURCES: &str = r#"import subprocess

from .base import BaseView


class SearchView(BaseView):
    def handle(self):
        subprocess.run("grep " + self.request.GET["q"] + " data.txt", shell=True)

    def show(self):
        with open("/srv/data/" + self.request.GET["name"]) as f:
            return f.read()
"#;

/// A dataflow finding as [`taint_findings`] lists it.
fn at(file: &str, line: u32, rule: &str) -> (String, u32, String) {
    (file.to_string(), line, rule.to_string())
}

fn taint_findings(findings: &[Finding]) -> Vec<(String, u32, String)> {
    let dataflow: Vec<&str> = vigil_taint::rule_names().collect();
    let mut out: Vec<(String, u32, String)> = findings
        .iter()
        .filter(|f| dataflow.contains(&f.rule.as_str()))
        .map(|f| {
            let file = Path::new(&f.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            (file, f.line, f.rule.clone())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn flows_cross_module_boundaries() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/__init__.py", INIT);
    write(root, "app/views.py", VIEWS);
    write(root, "app/helpers.py", HELPERS);
    write(root, "app/db.py", DB);
    write(root, "app/sources.py", SOURCES);
    write(root, "app/base.py", BASE);
    let findings = scan_project(root);
    let found = taint_findings(&findings);
    let expected = vec![
        // Request data passed to a helper: reported at the helper's sink.
        at("db.py", 10, "sql-injection"),
        at("helpers.py", 7, "command-injection"),
        // A helper that returns request data.
        at("views.py", 29, "sql-injection"),
    ];
    for e in &expected {
        assert!(found.contains(e), "missing {e:?} in {found:#?}");
    }
    // The sanitizer defined in another module keeps line 30 clean.
    assert!(
        !found.iter().any(|(f, l, _)| f == "views.py" && *l == 30),
        "{found:#?}"
    );
    assert_eq!(found.len(), expected.len() + 2, "{found:#?}");

    // The helper's finding shows where the data came from, in views.py.
    let helper = findings
        .iter()
        .find(|f| f.rule == "command-injection" && f.path.ends_with("helpers.py"))
        .unwrap();
    assert!(
        helper
            .flow
            .first()
            .is_some_and(|s| s.path.ends_with("views.py")),
        "{:#?}",
        helper.flow
    );
    assert!(helper.flow.last().unwrap().path.ends_with("helpers.py"));
    assert!(
        helper.message.contains("request.args"),
        "{}",
        helper.message
    );
}

#[test]
fn base_classes_from_other_modules_bring_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/__init__.py", "");
    write(root, "app/sources.py", SOURCES);
    // Without the base module, `self.request` means nothing.
    assert!(taint_findings(&scan_project(root)).is_empty());
    // `BaseView` derives from Django's `View`, whose `request` attribute
    // is the request: its `GET` is untrusted in the derived class too.
    write(root, "app/base.py", BASE);
    let found = taint_findings(&scan_project(root));
    assert_eq!(
        found,
        vec![
            at("sources.py", 8, "command-injection"),
            at("sources.py", 11, "path-traversal"),
        ]
    );
}

const WORKER: &str = r#"import os
import subprocess


def own():
    subprocess.run("ls " + os.environ["DIR"], shell=True)


def run(cmd):
    _really_run(cmd)


def _really_run(cmd):
    os.system(cmd)


class Job:
    def __init__(self, spec):
        self.spec = spec

    def start(self):
        os.system("job " + self.spec)
"#;

const CALLER: &str = r#"from flask import Flask, request

from .worker import Job, run

app = Flask(__name__)


@app.route("/run")
def run_it():
    run(request.args["cmd"])
    Job(request.args["spec"]).start()
    return "ok"
"#;

#[test]
fn data_passed_in_reaches_callees_and_fields_and_earlier_findings_stay() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/__init__.py", "");
    write(root, "app/worker.py", WORKER);
    write(root, "app/caller.py", CALLER);
    let found = taint_findings(&scan_project(root));
    assert_eq!(
        found,
        vec![
            // Its own flow, found before any other module's facts.
            at("worker.py", 6, "command-injection"),
            // Request data passed to `run`, then on to a function it calls.
            at("worker.py", 14, "command-injection"),
            // Request data stored in `Job.spec` by another module.
            at("worker.py", 22, "command-injection"),
        ]
    );
}

const SETTINGS: &str = r#"DEBUG = True
VERIFY_TLS = False
CHECK_CERTS = True
UPLOAD_MODE = 0o777
PRIVATE_MODE = 0o600
TAR_FILTER = "fully_trusted"
SAFE_FILTER = "data"
"#;

const SERVER: &str = r#"import os
import tarfile

import requests
from flask import Flask

from app import settings
from app.settings import CHECK_CERTS, PRIVATE_MODE, UPLOAD_MODE, VERIFY_TLS

app = Flask(__name__)


def fetch(url):
    requests.get(url, verify=VERIFY_TLS, timeout=5)
    requests.get(url, verify=CHECK_CERTS, timeout=5)


def publish(path):
    os.chmod(path, UPLOAD_MODE)
    os.chmod(path, PRIVATE_MODE)


def main():
    runapp = app.run
    runapp("0.0.0.0", 8000, settings.DEBUG)


def unpack(path, dest):
    with tarfile.open(path) as tar:
        tar.extractall(dest, filter=settings.TAR_FILTER)
        tar.extractall(dest, filter=settings.SAFE_FILTER)
"#;

/// (file, line, rule) of every finding of the pattern rules named.
fn pattern_findings(findings: &[Finding], rules: &[&str]) -> Vec<(String, u32, String)> {
    let mut out: Vec<(String, u32, String)> = findings
        .iter()
        .filter(|f| rules.contains(&f.rule.as_str()))
        .map(|f| {
            let file = Path::new(&f.path).file_name().unwrap();
            (file.to_string_lossy().to_string(), f.line, f.rule.clone())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn pattern_rules_see_constants_of_other_modules() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/__init__.py", "");
    write(root, "app/settings.py", SETTINGS);
    write(root, "app/server.py", SERVER);
    let rules = [
        "tls-verification-disabled",
        "permissive-file-permissions",
        "debug-mode-enabled",
        "unsafe-archive-extraction",
    ];
    let found = pattern_findings(&scan_project(root), &rules);
    assert_eq!(
        found,
        vec![
            // `DEBUG = True` in a settings module is a finding of its own.
            at("server.py", 14, "tls-verification-disabled"),
            at("server.py", 19, "permissive-file-permissions"),
            at("server.py", 25, "debug-mode-enabled"),
            at("server.py", 30, "unsafe-archive-extraction"),
            at("settings.py", 1, "debug-mode-enabled"),
        ]
    );
}

const REQUEST_HELPERS: &str = r#"import subprocess


def param(req, name, default=""):
    return req.args.get(name, default)


def archive(req):
    subprocess.run("tar czf /tmp/out.tgz " + req.form["folder"], shell=True)


def method_of(req):
    return req.method
"#;

const REQUEST_VIEWS: &str = r#"import os
import sqlite3

from flask import Flask, request

from shop.helpers import archive, method_of, param

app = Flask(__name__)


@app.route("/users")
def users():
    conn = sqlite3.connect("app.db")
    return str(conn.execute("SELECT * FROM users WHERE name = '" + param(request, "name") + "'").fetchall())


@app.route("/archive", methods=["POST"])
def make_archive():
    archive(request)
    return "ok"


@app.route("/method")
def method():
    conn = sqlite3.connect("app.db")
    return str(conn.execute("SELECT '" + method_of(request) + "'").fetchall())
"#;

#[test]
fn a_request_handed_to_another_module_is_a_request_there() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "shop/__init__.py", "");
    write(root, "shop/helpers.py", REQUEST_HELPERS);
    write(root, "shop/views.py", REQUEST_VIEWS);
    let found = taint_findings(&scan_project(root));
    assert_eq!(
        found,
        vec![
            // The helper runs the request's form field in a shell.
            at("helpers.py", 9, "command-injection"),
            // The helper returns a query parameter of the request.
            at("views.py", 14, "sql-injection"),
        ],
        "the request method is no source: {found:#?}"
    );
}

const NAMESPACE_DB: &str = r#"import sqlite3


def run_query(name):
    conn = sqlite3.connect("app.db")
    return conn.execute("SELECT * FROM users WHERE name = '" + name + "'").fetchall()
"#;

const NAMESPACE_PARAMS: &str = r#"def param(req, name):
    return req.args.get(name, "")
"#;

const NAMESPACE_APP: &str = r#"import subprocess

from flask import Flask, request

import helpers.db
from helpers.params import param

app = Flask(__name__)


@app.route("/users")
def users():
    return str(helpers.db.run_query(request.args["name"]))


@app.route("/grep")
def grep():
    subprocess.run("grep " + param(request, "q") + " /srv/log", shell=True)
    return "ok"
"#;

#[test]
fn folders_without_init_are_namespace_packages() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "pyproject.toml", "[project]\nname = \"web\"\n");
    write(root, "web/app.py", NAMESPACE_APP);
    write(root, "web/helpers/db.py", NAMESPACE_DB);
    write(root, "web/helpers/params.py", NAMESPACE_PARAMS);
    let expected = vec![
        at("app.py", 18, "command-injection"),
        at("db.py", 6, "sql-injection"),
    ];
    assert_eq!(taint_findings(&scan_project(root)), expected);
    // From the application's folder, the same.
    assert_eq!(
        taint_findings(&scan_paths(vec![root.join("web")], root)),
        expected
    );
}

const PARAMS_CLASS: &str = r#"class Params:
    def __init__(self, req):
        self.req = req

    def get(self, name):
        return self.req.values.get(name, "")
"#;

const PARAMS_VIEWS: &str = r#"import subprocess

from flask import Flask, request

from shop.params import Params

app = Flask(__name__)


@app.route("/grep")
def grep():
    params = Params(request)
    subprocess.run("grep " + params.get("q") + " /srv/log", shell=True)
    return "ok"
"#;

#[test]
fn a_request_wrapped_by_a_class_of_another_module_is_a_request_there() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "shop/__init__.py", "");
    write(root, "shop/params.py", PARAMS_CLASS);
    write(root, "shop/views.py", PARAMS_VIEWS);
    assert_eq!(
        taint_findings(&scan_project(root)),
        vec![at("views.py", 13, "command-injection")]
    );
}

/// A typed package ships a stub (`helpers.pyi`) beside its code: the stub's
/// `...` bodies neither stand for the code's summaries (a helper returning
/// request data still does) nor receive what callers pass in its place.
#[test]
fn a_stub_beside_a_module_does_not_stand_for_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/__init__.py", "");
    write(root, "app/views.py", VIEWS_OF_TYPED_HELPERS);
    write(root, "app/helpers.py", HELPERS);
    write(root, "app/helpers.pyi", HELPERS_STUB);
    let found = taint_findings(&scan_project(root));
    for e in [
        at("helpers.py", 7, "command-injection"),
        at("views.py", 13, "sql-injection"),
    ] {
        assert!(found.contains(&e), "missing {e:?} in {found:#?}");
    }
    assert!(
        !found.iter().any(|(f, ..)| f == "helpers.pyi"),
        "{found:#?}"
    );
}

const VIEWS_OF_TYPED_HELPERS: &str = r#"import sqlite3

from flask import Flask, request

from app.helpers import get_name, run_report

app = Flask(__name__)


@app.route("/report")
def report():
    run_report(request.args["name"])
    sqlite3.connect("a.db").execute("SELECT * FROM t WHERE n = '" + get_name() + "'")
    return "ok"
"#;

const HELPERS_STUB: &str = "def run_report(name: str) -> None: ...\n\
def get_name() -> str: ...\n\
def clean_id(value: str) -> str: ...\n";

const LOOKUP_DB: &str = r#"import sqlite3


def find_user(name):
    cur = sqlite3.connect("shop.db").cursor()
    cur.execute("SELECT id, name FROM users WHERE name = ?", (name,))
    return cur.fetchall()


def greeting(name):
    return "Hello " + name
"#;

/// A service between the view and the helper: its own summary changes
/// once the helper's is known.
const LOOKUP_SERVICES: &str = r#"from shop.db import find_user


def profile_of(name):
    rows = find_user(name.strip())
    return {"found": len(rows), "rows": rows}
"#;

const LOOKUP_VIEWS: &str = r#"import importlib
import os

from flask import Flask, request

from shop import db, services

app = Flask(__name__)


@app.route("/user")
def user():
    return str(db.find_user(request.args["name"]))


@app.route("/profile")
def profile():
    return str(services.profile_of(request.args["name"]))


@app.route("/hello")
def hello():
    return db.greeting(request.args["name"])


@app.route("/plugin")
def plugin():
    folder, name = os.path.split(request.args["plugin"])
    return str(importlib.import_module(name))
"#;

/// A library module of the project standing for the one the models know
/// (as in a scan of the standard library, where `os.path` is bound to
/// `posixpath`).
const OS_MODULE: &str = "import posixpath as path\n";

const POSIXPATH: &str = r#"def split(p):
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    return head.rstrip("/") or head, tail
"#;

#[test]
fn a_helper_whose_result_holds_none_of_its_argument_clears_the_callers_flow() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "pyproject.toml", "");
    write(root, "shop/__init__.py", "");
    write(root, "shop/db.py", LOOKUP_DB);
    write(root, "shop/views.py", LOOKUP_VIEWS);
    write(root, "shop/services.py", LOOKUP_SERVICES);
    write(root, "os.py", OS_MODULE);
    write(root, "posixpath.py", POSIXPATH);
    let found = taint_findings(&scan_project(root));
    assert_eq!(
        found,
        vec![
            // The greeting holds the name: markup in it reaches the page.
            at("views.py", 23, "xss"),
            // Analysed again with the helper's summary, the view still
            // knows `os.path.split` (the graph's `posixpath.split`).
            at("views.py", 29, "code-injection"),
        ],
        "the rows of a parameterised query are not the name: {found:#?}"
    );
}
