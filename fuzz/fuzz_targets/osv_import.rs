//! Arbitrary bytes → the OSV readers and the database of vigil_deps: a
//! record (JSON or YAML) or an archive, read into a database as
//! `vigil db import` reads it; the database written in the store format and
//! read back (which must give the same database); its advisories matched
//! against versions and ranges; and the store reader on its own.
//!
//! The first byte chooses the input (modulo 5): 0 a JSON record, 1 a YAML
//! record (each packed into a zip archive, as in an OSV export), 2 a zip
//! archive, 3 a stored database as is, 4 a stored database whose header
//! (line count and checksum) the target writes: the first line is the
//! metadata JSON, the rest the advisory lines.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pep440_rs::Version;
use std::io::Write;
use std::str::FromStr;
use vigil_deps::Database;
use vigil_deps::db::{DbOrigin, store};
use vigil_deps::manifest::Requirement;
use vigil_deps::matching::{PackageAdvisories, fixed_versions};
use vigil_deps::osv::{OsvRecord, record_severity};

fn zip_of(name: &str, content: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file(name, options).expect("zip entry");
    writer.write_all(content).expect("zip write");
    writer.finish().expect("zip finish");
    out.into_inner()
}

fn from_zip(bytes: &[u8]) -> Option<Database> {
    let origin = DbOrigin::Import {
        path: "fuzz.zip".to_owned(),
    };
    Database::from_osv_zip(bytes, origin, None)
        .ok()
        .map(|(db, _)| db)
}

/// What vigil writes, vigil reads back the same.
fn round_trip(db: &Database) {
    let bytes = store::to_bytes(db).expect("a database serialises");
    let back = store::from_bytes(&bytes, None).expect("a stored database reads back");
    assert_eq!(back.meta, db.meta);
    assert_eq!(back.advisories(), db.advisories());
}

/// Every advisory against the versions it names and a few others.
fn exercise(db: &Database) {
    let Requirement::Range { allowed: any, .. } = Requirement::any() else {
        unreachable!()
    };
    let mut names: Vec<&str> = db
        .advisories()
        .iter()
        .flat_map(|a| a.affected.iter().map(|p| p.name.as_str()))
        .collect();
    names.sort_unstable();
    names.dedup();
    for name in names.into_iter().take(16) {
        let package = PackageAdvisories::new(db, name);
        let mut versions: Vec<Version> = ["0", "1.0", "2.0.0rc1", "99999"]
            .iter()
            .filter_map(|v| Version::from_str(v).ok())
            .collect();
        for entry in &package.entries {
            for affected in &entry.advisory.affected {
                versions.extend(
                    fixed_versions(affected)
                        .iter()
                        .chain(&affected.versions)
                        .take(8)
                        .filter_map(|v| Version::from_str(v).ok()),
                );
            }
        }
        for version in versions.iter().take(32) {
            std::hint::black_box(package.affecting_version(version));
            std::hint::black_box(package.clearing_upgrade(version));
        }
        std::hint::black_box(package.affecting_range(&any));
        std::hint::black_box(package.clearing_lower_bound(&any));
    }
}

fn fixed_header(data: &[u8]) -> Vec<u8> {
    let (meta, body) = match data.iter().position(|&b| b == b'\n') {
        Some(end) => (&data[..end], &data[end + 1..]),
        None => (data, &[][..]),
    };
    let mut body = body.to_vec();
    if body.last().is_some_and(|&b| b != b'\n') {
        body.push(b'\n');
    }
    let lines = body.iter().filter(|&&b| b == b'\n').count();
    let mut out = format!("vigil-osv-db 2\t{lines}\t{:08x}\t", crc32fast_hash(&body)).into_bytes();
    out.extend_from_slice(meta);
    out.push(b'\n');
    out.extend_from_slice(&body);
    out
}

/// CRC-32 (IEEE), as the store's header holds it.
fn crc32fast_hash(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let db = match selector % 5 {
        0 => {
            if let Ok(record) = OsvRecord::from_json(input) {
                std::hint::black_box(record_severity(&record));
            }
            from_zip(&zip_of("record.json", input))
        }
        1 => {
            if let Ok(text) = std::str::from_utf8(input)
                && let Ok(record) = OsvRecord::from_yaml(text)
            {
                std::hint::black_box(record_severity(&record));
            }
            from_zip(&zip_of("record.yaml", input))
        }
        2 => from_zip(input),
        3 => store::from_bytes(input, None).ok(),
        _ => store::from_bytes(&fixed_header(input), None).ok(),
    };
    if let Some(db) = db {
        round_trip(&db);
        exercise(&db);
    }
});
