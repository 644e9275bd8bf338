//! The one finding type shared by every stage and every writer.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad the problem is if it is real.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
    /// Not known: a dependency advisory whose record gives no severity.
    /// Ordered above every other level, so that every `--severity`
    /// threshold counts it: what is not known to be harmless fails a gate.
    /// Not in [`Severity::ALL`] (it is no threshold).
    Unknown,
}

/// How sure vigil is that the finding is a real problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
            Severity::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a finding or a step sits in a notebook. Written as the cell
/// number alone in JSON (`"cell": 3`); the document line is for the writers
/// whose locations must open in the `.ipynb` file itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "u32", into = "u32")]
pub struct Cell {
    /// 1-based position of the cell among all the notebook's cells.
    pub number: u32,
    /// The line of the `.ipynb` document that holds the code line (SARIF,
    /// GitHub and GitLab point there); `None` when unknown.
    pub document_line: Option<u32>,
}

impl Cell {
    pub fn new(number: u32, document_line: Option<u32>) -> Self {
        Cell {
            number,
            document_line,
        }
    }
}

impl From<u32> for Cell {
    fn from(number: u32) -> Self {
        Cell::new(number, None)
    }
}

impl From<Cell> for u32 {
    fn from(cell: Cell) -> Self {
        cell.number
    }
}

/// One step of a dataflow path, from the source to the sink.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    pub path: String,
    /// In a notebook: the line in the cell.
    pub line: u32,
    pub column: u32,
    pub note: String,
    /// The notebook cell of the step, when it is in a notebook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<Cell>,
}

impl FlowStep {
    /// `path:line:column`, or `path:cell N:line:column` in a notebook (not
    /// escaped: each writer escapes it for its output).
    pub fn location(&self) -> String {
        match self.cell {
            Some(cell) => format!(
                "{}:cell {}:{}:{}",
                self.path, cell.number, self.line, self.column
            ),
            None => format!("{}:{}:{}", self.path, self.line, self.column),
        }
    }
}

/// The lines of code around a finding, kept so that writers need not read
/// the scanned file again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// 1-based number of the first line in `lines`.
    pub start_line: u32,
    pub lines: Vec<String>,
}

/// A problem found in scanned code (or in a manifest / text file).
///
/// Lines and columns are 1-based; columns count characters (Unicode scalar
/// values) of the line, and `end_column` is exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable kebab-case rule name (the id users type).
    pub rule: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub cwe: Vec<u32>,
    /// Path as shown to the user: relative to the working directory when the
    /// file lies under it.
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// What is wrong in this code.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Stable identity of the finding, independent of line numbers.
    pub fingerprint: String,
    /// Notebook cell when the file is a notebook; `line` and `end_line`
    /// then count lines of the cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<Cell>,
    /// Dataflow path from source to sink, for taint findings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<FlowStep>,
    /// The flagged code with a little context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Snippet>,
}

impl Finding {
    /// Sort key: file, position, rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (&self.path, self.line, self.column, &self.rule)
    }
}
