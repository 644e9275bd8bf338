//! The semantic model: what a name in the scanned code refers to.
//!
//! [`SemanticModel::build`] walks a parsed module once and records every
//! scope (module, class, function, lambda, comprehension) with the bindings
//! made in it: imports of every form, definitions, assignments, parameters,
//! loop and `with` targets, `global`/`nonlocal` declarations. Rules then ask
//! [`SemanticModel::resolve_qualified_name`] what an expression such as
//! `sp.Popen` or `loads` denotes (`subprocess.Popen`, `pickle.loads`) —
//! whatever alias, from-import, function-local import, relative import,
//! `importlib.import_module("literal")` or re-export brought it in — and a
//! name that the code itself defines (a local `def eval`) resolves to that
//! definition, never to the builtin.
//!
//! Across files, [`ModuleGraph`] holds what each module of the scanned
//! project exports, so that `from myproj.util import run` resolves to
//! `subprocess.run` when `myproj/util.py` re-exports it.

mod binding;
mod builder;
mod builtins;
mod model;
mod module_graph;
mod scope;
mod stdlib;

pub use binding::{Binding, BindingId, BindingKind};
pub use builtins::is_builtin;
pub use model::{MAX_QUALIFIED_NAME, SemanticModel};
pub use module_graph::{
    Export, ModuleExports, ModuleGraph, is_project_root, module_name_for_path, module_name_with,
    namespace_prefixes,
};
pub use scope::{Scope, ScopeId, ScopeKind};
pub use stdlib::is_stdlib_module;
