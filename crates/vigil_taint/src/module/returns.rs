//! Functions that hand back an object of a modelled type: a connection, a
//! client, a parser made in a helper (`def partner(): return
//! HTTPSConnection(HOST)`). A call of such a function is analysed for its
//! summary even when no untrusted data goes in, so that the caller knows
//! what it holds (`conn = partner(); conn.request("GET", path)`), or what
//! part of it (`def users(): return db["users"]` with `db =
//! MongoClient()["shop"]`).

use super::ModuleCx;
use super::functions::Body;
use vigil_python::ast::statement_visitor::{StatementVisitor, walk_stmt};
use vigil_python::ast::{Expr, Stmt};
use vigil_semantic::{BindingKind, ScopeId};

/// The values `return` statements of a function body give (not those of
/// the functions and classes it defines).
pub(crate) fn returned_values(body: &[Stmt]) -> Vec<&Expr> {
    let mut walk = Returns::default();
    walk.visit_body(body);
    walk.returned
}

/// How many names, attributes and subscripts are followed back from a
/// returned expression to the call that made the object.
const MAX_CHAIN: usize = 8;

/// Whether function `f` returns, on some path, an object of a modelled
/// type or a part of one: a call of its constructor (`MongoClient()`), a
/// name bound to one (a local or a module global), or an attribute, item
/// or method result of those (`client["shop"]["users"]`,
/// `db.get_collection("users")`). Decided from its statements once, then
/// remembered; the analysis then says what the object is.
pub fn returns_model_object(cx: &mut ModuleCx, f: u32) -> bool {
    let i = f as usize;
    if let Some(known) = cx.returns_model_object[i] {
        return known;
    }
    let info = &cx.funcs[i];
    let found = match info.body {
        Body::Def(def) => returned_values(&def.body)
            .iter()
            .any(|value| made_by_model(cx, value, info.scope, 0)),
        Body::Module(_) | Body::Lambda(_) => false,
    };
    cx.returns_model_object[i] = Some(found);
    found
}

/// Whether `value` is (a part of) an object a modelled call made: `make(...)`
/// or `env.make(...)` on an object of a library type, followed back through
/// the names it was assigned to, attributes, items, method calls and `await`.
fn made_by_model(cx: &ModuleCx, value: &Expr, scope: ScopeId, depth: usize) -> bool {
    if depth > MAX_CHAIN {
        return false;
    }
    let next = depth + 1;
    match value {
        Expr::Call(call) => {
            super::entry::callee_names(cx, &call.func, scope)
                .iter()
                .any(|name| cx.models.ty(name).is_some())
                || matches!(call.func.as_ref(), Expr::Attribute(a) if made_by_model(cx, &a.value, scope, next))
        }
        Expr::Attribute(a) => made_by_model(cx, &a.value, scope, next),
        Expr::Subscript(s) => made_by_model(cx, &s.value, scope, next),
        Expr::Await(a) => made_by_model(cx, &a.value, scope, next),
        Expr::Name(name) => {
            let semantic = cx.input.semantic;
            match semantic.lookup(name.id.as_str(), scope, name.range.start()) {
                Some(binding) => match &binding.kind {
                    BindingKind::Assignment { value: Some(v) } => {
                        made_by_model(cx, v, binding.scope, next)
                    }
                    _ => false,
                },
                None => false,
            }
        }
        _ => false,
    }
}

/// The returned values of one function body (not of the functions and
/// classes it defines).
#[derive(Default)]
struct Returns<'a> {
    returned: Vec<&'a Expr>,
}

impl<'a> StatementVisitor<'a> for Returns<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::Return(ret) => self.returned.extend(ret.value.as_deref()),
            _ => walk_stmt(self, stmt),
        }
    }
}
