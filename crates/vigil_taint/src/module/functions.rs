//! The functions and classes of a module, found by one walk over its
//! statements (lambdas are added when the analysis meets them).

use crate::intern::{Interner, Sym};
use rustc_hash::FxHashMap;
use vigil_python::ast::{self as ast, Expr, Stmt};
use vigil_python::{TextRange, TextSize};
use vigil_semantic::{MAX_QUALIFIED_NAME, ScopeId, SemanticModel};

const RED_ZONE: usize = 256 * 1024;
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// How a parameter is passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    PositionalOnly,
    Normal,
    KeywordOnly,
    VarArgs,
    KwArgs,
}

#[derive(Debug, Clone)]
pub struct ParamInfo<'a> {
    pub name: &'a str,
    pub sym: Sym,
    pub kind: ParamKind,
    pub annotation: Option<&'a Expr>,
    pub default: Option<&'a Expr>,
    pub range: vigil_python::TextRange,
}

/// What a method receives first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    /// A plain function (or a static method).
    Function,
    /// An instance method: the first parameter is the instance.
    Instance,
    /// A class method: the first parameter is the class.
    Class,
}

/// The body of a function-like unit.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    Module(&'a [Stmt]),
    Def(&'a ast::StmtFunctionDef),
    Lambda(&'a ast::ExprLambda),
}

#[derive(Debug)]
pub struct FnInfo<'a> {
    pub body: Body<'a>,
    /// `pkg.mod.Class.method`; the module body is `pkg.mod`.
    pub qualified: String,
    pub name: &'a str,
    pub scope: ScopeId,
    pub params: Vec<ParamInfo<'a>>,
    /// The class this is a method of (qualified name).
    pub class: Option<Sym>,
    pub method: MethodKind,
    /// The enclosing function, for nested functions and lambdas.
    pub parent: Option<u32>,
}

impl FnInfo<'_> {
    pub fn range_start(&self) -> TextSize {
        match self.body {
            Body::Module(_) => TextSize::default(),
            Body::Def(def) => def.range.start(),
            Body::Lambda(lambda) => lambda.range.start(),
        }
    }
}

/// A class of this module.
#[derive(Debug, Default)]
pub struct ClassInfo {
    /// Base classes, qualified.
    pub bases: Vec<Sym>,
    /// Method name -> function index.
    pub methods: FxHashMap<Sym, u32>,
    /// Annotated attributes in order (data classes, named tuples).
    pub fields: Vec<Sym>,
}

/// Collects the functions (module body first) and classes of a module.
pub struct Collector<'m, 'a> {
    semantic: &'m SemanticModel<'a>,
    names: &'m mut Interner,
    pub funcs: Vec<FnInfo<'a>>,
    pub classes: FxHashMap<Sym, ClassInfo>,
    pub class_nodes: Vec<(Sym, &'a ast::StmtClassDef)>,
}

impl<'m, 'a> Collector<'m, 'a> {
    pub fn new(semantic: &'m SemanticModel<'a>, names: &'m mut Interner) -> Self {
        Self {
            semantic,
            names,
            funcs: Vec::new(),
            classes: FxHashMap::default(),
            class_nodes: Vec::new(),
        }
    }

    pub fn collect(mut self, body: &'a [Stmt]) -> Self {
        self.funcs.push(FnInfo {
            body: Body::Module(body),
            qualified: self.semantic.module_name.clone(),
            name: "<module>",
            scope: ScopeId::MODULE,
            params: Vec::new(),
            class: None,
            method: MethodKind::Function,
            parent: None,
        });
        let prefix = self.semantic.module_name.clone();
        self.walk(body, &prefix, None, None, ScopeId::MODULE);
        self
    }

    fn walk(
        &mut self,
        body: &'a [Stmt],
        prefix: &str,
        parent: Option<u32>,
        class: Option<Sym>,
        scope: ScopeId,
    ) {
        for stmt in body {
            stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
                self.stmt(stmt, prefix, parent, class, scope)
            });
        }
    }

    /// The qualified name of a definition: its enclosing definitions' names
    /// and its own. Past the length the semantic model resolves, where
    /// nested definitions with long names would each repeat their parents'
    /// (memory in the square of the nesting), it is named by its module and
    /// place instead (`pkg.mod.@1234`): no call resolves to it by name
    /// either way.
    fn qualified_name(&self, prefix: &str, name: &str, range: TextRange) -> String {
        if prefix.len() + 1 + name.len() <= MAX_QUALIFIED_NAME {
            join(prefix, name)
        } else {
            join(
                &self.semantic.module_name,
                &format!("@{}", range.start().to_u32()),
            )
        }
    }

    fn stmt(
        &mut self,
        stmt: &'a Stmt,
        prefix: &str,
        parent: Option<u32>,
        class: Option<Sym>,
        scope: ScopeId,
    ) {
        match stmt {
            Stmt::FunctionDef(def) => {
                let Some(fn_scope) = self.semantic.scope_of_node(stmt) else {
                    return;
                };
                let qualified = self.qualified_name(prefix, def.name.as_str(), def.range);
                let method = match class {
                    None => MethodKind::Function,
                    Some(_) => method_kind(def, self.semantic, scope),
                };
                let params = self.params(&def.parameters);
                let index = self.funcs.len() as u32;
                self.funcs.push(FnInfo {
                    body: Body::Def(def),
                    qualified: qualified.clone(),
                    name: def.name.as_str(),
                    scope: fn_scope,
                    params,
                    class,
                    method,
                    parent,
                });
                if let Some(class) = class {
                    let name = self.names.intern(def.name.as_str());
                    self.classes
                        .entry(class)
                        .or_default()
                        .methods
                        .insert(name, index);
                }
                self.walk(&def.body, &qualified, Some(index), None, fn_scope);
            }
            Stmt::ClassDef(def) => {
                let Some(class_scope) = self.semantic.scope_of_node(stmt) else {
                    return;
                };
                let qualified = self.qualified_name(prefix, def.name.as_str(), def.range);
                let sym = self.names.intern(&qualified);
                let bases: Vec<Sym> = def
                    .arguments
                    .iter()
                    .flat_map(|a| a.args.iter())
                    .filter_map(|base| {
                        instance_attribute(self.semantic, base, scope)
                            .or_else(|| self.semantic.resolve_qualified_name(base, scope))
                    })
                    .map(|name| self.names.intern(&name))
                    .collect();
                let fields: Vec<Sym> = def
                    .body
                    .iter()
                    .filter_map(|s| match s {
                        Stmt::AnnAssign(a) => match a.target.as_ref() {
                            Expr::Name(n) => Some(self.names.intern(n.id.as_str())),
                            _ => None,
                        },
                        _ => None,
                    })
                    .collect();
                let info = self.classes.entry(sym).or_default();
                info.bases = bases;
                info.fields = fields;
                self.class_nodes.push((sym, def));
                self.walk(&def.body, &qualified, parent, Some(sym), class_scope);
            }
            Stmt::If(s) => {
                self.walk(&s.body, prefix, parent, class, scope);
                for clause in &s.elif_else_clauses {
                    self.walk(&clause.body, prefix, parent, class, scope);
                }
            }
            Stmt::Try(s) => {
                self.walk(&s.body, prefix, parent, class, scope);
                for handler in &s.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = handler;
                    self.walk(&h.body, prefix, parent, class, scope);
                }
                self.walk(&s.orelse, prefix, parent, class, scope);
                self.walk(&s.finalbody, prefix, parent, class, scope);
            }
            Stmt::With(s) => self.walk(&s.body, prefix, parent, class, scope),
            Stmt::For(s) => {
                self.walk(&s.body, prefix, parent, class, scope);
                self.walk(&s.orelse, prefix, parent, class, scope);
            }
            Stmt::While(s) => {
                self.walk(&s.body, prefix, parent, class, scope);
                self.walk(&s.orelse, prefix, parent, class, scope);
            }
            Stmt::Match(s) => {
                for case in &s.cases {
                    self.walk(&case.body, prefix, parent, class, scope);
                }
            }
            _ => {}
        }
    }

    pub fn params(&mut self, parameters: &'a ast::Parameters) -> Vec<ParamInfo<'a>> {
        params_of(parameters, self.names)
    }
}

/// The parameters of a signature, in call order.
pub fn params_of<'a>(parameters: &'a ast::Parameters, names: &mut Interner) -> Vec<ParamInfo<'a>> {
    let mut out = Vec::new();
    let mut push = |p: &'a ast::Parameter, kind, default: Option<&'a Expr>| {
        out.push(ParamInfo {
            name: p.name.as_str(),
            sym: names.intern(p.name.as_str()),
            kind,
            annotation: p.annotation.as_deref(),
            default,
            range: p.name.range,
        });
    };
    for p in &parameters.posonlyargs {
        push(
            &p.parameter,
            ParamKind::PositionalOnly,
            p.default.as_deref(),
        );
    }
    for p in &parameters.args {
        push(&p.parameter, ParamKind::Normal, p.default.as_deref());
    }
    if let Some(p) = &parameters.vararg {
        push(p, ParamKind::VarArgs, None);
    }
    for p in &parameters.kwonlyargs {
        push(&p.parameter, ParamKind::KeywordOnly, p.default.as_deref());
    }
    if let Some(p) = &parameters.kwarg {
        push(p, ParamKind::KwArgs, None);
    }
    out
}

fn method_kind(def: &ast::StmtFunctionDef, semantic: &SemanticModel, scope: ScopeId) -> MethodKind {
    for decorator in &def.decorator_list {
        let name = semantic.resolve_qualified_name(&decorator.expression, scope);
        match name.as_deref() {
            Some("builtins.staticmethod") => return MethodKind::Function,
            Some("builtins.classmethod") => return MethodKind::Class,
            _ => {}
        }
    }
    let has_params = !def.parameters.posonlyargs.is_empty() || !def.parameters.args.is_empty();
    if has_params {
        MethodKind::Instance
    } else {
        MethodKind::Function
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        crate::intern::dotted(prefix, name)
    }
}

/// `db.Model` where `db` is bound to `SQLAlchemy(app)`: the attribute
/// of the instance, named after its class (`flask_sqlalchemy.SQLAlchemy.Model`).
fn instance_attribute(semantic: &SemanticModel, base: &Expr, scope: ScopeId) -> Option<String> {
    let Expr::Attribute(attribute) = base else {
        return None;
    };
    let Expr::Name(name) = attribute.value.as_ref() else {
        return None;
    };
    let binding = semantic.lookup(name.id.as_str(), scope, name.range.start())?;
    let class = semantic.maker(binding)?;
    Some(format!("{class}.{}", attribute.attr.as_str()))
}
