//! Modules of the project that the scanned files use but the user did not
//! name: read for what they tell the scanned files (summaries, re-exports,
//! constants), never reported on.
//!
//! A pre-commit run passes only the changed files, and `vigil check
//! pkg/app.py` names one file; their calls into `pkg.db` must mean what
//! they mean in a scan of the whole project. So after the first pass, the
//! modules the scanned files import or call are looked up beside the
//! packages the scanned files belong to (the folder above each file's top
//! package: where Python itself would find them), read and analysed, and
//! the same again for the modules those use, a few rounds deep.
//!
//! Folders the user named are scanned as configured: a module the walk
//! left out of them (an exclude, an ignore file) is not read as context.
//!
//! The modules that call into the named files are read too
//! ([`callers`]): what reaches a helper comes from its callers.
//!
//! Bounded: at most [`MAX_CONTEXT_FILES`] files over [`MAX_ROUNDS`] rounds,
//! each looked up under at most [`MAX_BASES`] folders. A context file that
//! cannot be read is left out: it was not asked for, and the files that
//! were are still checked.

mod callers;

use crate::analyze::FileOutcome;
use crate::discover::{DiscoveredFile, FileKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use vigil_semantic::module_name_for_path;

/// Context files read in one scan, at most.
const MAX_CONTEXT_FILES: usize = 2_000;
/// Rounds of "the modules those modules use".
pub(crate) const MAX_ROUNDS: usize = 3;
/// Folders modules are looked up under, at most.
const MAX_BASES: usize = 64;
/// Dotted names longer than this are no module path anyone writes.
const MAX_NAME_PARTS: usize = 12;

/// What a dotted name is under the bases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// A package (`__init__.py`): names below it may be modules too.
    Package,
    /// A module file: names below it are its attributes.
    Module,
    /// Nothing: names below it are nothing either.
    Missing,
}

/// Where the modules of the scanned files are looked up, and which files
/// are known already.
pub(crate) struct ContextFinder {
    bases: Vec<PathBuf>,
    /// The names in each base (folders and `*.py` stems): most names a
    /// file uses (`os`, `flask`) are in none, and are dismissed without a
    /// system call.
    tops: Vec<FxHashSet<String>>,
    known: FxHashSet<PathBuf>,
    /// The folders the user named: what the walk left out of them (an
    /// exclude, an ignore file) stays out, context included.
    walked: Vec<PathBuf>,
    /// What each dotted prefix looked up so far is.
    seen: FxHashMap<String, Found>,
    found: usize,
}

impl ContextFinder {
    /// A finder for the files of a scan of `paths` (Python files only
    /// give bases).
    pub fn new(paths: &[PathBuf], files: &[DiscoveredFile]) -> Self {
        let walked: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| std::path::absolute(p).ok())
            .collect();
        // Archive members are not on disk: their archive holds their
        // modules, all of them scanned.
        let on_disk = || {
            files
                .iter()
                .filter(|f| f.contents.is_none())
                .filter_map(|f| Some((f, std::path::absolute(&f.path).ok()?)))
        };
        // A base inside a folder the user named holds nothing to read (the
        // walk saw all of it): a scan of a whole project does no more work.
        let mut bases: Vec<PathBuf> = Vec::new();
        for (file, absolute) in on_disk() {
            if bases.len() == MAX_BASES {
                break;
            }
            if matches!(file.kind, FileKind::Python | FileKind::Stub)
                && let Some(base) = base_of(&absolute, &file.module)
                && !walked.iter().any(|dir| base.starts_with(dir))
                && !bases.contains(&base)
            {
                bases.push(base);
            }
        }
        let known = if bases.is_empty() {
            FxHashSet::default()
        } else {
            on_disk().map(|(_, absolute)| absolute).collect()
        };
        let tops = bases.iter().map(|base| top_names(base)).collect();
        ContextFinder {
            bases,
            tops,
            known,
            walked,
            seen: FxHashMap::default(),
            found: 0,
        }
    }

    /// Files of modules that `outcomes` use and no scanned or context file
    /// is, in a stable order.
    pub fn needed(&mut self, outcomes: &[FileOutcome]) -> Vec<DiscoveredFile> {
        let mut out = Vec::new();
        if self.bases.is_empty() {
            return out;
        }
        let mut names: Vec<&str> = outcomes.iter().flat_map(used_names).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            // `a`, then `a.b`, ... while each is a package: a module's
            // attributes and a missing name's children are no modules.
            for module in prefixes(name) {
                let found = match self.seen.get(module) {
                    Some(&found) => found,
                    None if self.found >= MAX_CONTEXT_FILES => return out,
                    None => {
                        let found = self.locate(module, &mut out);
                        self.seen.insert(module.to_string(), found);
                        found
                    }
                };
                if found != Found::Package {
                    break;
                }
            }
        }
        out
    }

    /// What `module` is under the first base that has it; a file no scan
    /// or earlier round knows goes to `out`.
    fn locate(&mut self, module: &str, out: &mut Vec<DiscoveredFile>) -> Found {
        let relative: PathBuf = module.split('.').collect();
        let top = module.split('.').next().unwrap_or(module);
        for (base, tops) in self.bases.iter().zip(&self.tops) {
            if !tops.contains(top) {
                continue;
            }
            let stem = base.join(&relative);
            let candidates = [
                (stem.join("__init__.py"), Found::Package),
                (stem.with_extension("py"), Found::Module),
            ];
            for (candidate, kind) in candidates {
                if self.known.contains(&candidate) {
                    return kind;
                }
                if self.walked.iter().any(|dir| candidate.starts_with(dir)) {
                    // Left out by the walk on purpose.
                    return Found::Missing;
                }
                if candidate.is_file() {
                    self.known.insert(candidate.clone());
                    self.found += 1;
                    out.push(DiscoveredFile {
                        kind: FileKind::Python,
                        module: module_name_for_path(&candidate),
                        path: candidate,
                        contents: None,
                    });
                    return kind;
                }
            }
            // A namespace package (PEP 420): a folder without `__init__`.
            if stem.is_dir() {
                return Found::Package;
            }
        }
        Found::Missing
    }
}

/// Entries of a base folder read, at most: a base is a project's folder.
const MAX_TOP_ENTRIES: usize = 10_000;

/// The names of `base`'s folders and `*.py` files (stems).
fn top_names(base: &Path) -> FxHashSet<String> {
    let Ok(entries) = std::fs::read_dir(base) else {
        return FxHashSet::default();
    };
    entries
        .take(MAX_TOP_ENTRIES)
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".py").unwrap_or(&name);
            Some(stem.to_string())
        })
        .collect()
}

/// The folder above a file's top package: `/p/shop/db.py` named `shop.db`
/// gives `/p`.
fn base_of(absolute: &Path, module: &(String, bool)) -> Option<PathBuf> {
    let (name, is_init) = module;
    let depth = name.split('.').count() + usize::from(*is_init);
    let mut base = absolute;
    for _ in 0..depth {
        base = base.parent()?;
    }
    Some(base.to_path_buf())
}

/// Every dotted prefix of `name` that may be a module (`a.b.c` gives `a`,
/// `a.b`, `a.b.c`), for names of a sane length made of identifiers.
fn prefixes(name: &str) -> impl Iterator<Item = &str> {
    let sane = name.split('.').count() <= MAX_NAME_PARTS
        && name.split('.').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
        });
    let ends = name
        .match_indices('.')
        .map(|(i, _)| i)
        .chain(std::iter::once(name.len()));
    ends.filter(move |_| sane).map(move |end| &name[..end])
}

/// The qualified names a file's analysis used: its calls, the names its
/// module imports, and the other modules' functions its dataflow asked
/// about.
fn used_names(outcome: &FileOutcome) -> impl Iterator<Item = &str> {
    let aliases = outcome
        .module
        .iter()
        .flat_map(|(_, exports)| exports.values())
        .filter_map(|export| match export {
            vigil_semantic::Export::Alias(target) => Some(target.as_str()),
            vigil_semantic::Export::Definition => None,
        });
    let dataflow = outcome.taint.iter().flat_map(|t| {
        t.exports
            .calls
            .iter()
            .map(|c| c.callee.as_str())
            .chain(t.consulted.iter().map(String::as_str))
            .chain(t.relevant.iter().map(String::as_str))
    });
    let imports = outcome
        .metrics
        .iter()
        .flat_map(|m| m.imports.iter().map(|(module, _)| module.as_str()));
    outcome
        .callees
        .iter()
        .map(String::as_str)
        .chain(aliases)
        .chain(dataflow)
        .chain(imports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_of_a_dotted_name() {
        let all: Vec<&str> = prefixes("shop.db.find_user").collect();
        assert_eq!(all, vec!["shop", "shop.db", "shop.db.find_user"]);
        assert_eq!(prefixes("a..b").count(), 0);
        assert_eq!(prefixes("../../etc/passwd").count(), 0);
        let long = vec!["m"; 40].join(".");
        assert_eq!(prefixes(&long).count(), 0);
    }

    #[test]
    fn the_base_is_above_the_top_package() {
        let module = ("shop.db".to_string(), false);
        assert_eq!(
            base_of(Path::new("/p/shop/db.py"), &module),
            Some(PathBuf::from("/p"))
        );
        let init = ("shop".to_string(), true);
        assert_eq!(
            base_of(Path::new("/p/shop/__init__.py"), &init),
            Some(PathBuf::from("/p"))
        );
    }
}
