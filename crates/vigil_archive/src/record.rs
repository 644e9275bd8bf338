//! A wheel's `RECORD`: each file of the wheel with its SHA-256 and size,
//! written when the wheel was built. A file whose bytes differ from its
//! entry, a file the entry list leaves out, an entry without a file, or a
//! wheel without `RECORD` at all is a wheel changed after it was built:
//! installers do not all check these hashes, and a hand-edited wheel (a
//! payload added to a copy of a popular package) often leaves them stale.
//!
//! The reader hashes every regular member of a wheel as it decompresses it
//! (within the archive's limits); [`check`] compares those digests with
//! the entries. Cost is linear in the wheel: one hash per byte, one table
//! lookup per entry and per member.

use base64::Engine as _;
use rustc_hash::{FxHashMap, FxHashSet};

/// Problems reported per wheel: a hostile `RECORD` of a million entries
/// naming no file must not become a million findings. The rest are
/// counted in a note.
pub(crate) const MAX_PROBLEMS: usize = 100;

/// Keeps the first [`MAX_PROBLEMS`] problems; the note to add about the
/// rest (their count), if any.
pub(crate) fn cap(problems: &mut Vec<RecordProblem>) -> Option<String> {
    let more = problems
        .len()
        .checked_sub(MAX_PROBLEMS)
        .filter(|&n| n > 0)?;
    problems.truncate(MAX_PROBLEMS);
    Some(format!(
        "{more} more disagreements between the files and RECORD, not reported one by one"
    ))
}

/// The SHA-256 and size of one member, as read.
#[derive(Debug, Clone)]
pub(crate) struct Digest {
    pub name: String,
    pub sha256: [u8; 32],
    pub size: u64,
}

/// Computes a file's digest as it is read, in pieces; `None` when it
/// cannot be read or is larger than `max` bytes.
pub(crate) fn digest_file(name: &str, path: &std::path::Path, max: u64) -> Option<Digest> {
    use sha2::Digest as _;
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = sha2::Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buffer).ok()?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > max {
            return None;
        }
        hasher.update(&buffer[..n]);
    }
    Some(Digest {
        name: name.to_string(),
        sha256: hasher.finalize().into(),
        size,
    })
}

/// Computes a member's digest.
pub(crate) fn digest(name: &str, bytes: &[u8]) -> Digest {
    use sha2::Digest as _;
    Digest {
        name: name.to_string(),
        sha256: sha2::Sha256::digest(bytes).into(),
        size: bytes.len() as u64,
    }
}

/// What is wrong between a wheel's files and its `RECORD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordIssue {
    /// The file's SHA-256 is not the one its entry lists.
    HashDiffers,
    /// The file's size is not the one its entry lists (same hash cannot
    /// happen; a size alone is checked when the entry has no hash).
    SizeDiffers,
    /// A file of the wheel that `RECORD` does not list.
    NotListed,
    /// An entry without a hash for a file that needs one.
    NoHash,
    /// An entry naming no file of the wheel.
    Missing,
    /// The wheel has no `*.dist-info/RECORD`.
    NoRecord,
}

/// One problem: the member it concerns (the `RECORD` member for
/// [`RecordIssue::NoRecord`], empty then) and the entry's line in `RECORD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    pub member: String,
    /// 1-based line of the entry in `RECORD`, when there is one.
    pub line: Option<u32>,
    /// Characters of that line (0 without an entry).
    pub width: u32,
    pub issue: RecordIssue,
    /// The `RECORD` member's name (where entries are).
    pub record: String,
}

/// Whose `RECORD` is checked: a wheel's, or an installed distribution's,
/// which also lists the byte code Python compiled at install (without
/// hashes, rewritten whenever Python recompiles it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordOf {
    Wheel,
    Installed,
}

/// Members that `RECORD` lists without a hash by design.
fn unhashed_by_design(name: &str, record: &str, of: RecordOf) -> bool {
    name == record
        || name
            .strip_prefix(record)
            .is_some_and(|rest| rest == ".jws" || rest == ".p7s")
        || (of == RecordOf::Installed && name.ends_with(".pyc"))
}

/// The `RECORD` of a wheel among its top-level names: `X.dist-info/RECORD`.
pub(crate) fn is_record_name(name: &str) -> bool {
    name.strip_suffix("/RECORD")
        .is_some_and(|dir| dir.ends_with(".dist-info") && !dir.contains('/'))
}

/// Compares a wheel's member digests with its `RECORD` text (`None` when
/// the wheel has none). Problems come in `RECORD` order, then the members
/// it does not list in archive order.
pub(crate) fn check(
    record: Option<(&str, &[u8])>,
    digests: &[Digest],
    unread: &[String],
    of: RecordOf,
) -> Vec<RecordProblem> {
    let Some((record_name, text)) = record else {
        return vec![RecordProblem {
            member: String::new(),
            line: None,
            width: 0,
            issue: RecordIssue::NoRecord,
            record: String::new(),
        }];
    };
    let text = String::from_utf8_lossy(text);
    let by_name: FxHashMap<&str, &Digest> = digests.iter().map(|d| (d.name.as_str(), d)).collect();
    let unread: FxHashSet<&str> = unread.iter().map(String::as_str).collect();
    let mut listed: FxHashSet<&str> = FxHashSet::default();
    let mut problems = Vec::new();
    let problem = |member: &str, line: usize, text: &str, issue| RecordProblem {
        member: member.to_string(),
        line: Some(line as u32 + 1),
        width: text.trim_end_matches('\r').chars().count() as u32,
        issue,
        record: record_name.to_string(),
    };
    for (i, line) in text.lines().enumerate() {
        let fields = csv_fields(line);
        let Some(path) = fields.first().map(|p| p.trim_start_matches("./")) else {
            continue;
        };
        if path.is_empty() {
            continue;
        }
        let Some(digest) = by_name.get(path) else {
            // A member too large to read was noted where it was met.
            if !unread.contains(path) && !unhashed_by_design(path, record_name, of) {
                problems.push(problem(path, i, line, RecordIssue::Missing));
            }
            continue;
        };
        listed.insert(digest.name.as_str());
        let hash = fields.get(1).map(String::as_str).unwrap_or("");
        let size = fields.get(2).and_then(|s| s.trim().parse::<u64>().ok());
        match hash.split_once('=') {
            Some(("sha256", encoded)) => {
                let matches = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(encoded.trim().trim_end_matches('='))
                    .is_ok_and(|bytes| bytes == digest.sha256);
                if !matches {
                    problems.push(problem(path, i, line, RecordIssue::HashDiffers));
                } else if size.is_some_and(|s| s != digest.size) {
                    problems.push(problem(path, i, line, RecordIssue::SizeDiffers));
                }
            }
            // Another algorithm (the format allows stronger ones): the
            // size is still checked.
            Some(_) => {
                if size.is_some_and(|s| s != digest.size) {
                    problems.push(problem(path, i, line, RecordIssue::SizeDiffers));
                }
            }
            None if unhashed_by_design(path, record_name, of) => {}
            None => problems.push(problem(path, i, line, RecordIssue::NoHash)),
        }
    }
    for d in digests {
        if !listed.contains(d.name.as_str()) && !unhashed_by_design(&d.name, record_name, of) {
            problems.push(RecordProblem {
                member: d.name.clone(),
                line: None,
                width: 0,
                issue: RecordIssue::NotListed,
                record: record_name.to_string(),
            });
        }
    }
    problems
}

/// The fields of one CSV line (`,`-separated, `"`-quoted with `""` inside).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, bytes: &[u8]) -> String {
        let d = digest(name, bytes);
        let hash = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(d.sha256);
        format!("{name},sha256={hash},{}\n", bytes.len())
    }

    #[test]
    fn a_wheel_matching_its_record_has_no_problem() {
        let digests = [digest("pkg/__init__.py", b"x = 1\n")];
        let record = format!(
            "{}\"pkg-1.0.dist-info/RECORD\",,\n",
            entry("pkg/__init__.py", b"x = 1\n")
        );
        let problems = check(
            Some(("pkg-1.0.dist-info/RECORD", record.as_bytes())),
            &digests,
            &[],
            RecordOf::Wheel,
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn changed_unlisted_missing_and_unhashed_files_are_problems() {
        let digests = [
            digest("pkg/__init__.py", b"import os; os.system('x')\n"),
            digest("pkg/extra.py", b"payload\n"),
            digest("pkg/data.txt", b"data\n"),
        ];
        let record = format!(
            "{}pkg/gone.py,sha256=AAAA,3\npkg/data.txt,,\npkg-1.0.dist-info/RECORD,,\n",
            entry("pkg/__init__.py", b"x = 1\n")
        );
        let problems = check(
            Some(("pkg-1.0.dist-info/RECORD", record.as_bytes())),
            &digests,
            &[],
            RecordOf::Wheel,
        );
        let got: Vec<(&str, Option<u32>, &RecordIssue)> = problems
            .iter()
            .map(|p| (p.member.as_str(), p.line, &p.issue))
            .collect();
        assert_eq!(
            got,
            [
                ("pkg/__init__.py", Some(1), &RecordIssue::HashDiffers),
                ("pkg/gone.py", Some(2), &RecordIssue::Missing),
                ("pkg/data.txt", Some(3), &RecordIssue::NoHash),
                ("pkg/extra.py", None, &RecordIssue::NotListed),
            ]
        );
        assert_eq!(
            check(None, &digests, &[], RecordOf::Wheel)[0].issue,
            RecordIssue::NoRecord
        );
    }

    #[test]
    fn a_hostile_record_costs_linear_time() {
        // 200,000 entries naming no file, and as many unread members: with
        // a list lookup per entry this took minutes.
        let record: String = (0..200_000)
            .map(|i| format!("x/{i}.py,sha256=AA,1\n"))
            .collect();
        let unread: Vec<String> = (0..200_000).map(|i| format!("y/{i}.py")).collect();
        let problems = check(
            Some(("p-1.dist-info/RECORD", record.as_bytes())),
            &[],
            &unread,
            RecordOf::Wheel,
        );
        assert_eq!(problems.len(), 200_000);
    }

    #[test]
    fn quoted_fields_and_record_names() {
        assert_eq!(csv_fields("\"a,b\",\"x\"\"y\",3"), ["a,b", "x\"y", "3"]);
        assert!(is_record_name("pkg-1.0.dist-info/RECORD"));
        assert!(!is_record_name("pkg/RECORD"));
        assert!(!is_record_name("a/pkg-1.0.dist-info/RECORD"));
    }
}
