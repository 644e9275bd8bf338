//! Environment markers against the target environment.
//!
//! A dependency whose PEP 508 marker can never hold in the audited
//! environment is never installed there, so it is moved from the
//! dependencies to the not-checked list (with the reason). The target is a
//! Python version range: by default any Python 3 on any platform (so only
//! markers such as `python_version < "3"` are dropped), narrowed by
//! `vigil deps --python-version`. Other marker variables (`sys_platform`,
//! `platform_machine`, `extra`, ...) stay free: a marker true on some
//! platform keeps its dependency. Markers that cannot be parsed keep it too.

use super::{Manifests, NotChecked};
use pep508_rs::MarkerTree;
use std::str::FromStr;

/// Longest marker evaluated (longer ones are kept, not evaluated).
const MAX_MARKER_LEN: usize = 4 * 1024;

/// The environment dependencies are audited for (by default: any Python 3,
/// any platform).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetEnvironment {
    /// `(major, minor, patch)` of the one Python version audited; `None`:
    /// every Python 3 version.
    python: Option<PythonVersion>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PythonVersion {
    major: u64,
    minor: u64,
    patch: Option<u64>,
}

impl TargetEnvironment {
    /// A target of one Python version, `3.12` or `3.12.4`.
    pub fn python(version: &str) -> Result<Self, String> {
        let bad = || format!("invalid Python version {version:?} (expected e.g. 3.12 or 3.12.4)");
        let parts: Vec<&str> = version.trim().split('.').collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(bad());
        }
        let number = |p: &str| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u64>().ok())
                .flatten()
        };
        let major = number(parts[0]).ok_or_else(bad)?;
        let minor = number(parts[1]).ok_or_else(bad)?;
        let patch = match parts.get(2) {
            Some(p) => Some(number(p).ok_or_else(bad)?),
            None => None,
        };
        if major == 0 {
            return Err(bad());
        }
        Ok(Self {
            python: Some(PythonVersion {
                major,
                minor,
                patch,
            }),
        })
    }

    /// Describes the target for reasons: `Python 3` or `Python 3.12`.
    pub fn describe(&self) -> String {
        match self.python {
            None => "any Python 3".to_owned(),
            Some(PythonVersion {
                major,
                minor,
                patch: None,
            }) => format!("Python {major}.{minor}"),
            Some(PythonVersion {
                major,
                minor,
                patch: Some(patch),
            }) => format!("Python {major}.{minor}.{patch}"),
        }
    }

    /// The target as a marker over the Python version.
    fn as_marker(&self) -> MarkerTree {
        let text = match self.python {
            None => "python_full_version >= '3'".to_owned(),
            Some(PythonVersion {
                major,
                minor,
                patch: None,
            }) => format!(
                "python_full_version >= '{major}.{minor}' and python_full_version < '{major}.{}'",
                minor + 1
            ),
            Some(PythonVersion {
                major,
                minor,
                patch: Some(patch),
            }) => format!("python_full_version == '{major}.{minor}.{patch}'"),
        };
        MarkerTree::from_str(&text).unwrap_or_default()
    }

    /// Whether a marker, as written, can hold in this environment. An
    /// unparsable or overlong marker can (the dependency is kept).
    pub fn allows(&self, marker: &str) -> bool {
        if marker.len() > MAX_MARKER_LEN {
            return true;
        }
        if super::pep508::prevalidate_marker(marker).is_err() {
            return true;
        }
        let Some(Ok(mut tree)) = crate::guard::no_panic(|| MarkerTree::from_str(marker)) else {
            return true;
        };
        tree.and(self.as_marker());
        !tree.is_false()
    }

    /// Moves the dependencies whose marker cannot hold here to the
    /// not-checked list.
    pub fn apply(&self, manifests: &mut Manifests) {
        let (kept, dropped): (Vec<_>, Vec<_>) = std::mem::take(&mut manifests.dependencies)
            .into_iter()
            .partition(|d| d.marker.as_deref().is_none_or(|m| self.allows(m)));
        manifests.dependencies = kept;
        for d in dropped {
            let marker = d.marker.as_deref().unwrap_or_default();
            manifests.not_checked.push(NotChecked {
                name: Some(d.name.clone()),
                requirement: super::source::shorten(&format!(
                    "{} {}; {marker}",
                    d.name,
                    d.requirement.describe()
                )),
                reason: format!(
                    "environment marker never true for {}: not installed there",
                    self.describe()
                ),
                file: d.file,
                line: d.line,
                error: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_target_drops_python_2_only() {
        let any = TargetEnvironment::default();
        assert!(!any.allows("python_version < \"3\""));
        assert!(!any.allows("python_version == '2.7'"));
        assert!(!any.allows("python_version < '3' and sys_platform == 'win32'"));
        assert!(any.allows("python_version < \"3.8\""));
        assert!(any.allows("sys_platform == \"win32\""));
        assert!(any.allows("python_version < '3' or sys_platform == 'win32'"));
        assert!(any.allows("extra == 'test'"));
        assert!(any.allows("not a marker ((("));
        // Contradictions hold nowhere.
        assert!(!any.allows("sys_platform == 'win32' and sys_platform == 'linux'"));
    }

    #[test]
    fn python_version_target() {
        let py312 = TargetEnvironment::python("3.12").unwrap();
        assert!(!py312.allows("python_version < \"3.8\""));
        assert!(py312.allows("python_version >= '3.8'"));
        assert!(py312.allows("python_full_version >= '3.12.1'"));
        assert!(!py312.allows("python_version == '3.11'"));
        let exact = TargetEnvironment::python("3.12.4").unwrap();
        assert!(!exact.allows("python_full_version >= '3.12.5'"));
        assert!(exact.allows("python_full_version < '3.12.5'"));
        assert_eq!(exact.describe(), "Python 3.12.4");
        for bad in ["3", "three.1", "3.12.1.1", "", "0.1", "3.99999"] {
            assert!(TargetEnvironment::python(bad).is_err(), "{bad}");
        }
    }
}
