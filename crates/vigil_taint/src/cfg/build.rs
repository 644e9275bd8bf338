//! From statements to a [`Cfg`].

use super::{Block, BlockId, Cfg, Cond, Edge, Entry, Item, MAX_BLOCKS};
use vigil_python::ast::{self as ast, Expr, Stmt};
use vigil_python::{Ranged, TextRange, header_range};

const RED_ZONE: usize = 256 * 1024;
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

struct Loop {
    head: BlockId,
    after: BlockId,
}

struct Builder<'a, 'f> {
    blocks: Vec<Block<'a>>,
    current: BlockId,
    exit: BlockId,
    loops: Vec<Loop>,
    /// Innermost `try ... finally` bodies: where `return` goes first.
    finals: Vec<BlockId>,
    /// Depth of `try` bodies being built (statements then end their block).
    in_try: usize,
    /// Handlers of the innermost `try`s, for `raise`.
    handlers: Vec<Vec<BlockId>>,
    is_noreturn: &'f dyn Fn(&ast::ExprCall) -> bool,
    too_big: bool,
}

/// Builds the graph of `body`; `None` when it is too large to analyse.
/// `is_noreturn` tells calls that never return (`sys.exit()`).
pub fn build<'a>(
    body: &'a [Stmt],
    is_noreturn: &dyn Fn(&ast::ExprCall) -> bool,
) -> Option<Cfg<'a>> {
    let mut b = Builder {
        blocks: vec![Block::default(), Block::default()],
        current: 0,
        exit: 1,
        loops: Vec::new(),
        finals: Vec::new(),
        in_try: 0,
        handlers: Vec::new(),
        is_noreturn,
        too_big: false,
    };
    b.body(body);
    let exit = b.exit;
    b.edge(b.current, exit, None);
    if b.too_big {
        return None;
    }
    Some(Cfg {
        blocks: b.blocks,
        exit,
    })
}

impl<'a> Builder<'a, '_> {
    fn new_block(&mut self) -> BlockId {
        if self.blocks.len() >= MAX_BLOCKS {
            self.too_big = true;
            // Keep building into the last block; the result is discarded.
            return (self.blocks.len() - 1) as BlockId;
        }
        self.blocks.push(Block::default());
        (self.blocks.len() - 1) as BlockId
    }

    fn edge(&mut self, from: BlockId, to: BlockId, cond: Option<Cond<'a>>) {
        self.blocks[from as usize].succs.push(Edge { to, cond });
    }

    fn push(&mut self, item: Item<'a>, stmt: TextRange) {
        self.blocks[self.current as usize]
            .items
            .push(Entry { item, stmt });
    }

    /// Continues in a fresh block that nothing reaches (after a jump).
    fn dead_end(&mut self) {
        self.current = self.new_block();
    }

    fn body(&mut self, stmts: &'a [Stmt]) {
        for stmt in stmts {
            if self.too_big {
                return;
            }
            stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.stmt(stmt));
            if self.in_try > 0 {
                // Each statement of a try body ends its block, so that the
                // handlers see the state after it.
                let next = self.new_block();
                self.edge(self.current, next, None);
                self.current = next;
            }
        }
    }

    fn stmt(&mut self, stmt: &'a Stmt) {
        let header = header_range(stmt);
        match stmt {
            Stmt::Expr(s) => {
                self.push(Item::Expr(&s.value), header);
                if let Expr::Call(call) = s.value.as_ref()
                    && (self.is_noreturn)(call)
                {
                    self.raise_edges();
                    self.dead_end();
                }
            }
            Stmt::Assign(s) => self.push(
                Item::Assign {
                    targets: &s.targets,
                    value: &s.value,
                },
                header,
            ),
            Stmt::AnnAssign(s) => {
                if let Some(value) = &s.value {
                    self.push(
                        Item::AnnAssign {
                            target: &s.target,
                            value,
                        },
                        header,
                    );
                }
            }
            Stmt::AugAssign(s) => self.push(Item::AugAssign(s), header),
            Stmt::Return(s) => {
                self.push(
                    Item::Return {
                        value: s.value.as_deref(),
                        range: s.range,
                    },
                    header,
                );
                let target = self.finals.last().copied().unwrap_or(self.exit);
                self.edge(self.current, target, None);
                self.dead_end();
            }
            Stmt::Raise(s) => {
                self.push(Item::Raise(s), header);
                self.raise_edges();
                self.dead_end();
            }
            Stmt::Delete(s) => {
                for target in &s.targets {
                    self.push(Item::Delete(target), header);
                }
            }
            Stmt::Assert(s) => self.push(Item::Assert(&s.test), header),
            Stmt::FunctionDef(def) => self.push(
                Item::Define {
                    name: def.name.as_str(),
                    def: Some(def),
                },
                header,
            ),
            Stmt::ClassDef(class) => self.push(
                Item::Define {
                    name: class.name.as_str(),
                    def: None,
                },
                header,
            ),
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().map_or_else(
                        || alias.name.as_str().split('.').next().unwrap_or(""),
                        |a| a.as_str(),
                    );
                    self.push(
                        Item::Define {
                            name: bound,
                            def: None,
                        },
                        header,
                    );
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    if bound != "*" {
                        self.push(
                            Item::Define {
                                name: bound,
                                def: None,
                            },
                            header,
                        );
                    }
                }
            }
            Stmt::If(s) => self.if_stmt(s, header),
            Stmt::While(s) => self.while_stmt(s, header),
            Stmt::For(s) => self.for_stmt(s, header),
            Stmt::With(s) => {
                for item in &s.items {
                    self.push(Item::With(item), header);
                }
                self.body(&s.body);
            }
            Stmt::Try(s) => self.try_stmt(s),
            Stmt::Match(s) => self.match_stmt(s, header),
            Stmt::Break(_) => {
                if let Some(target) = self.loops.last().map(|l| l.after) {
                    self.edge(self.current, target, None);
                }
                self.dead_end();
            }
            Stmt::Continue(_) => {
                if let Some(target) = self.loops.last().map(|l| l.head) {
                    self.edge(self.current, target, None);
                }
                self.dead_end();
            }
            Stmt::TypeAlias(_)
            | Stmt::Global(_)
            | Stmt::Nonlocal(_)
            | Stmt::Pass(_)
            | Stmt::IpyEscapeCommand(_) => {}
        }
    }

    /// A raise goes to the innermost handlers, else out of the body.
    fn raise_edges(&mut self) {
        match self.handlers.last().cloned() {
            Some(handlers) => {
                for h in handlers {
                    self.edge(self.current, h, None);
                }
            }
            None => {
                // Leaving by an exception: not a return, so no edge to the
                // exit (the return value is not affected).
            }
        }
    }

    fn if_stmt(&mut self, s: &'a ast::StmtIf, header: TextRange) {
        self.push(Item::Expr(&s.test), header);
        let after = self.new_block();
        let mut test = &*s.test;
        let mut body = &s.body;
        let mut clauses = s.elif_else_clauses.iter();
        loop {
            let then_block = self.new_block();
            let else_block = self.new_block();
            let from = self.current;
            self.edge(
                from,
                then_block,
                Some(Cond::Test {
                    expr: test,
                    polarity: true,
                }),
            );
            self.edge(
                from,
                else_block,
                Some(Cond::Test {
                    expr: test,
                    polarity: false,
                }),
            );
            self.current = then_block;
            self.body(body);
            self.edge(self.current, after, None);
            self.current = else_block;
            match clauses.next() {
                Some(clause) => match &clause.test {
                    Some(elif_test) => {
                        self.push(Item::Expr(elif_test), elif_test.range());
                        test = elif_test;
                        body = &clause.body;
                    }
                    None => {
                        self.body(&clause.body);
                        break;
                    }
                },
                None => break,
            }
        }
        self.edge(self.current, after, None);
        self.current = after;
    }

    fn while_stmt(&mut self, s: &'a ast::StmtWhile, header: TextRange) {
        let head = self.new_block();
        let body = self.new_block();
        let orelse = self.new_block();
        let after = self.new_block();
        self.edge(self.current, head, None);
        self.current = head;
        self.push(Item::Expr(&s.test), header);
        let test = Some(&*s.test);
        self.edge(
            head,
            body,
            test.map(|expr| Cond::Test {
                expr,
                polarity: true,
            }),
        );
        self.edge(
            head,
            orelse,
            test.map(|expr| Cond::Test {
                expr,
                polarity: false,
            }),
        );
        self.loops.push(Loop { head, after });
        self.current = body;
        self.body(&s.body);
        self.edge(self.current, head, None);
        self.loops.pop();
        self.current = orelse;
        self.body(&s.orelse);
        self.edge(self.current, after, None);
        self.current = after;
    }

    fn for_stmt(&mut self, s: &'a ast::StmtFor, header: TextRange) {
        self.push(Item::Expr(&s.iter), header);
        let head = self.new_block();
        let body = self.new_block();
        let orelse = self.new_block();
        let after = self.new_block();
        self.edge(self.current, head, None);
        self.edge(head, body, None);
        self.edge(head, orelse, None);
        self.loops.push(Loop { head, after });
        self.current = body;
        self.push(
            Item::ForTarget {
                target: &s.target,
                iter: &s.iter,
            },
            header,
        );
        self.body(&s.body);
        self.edge(self.current, head, None);
        self.loops.pop();
        self.current = orelse;
        self.body(&s.orelse);
        self.edge(self.current, after, None);
        self.current = after;
    }

    fn try_stmt(&mut self, s: &'a ast::StmtTry) {
        let handler_blocks: Vec<BlockId> = s.handlers.iter().map(|_| self.new_block()).collect();
        let final_block = (!s.finalbody.is_empty()).then(|| self.new_block());
        let after = self.new_block();
        // Where an exception in the body goes: the handlers, and the
        // finally block (for exceptions no handler takes).
        let mut catch: Vec<BlockId> = handler_blocks.clone();
        catch.extend(final_block);

        let body_start = self.new_block();
        self.edge(self.current, body_start, None);
        self.current = body_start;
        if let Some(f) = final_block {
            self.finals.push(f);
        }
        self.handlers.push(catch.clone());
        self.in_try += 1;
        let first = body_start;
        self.body(&s.body);
        self.in_try -= 1;
        self.handlers.pop();
        let last = self.current;
        // Every block of the body (ids are allocated in order) may raise.
        for block in first..=last {
            for &h in &catch {
                self.edge(block, h, None);
            }
        }
        self.body(&s.orelse);
        let normal_target = final_block.unwrap_or(after);
        self.edge(self.current, normal_target, None);
        if final_block.is_some() {
            self.finals.pop();
        }

        for (handler, &block) in s.handlers.iter().zip(&handler_blocks) {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            self.current = block;
            if let Some(name) = &handler.name {
                self.push(
                    Item::ExceptAs(name, handler.type_.as_deref()),
                    handler.range,
                );
            }
            if let Some(f) = final_block {
                self.finals.push(f);
            }
            self.body(&handler.body);
            if final_block.is_some() {
                self.finals.pop();
            }
            self.edge(self.current, normal_target, None);
        }

        if let Some(f) = final_block {
            self.current = f;
            self.body(&s.finalbody);
            self.edge(self.current, after, None);
            // Returns that went through the finally block end here.
            let exit = self.finals.last().copied().unwrap_or(self.exit);
            self.edge(self.current, exit, None);
        }
        self.current = after;
    }

    fn match_stmt(&mut self, s: &'a ast::StmtMatch, header: TextRange) {
        self.push(Item::Expr(&s.subject), header);
        let after = self.new_block();
        for case in &s.cases {
            let case_block = self.new_block();
            let next = self.new_block();
            let from = self.current;
            self.edge(
                from,
                case_block,
                Some(Cond::Case {
                    subject: &s.subject,
                    pattern: &case.pattern,
                }),
            );
            if !case.pattern.is_irrefutable() || case.guard.is_some() {
                self.edge(from, next, None);
            }
            self.current = case_block;
            self.push(
                Item::CaseBind {
                    subject: &s.subject,
                    pattern: &case.pattern,
                },
                case.pattern.range(),
            );
            if let Some(guard) = &case.guard {
                self.push(Item::Expr(guard), guard.range());
                let body = self.new_block();
                self.edge(
                    self.current,
                    body,
                    Some(Cond::Test {
                        expr: guard,
                        polarity: true,
                    }),
                );
                self.edge(
                    self.current,
                    next,
                    Some(Cond::Test {
                        expr: guard,
                        polarity: false,
                    }),
                );
                self.current = body;
            }
            self.body(&case.body);
            self.edge(self.current, after, None);
            self.current = next;
        }
        self.edge(self.current, after, None);
        self.current = after;
    }
}
