//! [`ManifestKind`]: the one list of the kinds of files (and environments)
//! that declare dependencies. It picks a file's parser, and every
//! dependency carries the kind it was declared in.

use serde::Serialize;
use std::path::Path;

/// A kind of manifest. The serialised names are those of the JSON report's
/// `source` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ManifestKind {
    /// `requirements*.txt` / `.in`, and the files they include with `-r`.
    #[serde(rename = "requirements")]
    Requirements,
    /// A constraints file, reached through a `-c` line.
    #[serde(rename = "constraints")]
    Constraints,
    #[serde(rename = "pyproject")]
    Pyproject,
    #[serde(rename = "poetry.lock")]
    PoetryLock,
    #[serde(rename = "uv.lock")]
    UvLock,
    /// pipenv's `Pipfile` (TOML).
    #[serde(rename = "Pipfile")]
    Pipfile,
    #[serde(rename = "Pipfile.lock")]
    PipfileLock,
    /// setuptools' declarative `setup.cfg`.
    #[serde(rename = "setup.cfg")]
    SetupCfg,
    /// setuptools' `setup.py`, read statically (never run).
    #[serde(rename = "setup.py")]
    SetupPy,
    /// `pylock.toml` (PEP 751).
    #[serde(rename = "pylock")]
    Pylock,
    /// A Python file that may carry PEP 723 script metadata.
    #[serde(rename = "script")]
    Script,
    /// The packages installed in an environment (`--env`).
    #[serde(rename = "environment")]
    Environment,
    /// The `Requires-Dist` headers of a package's core metadata (`METADATA`
    /// of a wheel or an installed distribution, `PKG-INFO` of an sdist): what
    /// a package being audited asks its installer for.
    #[serde(rename = "package-metadata")]
    PackageMetadata,
}

impl ManifestKind {
    /// The kind of a file named explicitly, from its name alone.
    pub fn of_file(path: &Path) -> Option<ManifestKind> {
        let name = path.file_name()?.to_str()?;
        let lower = name.to_ascii_lowercase();
        Some(match name {
            "pyproject.toml" => Self::Pyproject,
            "poetry.lock" => Self::PoetryLock,
            "uv.lock" => Self::UvLock,
            "Pipfile" => Self::Pipfile,
            "Pipfile.lock" => Self::PipfileLock,
            "setup.cfg" => Self::SetupCfg,
            "setup.py" => Self::SetupPy,
            _ if lower.starts_with("pylock.") && lower.ends_with(".toml") => Self::Pylock,
            _ if lower.ends_with(".py") || lower.ends_with(".pyw") => Self::Script,
            _ if lower.ends_with(".txt") || lower.ends_with(".in") => Self::Requirements,
            _ => return None,
        })
    }

    /// Whether the source pins a whole resolved environment (a lock file or
    /// an installed environment), rather than declaring wishes.
    pub fn is_lock(self) -> bool {
        matches!(
            self,
            Self::PoetryLock | Self::UvLock | Self::PipfileLock | Self::Pylock | Self::Environment
        )
    }

    /// Whether the file declares what a project wants and a lock file next
    /// to it says what is really installed (`pyproject.toml`, `Pipfile`,
    /// `setup.cfg`, `setup.py`).
    pub fn is_declaration(self) -> bool {
        matches!(
            self,
            Self::Pyproject | Self::Pipfile | Self::SetupCfg | Self::SetupPy
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_name() {
        let kind = |n: &str| ManifestKind::of_file(Path::new(n));
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
}
