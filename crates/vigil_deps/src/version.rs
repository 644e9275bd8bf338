//! PEP 440 versions as the audit uses them, on top of `pep440_rs`.
//!
//! Versions are compared with their local label (`+ubuntu1`) removed, as the
//! OSV schema asks for PyPI. Sets of versions (what a requirement allows, what
//! an advisory affects) are [`VersionSet`]s: unions of intervals from the
//! `version-ranges` crate, so "overlaps" and "contains" are set operations.

use pep440_rs::{Version, VersionSpecifiers};
use std::str::FromStr;
use version_ranges::Ranges;

/// A set of versions: a union of disjoint intervals.
pub type VersionSet = Ranges<Version>;

/// Longest version text accepted; anything longer is hostile or broken.
const MAX_VERSION_LEN: usize = 128;

/// Parses a version, dropping its local label. `None` when it is not PEP 440.
pub fn parse_version(text: &str) -> Option<Version> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_VERSION_LEN {
        return None;
    }
    crate::guard::no_panic(|| Version::from_str(text).ok())
        .flatten()
        .map(Version::without_local)
}

/// Parses PEP 440 specifiers such as `>=2.0,<3`. `None` when invalid.
pub fn parse_specifiers(text: &str) -> Option<VersionSpecifiers> {
    if text.len() > 4 * 1024 {
        return None;
    }
    crate::guard::no_panic(|| VersionSpecifiers::from_str(text).ok()).flatten()
}

/// The exact version a specifier set pins (`==1.2.3` or `===1.2.3`), if any.
/// Wildcards (`==1.2.*`) do not pin.
pub fn pinned_version(specifiers: &VersionSpecifiers) -> Option<Version> {
    use pep440_rs::Operator;
    specifiers.iter().find_map(|spec| match spec.operator() {
        Operator::Equal | Operator::ExactEqual => Some(spec.version().clone().without_local()),
        _ => None,
    })
}

/// The set of versions a specifier set allows.
pub fn allowed_versions(specifiers: &VersionSpecifiers) -> VersionSet {
    VersionSet::from(specifiers.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        parse_version(text).unwrap()
    }

    #[test]
    fn local_labels_are_dropped() {
        assert_eq!(v("1.2.3+ubuntu1"), v("1.2.3"));
    }

    #[test]
    fn pep440_ordering() {
        let ordered = [
            "1.0.dev1",
            "1.0a1",
            "1.0a2.dev1",
            "1.0a2",
            "1.0b1",
            "1.0rc1",
            "1.0",
            "1.0.post1",
            "1.0.1",
            "1.1",
            "1!0.1",
        ];
        for pair in ordered.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
        }
        assert_eq!(v("1.0"), v("1.0.0"));
        assert_eq!(v("1.0RC1"), v("1.0rc1"));
    }

    #[test]
    fn rejects_garbage_and_huge_versions() {
        assert!(parse_version("not a version").is_none());
        assert!(parse_version(&"1.".repeat(500)).is_none());
        assert!(parse_version("").is_none());
    }

    #[test]
    fn pins_only_on_exact_equality() {
        let pinned = |s: &str| pinned_version(&parse_specifiers(s).unwrap());
        assert_eq!(pinned("==2.0"), Some(v("2.0")));
        assert_eq!(pinned("===2.0"), Some(v("2.0")));
        assert_eq!(pinned(">=1,==2.0"), Some(v("2.0")));
        assert_eq!(pinned("==2.*"), None);
        assert_eq!(pinned(">=2.0"), None);
    }
}
