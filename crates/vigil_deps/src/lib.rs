//! vigil's dependency audit: which of a project's dependencies have known
//! vulnerabilities, and which version fixes them. Offline.
//!
//! Data flows in one direction:
//!
//! ```text
//! manifests ──► manifest::collect ──► Manifests ─┐
//!   (requirements, pyproject, Pipfile,           │
//!    setup.cfg/.py, locks, PEP 723, --env)       ├─► audit::audit ──► AuditReport ──► report::{render_text,
//! OSV export ──► osv reader ──► db::Database ────┘      (matching:                    to_json, to_findings}
//!   (embedded snapshot, imported store,                  PEP 440 sets)
//!    zip or directory)
//! ```
//!
//! - [`manifest`] discovers and parses the files that declare dependencies;
//!   every dependency carries its file and 1-based line.
//! - [`osv`] reads OSV records (zip export, directory of JSON/YAML);
//!   [`db`] keeps the PyPI advisories, indexed by package, embedded or
//!   imported into the user cache (`vigil db import/update/status`).
//! - [`matching`] evaluates OSV ranges with PEP 440 ordering ([`version`]
//!   wraps `pep440_rs`); [`mod@audit`] groups aliases, applies [`ignore`]s and
//!   computes the smallest upgrade that clears every advisory.
//! - [`report`] renders text and JSON and converts to `vigil_report`
//!   findings; [`cli`] holds the clap arguments and entry points.
//!
//! Everything read is untrusted: sizes are bounded, malformed input becomes
//! a "not checked" entry or a skipped record, never a panic.

pub mod audit;
pub mod cli;
pub mod db;
pub mod ignore;
pub mod manifest;
pub mod matching;
pub mod name;
pub mod osv;
pub mod report;
pub mod version;

pub use audit::{AuditOptions, AuditReport, Vulnerability, audit};
pub use cli::{DbCommand, DepsArgs, run_db, run_deps};
pub use db::Database;
pub use ignore::IgnoreEntry;
pub use manifest::{Dependency, Manifests, NotChecked};
pub use report::to_findings;
