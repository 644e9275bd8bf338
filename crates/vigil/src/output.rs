//! Writing reports and baselines: a file is written to a temporary file in
//! its own directory and renamed over the target, so that a reader (or a
//! crash, or a full disk) never sees half a report; every write error, on a
//! file or on standard output (a full disk, a closed pipe), is an error
//! (exit 2), never a silent success.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

/// Writes `text` to `path` atomically; a path that exists and is not a
/// regular file (`/dev/stdout`, a pipe, `/dev/full`) is written in place.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    let shown = vigil_report::path_text(path);
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file());
    if special {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)
            .with_context(|| format!("cannot write {shown}"))?;
        return file
            .write_all(text.as_bytes())
            .and_then(|()| file.flush())
            .with_context(|| format!("cannot write {shown}"));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let temp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("cannot write {shown}"));
    }
    Ok(())
}

/// Writes `text` to standard output; an error (a closed pipe, a full
/// disk) is returned, not ignored.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}
