//! The catalog: every rule, and the call table compiled from their rows.

use crate::call_pattern::CallPattern;
use crate::rule::Rule;
use crate::rules::ALL_RULES;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// Every rule, indexed for the checker.
pub struct Registry {
    pub rules: Vec<&'static Rule>,
    /// Qualified callee name -> the rows that match it.
    pub calls: FxHashMap<&'static str, Vec<(&'static Rule, &'static CallPattern)>>,
    pub call_rules: Vec<&'static Rule>,
    pub stmt_rules: Vec<&'static Rule>,
    pub expr_rules: Vec<&'static Rule>,
    pub file_rules: Vec<&'static Rule>,
    /// Every qualified name in the call table and each of its prefixes
    /// (`subprocess`, `subprocess.run`): the names worth following across
    /// modules of the scanned project.
    interesting: FxHashSet<&'static str>,
}

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| Registry::new(ALL_RULES.iter().flat_map(|c| c.iter().copied()).collect()));

/// The catalog, compiled once.
pub fn registry() -> &'static Registry {
    &REGISTRY
}

impl Registry {
    fn new(rules: Vec<&'static Rule>) -> Self {
        let mut calls: FxHashMap<&'static str, Vec<_>> = FxHashMap::default();
        let mut interesting = FxHashSet::default();
        for rule in &rules {
            for row in rule.calls {
                for name in row.names {
                    calls.entry(*name).or_default().push((*rule, row));
                    interesting.insert(*name);
                    for (i, c) in name.char_indices() {
                        if c == '.' {
                            interesting.insert(&name[..i]);
                        }
                    }
                }
            }
        }
        let with = |pick: fn(&Rule) -> bool| rules.iter().copied().filter(|r| pick(r)).collect();
        Self {
            calls,
            call_rules: with(|r| r.on_call.is_some()),
            stmt_rules: with(|r| r.on_stmt.is_some()),
            expr_rules: with(|r| r.on_expr.is_some()),
            file_rules: with(|r| r.on_file.is_some()),
            interesting,
            rules,
        }
    }

    pub fn get(&self, name: &str) -> Option<&'static Rule> {
        self.rules.iter().copied().find(|r| r.meta.name == name)
    }

    /// Rules that a name or a Bandit/Ruff code designates.
    pub fn find(&self, name_or_code: &str) -> Vec<&'static Rule> {
        let key = name_or_code.trim();
        self.rules
            .iter()
            .copied()
            .filter(|r| r.meta.name.eq_ignore_ascii_case(key) || r.meta.has_code(key))
            .collect()
    }

    /// Whether some rule cares about calls to `qualified` (or to members of it).
    pub fn is_interesting(&self, qualified: &str) -> bool {
        self.interesting.contains(qualified)
    }
}
