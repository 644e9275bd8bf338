//! The modules of the scanned project and what each one exports.
//!
//! Built after every file's own model exists, it lets a name imported from a
//! project module be followed to what that module itself imported:
//! `myproj.util.run` becomes `subprocess.run` when `myproj/util.py` says
//! `from subprocess import run`.

use rustc_hash::FxHashMap;
use std::path::Path;
use vigil_knowledge::constant::Scalar;

/// How many re-export hops are followed before giving up (cycles end here).
const MAX_REEXPORT_HOPS: usize = 16;

/// What a module-level name of a project module is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Export {
    /// The module imported this name from elsewhere: its qualified target.
    Alias(String),
    /// The module defines it itself (function, class, variable).
    Definition,
}

/// The module-level names of one project module.
pub type ModuleExports = FxHashMap<String, Export>;

/// Every module of the scanned project with its exports.
#[derive(Debug, Default)]
pub struct ModuleGraph {
    modules: FxHashMap<String, ModuleExports>,
    /// `module.NAME` -> the constant a module-level name is bound to once
    /// (`settings.DEBUG = True`), for the rules that judge values.
    constants: FxHashMap<String, Scalar>,
}

impl ModuleGraph {
    pub fn insert(&mut self, module: String, exports: ModuleExports) {
        self.modules.insert(module, exports);
    }

    /// Records the constants of `module`'s module-level names.
    pub fn insert_constants(&mut self, module: &str, constants: Vec<(String, Scalar)>) {
        for (name, value) in constants {
            self.constants.insert(format!("{module}.{name}"), value);
        }
    }

    /// The constant a qualified name (`app.settings.DEBUG`) denotes, also
    /// through re-exports (`from .settings import DEBUG` in a package).
    pub fn constant(&self, qualified: &str) -> Option<&Scalar> {
        if self.constants.is_empty() {
            return None;
        }
        self.constants.get(qualified).or_else(|| {
            self.reexport_target(qualified)
                .and_then(|target| self.constants.get(&target))
        })
    }

    pub fn contains_module(&self, module: &str) -> bool {
        self.modules.contains_key(module)
    }

    pub fn exports(&self, module: &str) -> Option<&ModuleExports> {
        self.modules.get(module)
    }

    pub fn len(&self) -> usize {
        self.modules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.modules.is_empty()
    }

    /// Where `name` leads through re-exports, when it is re-exported: what
    /// [`Self::canonicalize`] returns, without allocating for the other
    /// names (the common case).
    pub fn reexport_target(&self, name: &str) -> Option<String> {
        let mut current = self.step(name).filter(|next| next != name)?;
        for _ in 1..MAX_REEXPORT_HOPS {
            match self.step(&current) {
                Some(next) if next != current => current = next,
                _ => break,
            }
        }
        Some(current)
    }

    /// Follows re-exports: while a prefix of `name` is a project module that
    /// imported the next part from elsewhere, substitute that origin.
    pub fn canonicalize(&self, name: String) -> String {
        self.reexport_target(&name).unwrap_or(name)
    }

    fn step(&self, name: &str) -> Option<String> {
        // Longest module prefix first: `a.b.c` may be module `a.b`, name `c`.
        let mut split = name.len();
        while let Some(dot) = name[..split].rfind('.') {
            let (module, rest) = (&name[..dot], &name[dot + 1..]);
            if let Some(exports) = self.modules.get(module) {
                let (head, tail) = rest
                    .split_once('.')
                    .map_or((rest, None), |(h, t)| (h, Some(t)));
                return match exports.get(head) {
                    Some(Export::Alias(target)) => Some(match tail {
                        Some(tail) => format!("{target}.{tail}"),
                        None => target.clone(),
                    }),
                    _ => None,
                };
            }
            split = dot;
        }
        None
    }
}

/// The dotted module name of a file: its stem, prefixed by every enclosing
/// directory that is a package (holds an `__init__.py`). Returns the name
/// and whether the file is a package `__init__`.
pub fn module_name_for_path(path: &Path) -> (String, bool) {
    module_name_with(path, |dir| dir.join("__init__.py").is_file())
}

/// [`module_name_for_path`], asking `is_package_dir` whether a directory holds
/// an `__init__.py` (a caller naming many files caches the answers).
pub fn module_name_with(
    path: &Path,
    mut is_package_dir: impl FnMut(&Path) -> bool,
) -> (String, bool) {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("module")
        .to_string();
    let is_package = stem == "__init__";
    let mut parts = Vec::new();
    if !is_package {
        parts.push(stem);
    }
    let mut dir = path.parent();
    let mut depth = 0;
    while let Some(d) = dir {
        if depth > 64 || !is_package_dir(d) {
            break;
        }
        match d.file_name().and_then(|s| s.to_str()) {
            Some(name) => parts.push(name.to_string()),
            None => break,
        }
        dir = d.parent();
        depth += 1;
    }
    parts.reverse();
    (parts.join("."), is_package)
}
