//! Hostile input: garbage, huge and pathological files must never panic,
//! hang or be fatal; they end up as "not checked" entries or skipped records.

mod common;

use common::zip_entries;
use std::path::Path;
use vigil_deps::db::{Database, store};
use vigil_deps::manifest;
use vigil_deps::osv;

const MANIFEST_NAMES: [&str; 8] = [
    "requirements.txt",
    "pyproject.toml",
    "poetry.lock",
    "uv.lock",
    "Pipfile.lock",
    "pylock.toml",
    "script.py",
    "dev-requirements.in",
];

/// Deterministic pseudo-random bytes (xorshift).
fn garbage(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

fn collect_all(dir: &Path) -> vigil_deps::Manifests {
    manifest::collect(dir, &common::scope()).unwrap()
}

#[test]
fn random_bytes_in_every_manifest() {
    for seed in 0..24 {
        let dir = tempfile::tempdir().unwrap();
        for (i, name) in MANIFEST_NAMES.iter().enumerate() {
            let mut bytes = garbage(seed * 31 + i as u64, 4096);
            if name.ends_with(".py") {
                bytes.splice(0..0, b"# /// script\n# dependencies = [\n".iter().copied());
            }
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let found = collect_all(dir.path());
        assert!(found.dependencies.len() < 4096);
    }
}

#[test]
fn structured_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    let deep = "[".repeat(200_000);
    write(
        "pyproject.toml",
        &format!("[project]\ndependencies = {deep}"),
    );
    write(
        "poetry.lock",
        "[[package]]\nname = 5\nversion = [1]\n[[package]]\nname = \"ok\"\nversion = \"not.a.version!\"\n",
    );
    write("uv.lock", "package = \"not an array\"\n");
    write(
        "Pipfile.lock",
        &format!("{}{}", "{\"a\":".repeat(10_000), "1"),
    );
    write(
        "pylock.toml",
        "[[packages]]\nname = \"x\"\nversion = \"1\" \"2\"\n",
    );
    let marker = format!(
        "a==1; {}python_version>'3'{}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let long_version = format!("b=={}", "1.".repeat(100_000));
    let continuation = "c \\\n".repeat(50_000);
    write(
        "requirements.txt",
        &format!("{marker}\n{long_version}\n{continuation}\n\0\0\0\n-r\n-c\n--requirement=\n"),
    );
    write(
        "tool.py",
        "# /// script\n# dependencies = [\"requests<\" \n# ///\n",
    );
    let found = collect_all(dir.path());
    assert!(found.dependencies.is_empty(), "{:#?}", found.dependencies);
    // Unparseable files and lines are errors (they fail the run).
    let reasons: Vec<&str> = found
        .not_checked
        .iter()
        .chain(&found.errors)
        .map(|n| n.reason.as_str())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("nested too deeply")),
        "{reasons:#?}"
    );
    assert!(reasons.iter().any(|r| r.starts_with("invalid JSON")));
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("too long or too deeply nested")
                || r.starts_with("requirement too long"))
    );
    assert!(reasons.iter().any(|r| r.starts_with("script metadata")));
}

#[test]
fn invalid_utf8_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xef\xbb\xbfjinja2==2.10\n\xff\xfe bad \xc3\x28\nflask==0.12.2\n".to_vec();
    bytes.extend_from_slice(&garbage(7, 100));
    std::fs::write(dir.path().join("requirements.txt"), bytes).unwrap();
    let found = collect_all(dir.path());
    let names: Vec<&str> = found.dependencies.iter().map(|d| d.name.as_str()).collect();
    assert!(names.contains(&"jinja2") && names.contains(&"flask"));
    assert_eq!(
        found
            .dependencies
            .iter()
            .find(|d| d.name == "jinja2")
            .unwrap()
            .line,
        1
    );
}

#[test]
fn oversized_files_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("requirements.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(33 * 1024 * 1024).unwrap();
    let found = collect_all(dir.path());
    assert_eq!(found.errors.len(), 1);
    assert!(found.errors[0].reason.contains("larger than"));
}

#[cfg(unix)]
#[test]
fn special_files_are_not_read() {
    let found = manifest::collect(Path::new("/dev/zero"), &common::scope()).unwrap();
    assert_eq!(found.errors[0].reason, "not a regular file");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("requirements.txt"),
        "-r /dev/zero
flask==1.0
",
    )
    .unwrap();
    let found = collect_all(dir.path());
    assert_eq!(found.dependencies.len(), 1);
    assert_eq!(
        found.errors[0].reason,
        "included file is not a regular file: /dev/zero"
    );
}

#[test]
fn include_cycles_and_deep_chains_terminate() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("requirements.txt", "-r requirements.txt\n-r a.txt\nx==1\n");
    write("a.txt", "-r b.txt\n-c a.txt\n");
    write("b.txt", "-r a.txt\n-r requirements.txt\ny==2\n");
    for i in 0..60 {
        write(
            &format!("chain{i}.txt"),
            &format!("-r chain{}.txt\nz{i}==1\n", i + 1),
        );
    }
    write("requirements-chain.txt", "-r chain0.txt\n");
    let found = collect_all(dir.path());
    let names: Vec<&str> = found.dependencies.iter().map(|d| d.name.as_str()).collect();
    assert!(names.contains(&"x") && names.contains(&"y"));
    assert!(names.contains(&"z0") && !names.contains(&"z59"));
    assert!(
        found
            .not_checked
            .iter()
            .any(|n| n.reason == "includes nested too deeply")
    );
}

#[test]
fn hostile_osv_archives_and_records() {
    let zeros = vec![0u8; 17 * 1024 * 1024];
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let laughs = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n\
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n\
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n\
        id: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
    let ok = br#"{"id":"PYSEC-OK-1","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"versions":["1"]}]}"#;
    let control = br#"{"id":"PYSEC-CTRL\u0000-1","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"versions":["1"]}]}"#;
    let archive = zip_entries(&[
        ("huge.json", &zeros),
        ("deep.json", deep_json.as_bytes()),
        ("laughs.yaml", laughs.as_bytes()),
        ("binary.json", &garbage(3, 5000)),
        ("bad-utf8.yaml", b"id: \xff\xfe\n"),
        ("ok.json", ok),
        ("ctrl.json", control),
    ]);
    let mut kept = Vec::new();
    let stats = osv::read_zip(&archive, |record| kept.push(record.id)).unwrap();
    assert_eq!(stats.entries, 7);
    assert!(stats.broken >= 5, "{stats:?}");
    assert!(kept.contains(&"PYSEC-OK-1".to_owned()));

    for seed in 0..16 {
        assert!(osv::read_zip(&garbage(seed, 10_000), |_| {}).is_err());
    }
    let mut truncated = archive.clone();
    truncated.truncate(archive.len() / 2);
    let _ = osv::read_zip(&truncated, |_| {});
}

#[test]
fn hostile_store_files() {
    for seed in 0..16 {
        let bytes = garbage(seed, 2000);
        assert!(store::from_bytes(&bytes, None).is_err());
    }
    let header = "vigil-osv-db 2\t0\t00000000\t{\"origin\":{\"kind\":\"embedded\",\"name\":\"x\"},\"snapshot_date\":null,\"records\":0,\"counts\":{},\"broken\":0,\"withdrawn\":0,\"other_ecosystem\":0}\n";
    assert!(store::from_bytes(header.as_bytes(), None).is_ok());
    let with_garbage = format!("{header}a b c\t{{\"id\": 1}}\nno tab here\n");
    assert!(store::from_bytes(with_garbage.as_bytes(), None).is_err());
    assert_eq!(Database::embedded(None).unwrap().meta.records, 2651);
}

#[test]
fn hostile_environment() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("lib/python3.12/site-packages");
    for (name, metadata) in [
        ("a-1.0.dist-info", garbage(1, 3000)),
        (
            "b-2.0.dist-info",
            b"Name: b\nVersion: not a version\n".to_vec(),
        ),
        (
            "c-3.0.dist-info",
            b"Name: \x1b[31mevil\nVersion: 1.0\n".to_vec(),
        ),
        ("d.dist-info", Vec::new()),
    ] {
        std::fs::create_dir_all(site.join(name)).unwrap();
        std::fs::write(site.join(name).join("METADATA"), metadata).unwrap();
    }
    let found = manifest::collect_environment(dir.path()).unwrap();
    assert_eq!(found.dependencies.len(), 1, "{:#?}", found.dependencies);
    assert_eq!(found.dependencies[0].name, "a");
    assert_eq!(found.not_checked.len(), 3);
}
