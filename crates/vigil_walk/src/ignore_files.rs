//! `.gitignore`, `.ignore` and `.git/info/exclude` rules, matched by the
//! walk itself so that what they leave out can be counted.
//!
//! Each folder's rules apply to the entries below it; a deeper folder's
//! rules win over a shallower one's, and within a folder `.ignore` wins over
//! `.gitignore`, which wins over `.git/info/exclude` (the order of the
//! `ignore` crate, and of ripgrep). The rules of the folders above the walked
//! one apply too, up to the repository's root (the nearest folder with a
//! `.git`). An ignore file larger than [`MAX_IGNORE_FILE`] is not read.

use ignore::Match;
use ignore::gitignore::Gitignore;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Larger ignore files are not read (no real one comes near).
const MAX_IGNORE_FILE: u64 = 1024 * 1024;

/// The rules that apply in a folder, nearest first.
type Chain = Arc<[Arc<Gitignore>]>;

pub(crate) struct IgnoreFiles {
    /// The walked folder as the walk names it, and as an absolute path.
    given: PathBuf,
    absolute: PathBuf,
    chains: Mutex<HashMap<PathBuf, Chain>>,
}

impl IgnoreFiles {
    pub(crate) fn new(dir: &Path) -> Self {
        Self {
            given: dir.to_path_buf(),
            absolute: std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()),
            chains: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the rules leave out `path`, met by the walk below the walked
    /// folder.
    pub(crate) fn ignored(&self, path: &Path, is_dir: bool) -> bool {
        let absolute = self
            .absolute
            .join(path.strip_prefix(&self.given).unwrap_or(path));
        let Some(parent) = absolute.parent() else {
            return false;
        };
        for rules in self.chain(parent).iter() {
            match rules.matched(&absolute, is_dir) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        false
    }

    /// The rules of `dir` and the folders above it, nearest first.
    fn chain(&self, dir: &Path) -> Chain {
        if let Some(chain) = self.lock().get(dir) {
            return Arc::clone(chain);
        }
        let repository_root = dir.join(".git").exists();
        let above = match dir.parent() {
            Some(parent) if !repository_root => self.chain(parent),
            _ => Arc::from(Vec::new()),
        };
        let mut own = Vec::new();
        for name in [".ignore", ".gitignore"] {
            own.extend(read(&dir.join(name)));
        }
        if repository_root {
            own.extend(read(&dir.join(".git/info/exclude")));
        }
        let chain: Chain = if own.is_empty() {
            above
        } else {
            own.iter().cloned().chain(above.iter().cloned()).collect()
        };
        self.lock().insert(dir.to_path_buf(), Arc::clone(&chain));
        chain
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Chain>> {
        self.chains.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The rules of one ignore file, if it is there, readable and not huge.
fn read(path: &Path) -> Option<Arc<Gitignore>> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_IGNORE_FILE {
        return None;
    }
    // The rules relative to the file's folder; a bad line is skipped.
    let (rules, _) = Gitignore::new(path);
    (!rules.is_empty()).then(|| Arc::new(rules))
}
