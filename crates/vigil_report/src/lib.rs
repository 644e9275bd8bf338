//! Findings and reports.
//!
//! Every analysis stage of vigil (pattern rules, the taint engine, secrets,
//! dependency audit) produces [`Finding`]s; this crate holds that one type, the
//! [`ScanReport`] that gathers them with the per-file errors, and the writers
//! that render a report for people (text) and machines (JSON, ...).
//!
//! Writers never trust the content of a finding: messages, paths and code
//! snippets come from scanned (possibly hostile) code and are escaped for the
//! output they land in.

mod finding;
mod fingerprint;
pub mod json;
mod report;
pub mod text;

pub use finding::{Confidence, Finding, FlowStep, Severity, Snippet};
pub use fingerprint::{fingerprint, normalize_code};
pub use report::{RuleInfo, ScanError, ScanReport, Summary};
pub use text::TextOptions;
