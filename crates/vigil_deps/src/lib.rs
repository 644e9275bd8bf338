//! vigil's dependency audit: which of a project's dependencies have known
//! vulnerabilities, and which version fixes them. Offline. A library: the
//! `vigil` binary holds the `deps` and `db` commands.
//!
//! Data flows in one direction:
//!
//! ```text
//! manifests ──► manifest::collect ──► Manifests ─┐
//!   (requirements, pyproject, Pipfile,           │
//!    setup.cfg/.py, locks, PEP 723, --env)       ├─► audit::audit ──► AuditReport ──► report::{to_scan_report,
//! OSV export ──► osv reader ──► db::Database ────┘      (matching:                    render_section, audit_json}
//!   (embedded snapshot, imported store,                  PEP 440 sets)
//!    zip or directory)
//! ```
//!
//! - [`project`] is the entry point: [`audit_project`] takes
//!   [`DepsOptions`] (paths, environment, ignores, the walk's excludes) and
//!   runs the whole pipeline.
//! - [`manifest`] discovers (with `vigil check`'s walk, [`vigil_walk`]) and
//!   parses the files that declare dependencies; every dependency carries
//!   its file, 1-based line and [`ManifestKind`].
//! - [`osv`] reads OSV records (zip export, directory of JSON/YAML);
//!   [`db`] keeps the PyPI advisories, indexed by package, embedded or
//!   imported into the user cache (`vigil db import/update/status`).
//! - [`matching`] evaluates OSV ranges with PEP 440 ordering ([`version`]
//!   wraps `pep440_rs`); [`mod@audit`] groups aliases, applies ignores
//!   (`[tool.vigil.deps]`, typed in `vigil_config`) and computes the
//!   smallest upgrade that clears every advisory.
//! - [`report`] converts to `vigil_report` findings for the shared writers
//!   and renders what findings cannot carry (not-checked entries, ignores,
//!   the database).
//!
//! Everything read is untrusted: sizes are bounded, malformed input becomes
//! a "not checked" entry or a skipped record, never a panic.

pub mod audit;
pub mod db;
pub mod guard;
pub mod manifest;
pub mod matching;
pub mod name;
pub mod osv;
pub mod project;
pub mod report;
pub mod version;

pub use audit::{AuditOptions, AuditReport, Vulnerability, audit};
pub use db::Database;
pub use manifest::{Dependency, ManifestKind, Manifests, NotChecked, TargetEnvironment};
pub use project::{Audited, DepsError, DepsOptions, audit_project};
pub use report::{to_findings, to_scan_report};
pub use vigil_config::IgnoreEntry;
