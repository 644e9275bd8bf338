//! The configuration file as written, and how it is found.

use crate::deps::DepsConfig;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// `[tool.vigil]` / `vigil.toml`, key by key.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Options {
    /// Rules to run: names, Bandit/Ruff codes, categories, or `"ALL"`.
    pub select: Option<Vec<String>>,
    /// Rules to add to the selection.
    pub extend_select: Option<Vec<String>>,
    /// Rules never to run.
    pub ignore: Option<Vec<String>>,
    /// Glob patterns of files and folders not to scan (replace the defaults).
    pub exclude: Option<Vec<String>>,
    /// Glob patterns added to the default excludes.
    pub extend_exclude: Option<Vec<String>>,
    /// Glob pattern -> rules ignored in matching files.
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    /// Lowest severity reported: low, medium, high, critical.
    pub severity: Option<String>,
    /// Lowest confidence reported: low, medium, high.
    pub confidence: Option<String>,
    /// Audit mode: report every risky construct, not only likely bugs.
    pub audit: Option<bool>,
    /// Files larger than this many bytes are skipped with a diagnostic.
    pub max_file_size: Option<u64>,
    /// Glob patterns of test code (secrets and medium/low pattern findings
    /// there are reported in audit mode only).
    pub tests: Option<Vec<String>>,
    /// `[tool.vigil.deps]`, read by the dependency audit.
    pub deps: Option<DepsConfig>,
}

/// A configuration file that was found and read.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub options: Options,
}

impl ConfigFile {
    /// The directory relative patterns in the file are anchored at.
    pub fn root(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// A configuration file that cannot be used.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid configuration in {}: {}",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// Larger configuration files are refused unread (real ones are a few
/// kilobytes; parsing a hostile 150 MB one took gigabytes).
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// A configuration file's text, if it is a regular file of at most
/// [`MAX_CONFIG_SIZE`] bytes (a FIFO or device is refused, not waited on).
fn read_limited(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".to_string());
    }
    if metadata.len() > MAX_CONFIG_SIZE {
        return Err(format!(
            "{} bytes, more than the {MAX_CONFIG_SIZE} a configuration file may have; not read",
            metadata.len()
        ));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_CONFIG_SIZE + 1).read_to_string(&mut text))
        .map_err(|e| e.to_string())?;
    Ok(text)
}

/// `pyproject.toml` (or any file given with `--config`) holding a
/// `[tool.vigil]` table; its other tables are not ours.
#[derive(Deserialize)]
struct Wrapped {
    tool: Option<ToolTable>,
}

#[derive(Deserialize)]
struct ToolTable {
    vigil: Option<Options>,
}

/// Reads the options of one file (`vigil.toml` or `pyproject.toml`, or
/// any TOML file named with `--config`: top-level keys like `vigil.toml`,
/// or a `[tool.vigil]` table like `pyproject.toml`). Returns `Ok(None)` for
/// a `pyproject.toml` without `[tool.vigil]`.
pub fn load_config(path: &Path) -> Result<Option<ConfigFile>, ConfigError> {
    let error = |message: String| ConfigError {
        path: path.to_path_buf(),
        message,
    };
    let text = read_limited(path).map_err(error)?;
    let doc: toml::Table = toml::from_str(&text).map_err(|e| error(describe(&e, &text)))?;
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let has_section = doc.get("tool").and_then(|t| t.get("vigil")).is_some();
    let options = if is_pyproject || has_section {
        let wrapped: Wrapped = toml::from_str(&text)
            .map_err(|e| error(format!("[tool.vigil]: {}", describe(&e, &text))))?;
        let Some(options) = wrapped.tool.and_then(|t| t.vigil) else {
            return Ok(None);
        };
        options
    } else {
        toml::from_str::<Options>(&text).map_err(|e| error(describe(&e, &text)))?
    };
    validate(&options)
        .map_err(|invalid| error(invalid.describe(&text, is_pyproject || has_section)))?;
    Ok(Some(ConfigFile {
        path: path.to_path_buf(),
        options,
    }))
}

/// A TOML error with the line and column it is at (not a byte offset).
fn describe(error: &toml::de::Error, text: &str) -> String {
    let message = error.message().trim_end();
    match error.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            format!("{message} (line {line}, column {column})")
        }
        None => message.to_string(),
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A value the file's syntax allows but vigil does not: the message and
/// the value, to find where it is written.
struct Invalid<'a> {
    message: String,
    value: &'a str,
}

impl Invalid<'_> {
    /// The message with the line and column of the value in `text` (after
    /// the `[tool.vigil]` header when the options sit in that table).
    fn describe(&self, text: &str, in_section: bool) -> String {
        let from = if in_section {
            text.find("[tool.vigil").unwrap_or(0)
        } else {
            0
        };
        let found = ['"', '\'']
            .iter()
            .filter_map(|q| text[from..].find(&format!("{q}{}{q}", self.value)))
            .min();
        match found {
            Some(at) => {
                let (line, column) = line_column(text, from + at);
                format!("{} (line {line}, column {column})", self.message)
            }
            None => self.message.clone(),
        }
    }
}

fn validate(options: &Options) -> Result<(), Invalid<'_>> {
    if let Some(severity) = &options.severity
        && vigil_report::Severity::parse(severity).is_none()
    {
        return Err(Invalid {
            message: format!(
                "`severity` must be one of low, medium, high, critical (got {severity:?})"
            ),
            value: severity,
        });
    }
    if let Some(confidence) = &options.confidence
        && vigil_report::Confidence::parse(confidence).is_none()
    {
        return Err(Invalid {
            message: format!("`confidence` must be one of low, medium, high (got {confidence:?})"),
            value: confidence,
        });
    }
    for pattern in options
        .exclude
        .iter()
        .chain(&options.extend_exclude)
        .chain(&options.tests)
        .flatten()
        .chain(options.per_file_ignores.iter().flat_map(|m| m.keys()))
    {
        globset::Glob::new(pattern).map_err(|e| Invalid {
            message: format!("bad glob pattern {pattern:?}: {e}"),
            value: pattern,
        })?;
    }
    Ok(())
}

/// Looks for configuration from `start` upward: in each directory
/// `vigil.toml`, then `pyproject.toml` with `[tool.vigil]`.
pub fn find_config(start: &Path) -> Result<Option<ConfigFile>, ConfigError> {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if start.is_file() {
        start.parent().map(Path::to_path_buf)
    } else {
        Some(start)
    };
    while let Some(d) = dir {
        for name in ["vigil.toml", "pyproject.toml"] {
            let candidate = d.join(name);
            if candidate.is_file()
                && let Some(config) = load_config(&candidate)?
            {
                return Ok(Some(config));
            }
        }
        dir = d.parent().map(Path::to_path_buf);
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pyproject_section_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pyproject.toml");
        std::fs::write(
            &path,
            "[project]\nname='x'\n[tool.vigil]\nignore = ['weak-hash']\nseverity = 'high'\n[tool.vigil.per-file-ignores]\n'tests/**' = ['B101']\n",
        )
        .unwrap();
        let config = load_config(&path).unwrap().unwrap();
        assert_eq!(config.options.ignore, Some(vec!["weak-hash".to_string()]));
        assert_eq!(config.options.severity.as_deref(), Some("high"));
        assert!(
            config
                .options
                .per_file_ignores
                .unwrap()
                .contains_key("tests/**")
        );
    }

    #[test]
    fn deps_section_is_typed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pyproject.toml");
        std::fs::write(
            &path,
            "[tool.vigil.deps]\nignore = [{ id = 'CVE-2020-1', reason = 'vendored', expires = 2030-01-31 }]\n",
        )
        .unwrap();
        let deps = load_config(&path).unwrap().unwrap().options.deps.unwrap();
        assert_eq!(deps.ignore[0].id, "CVE-2020-1");
        assert_eq!(deps.ignore[0].expires.unwrap().to_string(), "2030-01-31");
        std::fs::write(
            &path,
            "[tool.vigil.deps]\nignore = [{ id = 'X', expires = 'soon' }]\n",
        )
        .unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(err.message.contains("expiry"), "{}", err.message);
    }

    #[test]
    fn pyproject_without_section_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pyproject.toml");
        std::fs::write(&path, "[project]\nname='x'\n").unwrap();
        assert!(load_config(&path).unwrap().is_none());
    }

    #[test]
    fn unknown_keys_are_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vigil.toml");
        std::fs::write(&path, "selekt = ['x']\n").unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(err.message.contains("selekt"), "{}", err.message);
        let path = dir.path().join("pyproject.toml");
        std::fs::write(&path, "[tool.vigil]\nseverity = 'extreme'\n").unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(err.message.contains("severity"), "{}", err.message);
    }

    #[test]
    fn errors_give_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vigil.toml");
        std::fs::write(&path, "audit = true\nselect = ['a']\nselekt = ['x']\n").unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(err.message.contains("line 3, column 1"), "{}", err.message);
        assert!(!err.message.contains("byte"), "{}", err.message);
        let path = dir.path().join("pyproject.toml");
        std::fs::write(
            &path,
            "[project]\nname = 'x'\n\n[tool.vigil]\naudit = 'yes'\n",
        )
        .unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(err.message.contains("line 5, column 9"), "{}", err.message);
        std::fs::write(
            &path,
            "[tool.black]\nexclude = '['\n\n[tool.vigil]\nextend-exclude = ['build', '[']\n",
        )
        .unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(err.message.contains("line 5, column 28"), "{}", err.message);
        std::fs::write(&path, "[tool.vigil\n").unwrap();
        let err = load_config(&path).unwrap_err();
        assert!(err.message.contains("line 1"), "{}", err.message);
    }

    #[test]
    fn any_file_may_hold_a_tool_vigil_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.toml");
        std::fs::write(
            &path,
            "[tool.vigil]\naudit = true\n[tool.black]\nline-length = 99\n",
        )
        .unwrap();
        let config = load_config(&path).unwrap().unwrap();
        assert_eq!(config.options.audit, Some(true));
        std::fs::write(&path, "audit = true\n").unwrap();
        assert_eq!(
            load_config(&path).unwrap().unwrap().options.audit,
            Some(true)
        );
    }

    #[test]
    fn config_is_found_upward_and_vigil_toml_wins() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(
            dir.path().join("pyproject.toml"),
            "[tool.vigil]\naudit = true\n",
        )
        .unwrap();
        let found = find_config(&nested).unwrap().unwrap();
        assert_eq!(found.options.audit, Some(true));
        std::fs::write(dir.path().join("vigil.toml"), "audit = false\n").unwrap();
        let found = find_config(&nested).unwrap().unwrap();
        assert_eq!(found.options.audit, Some(false));
    }
}
