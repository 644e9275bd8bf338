//! What `vigil db import|update|status` run: the cache file, and audits
//! that use it. `update` is tested against an HTTP server started here on
//! 127.0.0.1.

mod common;

use common::{fixture, options, zip_dir, zip_entries};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use vigil_deps::db::{self, Database, store, update};
use vigil_deps::report::{import_text, status_json as status_document, status_text};
use vigil_deps::{Audited, audit_project, project};
use vigil_report::Severity;

const TODAY: &str = "2024-12-01";

fn today() -> jiff::civil::Date {
    TODAY.parse().unwrap()
}

fn database_file(cache_dir: &Path) -> std::path::PathBuf {
    project::database_file(Some(cache_dir)).unwrap()
}

/// `vigil db import`: what it prints.
fn import(path: &Path, cache_dir: &Path) -> anyhow::Result<String> {
    Ok(import_text(&db::import_path(
        path,
        &database_file(cache_dir),
        false,
    )?))
}

/// `vigil db update --url URL`: what it prints.
fn download(url: &str, cache_dir: &Path) -> anyhow::Result<String> {
    Ok(import_text(&update::update(
        url,
        &database_file(cache_dir),
        false,
    )?))
}

fn status_text_of(cache_dir: &Path) -> String {
    let (meta, location) = db::status(Some(&database_file(cache_dir))).unwrap();
    status_text(&meta, &location, today())
}

fn status_json(cache_dir: &Path) -> serde_json::Value {
    let (meta, location) = db::status(Some(&database_file(cache_dir))).unwrap();
    serde_json::from_str(&status_document(&meta, &location, today())).unwrap()
}

/// An audit of `paths` with the cache directory `cache_dir`.
fn audit_with_cache(paths: Vec<std::path::PathBuf>, cache_dir: &Path) -> Audited {
    audit_project(&options(paths, cache_dir, TODAY)).unwrap()
}

#[test]
fn status_of_the_embedded_snapshot() {
    let cache_dir = tempfile::tempdir().unwrap();
    let text = status_text_of(cache_dir.path());
    assert!(text.contains("embedded snapshot"));
    assert!(text.contains("Snapshot date: 2024-10-10 (52 days old)"));
    assert!(text.contains("PYSEC 2,651"));
    assert!(text.contains("10 withdrawn"));
    assert!(text.contains("licensed CC BY 4.0"));
    let json = status_json(cache_dir.path());
    assert_eq!(json["source"], "embedded");
    assert_eq!(json["records"], 2651);
    assert_eq!(json["age_days"], 52);
}

fn assert_fixture_counts(meta: &serde_json::Value) {
    assert_eq!(meta["records"], 6);
    assert_eq!(meta["counts"]["PYSEC"], 3);
    assert_eq!(meta["counts"]["GHSA"], 2);
    assert_eq!(meta["counts"]["MAL"], 1);
    assert_eq!(meta["skipped"]["broken"], 2);
    assert_eq!(meta["skipped"]["withdrawn"], 1);
    assert_eq!(meta["skipped"]["other_ecosystem"], 1);
    // The newest `modified` among the records.
    assert_eq!(meta["snapshot_date"], "2024-10-05");
}

#[test]
fn import_a_directory_then_audit_with_it() {
    let cache_dir = tempfile::tempdir().unwrap();
    let out = import(&fixture("osv"), cache_dir.path()).unwrap();
    assert!(
        out.contains("imported 6 advisories (GHSA 2, MAL 1, PYSEC 3) from 10 record files"),
        "{out}"
    );
    assert!(out.contains("skipped: 2 broken, 1 withdrawn, 1 for other ecosystems"));
    assert!(out.contains("broken: broken-no-id.json"));
    assert!(out.contains("broken: broken-truncated.json"));
    let status = status_json(cache_dir.path());
    assert_eq!(status["source"], "import");
    assert!(status["imported_at"].is_string());
    assert_fixture_counts(&status);

    // An audit now uses the imported database.
    let project = tempfile::tempdir().unwrap();
    std::fs::write(
        project.path().join("requirements.txt"),
        "demo-pkg==1.4.1\njinja2==2.10\n",
    )
    .unwrap();
    let audited = audit_with_cache(vec![project.path().to_path_buf()], cache_dir.path());
    assert!(audited.report.fails_at(Severity::Low));
    let json = vigil_deps::report::to_json(&audited.report);
    let ids: Vec<&str> = json["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["PYSEC-TEST-1"]);
    assert_eq!(json["database"]["source"], "import");
}

#[test]
fn import_a_zip_with_broken_records() {
    let cache_dir = tempfile::tempdir().unwrap();
    let zip_path = cache_dir.path().join("all.zip");
    std::fs::write(&zip_path, zip_dir(&fixture("osv"))).unwrap();
    import(&zip_path, cache_dir.path()).unwrap();
    assert_fixture_counts(&status_json(cache_dir.path()));
    let stored = store::read(&database_file(cache_dir.path()), None).unwrap();
    assert_eq!(stored.advisories().len(), 6);
    assert_eq!(stored.for_package("demo-pkg").count(), 4);
}

#[test]
fn failed_imports_keep_the_current_database() {
    let cache_dir = tempfile::tempdir().unwrap();
    import(&fixture("osv"), cache_dir.path()).unwrap();
    let before = std::fs::read(database_file(cache_dir.path())).unwrap();

    let work = tempfile::tempdir().unwrap();
    let no_records = work.path().join("empty.zip");
    std::fs::write(&no_records, zip_entries(&[("README.md", b"nothing here")])).unwrap();
    let garbage = work.path().join("garbage.zip");
    std::fs::write(&garbage, b"PK\x03\x04 this is not really a zip archive").unwrap();
    let only_broken = work.path().join("broken.zip");
    std::fs::write(
        &only_broken,
        zip_entries(&[("A.json", b"{"), ("B.json", b"[]")]),
    )
    .unwrap();
    let npm_only = work.path().join("npm.zip");
    std::fs::write(&npm_only, zip_dir_single(&fixture("osv/npm-only.json"))).unwrap();

    let missing = work.path().join("missing.zip");
    for input in [&no_records, &garbage, &only_broken, &npm_only, &missing] {
        let result = import(input, cache_dir.path());
        assert!(result.is_err(), "{} was accepted", input.display());
    }
    assert_eq!(
        std::fs::read(database_file(cache_dir.path())).unwrap(),
        before
    );
}

fn zip_dir_single(file: &Path) -> Vec<u8> {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    zip_entries(&[(&name, &std::fs::read(file).unwrap())])
}

/// Serves `responses` (status line, body), one per connection, in order.
fn serve(responses: Vec<(&'static str, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for (status, body) in responses {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut request = Vec::new();
            let mut buffer = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
            }
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/zip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{address}/PyPI/all.zip")
}

#[test]
fn update_downloads_verifies_and_imports() {
    let cache_dir = tempfile::tempdir().unwrap();
    let url = serve(vec![("200 OK", zip_dir(&fixture("osv")))]);
    let out = download(&url, cache_dir.path()).unwrap();
    assert!(out.contains("imported 6 advisories"));
    let status = status_json(cache_dir.path());
    assert_eq!(status["source"], "download");
    assert_eq!(status["origin"], url);
    assert_fixture_counts(&status);
}

#[test]
fn failed_updates_keep_the_current_database() {
    let cache_dir = tempfile::tempdir().unwrap();
    import(&fixture("osv"), cache_dir.path()).unwrap();
    let before = std::fs::read(database_file(cache_dir.path())).unwrap();
    let url = serve(vec![
        ("404 Not Found", b"no such file".to_vec()),
        ("200 OK", b"<html>captive portal</html>".to_vec()),
        ("200 OK", zip_entries(&[("README.md", b"no records")])),
    ]);
    for _ in 0..3 {
        let err = download(&url, cache_dir.path()).unwrap_err();
        assert!(!format!("{err:#}").is_empty());
    }
    // Nothing listens here any more: a connection error.
    assert!(download("http://127.0.0.1:9/all.zip", cache_dir.path()).is_err());
    assert!(download("ftp://example.com/all.zip", cache_dir.path()).is_err());
    assert_eq!(
        std::fs::read(database_file(cache_dir.path())).unwrap(),
        before
    );
}

#[test]
fn a_corrupt_cache_falls_back_to_the_embedded_snapshot() {
    let cache_dir = tempfile::tempdir().unwrap();
    std::fs::write(
        database_file(cache_dir.path()),
        b"vigil-osv-db 1\t{broken json\n",
    )
    .unwrap();
    let (db, warning) =
        Database::load_default(Some(&database_file(cache_dir.path())), None).unwrap();
    assert_eq!(db.meta.records, 2651);
    assert!(warning.unwrap().contains("unreadable"));
    // Status reports the problem instead of guessing.
    assert!(db::status(Some(&database_file(cache_dir.path()))).is_err());
    let audited = audit_with_cache(vec![fixture("script")], cache_dir.path());
    assert!(audited.report.fails_at(Severity::Low));
    assert!(
        audited.warnings[0].starts_with("the imported database"),
        "{:?}",
        audited.warnings
    );
}

#[test]
fn audit_against_an_export_without_importing() {
    let cache_dir = tempfile::tempdir().unwrap();
    let project = tempfile::tempdir().unwrap();
    std::fs::write(project.path().join("requirements.txt"), "evil-pkg==0.0.1\n").unwrap();
    let request = vigil_deps::DepsOptions {
        db: Some(fixture("osv")),
        ..options(vec![project.path().to_path_buf()], cache_dir.path(), TODAY)
    };
    let report = audit_project(&request).unwrap().report;
    assert!(report.fails_at(Severity::Critical));
    assert!(
        report
            .vulnerabilities
            .iter()
            .any(|v| v.id == "MAL-2024-0001" && v.severity == Severity::Critical)
    );
    assert!(!database_file(cache_dir.path()).exists());
}

/// A mirror URL with credentials is never stored or printed whole (item
/// 13): the database's origin and the import report show it masked.
#[test]
fn update_from_a_url_with_credentials_masks_them() {
    let cache_dir = tempfile::tempdir().unwrap();
    let url = serve(vec![("200 OK", zip_dir(&fixture("osv")))])
        .replace("http://", "http://mirror-user:Secr3tMirrorPass@");
    let out = download(&url, cache_dir.path()).unwrap();
    assert!(!out.contains("Secr3tMirrorPass"), "{out}");
    let status = status_json(cache_dir.path());
    let origin = status["origin"].as_str().unwrap();
    assert!(!origin.contains("Secr3tMirrorPass"), "{origin}");
    assert!(origin.ends_with("/PyPI/all.zip"), "{origin}");
    let text = status_text_of(cache_dir.path());
    assert!(!text.contains("Secr3tMirrorPass"), "{text}");
    let err = download(
        "http://mirror-user:Secr3tMirrorPass@127.0.0.1:9/all.zip",
        cache_dir.path(),
    )
    .unwrap_err();
    assert!(!format!("{err:#}").contains("Secr3tMirrorPass"), "{err:#}");
}
