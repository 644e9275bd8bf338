//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use vigil_deps::DepsOptions;
use vigil_deps::manifest::{self, Dependency, Manifests, Requirement};
use vigil_walk::WalkScope;

/// A fixture path, relative to the crate (the tests' working directory).
pub fn fixture(relative: &str) -> PathBuf {
    Path::new("tests/fixtures").join(relative)
}

/// The walk's default scope (no configuration file).
pub fn scope() -> WalkScope {
    WalkScope::defaults(".")
}

/// Parses every manifest under a fixture path.
pub fn collect(relative: &str) -> Manifests {
    manifest::collect(&fixture(relative), &scope()).unwrap()
}

/// The dependencies named `name` declared in a file ending with `file`.
pub fn deps<'a>(manifests: &'a Manifests, name: &str) -> Vec<&'a Dependency> {
    manifests
        .dependencies
        .iter()
        .filter(|d| d.name == name)
        .collect()
}

/// The single dependency `name`; panics when there is not exactly one.
pub fn dep<'a>(manifests: &'a Manifests, name: &str) -> &'a Dependency {
    let found = deps(manifests, name);
    assert_eq!(found.len(), 1, "expected one {name}, got {found:#?}");
    found[0]
}

/// `==version` or the range text of a dependency.
pub fn declared(dependency: &Dependency) -> String {
    match &dependency.requirement {
        Requirement::Pinned(v) => format!("=={v}"),
        Requirement::Range { .. } => dependency.requirement.describe(),
    }
}

/// Options auditing `paths` with their own cache directory and a fixed
/// date.
pub fn options(paths: Vec<PathBuf>, cache: &Path, today: &str) -> DepsOptions {
    DepsOptions {
        cache_dir: Some(cache.to_path_buf()),
        today: today.parse().unwrap(),
        ..DepsOptions::new(paths, scope())
    }
}

/// A zip archive of every file in a directory tree (paths kept).
pub fn zip_dir(dir: &Path) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut stack = vec![dir.to_path_buf()];
    let mut files = Vec::new();
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in files {
        let name = path
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        writer.start_file(name, options).unwrap();
        writer.write_all(&std::fs::read(&path).unwrap()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A zip archive from (name, content) pairs.
pub fn zip_entries(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}
