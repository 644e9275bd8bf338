//! pipenv's `Pipfile` (TOML): `[packages]`, `[dev-packages]` and custom
//! package categories, each mapping a package name to a PEP 440 specifier
//! (`"==1.2"`, `">=2,<3"`, `"*"`) or a table (`{version = "...", markers =
//! "...", extras = [...]}`, plus marker keys such as `sys_platform = "==
//! 'win32'"`). `git`, `path`, `file`, `hg`, `svn` and `bzr` entries (often
//! `editable = true`) have no registry version: they are not checked.
//!
//! Groups follow `Pipfile.lock`: `default` for `[packages]`, `develop` for
//! `[dev-packages]`, the category name otherwise.

use super::pep508::{self, Location, leading_name};
use super::toml_util::{self as tu, entries, line, string};
use super::{ManifestKind, Manifests};
use crate::name;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Top-level tables that are not package categories.
const NOT_CATEGORIES: [&str; 4] = ["source", "requires", "pipenv", "scripts"];

/// Entry keys naming a source that is not a package index.
const NON_INDEX_SOURCES: [&str; 6] = ["git", "hg", "svn", "bzr", "path", "file"];

/// PEP 508 marker variables pipenv accepts as entry keys.
const MARKER_KEYS: [&str; 11] = [
    "os_name",
    "sys_platform",
    "platform_machine",
    "platform_python_implementation",
    "platform_release",
    "platform_system",
    "platform_version",
    "python_version",
    "python_full_version",
    "implementation_name",
    "implementation_version",
];

/// Parses a `Pipfile` into `out`.
pub fn parse(path: &Path, out: &mut Manifests) {
    let Some(file) = out.read_file(path) else {
        return;
    };
    let doc = match tu::parse(&file) {
        Ok(doc) => doc,
        Err(reason) => return out.file_problem(&file.display, reason),
    };
    for (category, packages) in entries(doc.get_ref()) {
        if NOT_CATEGORIES.contains(&category) {
            continue;
        }
        let Some(packages) = packages.get_ref().as_table() else {
            continue;
        };
        let group = match category {
            "packages" => "default",
            "dev-packages" => "develop",
            other => other,
        };
        for (package, value) in entries(packages) {
            // The key's line (for `[packages.name]` sub-tables, the header).
            let at = tu::key_line(&file, packages, package).unwrap_or_else(|| line(&file, value));
            let location = Location {
                file: &file.display,
                line: at,
                source: ManifestKind::Pipfile,
                groups: vec![group.to_owned()],
                text: file.line_text(at),
            };
            entry(package, value, &location, out);
        }
    }
}

fn entry(
    package: &str,
    value: &Spanned<DeValue<'_>>,
    location: &Location<'_>,
    out: &mut Manifests,
) {
    if !name::is_valid(package) {
        out.not_checked.push(location.not_checked(
            leading_name(package),
            package,
            "invalid package name",
        ));
        return;
    }
    let normalized = name::normalize(package);
    let (version, details) = match value.get_ref() {
        DeValue::String(text) => (text.as_ref(), None),
        DeValue::Table(details) => {
            if let Some(kind) = NON_INDEX_SOURCES
                .into_iter()
                .find(|k| tu::get(details, k).is_some())
            {
                let editable = tu::get(details, "editable")
                    .and_then(|v| v.get_ref().as_bool())
                    .unwrap_or(false);
                let reason = format!(
                    "{}{kind} dependency: its version is not a release from an index",
                    if editable { "editable " } else { "" }
                );
                out.not_checked.push(location.not_checked(
                    Some(normalized),
                    &location.text,
                    reason,
                ));
                return;
            }
            (string(details, "version").unwrap_or("*"), Some(details))
        }
        _ => {
            out.not_checked.push(location.not_checked(
                Some(normalized),
                &location.text,
                "unsupported dependency value (expected a version string or a table)",
            ));
            return;
        }
    };
    let text = requirement_text(package, version, details);
    match pep508::parse(&text, location) {
        Ok(mut dependency) => {
            // Keep the marker text as pipenv would write it out.
            dependency.marker = details.and_then(markers);
            out.dependencies.push(dependency);
        }
        Err(not_checked) => out.not_checked.push(not_checked),
    }
}

/// The PEP 508 string equivalent to an entry: `name[extras]spec ; markers`.
fn requirement_text(package: &str, version: &str, details: Option<&DeTable<'_>>) -> String {
    let mut text = package.to_owned();
    let extras: Vec<&str> = details
        .and_then(|d| tu::array(d, "extras"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.get_ref().as_str())
        .collect();
    if !extras.is_empty() {
        text.push('[');
        text.push_str(&extras.join(","));
        text.push(']');
    }
    let version = version.trim();
    if !version.is_empty() && version != "*" {
        // pipenv reads a bare version (`"1.2"`) as `==1.2`.
        if version.starts_with(|c: char| c.is_ascii_digit()) {
            text.push_str("==");
        }
        text.push_str(version);
    }
    if let Some(marker) = details.and_then(markers) {
        text.push_str(" ; ");
        text.push_str(&marker);
    }
    text
}

/// The entry's marker: `markers`, and every marker-variable key, joined.
fn markers(details: &DeTable<'_>) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(markers) = string(details, "markers")
        && !markers.trim().is_empty()
    {
        parts.push(markers.trim().to_owned());
    }
    for key in MARKER_KEYS {
        if let Some(condition) = string(details, key) {
            let condition = condition.trim();
            if condition == "*" || condition.is_empty() {
                continue;
            }
            parts.push(format!("{key} {condition}"));
        }
    }
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(
            parts
                .iter()
                .map(|p| format!("({p})"))
                .collect::<Vec<_>>()
                .join(" and "),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Manifests {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Pipfile");
        std::fs::write(&path, text).unwrap();
        let mut out = Manifests::default();
        parse(&path, &mut out);
        out
    }

    #[test]
    fn marker_keys_become_a_marker() {
        let m = parse_text(
            "[packages]\nfoo = {version = \"==1.0\", sys_platform = \"== 'win32'\", markers = \"python_version >= '3.8'\"}\nbar = \"1.2\"\n",
        );
        let foo = m.dependencies.iter().find(|d| d.name == "foo").unwrap();
        let bar = m.dependencies.iter().find(|d| d.name == "bar").unwrap();
        assert_eq!(
            foo.marker.as_deref(),
            Some("(python_version >= '3.8') and (sys_platform == 'win32')")
        );
        assert_eq!(foo.requirement.describe(), "==1.0");
        assert_eq!(bar.requirement.describe(), "==1.2");
        assert_eq!(bar.groups, ["default"]);
        assert_eq!(bar.line, 3);
    }

    #[test]
    fn broken_files_and_values_are_reported() {
        // A file that is not TOML is an error of the file (it fails the run).
        let m = parse_text("[packages\nfoo = 1");
        assert!(m.errors[0].reason.starts_with("invalid TOML"));
        let m = parse_text("[packages]\nfoo = 1\n\"bad name!\" = \"*\"\nbaz = \">= = 1\"\n");
        let mut not_checked = m.not_checked.clone();
        not_checked.sort_by_key(|n| n.line);
        let reasons: Vec<&str> = not_checked.iter().map(|n| n.reason.as_str()).collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(reasons[0].starts_with("unsupported dependency value"));
        assert_eq!(reasons[1], "invalid package name");
        assert!(reasons[2].starts_with("invalid requirement"));
        assert!(m.dependencies.is_empty());
    }
}
