//! Manifests: everything that declares which packages a project uses.
//!
//! Each parser turns one file into [`Dependency`]s (a package with a pinned
//! version or an allowed range, located at a 1-based line) and
//! [`NotChecked`] entries (editable, URL, VCS and path requirements, and
//! files or lines that cannot be parsed). [`collect`] discovers the files
//! under a path and runs the right parser on each; nothing here touches the
//! database.
//!
//! Dependencies whose environment marker cannot hold in the audited
//! environment ([`TargetEnvironment`]) are moved to the not-checked list.
//!
//! Parsers are lenient: a broken line or entry becomes a `NotChecked`, a
//! broken file one `NotChecked` for the file; nothing panics and nothing is
//! fatal except an unreadable path given by the user.

mod discover;
mod environment;
mod ini;
mod kind;
mod marker;
mod package_metadata;
mod pep508;
mod pipfile;
mod pipfile_lock;
mod poetry_constraint;
mod pyproject;
mod requirements;
mod script;
mod setup_cfg;
mod setup_py;
mod source;
mod toml_locks;
mod toml_util;
mod workspace;

pub use discover::discover;
pub use environment::{collect_environment, find_site_packages};
pub use kind::ManifestKind;
pub use marker::TargetEnvironment;
pub use package_metadata::{DeclaredRequirements, parse as package_metadata};
pub use poetry_constraint::poetry_constraint;
pub use source::{SourceFile, display_path};
pub use workspace::{absolute, workspace_locks};

use crate::version::VersionSet;
use pep440_rs::Version;
use serde::Serialize;
use std::path::Path;
use vigil_walk::WalkScope;

/// What a dependency declaration allows.
#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    /// Exactly one version (`==1.2.3`, a lock file, an installed package).
    Pinned(Version),
    /// A set of versions, written as `text` (empty text: any version).
    Range { text: String, allowed: VersionSet },
}

impl Requirement {
    /// Any version at all.
    pub fn any() -> Self {
        Self::Range {
            text: String::new(),
            allowed: VersionSet::full(),
        }
    }

    /// The pinned version, if pinned.
    pub fn pinned(&self) -> Option<&Version> {
        match self {
            Self::Pinned(version) => Some(version),
            Self::Range { .. } => None,
        }
    }

    /// How the requirement reads: `==1.2` or the range text (`*` for any).
    pub fn describe(&self) -> String {
        match self {
            Self::Pinned(version) => format!("=={version}"),
            Self::Range { text, .. } if text.trim().is_empty() => "*".to_owned(),
            Self::Range { text, .. } => text.clone(),
        }
    }
}

/// A package a project depends on, where it is declared.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    /// PEP 503 normalised name.
    pub name: String,
    pub requirement: Requirement,
    /// Path as shown to the user.
    pub file: String,
    /// 1-based line of the declaration.
    pub line: u32,
    pub source: ManifestKind,
    pub extras: Vec<String>,
    /// PEP 508 environment marker, as written (see [`TargetEnvironment`]:
    /// a marker that can hold in the audited environment keeps the
    /// dependency).
    pub marker: Option<String>,
    /// Extras, dependency groups or lock-file categories it belongs to.
    pub groups: Vec<String>,
    /// The source line of the declaration (for snippets).
    pub text: String,
    /// Other lines of the same file declaring exactly the same requirement
    /// (at most [`MAX_REPEAT_LINES`] kept); they are reported once, here.
    pub repeated_at: Vec<u32>,
    /// How many times the file declares it (1 when declared once).
    pub occurrences: usize,
}

/// Most repeated lines kept per requirement.
pub const MAX_REPEAT_LINES: usize = 16;
/// Most declarations (dependencies and not-checked entries) read from one
/// file; beyond, the file is an error (its audit would be incomplete).
pub const MAX_DECLARATIONS_PER_FILE: usize = 100_000;

/// A declaration that cannot be checked against the database, or (with
/// `error`) a file or line that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotChecked {
    /// The package name when it is known.
    pub name: Option<String>,
    /// The declaration as written (shortened).
    pub requirement: String,
    pub reason: String,
    pub file: String,
    pub line: u32,
    /// Whether this is a parse error (a file, entry or line that cannot be
    /// read as what it claims to be) rather than a valid declaration vigil
    /// cannot check. Errors fail the run; [`Manifests::normalize`] moves them
    /// to [`Manifests::errors`].
    #[serde(skip)]
    pub error: bool,
}

impl NotChecked {
    /// The same entry, marked as a parse error.
    pub fn into_error(self) -> Self {
        Self {
            error: true,
            ..self
        }
    }
}

/// What makes two declarations of one file the same requirement.
#[derive(Debug, PartialEq, Eq, Hash)]
struct DependencyKey {
    file: String,
    name: String,
    requirement: String,
    marker: Option<String>,
    extras: Vec<String>,
    source: ManifestKind,
}

impl DependencyKey {
    fn of(d: &Dependency) -> Self {
        Self {
            file: d.file.clone(),
            name: d.name.clone(),
            requirement: d.requirement.describe(),
            marker: d.marker.clone(),
            extras: d.extras.clone(),
            source: d.source,
        }
    }
}

/// Everything found in a set of manifests.
#[derive(Debug, Clone, Default)]
pub struct Manifests {
    pub dependencies: Vec<Dependency>,
    pub not_checked: Vec<NotChecked>,
    /// Files, entries and lines that cannot be parsed: the audit of what
    /// they declare is incomplete, so they fail the run.
    pub errors: Vec<NotChecked>,
    /// Files read, as shown to the user.
    pub files: Vec<String>,
}

impl Manifests {
    /// Reads a manifest and lists it as read; a file that cannot be read
    /// becomes a problem of the whole file instead.
    pub fn read_file(&mut self, path: &Path) -> Option<SourceFile> {
        match SourceFile::read(path) {
            Ok(file) => {
                self.files.push(file.display.clone());
                Some(file)
            }
            Err(reason) => {
                self.file_problem(&display_path(path), reason);
                None
            }
        }
    }

    /// Records an error of a whole file (unreadable, not parseable); the
    /// reason may quote the file, so credentials in it are masked.
    pub fn file_problem(&mut self, file: &str, reason: impl Into<String>) {
        self.errors.push(NotChecked {
            name: None,
            requirement: String::new(),
            reason: vigil_secrets::mask_secrets(&reason.into()),
            file: file.to_owned(),
            line: 1,
            error: true,
        });
    }

    /// Records an entry that is not checked, or an error when it is one.
    pub fn problem(&mut self, entry: NotChecked) {
        if entry.error {
            self.errors.push(entry);
        } else {
            self.not_checked.push(entry);
        }
    }

    /// Sorts by file and line, reports a requirement a file repeats once
    /// (with the count and the other lines), caps what one file may
    /// declare, and moves parse errors to [`Manifests::errors`]. Linear in
    /// the number of declarations (400,000 identical lines are one entry).
    pub fn normalize(&mut self) {
        let (errors, not_checked): (Vec<_>, Vec<_>) = std::mem::take(&mut self.not_checked)
            .into_iter()
            .partition(|n| n.error);
        self.not_checked = not_checked;
        self.errors.extend(errors);
        self.dependencies
            .sort_by(|a, b| (&a.file, a.line, &a.name).cmp(&(&b.file, b.line, &b.name)));
        let mut first: std::collections::HashMap<DependencyKey, usize> =
            std::collections::HashMap::new();
        let mut kept: Vec<Dependency> = Vec::with_capacity(self.dependencies.len());
        for dependency in std::mem::take(&mut self.dependencies) {
            let key = DependencyKey::of(&dependency);
            match first.get(&key) {
                Some(&index) => {
                    let original = &mut kept[index];
                    original.occurrences += dependency.occurrences.max(1);
                    if dependency.line != original.line
                        && original.repeated_at.len() < MAX_REPEAT_LINES
                        && !original.repeated_at.contains(&dependency.line)
                    {
                        original.repeated_at.push(dependency.line);
                    }
                }
                None => {
                    first.insert(key, kept.len());
                    kept.push(Dependency {
                        occurrences: dependency.occurrences.max(1),
                        ..dependency
                    });
                }
            }
        }
        self.dependencies = kept;
        for list in [&mut self.not_checked, &mut self.errors] {
            list.sort_by(|a, b| {
                (&a.file, a.line, &a.requirement).cmp(&(&b.file, b.line, &b.requirement))
            });
            let mut seen = std::collections::HashSet::new();
            list.retain(|n| seen.insert((n.file.clone(), n.requirement.clone(), n.reason.clone())));
        }
        self.cap_per_file();
        self.files.sort();
        self.files.dedup();
    }

    /// Keeps at most [`MAX_DECLARATIONS_PER_FILE`] entries per file; a file
    /// with more gets an error saying the rest was not read.
    fn cap_per_file(&mut self) {
        let mut per_file: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        let mut over: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        let mut admit = |file: &str| {
            let count = per_file.entry(file.to_owned()).or_default();
            *count += 1;
            if *count > MAX_DECLARATIONS_PER_FILE {
                over.insert(file.to_owned());
                false
            } else {
                true
            }
        };
        self.dependencies.retain(|d| admit(&d.file));
        self.not_checked.retain(|n| admit(&n.file));
        for file in over {
            self.file_problem(
                &file,
                format!(
                    "more than {MAX_DECLARATIONS_PER_FILE} distinct declarations: the rest was not read"
                ),
            );
        }
    }

    /// Adds everything `other` found.
    pub fn extend(&mut self, other: Manifests) {
        self.dependencies.extend(other.dependencies);
        self.not_checked.extend(other.not_checked);
        self.errors.extend(other.errors);
        self.files.extend(other.files);
    }
}

/// Parses one file of a known kind. A panic in a parser (a bug, in vigil
/// or in a parsing crate) becomes that file's error.
pub fn parse_file(path: &Path, kind: ManifestKind) -> Manifests {
    crate::guard::no_panic(|| parse_file_unguarded(path, kind)).unwrap_or_else(|| {
        let mut out = Manifests::default();
        out.file_problem(
            &display_path(path),
            "the parser failed on this file (an internal error; please report it)",
        );
        out
    })
}

fn parse_file_unguarded(path: &Path, kind: ManifestKind) -> Manifests {
    let mut out = Manifests::default();
    match kind {
        ManifestKind::Requirements | ManifestKind::Constraints => {
            requirements::parse(path, &mut out)
        }
        ManifestKind::Pyproject => pyproject::parse(path, &mut out),
        ManifestKind::PoetryLock => toml_locks::parse_poetry_lock(path, &mut out),
        ManifestKind::UvLock => toml_locks::parse_uv_lock(path, &mut out),
        ManifestKind::Pylock => toml_locks::parse_pylock(path, &mut out),
        ManifestKind::Pipfile => pipfile::parse(path, &mut out),
        ManifestKind::PipfileLock => pipfile_lock::parse(path, &mut out),
        ManifestKind::SetupCfg => setup_cfg::parse(path, &mut out),
        ManifestKind::SetupPy => setup_py::parse(path, &mut out),
        ManifestKind::Script => script::parse(path, &mut out),
        ManifestKind::Environment => match collect_environment(path) {
            Ok(found) => out.extend(found),
            Err(reason) => out.file_problem(&display_path(path), reason),
        },
        // Never a file named on its own: the package readers hand its lines
        // over (`DepsOptions::declared`).
        ManifestKind::PackageMetadata => out.file_problem(
            &display_path(path),
            "a package's metadata is audited from the package that holds it",
        ),
    }
    out
}

/// Discovers and parses every manifest under `path` (a directory, walked
/// within `scope`, or a single file, whose kind is taken from its name),
/// for any Python 3 on any platform. A folder the walk cannot read is an
/// error of the result (see [`Manifests::errors`]).
pub fn collect(path: &Path, scope: &WalkScope) -> std::io::Result<Manifests> {
    collect_for(path, scope, &TargetEnvironment::default())
}

/// [`collect`] for a given target environment: dependencies whose marker
/// cannot hold there become not-checked entries.
pub fn collect_for(
    path: &Path,
    scope: &WalkScope,
    target: &TargetEnvironment,
) -> std::io::Result<Manifests> {
    let meta = std::fs::metadata(path)?;
    let mut out = Manifests::default();
    if meta.is_dir() {
        let (found, walked) = discover(path, scope);
        for (file, kind) in found {
            out.extend(parse_file(&file, kind));
        }
        // A folder the walk could not enter may hold manifests: the audit
        // is incomplete, like with a file that cannot be parsed.
        for (folder, reason) in walked.errors {
            out.file_problem(
                &display_path(&folder),
                format!("{reason} (its dependency files, if any, were not audited)"),
            );
        }
    } else {
        let kind = ManifestKind::of_file(path).unwrap_or(ManifestKind::Requirements);
        out.extend(parse_file(path, kind));
    }
    target.apply(&mut out);
    out.normalize();
    Ok(out)
}
