//! A member of a uv workspace audited alone (`vigil deps packages/api`):
//! its ranges are pinned by the workspace root's `uv.lock`, which the walk
//! of the member does not meet. It is found by looking upward from the
//! member: the nearest folder holding a `uv.lock` whose `pyproject.toml`
//! lists the member in `[tool.uv.workspace]` (`members` globs, less
//! `exclude` globs). The search stops at the repository root (the first
//! folder holding `.git`) or the filesystem root.
//!
//! Only the part of the lock the member needs is audited: its own entry and
//! every package reachable from it through `dependencies`,
//! `optional-dependencies` and `dev-dependencies`; the other members'
//! packages are not this project's. A lock that does not know the member
//! (stale) is not used, and the member's ranges stay "not pinned".

use super::source::{SourceFile, display_path};
use super::toml_util::{self as tu, array, get, string, table};
use super::{Manifests, toml_locks};
use crate::name;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};
use toml::de::DeTable;

/// `path` made absolute against the working directory, `.` and `..`
/// folded away (lexically: symbolic links are not resolved).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The lock entries of the workspace roots of the projects `found`
/// declares dependencies in, for those whose folder has no lock of its own
/// and whose root lock the walk did not meet: each lock once, with what
/// its members among them need.
pub fn workspace_locks(found: &Manifests) -> Manifests {
    let read: HashSet<PathBuf> = found.files.iter().map(|f| absolute(Path::new(f))).collect();
    let mut projects: Vec<PathBuf> = found
        .dependencies
        .iter()
        .filter(|d| d.source.is_declaration())
        .filter_map(|d| Path::new(&d.file).parent().map(absolute))
        .collect();
    projects.sort();
    projects.dedup();
    // Lock → its members audited here (relative path, absolute folder).
    let mut members: BTreeMap<PathBuf, Vec<(String, PathBuf)>> = BTreeMap::new();
    for project in projects {
        if project.join("uv.lock").is_file() {
            continue;
        }
        let Some((root, member)) = workspace_root(&project) else {
            continue;
        };
        let lock = root.join("uv.lock");
        if !read.contains(&lock) {
            members.entry(lock).or_default().push((member, project));
        }
    }
    let mut out = Manifests::default();
    for (lock, members) in members {
        if let Some(part) = members_lock(&lock, &members) {
            out.extend(part);
        }
    }
    out
}

/// The nearest workspace root above `project` (absolute) that lists it as
/// a member, and the member's path relative to it (`/`-separated).
fn workspace_root(project: &Path) -> Option<(PathBuf, String)> {
    if project.join(".git").exists() {
        return None;
    }
    for root in project.ancestors().skip(1) {
        if root.join("uv.lock").is_file()
            && let Ok(relative) = project.strip_prefix(root)
        {
            let relative: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let relative = relative.join("/");
            if lists_member(&root.join("pyproject.toml"), &relative) {
                return Some((root.to_path_buf(), relative));
            }
        }
        if root.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Whether the `pyproject.toml` at `path` has a `[tool.uv.workspace]`
/// whose `members` match `member` and whose `exclude` do not.
fn lists_member(path: &Path, member: &str) -> bool {
    let Ok(file) = SourceFile::read(path) else {
        return false;
    };
    let Ok(doc) = tu::parse(&file) else {
        return false;
    };
    let Some(workspace) = table(doc.get_ref(), "tool")
        .and_then(|t| table(t, "uv"))
        .and_then(|t| table(t, "workspace"))
    else {
        return false;
    };
    let matches = |key: &str| {
        array(workspace, key)
            .into_iter()
            .flatten()
            .filter_map(|v| v.get_ref().as_str())
            .any(|pattern| {
                let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
                globset::GlobBuilder::new(pattern)
                    .literal_separator(true)
                    .build()
                    .is_ok_and(|g| g.compile_matcher().is_match(member))
            })
    };
    matches("members") && !matches("exclude")
}

/// The entries of the lock at `lock` that its `members` (path relative to
/// the root, absolute folder) need; `None` when the lock knows none of
/// them. A lock that cannot be parsed is returned whole (its error fails
/// the run).
fn members_lock(lock: &Path, members: &[(String, PathBuf)]) -> Option<Manifests> {
    let mut all = Manifests::default();
    toml_locks::parse_uv_lock(lock, &mut all);
    if !all.errors.is_empty() {
        return Some(all);
    }
    let file = SourceFile::read(lock).ok()?;
    let doc = tu::parse(&file).ok()?;
    let mut keep = HashSet::new();
    for (member, project) in members {
        let own_name = project_name(&project.join("pyproject.toml"));
        keep.extend(reachable(doc.get_ref(), member, own_name.as_deref()).unwrap_or_default());
    }
    if keep.is_empty() {
        return None;
    }
    all.dependencies.retain(|d| keep.contains(&d.name));
    all.not_checked
        .retain(|n| n.name.as_ref().is_none_or(|n| keep.contains(n)));
    if all.files.is_empty() {
        all.files.push(display_path(lock));
    }
    Some(all)
}

/// `[project] name` of a `pyproject.toml`, normalised.
fn project_name(path: &Path) -> Option<String> {
    let file = SourceFile::read(path).ok()?;
    let doc = tu::parse(&file).ok()?;
    let project = table(doc.get_ref(), "project")?;
    string(project, "name").map(name::normalize)
}

/// The normalised names of the lock's packages reachable from the member.
fn reachable(doc: &DeTable<'_>, member: &str, own_name: Option<&str>) -> Option<HashSet<String>> {
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    let mut start = None;
    for item in array(doc, "package")? {
        let Some(package) = item.get_ref().as_table() else {
            continue;
        };
        let Some(package_name) = string(package, "name").map(name::normalize) else {
            continue;
        };
        let source_path = table(package, "source").and_then(|s| {
            string(s, "editable")
                .or_else(|| string(s, "virtual"))
                .or_else(|| string(s, "directory"))
        });
        let at_member = source_path.is_some_and(|p| {
            let p = p.trim_start_matches("./").trim_end_matches('/');
            p == member || (member.is_empty() && p == ".")
        });
        if at_member || (source_path.is_some() && own_name == Some(package_name.as_str())) {
            start = Some(package_name.clone());
        }
        let list = edges.entry(package_name).or_default();
        list.extend(names_in(get(package, "dependencies").map(|v| v.get_ref())));
        for key in ["optional-dependencies", "dev-dependencies"] {
            if let Some(groups) = table(package, key) {
                for (_, value) in groups.iter() {
                    list.extend(names_in(Some(value.get_ref())));
                }
            }
        }
    }
    let start = start?;
    let mut keep = HashSet::from([start.clone()]);
    let mut queue = VecDeque::from([start]);
    while let Some(next) = queue.pop_front() {
        for dependency in edges.get(&next).into_iter().flatten() {
            if keep.insert(dependency.clone()) {
                queue.push_back(dependency.clone());
            }
        }
    }
    Some(keep)
}

/// The `name`s of an array of dependency tables, normalised.
fn names_in(value: Option<&toml::de::DeValue<'_>>) -> Vec<String> {
    value
        .and_then(tu::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| d.get_ref().as_table())
        .filter_map(|d| string(d, "name"))
        .map(name::normalize)
        .collect()
}
