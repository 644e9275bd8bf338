//! One function: a worklist fixpoint over its control-flow graph, then a
//! reporting pass over the stable states.

use crate::cfg::{self, Cond};
use crate::eval::Eval;
use crate::intern::Sym;
use crate::module::functions::Body;
use crate::module::{FnResult, ModuleCx};
use crate::state::State;
use crate::summary::Summary;
use crate::value::{Taint, Value};
use vigil_python::ast;

/// How many times, on average, each block may be visited.
const VISITS_PER_BLOCK: usize = 24;

/// What analysing a function produced for the module tables.
#[derive(Debug, Default)]
pub struct Effects {
    pub summary: Summary,
    pub result: FnResult,
    /// Data passed to a parameter of a function of this module.
    pub calls: Vec<(u32, u32, Taint)>,
    /// Data stored into an attribute of a class's instances.
    pub fields: Vec<((Sym, Sym), Taint)>,
    /// Objects of a known type stored into an attribute of a class's
    /// instances.
    pub field_types: Vec<((Sym, Sym), crate::value::Ty)>,
    /// Module globals at the end (module body) or written (`global`).
    pub globals: Vec<(Sym, Value)>,
    /// The state a nested function or lambda was created in.
    pub captures: Vec<(u32, State)>,
}

pub fn analyze(cx: &mut ModuleCx, f: u32) -> Effects {
    match cx.funcs[f as usize].body {
        Body::Lambda(lambda) => analyze_lambda(cx, f, lambda),
        Body::Module(body) => analyze_body(cx, f, body),
        Body::Def(def) => analyze_body(cx, f, &def.body),
    }
}

fn analyze_lambda<'a>(cx: &mut ModuleCx<'a>, f: u32, lambda: &'a ast::ExprLambda) -> Effects {
    let mut ev = Eval::new(cx, f);
    ev.report = true;
    let mut st = ev.initial_state();
    let value = ev.eval(&mut st, &lambda.body);
    ev.record_truthy_return(&value);
    ev.record_return(value, Some(&lambda.body), lambda.range);
    ev.effects
}

fn analyze_body<'a>(cx: &mut ModuleCx<'a>, f: u32, body: &'a [ast::Stmt]) -> Effects {
    let graph = match cx.cfgs[f as usize].take() {
        Some(g) => g,
        None => {
            let scope = cx.funcs[f as usize].scope;
            let semantic = cx.input.semantic;
            let models = cx.models;
            let is_noreturn = |call: &ast::ExprCall| {
                semantic
                    .resolve_qualified_name(&call.func, scope)
                    .is_some_and(|q| models.is_noreturn(&q))
            };
            cfg::build(body, &is_noreturn)
        }
    };
    let Some(graph_ref) = graph.as_ref() else {
        // Too large to analyse: callers assume the worst.
        let params = cx.funcs[f as usize].params.len();
        return Effects {
            summary: Summary::opaque(params),
            ..Effects::default()
        };
    };
    let n = graph_ref.blocks.len();
    let order = graph_ref.reverse_postorder();
    let mut rank = vec![usize::MAX; n];
    for (i, &b) in order.iter().enumerate() {
        rank[b as usize] = i;
    }

    // Without a back edge (no loop), a block's state is final when reverse
    // post-order reaches it: one pass, reporting as it goes.
    let acyclic = graph_ref.blocks.iter().enumerate().all(|(b, block)| {
        rank[b] == usize::MAX || block.succs.iter().all(|e| rank[e.to as usize] > rank[b])
    });
    let mut ev = Eval::new(cx, f);
    ev.report = acyclic;
    let mut states: Vec<Option<State>> = vec![None; n];
    states[0] = Some(ev.initial_state());
    // The worklist: blocks by reverse post-order rank (a min-heap with a
    // membership flag); a loop-free graph is one sweep in that order.
    let mut pending: std::collections::BinaryHeap<std::cmp::Reverse<(usize, u32)>> =
        std::collections::BinaryHeap::new();
    let mut listed = vec![false; n];
    pending.push(std::cmp::Reverse((rank[0], 0)));
    listed[0] = true;
    let mut budget = n * VISITS_PER_BLOCK + 64;
    let mut sweep = order.iter();
    loop {
        let b = if acyclic {
            match sweep.next() {
                Some(&b) => b,
                None => break,
            }
        } else {
            match pending.pop() {
                Some(std::cmp::Reverse((_, b))) => {
                    listed[b as usize] = false;
                    b
                }
                None => break,
            }
        };
        if budget == 0 {
            break;
        }
        budget -= 1;
        let state = if acyclic && b != graph_ref.exit {
            states[b as usize].take()
        } else {
            states[b as usize].clone()
        };
        let Some(mut st) = state else {
            continue;
        };
        let block = &graph_ref.blocks[b as usize];
        for entry in &block.items {
            ev.exec(&mut st, entry);
        }
        let last = block.succs.len().saturating_sub(1);
        for (i, edge) in block.succs.iter().enumerate() {
            let mut next = if i == last {
                std::mem::take(&mut st)
            } else {
                st.clone()
            };
            if let Some(cond) = edge.cond
                && !refine_edge(&mut ev, &mut next, cond)
            {
                continue;
            }
            let slot = &mut states[edge.to as usize];
            let changed = match slot {
                Some(existing) => existing.join_from(&next),
                None => {
                    *slot = Some(next);
                    true
                }
            };
            let to = edge.to as usize;
            if changed && !acyclic && rank[to] != usize::MAX && !listed[to] {
                listed[to] = true;
                pending.push(std::cmp::Reverse((rank[to], edge.to)));
            }
        }
    }

    let exit = states[graph_ref.exit as usize].clone();
    if !acyclic {
        // Reporting pass: every reachable block once, from its stable state.
        ev.report = true;
        for &b in &order {
            let Some(mut st) = states[b as usize].take() else {
                continue;
            };
            for entry in &graph_ref.blocks[b as usize].items {
                ev.exec(&mut st, entry);
            }
        }
    }
    if let Some(exit) = exit {
        if f == 0 {
            for (name, value) in exit.into_vars() {
                ev.effects.globals.push((name, value));
            }
        } else {
            let scope = ev.cx.funcs[f as usize].scope;
            let declared: Vec<&str> = ev
                .cx
                .input
                .semantic
                .scope(scope)
                .globals
                .iter()
                .copied()
                .collect();
            for name in declared {
                if let Some(sym) = ev.cx.names.get(name)
                    && let Some(v) = exit.get(sym)
                {
                    ev.effects.globals.push((sym, v.clone()));
                }
            }
            if !ev.effects.summary.returned_once {
                ev.effects.summary.returns_unknown = false;
            }
        }
    }
    let effects = std::mem::take(&mut ev.effects);
    drop(ev);
    cx.cfgs[f as usize] = Some(graph);
    effects
}

fn refine_edge<'a>(ev: &mut Eval<'_, 'a>, st: &mut State, cond: Cond<'a>) -> bool {
    match cond {
        Cond::Test { expr, polarity } => crate::guards::refine(ev, st, expr, polarity),
        Cond::Case { subject, pattern } => {
            crate::guards::refine_case(ev, st, subject, pattern);
            true
        }
    }
}
