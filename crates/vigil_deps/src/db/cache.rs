//! Where the imported database lives, and atomic writes into it.
//!
//! The directory is `$VIGIL_CACHE_DIR` when set, else the platform cache
//! directory plus `vigil` (`$XDG_CACHE_HOME/vigil` or `~/.cache/vigil` on
//! Linux, `~/Library/Caches/vigil` on macOS, `%LOCALAPPDATA%\vigil` on
//! Windows).
//!
//! A write goes to a temporary file next to the target, named
//! `.<target name>.<process id>.<random>.partial`, renamed over the target
//! once complete. A run interrupted before the rename (killed, power loss)
//! leaves that file behind; the next write, load or reset removes it when
//! it is stale: its process no longer runs (where `/proc` says so) or it is
//! older than [`STALE_AFTER`]. Only the target's exact name is ever read as
//! the database, so a temporary file is never mistaken for it.

use anyhow::{Context, Result, anyhow};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// File name of the imported database inside the cache directory.
pub const DATABASE_FILE: &str = "osv-pypi.vdb";
/// Suffix of the temporary files of [`write_atomic`].
pub const TEMP_SUFFIX: &str = ".partial";
/// Age past which a temporary file is stale whatever its process.
pub const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// The cache directory (not created).
pub fn cache_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("VIGIL_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::cache_dir()
        .map(|d| d.join("vigil"))
        .ok_or_else(|| anyhow!("no cache directory: set VIGIL_CACHE_DIR or HOME"))
}

/// The path of the imported database.
pub fn database_path() -> Result<PathBuf> {
    Ok(cache_dir()?.join(DATABASE_FILE))
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The start of the names of `path`'s temporary files: `.<name>.`.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

/// The process id a temporary file of `path` names, if `name` is one.
pub fn temporary_of(path: &Path, name: &str) -> Option<Option<u32>> {
    let middle = name
        .strip_prefix(&temp_prefix(path))?
        .strip_suffix(TEMP_SUFFIX)?;
    Some(middle.split('.').next().and_then(|pid| pid.parse().ok()))
}

/// Whether the process `pid` is known to have ended.
fn process_ended(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// Removes the stale temporary files an interrupted write of `path` left in
/// its folder (see the module documentation); returns those removed. A
/// folder that cannot be listed has none to remove.
pub fn remove_stale_temporaries(path: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = temporary_of(path, &name.to_string_lossy()) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if (old || pid.is_some_and(process_ended)) && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed.sort();
    removed
}

/// Writes `bytes` to `path` so that readers see the old file or the new one,
/// never a partial one: a temporary file in the same directory (named as
/// the module documentation says), flushed, then renamed over the target.
/// Stale temporary files of earlier interrupted writes are removed first;
/// this one is removed on any error.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    remove_stale_temporaries(path);
    let prefix = format!("{}{}.", temp_prefix(path), std::process::id());
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    temp.write_all(bytes)
        .with_context(|| format!("cannot write {}", temp.path().display()))?;
    temp.as_file().sync_all()?;
    temp.persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/db.vdb");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1);
    }

    #[test]
    fn temporary_names_are_recognised() {
        let path = Path::new("/c/osv-pypi.vdb");
        assert_eq!(
            temporary_of(path, ".osv-pypi.vdb.123.AbC9.partial"),
            Some(Some(123))
        );
        assert_eq!(temporary_of(path, ".osv-pypi.vdb.x.partial"), Some(None));
        assert_eq!(temporary_of(path, "osv-pypi.vdb"), None);
        assert_eq!(temporary_of(path, ".osv-pypi.vdb.123.AbC9"), None);
        assert_eq!(temporary_of(path, ".other.vdb.1.a.partial"), None);
    }
}
