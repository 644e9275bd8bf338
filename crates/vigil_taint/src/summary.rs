//! Function summaries: what a function does with the data it is given.

use crate::intern::Sym;
use crate::kinds::{KindSet, RuleId};
use crate::value::{Taint, Ty};

/// What callers need to know about a function.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Parameters whose data reaches the return value: index, the sinks it
    /// was made safe for on every way, and the flags it keeps.
    pub params_to_return: Vec<(u32, KindSet, u8)>,
    /// The return value holds data the analysis cannot see.
    pub returns_unknown: bool,
    /// With `returns_unknown`: the sinks that unseen data was made safe
    /// for on every return (a parameter validated before it is returned).
    pub unknown_cleared: KindSet,
    /// Untrusted data the function reads itself and returns.
    pub returns_sources: Taint,
    pub return_type: Option<Ty>,
    /// Parameters whose data reaches a sink.
    pub param_sinks: Vec<(u32, RuleId)>,
    /// Parameters stored into attributes of `self`.
    pub param_fields: Vec<(u32, Sym)>,
    /// Whether a return was seen (the first one sets the return type).
    pub returned_once: bool,
    /// What a true result proves about the parameters (`return
    /// value.isalnum()`), as (parameter, guard) with the guard's place
    /// unused; `None` until a return that may be true is seen, and what
    /// holds on every such return after that.
    pub truthy_guards: Option<Vec<(u32, crate::value::GuardFact)>>,
}

impl Summary {
    /// The summary assumed for a function not analysed: every parameter
    /// reaches the result, which may hold anything.
    pub fn opaque(params: usize) -> Summary {
        Summary {
            params_to_return: (0..params as u32).map(|i| (i, KindSet::EMPTY, 0)).collect(),
            returns_unknown: true,
            ..Summary::default()
        }
    }

    pub fn add_return_param(&mut self, index: u32, cleared: KindSet, flags: u8) {
        match self
            .params_to_return
            .iter_mut()
            .find(|(i, _, _)| *i == index)
        {
            Some(entry) => {
                entry.1 = entry.1.intersect(cleared);
                entry.2 &= flags;
            }
            None => self.params_to_return.push((index, cleared, flags)),
        }
    }

    pub fn add_param_sink(&mut self, index: u32, rule: RuleId) {
        if !self.param_sinks.contains(&(index, rule)) {
            self.param_sinks.push((index, rule));
        }
    }

    pub fn add_param_field(&mut self, index: u32, attr: Sym) {
        if !self.param_fields.contains(&(index, attr)) {
            self.param_fields.push((index, attr));
        }
    }

    /// Adds what one return that may be true proves: only what every such
    /// return proves holds for callers.
    pub fn add_truthy_return(&mut self, proves: Vec<(u32, crate::value::GuardFact)>) {
        self.truthy_guards = Some(match self.truthy_guards.take() {
            None => proves,
            Some(before) => before
                .into_iter()
                .filter_map(|(index, mut guard)| {
                    let same = proves.iter().find(|(i, g)| {
                        *i == index
                            && g.require_flags == guard.require_flags
                            && g.sets_flags == guard.sets_flags
                    })?;
                    guard.clears = guard.clears.intersect(same.1.clears);
                    (guard.clears != KindSet::EMPTY || guard.sets_flags != 0)
                        .then_some((index, guard))
                })
                .collect(),
        });
    }

    /// Sorted lists, so that equal summaries compare equal.
    pub fn normalize(&mut self) {
        self.params_to_return.sort_by_key(|(i, _, _)| *i);
        self.param_sinks.sort_unstable();
        self.param_fields.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_parameters_keep_what_holds_on_every_return() {
        let mut s = Summary::default();
        s.add_return_param(0, KindSet(0b11), 1);
        s.add_return_param(0, KindSet(0b01), 1);
        assert_eq!(s.params_to_return, vec![(0, KindSet(0b01), 1)]);
        let opaque = Summary::opaque(2);
        assert_eq!(opaque.params_to_return.len(), 2);
        assert!(opaque.returns_unknown);
    }
}
