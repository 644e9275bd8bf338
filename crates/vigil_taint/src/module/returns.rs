//! Functions that hand back an object of a modelled type: a connection, a
//! client, a parser made in a helper (`def partner(): return
//! HTTPSConnection(HOST)`). A call of such a function is analysed for its
//! summary even when no untrusted data goes in, so that the caller knows
//! what it holds (`conn = partner(); conn.request("GET", path)`).

use super::ModuleCx;
use super::functions::Body;
use rustc_hash::FxHashSet;
use vigil_python::ast::statement_visitor::{StatementVisitor, walk_stmt};
use vigil_python::ast::{Expr, Stmt};

/// Whether function `f` returns, on some path, a call of a modelled type's
/// constructor or a local name assigned one (decided from its statements
/// once, then remembered).
pub fn returns_model_object(cx: &mut ModuleCx, f: u32) -> bool {
    let i = f as usize;
    if let Some(known) = cx.returns_model_object[i] {
        return known;
    }
    let info = &cx.funcs[i];
    let found = match info.body {
        Body::Def(def) => {
            let mut walk = Returns::default();
            walk.visit_body(&def.body);
            // `make(...)`, or `env.make(...)` on an object of a library
            // type (`pages.get_template(name)`).
            let typed = |value: &Expr| match value {
                Expr::Call(call) => super::entry::callee_names(cx, &call.func, info.scope)
                    .iter()
                    .any(|name| cx.models.ty(name).is_some()),
                _ => false,
            };
            let typed_names: FxHashSet<&str> = walk
                .assigned
                .iter()
                .filter(|(_, value)| typed(value))
                .map(|(name, _)| *name)
                .collect();
            walk.returned.iter().any(|value| match value {
                Expr::Name(name) => typed_names.contains(name.id.as_str()),
                other => typed(other),
            })
        }
        Body::Module(_) | Body::Lambda(_) => false,
    };
    cx.returns_model_object[i] = Some(found);
    found
}

/// The returned values and the simple assignments of one function body
/// (not of the functions and classes it defines).
#[derive(Default)]
struct Returns<'a> {
    returned: Vec<&'a Expr>,
    assigned: Vec<(&'a str, &'a Expr)>,
}

impl<'a> StatementVisitor<'a> for Returns<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::Return(ret) => self.returned.extend(ret.value.as_deref()),
            Stmt::Assign(assign) => {
                if let [Expr::Name(target)] = assign.targets.as_slice() {
                    self.assigned.push((target.id.as_str(), &assign.value));
                }
            }
            Stmt::AnnAssign(assign) => {
                if let (Expr::Name(target), Some(value)) = (&*assign.target, &assign.value) {
                    self.assigned.push((target.id.as_str(), value));
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }
}
