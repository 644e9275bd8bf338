//! Runs the engine over one in-memory module.

use vigil_python::ast::PySourceType;
use vigil_python::{LazyLineIndex, LineIndex, parse_module};
use vigil_semantic::SemanticModel;
use vigil_taint::{ModuleInput, ModuleOutput, analyze_module};

pub fn analyze(source: &str) -> (ModuleOutput, LineIndex) {
    let parsed = parse_module(source, PySourceType::Python).expect("parses");
    assert!(
        parsed.syntax_errors.is_empty(),
        "{:?}",
        parsed.syntax_errors
    );
    let model = SemanticModel::build(&parsed.module, "app", false);
    let lazy = LazyLineIndex::new(source);
    let input = ModuleInput {
        module: &parsed.module,
        semantic: &model,
        source,
        path: "app.py",
        index: &lazy,
        comments: &parsed.comments,
        project: None,
        proof_calls: &[],
        from_project_only: false,
        new_facts: None,
        templates: None,
    };
    (analyze_module(&input), LineIndex::new(source))
}

/// (line, rule) of every finding.
pub fn findings(source: &str) -> Vec<(u32, &'static str)> {
    let (out, index) = analyze(source);
    out.findings
        .iter()
        .map(|f| (index.location(source, f.range.start()).line, f.rule))
        .collect()
}
