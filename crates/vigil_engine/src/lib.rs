//! The scan pipeline.
//!
//! ```text
//! paths -> discover (walk, .gitignore, excludes, symlink policy)
//!       -> phase 1, files in parallel: read -> decode -> parse -> semantic
//!          model -> checker (every rule) -> dataflow (vigil_taint, merged
//!          with the checker's diagnostics: one problem, one finding) ->
//!          suppressions -> findings, plus each module's exports (names,
//!          and what its dataflow tells other modules); the trees of
//!          modules that finished files pass data into are kept (budgeted)
//!       -> module graph of the project, dataflow facts of the project
//!       -> phase 2, in rounds: files that import a re-exported dangerous
//!          name, receive untrusted data from other modules, or call their
//!          source-returning or sanitizing functions are analysed again
//!          (from their kept trees when there are)
//!       -> ScanReport (sorted, counted)
//! ```
//!
//! One bad file never stops the scan: every problem reading, decoding or
//! parsing it becomes a [`vigil_report::ScanError`] for that file.

mod analyze;
mod archive;
mod context;
mod discover;
mod document_lines;
mod findings;
mod interproc;
mod keep;
mod package_rules;
mod scan;
mod secrets;
mod selection;
mod suppress;
mod taint;
mod templates;

pub use analyze::{
    FileAnalysis, SourceDiagnostic, analyze_bytes, diagnose_module, diagnose_source,
};
pub use discover::{DiscoveredFile, FileKind, discover};
pub use scan::{
    InstalledMetadata, PathDisplay, ProgressHook, ScanOptions, display_path,
    installed_package_findings, scan,
};
pub use selection::{RuleSelection, SelectionError};
pub use suppress::{Suppressions, parse_suppressions};
