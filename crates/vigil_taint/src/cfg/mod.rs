//! Control-flow graphs of function and module bodies.
//!
//! A block is a list of [`Item`]s (simple statements, or the parts of a
//! compound statement that run at one point: an `if` test, a `for`
//! target); edges may carry a condition (`if` tests, `match` cases) that
//! the analysis uses to refine the state on that edge (guards) or to prune
//! it (constant conditions). Inside `try` bodies every statement ends its
//! block and every block has an edge to each handler, so handlers see the
//! state after any statement that may have raised.

mod build;

pub use build::build;

use vigil_python::TextRange;
use vigil_python::ast::{self as ast, Expr, Pattern};

pub type BlockId = u32;

/// Most blocks a graph may have; larger bodies are not analysed.
pub const MAX_BLOCKS: usize = 20_000;

/// One step of a block.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    /// An expression evaluated for its effects (calls, sinks, walrus).
    Expr(&'a Expr),
    /// `targets = value` (also annotated assignments).
    Assign {
        targets: &'a [Expr],
        value: &'a Expr,
    },
    AnnAssign {
        target: &'a Expr,
        value: &'a Expr,
    },
    AugAssign(&'a ast::StmtAugAssign),
    /// The target of a `for` loop gets the next element of `iter`.
    ForTarget {
        target: &'a Expr,
        iter: &'a Expr,
    },
    /// `with ctx as target`.
    With(&'a ast::WithItem),
    /// `except E as name` (with `E`, when given).
    ExceptAs(&'a ast::Identifier, Option<&'a Expr>),
    /// A `match` case binding its captures from the subject.
    CaseBind {
        subject: &'a Expr,
        pattern: &'a Pattern,
    },
    Return {
        value: Option<&'a Expr>,
        range: TextRange,
    },
    Raise(&'a ast::StmtRaise),
    Delete(&'a Expr),
    /// A nested `def`, `class` or import binds a name to something that is
    /// not data of this function.
    Define {
        name: &'a str,
        def: Option<&'a ast::StmtFunctionDef>,
    },
    Assert(&'a Expr),
}

/// An item with the statement it belongs to (header only for compound
/// statements), where suppression comments apply.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub item: Item<'a>,
    pub stmt: TextRange,
}

/// What must hold on an edge.
#[derive(Debug, Clone, Copy)]
pub enum Cond<'a> {
    /// The expression is true (`polarity`) or false.
    Test { expr: &'a Expr, polarity: bool },
    /// The subject matches the pattern.
    Case {
        subject: &'a Expr,
        pattern: &'a Pattern,
    },
}

#[derive(Debug, Clone, Copy)]
pub struct Edge<'a> {
    pub to: BlockId,
    pub cond: Option<Cond<'a>>,
}

#[derive(Debug, Default)]
pub struct Block<'a> {
    pub items: Vec<Entry<'a>>,
    pub succs: Vec<Edge<'a>>,
}

/// The graph of one body. Block 0 is the entry.
#[derive(Debug)]
pub struct Cfg<'a> {
    pub blocks: Vec<Block<'a>>,
    /// Reached by falling off the end or by `return`.
    pub exit: BlockId,
}

impl Cfg<'_> {
    /// Blocks in reverse post-order (a good order for the worklist).
    pub fn reverse_postorder(&self) -> Vec<BlockId> {
        let n = self.blocks.len();
        let mut seen = vec![false; n];
        let mut order = Vec::with_capacity(n);
        let mut stack: Vec<(BlockId, usize)> = vec![(0, 0)];
        seen[0] = true;
        while let Some((block, next)) = stack.pop() {
            let succs = &self.blocks[block as usize].succs;
            if next < succs.len() {
                stack.push((block, next + 1));
                let to = succs[next].to;
                if !seen[to as usize] {
                    seen[to as usize] = true;
                    stack.push((to, 0));
                }
            } else {
                order.push(block);
            }
        }
        order.reverse();
        order
    }
}
