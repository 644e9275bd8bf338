//! Findings and reports.
//!
//! Every analysis stage of vigil (pattern rules, the taint engine, secrets,
//! dependency audit) produces [`Finding`]s; this crate holds that one type, the
//! [`ScanReport`] that gathers them with the per-file errors and metrics, and
//! the writers that render a report for people and machines.
//!
//! Each writer is a module with a `render` function: [`text`], [`json`],
//! [`sarif`], [`html`], [`github`], [`gitlab`], [`junit`], [`csv`];
//! [`render`] picks one by [`Format`]. [`baseline`] writes and applies
//! baselines.
//!
//! Writers never trust the content of a finding: messages, paths and code
//! snippets come from scanned (possibly hostile) code and are escaped for the
//! output they land in.

pub mod baseline;
pub mod csv;
mod finding;
mod fingerprint;
mod format;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod json;
mod jsonout;
pub mod junit;
mod metrics;
mod natural;
mod options;
mod packages;
mod pathtext;
mod report;
mod ruledoc;
pub mod sarif;
mod span;
pub mod text;
mod time;

pub use baseline::{BaselineError, apply_baseline, write_baseline};
pub use finding::{Cell, Confidence, Finding, FlowStep, Severity, Snippet};
pub use fingerprint::{fingerprint, normalize_code};
pub use format::{Format, OutputTarget, UnknownFormat, render};
pub use metrics::{FileMetrics, ImportInfo, ImportKind};
pub use natural::natural_cmp;
pub use options::RenderOptions;
pub use packages::PackageSummary;
pub use pathtext::{escape_bytes, path_text};
pub use report::{RuleInfo, ScanError, ScanReport, Summary};
pub use text::TextOptions;

/// The project's public repository as `Cargo.toml` names it, or empty while
/// it names none: the SARIF and GitLab writers link to it only when set.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
