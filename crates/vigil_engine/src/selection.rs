//! Which rules run: `select` minus `ignore`, by name, code or category.

use rustc_hash::FxHashSet;
use vigil_rules::registry;

/// The set of enabled rule names.
#[derive(Debug, Clone)]
pub struct RuleSelection {
    enabled: FxHashSet<&'static str>,
    /// Whether some enabled rule needs the dataflow analysis: a dataflow
    /// rule, or a pattern rule whose findings the analysis proves safe or
    /// replaces (see [`crate::taint`]).
    dataflow: bool,
}

/// A selector that names no rule, and the closest valid one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionError(pub String, pub Option<String>);

/// Longest selector a suggestion is computed for, and shown whole: names
/// and codes are short, and a hostile configuration's megabyte-long entry
/// must cost neither quadratic edit-distance work nor a screenful.
const MAX_SELECTOR: usize = 64;

impl std::fmt::Display for SelectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: String = self.0.chars().take(MAX_SELECTOR).collect();
        let more = if shown.len() < self.0.len() {
            "…"
        } else {
            ""
        };
        write!(f, "unknown rule, code or category {:?}{more}", shown)?;
        if let Some(closest) = &self.1 {
            write!(f, " (did you mean {closest:?}?)")?;
        }
        Ok(())
    }
}

/// The rule name, code or category closest to a mistyped selector.
fn closest(selector: &str) -> Option<String> {
    if selector.len() > MAX_SELECTOR {
        return None;
    }
    let lower = selector.to_ascii_lowercase();
    let rules = &registry().rules;
    let names = rules.iter().flat_map(|r| {
        std::iter::once(r.meta.name)
            .chain(r.meta.bandit.iter().copied())
            .chain(r.meta.ruff.iter().copied())
            .chain(std::iter::once(r.meta.category.as_str()))
    });
    names
        .map(|name| {
            (
                strsim::levenshtein(&lower, &name.to_ascii_lowercase()),
                name,
            )
        })
        .filter(|(distance, name)| *distance <= (name.len() / 3).max(2))
        .min()
        .map(|(_, name)| name.to_string())
}

/// The rule names a selector designates: `ALL`, a rule name, a Bandit or
/// Ruff code, or a category.
pub fn expand(selector: &str) -> Result<Vec<&'static str>, SelectionError> {
    let selector = selector.trim();
    let rules = &registry().rules;
    if selector.eq_ignore_ascii_case("ALL") {
        return Ok(rules.iter().map(|r| r.meta.name).collect());
    }
    let mut names: Vec<&'static str> = registry()
        .find(selector)
        .iter()
        .map(|r| r.meta.name)
        .collect();
    names.extend(
        rules
            .iter()
            .filter(|r| r.meta.category.as_str().eq_ignore_ascii_case(selector))
            .map(|r| r.meta.name),
    );
    if names.is_empty() {
        // Every Bandit check and Ruff `S` rule maps to a rule (the parity
        // tables): a code that selects nothing is a typo, and a typo must
        // not silently turn the gate off.
        return Err(SelectionError(selector.to_string(), closest(selector)));
    }
    Ok(names)
}

impl RuleSelection {
    pub fn new(select: &[String], ignore: &[String]) -> Result<Self, SelectionError> {
        let mut enabled = FxHashSet::default();
        for selector in select {
            enabled.extend(expand(selector)?);
        }
        for selector in ignore {
            for name in expand(selector)? {
                enabled.remove(name);
            }
        }
        Ok(Self::of(enabled))
    }

    pub fn all() -> Self {
        Self::of(registry().rules.iter().map(|r| r.meta.name).collect())
    }

    fn of(enabled: FxHashSet<&'static str>) -> Self {
        let dataflow = registry()
            .rules
            .iter()
            .any(|r| enabled.contains(r.meta.name) && crate::taint::needs_dataflow(r));
        Self { enabled, dataflow }
    }

    /// Whether the dataflow analysis runs: a scan that selects only rules
    /// that read no dataflow skips it (and the second phase's re-analyses
    /// for dataflow reasons).
    pub fn wants_dataflow(&self) -> bool {
        self.dataflow
    }

    pub fn is_enabled(&self, rule: &str) -> bool {
        self.enabled.contains(rule)
    }

    pub fn len(&self) -> usize {
        self.enabled.len()
    }

    pub fn is_empty(&self) -> bool {
        self.enabled.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_by_name_code_and_category() {
        let s = RuleSelection::new(&["B602".into(), "weak-hash".into()], &[]).unwrap();
        assert!(s.is_enabled("subprocess-shell-true"));
        assert!(s.is_enabled("weak-hash"));
        assert!(!s.is_enabled("yaml-unsafe-load"));
        let s = RuleSelection::new(&["ALL".into()], &["injection".into(), "S324".into()]).unwrap();
        assert!(!s.is_enabled("os-shell-command"));
        assert!(!s.is_enabled("weak-hash"));
        assert!(s.is_enabled("yaml-unsafe-load"));
        assert!(RuleSelection::new(&["no-such-rule".into()], &[]).is_err());
    }

    #[test]
    fn dataflow_runs_when_a_selected_rule_reads_it() {
        let only = |name: &str| RuleSelection::new(&[name.into()], &[]).unwrap();
        assert!(RuleSelection::all().wants_dataflow());
        assert!(only("command-injection").wants_dataflow());
        // The analysis proves its arguments constant, or replaces it.
        assert!(only("subprocess-shell-true").wants_dataflow());
        assert!(!only("weak-hash").wants_dataflow());
        assert!(!only("hardcoded-token").wants_dataflow());
    }

    #[test]
    fn typos_are_errors_that_name_the_closest_selector() {
        for typo in ["S999", "B999", "S700", "s99", "weak-hashh", "injektion"] {
            assert!(expand(typo).is_err(), "{typo} selects something");
        }
        let error = expand("weak-hashh").unwrap_err();
        assert_eq!(error.1.as_deref(), Some("weak-hash"));
        assert!(error.to_string().contains("did you mean \"weak-hash\""));
        assert_eq!(
            expand("injektion").unwrap_err().1.as_deref(),
            Some("injection")
        );
        // Every code of the parity tables selects a rule.
        for (code, _) in vigil_rules::parity::BANDIT_CHECKS
            .iter()
            .chain(vigil_rules::parity::RUFF_RULES)
        {
            assert!(!expand(code).unwrap().is_empty(), "{code}");
        }
    }
}
