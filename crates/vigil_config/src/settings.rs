//! Settings: options compiled for the scan (globs built once).

use crate::deps::DepsConfig;
use crate::options::{ConfigError, ConfigFile, Options};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use vigil_report::{Confidence, Severity};

/// Folders never worth scanning unless named explicitly.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "__pycache__",
    "node_modules",
    "site-packages",
    "__pypackages__",
    "build",
    "dist",
    "_build",
    "buck-out",
];

/// Default limit of a scanned file's size.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Glob patterns matched against paths relative to the configuration root:
/// a pattern without `/` matches any file or folder name on the path.
#[derive(Debug, Clone)]
pub struct PathMatcher {
    by_name: GlobSet,
    by_path: GlobSet,
}

impl PathMatcher {
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Result<Self, String> {
        let mut by_name = GlobSetBuilder::new();
        let mut by_path = GlobSetBuilder::new();
        for pattern in patterns {
            let pattern = pattern.trim_start_matches("./");
            let glob = Glob::new(pattern.trim_end_matches('/'))
                .map_err(|e| format!("bad glob pattern {pattern:?}: {e}"))?;
            if pattern.trim_end_matches('/').contains('/') {
                by_path.add(glob);
                // `tests/**` should also match the folder `tests` itself.
                if let Some(dir) = pattern.strip_suffix("/**") {
                    by_path.add(Glob::new(dir).map_err(|e| e.to_string())?);
                }
            } else {
                by_name.add(glob);
            }
        }
        Ok(Self {
            by_name: by_name.build().map_err(|e| e.to_string())?,
            by_path: by_path.build().map_err(|e| e.to_string())?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty() && self.by_path.is_empty()
    }

    /// Whether an entry met by a walk matches: its path relative to the
    /// root, or its own name. The names of the folders above it are not
    /// matched again: the walk met them first (and those above the folder
    /// the walk started from were named by the user).
    pub fn matches_entry(&self, relative: &Path, name: &std::ffi::OsStr) -> bool {
        self.by_path.is_match(relative) || self.by_name.is_match(Path::new(name))
    }

    /// Whether `relative` (a path relative to the root) or any of its
    /// components matches.
    pub fn matches(&self, relative: &Path) -> bool {
        if self.by_path.is_match(relative) {
            return true;
        }
        if self.by_name.is_empty() {
            return false;
        }
        relative
            .components()
            .any(|c| self.by_name.is_match(Path::new(c.as_os_str())))
    }
}

/// Everything the scanner needs from configuration and flags.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Directory relative patterns are anchored at.
    pub root: PathBuf,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub exclude: PathMatcher,
    /// The part of `exclude` that is the built-in [`DEFAULT_EXCLUDES`] (empty
    /// when the configuration sets `exclude` itself): a walk does not drop
    /// a Python package (a folder with `__init__.py`) for these names.
    pub default_exclude: PathMatcher,
    /// The part of `exclude` the configuration and flags wrote.
    pub configured_exclude: PathMatcher,
    /// Whether `.gitignore`/`.ignore` files of the walked tree are honoured
    /// (not with `--no-ignore`, nor by default with `--audit`).
    pub ignore_files: bool,
    pub per_file_ignores: Vec<(PathMatcher, Vec<String>)>,
    pub tests: PathMatcher,
    pub min_severity: Severity,
    pub min_confidence: Confidence,
    pub audit: bool,
    pub max_file_size: u64,
    /// Whether archives (wheels, sdists, eggs) met in a walked folder are
    /// read and their members scanned (not with `--no-archives`; an
    /// archive named on the command line always is).
    pub archives: bool,
    /// `[tool.vigil.deps]` (empty when absent).
    pub deps: DepsConfig,
}

impl Settings {
    /// Settings from an optional configuration file; `root` is used when
    /// there is none.
    pub fn from_config(config: Option<&ConfigFile>, root: &Path) -> Result<Self, ConfigError> {
        let default = Options::default();
        let (options, root, path) = match config {
            Some(c) => (&c.options, c.root().to_path_buf(), c.path.clone()),
            None => (&default, root.to_path_buf(), root.to_path_buf()),
        };
        let error = |message: String| ConfigError {
            path: path.clone(),
            message,
        };
        let mut excludes: Vec<String> = match &options.exclude {
            Some(list) => list.clone(),
            None => DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect(),
        };
        excludes.extend(options.extend_exclude.iter().flatten().cloned());
        let exclude = PathMatcher::new(excludes.iter().map(String::as_str)).map_err(&error)?;
        let default_exclude = PathMatcher::new(if options.exclude.is_none() {
            DEFAULT_EXCLUDES.to_vec()
        } else {
            Vec::new()
        })
        .map_err(&error)?;
        let configured_exclude = PathMatcher::new(
            options
                .exclude
                .iter()
                .chain(options.extend_exclude.iter())
                .flatten()
                .map(String::as_str),
        )
        .map_err(&error)?;
        let mut per_file_ignores = Vec::new();
        for (pattern, rules) in options.per_file_ignores.iter().flatten() {
            per_file_ignores.push((
                PathMatcher::new([pattern.as_str()]).map_err(&error)?,
                rules.clone(),
            ));
        }
        let tests = PathMatcher::new(options.tests.as_ref().map_or(
            // Folder names match at any depth (`pkg/tests/unit/x.py`).
            vec![
                "tests",
                "test",
                "testing",
                "test_*.py",
                "*_test.py",
                "conftest.py",
            ],
            |t| t.iter().map(String::as_str).collect(),
        ))
        .map_err(&error)?;
        let mut select = options
            .select
            .clone()
            .unwrap_or_else(|| vec!["ALL".to_string()]);
        select.extend(options.extend_select.iter().flatten().cloned());
        Ok(Self {
            root,
            select,
            ignore: options.ignore.clone().unwrap_or_default(),
            exclude,
            default_exclude,
            configured_exclude,
            ignore_files: true,
            per_file_ignores,
            tests,
            min_severity: options
                .severity
                .as_deref()
                .and_then(Severity::parse)
                .unwrap_or(Severity::Low),
            min_confidence: options
                .confidence
                .as_deref()
                .and_then(Confidence::parse)
                .unwrap_or(Confidence::Low),
            audit: options.audit.unwrap_or(false),
            max_file_size: options.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            archives: true,
            deps: options.deps.clone().unwrap_or_default(),
        })
    }

    /// The path relative to the settings root, when it lies under it.
    pub fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.root)
            .or_else(|_| path.strip_prefix("./"))
            .unwrap_or(path)
    }

    /// Rules that per-file-ignores turn off for `path`.
    pub fn ignored_for(&self, path: &Path) -> Vec<&str> {
        let relative = self.relative(path);
        self.per_file_ignores
            .iter()
            .filter(|(matcher, _)| matcher.matches(relative))
            .flat_map(|(_, rules)| rules.iter().map(String::as_str))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_test_paths_match_at_any_depth() {
        let settings = Settings::from_config(None, Path::new("/p")).unwrap();
        assert!(
            settings
                .tests
                .matches(Path::new("pkg/test/integration/a.yml"))
        );
        assert!(settings.tests.matches(Path::new("tests/unit/x.py")));
        assert!(settings.tests.matches(Path::new("src/test_views.py")));
        assert!(!settings.tests.matches(Path::new("src/views.py")));
    }

    #[test]
    fn name_patterns_match_any_component_and_path_patterns_the_path() {
        let m = PathMatcher::new(["venv", "tests/**", "*_pb2.py"]).unwrap();
        assert!(m.matches(Path::new("a/venv/lib/x.py")));
        assert!(m.matches(Path::new("tests/unit/test_x.py")));
        assert!(m.matches(Path::new("tests")));
        assert!(m.matches(Path::new("pkg/msg_pb2.py")));
        assert!(!m.matches(Path::new("src/app.py")));
    }

    #[test]
    fn per_file_ignores_apply_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vigil.toml");
        std::fs::write(
            &path,
            "[per-file-ignores]\n\"tests/**\" = [\"assert-used\"]\n",
        )
        .unwrap();
        let config = crate::load_config(&path).unwrap().unwrap();
        let settings = Settings::from_config(Some(&config), dir.path()).unwrap();
        assert_eq!(
            settings.ignored_for(&dir.path().join("tests/test_a.py")),
            vec!["assert-used"]
        );
        assert!(
            settings
                .ignored_for(&dir.path().join("src/a.py"))
                .is_empty()
        );
    }
}
