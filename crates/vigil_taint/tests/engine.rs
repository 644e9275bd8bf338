//! The engine on small modules: paths, summaries, proofs, bounds.

mod common;

use common::{analyze, findings};

#[test]
fn a_finding_carries_the_path_from_source_to_sink() {
    let src = r#"
from flask import Flask, request
import sqlite3

app = Flask(__name__)

@app.route("/user")
def user():
    name = request.args.get("name")
    cur = sqlite3.connect("db.sqlite").cursor()
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")
"#;
    let (out, index) = analyze(src);
    assert_eq!(out.findings.len(), 1);
    let f = &out.findings[0];
    assert_eq!(f.rule, "sql-injection");
    assert_eq!(f.confidence, vigil_taint::Level::High);
    let notes: Vec<(u32, &str)> = f
        .steps
        .iter()
        .map(|s| match &s.at {
            vigil_taint::StepAt::Here(r) => (index.location(src, r.start()).line, &*s.note),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        notes,
        vec![
            (9, "`request.args` reads the request's query string"),
            (9, "assigned to `name`"),
            (11, "flows into an f-string"),
            (11, "reaches `cur.execute`"),
        ]
    );
    assert!(f.message.contains("`request.args`") && f.message.contains("`cur.execute`"));
}

#[test]
fn local_input_is_medium_confidence() {
    let src = "import os, sys\nos.system('ls ' + sys.argv[1])\n";
    let (out, _) = analyze(src);
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.findings[0].confidence, vigil_taint::Level::Medium);
}

#[test]
fn summaries_say_which_parameters_reach_sinks_and_returns() {
    let src = r#"
import os, shlex
from flask import request

def run(cmd, flag):
    os.system(cmd)
    return flag

def quoted(value):
    return shlex.quote(value)

def read():
    return request.args["q"]

def calls_run(x):
    run(x, 1)

def view():
    data = request.args["d"]
    run(data, data)
    quoted(data)
    calls_run(data)
"#;
    let (out, _) = analyze(src);
    let summaries: std::collections::HashMap<_, _> =
        out.exports.summaries.iter().cloned().collect();
    let command = vigil_taint::models()
        .rule_by_name("command-injection")
        .unwrap();
    // Computed on demand (untrusted data goes in), or because the function
    // reads a source itself.
    let run = &summaries["app.run"];
    assert_eq!(run.param_sinks, vec![(0, command)]);
    assert_eq!(run.params_to_return.len(), 1);
    assert_eq!(run.params_to_return[0].0, 1);
    assert!(
        summaries["app.quoted"].params_to_return[0]
            .1
            .contains(command)
    );
    assert_eq!(summaries["app.read"].returns_sources.len(), 1);
    // Transitive: `calls_run` passes its parameter to `run`'s sink.
    assert_eq!(summaries["app.calls_run"].param_sinks, vec![(0, command)]);
}

#[test]
fn proofs_tell_constant_and_sanitized_arguments() {
    let src = r#"
import subprocess, shlex

def a(flag):
    cmd = "ls"
    if flag:
        cmd = "ls -l"
    subprocess.run(cmd, shell=True)

def b(name):
    subprocess.run("ls " + shlex.quote(name), shell=True)

def c(name):
    subprocess.run("ls " + name, shell=True)
"#;
    assert_eq!(
        command_proofs(src),
        vec![(8, true), (11, true), (14, false)]
    );
}

#[test]
fn proofs_reach_calls_at_module_level_and_in_nested_functions() {
    let src = r#"
import subprocess, sys

def outer(flag):
    def inner(name):
        subprocess.run("ls " + name, shell=True)
    return inner

subprocess.run("ls", shell=True)
subprocess.run("ls " + sys.argv[1], shell=True)
"#;
    assert_eq!(
        command_proofs(src),
        vec![(6, false), (9, true), (10, false)]
    );
}

/// (line, safe) of the command-injection proofs for every
/// `subprocess.run(` call of `src`, flagged as the pattern rules would.
fn command_proofs(src: &str) -> Vec<(u32, bool)> {
    let parsed = vigil_python::parse_module(src, vigil_python::ast::PySourceType::Python).unwrap();
    let model = vigil_semantic::SemanticModel::build(&parsed.module, "app", false);
    let index = vigil_python::LazyLineIndex::new(src);
    let calls: Vec<vigil_python::TextRange> = src
        .match_indices("subprocess.run(")
        .map(|(at, _)| {
            let start = vigil_python::TextSize::try_from(at).unwrap();
            vigil_python::TextRange::new(start, start + vigil_python::TextSize::from(1))
        })
        .collect();
    let input = vigil_taint::ModuleInput {
        module: &parsed.module,
        semantic: &model,
        source: src,
        path: "app.py",
        index: &index,
        comments: &parsed.comments,
        project: None,
        proof_calls: &calls,
        from_project_only: false,
        new_facts: None,
        templates: None,
    };
    let out = vigil_taint::analyze_module(&input);
    let mut safe: Vec<(u32, bool)> = out
        .proofs
        .iter()
        .filter(|p| p.rule == "command-injection")
        .map(|p| (index.location(p.call.start()).line, p.safe))
        .collect();
    safe.sort();
    safe
}

#[test]
fn recursion_and_cycles_reach_a_fixpoint() {
    let src = r#"
import os
from flask import request

def down(x, n):
    if n:
        return down(x, n - 1)
    return x

def ping(x):
    return pong(x)

def pong(x):
    if x:
        return ping(x)
    return x

def view():
    os.system(down(request.args["a"], 3))
    os.system(ping(request.args["b"]))
"#;
    assert_eq!(
        findings(src),
        vec![(19, "command-injection"), (20, "command-injection")]
    );
}

#[test]
fn decorated_functions_keep_their_summaries() {
    let src = r#"
import functools, os
from flask import Flask, request

app = Flask(__name__)

def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper

@logged
def run(cmd):
    os.system(cmd)

@app.route("/x")
def view():
    run(request.args["c"])
"#;
    assert_eq!(findings(src), vec![(15, "command-injection")]);
}

#[test]
fn deep_nesting_and_long_bodies_are_bounded() {
    // 400 nested calls and a long chain of operators: no stack overflow.
    let nested = format!(
        "import os\nfrom flask import request\ndef f():\n    os.system({}request.args['x']{})\n",
        "str(".repeat(400),
        ")".repeat(400)
    );
    assert_eq!(findings(&nested), vec![(4, "command-injection")]);
    let chain = format!(
        "import os\nfrom flask import request\ndef f():\n    os.system(request.args['x'] {})\n",
        "+ 'a' ".repeat(900)
    );
    assert_eq!(findings(&chain), vec![(4, "command-injection")]);
    // Thousands of statements and branches in one function.
    let mut body = String::from("import os\nfrom flask import request\ndef f(y):\n    x = 'a'\n");
    for i in 0..3000 {
        body.push_str(&format!(
            "    if len(y) == {i}:\n        x = request.args['k']\n"
        ));
    }
    body.push_str("    os.system(x)\n");
    assert_eq!(findings(&body), vec![(6005, "command-injection")]);
}

#[test]
fn nested_definitions_with_long_names_have_bounded_names() {
    // 301 nested functions and classes of 1,000-byte names: each qualified
    // name would repeat its parents' (300 KB at the bottom, 45 MB in all).
    let mut src = String::from("import os, sys\nfrom json import JSONDecoder\n");
    for level in 0..301 {
        let indent = " ".repeat(level);
        if level % 2 == 0 {
            src.push_str(&format!("{indent}def {}{level:04}(x):\n", "f".repeat(996)));
        } else {
            let name = "C".repeat(996);
            src.push_str(&format!("{indent}class {name}{level:04}(JSONDecoder):\n"));
        }
    }
    src.push_str(&format!("{}os.system(sys.argv[1])\n", " ".repeat(301)));
    let (out, index) = analyze(&src);
    let lines: Vec<u32> = out
        .findings
        .iter()
        .map(|f| index.location(&src, f.range.start()).line)
        .collect();
    assert_eq!(lines, vec![304]);
    // Classes (exported with their bases) are named by place past the
    // length the semantic model resolves.
    let names: Vec<&str> = out
        .exports
        .classes
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(names.len(), 150);
    assert!(
        names
            .iter()
            .all(|n| n.len() <= vigil_semantic::MAX_QUALIFIED_NAME + 16)
    );
    assert!(names.iter().all(|n| n.starts_with("app.@")));
    let distinct: std::collections::HashSet<&&str> = names.iter().collect();
    assert_eq!(distinct.len(), names.len());
}

#[test]
fn self_referencing_containers_stay_small() {
    let src = r#"
import os
from flask import request

def view():
    data = request.args["x"]
    for i in range(100):
        data = [data, data]
        data = {"a": data, "b": [data, data]}
    os.system(str(data))
"#;
    assert_eq!(findings(src), vec![(10, "command-injection")]);
}

#[test]
fn files_without_sources_are_not_analysed() {
    let src = "import os\n\ndef f(cmd):\n    os.system(cmd)\n";
    let (out, _) = analyze(src);
    assert!(out.findings.is_empty());
    assert!(out.exports.summaries.is_empty());
}
