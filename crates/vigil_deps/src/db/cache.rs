//! Where the imported database lives, and atomic writes into it.
//!
//! The directory is `$VIGIL_CACHE_DIR` when set, else the platform cache
//! directory plus `vigil` (`$XDG_CACHE_HOME/vigil` or `~/.cache/vigil` on
//! Linux, `~/Library/Caches/vigil` on macOS, `%LOCALAPPDATA%\vigil` on
//! Windows).

use anyhow::{Context, Result, anyhow};
use std::io::Write;
use std::path::{Path, PathBuf};

/// File name of the imported database inside the cache directory.
pub const DATABASE_FILE: &str = "osv-pypi.vdb";

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

/// Writes `bytes` to `path` so that readers see the old file or the new one,
/// never a partial one: a temporary file in the same directory, flushed, then
/// renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    temp.write_all(bytes)?;
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
}
