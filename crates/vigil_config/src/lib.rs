//! Configuration: options as the user writes them, settings as the scanner
//! uses them.
//!
//! [`find_config`] looks upward from the scanned path for `vigil.toml` (top
//! level keys) or a `pyproject.toml` with a `[tool.vigil]` table; the first
//! directory that has either wins, `vigil.toml` before `pyproject.toml`.
//! [`Options`] is the file's content, checked strictly: an unknown key or a
//! value of the wrong type is an error that names the key. [`Settings`]
//! compiles the options (globs, thresholds) once for the scan;
//! [`DepsConfig`] types `[tool.vigil.deps]` for the dependency audit.

mod deps;
mod options;
mod settings;

pub use deps::{DepsConfig, IgnoreEntry};
pub use options::{ConfigError, ConfigFile, Options, find_config, load_config};
pub use settings::{DEFAULT_EXCLUDES, PathMatcher, Settings};
