//! Responses given another content type after they were made: `resp =
//! make_response(body)` then `resp.mimetype = "text/plain"` (or
//! `resp.headers["Content-Type"] = "application/json"`, Django's
//! `resp["Content-Type"] = ...`). A browser does not render such a
//! response as HTML, so its body is no cross-site scripting.
//!
//! Each function is walked once ([`Retyped::of`]): which calls are assigned
//! to one name, and where each name is given a content type. A sink then
//! asks in constant time.

use crate::eval::Eval;
use crate::module::functions::Body;
use rustc_hash::FxHashMap;
use vigil_knowledge::markup::{CONTENT_TYPE_ATTRIBUTES, CONTENT_TYPE_HEADER, is_markup_type};
use vigil_python::ast::statement_visitor::{StatementVisitor, walk_stmt};
use vigil_python::ast::{self, Expr, Stmt};
use vigil_python::{Ranged, TextSize};

/// What one function does with the content types of the objects it names.
#[derive(Debug, Default)]
pub struct Retyped {
    /// Calls assigned to one name (`resp = make_response(...)`), by the
    /// call's start.
    made: FxHashMap<TextSize, String>,
    /// Where each name is given a content type that is not markup.
    not_markup: FxHashMap<String, Vec<TextSize>>,
}

impl Retyped {
    fn of(body: &[Stmt]) -> Retyped {
        let mut walk = Walk::default();
        walk.visit_body(body);
        walk.found
    }

    /// Whether the result of `call` is given a content type that is not
    /// markup after the call, in the same function.
    fn retypes(&self, call: &ast::ExprCall) -> bool {
        let start = call.range().start();
        self.made
            .get(&start)
            .and_then(|name| self.not_markup.get(name))
            .is_some_and(|at| at.iter().any(|&p| p > start))
    }
}

/// Whether the response `call` makes is given a content type that is not
/// markup later in the function `ev` analyses.
pub fn response_retyped(ev: &mut Eval, call: &ast::ExprCall) -> bool {
    let f = ev.f;
    if !ev.cx.retyped.contains_key(&f) {
        let found = match ev.cx.funcs[f as usize].body {
            Body::Def(def) => Retyped::of(&def.body),
            Body::Module(body) => Retyped::of(body),
            Body::Lambda(_) => Retyped::default(),
        };
        ev.cx.retyped.insert(f, found);
    }
    ev.cx.retyped.get(&f).is_some_and(|r| r.retypes(call))
}

#[derive(Default)]
struct Walk {
    found: Retyped,
}

impl Walk {
    /// `name` when `target` sets its content type (`name.mimetype`,
    /// `name.headers["Content-Type"]`, `name["Content-Type"]`).
    fn retyped_name(target: &Expr) -> Option<&str> {
        fn named(e: &Expr) -> Option<&str> {
            match e {
                Expr::Name(n) => Some(n.id.as_str()),
                _ => None,
            }
        }
        match target {
            Expr::Attribute(a) if CONTENT_TYPE_ATTRIBUTES.contains(&a.attr.as_str()) => {
                named(&a.value)
            }
            Expr::Subscript(s) => {
                let Expr::StringLiteral(key) = &*s.slice else {
                    return None;
                };
                if !key.value.to_str().eq_ignore_ascii_case(CONTENT_TYPE_HEADER) {
                    return None;
                }
                match &*s.value {
                    Expr::Attribute(h) if h.attr.as_str() == "headers" => named(&h.value),
                    other => named(other),
                }
            }
            _ => None,
        }
    }
}

impl<'a> StatementVisitor<'a> for Walk {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            // Their own functions: walked when they are analysed.
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::Assign(assign) => {
                if let ([Expr::Name(target)], Expr::Call(call)) =
                    (assign.targets.as_slice(), &*assign.value)
                {
                    self.found
                        .made
                        .insert(call.range().start(), target.id.to_string());
                }
                // Only a literal says what the content type is.
                let not_markup = matches!(&*assign.value, Expr::StringLiteral(s)
                    if !is_markup_type(s.value.to_str()));
                if not_markup {
                    for target in &assign.targets {
                        if let Some(name) = Self::retyped_name(target) {
                            self.found
                                .not_markup
                                .entry(name.to_string())
                                .or_default()
                                .push(stmt.range().start());
                        }
                    }
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }
}
