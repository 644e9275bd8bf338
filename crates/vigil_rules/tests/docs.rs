//! `docs/rules.md` is generated from the catalog and must stay current.

use std::path::Path;

#[test]
fn rules_page_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let expected = vigil_rules::catalog_markdown();
    if std::env::var_os("VIGIL_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: run `VIGIL_BLESS=1 cargo test -p vigil_rules --test docs`"
    );
}
