//! One walk over a module that records its scopes and bindings.

use crate::binding::{Binding, BindingId, BindingKind};
use crate::model::SemanticModel;
use crate::scope::{Scope, ScopeId, ScopeKind};
use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{self as ast, Expr, Pattern, Stmt};
use vigil_python::stack::guarded;
use vigil_python::{Ranged, TextRange};

pub(crate) struct Builder<'m, 'a> {
    pub(crate) model: &'m mut SemanticModel<'a>,
    current: ScopeId,
    /// Nesting of recursive `visit_*` calls, for [`guarded`].
    level: u32,
}

impl<'m, 'a> Builder<'m, 'a> {
    pub(crate) fn new(model: &'m mut SemanticModel<'a>) -> Self {
        Self {
            model,
            current: ScopeId::MODULE,
            level: 0,
        }
    }

    fn push_scope(&mut self, kind: ScopeKind, key: TextRange, name: Option<&'a str>) -> ScopeId {
        let id = ScopeId(self.model.scopes.len() as u32);
        self.model
            .scopes
            .push(Scope::new(kind, Some(self.current), name));
        self.model.scope_by_node.insert(key.start(), id);
        id
    }

    fn in_scope(&mut self, scope: ScopeId, f: impl FnOnce(&mut Self)) {
        let saved = self.current;
        self.current = scope;
        f(self);
        self.current = saved;
    }

    fn bind(&mut self, name: &'a str, kind: BindingKind<'a>, range: TextRange) {
        // Walrus targets in comprehensions bind in the enclosing real scope;
        // `global`/`nonlocal` names bind where they were declared.
        let mut scope = self.current;
        let decl = &self.model.scopes[scope.0 as usize];
        if decl.globals.contains(name) {
            scope = ScopeId::MODULE;
        } else if decl.nonlocals.contains(name) {
            scope = self
                .model
                .enclosing_binding_scope(scope, name)
                .unwrap_or(scope);
        }
        self.bind_in(scope, name, kind, range);
    }

    fn bind_in(&mut self, scope: ScopeId, name: &'a str, kind: BindingKind<'a>, range: TextRange) {
        let id = BindingId(self.model.bindings.len() as u32);
        self.model.bindings.push(Binding {
            name,
            kind,
            range,
            scope,
        });
        self.model.scopes[scope.0 as usize]
            .bindings
            .entry(name)
            .or_default()
            .push(id);
    }

    /// Binds the names of an assignment target; `value` is the value when it
    /// can be matched element-wise.
    fn bind_target(&mut self, target: &'a Expr, value: Option<&'a Expr>) {
        match target {
            Expr::Name(name) => self.bind(
                name.id.as_str(),
                BindingKind::Assignment { value },
                name.range,
            ),
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let values = match value {
                    Some(Expr::Tuple(ast::ExprTuple { elts: v, .. }))
                    | Some(Expr::List(ast::ExprList { elts: v, .. }))
                        if v.len() == elts.len() && !elts.iter().any(Expr::is_starred_expr) =>
                    {
                        Some(v)
                    }
                    _ => None,
                };
                for (i, elt) in elts.iter().enumerate() {
                    self.bind_target(elt, values.map(|v| &v[i]));
                }
            }
            Expr::Starred(ast::ExprStarred { value: inner, .. }) => self.bind_target(inner, None),
            _ => {}
        }
    }

    fn bind_other_target(&mut self, target: &'a Expr) {
        self.bind_target(target, None);
        if let Expr::Name(name) = target
            && let Some(last) = self.model.bindings.last_mut()
            && last.range == name.range
        {
            last.kind = BindingKind::Other;
        }
    }

    fn bind_parameters(&mut self, parameters: &'a ast::Parameters) {
        for p in parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
        {
            self.bind(
                p.parameter.name.id.as_str(),
                BindingKind::Parameter {
                    default: p.default.as_deref(),
                },
                p.parameter.name.range,
            );
        }
        for p in parameters.vararg.iter().chain(&parameters.kwarg) {
            self.bind(
                p.name.id.as_str(),
                BindingKind::Parameter { default: None },
                p.name.range,
            );
        }
    }

    fn visit_parameter_defaults(&mut self, parameters: &'a ast::Parameters) {
        for p in parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
        {
            if let Some(default) = &p.default {
                self.visit_expr(default);
            }
            if let Some(annotation) = &p.parameter.annotation {
                self.visit_expr(annotation);
            }
        }
        for p in parameters.vararg.iter().chain(&parameters.kwarg) {
            if let Some(annotation) = &p.annotation {
                self.visit_expr(annotation);
            }
        }
    }

    fn handle_import(&mut self, import: &'a ast::StmtImport) {
        for alias in &import.names {
            let module = alias.name.id.as_str();
            self.model.import_statements.push((module.to_string(), 0));
            match &alias.asname {
                Some(asname) => self.bind(
                    asname.id.as_str(),
                    BindingKind::Import {
                        module: module.to_string(),
                    },
                    alias.range,
                ),
                None => {
                    let top = module.split('.').next().unwrap_or(module);
                    let name = &alias.name.id.as_str()[..top.len()];
                    self.bind(
                        name,
                        BindingKind::Import {
                            module: top.to_string(),
                        },
                        alias.range,
                    );
                }
            }
        }
    }

    fn handle_import_from(&mut self, import: &'a ast::StmtImportFrom) {
        let module = self
            .model
            .absolute_module(import.module.as_ref().map(|m| m.id.as_str()), import.level);
        let Some(module) = module else { return };
        self.model
            .import_statements
            .push((module.clone(), import.level));
        for alias in &import.names {
            let name = alias.name.id.as_str();
            if name == "*" {
                let offset = u32::from(import.range.start());
                self.model.scopes[self.current.0 as usize]
                    .star_imports
                    .push((module.clone(), offset));
                continue;
            }
            let bound = alias.asname.as_ref().map_or(name, |a| a.id.as_str());
            let qualified = if module.is_empty() {
                name.to_string()
            } else {
                format!("{module}.{name}")
            };
            self.bind(bound, BindingKind::FromImport { qualified }, alias.range);
        }
    }

    fn visit_comprehension_scope(
        &mut self,
        node: TextRange,
        generators: &'a [ast::Comprehension],
        elements: &[&'a Expr],
    ) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        let scope = self.push_scope(ScopeKind::Comprehension, node, None);
        self.in_scope(scope, |this| {
            for (i, generator) in generators.iter().enumerate() {
                if i > 0 {
                    this.visit_expr(&generator.iter);
                }
                this.bind_other_target(&generator.target);
                for condition in &generator.ifs {
                    this.visit_expr(condition);
                }
            }
            for element in elements {
                this.visit_expr(element);
            }
        });
    }

    fn bind_pattern(&mut self, pattern: &'a Pattern) {
        match pattern {
            Pattern::MatchAs(ast::PatternMatchAs {
                name: Some(name), ..
            })
            | Pattern::MatchStar(ast::PatternMatchStar {
                name: Some(name), ..
            }) => self.bind(name.id.as_str(), BindingKind::Other, name.range),
            Pattern::MatchMapping(ast::PatternMatchMapping {
                rest: Some(rest), ..
            }) => self.bind(rest.id.as_str(), BindingKind::Other, rest.range),
            _ => {}
        }
    }

    fn walk_stmt_inner(&mut self, stmt: &'a Stmt) {
        self.model.decision_points += match stmt {
            Stmt::If(s) => {
                1 + s
                    .elif_else_clauses
                    .iter()
                    .filter(|c| c.test.is_some())
                    .count() as u32
            }
            Stmt::For(_) | Stmt::While(_) => 1,
            Stmt::Try(s) => s.handlers.len() as u32,
            Stmt::Match(s) => s.cases.len() as u32,
            Stmt::Assert(_) => 1,
            _ => 0,
        };
        if let Stmt::Expr(e) = stmt
            && e.value.is_string_literal_expr()
        {
            self.model.docstrings.push(e.range);
        }
        match stmt {
            Stmt::FunctionDef(def) => {
                for decorator in &def.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                self.visit_parameter_defaults(&def.parameters);
                if let Some(returns) = &def.returns {
                    self.visit_expr(returns);
                }
                self.bind(
                    def.name.id.as_str(),
                    BindingKind::FunctionDef(def),
                    def.name.range,
                );
                let scope =
                    self.push_scope(ScopeKind::Function, def.range, Some(def.name.as_str()));
                self.in_scope(scope, |this| {
                    this.bind_parameters(&def.parameters);
                    this.visit_body(&def.body);
                });
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.bind(
                    class.name.id.as_str(),
                    BindingKind::ClassDef(class),
                    class.name.range,
                );
                let scope =
                    self.push_scope(ScopeKind::Class, class.range, Some(class.name.as_str()));
                self.in_scope(scope, |this| this.visit_body(&class.body));
            }
            Stmt::Import(import) => self.handle_import(import),
            Stmt::ImportFrom(import) => self.handle_import_from(import),
            Stmt::Global(global) => {
                for name in &global.names {
                    self.model.scopes[self.current.0 as usize]
                        .globals
                        .insert(name.id.as_str());
                }
            }
            Stmt::Nonlocal(nonlocal) => {
                for name in &nonlocal.names {
                    self.model.scopes[self.current.0 as usize]
                        .nonlocals
                        .insert(name.id.as_str());
                }
            }
            Stmt::Assign(assign) => {
                self.visit_expr(&assign.value);
                for target in &assign.targets {
                    self.visit_target_subexpressions(target);
                    self.bind_target(target, Some(&assign.value));
                }
            }
            Stmt::AnnAssign(assign) => {
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                }
                self.visit_expr(&assign.annotation);
                self.visit_target_subexpressions(&assign.target);
                if assign.value.is_some() {
                    self.bind_target(&assign.target, assign.value.as_deref());
                }
            }
            Stmt::AugAssign(assign) => {
                self.visit_expr(&assign.value);
                self.visit_target_subexpressions(&assign.target);
                self.bind_other_target(&assign.target);
            }
            Stmt::For(for_stmt) => {
                self.visit_expr(&for_stmt.iter);
                self.visit_target_subexpressions(&for_stmt.target);
                self.bind_other_target(&for_stmt.target);
                self.visit_body(&for_stmt.body);
                self.visit_body(&for_stmt.orelse);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(target) = &item.optional_vars {
                        self.visit_target_subexpressions(target);
                        self.bind_other_target(target);
                    }
                }
                self.visit_body(&with.body);
            }
            Stmt::Try(try_stmt) => {
                self.visit_body(&try_stmt.body);
                for handler in &try_stmt.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(type_) = &handler.type_ {
                        self.visit_expr(type_);
                    }
                    if let Some(name) = &handler.name {
                        self.bind(name.id.as_str(), BindingKind::Other, name.range);
                    }
                    self.visit_body(&handler.body);
                }
                self.visit_body(&try_stmt.orelse);
                self.visit_body(&try_stmt.finalbody);
            }
            Stmt::Match(match_stmt) => {
                self.visit_expr(&match_stmt.subject);
                for case in &match_stmt.cases {
                    self.visit_pattern(&case.pattern);
                    if let Some(guard) = &case.guard {
                        self.visit_expr(guard);
                    }
                    self.visit_body(&case.body);
                }
            }
            Stmt::TypeAlias(alias) => {
                if let Expr::Name(name) = alias.name.as_ref() {
                    self.bind(name.id.as_str(), BindingKind::Other, name.range);
                }
                self.visit_expr(&alias.value);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    /// Visits the parts of a target that are read (`a[i] = ...` reads `a`, `i`).
    fn visit_target_subexpressions(&mut self, target: &'a Expr) {
        match target {
            Expr::Name(_) => {}
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for elt in elts {
                    self.visit_target_subexpressions(elt);
                }
            }
            Expr::Starred(ast::ExprStarred { value, .. }) => {
                self.visit_target_subexpressions(value)
            }
            other => self.visit_expr(other),
        }
    }

    fn walk_expr_inner(&mut self, expr: &'a Expr) {
        self.model.decision_points += match expr {
            Expr::BoolOp(op) => op.values.len().saturating_sub(1) as u32,
            Expr::If(_) => 1,
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. })
            | Expr::Generator(ast::ExprGenerator { generators, .. }) => {
                generators.iter().map(|g| 1 + g.ifs.len() as u32).sum()
            }
            _ => 0,
        };
        match expr {
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameter_defaults(parameters);
                }
                let scope = self.push_scope(ScopeKind::Lambda, lambda.range, None);
                self.in_scope(scope, |this| {
                    if let Some(parameters) = &lambda.parameters {
                        this.bind_parameters(parameters);
                    }
                    this.visit_expr(&lambda.body);
                });
            }
            Expr::ListComp(c) => self.visit_comprehension_scope(c.range, &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.visit_comprehension_scope(c.range, &c.generators, &[&c.elt]),
            Expr::Generator(c) => self.visit_comprehension_scope(c.range, &c.generators, &[&c.elt]),
            Expr::DictComp(c) => {
                let mut elements: Vec<&'a Expr> = c.key.as_deref().into_iter().collect();
                elements.push(&c.value);
                self.visit_comprehension_scope(c.range, &c.generators, &elements)
            }
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                if let Expr::Name(name) = named.target.as_ref() {
                    let scope = self.model.nearest_non_comprehension(self.current);
                    self.bind_in(
                        scope,
                        name.id.as_str(),
                        BindingKind::Assignment {
                            value: Some(&named.value),
                        },
                        name.range,
                    );
                }
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

impl<'a> Visitor<'a> for Builder<'_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.level += 1;
        let level = self.level;
        guarded(level, || self.walk_stmt_inner(stmt));
        self.level -= 1;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.level += 1;
        let level = self.level;
        guarded(level, || self.walk_expr_inner(expr));
        self.level -= 1;
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        self.level += 1;
        let level = self.level;
        guarded(level, || {
            self.bind_pattern(pattern);
            visitor::walk_pattern(self, pattern);
        });
        self.level -= 1;
    }

    fn visit_type_param(&mut self, type_param: &'a ast::TypeParam) {
        let name = type_param.name();
        self.bind(name.id.as_str(), BindingKind::Other, type_param.range());
        visitor::walk_type_param(self, type_param);
    }
}
