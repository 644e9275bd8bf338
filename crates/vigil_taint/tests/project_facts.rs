//! A module analysed again from what other modules pass into it: only the
//! functions whose facts are new are started from.

use rustc_hash::FxHashSet;
use vigil_python::ast::PySourceType;
use vigil_python::{LazyLineIndex, parse_module};
use vigil_semantic::SemanticModel;
use vigil_taint::project::{ArgKey, EntryFact, PlacedStep, ProjectFacts};
use vigil_taint::{ExportedLabel, KindSet, Level, ModuleInput, analyze_module};

const HELPERS: &str = r#"import os
import subprocess


def ping(host):
    os.system("ping -c 1 " + host)


def archive(folder):
    subprocess.run("tar czf backup.tgz " + folder, shell=True)
"#;

fn request_data() -> ExportedLabel {
    ExportedLabel {
        what: "the request's query string".into(),
        expr: "request.args".into(),
        trust: vigil_taint::model::spec::Trust::Remote,
        confidence: Level::High,
        structured: false,
        reaches: KindSet::ALL,
        cleared: KindSet::EMPTY,
        flags: 0,
        steps: vec![PlacedStep {
            path: "views.py".into(),
            line: 9,
            column: 5,
            note: "read".into(),
        }],
    }
}

/// The lines of the findings of `HELPERS` analysed from `facts`, starting
/// from the functions named in `new` (all of them: `None`).
fn lines(facts: &ProjectFacts, new: Option<&FxHashSet<String>>) -> Vec<u32> {
    let parsed = parse_module(HELPERS, PySourceType::Python).expect("parses");
    let model = SemanticModel::build(&parsed.module, "app.helpers", false);
    let index = LazyLineIndex::new(HELPERS);
    let input = ModuleInput {
        module: &parsed.module,
        semantic: &model,
        source: HELPERS,
        path: "app/helpers.py",
        index: &index,
        comments: &parsed.comments,
        project: Some(facts),
        proof_calls: &[],
        from_project_only: true,
        new_facts: new,
        templates: None,
    };
    let lines = vigil_python::LineIndex::new(HELPERS);
    let mut found: Vec<u32> = analyze_module(&input)
        .findings
        .iter()
        .map(|f| lines.location(HELPERS, f.range.start()).line)
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn only_functions_with_new_facts_are_analysed_again() {
    let mut facts = ProjectFacts::default();
    for callee in ["app.helpers.ping", "app.helpers.archive"] {
        facts.entries.insert(
            callee.into(),
            vec![EntryFact {
                bound: false,
                arg: ArgKey::Pos(0),
                label: request_data(),
            }],
        );
    }
    assert_eq!(lines(&facts, None), vec![6, 10]);
    let archive: FxHashSet<String> = ["app.helpers.archive".to_string()].into_iter().collect();
    assert_eq!(lines(&facts, Some(&archive)), vec![10]);
    assert!(lines(&facts, Some(&FxHashSet::default())).is_empty());
}
