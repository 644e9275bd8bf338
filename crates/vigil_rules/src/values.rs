//! What the pattern rules know of a value: the knowledge layer's constant
//! folding (`vigil_knowledge::constant`), with names read from the
//! semantic model.
//!
//! A rule that needs "the value of argument `verify`" asks
//! [`Checker::value`] and gets it through literals, names bound once (in
//! any enclosing scope, module constants included), operators, f-strings,
//! class attributes (`Config.DEBUG`), parameter defaults (the value a
//! function uses when its caller leaves the argument out) and, in the second phase of a scan,
//! constants of other project modules (upper-case module-level names:
//! `from app.settings import DEBUG`, `settings.DEBUG`). A value vigil cannot determine is `None`: rules
//! never report an unknown value as unsafe in default mode.
//!
//! In the first phase a file asks for names of other modules that it
//! cannot answer yet; [`Checker::check`] returns them, and the scan checks
//! the file again with the module graph when one of them is a constant.

use crate::checker::Checker;
use crate::helpers::Truth;
use vigil_knowledge::constant::{self, Const, Names, Scalar};
use vigil_knowledge::signatures;
use vigil_python::ast::{self as ast, Expr, ExprCall};
use vigil_semantic::{Binding, BindingKind, ScopeId, SemanticModel, is_stdlib_module};

/// What a rule wants to know of a value: the scan checks a file again
/// with the module graph only when another module's constant answers it
/// in a way that can matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Any value may change what the rule says.
    Any,
    /// Only this value matters (`verify=False`, `timeout=None`).
    Is(Scalar),
    /// Only one of these strings matters (`"0.0.0.0"`).
    StrIn(&'static [&'static str]),
}

impl Question {
    /// Whether `value` is an answer that can change what the rule says.
    pub fn matters(&self, value: &Scalar) -> bool {
        match self {
            Question::Any => true,
            Question::Is(expected) => expected == value,
            Question::StrIn(options) => {
                matches!(value, Scalar::Str(s) if options.iter().any(|o| o == &s.as_ref()))
            }
        }
    }
}

impl<'a> Checker<'a> {
    /// The constant value of `expr` where it is checked, if vigil can
    /// determine it.
    ///
    /// A parameter counts with its default: that is the value whenever a
    /// caller leaves the argument out, so an unsafe default is reported.
    /// [`Checker::truth`] alone leaves parameters unknown, since rules use
    /// its "false" to clear a call, and a caller may pass anything.
    pub fn value(&self, expr: &Expr) -> Option<Const> {
        self.answer(expr, Question::Any, Defaults::Count)
    }

    /// The constant value of `expr` read in `scope` (for rules that look
    /// at the body of a function from its definition).
    pub fn value_in(&self, expr: &Expr, scope: ScopeId) -> Option<Const> {
        let mut names = ModelNames {
            semantic: self.semantic,
            scope,
            wanted: Some((&self.wanted_constants, Question::Any)),
            defaults: Defaults::Count,
        };
        constant::fold(&mut names, expr, 0)
    }

    /// `expr`'s value, asked for `question` (what the second phase needs
    /// to know when another module's constant is the answer).
    fn answer(&self, expr: &Expr, question: Question, defaults: Defaults) -> Option<Const> {
        let mut names = ModelNames {
            semantic: self.semantic,
            scope: self.scope(),
            wanted: Some((&self.wanted_constants, question)),
            defaults,
        };
        constant::fold(&mut names, expr, 0)
    }

    /// Whether `expr` evaluates to `value` (`timeout=None`).
    pub fn is_value(&self, expr: &Expr, value: Scalar) -> bool {
        // Most arguments are not constants: ask before building anything.
        if !may_be_constant(expr) {
            return false;
        }
        self.answer(expr, Question::Is(value.clone()), Defaults::Count)
            .is_some_and(|found| value.is(&found))
    }

    /// The string `expr` evaluates to, when it is one of `options`.
    pub fn string_in(&self, expr: &Expr, options: &'static [&'static str]) -> Option<&'static str> {
        match self.answer(expr, Question::StrIn(options), Defaults::Count)? {
            Const::Str(s) => options.iter().copied().find(|o| *o == s.as_ref()),
            _ => None,
        }
    }

    /// What `expr`'s value says about truth (unknown when vigil cannot
    /// determine the value).
    pub fn truth(&self, expr: &Expr) -> Truth {
        match self.answer(expr, Question::Any, Defaults::Ignore) {
            Some(c) if c.truthy() => Truth::True,
            Some(_) => Truth::False,
            None => Truth::Unknown,
        }
    }

    /// Whether `expr` evaluates to the boolean `b` (`verify=VERIFY` with
    /// `VERIFY = False`).
    pub fn is_bool(&self, expr: &Expr, b: bool) -> bool {
        self.is_value(expr, Scalar::Bool(b))
    }

    /// The string `expr` evaluates to.
    pub fn string(&self, expr: &Expr) -> Option<String> {
        match self.value(expr)? {
            Const::Str(s) => Some(s.to_string()),
            Const::Bytes(b) => Some(String::from_utf8_lossy(&b).into_owned()),
            _ => None,
        }
    }

    /// The strings `expr` may hold where it is checked: its value, or each
    /// branch's of a conditional expression, or each value its name is
    /// assigned in its scope (one per branch of an `if`). Empty when one of
    /// them is not a known string.
    pub fn strings(&self, expr: &Expr) -> Vec<String> {
        let mut out = Vec::new();
        if self.strings_depth(expr, self.scope(), 0, &mut out) {
            out
        } else {
            Vec::new()
        }
    }

    fn strings_depth(
        &self,
        expr: &Expr,
        scope: ScopeId,
        depth: usize,
        out: &mut Vec<String>,
    ) -> bool {
        const MAX_DEPTH: usize = 4;
        const MAX_VALUES: usize = 8;
        if depth > MAX_DEPTH || out.len() >= MAX_VALUES {
            return false;
        }
        match expr {
            Expr::If(branches) => {
                self.strings_depth(&branches.body, scope, depth + 1, out)
                    && self.strings_depth(&branches.orelse, scope, depth + 1, out)
            }
            Expr::Name(name) => {
                if let Some(Const::Str(s)) = self.value_in(expr, scope) {
                    out.push(s.to_string());
                    return true;
                }
                let Some(binding) =
                    self.semantic
                        .lookup(name.id.as_str(), scope, name.range.start())
                else {
                    return false;
                };
                let Some(values) = self.semantic.all_assigned_values(binding, MAX_VALUES) else {
                    return false;
                };
                let inner = binding.scope;
                values
                    .into_iter()
                    .all(|value| self.strings_depth(value, inner, depth + 1, out))
            }
            other => match self.value_in(other, scope) {
                Some(Const::Str(s)) => {
                    out.push(s.to_string());
                    true
                }
                _ => false,
            },
        }
    }

    /// The integer `expr` evaluates to.
    pub fn int(&self, expr: &Expr) -> Option<i64> {
        self.value(expr)?.as_int()
    }

    /// The qualified name `expr` denotes, following names bound once to
    /// another name (`PROTO = ssl.PROTOCOL_TLSv1`, `run = app.run`).
    pub fn resolve_value(&self, expr: &Expr) -> Option<String> {
        self.resolve(expr)
            .or_else(|| self.resolve(self.constant_value(expr)))
    }

    /// The callee expression of `call`, through a name bound once to it
    /// (`runapp = app.run; runapp(debug=True)` gives `app.run`).
    pub fn callee<'e>(&self, call: &'e ExprCall) -> &'e Expr
    where
        'a: 'e,
    {
        self.constant_value(&call.func)
    }

    /// The argument `parameter` of a call to `callee` (a qualified name in
    /// the knowledge layer's signatures, `flask.Flask.run`): by keyword,
    /// or by position when the signature lists the parameter.
    pub fn argument<'e>(
        &self,
        call: &'e ExprCall,
        callee: &str,
        parameter: &str,
    ) -> Option<&'e Expr> {
        if let Some(keyword) = call.arguments.find_keyword(parameter) {
            return Some(&keyword.value);
        }
        let position = signatures::position(callee, parameter)?;
        let args = &call.arguments.args;
        // A `*args` before the position hides where the argument is.
        if args.iter().take(position + 1).any(|a| a.is_starred_expr()) {
            return None;
        }
        args.get(position)
    }
}

/// Whether `expr` is of a shape folding can give a value (calls,
/// subscripts, comprehensions and lambdas never are).
fn may_be_constant(expr: &Expr) -> bool {
    !matches!(
        expr,
        Expr::Call(_)
            | Expr::Subscript(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::Generator(_)
            | Expr::Lambda(_)
            | Expr::Await(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
            | Expr::Starred(_)
    )
}

/// Whether a module-level name is written as a constant (PEP 8: no
/// lower-case letters, `DEBUG`, `VERIFY_TLS`): only those are offered to
/// other modules, so that a module's many lower-case variables cost
/// nothing.
fn is_constant_name(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_uppercase()) && !name.bytes().any(|b| b.is_ascii_lowercase())
}

/// The constants of a module's module-level names bound once, for other
/// modules of the project.
pub fn module_constants(semantic: &SemanticModel) -> Vec<(String, Scalar)> {
    let mut names = ModelNames {
        semantic,
        scope: ScopeId::MODULE,
        wanted: None,
        defaults: Defaults::Ignore,
    };
    semantic
        .module_bindings()
        .filter(|b| is_constant_name(b.name))
        // Scalars only: folding a large literal table to drop it costs time.
        .filter(|b| match b.kind {
            BindingKind::Assignment { value: Some(value) } => !matches!(
                value,
                Expr::List(_)
                    | Expr::Tuple(_)
                    | Expr::Set(_)
                    | Expr::Dict(_)
                    | Expr::Call(_)
                    | Expr::ListComp(_)
                    | Expr::SetComp(_)
                    | Expr::DictComp(_)
                    | Expr::Generator(_)
                    | Expr::Lambda(_)
            ),
            _ => false,
        })
        .filter_map(|b| {
            let value = names.binding(b, 0)?;
            Some((b.name.to_string(), Scalar::of(&value)?))
        })
        .collect()
}

/// Whether a parameter's default is its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Defaults {
    Count,
    Ignore,
}

/// Names of other modules asked for, with what for.
pub(crate) type WantedConstants = std::cell::RefCell<Vec<(String, Question)>>;

/// Names as the semantic model binds them.
struct ModelNames<'c, 'a> {
    semantic: &'c SemanticModel<'a>,
    scope: ScopeId,
    /// Where to note names of other modules asked for before the module
    /// graph exists, and what for (`None`: do not note).
    wanted: Option<(&'c WantedConstants, Question)>,
    defaults: Defaults,
}

impl ModelNames<'_, '_> {
    /// The constant a binding holds: the value of the only assignment of
    /// its name in its scope, or a constant of another project module.
    fn binding(&mut self, binding: &Binding, depth: usize) -> Option<Const> {
        match binding.kind {
            BindingKind::Assignment { .. } => {
                let value = self.semantic.single_assigned_value(binding)?;
                let saved = std::mem::replace(&mut self.scope, binding.scope);
                let result = constant::fold(self, value, depth + 1);
                self.scope = saved;
                result
            }
            BindingKind::FromImport { ref qualified } => self.project_constant(qualified),
            BindingKind::Parameter {
                default: Some(default),
            } if self.defaults == Defaults::Count => {
                // What the function uses whenever a caller leaves the
                // parameter out (`def save(path, mode=0o777)`), unless its
                // body binds the name again. The default is evaluated
                // where the function is defined.
                let scope = self.semantic.scope(binding.scope);
                if scope.bindings.get(binding.name).map_or(0, |ids| ids.len()) != 1 {
                    return None;
                }
                let defining = scope.parent?;
                let saved = std::mem::replace(&mut self.scope, defining);
                let result = constant::fold(self, default, depth + 1);
                self.scope = saved;
                result
            }
            _ => None,
        }
    }

    /// A constant of another module of the project, from the module graph;
    /// noted as wanted while there is no graph yet.
    fn project_constant(&self, qualified: &str) -> Option<Const> {
        match self.semantic.graph() {
            Some(graph) => graph.constant(qualified).map(Scalar::to_const),
            None => {
                let top = qualified.split('.').next().unwrap_or(qualified);
                if let Some((wanted, question)) = &self.wanted
                    && !is_stdlib_module(top)
                {
                    wanted
                        .borrow_mut()
                        .push((qualified.to_string(), question.clone()));
                }
                None
            }
        }
    }

    /// `Config.DEBUG` for a class of this module whose body binds `DEBUG`
    /// once.
    fn class_attribute(&mut self, attribute: &ast::ExprAttribute, depth: usize) -> Option<Const> {
        let Expr::Name(class) = attribute.value.as_ref() else {
            return None;
        };
        let binding = self
            .semantic
            .lookup(class.id.as_str(), self.scope, class.range.start())?;
        let BindingKind::ClassDef(def) = binding.kind else {
            return None;
        };
        let scope = self.semantic.scope_of_node(def)?;
        let ids = self
            .semantic
            .scope(scope)
            .bindings
            .get(attribute.attr.as_str())?;
        let [id] = ids.as_slice() else { return None };
        let member = self.semantic.binding(*id).clone();
        self.binding(&member, depth)
    }
}

impl Names for ModelNames<'_, '_> {
    fn name(&mut self, name: &ast::ExprName, depth: usize) -> Option<Const> {
        let binding = self
            .semantic
            .lookup(name.id.as_str(), self.scope, name.range.start())?
            .clone();
        self.binding(&binding, depth)
    }

    fn is_shadowed(&self, name: &ast::ExprName) -> bool {
        self.semantic
            .is_shadowed(name.id.as_str(), self.scope, name.range.start())
    }

    fn attribute(&mut self, attribute: &ast::ExprAttribute, depth: usize) -> Option<Const> {
        if let Some(value) = self.class_attribute(attribute, depth) {
            return Some(value);
        }
        // `settings.DEBUG` where `settings` is a module of the project.
        let Expr::Name(base) = attribute.value.as_ref() else {
            return None;
        };
        let binding = self
            .semantic
            .lookup(base.id.as_str(), self.scope, base.range.start())?;
        let module = match &binding.kind {
            BindingKind::Import { module } => module.as_str(),
            BindingKind::FromImport { qualified } => qualified.as_str(),
            _ => return None,
        };
        let qualified = format!("{module}.{}", attribute.attr);
        if qualified.len() > vigil_semantic::MAX_QUALIFIED_NAME {
            return None;
        }
        self.project_constant(&qualified)
    }
}
