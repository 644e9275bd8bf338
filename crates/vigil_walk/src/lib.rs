//! The directory walk shared by `vigil check` (files to scan) and
//! `vigil deps` (manifests to read), so both skip the same things.
//!
//! `.gitignore`/`.ignore` files are respected (also outside a git
//! repository), and so are the configured excludes, matched against paths
//! relative to the configuration root. Symbolic links are never followed: a
//! link can point out of the walked tree or into a loop, and whatever it
//! points to inside the tree is met under its own name anyway. Virtual
//! environments (folders with a `pyvenv.cfg`) are skipped.

use ignore::WalkBuilder;
use std::path::{Path, PathBuf};
use vigil_config::{DEFAULT_EXCLUDES, PathMatcher, Settings};

/// What a walk leaves out: excludes and the root they are relative to.
#[derive(Debug, Clone)]
pub struct WalkScope {
    /// Directory the exclude patterns are anchored at.
    pub root: PathBuf,
    pub exclude: PathMatcher,
}

impl WalkScope {
    /// The scope of configured settings.
    pub fn of(settings: &Settings) -> Self {
        Self {
            root: settings.root.clone(),
            exclude: settings.exclude.clone(),
        }
    }

    /// The default excludes ([`DEFAULT_EXCLUDES`]), anchored at `root`: the
    /// scope without a configuration file.
    pub fn defaults(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            exclude: PathMatcher::new(DEFAULT_EXCLUDES.iter().copied())
                .expect("the default excludes are valid globs"),
        }
    }

    /// Hands every regular file under `dir` that is not ignored or excluded
    /// to `found`, in walk order.
    pub fn files(&self, dir: &Path, mut found: impl FnMut(PathBuf)) {
        let root = self.root.clone();
        let exclude = self.exclude.clone();
        let walker = WalkBuilder::new(dir)
            .hidden(false)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .require_git(false)
            .ignore(true)
            .parents(true)
            .follow_links(false)
            .filter_entry(move |entry| {
                if entry.depth() == 0 {
                    return true;
                }
                let path = entry.path();
                let relative = path
                    .strip_prefix(&root)
                    .unwrap_or_else(|_| path.strip_prefix(".").unwrap_or(path));
                if exclude.matches(relative) {
                    return false;
                }
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                !(is_dir && path.join("pyvenv.cfg").is_file())
            })
            .build();
        for entry in walker.flatten() {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                found(entry.into_path());
            }
        }
    }
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
