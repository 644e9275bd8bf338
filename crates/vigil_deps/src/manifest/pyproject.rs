//! `pyproject.toml`: PEP 621 `[project]` dependencies and optional
//! dependencies, PEP 735 `[dependency-groups]` (with `include-group`), and
//! Poetry's `[tool.poetry.dependencies]`, `dev-dependencies` and
//! `[tool.poetry.group.<name>.dependencies]` tables.

use super::pep508::{self, Location, leading_name};
use super::poetry_constraint::poetry_constraint;
use super::source::SourceFile;
use super::toml_util::{self as tu, array, entries, line, string, table};
use super::{ManifestKind, Manifests};
use crate::name;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Parses a `pyproject.toml` into `out`.
pub fn parse(path: &Path, out: &mut Manifests) {
    let Some(file) = out.read_file(path) else {
        return;
    };
    let doc = match tu::parse(&file) {
        Ok(doc) => doc,
        Err(reason) => return out.file_problem(&file.display, reason),
    };
    let root = doc.get_ref();
    let parser = Parser { file: &file };
    if let Some(project) = table(root, "project") {
        if let Some(items) = array(project, "dependencies") {
            parser.requirement_list(items, &[], out);
        }
        if let Some(extras) = table(project, "optional-dependencies") {
            for (extra, items) in entries(extras) {
                if let Some(items) = tu::as_array(items.get_ref()) {
                    parser.requirement_list(items, &[extra.to_owned()], out);
                }
            }
        }
    }
    if let Some(groups) = table(root, "dependency-groups") {
        parser.dependency_groups(groups, out);
    }
    if let Some(poetry) = table(root, "tool").and_then(|tool| table(tool, "poetry")) {
        parser.poetry(poetry, out);
    }
}

struct Parser<'f> {
    file: &'f SourceFile,
}

impl Parser<'_> {
    fn location(&self, line: u32, groups: &[String]) -> Location<'_> {
        Location {
            file: &self.file.display,
            line,
            source: ManifestKind::Pyproject,
            groups: groups.to_vec(),
            text: self.file.line_text(line),
        }
    }

    /// An array of PEP 508 strings.
    fn requirement_list(
        &self,
        items: &[Spanned<DeValue<'_>>],
        groups: &[String],
        out: &mut Manifests,
    ) {
        for item in items {
            self.requirement(item, groups, out);
        }
    }

    fn requirement(&self, item: &Spanned<DeValue<'_>>, groups: &[String], out: &mut Manifests) {
        let location = self.location(line(self.file, item), groups);
        match item.get_ref().as_str() {
            Some(text) => match pep508::parse(text, &location) {
                Ok(dependency) => out.dependencies.push(dependency),
                Err(not_checked) => out.not_checked.push(not_checked),
            },
            None => out.problem(location.error(None, &location.text, "not a requirement string")),
        }
    }

    /// PEP 735 groups; each requirement lists every group that includes it.
    fn dependency_groups(&self, groups: &DeTable<'_>, out: &mut Manifests) {
        // Declared group name (normalised) → its includes (name, line).
        let mut includes: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
        for (group, items) in entries(groups) {
            let list = includes.entry(name::normalize(group)).or_default();
            for item in tu::as_array(items.get_ref()).unwrap_or_default() {
                if let Some(target) = item
                    .get_ref()
                    .as_table()
                    .and_then(|t| string(t, "include-group"))
                {
                    list.push((name::normalize(target), line(self.file, item)));
                }
            }
        }
        // Members: group → every group whose closure contains it.
        let mut members: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for group in includes.keys() {
            let mut stack = vec![group.clone()];
            self.closure(group, &includes, &mut stack, &mut members, out);
        }
        for (group, items) in entries(groups) {
            let key = name::normalize(group);
            let mut all: Vec<String> = vec![group.to_owned()];
            all.extend(
                members
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .filter(|g| **g != key)
                    .cloned(),
            );
            let Some(items) = tu::as_array(items.get_ref()) else {
                let location = self.location(line(self.file, items), &all);
                out.not_checked.push(location.not_checked(
                    None,
                    group,
                    "dependency group is not an array",
                ));
                continue;
            };
            for item in items {
                if item.get_ref().as_table().is_some() {
                    continue; // include-group, handled above
                }
                self.requirement(item, &all, out);
            }
        }
    }

    /// Walks the includes of `stack.last()`, recording that `stack[0]`
    /// contains every group reached; reports cycles and unknown groups.
    fn closure(
        &self,
        root: &str,
        includes: &BTreeMap<String, Vec<(String, u32)>>,
        stack: &mut Vec<String>,
        members: &mut BTreeMap<String, BTreeSet<String>>,
        out: &mut Manifests,
    ) {
        let current = stack.last().cloned().unwrap_or_default();
        members
            .entry(current.clone())
            .or_default()
            .insert(root.to_owned());
        for (target, at) in includes.get(&current).into_iter().flatten() {
            let location = self.location(*at, &[]);
            if !includes.contains_key(target) {
                if stack.len() == 1 {
                    let reason = format!("include-group names an unknown group {target:?}");
                    out.not_checked
                        .push(location.not_checked(None, &location.text, reason));
                }
            } else if stack.contains(target) {
                // Reported once, from the cycle's smallest group.
                if stack[0] == *target && stack.iter().all(|g| *g >= stack[0]) {
                    let cycle = format!("{} -> {target}", stack.join(" -> "));
                    let reason = format!("include-group cycle: {cycle}");
                    out.not_checked
                        .push(location.not_checked(None, &location.text, reason));
                }
            } else if stack.len() < 64 {
                stack.push(target.clone());
                self.closure(root, includes, stack, members, out);
                stack.pop();
            }
        }
    }

    fn poetry(&self, poetry: &DeTable<'_>, out: &mut Manifests) {
        if let Some(deps) = table(poetry, "dependencies") {
            self.poetry_table(deps, &[], out);
        }
        if let Some(deps) = table(poetry, "dev-dependencies") {
            self.poetry_table(deps, &["dev".to_owned()], out);
        }
        if let Some(groups) = table(poetry, "group") {
            for (group, body) in entries(groups) {
                if let Some(deps) = body
                    .get_ref()
                    .as_table()
                    .and_then(|t| table(t, "dependencies"))
                {
                    self.poetry_table(deps, &[group.to_owned()], out);
                }
            }
        }
    }

    fn poetry_table(&self, deps: &DeTable<'_>, groups: &[String], out: &mut Manifests) {
        for (package, value) in entries(deps) {
            if package.eq_ignore_ascii_case("python") {
                continue;
            }
            let key_line = tu::key_line(self.file, deps, package).unwrap_or(1);
            match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items {
                        self.poetry_entry(
                            package,
                            item.get_ref(),
                            line(self.file, item),
                            groups,
                            out,
                        );
                    }
                }
                other => self.poetry_entry(package, other, key_line, groups, out),
            }
        }
    }

    fn poetry_entry(
        &self,
        package: &str,
        value: &DeValue<'_>,
        at: u32,
        groups: &[String],
        out: &mut Manifests,
    ) {
        let location = self.location(at, groups);
        let Some(normalized) = name::is_valid(package).then(|| name::normalize(package)) else {
            out.problem(location.error(leading_name(package), package, "invalid package name"));
            return;
        };
        let (constraint, details) = match value {
            DeValue::String(text) => (text.as_ref(), None),
            DeValue::Table(details) => {
                if let Some(kind) = ["git", "path", "url"]
                    .into_iter()
                    .find(|k| tu::get(details, k).is_some())
                {
                    let reason = format!("{kind} dependency: its version is unknown");
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
                    "unsupported dependency value",
                ));
                return;
            }
        };
        match poetry_constraint(constraint) {
            Ok(requirement) => {
                let mut dependency = location.dependency(package, requirement);
                if let Some(details) = details {
                    dependency.marker = string(details, "markers").map(str::to_owned);
                    dependency.extras = array(details, "extras")
                        .into_iter()
                        .flatten()
                        .filter_map(|e| e.get_ref().as_str().map(str::to_owned))
                        .collect();
                }
                out.dependencies.push(dependency);
            }
            Err(reason) => out.problem(location.error(Some(normalized), constraint, reason)),
        }
    }
}
