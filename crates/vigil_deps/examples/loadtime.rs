fn main() {
    let t = std::time::Instant::now();
    let db = vigil_deps::db::Database::embedded(None).unwrap();
    println!(
        "embedded full load: {:?} ({} advisories)",
        t.elapsed(),
        db.advisories().len()
    );
    let bytes = vigil_deps::db::store::to_bytes(&db).unwrap();
    let t = std::time::Instant::now();
    let names: std::collections::HashSet<String> = ["jinja2".into(), "django".into()].into();
    let db2 = vigil_deps::db::store::from_bytes(&bytes, Some(&names)).unwrap();
    println!(
        "store filtered load: {:?} ({} advisories, {} bytes)",
        t.elapsed(),
        db2.advisories().len(),
        bytes.len()
    );
    let t = std::time::Instant::now();
    let db3 = vigil_deps::db::store::from_bytes(&bytes, None).unwrap();
    println!(
        "store full load: {:?} ({})",
        t.elapsed(),
        db3.advisories().len()
    );
}
