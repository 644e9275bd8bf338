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
    /// A `.pth` file: its `import` lines run at every start of Python
    /// (analysed as Python, with its path lines left blank).
    Pth,
    /// An sdist's in-tree build backend (its `pyproject.toml` names it):
    /// Python that pip runs to build the package, judged as `setup.py` is.
    BuildBackend,
}

impl FileKind {
    /// The module name of a file of this kind at `path`, when its kind
    /// decides it: a `.pth` file is named after the file (`evil.pth`),
    /// which no import can name; a configuration file has none.
    pub(crate) fn fixed_module(self, path: &Path) -> Option<(String, bool)> {
        match self {
            FileKind::Config => Some((String::new(), false)),
            FileKind::Pth => {
                let name = path.file_name()?.to_string_lossy().into_owned();
                Some((name, false))
            }
            _ => None,
        }
    }

    pub fn of(path: &Path) -> Option<FileKind> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("py") | Some("pyw") => Some(FileKind::Python),
            Some("pyi") => Some(FileKind::Stub),
            Some("ipynb") => Some(FileKind::Notebook),
            Some("pth") => Some(FileKind::Pth),
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
    /// The bytes of an archive member, read in memory (its `path` is then
    /// `ARCHIVE!/MEMBER`, which is no file on disk); `None` for a file on
    /// disk, read when analysed.
    pub contents: Option<std::sync::Arc<[u8]>>,
}

/// Every file to scan under `paths` (archive members included), sorted;
/// problems go to `errors`.
pub fn discover(
    paths: &[PathBuf],
    settings: &Settings,
    errors: &mut Vec<ScanError>,
) -> Vec<DiscoveredFile> {
    let mut files = Vec::new();
    let mut packages = Vec::new();
    let shown = crate::scan::PathDisplay::new(&[]);
    discover_each(paths, settings, &shown, errors, &mut packages, |file| {
        files.push(file)
    });
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
/// order, with its module name. Archives named, and those the walk meets
/// (unless `settings.archives` is off), are read after the walk: their
/// members are handed over the same way, and each archive's summary goes
/// to `packages`. Problems go to `errors`; returns how many entries the
/// walk left out, by [`Exclusion`].
pub fn discover_each(
    paths: &[PathBuf],
    settings: &Settings,
    shown: &crate::scan::PathDisplay,
    errors: &mut Vec<ScanError>,
    packages: &mut Vec<vigil_report::PackageSummary>,
    mut found: impl FnMut(DiscoveredFile),
) -> [usize; 3] {
    let mut archives = Vec::new();
    let mut excluded = [0; 3];
    let mut seen: FxHashSet<PathBuf> = FxHashSet::default();
    // Each directory is asked once whether it is a package.
    let mut package_dirs: FxHashMap<PathBuf, bool> = FxHashMap::default();
    let mut emit = |mut file: DiscoveredFile| {
        if !seen.insert(file.path.clone()) {
            return;
        }
        // An archive member's module name comes from its archive. A file's
        // is named from its absolute path, so that where the scan starts
        // does not change it: `cd shop && vigil check .` still names
        // `./db.py` `shop.db` when `shop` is a package.
        if let Some(module) = file.kind.fixed_module(&file.path) {
            file.module = module;
        } else if file.contents.is_none() {
            let absolute = std::path::absolute(&file.path).unwrap_or_else(|_| file.path.clone());
            file.module = module_name_with(&absolute, |dir| {
                if let Some(&known) = package_dirs.get(dir) {
                    return known;
                }
                let package = dir.join("__init__.py").is_file();
                package_dirs.insert(dir.to_path_buf(), package);
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
            let walked = walk(path, settings, &mut emit, &mut archives);
            for (total, n) in excluded.iter_mut().zip(walked.excluded) {
                *total += n;
            }
            errors.extend(walked.errors.into_iter().map(|(path, reason)| {
                ScanError::unanalysed(vigil_report::path_text(&path), reason)
            }));
        } else if crate::archive::is_archive(path) {
            // An archive named is read whatever `--no-archives` says.
            archives.push(path.clone());
        } else {
            // A file named explicitly is scanned whatever its name.
            emit(DiscoveredFile {
                path: path.clone(),
                kind: FileKind::of(path).unwrap_or(FileKind::Python),
                module: (String::new(), false),
                contents: None,
            });
        }
    }
    archives.sort();
    archives.dedup();
    for archive in archives {
        crate::archive::expand(&archive, settings, shown, errors, packages, &mut emit);
    }
    excluded
}

fn walk(
    dir: &Path,
    settings: &Settings,
    found: &mut impl FnMut(DiscoveredFile),
    archives: &mut Vec<PathBuf>,
) -> WalkOutcome {
    WalkScope::of(settings).files(dir, |path| {
        // A folder's archives are read when named as a package's (a
        // vendored wheel, an sdist); its other archives are data.
        if settings.archives && crate::archive::is_package_archive(&path) {
            archives.push(path);
        } else if let Some(kind) = FileKind::of(&path) {
            found(DiscoveredFile {
                path,
                kind,
                module: (String::new(), false),
                contents: None,
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
        let shown = crate::scan::PathDisplay::new(&[]);
        discover_each(
            &paths,
            &settings,
            &shown,
            &mut errors,
            &mut Vec::new(),
            |f| met.push(f),
        );
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
