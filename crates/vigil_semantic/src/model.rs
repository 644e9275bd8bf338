//! The semantic model of one module and its name resolution.

use crate::binding::{Binding, BindingId, BindingKind};
use crate::builder::Builder;
use crate::builtins::is_builtin;
use crate::module_graph::ModuleGraph;
use crate::scope::{Scope, ScopeId, ScopeKind};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use vigil_python::ast::visitor::Visitor;
use vigil_python::ast::{self as ast, Expr, ModModule};
use vigil_python::{Ranged, TextRange, TextSize};

/// How many alias hops resolution follows (`a = b; b = c; ...`).
const MAX_ALIAS_HOPS: usize = 16;
/// Longer dotted names are not resolved: no model or rule names one, and
/// every analysis resolving each prefix of a hostile attribute chain (900
/// names of 1,000 bytes) would build and keep text in the square of its
/// length (a 900 KB file took 586 MB).
pub const MAX_QUALIFIED_NAME: usize = 1024;

/// Scopes and bindings of one module, and the questions rules ask of them.
#[derive(Debug)]
pub struct SemanticModel<'a> {
    /// Dotted name of this module (`pkg.sub.mod`).
    pub module_name: String,
    /// Whether this file is a package's `__init__`.
    pub is_package: bool,
    /// Whether this file is an sdist's in-tree build backend (named by its
    /// `pyproject.toml`'s `build-backend` under `backend-path`): pip runs
    /// it to build the package, as it runs `setup.py`.
    pub build_backend: bool,
    pub(crate) scopes: Vec<Scope<'a>>,
    pub(crate) bindings: Vec<Binding<'a>>,
    pub(crate) scope_by_node: FxHashMap<TextSize, ScopeId>,
    graph: Option<&'a ModuleGraph>,
    /// Modules named by import statements, as written but made absolute
    /// (`None` level for absolute imports, `Some(level)` for relative ones).
    pub(crate) import_statements: Vec<(String, u32)>,
    /// Branch points (`if`, loops, `except`, boolean operators, ...), for
    /// cyclomatic complexity.
    pub(crate) decision_points: u32,
    /// Ranges of bare string statements (docstrings), in source order.
    pub(crate) docstrings: Vec<TextRange>,
}

impl<'a> SemanticModel<'a> {
    /// Walks `module` once and records its scopes and bindings.
    pub fn build(module: &'a ModModule, module_name: &str, is_package: bool) -> Self {
        // Sized from the source (about one binding per 50 bytes and one
        // scope per kilobyte in real code) rather than grown by copies.
        let size = module.range.len().to_usize();
        let mut scopes = Vec::with_capacity(size / 1024 + 1);
        scopes.push(Scope::new(ScopeKind::Module, None, None));
        let mut model = SemanticModel {
            module_name: module_name.to_string(),
            is_package,
            build_backend: false,
            scopes,
            bindings: Vec::with_capacity(size / 50),
            scope_by_node: FxHashMap::with_capacity_and_hasher(size / 1024, Default::default()),
            graph: None,
            import_statements: Vec::new(),
            decision_points: 0,
            docstrings: Vec::new(),
        };
        let mut builder = Builder::new(&mut model);
        builder.visit_body(&module.body);
        model.docstrings.sort_unstable_by_key(|r| r.start());
        model
    }

    /// Ranges of the bare string statements (docstrings and other strings
    /// that no code uses), in source order: prose, not code.
    pub fn docstrings(&self) -> &[TextRange] {
        &self.docstrings
    }

    /// Every module an import statement names (absolute), with its
    /// relative level (0 for absolute imports).
    pub fn import_statements(&self) -> &[(String, u32)] {
        &self.import_statements
    }

    /// Number of functions and lambdas defined in the module.
    pub fn function_count(&self) -> usize {
        self.scopes
            .iter()
            .filter(|s| matches!(s.kind, ScopeKind::Function))
            .count()
    }

    /// Cyclomatic complexity of the whole file: one per function and one for
    /// the module body, plus one per branch point.
    pub fn cyclomatic_complexity(&self) -> usize {
        self.function_count() + 1 + self.decision_points as usize
    }

    /// Lets resolution follow re-exports through the scanned project's modules.
    pub fn with_graph(mut self, graph: &'a ModuleGraph) -> Self {
        self.graph = Some(graph);
        self
    }

    /// The module graph, in the second phase of a scan.
    pub fn graph(&self) -> Option<&'a ModuleGraph> {
        self.graph
    }

    pub fn scope(&self, id: ScopeId) -> &Scope<'a> {
        &self.scopes[id.0 as usize]
    }

    pub fn binding(&self, id: BindingId) -> &Binding<'a> {
        &self.bindings[id.0 as usize]
    }

    /// The value `binding` assigns (`x = value`), if it is an assignment.
    pub fn assigned_value(&self, binding: &Binding<'a>) -> Option<&'a Expr> {
        match binding.kind {
            BindingKind::Assignment { value } => value,
            _ => None,
        }
    }

    /// What made the object `binding` assigns: for `app = Flask(__name__)`,
    /// the callee's qualified name (`flask.Flask`).
    pub fn maker(&self, binding: &Binding<'a>) -> Option<String> {
        let Expr::Call(call) = self.assigned_value(binding)? else {
            return None;
        };
        self.resolve_qualified_name(&call.func, binding.scope)
    }

    /// The value `binding` assigns, when it is the only binding of its
    /// name in its scope (so the name always holds that value there).
    pub fn single_assigned_value(&self, binding: &Binding<'a>) -> Option<&'a Expr> {
        let value = self.assigned_value(binding)?;
        let count = self
            .scope(binding.scope)
            .bindings
            .get(binding.name)
            .map_or(0, |ids| ids.len());
        (count == 1).then_some(value)
    }

    /// The values every binding of `binding`'s name in its scope assigns,
    /// when each is an assignment (at most `limit` of them): the values the
    /// name may hold there, whichever branch ran (`shell = "bash" if x
    /// else "sh"`, or one assignment per branch of an `if`).
    pub fn all_assigned_values(
        &self,
        binding: &Binding<'a>,
        limit: usize,
    ) -> Option<Vec<&'a Expr>> {
        let ids = self.scope(binding.scope).bindings.get(binding.name)?;
        if ids.len() > limit {
            return None;
        }
        ids.iter()
            .map(|id| self.assigned_value(self.binding(*id)))
            .collect()
    }

    pub fn bindings(&self) -> &[Binding<'a>] {
        &self.bindings
    }

    /// The scope created by a function, class, lambda or comprehension node.
    pub fn scope_of_node(&self, node: &impl Ranged) -> Option<ScopeId> {
        self.scope_by_node.get(&node.start()).copied()
    }

    /// The module-level names that other modules can import, with what each
    /// one is (used to build the [`ModuleGraph`]).
    pub fn module_bindings(&self) -> impl Iterator<Item = &Binding<'a>> {
        self.scopes[0]
            .bindings
            .values()
            .filter_map(|ids| ids.last())
            .map(|id| self.binding(*id))
    }

    /// Every module this file imports (absolute dotted names, relative
    /// imports resolved), for the module graph.
    pub fn imported_names(&self) -> impl Iterator<Item = &str> {
        self.bindings
            .iter()
            .filter_map(|b| match &b.kind {
                BindingKind::Import { module } => Some(module.as_str()),
                BindingKind::FromImport { qualified } => Some(qualified.as_str()),
                _ => None,
            })
            .chain(
                self.scopes
                    .iter()
                    .flat_map(|s| s.star_imports.iter().map(|(m, _)| m.as_str())),
            )
    }

    pub(crate) fn nearest_non_comprehension(&self, mut scope: ScopeId) -> ScopeId {
        while self.scope(scope).kind == ScopeKind::Comprehension {
            match self.scope(scope).parent {
                Some(parent) => scope = parent,
                None => break,
            }
        }
        scope
    }

    /// For `nonlocal name`: the nearest enclosing function scope binding it.
    pub(crate) fn enclosing_binding_scope(&self, scope: ScopeId, name: &str) -> Option<ScopeId> {
        let mut current = self.scope(scope).parent;
        while let Some(id) = current {
            let s = self.scope(id);
            if s.kind == ScopeKind::Function && s.bindings.contains_key(name) {
                return Some(id);
            }
            current = s.parent;
        }
        None
    }

    /// Turns a `from ..x import y` module part into an absolute module name.
    pub(crate) fn absolute_module(&self, module: Option<&str>, level: u32) -> Option<String> {
        if level == 0 {
            return module.map(str::to_string);
        }
        let mut parts: Vec<&str> = self.module_name.split('.').collect();
        if !self.is_package {
            parts.pop();
        }
        for _ in 1..level {
            parts.pop()?;
        }
        let mut base = parts.join(".");
        if let Some(module) = module {
            if !base.is_empty() {
                base.push('.');
            }
            base.push_str(module);
        }
        Some(base)
    }

    /// The binding that `name`, read at `offset` in `scope`, refers to.
    pub fn lookup(&self, name: &str, scope: ScopeId, offset: TextSize) -> Option<&Binding<'a>> {
        let mut current = Some(scope);
        let mut first = true;
        while let Some(id) = current {
            let s = self.scope(id);
            let skip_class = !first && s.kind == ScopeKind::Class;
            if first && s.globals.contains(name) {
                return self.lookup_in(ScopeId::MODULE, name, offset);
            }
            if !skip_class && let Some(binding) = self.lookup_in(id, name, offset) {
                return Some(binding);
            }
            first = false;
            current = s.parent;
        }
        None
    }

    fn lookup_in(&self, scope: ScopeId, name: &str, offset: TextSize) -> Option<&Binding<'a>> {
        let ids = self.scope(scope).bindings.get(name)?;
        // The last binding made before the read; a read before any binding
        // (a function body reading a later module-level name) sees the last.
        let before = ids
            .iter()
            .rev()
            .find(|id| self.binding(**id).range.start() <= offset);
        let id = before.or(ids.last())?;
        Some(self.binding(*id))
    }

    /// Whether `name` at `offset` in `scope` is bound by the scanned code
    /// (and so does not mean the builtin of that name).
    pub fn is_shadowed(&self, name: &str, scope: ScopeId, offset: TextSize) -> bool {
        self.lookup(name, scope, offset).is_some()
    }

    /// The fully qualified name an expression denotes, such as
    /// `subprocess.Popen` for `sp.Popen` after `import subprocess as sp`, or
    /// `builtins.eval` for an unshadowed `eval`. Names bound by the scanned
    /// code resolve to `<module>.<name>`; parameters and other values with
    /// no known origin resolve to `None`.
    pub fn resolve_qualified_name(&self, expr: &Expr, scope: ScopeId) -> Option<String> {
        let name = self.resolve_local(expr, scope, 0)?;
        Some(match self.graph {
            Some(graph) => graph.canonicalize(name),
            None => name,
        })
    }

    /// The qualified name as the file's own imports give it, before the
    /// module graph follows the project's re-exports: `os.path.split`
    /// where, in a scan of the standard library, the graph says
    /// `ntpath.split`.
    pub fn resolve_imported_name(&self, expr: &Expr, scope: ScopeId) -> Option<String> {
        self.resolve_local(expr, scope, 0)
    }

    fn resolve_local(&self, expr: &Expr, scope: ScopeId, hops: usize) -> Option<String> {
        if hops > MAX_ALIAS_HOPS {
            return None;
        }
        match expr {
            Expr::Name(_) | Expr::Attribute(_) => {
                // The attributes down to the root name or call, innermost
                // last; the dotted name is then built with one allocation.
                let mut attributes: smallvec::SmallVec<[&str; 8]> = smallvec::SmallVec::new();
                let mut length = 0;
                let mut root = expr;
                while let Expr::Attribute(attribute) = root {
                    attributes.push(attribute.attr.id.as_str());
                    length += attribute.attr.id.len() + 1;
                    if length > MAX_QUALIFIED_NAME {
                        return None;
                    }
                    root = &attribute.value;
                }
                let base = match root {
                    Expr::Name(name) => {
                        self.resolve_name(name.id.as_str(), scope, name.range.start(), hops)?
                    }
                    _ => Cow::Owned(self.resolve_local(root, scope, hops)?),
                };
                if base.len() + length > MAX_QUALIFIED_NAME {
                    return None;
                }
                if attributes.is_empty() {
                    return Some(base.into_owned());
                }
                let mut name = String::with_capacity(base.len() + length);
                name.push_str(&base);
                for attribute in attributes.iter().rev() {
                    name.push('.');
                    name.push_str(attribute);
                }
                Some(name)
            }
            Expr::Call(call) => self.resolve_dynamic_import(call, scope, hops),
            _ => None,
        }
    }

    fn resolve_name(
        &self,
        name: &str,
        scope: ScopeId,
        offset: TextSize,
        hops: usize,
    ) -> Option<Cow<'_, str>> {
        match self.lookup(name, scope, offset) {
            Some(binding) => self.binding_target(binding, hops),
            None => self.unbound_name(name, offset).map(Cow::Owned),
        }
    }

    /// What a binding denotes: imports are borrowed from the model.
    fn binding_target<'s>(&'s self, binding: &'s Binding<'a>, hops: usize) -> Option<Cow<'s, str>> {
        match &binding.kind {
            BindingKind::Import { module } => Some(Cow::Borrowed(module)),
            BindingKind::FromImport { qualified } => Some(Cow::Borrowed(qualified)),
            BindingKind::FunctionDef(_) | BindingKind::ClassDef(_) => {
                Some(Cow::Owned(self.definition_name(binding)))
            }
            BindingKind::Assignment { value: Some(value) } => match value {
                Expr::Name(_) | Expr::Attribute(_) | Expr::Call(_) => self
                    .resolve_local(value, binding.scope, hops + 1)
                    .map(Cow::Owned),
                _ => None,
            },
            _ => None,
        }
    }

    /// `pkg.mod.name` for a module-level definition, `pkg.mod.outer.name`
    /// for a nested one.
    fn definition_name(&self, binding: &Binding<'a>) -> String {
        // The enclosing definitions' names, innermost first (few: inline).
        let mut enclosing: smallvec::SmallVec<[&str; 4]> = smallvec::SmallVec::new();
        let mut current = Some(binding.scope);
        while let Some(id) = current {
            let s = self.scope(id);
            if let Some(name) = s.name {
                enclosing.push(name);
            }
            current = s.parent;
        }
        let parts = std::iter::once(self.module_name.as_str())
            .filter(|m| !m.is_empty())
            .chain(enclosing.iter().rev().copied())
            .chain(std::iter::once(binding.name));
        let mut out = String::with_capacity(64);
        for (i, part) in parts.enumerate() {
            if i > 0 {
                out.push('.');
            }
            out.push_str(part);
        }
        out
    }

    fn unbound_name(&self, name: &str, offset: TextSize) -> Option<String> {
        if is_builtin(name) {
            return Some(["builtins.", name].concat());
        }
        let star = self.scopes[0]
            .star_imports
            .iter()
            .rev()
            .find(|(_, at)| TextSize::from(*at) <= offset)
            .or(self.scopes[0].star_imports.last())?;
        Some([star.0.as_str(), ".", name].concat())
    }

    /// `importlib.import_module("os")` and `__import__("os")` denote module `os`.
    fn resolve_dynamic_import(
        &self,
        call: &ast::ExprCall,
        scope: ScopeId,
        hops: usize,
    ) -> Option<String> {
        // The module's name must be a literal: checked before resolving
        // the callee, which most calls in attribute chains are not.
        let module = call.arguments.find_argument_value("name", 0)?;
        let Expr::StringLiteral(literal) = module else {
            return None;
        };
        let func = self.resolve_local(&call.func, scope, hops)?;
        let module = literal.value.to_str();
        match func.as_str() {
            "importlib.import_module" => {
                if module.starts_with('.') {
                    let package = call.arguments.find_argument_value("package", 1)?;
                    let Expr::StringLiteral(package) = package else {
                        return None;
                    };
                    let level = module.len() - module.trim_start_matches('.').len();
                    let mut parts: Vec<&str> = package.value.to_str().split('.').collect();
                    for _ in 1..level {
                        parts.pop()?;
                    }
                    let rest = module.trim_start_matches('.');
                    Some(if rest.is_empty() {
                        parts.join(".")
                    } else {
                        format!("{}.{rest}", parts.join("."))
                    })
                } else {
                    Some(module.to_string())
                }
            }
            "builtins.__import__" => {
                let has_fromlist = call
                    .arguments
                    .find_argument_value("fromlist", 3)
                    .is_some_and(|f| !matches!(f, Expr::NoneLiteral(_)) && !is_empty_sequence(f));
                if has_fromlist {
                    Some(module.to_string())
                } else {
                    module.split('.').next().map(str::to_string)
                }
            }
            _ => None,
        }
    }
}

fn is_empty_sequence(expr: &Expr) -> bool {
    match expr {
        Expr::List(list) => list.elts.is_empty(),
        Expr::Tuple(tuple) => tuple.elts.is_empty(),
        _ => false,
    }
}
