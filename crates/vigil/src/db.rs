//! `vigil db import|update|reset|status`: the vulnerability database of
//! `vigil deps`, kept in the user cache (`$VIGIL_CACHE_DIR` or the platform
//! cache directory).

use anyhow::Result;
use std::path::PathBuf;
use vigil_deps::db::{self, cache, update};
use vigil_deps::project::database_file;
use vigil_deps::report::{import_text, reset_text, status_json, status_text};

/// `vigil db ...`: manage the vulnerability database.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum DbCommand {
    /// Import an OSV export: an `all.zip` or a directory of OSV JSON/YAML
    /// records. Broken records are skipped and counted; the advisory counts
    /// before and after are printed.
    Import {
        #[arg(value_name = "FILE_OR_DIR")]
        path: PathBuf,
        /// Replace the imported database even with one holding fewer than
        /// half its advisories (refused otherwise, the current one kept).
        #[arg(long)]
        force: bool,
    },
    /// Download the OSV PyPI export, verify it and import it.
    Update {
        /// Where to download the export from.
        #[arg(long, value_name = "URL", default_value = update::DEFAULT_URL)]
        url: String,
        /// Replace the imported database even with one holding fewer than
        /// half its advisories (refused otherwise, the current one kept).
        #[arg(long)]
        force: bool,
    },
    /// Remove the imported database: audits use the snapshot built into
    /// vigil again.
    Reset,
    /// Show the database in use: source, snapshot date, age and counts.
    Status {
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
        format: StatusFormat,
    },
}

/// Output format of `vigil db status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    Text,
    Json,
}

/// A failed import or update: the database is written only once complete
/// (a temporary file renamed over it), so the one in use is untouched.
fn kept(error: anyhow::Error) -> anyhow::Error {
    anyhow::anyhow!("{error:#}; the current database is kept")
}

/// Runs `vigil db ...`: 0 done, 2 a usage error; an `Err` is an
/// operational failure (unreadable database, failed download, bad import).
pub fn run(command: &DbCommand) -> Result<u8> {
    match command {
        DbCommand::Import { path, force } => {
            if !path.exists() {
                eprintln!("vigil: error: {} does not exist", path.display());
                return Ok(2);
            }
            let summary = db::import_path(path, &cache::database_path()?, *force).map_err(kept)?;
            outln!("{}", import_text(&summary));
        }
        DbCommand::Update { url, force } => {
            eprintln!("downloading {} ...", update::shown_url(url));
            let summary = update::update(url, &cache::database_path()?, *force).map_err(kept)?;
            outln!("{}", import_text(&summary));
        }
        DbCommand::Reset => {
            let summary = db::reset(&cache::database_path()?)?;
            outln!("{}", reset_text(&summary));
        }
        DbCommand::Status { format } => {
            let cache_dir = cache::cache_dir().ok();
            let (meta, location) = db::status(database_file(cache_dir.as_deref()).as_deref())?;
            let today = db::today();
            match format {
                StatusFormat::Text => out!("{}", status_text(&meta, &location, today)),
                StatusFormat::Json => out!("{}", status_json(&meta, &location, today)),
            }
        }
    }
    Ok(0)
}
