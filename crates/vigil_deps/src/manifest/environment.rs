//! An installed environment (`--env PATH`): every `*.dist-info/METADATA`
//! (and legacy `*.egg-info/PKG-INFO`) of its `site-packages`, read for the
//! `Name:` and `Version:` headers. No Python interpreter is run.

use super::pep508::Location;
use super::source::{SourceFile, display_path};
use super::{ManifestKind, Manifests, Requirement};
use crate::name;
use crate::version::parse_version;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Most bytes of a METADATA file read (the headers come first).
const MAX_METADATA_BYTES: u64 = 256 * 1024;

/// The `site-packages` directories of an environment: `PATH` itself when it
/// holds distributions, else `lib/python*/site-packages` (POSIX) or
/// `Lib/site-packages` (Windows) under it.
pub fn find_site_packages(root: &Path) -> Vec<PathBuf> {
    if holds_distributions(root) {
        return vec![root.to_path_buf()];
    }
    let mut found = Vec::new();
    for lib in ["lib", "lib64", "Lib"] {
        let lib_dir = root.join(lib);
        let direct = lib_dir.join("site-packages");
        if direct.is_dir() {
            found.push(direct);
        }
        let Ok(entries) = std::fs::read_dir(&lib_dir) else {
            continue;
        };
        let mut pythons: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("python"))
            .map(|e| e.path().join("site-packages"))
            .filter(|p| p.is_dir())
            .collect();
        pythons.sort();
        found.extend(pythons);
    }
    let mut unique: Vec<PathBuf> = Vec::new();
    for dir in found {
        let key = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !unique
            .iter()
            .any(|u| std::fs::canonicalize(u).unwrap_or_else(|_| u.clone()) == key)
        {
            unique.push(dir);
        }
    }
    unique
}

fn holds_distributions(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".dist-info") || name.ends_with(".egg-info")
        })
    })
}

/// Reads the installed distributions of an environment. The error says
/// why the path is not an environment.
pub fn collect_environment(root: &Path) -> Result<Manifests, String> {
    let dirs = find_site_packages(root);
    if dirs.is_empty() {
        return Err(format!(
            "{} is not a Python environment: no site-packages with *.dist-info found",
            display_path(root)
        ));
    }
    let mut out = Manifests::default();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            let file_name = entry
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let metadata = if file_name.ends_with(".dist-info") {
                entry.join("METADATA")
            } else if file_name.ends_with(".egg-info") {
                if entry.is_dir() {
                    entry.join("PKG-INFO")
                } else {
                    entry.clone()
                }
            } else {
                continue;
            };
            distribution(&entry, &metadata, &mut out);
        }
    }
    out.normalize();
    Ok(out)
}

fn distribution(dir: &Path, metadata: &Path, out: &mut Manifests) {
    let headers = read_headers(metadata);
    let location_file = if headers.is_some() {
        display_path(metadata)
    } else {
        display_path(dir)
    };
    let (name, version, line, text) = match headers {
        Some(h) => h,
        None => {
            // `name-version.dist-info`, as the wheel spec names the directory.
            let stem = dir
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let (name, version) = stem.split_once('-').unwrap_or((&stem, ""));
            (name.to_owned(), version.to_owned(), 1, stem.clone())
        }
    };
    let location = Location {
        file: &location_file,
        line,
        source: ManifestKind::Environment,
        groups: Vec::new(),
        text,
    };
    if !name::is_valid(&name) {
        let reason = "installed distribution without a valid name";
        out.not_checked
            .push(location.not_checked(None, &name, reason));
        return;
    }
    match parse_version(&version) {
        Some(parsed) => out
            .dependencies
            .push(location.dependency(&name, Requirement::Pinned(parsed))),
        None => {
            let reason = format!("installed version {version:?} is not a PEP 440 version");
            out.not_checked
                .push(location.not_checked(Some(name::normalize(&name)), &name, reason));
        }
    }
    out.files.push(location_file);
}

/// Name, version, the line of the `Version:` header and its text.
fn read_headers(path: &Path) -> Option<(String, String, u32, String)> {
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.take(MAX_METADATA_BYTES).read_to_end(&mut bytes).ok()?;
    let source = SourceFile::new(String::new(), &String::from_utf8_lossy(&bytes));
    let mut name = None;
    let mut version = None;
    for (index, line) in source.text.lines().enumerate() {
        if line.trim().is_empty() {
            break; // end of the headers
        }
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if let Some(value) = header_value(line, "Name") {
            name.get_or_insert(value.to_owned());
        } else if let Some(value) = header_value(line, "Version") {
            version.get_or_insert((value.to_owned(), number, line.trim().to_owned()));
        }
    }
    let (version, line, text) = version?;
    Some((name?, version, line, text))
}

fn header_value<'a>(line: &'a str, header: &str) -> Option<&'a str> {
    let (key, value) = line.split_once(':')?;
    key.trim()
        .eq_ignore_ascii_case(header)
        .then(|| value.trim())
}
