//! TOML lock files: `poetry.lock`, `uv.lock` and PEP 751 `pylock.toml`.
//!
//! All three hold an array of package tables with a `name` and a `version`;
//! they differ in the array's key and in how a package that does not come
//! from an index (VCS, directory, URL, the project itself) is marked. Such
//! packages are reported as not checked.

use super::pep508::{Location, leading_name};
use super::toml_util::{self as tu, array, get, line, string, table};
use super::{ManifestKind, Manifests, Requirement};
use crate::name;
use crate::version::parse_version;
use std::path::Path;
use toml::de::DeTable;

/// How one lock format differs from the others.
struct Flavor {
    /// Key of the package array.
    key: &'static str,
    source: ManifestKind,
    /// Why a package cannot be checked (not from an index), if so.
    non_index: fn(&DeTable<'_>) -> Option<String>,
    /// Groups / categories a package belongs to.
    groups: fn(&DeTable<'_>) -> Vec<String>,
}

/// Parses a `poetry.lock`.
pub fn parse_poetry_lock(path: &Path, out: &mut Manifests) {
    let flavor = Flavor {
        key: "package",
        source: ManifestKind::PoetryLock,
        non_index: |package| {
            let kind = table(package, "source").and_then(|s| string(s, "type"))?;
            matches!(kind, "git" | "directory" | "file" | "url")
                .then(|| format!("{kind} source: its version is not a release from an index"))
        },
        groups: |package| {
            let mut groups = strings(package, "groups");
            groups.extend(string(package, "category").map(str::to_owned));
            groups
        },
    };
    parse_lock(path, &flavor, out);
}

/// Parses a `uv.lock`.
pub fn parse_uv_lock(path: &Path, out: &mut Manifests) {
    let flavor = Flavor {
        key: "package",
        source: ManifestKind::UvLock,
        non_index: |package| {
            let source = table(package, "source")?;
            ["git", "url", "path", "directory", "editable", "virtual"]
                .into_iter()
                .find(|k| get(source, k).is_some())
                .map(|kind| match kind {
                    "editable" | "virtual" => {
                        format!("{kind} source: a local project, not a release")
                    }
                    _ => format!("{kind} source: its version is not a release from an index"),
                })
        },
        groups: |_| Vec::new(),
    };
    parse_lock(path, &flavor, out);
}

/// Parses a PEP 751 `pylock.toml` (or `pylock.<name>.toml`).
pub fn parse_pylock(path: &Path, out: &mut Manifests) {
    let flavor = Flavor {
        key: "packages",
        source: ManifestKind::Pylock,
        non_index: |package| {
            ["vcs", "directory", "archive"]
                .into_iter()
                .find(|k| get(package, k).is_some())
                .map(|kind| format!("{kind} source: its version is not a release from an index"))
        },
        groups: |package| strings(package, "dependency-groups"),
    };
    parse_lock(path, &flavor, out);
}

fn strings(package: &DeTable<'_>, key: &str) -> Vec<String> {
    array(package, key)
        .into_iter()
        .flatten()
        .filter_map(|v| v.get_ref().as_str().map(str::to_owned))
        .collect()
}

fn parse_lock(path: &Path, flavor: &Flavor, out: &mut Manifests) {
    let Some(file) = out.read_file(path) else {
        return;
    };
    let doc = match tu::parse(&file) {
        Ok(doc) => doc,
        Err(reason) => return out.file_problem(&file.display, reason),
    };
    let Some(packages) = array(doc.get_ref(), flavor.key) else {
        return;
    };
    for item in packages {
        let Some(package) = item.get_ref().as_table() else {
            continue;
        };
        let at = get(package, "name").map_or_else(|| line(&file, item), |n| line(&file, n));
        let location = Location {
            file: &file.display,
            line: at,
            source: flavor.source,
            groups: (flavor.groups)(package),
            text: file.line_text(at),
        };
        let raw_name = string(package, "name").unwrap_or("");
        if !name::is_valid(raw_name) {
            let reason = "package without a valid name";
            out.problem(location.error(leading_name(raw_name), &location.text, reason));
            continue;
        }
        let declared = format!("{raw_name} {}", string(package, "version").unwrap_or(""));
        if let Some(reason) = (flavor.non_index)(package) {
            out.not_checked.push(location.not_checked(
                Some(name::normalize(raw_name)),
                declared.trim(),
                reason,
            ));
            continue;
        }
        let Some(version_text) = string(package, "version") else {
            let reason = "no version recorded";
            out.not_checked.push(location.not_checked(
                Some(name::normalize(raw_name)),
                raw_name,
                reason,
            ));
            continue;
        };
        match parse_version(version_text) {
            Some(version) => {
                let mut dependency = location.dependency(raw_name, Requirement::Pinned(version));
                dependency.marker = string(package, "marker")
                    .or_else(|| string(package, "markers"))
                    .map(str::to_owned);
                out.dependencies.push(dependency);
            }
            None => {
                let reason = format!("version {version_text:?} is not a PEP 440 version");
                out.problem(location.error(Some(name::normalize(raw_name)), &declared, reason));
            }
        }
    }
}
