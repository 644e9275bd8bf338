//! Paths to SARIF URIs: relative paths become percent-encoded URI
//! references under `%SRCROOT%`, absolute paths become `file:` URIs.

use serde_json::{Value, json};
use std::path::Path;

/// The base id that relative artifact URIs hang from.
pub(super) const SRCROOT: &str = "%SRCROOT%";

/// Percent-encodes everything but unreserved characters (RFC 3986) and
/// `/`, so that no segment can be taken for a scheme, query or fragment.
pub(super) fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The path with the platform separator turned into `/`.
fn slashes(path: &str) -> String {
    if std::path::MAIN_SEPARATOR == '\\' {
        path.replace('\\', "/")
    } else {
        path.to_string()
    }
}

/// `file:` URI of an absolute path (`/a/b` or `C:/a/b`).
fn file_uri(path: &str) -> String {
    let bytes = path.as_bytes();
    let has_drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if has_drive {
        format!("file:///{}:{}", &path[..1], encode_members(&path[2..]))
    } else {
        format!("file://{}", encode_members(path))
    }
}

/// Percent-encodes each part of an archive member's path
/// (`a.tar.gz!/pkg/m.py`), keeping the `!/` between the archive and the
/// member as it is (`!` is a sub-delimiter RFC 3986 allows in a path).
fn encode_members(path: &str) -> String {
    path.split("!/")
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("!/")
}

fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || (bytes.len() >= 3
            && bytes[0].is_ascii_alphabetic()
            && bytes[1] == b':'
            && bytes[2] == b'/')
}

/// An `artifactLocation` for a finding path; `index` points into the run's
/// `artifacts` when known.
pub(super) fn artifact_location(path: &str, index: Option<usize>) -> Value {
    let path = slashes(path);
    let mut location = if is_absolute(&path) {
        json!({ "uri": file_uri(&path) })
    } else {
        let mut relative = path.as_str();
        while let Some(rest) = relative.strip_prefix("./") {
            relative = rest;
        }
        json!({ "uri": encode_members(relative), "uriBaseId": SRCROOT })
    };
    if let Some(index) = index {
        location["index"] = json!(index);
    }
    location
}

/// The `originalUriBaseIds` entry for `%SRCROOT%`: the scan root as a
/// `file:` URI ending in `/`, or only a description when it is unknown.
pub(super) fn srcroot(root: Option<&Path>) -> Value {
    let description =
        json!({ "text": "The directory vigil scanned; result paths are relative to it." });
    match root {
        Some(root) => {
            let mut path = slashes(&crate::path_text(root));
            if !path.ends_with('/') {
                path.push('/');
            }
            if !path.starts_with('/') && !is_absolute(&path) {
                return json!({ "description": description });
            }
            json!({ "uri": file_uri(&path), "description": description })
        }
        None => json!({ "description": description }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_paths() {
        assert_eq!(percent_encode("a b/c:d#e?.py"), "a%20b/c%3Ad%23e%3F.py");
        assert_eq!(percent_encode("é.py"), "%C3%A9.py");
        let loc = artifact_location("./src/x y.py", Some(2));
        assert_eq!(loc["uri"], "src/x%20y.py");
        assert_eq!(loc["uriBaseId"], SRCROOT);
        assert_eq!(loc["index"], 2);
        let abs = artifact_location("/tmp/a%b.py", None);
        assert_eq!(abs["uri"], "file:///tmp/a%25b.py");
        assert!(abs.get("uriBaseId").is_none());
        assert_eq!(srcroot(Some(Path::new("/w/p")))["uri"], "file:///w/p/");
    }
}
