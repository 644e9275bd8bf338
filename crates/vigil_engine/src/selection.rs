//! Which rules run: `select` minus `ignore`, by name, code or category.

use rustc_hash::FxHashSet;
use vigil_rules::registry;

/// The set of enabled rule names.
#[derive(Debug, Clone)]
pub struct RuleSelection {
    enabled: FxHashSet<&'static str>,
}

/// A selector that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionError(pub String);

impl std::fmt::Display for SelectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule, code or category {:?}", self.0)
    }
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
        if is_known_external_code(selector) {
            return Ok(names);
        }
        return Err(SelectionError(selector.to_string()));
    }
    Ok(names)
}

/// Bandit/Ruff codes that vigil deliberately does not implement still
/// select nothing rather than fail (`# nosec B101`-style configs keep working).
fn is_known_external_code(code: &str) -> bool {
    let (prefix, digits) = code.split_at(1.min(code.len()));
    matches!(prefix, "B" | "S" | "b" | "s")
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
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
        Ok(Self { enabled })
    }

    pub fn all() -> Self {
        Self {
            enabled: registry().rules.iter().map(|r| r.meta.name).collect(),
        }
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
}
