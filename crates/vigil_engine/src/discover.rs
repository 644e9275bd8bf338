//! Finding the files to scan.
//!
//! Directories are walked by [`vigil_walk`] (the walk `vigil deps` uses
//! too): `.gitignore`/`.ignore` files and the configured excludes are
//! respected, symbolic links are never followed and virtual environments
//! (folders with a `pyvenv.cfg`) are skipped.

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use vigil_config::Settings;
use vigil_report::ScanError;
use vigil_semantic::module_name_with;
use vigil_walk::{Exclusion, WalkOutcome, WalkScope};

/// What kind of file a scanned path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Python,
    Stub,
    Notebook,
    /// A text file that commonly holds secrets (`.env`, `*.yaml`, ...).
    Config,
}

impl FileKind {
    pub fn of(path: &Path) -> Option<FileKind> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("py") | Some("pyw") => Some(FileKind::Python),
            Some("pyi") => Some(FileKind::Stub),
            Some("ipynb") => Some(FileKind::Notebook),
            _ if vigil_secrets::is_secret_candidate_file(path) => Some(FileKind::Config),
            _ => None,
        }
    }
}

/// A file to scan.
#[derive(Debug, Clone)]
pub struct DiscoveredFile {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Dotted module name, and whether the file is a package's
    /// `__init__` (set by [`discover`] for Python files).
    pub module: (String, bool),
}

/// Every file to scan under `paths`, sorted; problems go to `errors`.
pub fn discover(
    paths: &[PathBuf],
    settings: &Settings,
    errors: &mut Vec<ScanError>,
) -> Vec<DiscoveredFile> {
    let mut files = Vec::new();
    discover_each(paths, settings, errors, |file| files.push(file));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The exclusion counts of a walk, as the report's summary names them.
pub fn excluded_summary(excluded: &[usize; 3]) -> std::collections::BTreeMap<String, usize> {
    Exclusion::ALL
        .iter()
        .filter(|reason| excluded[**reason as usize] > 0)
        .map(|reason| (reason.label().to_string(), excluded[*reason as usize]))
        .collect()
}

/// Hands each file to scan under `paths` to `found` as the walk meets it
/// (so that its analysis can start at once): each path once, in walk
/// order, with its module name. Problems go to `errors`; returns how many
/// entries the walk left out, by [`Exclusion`].
pub fn discover_each(
    paths: &[PathBuf],
    settings: &Settings,
    errors: &mut Vec<ScanError>,
    mut found: impl FnMut(DiscoveredFile),
) -> [usize; 3] {
    let mut excluded = [0; 3];
    let mut seen: FxHashSet<PathBuf> = FxHashSet::default();
    // Each directory is asked once whether it is a package.
    let mut packages: FxHashMap<PathBuf, bool> = FxHashMap::default();
    let mut emit = |mut file: DiscoveredFile| {
        if !seen.insert(file.path.clone()) {
            return;
        }
        if file.kind != FileKind::Config {
            // Named from the absolute path, so that where the scan starts
            // does not change a module's name: `cd shop && vigil check .`
            // still names `./db.py` `shop.db` when `shop` is a package.
            let absolute = std::path::absolute(&file.path).unwrap_or_else(|_| file.path.clone());
            file.module = module_name_with(&absolute, |dir| {
                if let Some(&known) = packages.get(dir) {
                    return known;
                }
                let package = dir.join("__init__.py").is_file();
                packages.insert(dir.to_path_buf(), package);
                package
            });
        }
        found(file);
    };
    for path in paths {
        let metadata = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(ScanError::unanalysed(
                    vigil_report::path_text(path),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if metadata.is_dir() || (metadata.file_type().is_symlink() && path.is_dir()) {
            let walked = walk(path, settings, &mut emit);
            for (total, n) in excluded.iter_mut().zip(walked.excluded) {
                *total += n;
            }
            errors.extend(walked.errors.into_iter().map(|(path, reason)| {
                ScanError::unanalysed(vigil_report::path_text(&path), reason)
            }));
        } else {
            // A file named explicitly is scanned whatever its name.
            emit(DiscoveredFile {
                path: path.clone(),
                kind: FileKind::of(path).unwrap_or(FileKind::Python),
                module: (String::new(), false),
            });
        }
    }
    excluded
}

fn walk(dir: &Path, settings: &Settings, found: &mut impl FnMut(DiscoveredFile)) -> WalkOutcome {
    WalkScope::of(settings).files(dir, |path| {
        if let Some(kind) = FileKind::of(&path) {
            found(DiscoveredFile {
                path,
                kind,
                module: (String::new(), false),
            });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_is_found_once_with_its_module_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("pkg")).unwrap();
        std::fs::write(root.join("pkg/__init__.py"), "").unwrap();
        std::fs::write(root.join("pkg/mod.py"), "x = 1\n").unwrap();
        std::fs::write(root.join("top.py"), "y = 2\n").unwrap();
        std::fs::write(root.join("notes.txt"), "not scanned\n").unwrap();
        let settings = Settings::from_config(None, root).unwrap();
        // The tree, and one of its files named again.
        let paths = vec![root.to_path_buf(), root.join("pkg/mod.py")];
        let mut errors = Vec::new();
        let mut met = Vec::new();
        discover_each(&paths, &settings, &mut errors, |f| met.push(f));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(met.len(), 3, "{met:?}");
        let files = discover(&paths, &settings, &mut errors);
        let names: Vec<(&str, bool)> = files
            .iter()
            .map(|f| (f.module.0.as_str(), f.module.1))
            .collect();
        assert_eq!(
            names,
            vec![("pkg", true), ("pkg.mod", false), ("top", false)]
        );
    }
}
