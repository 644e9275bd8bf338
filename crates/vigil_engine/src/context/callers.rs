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
use rustc_hash::FxHashSet;
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
            if targets.is_empty() {
                break;
            }
            let wanted: FxHashSet<&str> = targets.iter().map(String::as_str).collect();
            let mut next = Vec::new();
            for path in &candidates {
                if self.found >= super::MAX_CONTEXT_FILES || budget == 0 {
                    return out;
                }
                if self.known.contains(path) || !names_any(path, &wanted, &mut budget) {
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

/// Whether the start of the file at `path` holds the word `import` and
/// one of `names`; what is read is taken from `budget`. One pass over the
/// words, whatever the number of names.
fn names_any(path: &Path, names: &FxHashSet<&str>, budget: &mut u64) -> bool {
    let mut text = Vec::new();
    let limit = MAX_READ.min(*budget);
    let read = std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut text));
    *budget -= text.len() as u64;
    read.is_ok() && holds_words(&text, names)
}

/// Whether `text` holds the word `import` and a word of `names` (words:
/// runs of identifier bytes).
fn holds_words(text: &[u8], names: &FxHashSet<&str>) -> bool {
    let ident = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || *b >= 0x80;
    let (mut import, mut name) = (false, false);
    for word in text.split(|b| !ident(b)).filter(|w| !w.is_empty()) {
        import |= word == b"import";
        name |= std::str::from_utf8(word).is_ok_and(|w| names.contains(w));
        if import && name {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_counts_as_a_whole_word_beside_an_import() {
        let names: FxHashSet<&str> = ["db"].into_iter().collect();
        assert!(holds_words(b"from shop.helpers import db\n", &names));
        assert!(holds_words(b"import x\ny = db", &names));
        assert!(!holds_words(b"import dbm\n", &names));
        assert!(!holds_words(b"import x\ny = old_db\n", &names));
        assert!(!holds_words(b"db = 1\n", &names));
        assert!(!holds_words(b"db = importer()\n", &names));
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
