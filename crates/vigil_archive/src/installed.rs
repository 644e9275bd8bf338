//! Installed distributions: a virtual environment's `site-packages`
//! found by its layout (Python is never run), a distribution's
//! `*.dist-info` by its normalised name, and the files its `RECORD` lists.

use crate::metadata::{self, Metadata};
use std::path::{Component, Path, PathBuf};

/// One installed distribution and its files.
#[derive(Debug, Clone)]
pub struct Distribution {
    pub metadata: Metadata,
    /// The `*.dist-info` folder.
    pub dist_info: PathBuf,
    /// The files `RECORD` lists that lie inside the environment and exist.
    pub files: Vec<PathBuf>,
    /// `RECORD` entries not scanned, with why (outside the environment,
    /// missing).
    pub notes: Vec<(String, String)>,
    /// Where the installed files and `RECORD` disagree: a file changed
    /// after it was installed, or code added to the package's folders that
    /// `RECORD` does not list (members are paths relative to
    /// `site-packages`, as `RECORD` writes them).
    pub record: Vec<crate::RecordProblem>,
}

/// Largest file hashed for the `RECORD` check.
const MAX_HASHED: u64 = 256 * 1024 * 1024;
/// Entries of a package's folders looked at for files `RECORD` leaves out.
const MAX_UNLISTED_WALK: usize = 50_000;

/// A distribution name normalised per PEP 503: lower case, every run of
/// `-`, `_` and `.` one `-`.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut separator = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            separator = true;
        } else {
            if separator && !out.is_empty() {
                out.push('-');
            }
            separator = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The `site-packages` folders of the environment at `env`:
/// `lib/python3.*/site-packages` (and `lib64`), `Lib/site-packages`.
pub fn site_packages(env: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for lib in ["lib", "lib64"] {
        let Ok(entries) = std::fs::read_dir(env.join(lib)) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("python3"))
            .map(|e| e.path().join("site-packages"))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for dir in dirs {
            let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
            if !found
                .iter()
                .any(|f: &PathBuf| f.canonicalize().unwrap_or_else(|_| f.clone()) == canonical)
            {
                found.push(dir);
            }
        }
    }
    let windows = env.join("Lib").join("site-packages");
    if windows.is_dir() && !found.contains(&windows) {
        found.push(windows);
    }
    found
}

/// The distribution `name` installed in the environment at `env`.
pub fn find(env: &Path, name: &str) -> Result<Distribution, String> {
    let sites = site_packages(env);
    if sites.is_empty() {
        return Err(format!(
            "no site-packages under {} (lib/python3.*/site-packages or Lib/site-packages)",
            env.display()
        ));
    }
    let wanted = normalize(name);
    for site in &sites {
        let Ok(entries) = std::fs::read_dir(site) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "dist-info"))
            .collect();
        dirs.sort();
        for dir in dirs {
            let Some(meta) = std::fs::read(dir.join("METADATA"))
                .ok()
                .and_then(|b| metadata::parse(&String::from_utf8_lossy(&b)))
            else {
                continue;
            };
            if normalize(&meta.name) == wanted {
                return distribution(env, site, dir, meta);
            }
        }
    }
    Err(format!(
        "package {name} is not installed in {} (no {wanted} *.dist-info with a METADATA in {})",
        env.display(),
        sites
            .iter()
            .map(|s| s.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

fn distribution(
    env: &Path,
    site: &Path,
    dist_info: PathBuf,
    metadata: Metadata,
) -> Result<Distribution, String> {
    let record = dist_info.join("RECORD");
    let text =
        std::fs::read(&record).map_err(|e| format!("{}: cannot read: {e}", record.display()))?;
    let text = String::from_utf8_lossy(&text);
    let root = lexical(env);
    let mut files = Vec::new();
    let mut notes = Vec::new();
    let mut digests = Vec::new();
    let mut unread = Vec::new();
    let mut listed = rustc_hash::FxHashSet::default();
    for line in text.lines() {
        let Some(entry) = first_field(line) else {
            continue;
        };
        let path = lexical(&site.join(&entry));
        // A file listed twice is read once (a hostile RECORD may name one
        // large file a million times).
        if !listed.insert(path.clone()) {
            continue;
        }
        if !path.starts_with(&root) {
            notes.push((
                entry.clone(),
                "lies outside the environment; not scanned".into(),
            ));
            unread.push(entry);
            continue;
        }
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => {
                // Byte code is rewritten by Python at will: not compared.
                let hashed = (!entry.ends_with(".pyc"))
                    .then(|| crate::record::digest_file(&entry, &path, MAX_HASHED))
                    .flatten();
                match hashed {
                    Some(digest) => digests.push(digest),
                    None => unread.push(entry),
                }
                files.push(path);
            }
            Ok(_) => {
                notes.push((entry.clone(), "not a regular file; not scanned".into()));
                unread.push(entry);
            }
            Err(_) => {
                notes.push((entry.clone(), "listed in RECORD but missing".into()));
                unread.push(entry);
            }
        }
    }
    digests.extend(unlisted(site, &listed, &root));
    let record_name = format!(
        "{}/RECORD",
        dist_info
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    let mut record_problems = crate::record::check(
        Some((&record_name, text.as_bytes())),
        &digests,
        &unread,
        crate::record::RecordOf::Installed,
    );
    if let Some(message) = crate::record::cap(&mut record_problems) {
        notes.push(("RECORD".to_string(), message));
    }
    files.sort();
    files.dedup();
    Ok(Distribution {
        metadata,
        dist_info,
        files,
        notes,
        record: record_problems,
    })
}

/// The files in the folders that hold a distribution's files (each
/// folder a `RECORD` entry lies in, below `site-packages`) that `RECORD`
/// does not list, hashed: added after the install. Only those folders: a
/// namespace folder (`google/`) that several distributions share holds
/// none of this one's files directly. Byte code is Python's own.
fn unlisted(
    site: &Path,
    listed: &rustc_hash::FxHashSet<PathBuf>,
    root: &Path,
) -> Vec<crate::record::Digest> {
    let mut folders: Vec<&Path> = listed
        .iter()
        .filter_map(|p| p.parent())
        .filter(|dir| {
            dir.starts_with(root)
                && *dir != site
                && dir.starts_with(site)
                && dir.file_name().is_none_or(|n| n != "__pycache__")
                && dir.extension().is_none_or(|e| e != "dist-info")
        })
        .collect();
    folders.sort();
    folders.dedup();
    let mut found = Vec::new();
    let mut seen = 0usize;
    for dir in folders {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            seen += 1;
            if seen > MAX_UNLISTED_WALK {
                return found;
            }
            let path = entry.path();
            let regular = entry.file_type().is_ok_and(|t| t.is_file());
            if !regular || listed.contains(&path) || path.extension().is_some_and(|e| e == "pyc") {
                continue;
            }
            let Some(name) = path.strip_prefix(site).ok().and_then(|p| p.to_str()) else {
                continue;
            };
            let name = name.replace('\\', "/");
            found.extend(crate::record::digest_file(&name, &path, MAX_HASHED));
        }
    }
    found
}

/// The first field of a RECORD line (CSV: quoted with `"`, `""` inside).
fn first_field(line: &str) -> Option<String> {
    let line = line.trim_end_matches('\r');
    if line.is_empty() {
        return None;
    }
    let field = if let Some(rest) = line.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    out.push('"');
                } else {
                    break;
                }
            } else {
                out.push(c);
            }
        }
        out
    } else {
        line.split(',').next().unwrap_or_default().to_string()
    };
    (!field.is_empty()).then_some(field)
}

/// `path` with `.` and `..` resolved as text (no link followed).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise() {
        assert_eq!(normalize("Foo.Bar__baz"), "foo-bar-baz");
        assert_eq!(normalize("requests"), "requests");
    }

    #[test]
    fn record_fields() {
        assert_eq!(first_field("a/b.py,sha256=x,12").as_deref(), Some("a/b.py"));
        assert_eq!(first_field("\"a,\"\"b.py\",,").as_deref(), Some("a,\"b.py"));
        assert_eq!(first_field(""), None);
    }

    #[test]
    fn a_distribution_and_its_files() {
        let env = tempfile::tempdir().unwrap();
        let site = env.path().join("lib/python3.12/site-packages");
        std::fs::create_dir_all(site.join("My_Pkg-1.0.dist-info")).unwrap();
        std::fs::create_dir_all(site.join("my_pkg")).unwrap();
        std::fs::write(site.join("my_pkg/__init__.py"), "x = 1\n").unwrap();
        std::fs::write(
            site.join("My_Pkg-1.0.dist-info/METADATA"),
            "Name: My.Pkg\nVersion: 1.0\n",
        )
        .unwrap();
        std::fs::write(
            site.join("My_Pkg-1.0.dist-info/RECORD"),
            "my_pkg/__init__.py,sha256=abc,6\n../../../../../etc/passwd,,\n\
             ../../../bin/tool,,\nmy_pkg/gone.py,,\n",
        )
        .unwrap();
        let dist = find(env.path(), "my-pkg").unwrap();
        assert_eq!(dist.metadata.version, "1.0");
        assert_eq!(dist.files, [lexical(&site.join("my_pkg/__init__.py"))]);
        let noted: Vec<&str> = dist.notes.iter().map(|(e, _)| e.as_str()).collect();
        assert_eq!(
            noted,
            [
                "../../../../../etc/passwd",
                "../../../bin/tool",
                "my_pkg/gone.py"
            ]
        );
        assert!(dist.notes[0].1.contains("outside"));
        assert!(dist.notes[1].1.contains("missing"));
        assert!(
            find(env.path(), "other")
                .unwrap_err()
                .contains("not installed")
        );
    }
}
