//! What a database is: where it came from, how old it is, what it holds.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The attribution the PyPA data licence (CC BY 4.0) asks for.
pub const ATTRIBUTION: &str = "Contains vulnerability data from the PyPA Advisory Database \
(https://github.com/pypa/advisory-database), licensed CC BY 4.0.";

/// Where the advisories came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum DbOrigin {
    /// The snapshot compiled into vigil.
    Embedded { name: String },
    /// `vigil db import PATH`.
    Import { path: String },
    /// `vigil db update --url URL`.
    Download { url: String },
}

impl Default for DbOrigin {
    fn default() -> Self {
        Self::Embedded {
            name: String::new(),
        }
    }
}

impl std::fmt::Display for DbOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Embedded { name } => f.write_str(name),
            Self::Import { path } => write!(f, "imported from {path}"),
            Self::Download { url } => write!(f, "downloaded from {url}"),
        }
    }
}

/// Facts about a database, stored with it and shown by `vigil db status`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbMeta {
    pub origin: DbOrigin,
    /// The date of the data: given for the embedded snapshot, else the
    /// newest `modified` time among the records.
    pub snapshot_date: Option<Date>,
    /// When the database was imported (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_at: Option<String>,
    /// Advisories kept (PyPI, not withdrawn).
    pub records: usize,
    /// Advisories kept, by id prefix (`PYSEC`, `GHSA`, `MAL`, ...).
    pub counts: BTreeMap<String, usize>,
    /// Entries that could not be read or parsed.
    pub broken: usize,
    /// Records skipped because they were withdrawn.
    pub withdrawn: usize,
    /// Records skipped because they affect no PyPI package.
    pub other_ecosystem: usize,
    /// The first few broken entries, for the import report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub broken_examples: Vec<String>,
}

impl DbMeta {
    /// Days between the snapshot date and `today` (never negative).
    pub fn age_days(&self, today: Date) -> Option<i64> {
        let date = self.snapshot_date?;
        let days = date.until(today).ok()?.get_days() as i64;
        Some(days.max(0))
    }

    /// Attribution lines for the data's sources.
    pub fn attribution(&self) -> Vec<&'static str> {
        let mut lines = vec![ATTRIBUTION];
        if !matches!(self.origin, DbOrigin::Embedded { .. }) {
            lines.push(
                "Imported OSV records remain under the licences of their sources \
                 (see https://osv.dev and https://google.github.io/osv.dev/data/).",
            );
        }
        lines
    }
}

/// Today's date (UTC).
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// The date part of an RFC 3339 timestamp such as `2024-10-09T12:00:00Z`.
pub fn date_of_timestamp(text: &str) -> Option<Date> {
    text.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_in_days() {
        let meta = DbMeta {
            snapshot_date: Some("2024-10-10".parse().unwrap()),
            ..DbMeta::default()
        };
        assert_eq!(meta.age_days("2024-10-20".parse().unwrap()), Some(10));
        assert_eq!(meta.age_days("2025-10-10".parse().unwrap()), Some(365));
        assert_eq!(meta.age_days("2024-01-01".parse().unwrap()), Some(0));
    }

    #[test]
    fn timestamps_to_dates() {
        assert_eq!(
            date_of_timestamp("2024-10-09T12:00:00Z")
                .unwrap()
                .to_string(),
            "2024-10-09"
        );
        assert!(date_of_timestamp("garbage").is_none());
        assert!(date_of_timestamp("").is_none());
    }
}
