//! Readers for OSV exports: a zip archive (`all.zip` from OSV.dev), a
//! directory tree of `.json` / `.yaml` records (a clone of the PyPA advisory
//! database), or a single record file.
//!
//! Records are handed to a callback one at a time, so a large export is never
//! held in memory twice. Entries that cannot be read or parsed are counted
//! in [`ReadStats`] and skipped (intact in the archive but not valid OSV);
//! an archive whose container is damaged (CRC or decompression error in any
//! entry) is an error as a whole.

use super::record::OsvRecord;
use anyhow::{Context, Result, bail};
use std::io::Read;
use std::path::Path;

/// Largest record accepted, uncompressed.
const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;
/// Most bytes inflated from one archive before giving up (zip bombs).
const MAX_TOTAL_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Most entries read from one archive or directory.
const MAX_ENTRIES: usize = 2_000_000;
/// Deepest directory level searched for records.
const MAX_DEPTH: usize = 16;
/// How many broken entries are kept by name for the report.
const MAX_EXAMPLES: usize = 10;

/// What a read found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Record files seen (`.json`, `.yaml`, `.yml`).
    pub entries: usize,
    /// Records parsed and handed over.
    pub parsed: usize,
    /// Records that could not be read or parsed.
    pub broken: usize,
    /// The first few broken entries: name and reason.
    pub broken_examples: Vec<String>,
}

impl ReadStats {
    fn broken(&mut self, name: &str, reason: impl std::fmt::Display) {
        self.broken += 1;
        if self.broken_examples.len() < MAX_EXAMPLES {
            let reason = reason.to_string();
            let reason: String = reason.chars().take(200).collect();
            self.broken_examples.push(format!("{name}: {reason}"));
        }
    }

    fn parse(&mut self, name: &str, bytes: &[u8], on_record: &mut dyn FnMut(OsvRecord)) {
        self.entries += 1;
        match parse_record(name, bytes) {
            Ok(record) => {
                self.parsed += 1;
                on_record(record);
            }
            Err(reason) => self.broken(name, reason),
        }
    }
}

/// Whether a file name looks like an OSV record.
fn is_record_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".json") || lower.ends_with(".yaml") || lower.ends_with(".yml")
}

fn parse_record(name: &str, bytes: &[u8]) -> Result<OsvRecord, String> {
    if name.to_ascii_lowercase().ends_with(".json") {
        OsvRecord::from_json(bytes)
    } else {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        OsvRecord::from_yaml(text)
    }
}

/// Reads every record of a zip archive held in memory.
pub fn read_zip(bytes: &[u8], mut on_record: impl FnMut(OsvRecord)) -> Result<ReadStats> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).context("not a valid zip archive")?;
    let mut stats = ReadStats::default();
    let mut total: u64 = 0;
    let mut buffer = Vec::new();
    for index in 0..archive.len().min(MAX_ENTRIES) {
        // A damaged container (bad header, CRC mismatch, broken deflate
        // stream) is an error of the whole archive: an import must not
        // replace a working database with what survived the damage.
        let mut entry = archive
            .by_index(index)
            .with_context(|| format!("damaged archive: entry #{index}"))?;
        let name = entry
            .name()
            .with_context(|| format!("damaged archive: entry #{index}"))?
            .into_owned();
        if entry.is_dir() || !is_record_name(&name) {
            continue;
        }
        if entry.size() > MAX_RECORD_BYTES {
            stats.entries += 1;
            stats.broken(&name, "record too large");
            continue;
        }
        buffer.clear();
        let read = (&mut entry)
            .take(MAX_RECORD_BYTES + 1)
            .read_to_end(&mut buffer);
        total += buffer.len() as u64;
        if total > MAX_TOTAL_BYTES {
            bail!("archive inflates to more than {MAX_TOTAL_BYTES} bytes; refusing to read on");
        }
        match read {
            Ok(_) if buffer.len() as u64 > MAX_RECORD_BYTES => {
                stats.entries += 1;
                stats.broken(&name, "record too large");
            }
            Ok(_) => stats.parse(&name, &buffer, &mut on_record),
            Err(err) => bail!("damaged archive: {name}: {err}"),
        }
    }
    Ok(stats)
}

/// Reads every record file under a directory (hidden directories skipped,
/// symbolic links not followed).
pub fn read_dir(root: &Path, mut on_record: impl FnMut(OsvRecord)) -> Result<ReadStats> {
    let mut stats = ReadStats::default();
    let mut stack = vec![(root.to_path_buf(), 0usize)];
    let mut files = Vec::new();
    while let Some((dir, depth)) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?;
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name().to_string_lossy().into_owned();
            if kind.is_dir() && depth < MAX_DEPTH && !name.starts_with('.') {
                stack.push((entry.path(), depth + 1));
            } else if kind.is_file() && is_record_name(&name) && files.len() < MAX_ENTRIES {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    for path in files {
        let label = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        match read_limited(&path) {
            Ok(bytes) => stats.parse(&label, &bytes, &mut on_record),
            Err(err) => {
                stats.entries += 1;
                stats.broken(&label, err);
            }
        }
    }
    Ok(stats)
}

/// Reads a zip archive, a directory, or one record file.
pub fn read_path(path: &Path, on_record: impl FnMut(OsvRecord)) -> Result<ReadStats> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        return read_dir(path, on_record);
    }
    let name = path.display().to_string();
    if is_record_name(&name) {
        let mut on_record = on_record;
        let mut stats = ReadStats::default();
        match read_limited(path) {
            Ok(bytes) => stats.parse(&name, &bytes, &mut on_record),
            Err(err) => {
                stats.entries += 1;
                stats.broken(&name, err);
            }
        }
        return Ok(stats);
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    read_zip(&bytes, on_record).with_context(|| format!("reading {}", path.display()))
}

fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_RECORD_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        bail!("record too large");
    }
    Ok(bytes)
}
