//! Every output format by name, and one dispatcher so that the CLI can
//! write several at once (`--output-format sarif=out.sarif`).

use crate::options::RenderOptions;
use crate::report::ScanReport;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// An output format of vigil.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Html,
    Github,
    Gitlab,
    Junit,
    Csv,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Text,
        Format::Json,
        Format::Sarif,
        Format::Html,
        Format::Github,
        Format::Gitlab,
        Format::Junit,
        Format::Csv,
    ];

    /// The name users type.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Html => "html",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
            Format::Junit => "junit",
            Format::Csv => "csv",
        }
    }

    /// A usual file name for the format, e.g. for a default output path.
    pub fn default_file_name(self) -> &'static str {
        match self {
            Format::Text => "vigil.txt",
            Format::Json => "vigil.json",
            Format::Sarif => "vigil.sarif",
            Format::Html => "vigil.html",
            Format::Github => "vigil-annotations.txt",
            Format::Gitlab => "gl-sast-report.json",
            Format::Junit => "vigil-junit.xml",
            Format::Csv => "vigil.csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that vigil does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown output format `{0}` (expected one of: text, json, sarif, html, github, gitlab, junit, csv)"
)]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownFormat(wanted.to_string()))
    }
}

/// One requested output: `FORMAT` (to standard output) or `FORMAT=FILE`
/// (`FORMAT=-` is standard output too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputTarget {
    pub format: Format,
    /// `None` for standard output.
    pub path: Option<PathBuf>,
}

impl FromStr for OutputTarget {
    type Err = UnknownFormat;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (format, path) = match text.split_once('=') {
            Some((format, path)) => (format, Some(path)),
            None => (text, None),
        };
        let path = path
            .filter(|p| !p.is_empty() && *p != "-")
            .map(PathBuf::from);
        Ok(OutputTarget {
            format: format.parse()?,
            path,
        })
    }
}

/// Renders `report` in `format`.
pub fn render(format: Format, report: &ScanReport, options: &RenderOptions) -> String {
    match format {
        Format::Text => crate::text::render(report, options.text),
        Format::Json => crate::json::render(report, &options.tool_version),
        Format::Sarif => crate::sarif::render(report, options),
        Format::Html => crate::html::render(report, options),
        Format::Github => crate::github::render(report),
        Format::Gitlab => crate::gitlab::render(report, options),
        Format::Junit => crate::junit::render(report),
        Format::Csv => crate::csv::render(report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_targets() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>().unwrap(), format);
        }
        assert_eq!("SARIF".parse::<Format>().unwrap(), Format::Sarif);
        assert!("pdf".parse::<Format>().is_err());
        let target: OutputTarget = "html=out/report.html".parse().unwrap();
        assert_eq!(target.format, Format::Html);
        assert_eq!(target.path.unwrap(), PathBuf::from("out/report.html"));
        let target: OutputTarget = "github=-".parse().unwrap();
        assert_eq!((target.format, target.path), (Format::Github, None));
    }
}
