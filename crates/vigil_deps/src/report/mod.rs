//! Rendering an [`AuditReport`](crate::audit::AuditReport): text for a
//! terminal and the JSON document, plus conversion to `vigil_report`
//! findings for the shared writers (SARIF, HTML, ...).
//!
//! Advisory text and manifest content are untrusted: the text renderer
//! passes every such string through [`sanitize`].

mod findings;
mod json;
mod sanitize;
mod text;

pub use findings::{CWE, RULE, rule_info, to_findings};
pub use json::{database_json, status_json, to_json, to_json_pretty};
pub use sanitize::sanitize;
pub use text::{render_text, status_text};
