//! What one body of code (a function's, or the module's own statements)
//! does, for the rules that judge behaviours together: secrets read and
//! data sent in the same function, a download made executable and run.
//!
//! The walk stays in the body: nested functions, classes and lambdas are
//! bodies of their own (each summarised when the rule reaches it), so
//! every statement is summarised once per rule that asks.

use super::context;
use crate::checker::Checker;
use vigil_knowledge::supply_chain as sc;
use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{Expr, ExprCall, Stmt};
use vigil_python::stack::guarded;
use vigil_python::{Ranged, TextRange};
use vigil_semantic::ScopeId;

/// What a body does, each with where and a short description.
#[derive(Debug, Default)]
pub struct Summary {
    /// Credential files or the whole environment read.
    pub secrets: Vec<(TextRange, String)>,
    /// Data sent over the network (the callee, or `a chat webhook`).
    pub sends: Vec<(TextRange, String)>,
    /// Resources fetched from the network.
    pub fetches: Vec<(TextRange, String)>,
    /// Files made executable.
    pub chmods: Vec<TextRange>,
    /// Programs started.
    pub processes: Vec<(TextRange, String)>,
}

/// Summarises `body`, whose names are read in `scope`.
pub fn summarize<'a>(checker: &Checker<'a>, body: &'a [Stmt], scope: ScopeId) -> Summary {
    let mut walker = Walker {
        checker,
        scope,
        summary: Summary::default(),
        level: 0,
    };
    for stmt in body {
        walker.visit_stmt(stmt);
    }
    walker.summary
}

/// The summary of the module's own statements, made once for the rules
/// that judge it one after the other.
pub fn of_module(checker: &Checker) -> std::rc::Rc<Summary> {
    // No node starts at this offset: the module's entry in the memo.
    let key = vigil_python::TextSize::new(u32::MAX);
    checker.memo(key, || {
        summarize(checker, checker.module_body(), ScopeId::MODULE)
    })
}

struct Walker<'c, 'a> {
    checker: &'c Checker<'a>,
    scope: ScopeId,
    summary: Summary,
    level: u32,
}

impl Walker<'_, '_> {
    fn resolve(&self, expr: &Expr) -> Option<String> {
        self.checker
            .semantic
            .resolve_qualified_name(expr, self.scope)
    }

    fn is_environ(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(_) | Expr::Attribute(_))
            && self.resolve(expr).as_deref() == Some("os.environ")
    }

    fn call(&mut self, call: &ExprCall) {
        let range = call.range();
        let qualified = self.resolve(&call.func);
        let first = call.arguments.args.first();
        if let Some(q) = qualified.as_deref() {
            if sc::NETWORK_SEND.contains(&q) {
                // A DNS lookup carries data only in a name built at run time.
                let lookup = q.starts_with("socket.get") || q.starts_with("dns.");
                let built = first.is_some_and(|a| self.checker.value_in(a, self.scope).is_none());
                if !lookup || built {
                    self.summary.sends.push((range, format!("`{q}`")));
                }
            }
            if sc::NETWORK_FETCH.contains(&q) {
                self.summary.fetches.push((range, q.to_string()));
            }
            if sc::CHMODS.contains(&q) {
                self.summary.chmods.push(range);
            }
            if context::is_process(q) {
                self.summary.processes.push((range, q.to_string()));
            }
            if sc::ENV_DUMPS.contains(&q)
                || (sc::ENV_CONSUMERS.contains(&q) && first.is_some_and(|a| self.is_environ(a)))
            {
                self.summary
                    .secrets
                    .push((range, "the whole environment (`os.environ`)".to_string()));
            }
        } else if let Expr::Attribute(attribute) = &*call.func
            && attribute.attr.as_str() == "chmod"
        {
            self.summary.chmods.push(range);
        }
        let Some(first) = first else { return };
        let reads_path = match qualified.as_deref() {
            Some(q) => context::is_path_api(q),
            None => matches!(&*call.func, Expr::Attribute(a)
                if sc::PATH_READ_METHODS.contains(&a.attr.as_str()) || a.attr.as_str() == "open"),
        };
        if reads_path
            && let Some(path) = context::path_text_in(self.checker, first, self.scope)
            && let Some(what) = sc::secret_path(&path)
        {
            self.summary
                .secrets
                .push((range, format!("{what} (`{}`)", context::short(&path))));
        }
        let url = call.arguments.find_keyword("url").map(|k| &k.value);
        for arg in std::iter::once(first).chain(url) {
            if let Some(text) = self.checker.string(arg)
                && sc::is_chat_webhook(&text)
            {
                self.summary
                    .sends
                    .push((range, "a chat webhook".to_string()));
            }
        }
    }
}

impl<'a> Visitor<'a> for Walker<'_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::For(each) if self.is_environ(&each.iter) => {
                self.summary.secrets.push((
                    each.iter.range(),
                    "the whole environment (`os.environ`)".to_string(),
                ));
                self.level += 1;
                let level = self.level;
                guarded(level, || visitor::walk_stmt(self, stmt));
                self.level -= 1;
            }
            _ => {
                self.level += 1;
                let level = self.level;
                guarded(level, || visitor::walk_stmt(self, stmt));
                self.level -= 1;
            }
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Lambda(_) => return,
            Expr::Call(call) => self.call(call),
            Expr::Dict(dict) => {
                for item in &dict.items {
                    if item.key.is_none() && self.is_environ(&item.value) {
                        self.summary.secrets.push((
                            item.value.range(),
                            "the whole environment (`os.environ`)".to_string(),
                        ));
                    }
                }
            }
            _ => {}
        }
        self.level += 1;
        let level = self.level;
        guarded(level, || visitor::walk_expr(self, expr));
        self.level -= 1;
    }
}
