//! Measuring how deeply a syntax tree nests, without overflowing the stack.
//!
//! The ruff parser grows its own stack, so hostile input such as a million
//! nested parentheses or a `a + a + ...` chain parses; but the resulting tree
//! is as deep as the input, and every recursive visitor (and the tree's own
//! `Drop`) would overflow. vigil measures the depth once, on a stack that
//! grows on demand, and refuses trees deeper than [`MAX_NESTING_DEPTH`]
//! before any rule runs.

use crate::stack::guarded;
use ruff_python_ast::visitor::source_order::{self, SourceOrderVisitor, TraversalSignal};
use ruff_python_ast::{AnyNodeRef, ModModule};

/// Deeper trees are reported as too deep and not analysed. Real code stays
/// far below this (CPython itself refuses much shallower nesting).
pub const MAX_NESTING_DEPTH: usize = 1_000;

struct DepthMeter {
    depth: usize,
    max: usize,
    /// Stop descending once this depth is reached: the answer is known.
    cap: usize,
    /// Nesting of recursive `visit_*` calls, for [`guarded`].
    level: u32,
}

impl<'a> SourceOrderVisitor<'a> for DepthMeter {
    fn enter_node(&mut self, _node: AnyNodeRef<'a>) -> TraversalSignal {
        self.depth += 1;
        self.max = self.max.max(self.depth);
        if self.depth > self.cap {
            TraversalSignal::Skip
        } else {
            TraversalSignal::Traverse
        }
    }

    fn leave_node(&mut self, _node: AnyNodeRef<'a>) {
        self.depth -= 1;
    }

    fn visit_expr(&mut self, expr: &'a ruff_python_ast::Expr) {
        self.level += 1;
        let level = self.level;
        guarded(level, || source_order::walk_expr(self, expr));
        self.level -= 1;
    }

    fn visit_stmt(&mut self, stmt: &'a ruff_python_ast::Stmt) {
        self.level += 1;
        let level = self.level;
        guarded(level, || source_order::walk_stmt(self, stmt));
        self.level -= 1;
    }

    fn visit_pattern(&mut self, pattern: &'a ruff_python_ast::Pattern) {
        self.level += 1;
        let level = self.level;
        guarded(level, || source_order::walk_pattern(self, pattern));
        self.level -= 1;
    }
}

/// The depth of the deepest node of `module`, counting at most up to
/// `MAX_NESTING_DEPTH + 1`.
pub fn nesting_depth(module: &ModModule) -> usize {
    let mut meter = DepthMeter {
        depth: 0,
        max: 0,
        cap: MAX_NESTING_DEPTH,
        level: 0,
    };
    for stmt in &module.body {
        meter.visit_stmt(stmt);
    }
    meter.max
}
