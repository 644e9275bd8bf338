//! Per-file facts for the overview of a report: size, functions,
//! complexity and what the file imports.
//!
//! The scanner fills one [`FileMetrics`] per scanned file into
//! [`ScanReport::files`](crate::ScanReport::files); writers that show an
//! overview (HTML) read them, the others ignore them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an imported module comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// The Python standard library (`os`, `subprocess`, ...).
    Stdlib,
    /// An installed distribution (`requests`, `yaml`, ...).
    ThirdParty,
    /// A module of the scanned project itself (including relative imports).
    Local,
}

impl ImportKind {
    pub const ALL: [ImportKind; 3] = [
        ImportKind::Stdlib,
        ImportKind::ThirdParty,
        ImportKind::Local,
    ];

    /// Stable machine name: `stdlib`, `third_party`, `local`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Stdlib => "stdlib",
            ImportKind::ThirdParty => "third_party",
            ImportKind::Local => "local",
        }
    }

    /// Name for people: "standard library", "third party", "local".
    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Stdlib => "standard library",
            ImportKind::ThirdParty => "third party",
            ImportKind::Local => "local",
        }
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One imported module of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportInfo {
    /// The top-level module as written (`os`, `requests`, `.models`, ...).
    pub module: String,
    pub kind: ImportKind,
}

/// Size and shape of one scanned file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMetrics {
    /// Same form as [`Finding::path`](crate::Finding::path).
    pub path: String,
    /// Number of lines of the file.
    pub lines: usize,
    /// Number of function and method definitions (lambdas excluded).
    pub functions: usize,
    /// Cyclomatic complexity of the whole file: the sum over its functions
    /// and its module-level code (each counts 1 plus one per branch point).
    pub complexity: usize,
    /// Imported modules, each listed once per file.
    #[serde(default)]
    pub imports: Vec<ImportInfo>,
}
