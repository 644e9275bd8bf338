//! The embedded index must be exactly what the snapshot zip generates.
//!
//! After changing how advisories are converted or stored, regenerate it with
//! `VIGIL_BLESS=1 cargo test -p vigil_deps --test embedded_index`.

use std::path::Path;
use vigil_deps::db::{Database, EMBEDDED_SOURCE_ZIP, EMBEDDED_STORE, store};

#[test]
fn embedded_index_matches_the_snapshot_zip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let zip = std::fs::read(root.join(EMBEDDED_SOURCE_ZIP)).unwrap();
    let db = Database::embedded_from_zip(&zip).unwrap();
    assert_eq!(db.meta.broken, 0);
    assert_eq!(
        db.meta.records + db.meta.withdrawn + db.meta.other_ecosystem,
        2661
    );
    let expected = store::to_bytes(&db).unwrap();
    if std::env::var_os("VIGIL_BLESS").is_some() {
        let target = root.join(EMBEDDED_SOURCE_ZIP).with_extension("vdb");
        std::fs::write(target, &expected).unwrap();
        return;
    }
    assert!(
        expected == EMBEDDED_STORE,
        "data/*.vdb is stale: run `VIGIL_BLESS=1 cargo test -p vigil_deps --test embedded_index`"
    );
}
