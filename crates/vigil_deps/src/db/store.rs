//! vigil's on-disk database format: one text file, one advisory per line.
//!
//! ```text
//! vigil-osv-db 1<TAB>{metadata as JSON}
//! jinja2<TAB>{advisory as JSON}
//! django djangorestframework<TAB>{advisory as JSON}
//! ```
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
const FORMAT: u32 = 1;
/// Largest database file read (a full OSV PyPI export is far smaller).
const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Serialises a database in the store format.
pub fn to_bytes(db: &Database) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(db.advisories().len() * 512);
    out.extend_from_slice(format!("{MAGIC} {FORMAT}\t").as_bytes());
    serde_json::to_writer(&mut out, &db.meta)?;
    out.push(b'\n');
    for advisory in db.advisories() {
        let mut names: Vec<&str> = advisory.affected.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        out.extend_from_slice(names.join(" ").as_bytes());
        out.push(b'\t');
        serde_json::to_writer(&mut out, advisory)?;
        out.push(b'\n');
    }
    Ok(out)
}

/// Writes a database atomically (temporary file, then rename).
pub fn write(path: &Path, db: &Database) -> Result<()> {
    super::cache::write_atomic(path, &to_bytes(db)?)
}

/// Reads only the metadata line of a stored database.
pub fn read_meta(path: &Path) -> Result<DbMeta> {
    use std::io::BufRead;
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader = std::io::BufReader::new(file);
    let mut header = String::new();
    std::io::Read::take(&mut reader, 64 * 1024 * 1024).read_line(&mut header)?;
    parse_header(&header)
}

/// Reads only the metadata line of a stored database held in memory.
pub fn read_meta_bytes(bytes: &[u8]) -> Result<DbMeta> {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    parse_header(std::str::from_utf8(header).context("header is not UTF-8")?)
}

/// Reads a stored database, keeping the advisories `filter` asks for.
pub fn read(path: &Path, filter: Filter<'_>) -> Result<Database> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot open {}", path.display()))?
        .len();
    if size > MAX_FILE_BYTES {
        bail!("{} is too large to be a vigil database", path.display());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    from_bytes(&bytes, filter)
}

/// Parses the store format.
pub fn from_bytes(bytes: &[u8], filter: Filter<'_>) -> Result<Database> {
    let header_end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let meta =
        parse_header(std::str::from_utf8(&bytes[..header_end]).context("header is not UTF-8")?)?;
    let body = bytes.get(header_end + 1..).unwrap_or_default();
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

fn parse_header(line: &str) -> Result<DbMeta> {
    let line = line.trim_end_matches(['\n', '\r']);
    let Some((magic, meta)) = line.split_once('\t') else {
        bail!("not a vigil database");
    };
    let Some(version) = magic.strip_prefix(MAGIC).map(str::trim) else {
        bail!("not a vigil database");
    };
    if version != FORMAT.to_string() {
        bail!("unsupported database format {version:?} (this vigil reads {FORMAT})");
    }
    serde_json::from_str(meta).context("database metadata is corrupt")
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
}
