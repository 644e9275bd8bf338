//! The OSV schema, as read from an export: records, their severity, and the
//! readers for a zip export or a directory of JSON/YAML files.
//!
//! Data flows `reader` (bytes → [`OsvRecord`]s, broken entries counted) →
//! [`crate::db::Advisory::from_record`] (PyPI-only, normalised, withdrawn
//! records dropped). Nothing here trusts its input: every size is bounded and
//! a malformed record is skipped, never fatal.

mod reader;
mod record;
mod severity;

pub use reader::{ReadStats, read_dir, read_path, read_zip};
pub use record::{OsvAffected, OsvEvent, OsvPackage, OsvRange, OsvRecord, OsvSeverity};
pub use severity::{cvss_score, record_severity, severity_from_score};
