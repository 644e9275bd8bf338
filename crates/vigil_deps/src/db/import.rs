//! `vigil db import` and `update`: turn an OSV export into the stored
//! database; `vigil db reset`: go back to the embedded snapshot.
//!
//! The export is read completely and checked before anything is written: an
//! input without a single usable PyPI advisory never replaces a working
//! database, nor does one much smaller than the imported database it would
//! replace (fewer than half its advisories, when it holds at least
//! [`SHRINK_GUARD_MIN`]: a partial or wrong export, most likely) unless
//! forced. Broken records are skipped and counted.

use super::{Database, DbMeta, DbOrigin, EMBEDDED_STORE, cache, store};
use crate::report::thousands;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The smallest imported database the shrink guard protects.
pub const SHRINK_GUARD_MIN: usize = 100;

/// The database in use before an import or a reset.
#[derive(Debug, Clone)]
pub enum Previous {
    /// An imported database.
    Imported(DbMeta),
    /// No imported database: the embedded snapshot.
    Embedded(DbMeta),
    /// An imported database that could not be read (the embedded snapshot
    /// was used instead), with the reason.
    Unreadable(String),
}

impl Previous {
    /// The database at `dest`, or the embedded snapshot when there is none.
    pub fn of(dest: &Path) -> Self {
        if !dest.exists() {
            return match store::read_meta_bytes(EMBEDDED_STORE) {
                Ok(meta) => Self::Embedded(meta),
                Err(err) => Self::Unreadable(format!("{err:#}")),
            };
        }
        // The meta line alone does not prove the file whole: check it all.
        match store::read(dest, Some(&Default::default())) {
            Ok(db) => Self::Imported(db.meta),
            Err(err) => Self::Unreadable(format!("{err:#}")),
        }
    }

    /// How it reads: `2,651 advisories (the embedded snapshot)`.
    pub fn describe(&self) -> String {
        match self {
            Self::Imported(meta) => format!(
                "{} advisories ({})",
                thousands(meta.records),
                describe_origin(meta)
            ),
            Self::Embedded(meta) => format!(
                "{} advisories (the embedded snapshot, no imported database)",
                thousands(meta.records)
            ),
            Self::Unreadable(reason) => format!("an unreadable imported database ({reason})"),
        }
    }
}

fn describe_origin(meta: &DbMeta) -> String {
    let mut text = meta.origin.to_string();
    if let Some(at) = meta.imported_at.as_deref().and_then(|t| t.get(..10)) {
        text.push_str(&format!(" on {at}"));
    }
    text
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportSummary {
    /// Where the database was written.
    pub path: PathBuf,
    /// Metadata of the new database (counts, skipped, snapshot date).
    pub meta: DbMeta,
    /// Record files seen in the export.
    pub entries: usize,
    /// The database in use before.
    pub previous: Previous,
    /// Stale temporary files of an interrupted earlier run, removed.
    pub removed_temporaries: Vec<PathBuf>,
}

/// Imports a zip export, a directory of records, or one record file;
/// `force` replaces a much larger database too.
pub fn import_path(input: &Path, dest: &Path, force: bool) -> Result<ImportSummary> {
    let (db, stats) = Database::from_osv_path(input, None)?;
    let entries = stats.entries;
    finish(db, entries, dest, &input.display().to_string(), force)
}

/// Imports a zip export held in memory (a download).
pub fn import_zip_bytes(
    bytes: &[u8],
    origin: DbOrigin,
    dest: &Path,
    force: bool,
) -> Result<ImportSummary> {
    let label = origin.to_string();
    let (db, stats) = Database::from_osv_zip(bytes, origin, None)?;
    finish(db, stats.entries, dest, &label, force)
}

/// Whether `new` advisories would replace `old` by far fewer.
pub fn much_smaller(old: usize, new: usize) -> bool {
    old >= SHRINK_GUARD_MIN && new.saturating_mul(2) < old
}

fn finish(
    mut db: Database,
    entries: usize,
    dest: &Path,
    label: &str,
    force: bool,
) -> Result<ImportSummary> {
    let removed_temporaries = cache::remove_stale_temporaries(dest);
    if entries == 0 {
        bail!("{label} holds no OSV records (.json, .yaml or .yml files)");
    }
    if db.meta.records == 0 {
        bail!(
            "{label} holds no usable PyPI advisory ({} entries, {} broken, {} withdrawn, {} for other ecosystems); \
             the current database is left unchanged",
            entries,
            db.meta.broken,
            db.meta.withdrawn,
            db.meta.other_ecosystem
        );
    }
    let previous = Previous::of(dest);
    if let Previous::Imported(old) = &previous
        && !force
        && much_smaller(old.records, db.meta.records)
    {
        bail!(
            "refusing to replace the imported database, {}, with {} advisories from {label}: \
             fewer than half as many, which looks like a partial or wrong export \
             ({} broken entries skipped). Run again with --force to replace it anyway",
            previous.describe(),
            thousands(db.meta.records),
            db.meta.broken
        );
    }
    db.meta.imported_at = Some(jiff::Timestamp::now().to_string());
    store::write(dest, &db)?;
    Ok(ImportSummary {
        path: dest.to_path_buf(),
        meta: db.meta,
        entries,
        previous,
        removed_temporaries,
    })
}

/// What `vigil db reset` did.
#[derive(Debug, Clone)]
pub struct ResetSummary {
    /// The imported database's path.
    pub path: PathBuf,
    /// The database removed; `None`: there was none.
    pub removed: Option<Previous>,
    /// Stale temporary files of an interrupted import, removed.
    pub removed_temporaries: Vec<PathBuf>,
    /// The embedded snapshot now in use.
    pub embedded: DbMeta,
}

/// Removes the imported database at `dest` (and stale temporary files of
/// an interrupted import): audits use the embedded snapshot again.
pub fn reset(dest: &Path) -> Result<ResetSummary> {
    let removed_temporaries = cache::remove_stale_temporaries(dest);
    let embedded = store::read_meta_bytes(EMBEDDED_STORE)?;
    let removed = match std::fs::symlink_metadata(dest) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("cannot remove {}", dest.display())),
        Ok(meta) => {
            if meta.is_dir() {
                bail!(
                    "{} is a directory, not a vigil database; not removed",
                    dest.display()
                );
            }
            let previous = Previous::of(dest);
            std::fs::remove_file(dest)
                .with_context(|| format!("cannot remove {}", dest.display()))?;
            Some(previous)
        }
    };
    Ok(ResetSummary {
        path: dest.to_path_buf(),
        removed,
        removed_temporaries,
        embedded,
    })
}
