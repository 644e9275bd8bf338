//! Questions web rules ask about where code sits: a Django settings
//! module, a development-only module, module level, under a condition.

use crate::checker::Checker;
use crate::helpers::{in_module, method_name, name_words};
use vigil_python::ast::{self as ast, Expr, Operator, Stmt};
use vigil_semantic::ScopeId;

/// Module-level names that only a Django settings module defines.
const SETTINGS_MARKERS: &[&str] = &[
    "INSTALLED_APPS",
    "MIDDLEWARE",
    "MIDDLEWARE_CLASSES",
    "ROOT_URLCONF",
    "DATABASES",
    "WSGI_APPLICATION",
    "ASGI_APPLICATION",
    "TEMPLATES",
    "AUTH_PASSWORD_VALIDATORS",
    "STATIC_URL",
];

/// Words in a module path that mark code not meant for production.
const DEVELOPMENT_WORDS: &[&str] = &[
    "dev",
    "develop",
    "development",
    "local",
    "test",
    "tests",
    "testing",
    "debug",
    "ci",
    "example",
    "examples",
    "sample",
    "demo",
    "conftest",
];

/// Whether this module is a Django settings module: its name says so
/// (`settings`, `settings.prod`, `prod_settings`) or it defines at least
/// two names only settings define (`INSTALLED_APPS`, `MIDDLEWARE`, ...).
pub(crate) fn is_settings_module(checker: &Checker) -> bool {
    let named = checker
        .semantic
        .module_name
        .split('.')
        .any(|part| name_words(part).iter().any(|w| w == "settings"));
    if named {
        return true;
    }
    let module = checker.semantic.scope(ScopeId::MODULE);
    SETTINGS_MARKERS
        .iter()
        .filter(|m| module.bindings.contains_key(**m))
        .take(2)
        .count()
        == 2
}

/// Whether the module's path marks it as development, test or example code
/// (`settings/dev.py`, `local_settings.py`, `tests/conftest.py`).
pub(crate) fn is_development_module(checker: &Checker) -> bool {
    checker.semantic.module_name.split('.').any(|part| {
        name_words(part)
            .iter()
            .any(|w| DEVELOPMENT_WORDS.contains(&w.as_str()))
    })
}

/// Whether the statement being checked is at module level and not under
/// an `if`, `try`, `with` or loop (a setting chosen unconditionally).
pub(crate) fn is_unconditional_module_statement(checker: &Checker) -> bool {
    checker.scope() == ScopeId::MODULE && checker.enclosing_statements().len() <= 1
}

/// Whether the innermost enclosing class (if any) is named for tests or
/// development (`class TestingConfig`, `class DevelopmentConfig`).
pub(crate) fn in_development_class(checker: &Checker) -> bool {
    checker.enclosing_statements().iter().rev().any(|stmt| {
        matches!(stmt, Stmt::ClassDef(class) if name_words(class.name.as_str())
            .iter()
            .any(|w| DEVELOPMENT_WORDS.contains(&w.as_str())))
    })
}

/// Whether the module imports `package` or one of its submodules.
pub(crate) fn imports(checker: &Checker, package: &str) -> bool {
    // The import statements, not every binding: a short list.
    checker
        .semantic
        .import_statements()
        .iter()
        .any(|(name, _)| in_module(name, package))
}

/// Text built at run time: an f-string, `%`, `.format()`, `.join()` or `+`
/// with a part that is neither a constant nor `safe` (for HTML, a call
/// that escapes its argument).
pub(crate) fn is_built_at_run_time(
    checker: &Checker,
    expr: &Expr,
    safe: &dyn Fn(&Checker, &Expr) -> bool,
) -> bool {
    built(checker, expr, safe, 0)
}

fn built(
    checker: &Checker,
    expr: &Expr,
    safe: &dyn Fn(&Checker, &Expr) -> bool,
    depth: usize,
) -> bool {
    if depth > 16 {
        return false;
    }
    let variable = |e: &Expr| !checker.is_constant(e) && !safe(checker, e);
    // A part: text built in turn, or a plain value that is variable.
    let part = |e: &Expr| match e {
        Expr::FString(_) | Expr::BinOp(_) | Expr::Call(_) if built(checker, e, safe, depth + 1) => {
            true
        }
        Expr::FString(_) | Expr::BinOp(_) => false,
        other => variable(other),
    };
    match expr {
        Expr::FString(f) => f.value.elements().any(|e| {
            matches!(e, ast::InterpolatedStringElement::Interpolation(i) if part(&i.expression))
        }),
        Expr::BinOp(op) if op.op == Operator::Add => part(&op.left) || part(&op.right),
        Expr::BinOp(op) if op.op == Operator::Mod => match &*op.right {
            Expr::Tuple(tuple) => tuple.elts.iter().any(part),
            Expr::Dict(dict) => dict.items.iter().any(|i| part(&i.value)),
            other => part(other),
        },
        Expr::Call(call) => match method_name(call) {
            Some("format") => call
                .arguments
                .args
                .iter()
                .chain(call.arguments.keywords.iter().map(|k| &k.value))
                .any(part),
            Some("join") => call.arguments.args.first().is_some_and(|items| match items {
                Expr::Generator(g) => part(&g.elt),
                Expr::ListComp(c) => part(&c.elt),
                Expr::List(l) => l.elts.iter().any(part),
                Expr::Tuple(t) => t.elts.iter().any(part),
                other => variable(other),
            }),
            _ => false,
        },
        _ => false,
    }
}
