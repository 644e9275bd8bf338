//! The other direction: modules of the project that call into the files
//! the user named.
//!
//! A pre-commit run that passes only `shop/helpers/db.py` must report what
//! a scan of the project reports there, and what reaches `db.py`'s queries
//! comes from its callers: the views that pass request data in. So the
//! project's other Python files (under the same bases as the forward
//! context, walked with the scan's excludes and ignore files) are read,
//! and those whose text names a named module after an `import` are
//! analysed as context, then their own callers, two rounds deep. A file
//! whose text merely mentions the name costs a read and a parse; the
//! analysis decides what it really calls.
//!
//! Bounded: at most [`MAX_LISTED`] files of the bases are listed, each
//! read up to [`MAX_READ`] bytes and [`MAX_READ_IN_ALL`] in all, and the
//! context files of a scan stay within [`super::MAX_CONTEXT_FILES`]. A scan of a whole project has no
//! bases (every module is scanned already) and does none of this.

use super::ContextFinder;
use crate::discover::{DiscoveredFile, FileKind};
use std::io::Read;
use std::path::{Path, PathBuf};
use vigil_semantic::module_name_for_path;
use vigil_walk::WalkScope;

/// Files of the bases listed when looking for callers, at most.
const MAX_LISTED: usize = 5_000;
/// Bytes of a file read to tell whether it names a module.
const MAX_READ: u64 = 1 << 20;
/// Bytes read in all, at most, looking for callers.
const MAX_READ_IN_ALL: u64 = 64 << 20;
/// Rounds of callers of callers.
const ROUNDS: usize = 2;
/// Module names looked for in one round, at most.
const MAX_TARGETS: usize = 256;

impl ContextFinder {
    /// Files of the project that import a module of `files` (the scanned
    /// ones), and files that import those.
    pub fn callers(&mut self, files: &[DiscoveredFile], scope: &WalkScope) -> Vec<DiscoveredFile> {
        let mut out = Vec::new();
        if self.bases.is_empty() {
            return out;
        }
        let mut targets: Vec<String> = files
            .iter()
            .filter(|f| f.contents.is_none() && f.kind == FileKind::Python)
            .filter_map(|f| last_part(&f.module))
            .collect();
        let candidates = self.listed(scope);
        let mut budget = MAX_READ_IN_ALL;
        for _ in 0..ROUNDS {
            targets.sort_unstable();
            targets.dedup();
            targets.truncate(MAX_TARGETS);
            if targets.is_empty() {
                break;
            }
            let mut next = Vec::new();
            for path in &candidates {
                if self.found >= super::MAX_CONTEXT_FILES || budget == 0 {
                    return out;
                }
                if self.known.contains(path) || !names_any(path, &targets, &mut budget) {
                    continue;
                }
                self.known.insert(path.clone());
                self.found += 1;
                let module = module_name_for_path(path);
                next.extend(last_part(&module));
                out.push(DiscoveredFile {
                    kind: FileKind::Python,
                    module,
                    path: path.clone(),
                    contents: None,
                });
            }
            targets = next;
        }
        out
    }

    /// The Python files of the bases that no scan knows, in walk order.
    fn listed(&self, scope: &WalkScope) -> Vec<PathBuf> {
        let mut listed = Vec::new();
        for base in &self.bases {
            scope.files_while(base, |path| {
                let python = path.extension().is_some_and(|e| e == "py");
                let walked = self.walked.iter().any(|dir| path.starts_with(dir));
                if python && !walked && !self.known.contains(&path) {
                    listed.push(path);
                }
                listed.len() < MAX_LISTED
            });
            if listed.len() >= MAX_LISTED {
                break;
            }
        }
        listed
    }
}

/// The last part of a module's name (`db` for `shop.helpers.db`): what an
/// import of it names, whichever form it takes.
fn last_part((name, _): &(String, bool)) -> Option<String> {
    let last = name.rsplit('.').next()?;
    (!last.is_empty()).then(|| last.to_string())
}

/// Whether the start of the file at `path` holds `import` and one of
/// `names` as a whole word; what is read is taken from `budget`.
fn names_any(path: &Path, names: &[String], budget: &mut u64) -> bool {
    let mut text = Vec::new();
    let limit = MAX_READ.min(*budget);
    let read = std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut text));
    *budget -= text.len() as u64;
    if read.is_err() || memchr::memmem::find(&text, b"import").is_none() {
        return false;
    }
    names.iter().any(|name| has_word(&text, name.as_bytes()))
}

/// Whether `word` occurs in `text` between non-identifier bytes.
fn has_word(text: &[u8], word: &[u8]) -> bool {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    memchr::memmem::find_iter(text, word).any(|at| {
        let before = at.checked_sub(1).map(|i| text[i]);
        let after = text.get(at + word.len()).copied();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_found_between_non_identifier_bytes() {
        assert!(has_word(b"from shop.helpers import db\n", b"db"));
        assert!(has_word(b"db", b"db"));
        assert!(!has_word(b"import dbm\n", b"db"));
        assert!(!has_word(b"x = old_db\n", b"db"));
    }

    #[test]
    fn the_last_part_of_a_module_name() {
        assert_eq!(
            last_part(&("shop.helpers.db".into(), false)),
            Some("db".into())
        );
        assert_eq!(last_part(&("shop".into(), true)), Some("shop".into()));
        assert_eq!(last_part(&(String::new(), false)), None);
    }
}
