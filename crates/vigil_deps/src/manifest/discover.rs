//! Which files are manifests, and finding them under a directory.
//!
//! The walk skips hidden directories, virtual environments (`venv`, any
//! directory holding a `pyvenv.cfg`), `site-packages`, `node_modules` and
//! `__pycache__`, and does not follow directory symlinks. Requirement files
//! are recognised by name (`*requirements*.txt` / `.in`, or any `.txt` /
//! `.in` in a `requirements/` directory, constraint files excepted) so that
//! `MANIFEST.in` or notes are not mistaken for them; a file named explicitly
//! is parsed whatever its name. `Pipfile`, `setup.cfg` and `setup.py` are
//! recognised by their exact names.

use std::path::{Path, PathBuf};

/// Deepest directory level walked.
const MAX_DEPTH: usize = 64;
/// Directory names never entered.
const SKIPPED_DIRS: [&str; 5] = [
    "venv",
    "site-packages",
    "node_modules",
    "__pycache__",
    "__pypackages__",
];

/// A kind of manifest, which picks its parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ManifestKind {
    Requirements,
    Pyproject,
    PoetryLock,
    UvLock,
    /// pipenv's `Pipfile` (TOML).
    Pipfile,
    PipfileLock,
    Pylock,
    /// setuptools' declarative `setup.cfg`.
    SetupCfg,
    /// setuptools' `setup.py`, read statically (never run).
    SetupPy,
    /// A Python file that may carry PEP 723 script metadata.
    Script,
}

/// The kind of a file named explicitly, from its name alone.
pub fn classify(path: &Path) -> Option<ManifestKind> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    Some(match name {
        "pyproject.toml" => ManifestKind::Pyproject,
        "poetry.lock" => ManifestKind::PoetryLock,
        "uv.lock" => ManifestKind::UvLock,
        "Pipfile" => ManifestKind::Pipfile,
        "Pipfile.lock" => ManifestKind::PipfileLock,
        "setup.cfg" => ManifestKind::SetupCfg,
        "setup.py" => ManifestKind::SetupPy,
        _ if lower.starts_with("pylock.") && lower.ends_with(".toml") => ManifestKind::Pylock,
        _ if lower.ends_with(".py") || lower.ends_with(".pyw") => ManifestKind::Script,
        _ if lower.ends_with(".txt") || lower.ends_with(".in") => ManifestKind::Requirements,
        _ => return None,
    })
}

/// The kind of a file met during a walk (stricter for requirement files).
fn discovered_kind(path: &Path) -> Option<ManifestKind> {
    let kind = classify(path)?;
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

fn skip_dir(dir: &Path, name: &str) -> bool {
    name.starts_with('.') || SKIPPED_DIRS.contains(&name) || dir.join("pyvenv.cfg").is_file()
}

/// Every manifest under `root`, sorted by path.
pub fn discover(root: &Path) -> Vec<(PathBuf, ManifestKind)> {
    let mut found = Vec::new();
    let mut stack = vec![(root.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if file_type.is_dir() {
                if depth < MAX_DEPTH && !skip_dir(&path, &name) {
                    stack.push((path, depth + 1));
                }
            } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
                && let Some(kind) = discovered_kind(&path)
            {
                found.push((path, kind));
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_name() {
        let kind = |n: &str| classify(Path::new(n));
        assert_eq!(kind("pyproject.toml"), Some(ManifestKind::Pyproject));
        assert_eq!(kind("a/poetry.lock"), Some(ManifestKind::PoetryLock));
        assert_eq!(kind("uv.lock"), Some(ManifestKind::UvLock));
        assert_eq!(kind("Pipfile.lock"), Some(ManifestKind::PipfileLock));
        assert_eq!(kind("proj/Pipfile"), Some(ManifestKind::Pipfile));
        assert_eq!(kind("setup.cfg"), Some(ManifestKind::SetupCfg));
        assert_eq!(kind("pkg/setup.py"), Some(ManifestKind::SetupPy));
        assert_eq!(kind("other.cfg"), None);
        assert_eq!(kind("pipfile"), None);
        assert_eq!(kind("pylock.toml"), Some(ManifestKind::Pylock));
        assert_eq!(kind("pylock.dev.toml"), Some(ManifestKind::Pylock));
        assert_eq!(kind("tool.py"), Some(ManifestKind::Script));
        assert_eq!(kind("base.in"), Some(ManifestKind::Requirements));
        assert_eq!(kind("Cargo.toml"), None);
    }

    #[test]
    fn walks_with_skips() {
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
        touch("venv/requirements.txt");
        touch("env/pyvenv.cfg");
        touch("env/requirements.txt");
        touch("node_modules/x/requirements.txt");
        touch("lib/site-packages/requirements.txt");
        let found: Vec<String> = discover(root)
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
