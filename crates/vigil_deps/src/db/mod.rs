//! The vulnerability database: OSV advisories for PyPI, indexed by package.
//!
//! Where the data comes from, in order of preference:
//! 1. an explicit OSV export passed by the caller (`--db`),
//! 2. the database imported into the user cache (`vigil db import/update`),
//!    kept in vigil's own compact format ([`store`]),
//! 3. the PyPA snapshot embedded in the binary ([`EMBEDDED_STORE`]).
//!
//! The embedded snapshot is not the zip itself but the store-format index
//! generated from `data/pypi-advisories-2024-10-10.zip` (both are in the
//! repository; a test regenerates the index from the zip and fails when they
//! drift apart). Parsing the 2,661 JSON records of the zip takes about 60 ms
//! in a release build; a whole 500-package audit from the index takes about
//! 5 ms (`bench/run.sh`).
//!
//! Loading takes an optional set of package names: only advisories about
//! those packages are parsed and kept, which is what makes an audit fast on
//! a large database. Metadata ([`DbMeta`]) always describes the whole set.

mod advisory;
pub mod cache;
mod import;
mod meta;
pub mod store;
pub mod update;

pub use advisory::{Advisory, AffectedPackage, Dropped, RangeEvent, id_prefix};
pub use import::{
    ImportSummary, Previous, ResetSummary, SHRINK_GUARD_MIN, import_path, import_zip_bytes,
    much_smaller, reset,
};
pub use meta::{ATTRIBUTION, DbMeta, DbOrigin, today};

use crate::osv::{self, ReadStats};
use anyhow::Result;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The PyPA advisory snapshot shipped with vigil (CC BY 4.0, see
/// `data/README.md`), in the store format, generated from the OSV zip export
/// `data/pypi-advisories-2024-10-10.zip` by [`Database::embedded_from_zip`].
pub const EMBEDDED_STORE: &[u8] = include_bytes!("../../data/pypi-advisories-2024-10-10.vdb");
/// Path of the zip the embedded index is generated from, in the source tree.
pub const EMBEDDED_SOURCE_ZIP: &str = "data/pypi-advisories-2024-10-10.zip";
/// The date of the embedded snapshot.
pub const EMBEDDED_DATE: &str = "2024-10-10";
/// The name under which the embedded snapshot is reported.
pub const EMBEDDED_NAME: &str = "PyPA advisory database snapshot (embedded)";

/// Package names to keep when loading; `None` keeps every advisory.
pub type Filter<'a> = Option<&'a HashSet<String>>;

/// Advisories plus an index from package name to advisories.
#[derive(Debug, Clone)]
pub struct Database {
    pub meta: DbMeta,
    advisories: Vec<Advisory>,
    by_package: HashMap<String, Vec<usize>>,
}

impl Database {
    /// Builds a database from advisories and their metadata.
    pub fn new(meta: DbMeta, advisories: Vec<Advisory>) -> Self {
        let mut by_package: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, advisory) in advisories.iter().enumerate() {
            let mut names: Vec<&str> = advisory.affected.iter().map(|a| a.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            for name in names {
                by_package.entry(name.to_owned()).or_default().push(index);
            }
        }
        Self {
            meta,
            advisories,
            by_package,
        }
    }

    /// The database a user gets by default: the one imported at
    /// `cache_file` when present (and readable), else the embedded snapshot.
    /// A broken cache file is reported in the returned warning and the
    /// embedded snapshot used instead. Stale temporary files an interrupted
    /// import left next to it are removed (see [`cache`]).
    pub fn load_default(
        cache_file: Option<&Path>,
        filter: Filter<'_>,
    ) -> Result<(Self, Option<String>)> {
        if let Some(path) = cache_file {
            cache::remove_stale_temporaries(path);
        }
        let Some(path) = cache_file.filter(|p| p.exists()) else {
            return Ok((Self::embedded(filter)?, None));
        };
        match store::read(path, filter) {
            Ok(db) => Ok((db, None)),
            Err(err) => {
                let warning = format!(
                    "the imported database {} is unreadable ({err:#}); using the embedded snapshot. \
                     Run `vigil db update` or `vigil db import` to replace it.",
                    path.display()
                );
                Ok((Self::embedded(filter)?, Some(warning)))
            }
        }
    }

    /// The embedded PyPA snapshot.
    pub fn embedded(filter: Filter<'_>) -> Result<Self> {
        store::from_bytes(EMBEDDED_STORE, filter)
    }

    /// Builds the embedded index from the snapshot zip: what
    /// `data/*.vdb` must hold (see the `embedded_index` test).
    pub fn embedded_from_zip(zip: &[u8]) -> Result<Self> {
        let mut builder = Builder::new(None);
        let stats = osv::read_zip(zip, |record| builder.add(record))?;
        let origin = DbOrigin::Embedded {
            name: EMBEDDED_NAME.to_owned(),
        };
        let date = EMBEDDED_DATE.parse().ok();
        Ok(builder.finish(origin, date, &stats))
    }

    /// Reads an OSV export (zip, directory or record file) directly, without
    /// importing it: for `--db PATH` and for the import itself.
    pub fn from_osv_path(path: &Path, filter: Filter<'_>) -> Result<(Self, ReadStats)> {
        let mut builder = Builder::new(filter);
        let stats = osv::read_path(path, |record| builder.add(record))?;
        let origin = DbOrigin::Import {
            path: path.display().to_string(),
        };
        let db = builder.finish(origin, None, &stats);
        Ok((db, stats))
    }

    /// Reads an OSV zip export held in memory.
    pub fn from_osv_zip(
        bytes: &[u8],
        origin: DbOrigin,
        filter: Filter<'_>,
    ) -> Result<(Self, ReadStats)> {
        let mut builder = Builder::new(filter);
        let stats = osv::read_zip(bytes, |record| builder.add(record))?;
        Ok((builder.finish(origin, None, &stats), stats))
    }

    /// Every advisory held (after filtering).
    pub fn advisories(&self) -> &[Advisory] {
        &self.advisories
    }

    /// The advisories that name `package` (normalised) as affected.
    pub fn for_package<'a>(&'a self, package: &str) -> impl Iterator<Item = &'a Advisory> + 'a {
        self.by_package
            .get(package)
            .map(|ids| ids.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.advisories[i])
    }
}

/// Collects advisories from records while counting what was dropped.
struct Builder<'a> {
    filter: Filter<'a>,
    advisories: Vec<Advisory>,
    meta: DbMeta,
    newest_modified: String,
}

impl<'a> Builder<'a> {
    fn new(filter: Filter<'a>) -> Self {
        Self {
            filter,
            advisories: Vec::new(),
            meta: DbMeta::default(),
            newest_modified: String::new(),
        }
    }

    fn add(&mut self, record: osv::OsvRecord) {
        if record.modified > self.newest_modified && record.modified.len() <= 40 {
            self.newest_modified.clone_from(&record.modified);
        }
        match Advisory::from_record(record) {
            Ok(advisory) => {
                self.meta.records += 1;
                *self
                    .meta
                    .counts
                    .entry(advisory.id_prefix().to_owned())
                    .or_default() += 1;
                let wanted = match self.filter {
                    None => true,
                    Some(names) => advisory.affected.iter().any(|a| names.contains(&a.name)),
                };
                if wanted {
                    self.advisories.push(advisory);
                }
            }
            Err(Dropped::Withdrawn) => self.meta.withdrawn += 1,
            Err(Dropped::NotPyPi) => self.meta.other_ecosystem += 1,
            Err(Dropped::BadId) => self.meta.broken += 1,
        }
    }

    fn finish(
        mut self,
        origin: DbOrigin,
        date: Option<jiff::civil::Date>,
        stats: &ReadStats,
    ) -> Database {
        self.meta.origin = origin;
        self.meta.broken += stats.broken;
        self.meta.broken_examples.clone_from(&stats.broken_examples);
        self.meta.snapshot_date = date.or_else(|| meta::date_of_timestamp(&self.newest_modified));
        Database::new(self.meta, self.advisories)
    }
}

/// The database a default audit uses, and where it is: the one imported at
/// `database_file` when it exists, else the embedded snapshot.
pub fn status(database_file: Option<&Path>) -> Result<(DbMeta, String)> {
    if let Some(path) = database_file {
        cache::remove_stale_temporaries(path);
    }
    match database_file.filter(|p| p.exists()) {
        Some(path) => Ok((store::read_meta(path)?, path.display().to_string())),
        None => Ok((
            store::read_meta_bytes(EMBEDDED_STORE)?,
            "built into vigil".to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_snapshot_loads_completely() {
        let db = Database::embedded(None).unwrap();
        assert_eq!(
            db.meta.records + db.meta.withdrawn + db.meta.other_ecosystem,
            2661
        );
        assert_eq!(db.meta.broken, 0);
        assert_eq!(db.meta.withdrawn, 10);
        assert_eq!(db.meta.counts.get("PYSEC"), Some(&db.meta.records));
        assert!(db.for_package("jinja2").count() > 0);
        assert_eq!(db.meta.snapshot_date.unwrap().to_string(), "2024-10-10");
    }

    #[test]
    fn filter_keeps_only_named_packages() {
        let names: HashSet<String> = ["jinja2".to_owned()].into();
        let db = Database::embedded(Some(&names)).unwrap();
        assert!(
            db.advisories()
                .iter()
                .all(|a| a.affected.iter().any(|p| p.name == "jinja2"))
        );
        assert!(db.meta.records > db.advisories().len());
        assert_eq!(db.for_package("django").count(), 0);
    }
}
