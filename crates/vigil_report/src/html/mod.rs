//! `--output-format html`: placeholder.
use crate::options::RenderOptions;
use crate::report::ScanReport;

pub fn render(_report: &ScanReport, _options: &RenderOptions) -> String {
    String::new()
}
