//! Whether code is test code, where asserts and loose error handling are
//! the norm.

use crate::checker::Checker;
use vigil_python::ast::Stmt;

/// A module path part that names tests: `tests`, `test_views`,
/// `views_test`, `conftest`, `testing`.
fn is_test_part(part: &str) -> bool {
    matches!(part, "test" | "tests" | "testing" | "conftest")
        || part.starts_with("test_")
        || part.ends_with("_test")
        || part.ends_with("_tests")
}

/// Whether the code being checked is a test: in a test module, or in a
/// `test_*` function or `Test*` class.
pub(crate) fn is_test_code(checker: &Checker) -> bool {
    if checker.semantic.module_name.split('.').any(is_test_part) {
        return true;
    }
    checker
        .enclosing_statements()
        .iter()
        .any(|stmt| match stmt {
            Stmt::FunctionDef(def) => def.name.as_str().starts_with("test"),
            Stmt::ClassDef(class) => class.name.as_str().starts_with("Test"),
            _ => false,
        })
}
