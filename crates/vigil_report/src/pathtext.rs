//! Paths as text: every report shows a path as [`path_text`] makes it.

use std::path::Path;

/// `path` as text that names it and no other path: valid UTF-8 as is, a
/// byte that is not UTF-8 as `\xNN`, and a backslash doubled (on Unix,
/// where it is an ordinary file-name character), so that `bad\xff.py` and a
/// file literally named `bad\xff.py` (shown `bad\\xff.py`) never print
/// alike. Every writer then escapes this text for its own format.
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        escape_bytes(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        // Windows paths are UTF-16: `display` shows an unpaired surrogate as
        // U+FFFD, and a backslash is the separator.
        path.display().to_string()
    }
}

/// See [`path_text`].
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_names_print_distinctly() {
        assert_eq!(escape_bytes(b"bad\xff.py"), "bad\\xff.py");
        assert_eq!(escape_bytes(b"bad\xfe.py"), "bad\\xfe.py");
        assert_eq!(escape_bytes(b"bad\\xff.py"), "bad\\\\xff.py");
        assert_eq!(escape_bytes("dir/é.py".as_bytes()), "dir/é.py");
    }
}
