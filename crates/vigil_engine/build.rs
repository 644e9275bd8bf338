//! Generates one test per rule fixture (`crates/vigil_rules/tests/
//! fixtures/<rule>.py`), so that a failing fixture names its rule.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../vigil_rules/tests/fixtures");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "py"))
                .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::new();
    for name in names {
        let ident: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        writeln!(
            out,
            "#[test]\nfn {ident}() {{\n    check_named_fixture({name:?});\n}}\n"
        )
        .unwrap();
    }
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("fixture_tests.rs");
    std::fs::write(target, out).unwrap();
}
