//! Bindings: one place where a name gets a value.

use crate::scope::ScopeId;
use vigil_python::TextRange;
use vigil_python::ast::{Expr, StmtClassDef, StmtFunctionDef};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BindingId(pub u32);

/// What kind of statement or expression made the binding.
#[derive(Debug, Clone)]
pub enum BindingKind<'a> {
    /// `import a.b as c` binds `c` to module `a.b`; `import a.b` binds `a`.
    Import {
        module: String,
    },
    /// `from a import b as c` binds `c` to `a.b` (relative imports resolved).
    FromImport {
        qualified: String,
    },
    FunctionDef(&'a StmtFunctionDef),
    ClassDef(&'a StmtClassDef),
    /// An assignment; `value` is the assigned expression when it is known
    /// element-wise (plain or same-length tuple unpacking).
    Assignment {
        value: Option<&'a Expr>,
    },
    /// A parameter, with its default value when it has one (evaluated in
    /// the scope that defines the function).
    Parameter {
        default: Option<&'a Expr>,
    },
    /// Loop variables, `with ... as`, `except ... as`, match captures,
    /// comprehension targets, `del`, type parameters: no usable value.
    Other,
}

#[derive(Debug, Clone)]
pub struct Binding<'a> {
    pub name: &'a str,
    pub kind: BindingKind<'a>,
    pub range: TextRange,
    pub scope: ScopeId,
}
