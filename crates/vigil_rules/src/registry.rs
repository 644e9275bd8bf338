//! The catalog: every rule, and the call table compiled from their rows.

use crate::call_pattern::CallPattern;
use crate::rule::Rule;
use crate::rules::ALL_RULES;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;
use vigil_python::ast::NodeKind;

/// Every rule, indexed for the checker.
pub struct Registry {
    pub rules: Vec<&'static Rule>,
    /// Qualified callee name -> the rows that match it.
    pub calls: FxHashMap<&'static str, Vec<(&'static Rule, &'static CallPattern)>>,
    /// Rules with a call hook; the indexes below point into this list.
    pub call_rules: Vec<&'static Rule>,
    /// The call hooks that see every call (no filter).
    pub(crate) calls_unfiltered: Vec<u16>,
    /// Call hooks by the parts of their filters.
    pub(crate) calls_by_name: FxHashMap<&'static str, Vec<u16>>,
    pub(crate) calls_by_method: FxHashMap<&'static str, Vec<u16>>,
    pub(crate) calls_by_keyword: FxHashMap<&'static str, Vec<u16>>,
    pub(crate) calls_by_prefix: Vec<(&'static str, u16)>,
    pub(crate) calls_by_suffix: Vec<(&'static str, u16)>,
    /// Statement and expression hooks by node kind (see [`Rule::nodes`]).
    pub(crate) node_hooks: Vec<Vec<&'static Rule>>,
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
        let call_rules: Vec<&'static Rule> = with(|r| r.on_call.is_some());
        let mut calls_unfiltered = Vec::new();
        let mut calls_by_name: FxHashMap<&'static str, Vec<u16>> = FxHashMap::default();
        let mut calls_by_method: FxHashMap<&'static str, Vec<u16>> = FxHashMap::default();
        let mut calls_by_keyword: FxHashMap<&'static str, Vec<u16>> = FxHashMap::default();
        let mut calls_by_prefix = Vec::new();
        let mut calls_by_suffix = Vec::new();
        for (i, rule) in call_rules.iter().enumerate() {
            let i = u16::try_from(i).expect("fewer than 65536 call hooks");
            let Some(filter) = &rule.call_filter else {
                calls_unfiltered.push(i);
                continue;
            };
            for name in (filter.names)() {
                calls_by_name.entry(name).or_default().push(i);
                // Re-exports of these names are worth following too.
                interesting.insert(name);
                for (at, c) in name.char_indices() {
                    if c == '.' {
                        interesting.insert(&name[..at]);
                    }
                }
            }
            for method in (filter.methods)() {
                calls_by_method.entry(method).or_default().push(i);
            }
            for keyword in (filter.keywords)() {
                calls_by_keyword.entry(keyword).or_default().push(i);
            }
            calls_by_prefix.extend(filter.prefixes.iter().map(|p| (*p, i)));
            calls_by_suffix.extend(filter.suffixes.iter().map(|p| (*p, i)));
        }
        Self {
            calls,
            call_rules,
            calls_unfiltered,
            calls_by_name,
            calls_by_method,
            calls_by_keyword,
            calls_by_prefix,
            calls_by_suffix,
            node_hooks: node_hooks(&rules),
            file_rules: with(|r| r.on_file.is_some()),
            interesting,
            rules,
        }
    }

    /// The rules whose `on_stmt` or `on_expr` hook wants this kind of node.
    pub(crate) fn node_hooks(&self, kind: NodeKind) -> &[&'static Rule] {
        self.node_hooks
            .get(kind as usize)
            .map_or(&[], Vec::as_slice)
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

    /// The call hooks that may concern a call, in catalog order, as
    /// indexes into [`Registry::call_rules`] (written to `out`).
    pub(crate) fn call_hooks_for(
        &self,
        call: &vigil_python::ast::ExprCall,
        qualified: Option<&str>,
        method: Option<&str>,
        out: &mut Vec<u16>,
    ) {
        out.clear();
        out.extend_from_slice(&self.calls_unfiltered);
        let before = out.len();
        if let Some(q) = qualified {
            if let Some(hooks) = self.calls_by_name.get(q) {
                out.extend_from_slice(hooks);
            }
            for (prefix, i) in &self.calls_by_prefix {
                if q.starts_with(prefix) {
                    out.push(*i);
                }
            }
            for (suffix, i) in &self.calls_by_suffix {
                if q.ends_with(suffix) {
                    out.push(*i);
                }
            }
        }
        if let Some(hooks) = method.and_then(|m| self.calls_by_method.get(m)) {
            out.extend_from_slice(hooks);
        }
        for keyword in &call.arguments.keywords {
            if let Some(name) = &keyword.arg
                && let Some(hooks) = self.calls_by_keyword.get(name.as_str())
            {
                out.extend_from_slice(hooks);
            }
        }
        if out.len() > before {
            out.sort_unstable();
            out.dedup();
        }
    }

    /// Whether some rule cares about calls to `qualified` (or to members of it).
    pub fn is_interesting(&self, qualified: &str) -> bool {
        self.interesting.contains(qualified)
    }
}

/// Room for every `NodeKind` (94 in the pinned parser).
const NODE_KINDS: usize = 128;

fn node_hooks(rules: &[&'static Rule]) -> Vec<Vec<&'static Rule>> {
    let mut table: Vec<Vec<&'static Rule>> = vec![Vec::new(); NODE_KINDS];
    for rule in rules {
        if rule.on_stmt.is_none() && rule.on_expr.is_none() {
            continue;
        }
        for (kind, hooks) in table.iter_mut().enumerate() {
            if rule.nodes.is_empty() || rule.nodes.iter().any(|k| *k as usize == kind) {
                hooks.push(rule);
            }
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::registry;
    use vigil_python::ast::{Expr, Stmt};

    fn call_of(code: &'static str) -> vigil_python::ast::ExprCall {
        let parsed = vigil_python::parse_module(code, vigil_python::ast::PySourceType::Python)
            .expect("parses");
        let Some(Stmt::Expr(stmt)) = parsed.module.body.into_iter().next() else {
            panic!("not an expression statement");
        };
        let Expr::Call(call) = *stmt.value else {
            panic!("not a call");
        };
        call
    }

    #[test]
    fn per_file_selectors_name_a_rule_by_name_code_or_category() {
        let weak_hash = &registry().find("weak-hash")[0].meta;
        for selector in ["weak-hash", "WEAK-HASH", "B324", "cryptography", "ALL"] {
            assert!(weak_hash.selected_by(selector), "{selector}");
        }
        for selector in ["weak", "injection", "B101"] {
            assert!(!weak_hash.selected_by(selector), "{selector}");
        }
    }

    fn hooks(code: &'static str, qualified: Option<&str>) -> Vec<&'static str> {
        let mut out = Vec::new();
        let call = call_of(code);
        let method = match call.func.as_ref() {
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            _ => None,
        };
        registry().call_hooks_for(&call, qualified, method, &mut out);
        out.iter()
            .map(|i| registry().call_rules[usize::from(*i)].meta.name)
            .collect()
    }

    #[test]
    fn every_call_filter_lets_some_call_through() {
        for rule in &registry().call_rules {
            if let Some(filter) = &rule.call_filter {
                let parts = (filter.names)().len()
                    + filter.prefixes.len()
                    + filter.suffixes.len()
                    + (filter.methods)().len()
                    + (filter.keywords)().len();
                assert!(
                    parts > 0,
                    "`{}` has a filter that matches nothing",
                    rule.meta.name
                );
            }
        }
    }

    #[test]
    fn filtered_hooks_see_only_the_calls_they_name() {
        let unfiltered = hooks("f(x)", None);
        assert!(!unfiltered.contains(&"insecure-cookie"));
        assert!(!unfiltered.contains(&"jwt-verification-disabled"));
        // By method, by name, by prefix, by suffix, by keyword; in catalog order.
        assert!(hooks("resp.set_cookie('a', 'b')", None).contains(&"insecure-cookie"));
        assert!(hooks("decode(t)", Some("jwt.decode")).contains(&"jwt-verification-disabled"));
        assert!(hooks("compile(p)", Some("re.compile")).contains(&"redos-pattern"));
        assert!(
            hooks(
                "M.from_pretrained(r)",
                Some("transformers.AutoModel.from_pretrained")
            )
            .contains(&"huggingface-unpinned-revision")
        );
        assert!(
            hooks("load(x, trust_remote_code=True)", None)
                .contains(&"huggingface-trust-remote-code")
        );
        let many = hooks("resp.set_cookie(a, b, shell=True)", Some("jwt.decode"));
        let mut sorted = many.clone();
        sorted.dedup();
        assert_eq!(many, sorted, "a hook runs once per call");
    }

    fn hooked(kind: vigil_python::ast::NodeKind) -> Vec<&'static str> {
        registry()
            .node_hooks(kind)
            .iter()
            .map(|r| r.meta.name)
            .collect()
    }

    #[test]
    fn node_hooks_run_for_the_kinds_their_rules_name() {
        use vigil_python::ast::NodeKind;
        let imports = hooked(NodeKind::StmtImportFrom);
        assert!(imports.contains(&"subprocess-import"), "{imports:?}");
        assert!(!imports.contains(&"hardcoded-password"), "{imports:?}");
        let compares = hooked(NodeKind::ExprCompare);
        assert!(
            compares.contains(&"timing-unsafe-comparison"),
            "{compares:?}"
        );
        assert!(compares.contains(&"hardcoded-secret"), "{compares:?}");
        assert!(!compares.contains(&"hardcoded-temp-path"), "{compares:?}");
        assert!(hooked(NodeKind::ExprName).is_empty(), "names need no hook");
        // A rule naming no kinds sees every node.
        for rule in &registry().rules {
            if (rule.on_stmt.is_some() || rule.on_expr.is_some()) && rule.nodes.is_empty() {
                assert!(hooked(NodeKind::StmtPass).contains(&rule.meta.name));
            }
        }
    }
}
