//! Name resolution for every import form, shadowing, and re-exports.

use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{Expr, ModModule, PySourceType, Stmt};
use vigil_python::{Ranged, parse_module};
use vigil_semantic::{Export, ModuleExports, ModuleGraph, ScopeId, SemanticModel};

/// Resolves the callee of every call, tracking scopes like a rule would.
struct Calls<'m, 'a> {
    model: &'m SemanticModel<'a>,
    source: &'a str,
    scope: ScopeId,
    out: Vec<(String, Option<String>)>,
}

impl<'a> Visitor<'a> for Calls<'_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let saved = self.scope;
        if let Stmt::FunctionDef(_) | Stmt::ClassDef(_) = stmt {
            // Decorators and defaults belong to the enclosing scope; for the
            // test, calls are in bodies only.
            if let Some(scope) = self.model.scope_of_node(stmt) {
                self.scope = scope;
            }
        }
        visitor::walk_stmt(self, stmt);
        self.scope = saved;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let saved = self.scope;
        if let Some(scope) = self.model.scope_of_node(expr) {
            self.scope = scope;
        }
        if let Expr::Call(call) = expr {
            let text = self.source[call.func.range()].to_string();
            let resolved = self.model.resolve_qualified_name(&call.func, self.scope);
            self.out.push((text, resolved));
        }
        visitor::walk_expr(self, expr);
        self.scope = saved;
    }
}

fn calls_in(
    module: &ModModule,
    model: &SemanticModel,
    source: &str,
) -> Vec<(String, Option<String>)> {
    let mut calls = Calls {
        model,
        source,
        scope: ScopeId::MODULE,
        out: Vec::new(),
    };
    calls.visit_body(&module.body);
    calls.out
}

fn resolve(source: &str) -> Vec<(String, Option<String>)> {
    resolve_in(source, "app.views", false)
}

fn resolve_in(source: &str, module_name: &str, is_package: bool) -> Vec<(String, Option<String>)> {
    let parsed = parse_module(source, PySourceType::Python).unwrap();
    let model = SemanticModel::build(&parsed.module, module_name, is_package);
    calls_in(&parsed.module, &model, source)
}

fn resolved(source: &str, callee: &str) -> Option<String> {
    resolve(source)
        .into_iter()
        .find(|(text, _)| text == callee)
        .unwrap_or_else(|| panic!("no call to {callee}"))
        .1
}

#[test]
fn import_forms() {
    let src = "\
import subprocess
import os.path
import xml.etree.ElementTree as ET
from pickle import loads
from yaml import load as yload
subprocess.Popen(x)
os.path.join(a)
os.system(a)
ET.parse(f)
loads(d)
yload(d)
";
    assert_eq!(
        resolved(src, "subprocess.Popen").as_deref(),
        Some("subprocess.Popen")
    );
    assert_eq!(
        resolved(src, "os.path.join").as_deref(),
        Some("os.path.join")
    );
    assert_eq!(resolved(src, "os.system").as_deref(), Some("os.system"));
    assert_eq!(
        resolved(src, "ET.parse").as_deref(),
        Some("xml.etree.ElementTree.parse")
    );
    assert_eq!(resolved(src, "loads").as_deref(), Some("pickle.loads"));
    assert_eq!(resolved(src, "yload").as_deref(), Some("yaml.load"));
}

#[test]
fn function_local_imports_stay_local() {
    let src = "\
def f():
    import subprocess as sp
    sp.call(x)
def g():
    sp.call(x)
";
    let calls = resolve(src);
    assert_eq!(calls[0].1.as_deref(), Some("subprocess.call"));
    assert_eq!(calls[1].1, None);
}

#[test]
fn relative_imports() {
    let src = "from . import helpers\nfrom .util import run\nfrom ..core import db\nhelpers.go()\nrun()\ndb.q()\n";
    let calls = resolve_in(src, "pkg.app.views", false);
    assert_eq!(calls[0].1.as_deref(), Some("pkg.app.helpers.go"));
    assert_eq!(calls[1].1.as_deref(), Some("pkg.app.util.run"));
    assert_eq!(calls[2].1.as_deref(), Some("pkg.core.db.q"));
    let calls = resolve_in("from .util import run\nrun()\n", "pkg", true);
    assert_eq!(calls[0].1.as_deref(), Some("pkg.util.run"));
}

#[test]
fn star_imports() {
    assert_eq!(
        resolved("from os import *\nsystem(cmd)\n", "system").as_deref(),
        Some("os.system")
    );
    // A builtin keeps its meaning unless the code rebinds it.
    assert_eq!(
        resolved("from tkinter import *\nopen(p)\n", "open").as_deref(),
        Some("builtins.open")
    );
}

#[test]
fn dynamic_imports_with_literal_names() {
    let src = "\
import importlib
m = importlib.import_module('subprocess')
m.run(x)
__import__('os').system(c)
__import__('os.path').path.join(a)
importlib.import_module('.loader', 'pkg').load(f)
";
    assert_eq!(resolved(src, "m.run").as_deref(), Some("subprocess.run"));
    assert_eq!(
        resolved(src, "__import__('os').system").as_deref(),
        Some("os.system")
    );
    assert_eq!(
        resolved(src, "__import__('os.path').path.join").as_deref(),
        Some("os.path.join")
    );
    assert_eq!(
        resolved(src, "importlib.import_module('.loader', 'pkg').load").as_deref(),
        Some("pkg.loader.load")
    );
    assert_eq!(
        resolved(
            "importlib.import_module(name).run(x)\n",
            "importlib.import_module(name).run"
        ),
        None
    );
}

#[test]
fn shadowing() {
    let src = "\
def eval(x):
    return x
eval(data)
class Runner:
    def system(self, c):
        pass
    def go(self):
        self.system(c)
import os
def h(os):
    os.system(c)
";
    assert_eq!(resolved(src, "eval").as_deref(), Some("app.views.eval"));
    assert_eq!(resolved(src, "self.system"), None);
    let calls = resolve(src);
    assert_eq!(calls.iter().find(|c| c.0 == "os.system").unwrap().1, None);
    assert_eq!(
        resolved("exec(code)\n", "exec").as_deref(),
        Some("builtins.exec")
    );
}

#[test]
fn aliases_through_assignment_and_globals() {
    let src = "\
import subprocess
run = subprocess.run
runner = run
runner(cmd)
def f():
    global shell
    shell = subprocess.check_output
shell(c)
";
    assert_eq!(resolved(src, "runner").as_deref(), Some("subprocess.run"));
    assert_eq!(
        resolved(src, "shell").as_deref(),
        Some("subprocess.check_output")
    );
}

#[test]
fn alias_cycles_terminate() {
    assert_eq!(resolved("a = b\nb = a\na()\n", "a"), None);
}

#[test]
fn class_scope_is_not_visible_in_methods() {
    let src = "\
import pickle
class C:
    pickle = None
    def m(self):
        pickle.loads(d)
";
    assert_eq!(
        resolved(src, "pickle.loads").as_deref(),
        Some("pickle.loads")
    );
}

#[test]
fn comprehensions_and_lambdas_have_scopes() {
    let src = "\
import os
[os.system(c) for os in items]
f = lambda os: os.system(c)
g = lambda: os.system(c)
";
    let calls = resolve(src);
    assert_eq!(calls[0].1, None);
    assert_eq!(calls[1].1, None);
    assert_eq!(calls[2].1.as_deref(), Some("os.system"));
}

#[test]
fn reexports_across_modules() {
    let mut graph = ModuleGraph::default();
    let mut util = ModuleExports::default();
    util.insert("execute".into(), Export::Alias("subprocess.run".into()));
    util.insert("sp".into(), Export::Alias("subprocess".into()));
    util.insert("helper".into(), Export::Definition);
    graph.insert("proj.util".into(), util);
    let mut init = ModuleExports::default();
    init.insert("execute".into(), Export::Alias("proj.util.execute".into()));
    graph.insert("proj".into(), init);

    let src = "from proj.util import execute, helper, sp\nimport proj\nexecute(c)\nhelper(c)\nsp.call(c)\nproj.execute(c)\n";
    let parsed = parse_module(src, PySourceType::Python).unwrap();
    let model = SemanticModel::build(&parsed.module, "proj.views", false).with_graph(&graph);
    let calls = calls_in(&parsed.module, &model, src);
    assert_eq!(calls[0].1.as_deref(), Some("subprocess.run"));
    assert_eq!(calls[1].1.as_deref(), Some("proj.util.helper"));
    assert_eq!(calls[2].1.as_deref(), Some("subprocess.call"));
    assert_eq!(calls[3].1.as_deref(), Some("subprocess.run"));
}

#[test]
fn reexport_cycles_terminate() {
    let mut graph = ModuleGraph::default();
    let mut a = ModuleExports::default();
    a.insert("f".into(), Export::Alias("b.f".into()));
    graph.insert("a".into(), a);
    let mut b = ModuleExports::default();
    b.insert("f".into(), Export::Alias("a.f".into()));
    graph.insert("b".into(), b);
    let name = graph.canonicalize("a.f".to_string());
    assert!(name == "a.f" || name == "b.f");
}

#[test]
fn bare_strings_are_docstrings_in_source_order() {
    let source = "\"\"\"Module.\"\"\"\nclass C:\n    'Class.'\n    def m(self):\n        \"Method.\"\n        x = 'not prose'\n        f'{x} is code'\n        'Trailing note.'\n";
    let parsed = parse_module(source, PySourceType::Python).unwrap();
    let model = SemanticModel::build(&parsed.module, "m", false);
    let texts: Vec<&str> = model
        .docstrings()
        .iter()
        .map(|r| &source[r.start().to_usize()..r.end().to_usize()])
        .collect();
    assert_eq!(
        texts,
        vec![
            "\"\"\"Module.\"\"\"",
            "'Class.'",
            "\"Method.\"",
            "'Trailing note.'"
        ]
    );
}

#[test]
fn overlong_dotted_names_are_not_resolved() {
    let segment = "a".repeat(100);
    let short = format!("os.{}", [segment.as_str(); 9].join("."));
    let long = format!("os.{}", [segment.as_str(); 11].join("."));
    let src = format!("import os\n{short}()\n{long}()\n");
    assert_eq!(resolved(&src, &short), Some(short.clone()));
    assert_eq!(resolved(&src, &long), None);
}
