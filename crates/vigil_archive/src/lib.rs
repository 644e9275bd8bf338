//! Package inputs: archives read into memory, installed distributions.
//!
//! ```text
//! wheel / sdist / egg ──► kind (by name) ──► zip or tar (gz, bz2) reader
//!        │                   every member name checked (names), every byte
//!        │                   counted against the limits (budget)
//!        ▼
//!     Archive { members wanted, in memory; notes; errors; metadata }
//!        │   an archive member that is itself an archive is read the same
//!        │   way, one level deep (a wheel in an sdist), same budget
//!        ▼
//!     the scan analyses each member as it analyses a file on disk, under
//!     the path `ARCHIVE!/MEMBER`
//!
//! --package NAME ──► installed: site-packages of the environment, the
//!     distribution's `*.dist-info/RECORD`, the files it lists inside the
//!     environment
//! ```
//!
//! Nothing is ever extracted to disk or executed: member names are only
//! text, symbolic and hard links are never followed, and hostile input (a
//! bomb, a corrupt archive, a member path that leaves the archive) is an
//! [`ArchiveError`] or a note on the member, never a crash.

mod budget;
pub mod compiled;
pub mod installed;
mod kind;
pub mod metadata;
mod names;
mod record;
mod tarfile;
mod zipfile;

pub use budget::Limits;
pub use compiled::{CompiledMember, WheelInfo};
pub use kind::ArchiveKind;
pub use metadata::Metadata;
pub use record::{RecordIssue, RecordProblem};

use std::path::Path;

/// The separator between an archive's path and a member's path in the
/// paths vigil shows: `requests-2.31.0.tar.gz!/requests-2.31.0/setup.py`.
pub const MEMBER_SEPARATOR: &str = "!/";

/// One member read into memory.
#[derive(Debug, Clone)]
pub struct Member {
    /// Its path inside the archive, `/`-separated; a member of a nested
    /// archive is `inner.whl!/pkg/mod.py`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A problem with one member (the member is named): `unanalysed` when what
/// it holds was not read (too large, an unsafe path, a nested archive past
/// the nesting bound), else a caveat (a link, not followed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberNote {
    pub member: String,
    pub message: String,
    pub unanalysed: bool,
}

/// What reading an archive gave.
#[derive(Debug, Default)]
pub struct Archive {
    /// The members the caller wanted, in archive order.
    pub members: Vec<Member>,
    pub notes: Vec<MemberNote>,
    /// Name and version from the archive's `METADATA` or `PKG-INFO`.
    pub metadata: Option<Metadata>,
    /// Entries met (files, folders, links), nested archives included.
    pub entries: usize,
    /// For a wheel: where its files and its `RECORD` disagree.
    pub record: Vec<RecordProblem>,
    /// The package's `entry_points.txt` (name and text), which declares
    /// the commands installing it creates.
    pub entry_points: Option<(String, String)>,
    /// A wheel's members that hold compiled code (by their bytes or their
    /// extension), and what its `WHEEL` file claims.
    pub compiled: Vec<CompiledMember>,
    pub wheel: Option<WheelInfo>,
    /// A wheel's members as read, for the `RECORD` check.
    digests: Vec<record::Digest>,
    /// A wheel's members left unread (too large, unsafe names, links):
    /// `RECORD` entries naming them are not called missing.
    unread: Vec<String>,
}

/// Why a whole archive could not be read: corrupt, a bomb, too many
/// members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveError(pub String);

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ArchiveError {}

/// Reads the archive at `path` (its kind from its name) into memory:
/// the members whose name `wanted` accepts (and the package metadata),
/// within `limits`.
pub fn read(
    path: &Path,
    limits: &Limits,
    wanted: &dyn Fn(&str) -> bool,
) -> Result<Archive, ArchiveError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let Some(kind) = ArchiveKind::of(&name) else {
        return Err(ArchiveError("not an archive vigil reads".into()));
    };
    let file = std::fs::File::open(path).map_err(|e| ArchiveError(format!("cannot read: {e}")))?;
    let len = file
        .metadata()
        .map_err(|e| ArchiveError(format!("cannot read: {e}")))?
        .len();
    if len > limits.max_archive_size {
        return Err(ArchiveError(format!(
            "archive too large ({len} bytes, limit {}); not scanned",
            limits.max_archive_size
        )));
    }
    let budget = budget::Budget::new(limits);
    let mut archive = Archive::default();
    read_kind(
        kind,
        std::io::BufReader::new(file),
        len,
        "",
        0,
        &budget,
        wanted,
        &mut archive,
    )?;
    archive.metadata = metadata::find(&archive.members, kind);
    archive.entry_points = archive
        .members
        .iter()
        .find(|m| metadata::is_entry_points_name(&m.name))
        .map(|m| {
            (
                m.name.clone(),
                String::from_utf8_lossy(&m.bytes).into_owned(),
            )
        });
    if kind == ArchiveKind::Wheel {
        archive.wheel = archive
            .members
            .iter()
            .find(|m| compiled::is_wheel_file_name(&m.name))
            .map(|m| compiled::parse_wheel_file(&String::from_utf8_lossy(&m.bytes)));
        let entries = archive
            .members
            .iter()
            .find(|m| record::is_record_name(&m.name))
            .map(|m| (m.name.as_str(), m.bytes.as_slice()));
        let mut problems = record::check(
            entries,
            &archive.digests,
            &archive.unread,
            record::RecordOf::Wheel,
        );
        if let Some(message) = record::cap(&mut problems) {
            archive.notes.push(MemberNote {
                member: problems[0].record.clone(),
                message,
                unanalysed: false,
            });
        }
        archive.record = problems;
        archive.digests = Vec::new();
    }
    // The metadata files (and a wheel's `RECORD`) were kept for these;
    // they are not the caller's.
    archive.members.retain(|m| wanted(&m.name));
    Ok(archive)
}

/// Reads one archive of `kind` from `reader` (`len` compressed bytes),
/// its members named under `prefix`, at nesting `depth`.
#[allow(clippy::too_many_arguments)]
fn read_kind<R: std::io::Read + std::io::Seek>(
    kind: ArchiveKind,
    reader: R,
    len: u64,
    prefix: &str,
    depth: u32,
    budget: &budget::Budget,
    wanted: &dyn Fn(&str) -> bool,
    archive: &mut Archive,
) -> Result<(), ArchiveError> {
    let mut sink = Sink {
        prefix,
        depth,
        wanted,
        verify: depth == 0 && kind == ArchiveKind::Wheel,
        archive,
    };
    match kind {
        ArchiveKind::Wheel | ArchiveKind::Egg | ArchiveKind::Zip => {
            zipfile::read(reader, budget, &mut sink)
        }
        ArchiveKind::TarGz => tarfile::read(
            flate2::read::MultiGzDecoder::new(reader),
            len,
            budget,
            &mut sink,
        ),
        ArchiveKind::TarBz2 => tarfile::read(
            bzip2::read::MultiBzDecoder::new(reader),
            len,
            budget,
            &mut sink,
        ),
        ArchiveKind::Tar => tarfile::read(reader, len, budget, &mut sink),
    }
}

/// Where the readers put what they find: decides, for each member name,
/// whether its bytes are wanted, and reads nested archives.
pub(crate) struct Sink<'a> {
    prefix: &'a str,
    depth: u32,
    wanted: &'a dyn Fn(&str) -> bool,
    /// Whether every member is hashed for the `RECORD` check (a wheel
    /// read at the top).
    pub(crate) verify: bool,
    archive: &'a mut Archive,
}

/// What to do with a member, by its name.
pub(crate) enum Want {
    Skip,
    Read,
    /// An archive inside the archive.
    Nested(ArchiveKind),
}

impl Sink<'_> {
    fn full(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// Counts an entry; errors past the member bound.
    pub(crate) fn entry(&mut self, budget: &budget::Budget) -> Result<(), ArchiveError> {
        self.archive.entries += 1;
        if self.archive.entries > budget.limits.max_members {
            return Err(ArchiveError(format!(
                "more than {} members; not scanned (an archive bomb?)",
                budget.limits.max_members
            )));
        }
        Ok(())
    }

    /// Whether a regular member's bytes are wanted. Its name is checked
    /// first: an unsafe one is noted and never read.
    pub(crate) fn want(&mut self, raw: &[u8]) -> (Want, String) {
        let name = String::from_utf8_lossy(raw).into_owned();
        if let Err(why) = names::check(&name) {
            self.note(&name, format!("unsafe member path ({why}); not read"), true);
            self.unread(&name);
            return (Want::Skip, name);
        }
        let name = names::clean(&name);
        let full = self.full(&name);
        if let Some(kind) = ArchiveKind::of(&name) {
            return (Want::Nested(kind), name);
        }
        let record = self.verify && record::is_record_name(&name);
        let top_metadata = self.depth == 0
            && (metadata::is_metadata_name(&name)
                || metadata::is_entry_points_name(&name)
                || metadata::is_requires_name(&name)
                || compiled::is_wheel_file_name(&name));
        if (self.wanted)(&full) || top_metadata || record {
            (Want::Read, name)
        } else {
            (Want::Skip, name)
        }
    }

    pub(crate) fn note(&mut self, name: &str, message: String, unanalysed: bool) {
        let member = self.full(name);
        self.archive.notes.push(MemberNote {
            member,
            message,
            unanalysed,
        });
    }

    /// A member left unread, for the `RECORD` check.
    pub(crate) fn unread(&mut self, name: &str) {
        if self.verify {
            self.archive.unread.push(name.to_string());
        }
    }

    /// Hashes a member's bytes for the `RECORD` check.
    /// A member too large to read: its name alone tells whether it is
    /// compiled code.
    pub(crate) fn too_large(&mut self, name: &str) {
        if self.verify {
            self.archive.compiled.extend(compiled::compiled(name, &[]));
        }
    }

    /// Notes compiled code among them.
    pub(crate) fn hash(&mut self, name: &str, bytes: &[u8]) {
        if self.verify {
            self.archive.digests.push(record::digest(name, bytes));
            self.archive
                .compiled
                .extend(compiled::compiled(name, bytes));
        }
    }

    pub(crate) fn keep(&mut self, name: &str, bytes: Vec<u8>) {
        let name = self.full(name);
        self.archive.members.push(Member { name, bytes });
    }

    /// A nested archive's bytes: read it (one level deep at most).
    pub(crate) fn nested(
        &mut self,
        name: &str,
        kind: ArchiveKind,
        bytes: Vec<u8>,
        budget: &budget::Budget,
    ) {
        if self.depth >= budget.limits.max_depth {
            self.note(
                name,
                format!(
                    "archive nested more than {} level(s) deep; not scanned",
                    budget.limits.max_depth
                ),
                true,
            );
            return;
        }
        let prefix = format!("{}{name}{MEMBER_SEPARATOR}", self.prefix);
        let len = bytes.len() as u64;
        let result = read_kind(
            kind,
            std::io::Cursor::new(bytes),
            len,
            &prefix,
            self.depth + 1,
            budget,
            self.wanted,
            self.archive,
        );
        if let Err(e) = result {
            self.note(name, format!("nested archive: {e}"), true);
        }
    }
}

/// Whether `name` (a file name) is an archive vigil reads.
pub fn is_archive(name: &str) -> bool {
    ArchiveKind::of(name).is_some()
}

/// Whether `name` is named as a Python package's archive: any wheel or
/// egg, and an sdist named `NAME-VERSION.tar.gz` (`.zip`, `.tar.bz2`, ...)
/// with a version that starts with a digit. A folder's other archives are
/// data (test fixtures, downloads), not code that ships.
pub fn is_package_archive(name: &str) -> bool {
    match ArchiveKind::of(name) {
        Some(ArchiveKind::Wheel | ArchiveKind::Egg) => true,
        Some(_) => name.rsplit_once('-').is_some_and(|(project, rest)| {
            !project.is_empty() && rest.bytes().next().is_some_and(|b| b.is_ascii_digit())
        }),
        None => false,
    }
}

#[cfg(test)]
mod package_names {
    use super::is_package_archive;

    #[test]
    fn package_archives_by_name() {
        assert!(is_package_archive("pip-23.2.1-py3-none-any.whl"));
        assert!(is_package_archive("omelet.egg"));
        assert!(is_package_archive("requests-2.31.0.tar.gz"));
        assert!(is_package_archive("Django-5.1.2.zip"));
        assert!(!is_package_archive("testtar.tar"));
        assert!(!is_package_archive("traversal_absolute.tar"));
        assert!(!is_package_archive("fixtures.zip"));
        assert!(!is_package_archive("data-latest.tar.gz"));
    }
}
