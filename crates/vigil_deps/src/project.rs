//! Auditing a project: the library entry point behind `vigil deps` and
//! `vigil check --deps`.
//!
//! [`audit_project`] gathers the manifests under the given paths (walked
//! like `vigil check` walks, see [`vigil_walk`]), of an installed
//! environment and of the packages `vigil check` audits, loads the database (an explicit OSV export, the imported
//! one, or the embedded snapshot), applies the ignores and audits. Rendering
//! is the caller's: [`crate::report::to_findings`] turns the result into
//! `vigil_report` findings for the shared writers.

use crate::audit::{AuditOptions, AuditReport, audit, package_names};
use crate::db::{self, Database, cache};
use crate::manifest::{self, DeclaredRequirements, Manifests, TargetEnvironment};
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use vigil_config::IgnoreEntry;
use vigil_walk::WalkScope;

/// What to audit, and against what.
#[derive(Debug, Clone)]
pub struct DepsOptions {
    /// Files or directories to audit; empty with no `env`: the current
    /// directory.
    pub paths: Vec<PathBuf>,
    /// An installed environment (a virtualenv or a site-packages folder).
    pub env: Option<PathBuf>,
    /// What packages being audited declare they need (their metadata's
    /// `Requires-Dist`), audited with the files.
    pub declared: Vec<DeclaredRequirements>,
    /// An OSV export (zip, directory or record file) to audit against
    /// instead of the imported database or the embedded snapshot.
    pub db: Option<PathBuf>,
    /// The Python the project runs on; `None`: any Python 3.
    pub python_version: Option<TargetEnvironment>,
    /// Advisories not to report (configuration, then command line).
    pub ignores: Vec<IgnoreEntry>,
    /// What directory walks leave out.
    pub scope: WalkScope,
    /// The cache directory holding the imported database (`None`: none).
    pub cache_dir: Option<PathBuf>,
    /// Today (UTC), for ignore expiry and database age.
    pub today: Date,
}

impl DepsOptions {
    /// Options for auditing `paths` within `scope`, with the user's cache
    /// directory and today's date.
    pub fn new(paths: Vec<PathBuf>, scope: WalkScope) -> Self {
        Self {
            paths,
            env: None,
            declared: Vec::new(),
            db: None,
            python_version: None,
            ignores: Vec::new(),
            scope,
            cache_dir: cache::cache_dir().ok(),
            today: db::today(),
        }
    }

    /// Where the imported database is (or would be).
    pub fn database_file(&self) -> Option<PathBuf> {
        database_file(self.cache_dir.as_deref())
    }
}

/// The imported database's file inside a cache directory.
pub fn database_file(cache_dir: Option<&Path>) -> Option<PathBuf> {
    cache_dir.map(|d| d.join(cache::DATABASE_FILE))
}

/// Why an audit could not run.
#[derive(Debug, thiserror::Error)]
pub enum DepsError {
    /// The request is wrong (a usage error): missing path, nothing to
    /// audit, not an environment.
    #[error("{0}")]
    Usage(String),
    /// Reading the database failed.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// An audit and the warnings met on the way (unreadable imported
/// database, expired ignores).
#[derive(Debug, Clone)]
pub struct Audited {
    pub report: AuditReport,
    pub warnings: Vec<String>,
}

/// Discovers the manifests, loads the database and audits.
pub fn audit_project(options: &DepsOptions) -> Result<Audited, DepsError> {
    let manifests = gather(options).map_err(DepsError::Usage)?;
    let names = package_names(&manifests);
    let (database, warning) = match &options.db {
        Some(path) => (Database::from_osv_path(path, Some(&names))?.0, None),
        None => Database::load_default(options.database_file().as_deref(), Some(&names))?,
    };
    let mut warnings: Vec<String> = warning.into_iter().collect();
    let audit_options = AuditOptions {
        ignores: options.ignores.clone(),
        today: options.today,
    };
    let report = audit(&manifests, &database, &audit_options);
    for expired in &report.expired_ignores {
        let date = expired.expires.map(|d| d.to_string()).unwrap_or_default();
        warnings.push(format!(
            "the ignore for {} expired on {date} and no longer applies",
            expired.id
        ));
    }
    Ok(Audited { report, warnings })
}

/// Reads every manifest the options name; the error is a usage error.
fn gather(options: &DepsOptions) -> Result<Manifests, String> {
    let mut all = Manifests::default();
    let default_path = [PathBuf::from(".")];
    let nothing_named =
        options.paths.is_empty() && options.env.is_none() && options.declared.is_empty();
    let paths: &[PathBuf] = if nothing_named {
        &default_path
    } else {
        &options.paths
    };
    let target = options.python_version.clone().unwrap_or_default();
    for path in paths {
        let found = manifest::collect_for(path, &options.scope, &target)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        all.extend(found);
    }
    // uv workspace members audited alone: their root's lock, upward.
    let mut locks = manifest::workspace_locks(&all);
    target.apply(&mut locks);
    all.extend(locks);
    for declared in &options.declared {
        let mut found = manifest::package_metadata(declared);
        target.apply(&mut found);
        all.extend(found);
    }
    if let Some(env) = &options.env {
        if !env.is_dir() {
            return Err(format!("{} is not a directory", env.display()));
        }
        all.extend(manifest::collect_environment(env)?);
    }
    if all.files.is_empty() && all.dependencies.is_empty() && all.not_checked.is_empty() {
        let searched: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(format!(
            "no dependency files found in {} (looked for requirements*.txt, pyproject.toml, \
             Pipfile, setup.cfg, setup.py, poetry.lock, uv.lock, Pipfile.lock, pylock.toml \
             and scripts with inline metadata)",
            searched.join(", ")
        ));
    }
    all.normalize();
    Ok(all)
}
