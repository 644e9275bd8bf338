//! Presenting an [`AuditReport`](crate::audit::AuditReport): as
//! `vigil_report` findings for the shared writers ([`to_scan_report`]),
//! plus what findings cannot carry — the text section and the JSON fields
//! of dependencies, what was not checked, ignores and the database — and
//! the `vigil db` commands' output.
//!
//! Advisory text and manifest content are untrusted: the text renderer
//! passes every such string through [`sanitize`].

mod findings;
mod json;
mod sanitize;
mod text;

pub use findings::{CWE, RULE, rule_info, to_errors, to_findings, to_scan_report};
pub use json::{AuditJson, DatabaseJson, audit_json, database_json, status_json, to_json};
pub use sanitize::sanitize;
pub use text::{
    STALE_DAYS, database_line, import_text, render_section, reset_text, staleness_warning,
    status_text, thousands,
};
