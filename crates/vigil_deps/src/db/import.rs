//! `vigil db import`: turn an OSV export into the stored database.
//!
//! The export is read completely and checked before anything is written: an
//! input without a single usable PyPI advisory never replaces a working
//! database. Broken records are skipped and counted.

use super::{Database, DbMeta, DbOrigin, store};
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportSummary {
    /// Where the database was written.
    pub path: PathBuf,
    /// Metadata of the new database (counts, skipped, snapshot date).
    pub meta: DbMeta,
    /// Record files seen in the export.
    pub entries: usize,
}

/// Imports a zip export, a directory of records, or one record file.
pub fn import_path(input: &Path, dest: &Path) -> Result<ImportSummary> {
    let (db, stats) = Database::from_osv_path(input, None)?;
    let entries = stats.entries;
    finish(db, entries, dest, &input.display().to_string())
}

/// Imports a zip export held in memory (a download).
pub fn import_zip_bytes(bytes: &[u8], origin: DbOrigin, dest: &Path) -> Result<ImportSummary> {
    let label = origin.to_string();
    let (db, stats) = Database::from_osv_zip(bytes, origin, None)?;
    finish(db, stats.entries, dest, &label)
}

fn finish(mut db: Database, entries: usize, dest: &Path, label: &str) -> Result<ImportSummary> {
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
    db.meta.imported_at = Some(jiff::Timestamp::now().to_string());
    store::write(dest, &db)?;
    Ok(ImportSummary {
        path: dest.to_path_buf(),
        meta: db.meta,
        entries,
    })
}
