//! vigil's on-disk database format: one text file, one advisory per line.
//!
//! ```text
//! vigil-osv-db 2<TAB><advisory lines><TAB><CRC-32 of the body, hex><TAB>{metadata as JSON}
//! jinja2<TAB>{advisory as JSON}
//! django djangorestframework<TAB>{advisory as JSON}
//! ```
//!
//! The header's line count and CRC-32 cover every byte after the header: a
//! truncated, bit-flipped or appended-to file is refused as a whole on load
//! (and the embedded snapshot used), never half-used. Format 1 had neither
//! and stored "medium" for advisories without a severity; it is refused
//! with a request to import again.
//!
//! Each advisory line starts with the normalised names of the packages it
//! affects, so a load for a handful of packages only parses the lines that
//! name them: loading cost grows with the file size at memchr speed, not with
//! JSON parsing of every record. Names are validated PEP 508 names, so they
//! never hold spaces or tabs.

use super::{Advisory, Database, DbMeta, Filter};
use anyhow::{Context, Result, bail};
use std::path::Path;

const MAGIC: &str = "vigil-osv-db";
const FORMAT: u32 = 2;
/// Largest database file read (a full OSV PyPI export is far smaller).
const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Serialises a database in the store format.
pub fn to_bytes(db: &Database) -> Result<Vec<u8>> {
    let mut body = Vec::with_capacity(db.advisories().len() * 512);
    for advisory in db.advisories() {
        let mut names: Vec<&str> = advisory.affected.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        body.extend_from_slice(names.join(" ").as_bytes());
        body.push(b'\t');
        serde_json::to_writer(&mut body, advisory)?;
        body.push(b'\n');
    }
    let mut out = Vec::with_capacity(body.len() + 4096);
    out.extend_from_slice(
        format!(
            "{MAGIC} {FORMAT}\t{}\t{:08x}\t",
            db.advisories().len(),
            crc32fast::hash(&body)
        )
        .as_bytes(),
    );
    serde_json::to_writer(&mut out, &db.meta)?;
    out.push(b'\n');
    out.extend_from_slice(&body);
    Ok(out)
}

/// Writes a database atomically (temporary file, then rename).
pub fn write(path: &Path, db: &Database) -> Result<()> {
    super::cache::write_atomic(path, &to_bytes(db)?)
}

/// Reads only the metadata line of a stored database.
pub fn read_meta(path: &Path) -> Result<DbMeta> {
    use std::io::BufRead;
    let file = open_regular(path)?;
    let mut reader = std::io::BufReader::new(file);
    let mut header = String::new();
    std::io::Read::take(&mut reader, 64 * 1024 * 1024).read_line(&mut header)?;
    Ok(parse_header(&header)?.meta)
}

/// Reads only the metadata line of a stored database held in memory.
pub fn read_meta_bytes(bytes: &[u8]) -> Result<DbMeta> {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    Ok(parse_header(std::str::from_utf8(header).context("header is not UTF-8")?)?.meta)
}

/// Opens a file only when it is a regular one: a FIFO, a device or a
/// directory at the database's path would block a read forever or fail
/// obscurely. The type is checked on the opened handle too (opened without
/// blocking), so a file swapped for a FIFO in between is caught.
fn open_regular(path: &Path) -> Result<std::fs::File> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot open {}", path.display()))?;
    if !meta.is_file() {
        bail!("{} is not a regular file", path.display());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        options.custom_flags(0o4000);
    }
    let file = options
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    if !file.metadata()?.is_file() {
        bail!("{} is not a regular file", path.display());
    }
    Ok(file)
}

/// Reads a stored database, keeping the advisories `filter` asks for.
pub fn read(path: &Path, filter: Filter<'_>) -> Result<Database> {
    use std::io::Read;
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        bail!("{} is too large to be a vigil database", path.display());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    from_bytes(&bytes, filter)
}

/// Parses the store format.
pub fn from_bytes(bytes: &[u8], filter: Filter<'_>) -> Result<Database> {
    let header_end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let header =
        parse_header(std::str::from_utf8(&bytes[..header_end]).context("header is not UTF-8")?)?;
    let meta = header.meta;
    let body = bytes.get(header_end + 1..).unwrap_or_default();
    let lines = memchr::memchr_iter(b'\n', body).count();
    if lines != header.lines || body.last().is_some_and(|&b| b != b'\n') {
        bail!(
            "the database is damaged: its header announces {} advisories, the file holds {lines} \
             (truncated or appended to)",
            header.lines
        );
    }
    if crc32fast::hash(body) != header.crc {
        bail!("the database is damaged: its checksum does not match its content");
    }
    let mut advisories = Vec::new();
    let mut start = 0;
    for (number, end) in memchr::memchr_iter(b'\n', body)
        .chain([body.len()])
        .enumerate()
    {
        let line = &body[start..end];
        start = end + 1;
        if line.is_empty() {
            continue;
        }
        let Some(tab) = memchr::memchr(b'\t', line) else {
            bail!("line {} has no package names", number + 2);
        };
        let (names, json) = (&line[..tab], &line[tab + 1..]);
        let wanted = match filter {
            None => true,
            Some(set) => names
                .split(|&b| b == b' ')
                .any(|name| std::str::from_utf8(name).is_ok_and(|n| set.contains(n))),
        };
        if wanted {
            let advisory: Advisory = serde_json::from_slice(json)
                .with_context(|| format!("line {} is not a valid advisory", number + 2))?;
            advisories.push(advisory);
        }
    }
    Ok(Database::new(meta, advisories))
}

/// The header line: counts, checksum, metadata.
struct Header {
    lines: usize,
    crc: u32,
    meta: DbMeta,
}

fn parse_header(line: &str) -> Result<Header> {
    let line = line.trim_end_matches(['\n', '\r']);
    let Some((magic, rest)) = line.split_once('\t') else {
        bail!("not a vigil database");
    };
    let Some(version) = magic.strip_prefix(MAGIC).map(str::trim) else {
        bail!("not a vigil database");
    };
    if version != FORMAT.to_string() {
        bail!(
            "unsupported database format {version:?} (this vigil reads {FORMAT}); \
             run `vigil db update` or `vigil db import` again"
        );
    }
    let mut parts = rest.splitn(3, '\t');
    let (Some(lines), Some(crc), Some(meta)) = (parts.next(), parts.next(), parts.next()) else {
        bail!("database header is corrupt");
    };
    let lines: usize = lines.parse().context("database header is corrupt")?;
    let crc = u32::from_str_radix(crc, 16).context("database header is corrupt")?;
    let meta = serde_json::from_str(meta).context("database metadata is corrupt")?;
    Ok(Header { lines, crc, meta })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn round_trips_and_filters() {
        let db = Database::embedded(None).unwrap();
        let bytes = to_bytes(&db).unwrap();
        let back = from_bytes(&bytes, None).unwrap();
        assert_eq!(back.meta, db.meta);
        assert_eq!(back.advisories(), db.advisories());
        let names: HashSet<String> = ["django".to_owned()].into();
        let some = from_bytes(&bytes, Some(&names)).unwrap();
        assert_eq!(some.advisories().len(), db.for_package("django").count());
    }

    #[test]
    fn rejects_foreign_and_corrupt_files() {
        assert!(from_bytes(b"hello\n", None).is_err());
        assert!(from_bytes(b"vigil-osv-db 99\t{}\n", None).is_err());
        assert!(from_bytes(b"", None).is_err());
        let db = Database::embedded(None).unwrap();
        let mut bytes = to_bytes(&db).unwrap();
        bytes.extend_from_slice(b"jinja2\t{not json\n");
        assert!(from_bytes(&bytes, None).is_err());
    }

    #[test]
    fn truncated_or_bit_flipped_stores_are_refused_whole() {
        let db = Database::embedded(None).unwrap();
        let bytes = to_bytes(&db).unwrap();
        assert!(from_bytes(&bytes, None).is_ok());
        // Cut at a line end: every remaining line is valid JSON, so only the
        // count in the header tells that advisories are missing.
        let cut = bytes.len() / 2;
        let line_end = cut + bytes[cut..].iter().position(|&b| b == b'\n').unwrap() + 1;
        let err = from_bytes(&bytes[..line_end], None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("damaged"), "{err}");
        // Cut mid-line.
        assert!(from_bytes(&bytes[..cut], None).is_err());
        // One bit flipped inside a JSON string: still valid JSON, wrong data.
        let mut flipped = bytes.clone();
        let at = line_end + 20;
        flipped[at] ^= 0x01;
        let err = from_bytes(&flipped, None).unwrap_err().to_string();
        assert!(err.contains("damaged"), "{err}");
        // Even a filtered load that would not parse the damaged line refuses.
        let names: HashSet<String> = ["jinja2".to_owned()].into();
        assert!(from_bytes(&flipped, Some(&names)).is_err());
    }

    #[test]
    fn format_one_is_refused_with_a_hint() {
        let err = from_bytes(b"vigil-osv-db 1\t{}\n", None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("import"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_at_the_store_path_does_not_hang() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("osv-pypi.vdb");
        let status = std::process::Command::new("mkfifo").arg(&path).status();
        if !status.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        let err = read(&path, None).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        assert!(read_meta(&path).is_err());
        let (db, warning) = Database::load_default(Some(&path), None).unwrap();
        assert!(warning.is_some());
        assert!(db.meta.records > 0);
    }
}
