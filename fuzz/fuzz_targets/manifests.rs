//! Arbitrary bytes → every dependency manifest and lock-file parser of
//! vigil_deps, then the audit of what they declare against the embedded
//! database (version ranges against advisory ranges).
//!
//! The first byte chooses the file (its value modulo the number of
//! [`FILES`]); the rest is its content, written to a scratch directory of
//! this process and read through `vigil_deps::manifest::collect`, as
//! `vigil deps FILE` reads it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;
use vigil_deps::{AuditOptions, Database, audit};
use vigil_walk::WalkScope;

/// The file names that pick each parser (`ManifestKind::of_file`).
const FILES: &[&str] = &[
    "requirements.txt",
    "pyproject.toml",
    "poetry.lock",
    "uv.lock",
    "pylock.toml",
    "Pipfile",
    "Pipfile.lock",
    "setup.cfg",
    "setup.py",
    "script.py",
];

struct Setup {
    dir: PathBuf,
    db: Database,
    options: AuditOptions,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("vigil-fuzz-manifests-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        Setup {
            dir,
            db: Database::embedded(None).expect("embedded database"),
            options: AuditOptions {
                ignores: Vec::new(),
                today: jiff::civil::date(2026, 1, 1),
            },
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let setup = setup();
    let path = setup.dir.join(FILES[usize::from(selector) % FILES.len()]);
    std::fs::write(&path, content).expect("scratch file");
    let scope = WalkScope::defaults(&setup.dir);
    let manifests = vigil_deps::manifest::collect(&path, &scope).expect("a regular file");
    let report = audit(&manifests, &setup.db, &setup.options);
    std::hint::black_box(report);
    let _ = std::fs::remove_file(&path);
});
