//! Fixture tests: every `crates/vigil_rules/tests/fixtures/*.py` marks the
//! lines that must be flagged and those that must not. They run here, in the
//! engine, so that every analyzer (pattern rules and dataflow) sees them.
//!
//! Markers (in a comment on the first line of the flagged node):
//! * `# expect: rule-a, rule-b` — flagged in default mode (and so in audit);
//! * `# expect-audit: rule` — flagged in `--audit` mode only;
//! * `# ok: rule` — must not be flagged in either mode.
//!
//! Any finding on a line without a matching marker fails the test.

use std::collections::BTreeSet;
use std::path::Path;
use vigil_engine::diagnose_source;
use vigil_rules::registry;

type Marks = BTreeSet<(u32, String)>;

struct Expectations {
    default: Marks,
    audit_only: Marks,
    ok: Marks,
}

fn markers(source: &str) -> Expectations {
    let mut e = Expectations {
        default: Marks::new(),
        audit_only: Marks::new(),
        ok: Marks::new(),
    };
    for (i, line) in source.lines().enumerate() {
        let number = i as u32 + 1;
        for (tag, set) in [
            ("# expect-audit:", &mut e.audit_only),
            ("# expect:", &mut e.default),
            ("# ok:", &mut e.ok),
        ] {
            if let Some(at) = line.find(tag) {
                let rest = &line[at + tag.len()..];
                let rest = rest.split('#').next().unwrap_or("");
                for rule in rest.split(',') {
                    let rule = rule.trim();
                    if !rule.is_empty() {
                        set.insert((number, rule.to_string()));
                    }
                }
            }
        }
    }
    e
}

/// (line, rule) of every diagnostic, split into default-mode and audit-only.
fn findings(source: &str) -> (Marks, Marks) {
    let diagnostics = diagnose_source(source, "fixture").expect("fixture parses");
    let mut default = Marks::new();
    let mut audit = Marks::new();
    for d in diagnostics {
        let key = (d.line, d.rule.to_string());
        if d.audit_only {
            audit.insert(key);
        } else {
            default.insert(key);
        }
    }
    (default, audit)
}

fn check_fixture(path: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let expected = markers(&source);
    let (default, audit) = findings(&source);
    let mut problems = Vec::new();
    for (line, rule) in &default {
        if !expected.default.contains(&(*line, rule.clone())) {
            problems.push(format!("line {line}: unexpected `{rule}` in default mode"));
        }
    }
    for (line, rule) in &audit {
        let marked = expected.audit_only.contains(&(*line, rule.clone()))
            || expected.default.contains(&(*line, rule.clone()));
        if !marked && !default.contains(&(*line, rule.clone())) {
            problems.push(format!("line {line}: unexpected `{rule}` in audit mode"));
        }
    }
    for (line, rule) in &expected.default {
        if !default.contains(&(*line, rule.clone())) {
            problems.push(format!(
                "line {line}: expected `{rule}` in default mode, not found"
            ));
        }
    }
    for (line, rule) in &expected.audit_only {
        if default.contains(&(*line, rule.clone())) {
            problems.push(format!(
                "line {line}: `{rule}` should be audit-only but fires in default mode"
            ));
        } else if !audit.contains(&(*line, rule.clone())) {
            problems.push(format!(
                "line {line}: expected `{rule}` in audit mode, not found"
            ));
        }
    }
    for (line, rule) in &expected.ok {
        if default.contains(&(*line, rule.clone())) || audit.contains(&(*line, rule.clone())) {
            problems.push(format!("line {line}: `{rule}` fired on a line marked ok"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}:\n  {}", path.display(), problems.join("\n  ")))
    }
}

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../vigil_rules/tests/fixtures")
}

#[test]
fn fixtures_match_their_markers() {
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(fixture_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "py") {
            count += 1;
            if let Err(e) = check_fixture(&path) {
                failures.push(e);
            }
        }
    }
    assert!(count > 0, "no fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_positive_and_a_negative_fixture() {
    let mut missing = Vec::new();
    for rule in &registry().rules {
        let name = rule.meta.name;
        let path = fixture_dir().join(format!("{name}.py"));
        let Ok(source) = std::fs::read_to_string(&path) else {
            missing.push(format!("{name}: no fixture {}", path.display()));
            continue;
        };
        let marks = markers(&source);
        let positive = marks
            .default
            .iter()
            .chain(&marks.audit_only)
            .any(|(_, r)| r == name);
        let negative = marks.ok.iter().any(|(_, r)| r == name);
        if !positive {
            missing.push(format!("{name}: no `# expect` line"));
        }
        if !negative {
            missing.push(format!("{name}: no `# ok` line"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
