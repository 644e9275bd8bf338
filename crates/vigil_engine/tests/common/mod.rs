//! What the project-level tests share: writing a temporary project and
//! scanning it as `vigil check` would.

use std::path::{Path, PathBuf};
use vigil_config::Settings;
use vigil_engine::{RuleSelection, ScanOptions, scan};
use vigil_report::Finding;

/// Writes `text` to `root/rel`, making its folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The findings of a scan of `paths` with every rule, configured from
/// `root`.
pub fn scan_paths(paths: Vec<PathBuf>, root: &Path) -> Vec<Finding> {
    scan_with(paths, Settings::from_config(None, root).unwrap())
}

/// The findings of a scan of the whole project at `root` with `--audit`.
#[allow(dead_code)] // not every test binary audits
pub fn audit_project(root: &Path) -> Vec<Finding> {
    let mut settings = Settings::from_config(None, root).unwrap();
    settings.audit = true;
    scan_with(vec![root.to_path_buf()], settings)
}

fn scan_with(paths: Vec<PathBuf>, settings: Settings) -> Vec<Finding> {
    let options = ScanOptions {
        paths,
        settings,
        selection: RuleSelection::all(),
        threads: 2,
        progress: None,
        file_metrics: false,
        display_bases: Vec::new(),
    };
    scan(&options).findings
}

/// The findings of a scan of the whole project at `root`.
pub fn scan_project(root: &Path) -> Vec<Finding> {
    scan_paths(vec![root.to_path_buf()], root)
}

/// (file name, line, rule) of each finding, sorted.
#[allow(dead_code)] // not every test binary lists findings this way
pub fn located(findings: &[Finding]) -> Vec<(String, u32, String)> {
    let mut out: Vec<(String, u32, String)> = findings
        .iter()
        .map(|f| {
            let name = Path::new(&f.path).file_name().unwrap_or_default();
            (name.to_string_lossy().into_owned(), f.line, f.rule.clone())
        })
        .collect();
    out.sort();
    out
}
