//! Archives as scan inputs: each wheel, sdist or egg met is read into
//! memory by [`vigil_archive`] (never extracted, never run) and each member
//! vigil analyses becomes a [`DiscoveredFile`] holding its bytes, at the
//! path `ARCHIVE!/MEMBER`, classified by [`FileKind::of`] as files on disk
//! are. Problems with the archive or a member are [`ScanError`]s naming
//! them; the archive's [`PackageSummary`] is recorded.

use crate::discover::{DiscoveredFile, FileKind};
use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vigil_archive::{Limits, MEMBER_SEPARATOR};
use vigil_config::Settings;
use vigil_report::{PackageSummary, ScanError};
use vigil_semantic::module_name_with;

/// Whether `path` names an archive vigil reads.
pub(crate) fn is_archive(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(vigil_archive::is_archive)
}

/// Whether `path` is named as a Python package's archive (a wheel, an
/// egg, `NAME-VERSION.tar.gz`): the archives a folder's walk reads.
pub(crate) fn is_package_archive(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(vigil_archive::is_package_archive)
}

/// Reads the archive at `path` and hands each member to analyse to
/// `found`.
pub(crate) fn expand(
    path: &Path,
    settings: &Settings,
    display: &crate::scan::PathDisplay,
    errors: &mut Vec<ScanError>,
    packages: &mut Vec<PackageSummary>,
    found: &mut impl FnMut(DiscoveredFile),
) {
    let shown = display.show(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = vigil_archive::ArchiveKind::of(&name).map_or("sdist", |k| k.label());
    let mut summary = PackageSummary {
        source: shown.clone(),
        kind: kind.to_string(),
        ..PackageSummary::default()
    };
    let limits = Limits {
        max_member_size: settings.max_file_size,
        ..Limits::default()
    };
    let wanted = |member: &str| FileKind::of(Path::new(member)).is_some();
    // A bug in a reader that panics on a hostile archive costs that
    // archive only, as a panic analysing a file costs that file.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        vigil_archive::read(path, &limits, &wanted)
    }))
    .unwrap_or_else(|_| {
        Err(vigil_archive::ArchiveError(
            "internal error while reading this archive; it was skipped, please report it".into(),
        ))
    });
    let archive = match read {
        Ok(archive) => archive,
        Err(e) => {
            errors.push(ScanError::unanalysed(&shown, e.to_string()));
            packages.push(summary);
            return;
        }
    };
    if let Some(metadata) = &archive.metadata {
        summary.name = metadata.name.clone();
        summary.version = metadata.version.clone();
        let declares = metadata
            .requires_member
            .as_ref()
            .unwrap_or(&metadata.member);
        summary.metadata_path = format!("{shown}{MEMBER_SEPARATOR}{declares}");
        summary.requires_dist = metadata.requires_dist.clone();
    }
    summary.package_findings = crate::package_rules::record_findings(
        crate::package_rules::RecordOwner::Wheel(&shown),
        &archive.record,
    );
    summary
        .package_findings
        .extend(crate::package_rules::compiled_findings(
            &shown,
            archive.wheel.as_ref(),
            &archive.compiled,
        ));
    if let Some(metadata) = &archive.metadata {
        let at = format!("{shown}{MEMBER_SEPARATOR}{}", metadata.member);
        summary
            .package_findings
            .extend(crate::package_rules::typosquat_finding(&at, metadata));
    }
    if let Some((member, text)) = &archive.entry_points {
        let at = format!("{shown}{MEMBER_SEPARATOR}{member}");
        summary
            .package_findings
            .extend(crate::package_rules::shadowing_findings(
                &at,
                &summary.name,
                text,
            ));
    }
    for note in &archive.notes {
        let at = format!("{shown}{MEMBER_SEPARATOR}{}", note.member);
        errors.push(if note.unanalysed {
            ScanError::unanalysed(at, note.message.clone())
        } else {
            ScanError::caveat(at, note.message.clone())
        });
    }
    let (runs, backend) = runs_at_install(&archive, kind == "sdist");
    summary.runs_at_install = runs;
    let virtual_path =
        |member: &str| PathBuf::from(format!("{}{MEMBER_SEPARATOR}{member}", path.display()));
    let members: FxHashSet<PathBuf> = archive
        .members
        .iter()
        .map(|m| virtual_path(&m.name))
        .collect();
    for member in archive.members {
        let file_path = virtual_path(&member.name);
        let kind = if backend.contains(&member.name) {
            FileKind::BuildBackend
        } else {
            FileKind::of(Path::new(&member.name)).unwrap_or(FileKind::Python)
        };
        let module = kind.fixed_module(&file_path).unwrap_or_else(|| {
            module_name_with(&file_path, |dir| members.contains(&dir.join("__init__.py")))
        });
        summary.files.push(display.show(&file_path));
        found(DiscoveredFile {
            path: file_path,
            kind,
            module,
            contents: Some(Arc::from(member.bytes)),
        });
    }
    packages.push(summary);
}

/// What runs when the package is built, installed or at every start of
/// Python, each with when: an sdist's `setup.py` and in-tree build
/// backend, a wheel's top-level `.pth` files; and the members that hold
/// the in-tree build backend's module.
fn runs_at_install(
    archive: &vigil_archive::Archive,
    sdist: bool,
) -> (Vec<String>, FxHashSet<String>) {
    use vigil_knowledge::supply_chain::runs_without_import;
    let mut found = Vec::new();
    let mut backend_members = FxHashSet::default();
    for member in &archive.members {
        // An sdist's files are in its NAME-VERSION/ folder.
        let inside = if sdist {
            match member.name.split_once('/') {
                Some((_, rest)) => rest,
                None => continue,
            }
        } else {
            member.name.as_str()
        };
        if let Some(when) = runs_without_import(inside, sdist) {
            found.push(format!("{inside} {when}"));
        }
        if sdist
            && inside == "pyproject.toml"
            && let Some((backend, folders)) = in_tree_backend(&member.bytes)
        {
            found.push(format!(
                "the in-tree build backend `{backend}` when pip builds the sdist"
            ));
            let root = &member.name[..member.name.len() - inside.len()];
            backend_members.extend(backend_files(root, &backend, &folders));
        }
    }
    found.truncate(MAX_RUNS_AT_INSTALL);
    (found, backend_members)
}

/// The members that may hold module `backend` (`pkg.build:hooks` is
/// `pkg/build.py` or `pkg/build/__init__.py`) in each of `folders`
/// (relative to the sdist's `root/`).
fn backend_files(root: &str, backend: &str, folders: &[String]) -> Vec<String> {
    let module = backend.split(':').next().unwrap_or(backend).trim();
    if module.is_empty() || module.split('.').any(|part| part.is_empty()) {
        return Vec::new();
    }
    let module = module.replace('.', "/");
    let mut files = Vec::new();
    for folder in folders.iter().take(MAX_BACKEND_FOLDERS) {
        let folder = folder.trim().trim_start_matches("./").trim_end_matches('/');
        if folder.split('/').any(|part| part == "..") {
            continue;
        }
        let base = if folder.is_empty() || folder == "." {
            root.to_string()
        } else {
            format!("{root}{folder}/")
        };
        files.push(format!("{base}{module}.py"));
        files.push(format!("{base}{module}/__init__.py"));
    }
    files
}

/// `backend-path` entries followed.
const MAX_BACKEND_FOLDERS: usize = 8;

/// Entries kept in a package's `runs_at_install`.
const MAX_RUNS_AT_INSTALL: usize = 20;

/// The build backend a `pyproject.toml` loads from the sdist itself
/// (`[build-system] backend-path`), and the folders it is loaded from: its
/// code runs when pip builds it.
fn in_tree_backend(bytes: &[u8]) -> Option<(String, Vec<String>)> {
    let table: toml::Table = toml::from_str(std::str::from_utf8(bytes).ok()?).ok()?;
    let system = table.get("build-system")?.as_table()?;
    let folders: Vec<String> = system
        .get("backend-path")?
        .as_array()?
        .iter()
        .filter_map(|f| f.as_str().map(str::to_string))
        .collect();
    let backend = system.get("build-backend")?.as_str()?;
    Some((backend.chars().take(120).collect(), folders))
}
