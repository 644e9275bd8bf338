//! Member names: text, never paths to follow or write.

/// Why a member name is unsafe, if it is: absolute, a drive path, a `..`
/// component, a NUL byte. Backslashes count as separators (a Windows
/// extractor treats them so).
pub(crate) fn check(name: &str) -> Result<(), &'static str> {
    if name.contains('\0') {
        return Err("NUL byte");
    }
    if name.starts_with('/') || name.starts_with('\\') {
        return Err("absolute path");
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic() {
        return Err("drive path");
    }
    if name.split(['/', '\\']).any(|part| part == "..") {
        return Err("parent directory reference");
    }
    Ok(())
}

/// A safe name without `./` components, doubled or trailing separators.
pub(crate) fn clean(name: &str) -> String {
    name.split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names() {
        assert!(check("pkg/mod.py").is_ok());
        assert!(check("pkg/..foo.py").is_ok());
        assert_eq!(check("../evil.py"), Err("parent directory reference"));
        assert_eq!(check("a/../../evil.py"), Err("parent directory reference"));
        assert_eq!(check("a\\..\\evil.py"), Err("parent directory reference"));
        assert_eq!(check("/etc/passwd"), Err("absolute path"));
        assert_eq!(check("\\evil.py"), Err("absolute path"));
        assert_eq!(check("C:/evil.py"), Err("drive path"));
        assert_eq!(check("c:evil.py"), Err("drive path"));
        assert_eq!(clean("./a//b/./c.py"), "a/b/c.py");
    }
}
