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
    /// Names a module is also imported by through folders without an
    /// `__init__.py` (PEP 420 namespace packages): `helpers.db` for
    /// `helpers/db.py`, whose own name stops at the first such folder.
    /// `None` marks a name two modules claim.
    aliases: FxHashMap<String, Option<String>>,
}

impl ModuleGraph {
    pub fn insert(&mut self, module: String, exports: ModuleExports) {
        self.modules.insert(module, exports);
    }

    /// Records that `alias` (a name through namespace packages) names
    /// `module`. A name that is a module of its own, or that two modules
    /// claim, names neither.
    pub fn insert_alias(&mut self, alias: String, module: &str) {
        if alias == module {
            return;
        }
        self.aliases
            .entry(alias)
            .and_modify(|known| {
                if known.as_deref() != Some(module) {
                    *known = None;
                }
            })
            .or_insert_with(|| Some(module.to_string()));
    }

    /// The module an alias names, when one module claims it.
    fn alias(&self, name: &str) -> Option<&str> {
        if self.modules.contains_key(name) {
            return None;
        }
        self.aliases.get(name)?.as_deref()
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
            if let Some(target) = self.alias(module) {
                return Some(format!("{target}.{rest}"));
            }
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

/// Files whose presence makes a folder a project's root: its name is part
/// of no module name.
const PROJECT_MARKERS: &[&str] = &["pyproject.toml", "setup.py", "setup.cfg", ".git"];

/// How many folders without an `__init__.py` a name may go through.
const MAX_NAMESPACE_LEVELS: usize = 3;

/// The prefixes namespace packages add to a module name: for a module
/// whose name stops at folder `dir` (the first enclosing folder without an
/// `__init__.py`), `["helpers", "app.helpers"]` when `dir` is `app/helpers`,
/// up to the project's root (a folder with `pyproject.toml`, `setup.py`,
/// `setup.cfg` or `.git`, which is never part of a name) and to folders
/// whose names are identifiers.
pub fn namespace_prefixes(dir: &Path, is_root: impl Fn(&Path) -> bool) -> Vec<String> {
    let mut prefixes = Vec::new();
    let mut current = String::new();
    let mut dir = Some(dir);
    while let Some(d) = dir {
        if prefixes.len() == MAX_NAMESPACE_LEVELS || is_root(d) {
            break;
        }
        let Some(name) = d.file_name().and_then(|n| n.to_str()) else {
            break;
        };
        if !is_identifier(name) {
            break;
        }
        current = if current.is_empty() {
            name.to_string()
        } else {
            format!("{name}.{current}")
        };
        prefixes.push(current.clone());
        dir = d.parent();
    }
    prefixes
}

/// Whether a folder is a project's root by its marker files.
pub fn is_project_root(dir: &Path) -> bool {
    PROJECT_MARKERS.iter().any(|m| dir.join(m).exists())
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
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
