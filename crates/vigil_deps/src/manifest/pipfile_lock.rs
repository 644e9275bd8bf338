//! `Pipfile.lock` (pipenv): JSON with one object per category (`default`,
//! `develop`, or any custom category), each mapping package names to
//! `{"version": "==1.2.3", ...}`.
//!
//! JSON parsers do not keep positions, so a small scanner finds the line of
//! each `"category": {"name": ...}` key.

use super::pep508::{Location, leading_name};
use super::{ManifestKind, Manifests, Requirement};
use crate::name;
use crate::version::parse_version;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// Parses a `Pipfile.lock` into `out`.
pub fn parse(path: &Path, out: &mut Manifests) {
    let Some(file) = out.read_file(path) else {
        return;
    };
    let root: Value = match serde_json::from_str(&file.text) {
        Ok(Value::Object(root)) => Value::Object(root),
        Ok(_) => {
            return out.file_problem(
                &file.display,
                "not a Pipfile.lock: top level is not an object",
            );
        }
        Err(err) => return out.file_problem(&file.display, format!("invalid JSON: {err}")),
    };
    let lines = key_lines(&file.text);
    let Some(categories) = root.as_object() else {
        return;
    };
    for (category, packages) in categories {
        if category.starts_with('_') {
            continue;
        }
        let Some(packages) = packages.as_object() else {
            continue;
        };
        for (package, entry) in packages {
            let at = lines
                .get(&(category.clone(), package.clone()))
                .copied()
                .unwrap_or(1);
            let location = Location {
                file: &file.display,
                line: at,
                source: ManifestKind::PipfileLock,
                groups: vec![category.clone()],
                text: file.line_text(at),
            };
            entry_to_dependency(package, entry, &location, out);
        }
    }
}

fn entry_to_dependency(package: &str, entry: &Value, location: &Location<'_>, out: &mut Manifests) {
    if !name::is_valid(package) {
        let reason = "invalid package name";
        out.not_checked
            .push(location.not_checked(leading_name(package), package, reason));
        return;
    }
    let normalized = name::normalize(package);
    if let Some(kind) = ["git", "hg", "svn", "bzr", "path", "file"]
        .into_iter()
        .find(|k| entry.get(k).is_some())
    {
        let reason = format!("{kind} source: its version is not a release from an index");
        out.not_checked
            .push(location.not_checked(Some(normalized), package, reason));
        return;
    }
    let version = entry.get("version").and_then(Value::as_str).unwrap_or("");
    let bare = version.trim().trim_start_matches('=').trim();
    let Some(parsed) = parse_version(bare) else {
        let reason = if version.is_empty() {
            "no version recorded".to_owned()
        } else {
            format!("version {version:?} is not an exact PEP 440 version")
        };
        out.not_checked.push(location.not_checked(
            Some(normalized),
            &format!("{package} {version}"),
            reason,
        ));
        return;
    };
    let mut dependency = location.dependency(package, Requirement::Pinned(parsed));
    dependency.marker = entry
        .get("markers")
        .and_then(Value::as_str)
        .map(str::to_owned);
    dependency.extras = entry
        .get("extras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.as_str().map(str::to_owned))
        .collect();
    out.dependencies.push(dependency);
}

/// Lines of the keys two levels deep: (top-level key, key) → 1-based line.
fn key_lines(text: &str) -> HashMap<(String, String), u32> {
    struct Level {
        is_object: bool,
        expecting_key: bool,
        last_key: String,
    }
    let mut lines = HashMap::new();
    let mut stack: Vec<Level> = Vec::new();
    let mut line = 1u32;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                let end = i.min(bytes.len());
                let depth = stack.len();
                if let Some(top) = stack.last_mut()
                    && top.is_object
                    && top.expecting_key
                {
                    let key = String::from_utf8_lossy(&bytes[start..end]).into_owned();
                    top.expecting_key = false;
                    if depth == 2 {
                        let parent = stack[0].last_key.clone();
                        lines.entry((parent, key.clone())).or_insert(line);
                    }
                    if let Some(top) = stack.last_mut() {
                        top.last_key = key;
                    }
                }
            }
            open @ (b'{' | b'[') => stack.push(Level {
                is_object: open == b'{',
                expecting_key: open == b'{',
                last_key: String::new(),
            }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.expecting_key = top.is_object;
                }
            }
            _ => {}
        }
        i += 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_key_lines() {
        let text = "{\n \"_meta\": {\"hash\": {\"sha256\": \"x\"}},\n \"default\": {\n  \"a\": {\"version\": \"==1\"},\n  \"b\\\"q\": {}\n },\n \"develop\": {\"c\": {}}\n}";
        let lines = key_lines(text);
        assert_eq!(lines[&("default".into(), "a".into())], 4);
        assert_eq!(lines[&("default".into(), "b\\\"q".into())], 5);
        assert_eq!(lines[&("develop".into(), "c".into())], 7);
        assert_eq!(lines[&("_meta".into(), "hash".into())], 2);
        assert!(!lines.contains_key(&("default".into(), "version".into())));
    }
}
