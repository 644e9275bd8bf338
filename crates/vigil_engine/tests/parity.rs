//! The Bandit parity table of `docs/rules.md` is a promise: each Bandit
//! check it lists is covered by the vigil rules named beside it. This test
//! holds every row to it. A fixture line that shows the Bandit check's
//! construct carries the check's id (`# bandit: B412`, after its markers);
//! for every row, at least one such line must exist, and on each, one of
//! the row's rules must report (in audit mode, as Bandit reports
//! everything). A mapping that no code triggers cannot hide in the table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use vigil_engine::diagnose_source;
use vigil_rules::parity::BANDIT_CHECKS;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Bandit id -> the vigil rules the table maps it to.
fn parity_table() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(repository().join("docs/rules.md")).unwrap();
    let section = text
        .split("## Parity with Bandit")
        .nth(1)
        .expect("docs/rules.md has a Bandit parity section");
    let mut table = BTreeMap::new();
    for line in section.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | B412 | import_httpoxy | [`cgi-httpoxy`](#cgi-httpoxy) |
        let [_, id, _, rules, ..] = cells.as_slice() else {
            continue;
        };
        if !(id.starts_with('B') && id.len() == 4 && id[1..].bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        let names: Vec<String> = rules
            .split("[`")
            .skip(1)
            .filter_map(|part| part.split('`').next())
            .map(str::to_string)
            .collect();
        table.insert(id.to_string(), names);
    }
    table
}

/// Bandit id -> the (fixture, line) places tagged with it.
fn tagged_lines() -> BTreeMap<String, Vec<(PathBuf, u32)>> {
    let dir = repository().join("crates/vigil_rules/tests/fixtures");
    let mut tags: BTreeMap<String, Vec<(PathBuf, u32)>> = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        for (i, line) in source.lines().enumerate() {
            let Some(at) = line.rfind("# bandit:") else {
                continue;
            };
            for id in line[at + "# bandit:".len()..].split(',') {
                tags.entry(id.trim().to_string())
                    .or_default()
                    .push((path.clone(), i as u32 + 1));
            }
        }
    }
    tags
}

#[test]
fn every_bandit_check_of_the_parity_table_is_triggered_by_a_fixture_line() {
    let table = parity_table();
    let listed: BTreeSet<&str> = BANDIT_CHECKS.iter().map(|(id, _)| *id).collect();
    let in_table: BTreeSet<&str> = table.keys().map(String::as_str).collect();
    assert_eq!(in_table, listed, "the table lists every Bandit check");
    let tags = tagged_lines();
    let unknown: Vec<&String> = tags.keys().filter(|id| !table.contains_key(*id)).collect();
    assert!(unknown.is_empty(), "tags of no Bandit check: {unknown:?}");

    let mut diagnostics: BTreeMap<PathBuf, Vec<(u32, String)>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (id, rules) in &table {
        if rules.is_empty() {
            problems.push(format!("{id}: the table maps it to no rule"));
            continue;
        }
        let Some(places) = tags.get(id) else {
            problems.push(format!(
                "{id}: no fixture line is tagged `# bandit: {id}` (mapped to {rules:?})"
            ));
            continue;
        };
        for (path, line) in places {
            let found = diagnostics.entry(path.clone()).or_insert_with(|| {
                let source = std::fs::read_to_string(path).unwrap();
                diagnose_source(&source, "fixture")
                    .expect("fixture parses")
                    .into_iter()
                    .map(|d| (d.line, d.rule.to_string()))
                    .collect()
            });
            let fired: Vec<&str> = found
                .iter()
                .filter(|(l, _)| l == line)
                .map(|(_, r)| r.as_str())
                .collect();
            if !rules.iter().any(|r| fired.contains(&r.as_str())) {
                problems.push(format!(
                    "{id}: {}:{line} is tagged, but none of {rules:?} reports there (found {fired:?})",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
