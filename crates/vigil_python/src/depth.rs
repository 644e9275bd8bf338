//! Measuring how deeply a syntax tree nests, without overflowing the stack.
//!
//! The ruff parser grows its own stack, so hostile input such as a million
//! nested parentheses or a `a + a + ...` chain parses; but the resulting tree
//! is as deep as the input, and every recursive visitor (and the tree's own
//! `Drop`) would overflow. vigil measures the depth once, on a stack that
//! grows on demand, and refuses trees deeper than [`MAX_NESTING_DEPTH`]
//! before any rule runs.

use ruff_python_ast::visitor::source_order::{self, SourceOrderVisitor, TraversalSignal};
use ruff_python_ast::{AnyNodeRef, ModModule};

/// Deeper trees are reported as too deep and not analysed. Real code stays
/// far below this (CPython itself refuses much shallower nesting).
pub const MAX_NESTING_DEPTH: usize = 1_000;

/// Red zone and segment size for growing the stack in recursive walks.
pub(crate) const RED_ZONE: usize = 256 * 1024;
pub(crate) const STACK_SEGMENT: usize = 4 * 1024 * 1024;

struct DepthMeter {
    depth: usize,
    max: usize,
    /// Stop descending once this depth is reached: the answer is known.
    cap: usize,
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
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            source_order::walk_expr(self, expr)
        });
    }

    fn visit_stmt(&mut self, stmt: &'a ruff_python_ast::Stmt) {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            source_order::walk_stmt(self, stmt)
        });
    }

    fn visit_pattern(&mut self, pattern: &'a ruff_python_ast::Pattern) {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            source_order::walk_pattern(self, pattern)
        });
    }
}

/// The depth of the deepest node of `module`, counting at most up to
/// `MAX_NESTING_DEPTH + 1`.
pub fn nesting_depth(module: &ModModule) -> usize {
    let mut meter = DepthMeter {
        depth: 0,
        max: 0,
        cap: MAX_NESTING_DEPTH,
    };
    for stmt in &module.body {
        meter.visit_stmt(stmt);
    }
    meter.max
}
