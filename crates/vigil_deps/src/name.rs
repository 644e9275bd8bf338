//! Package names: PEP 503 normalisation and PEP 508 validity.
//!
//! Every name that enters the audit (from a manifest, a lock file, an
//! installed environment or an advisory) goes through [`normalize`], so
//! `Flask`, `flask` and `FLASK` and `zope.interface` / `zope-interface` meet.

/// The PEP 503 normal form: lower case, every run of `-`, `_` and `.`
/// replaced by one `-`.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_separator = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_separator {
                out.push('-');
            }
            in_separator = true;
        } else {
            out.extend(c.to_lowercase());
            in_separator = false;
        }
    }
    out
}

/// Whether `name` is a valid distribution name per PEP 508: ASCII letters and
/// digits, with `-`, `_` and `.` allowed inside (not at either end).
pub fn is_valid(name: &str) -> bool {
    let bytes = name.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    bytes.len() <= 200
        && first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_separator_runs() {
        assert_eq!(normalize("Flask"), "flask");
        assert_eq!(normalize("zope.interface"), "zope-interface");
        assert_eq!(normalize("Foo__Bar-._baz"), "foo-bar-baz");
        assert_eq!(normalize(" PyYAML "), "pyyaml");
    }

    #[test]
    fn validates_names() {
        assert!(is_valid("requests"));
        assert!(is_valid("zope.interface"));
        assert!(is_valid("a"));
        assert!(!is_valid(""));
        assert!(!is_valid("-lead"));
        assert!(!is_valid("trail."));
        assert!(!is_valid("has space"));
        assert!(!is_valid("tab\tname"));
    }
}
