//! What writers need to know beyond the report itself: the tool version,
//! the directory the paths are relative to, and when the scan ran.

use crate::text::TextOptions;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// Options shared by every writer; each writer reads the fields it needs.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// vigil's version (the CLI passes its `CARGO_PKG_VERSION`).
    pub tool_version: String,
    /// Absolute directory that relative finding paths are relative to
    /// (usually the working directory). SARIF uses it as `%SRCROOT%`.
    pub scan_root: Option<PathBuf>,
    /// Colours and verbosity of the text writer.
    pub text: TextOptions,
    /// When the scan started; by default, the end minus the scan duration.
    pub started_at: Option<SystemTime>,
    /// When the scan ended; by default, now.
    pub finished_at: Option<SystemTime>,
    /// Title of the HTML report; by default "vigil report".
    pub title: Option<String>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            scan_root: None,
            text: TextOptions::default(),
            started_at: None,
            finished_at: None,
            title: None,
        }
    }
}

impl RenderOptions {
    /// Default options with the given tool version.
    pub fn new(tool_version: impl Into<String>) -> Self {
        Self {
            tool_version: tool_version.into(),
            ..Self::default()
        }
    }

    /// Start and end of the scan, filling what is missing from the clock and
    /// the scan duration.
    pub fn scan_times(&self, duration_ms: u64) -> (SystemTime, SystemTime) {
        let end = self.finished_at.unwrap_or_else(SystemTime::now);
        let start = self.started_at.unwrap_or_else(|| {
            end.checked_sub(Duration::from_millis(duration_ms))
                .unwrap_or(end)
        });
        (start, end)
    }
}
