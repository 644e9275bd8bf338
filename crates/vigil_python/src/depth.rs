//! Measuring how deeply a syntax tree nests, and cutting what is too deep.
//!
//! The parser builds `a + a + ...`, `a.b.b...` and `f()()...` chains in a
//! loop, so such a chain parses however long it is; but the tree is as deep
//! as the chain, and every recursive visitor (and the tree's own `Drop`)
//! descends it. vigil measures the depth once, on a stack that grows on
//! demand; when it is over [`MAX_NESTING_DEPTH`], every expression below
//! that depth is replaced by `...` (and leaked, since dropping it would
//! recurse as deep) before any rule runs. CPython's compiler refuses
//! nesting near 3,000 levels, so nothing CPython runs is cut.

use crate::stack::guarded;
use ruff_python_ast::visitor::source_order::{self, SourceOrderVisitor, TraversalSignal};
use ruff_python_ast::visitor::transformer::{self, Transformer};
use ruff_python_ast::{AnyNodeRef, Expr, ExprEllipsisLiteral, ModModule, Stmt, StmtPass};
use ruff_text_size::{Ranged, TextRange};
use std::cell::{Cell, RefCell};

/// Expressions and statements nested deeper than this are cut from the
/// tree. CPython 3.11 compiles a 2,000-term `1+1+...` chain and refuses a
/// 3,000-term one.
pub const MAX_NESTING_DEPTH: usize = 3_000;

/// An upper bound on the levels of nesting per byte of source (two in
/// fact; four for margin) and on the levels that take no source.
const LEVELS_PER_BYTE: usize = 4;
const SLACK: usize = 16;

struct DepthMeter {
    depth: usize,
    max: usize,
    /// Stop descending once this depth is reached: the answer is known.
    cap: usize,
    /// Nesting of recursive `visit_*` calls, for [`guarded`].
    level: u32,
    /// Skip subtrees too short to reach the cap.
    prune: bool,
}

impl<'a> SourceOrderVisitor<'a> for DepthMeter {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        self.depth += 1;
        self.max = self.max.max(self.depth);
        if self.depth > self.cap {
            return TraversalSignal::Skip;
        }
        // A subtree cannot nest deeper than its text allows: every level
        // of nesting takes at least one byte of source (`-` of `-----x`,
        // `f(` of `f(f(x))`) and adds at most two nodes (a call and its
        // arguments). A subtree too short to reach the cap is not walked.
        let bound = usize::from(node.range().len())
            .saturating_mul(LEVELS_PER_BYTE)
            .saturating_add(SLACK);
        if self.prune && self.depth.saturating_add(bound) <= self.cap {
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

/// How deeply `module` nests, for comparison with [`MAX_NESTING_DEPTH`]:
/// more than it when the tree is deeper (counting at most up to
/// `MAX_NESTING_DEPTH + 1`), at most it otherwise (subtrees too short to
/// reach the limit are not walked, so a shallow tree reports less than its
/// exact depth).
pub fn nesting_depth(module: &ModModule) -> usize {
    measure(module, MAX_NESTING_DEPTH, true)
}

fn measure(module: &ModModule, cap: usize, prune: bool) -> usize {
    let mut meter = DepthMeter {
        depth: 0,
        max: 0,
        cap,
        level: 0,
        prune,
    };
    for stmt in &module.body {
        meter.visit_stmt(stmt);
    }
    meter.max
}

/// Replaces every expression or statement nested deeper than
/// [`MAX_NESTING_DEPTH`] (counting expressions, statements and patterns)
/// by `...` or `pass`, and returns the ranges replaced.
pub fn prune_too_deep(module: &mut ModModule) -> Vec<TextRange> {
    let pruner = Pruner::default();
    for stmt in &mut module.body {
        pruner.visit_stmt(stmt);
    }
    pruner
        .cut
        .into_inner()
        .into_iter()
        .map(|(_, range)| range)
        .collect()
}

#[derive(Default)]
struct Pruner {
    level: Cell<u32>,
    /// Which node at the limit is being walked: the children cut from one
    /// node (both operands of `a + b`) are reported as one range.
    parent: Cell<u64>,
    cut: RefCell<Vec<(u64, TextRange)>>,
}

impl Pruner {
    /// Runs `walk` one level deeper, or cuts the node when that level is
    /// over the limit.
    fn descend<T: Ranged>(
        &self,
        node: &mut T,
        cut: impl FnOnce(TextRange) -> T,
        walk: impl FnOnce(&mut T),
    ) {
        let level = self.level.get() + 1;
        if level as usize > MAX_NESTING_DEPTH {
            let range = node.range();
            // Dropping the subtree would recurse as deep as it nests.
            std::mem::forget(std::mem::replace(node, cut(range)));
            let mut cut = self.cut.borrow_mut();
            match cut.last_mut() {
                Some((parent, hull)) if *parent == self.parent.get() => *hull = hull.cover(range),
                _ => cut.push((self.parent.get(), range)),
            }
            return;
        }
        if level as usize == MAX_NESTING_DEPTH {
            self.parent.set(self.parent.get() + 1);
        }
        self.level.set(level);
        guarded(level, || walk(node));
        self.level.set(level - 1);
    }
}

impl Transformer for Pruner {
    fn visit_expr(&self, expr: &mut Expr) {
        self.descend(
            expr,
            |range| {
                Expr::EllipsisLiteral(ExprEllipsisLiteral {
                    node_index: Default::default(),
                    range,
                })
            },
            |expr| transformer::walk_expr(self, expr),
        );
    }

    fn visit_stmt(&self, stmt: &mut Stmt) {
        self.descend(
            stmt,
            |range| {
                Stmt::Pass(StmtPass {
                    node_index: Default::default(),
                    range,
                })
            },
            |stmt| transformer::walk_stmt(self, stmt),
        );
    }

    fn visit_pattern(&self, pattern: &mut ruff_python_ast::Pattern) {
        let level = self.level.get() + 1;
        self.level.set(level);
        guarded(level, || transformer::walk_pattern(self, pattern));
        self.level.set(level - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::{Mode, ParseOptions, parse_unchecked};

    fn module(source: &str) -> ModModule {
        parse_unchecked(source, ParseOptions::from(Mode::Module))
            .try_into_module()
            .expect("a module")
            .into_syntax()
    }

    /// Nested constructs, `n` levels deep, as compact as Python allows.
    fn constructs(n: usize) -> Vec<String> {
        let r = |s: &str| s.repeat(n);
        vec![
            format!("{}x", r("-")),
            format!("{}x", r("not ")),
            format!("{}x{}", r("f("), r(")")),
            format!("{}x{}", r("f(a="), r(")")),
            format!("{}x{}", r("f(*"), r(")")),
            format!("{}x{}", r("["), r("]")),
            format!("{}x{}", r("a["), r("]")),
            format!("{}x{}", r("{1:"), r("}")),
            format!("{}x", r("lambda:")),
            format!("x{}", r(".a")),
            format!("x{}", r("()")),
            format!("{}x{}", r("f\"{"), r("}\"")),
            format!("{}x{}", r("f\"{x:{"), r("}}\"")),
            format!("{}x{}", r("[x for x in "), r("]")),
            format!("match x:\n case {}y{}: pass\n", r("A("), r(")")),
            format!("match x:\n case {}y{}: pass\n", r("A(b="), r(")")),
            format!("match x:\n case {}y{}: pass\n", r("["), r("]")),
            format!("async def f():\n {}x\n", r("await ")),
            format!("x = {}", r("a + ")) + "a",
        ]
    }

    #[test]
    fn pruning_never_hides_a_tree_that_is_too_deep() {
        for n in [1, 5, 60, 240, 499, 501, 998, 1001, 1500] {
            for source in constructs(n) {
                let tree = module(&source);
                let exact = measure(&tree, usize::MAX, false);
                let pruned = nesting_depth(&tree);
                assert!(
                    exact.min(MAX_NESTING_DEPTH + 1) == pruned.min(MAX_NESTING_DEPTH + 1)
                        || (exact <= MAX_NESTING_DEPTH && pruned <= MAX_NESTING_DEPTH),
                    "n={n} exact={exact} pruned={pruned}: {}",
                    &source[..source.len().min(40)]
                );
                // The bound the pruning relies on.
                let bytes = source.len();
                assert!(
                    exact <= bytes * LEVELS_PER_BYTE + SLACK,
                    "{exact} levels in {bytes} bytes"
                );
            }
        }
    }
}
