//! Finding manifests under a directory.
//!
//! The walk is `vigil check`'s ([`vigil_walk`]): `.gitignore` rules, the
//! default and configured excludes (`.git`, `.venv`, `node_modules`,
//! `site-packages`, ...), no symlinks, no virtual environments. Requirement
//! files are recognised by name (`*requirements*.txt` / `.in`, or any
//! `.txt` / `.in` in a `requirements/` directory, constraint files
//! excepted) so that `MANIFEST.in` or notes are not mistaken for them; a
//! file named explicitly is parsed whatever its name (see
//! [`ManifestKind::of_file`]).
//!
//! A folder the walk cannot enter (permissions, a path too long for the
//! system) is returned with the reason: what it holds was not audited, so
//! the caller makes it a dependency file error, never drops it.

use super::kind::ManifestKind;
use std::path::{Path, PathBuf};
use vigil_walk::{WalkOutcome, WalkScope};

/// The kind of a file met during a walk (stricter for requirement files).
fn discovered_kind(path: &Path) -> Option<ManifestKind> {
    let kind = ManifestKind::of_file(path)?;
    if kind != ManifestKind::Requirements {
        return Some(kind);
    }
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let in_requirements_dir = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d.to_string_lossy().eq_ignore_ascii_case("requirements"));
    // Constraint files are read through the `-c` lines that name them.
    let constraints = name.contains("constraint");
    ((name.contains("requirements") || in_requirements_dir) && !constraints).then_some(kind)
}

/// Every manifest under `dir` that the walk of `scope` meets, sorted by
/// path, and what the walk left out or could not read.
pub fn discover(dir: &Path, scope: &WalkScope) -> (Vec<(PathBuf, ManifestKind)>, WalkOutcome) {
    let mut found = Vec::new();
    let outcome = scope.files(dir, |path| {
        if let Some(kind) = discovered_kind(&path) {
            found.push((path, kind));
        }
    });
    found.sort();
    (found, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_config::Settings;

    #[test]
    fn walks_like_check() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let touch = |p: &str| {
            let path = root.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        };
        touch("requirements.txt");
        touch("dev-requirements.in");
        touch("requirements/base.txt");
        touch("requirements/constraints.txt");
        touch("MANIFEST.in");
        touch("notes.txt");
        touch("svc/pyproject.toml");
        touch("web/Pipfile");
        touch("lib/setup.cfg");
        touch("lib/setup.py");
        touch("lib/tox.ini");
        touch(".tox/py/setup.py");
        touch(".git/requirements.txt");
        touch(".venv/lib/requirements.txt");
        touch("venv/pyvenv.cfg");
        touch("venv/requirements.txt");
        touch("node_modules/x/requirements.txt");
        touch("lib/site-packages/requirements.txt");
        touch("vendored/requirements.txt");
        touch("skipped/requirements.txt");
        std::fs::write(root.join(".gitignore"), "vendored/\n").unwrap();
        let file = vigil_config::ConfigFile {
            path: root.join("vigil.toml"),
            options: vigil_config::Options {
                extend_exclude: Some(vec!["skipped".to_owned()]),
                ..Default::default()
            },
        };
        let settings = Settings::from_config(Some(&file), root).unwrap();
        let (found, outcome) = discover(root, &WalkScope::of(&settings));
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        let found: Vec<String> = found
            .into_iter()
            .map(|(p, _)| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(
            found,
            [
                "dev-requirements.in",
                "lib/setup.cfg",
                "lib/setup.py",
                "requirements/base.txt",
                "requirements.txt",
                "svc/pyproject.toml",
                "web/Pipfile"
            ]
        );
    }
}
