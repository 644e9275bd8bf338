//! The directory walk shared by `vigil check` (files to scan) and
//! `vigil deps` (manifests to read), so both skip the same things.
//!
//! What is left out, and why, is counted ([`Exclusion`]): the built-in
//! excludes (folder names such as `build` or `.venv`, and virtual
//! environments: folders with a `pyvenv.cfg`), `.gitignore`/`.ignore`
//! files (also outside a git repository; not with `ignore_files` off, which
//! `--no-ignore` and `--audit` set), and the configured excludes, matched
//! against paths relative to the configuration root.
//!
//! - The folder the walk starts from is never excluded, nor are its
//!   parents: a path the user typed is scanned. Only what is found below it
//!   is matched, each entry by its own name and path.
//! - A Python package (a folder with `__init__.py`) is never dropped by a
//!   built-in name: pip's own `_internal/operations/build` is code.
//! - Symbolic links are never followed: a link can point out of the walked
//!   tree or into a loop, and whatever it points to inside the tree is met
//!   under its own name anyway.
//! - A folder the walk cannot enter is reported, never dropped.

mod ignore_files;

use ignore::WalkBuilder;
use ignore_files::IgnoreFiles;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use vigil_config::{DEFAULT_EXCLUDES, PathMatcher, Settings};

/// Why an entry was left out of a walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Exclusion {
    /// A built-in folder name (`build`, `.venv`, ...) or a virtual
    /// environment.
    Default,
    /// A `.gitignore`, `.ignore` or `.git/info/exclude` rule.
    IgnoreFile,
    /// The configuration's `exclude`/`extend-exclude`, or `--exclude`.
    Configuration,
}

impl Exclusion {
    pub const ALL: [Exclusion; 3] = [
        Exclusion::Default,
        Exclusion::IgnoreFile,
        Exclusion::Configuration,
    ];

    /// How reports name it.
    pub fn label(self) -> &'static str {
        match self {
            Exclusion::Default => "default excludes",
            Exclusion::IgnoreFile => "ignore files",
            Exclusion::Configuration => "configuration",
        }
    }
}

/// What a walk left out and could not read.
#[derive(Debug, Default, Clone)]
pub struct WalkOutcome {
    /// Entries (files and whole folders) left out, by reason.
    pub excluded: [usize; 3],
    /// Paths the walk could not read, with the reason.
    pub errors: Vec<(PathBuf, String)>,
}

impl WalkOutcome {
    pub fn excluded_by(&self, reason: Exclusion) -> usize {
        self.excluded[reason as usize]
    }

    /// Adds another walk's counts and errors.
    pub fn absorb(&mut self, other: WalkOutcome) {
        for (total, n) in self.excluded.iter_mut().zip(other.excluded) {
            *total += n;
        }
        self.errors.extend(other.errors);
    }
}

/// What a walk leaves out: excludes and the root they are relative to.
#[derive(Debug, Clone)]
pub struct WalkScope {
    /// Directory the exclude patterns are anchored at.
    pub root: PathBuf,
    pub exclude: PathMatcher,
    /// The built-in part of `exclude`, which spares Python packages.
    pub default_exclude: PathMatcher,
    /// Whether `.gitignore`/`.ignore` files are honoured.
    pub ignore_files: bool,
}

impl WalkScope {
    /// The scope of configured settings.
    pub fn of(settings: &Settings) -> Self {
        Self {
            root: settings.root.clone(),
            exclude: settings.configured_exclude.clone(),
            default_exclude: settings.default_exclude.clone(),
            ignore_files: settings.ignore_files,
        }
    }

    /// The default excludes ([`DEFAULT_EXCLUDES`]), anchored at `root`: the
    /// scope without a configuration file.
    pub fn defaults(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            exclude: PathMatcher::new([]).expect("no pattern is valid"),
            default_exclude: PathMatcher::new(DEFAULT_EXCLUDES.iter().copied())
                .expect("the default excludes are valid globs"),
            ignore_files: true,
        }
    }

    /// Why `path` (met below the walked folder) is left out, if it is.
    fn exclusion(&self, path: &Path, is_dir: bool) -> Option<Exclusion> {
        let relative = path
            .strip_prefix(&self.root)
            .unwrap_or_else(|_| path.strip_prefix(".").unwrap_or(path));
        let name = path.file_name()?;
        if self.exclude.matches_entry(relative, name) {
            return Some(Exclusion::Configuration);
        }
        if is_dir && path.join("pyvenv.cfg").is_file() {
            return Some(Exclusion::Default);
        }
        if self.default_exclude.matches_entry(relative, name)
            && !(is_dir && path.join("__init__.py").is_file())
        {
            return Some(Exclusion::Default);
        }
        None
    }

    /// Hands every regular file under `dir` that is not ignored or excluded
    /// to `found`, in walk order; returns what was left out and what could
    /// not be read.
    pub fn files(&self, dir: &Path, mut found: impl FnMut(PathBuf)) -> WalkOutcome {
        self.files_while(dir, |path| {
            found(path);
            true
        })
    }

    /// As [`WalkScope::files`], until `found` returns `false`.
    pub fn files_while(&self, dir: &Path, mut found: impl FnMut(PathBuf) -> bool) -> WalkOutcome {
        let outcome = Arc::new(Mutex::new(WalkOutcome::default()));
        let scope = self.clone();
        let ignore_files = self.ignore_files.then(|| IgnoreFiles::new(dir));
        let counts = Arc::clone(&outcome);
        let walker = WalkBuilder::new(dir)
            .standard_filters(false)
            .follow_links(false)
            .filter_entry(move |entry| {
                if entry.depth() == 0 {
                    return true;
                }
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                let path = entry.path();
                let reason = scope.exclusion(path, is_dir).or_else(|| {
                    let ignored = ignore_files.as_ref()?.ignored(path, is_dir);
                    ignored.then_some(Exclusion::IgnoreFile)
                });
                match reason {
                    Some(reason) => {
                        let mut counts = counts.lock().unwrap_or_else(|e| e.into_inner());
                        counts.excluded[reason as usize] += 1;
                        false
                    }
                    None => true,
                }
            })
            .build();
        let mut errors = Vec::new();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_some_and(|t| t.is_file()) && !found(entry.into_path()) {
                        break;
                    }
                }
                Err(error) => errors.push(walk_error(dir, &error)),
            }
        }
        let mut outcome = std::mem::take(&mut *outcome.lock().unwrap_or_else(|e| e.into_inner()));
        outcome.errors.extend(errors);
        outcome
    }
}

/// The path and reason of a walk error (the deepest path it names).
fn walk_error(dir: &Path, error: &ignore::Error) -> (PathBuf, String) {
    fn path_of(error: &ignore::Error) -> Option<&Path> {
        match error {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            ignore::Error::Loop { child, .. } => Some(child),
            _ => None,
        }
    }
    fn reason(error: &ignore::Error) -> String {
        match error {
            ignore::Error::WithPath { err, .. }
            | ignore::Error::WithDepth { err, .. }
            | ignore::Error::WithLineNumber { err, .. } => reason(err),
            other => other.to_string(),
        }
    }
    let path = path_of(error).unwrap_or(dir).to_path_buf();
    (path, format!("cannot read: {}", reason(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_settings_without_configuration() {
        let settings = Settings::from_config(None, Path::new("/p")).unwrap();
        let scope = WalkScope::of(&settings);
        let defaults = WalkScope::defaults("/p");
        assert_eq!(scope.root, defaults.root);
        for path in ["a/.git", "node_modules", "x/build", "src/app.py"] {
            let path = Path::new(path);
            assert_eq!(scope.exclude.matches(path), defaults.exclude.matches(path));
            assert_eq!(
                scope.default_exclude.matches(path),
                defaults.default_exclude.matches(path)
            );
        }
    }

    #[test]
    fn skips_ignored_excluded_and_virtual_environments() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let touch = |p: &str| {
            let path = root.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        };
        touch("a.py");
        touch("pkg/b.py");
        touch(".gitignore");
        std::fs::write(root.join(".gitignore"), "generated/\n").unwrap();
        touch("generated/c.py");
        touch("node_modules/d.py");
        touch("env/pyvenv.cfg");
        touch("env/e.py");
        let mut found = Vec::new();
        WalkScope::defaults(root).files(root, |p| {
            found.push(p.strip_prefix(root).unwrap().display().to_string());
        });
        found.sort();
        assert_eq!(found, [".gitignore", "a.py", "pkg/b.py"]);
    }
}
