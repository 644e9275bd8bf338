//! Poetry version constraints (`^1.2`, `~1.2.3`, `>=1 <2`, `1.2.*`,
//! `^1 || ^2`) translated to PEP 440 and then to a [`VersionSet`].
//!
//! Caret allows changes that keep the leftmost non-zero component
//! (`^1.2.3` → `>=1.2.3,<2.0.0`, `^0.2.3` → `>=0.2.3,<0.3.0`, `^0.0.3` →
//! `>=0.0.3,<0.0.4`); tilde allows patch changes (`~1.2.3` →
//! `>=1.2.3,<1.3.0`, `~1` → `>=1,<2`). A bare version is an exact pin.

use super::Requirement;
use crate::version::{VersionSet, allowed_versions, parse_specifiers, parse_version};
use pep440_rs::Version;

/// Translates a Poetry constraint; the error says what is wrong.
pub fn poetry_constraint(text: &str) -> Result<Requirement, String> {
    let trimmed = text.trim();
    if trimmed.len() > 1024 {
        return Err("constraint too long".to_owned());
    }
    let alternatives: Vec<&str> = trimmed
        .split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    if alternatives.is_empty() || alternatives.contains(&"*") {
        return Ok(Requirement::Range {
            text: trimmed.to_owned(),
            allowed: VersionSet::full(),
        });
    }
    if let [single] = alternatives.as_slice()
        && let Some(version) = exact(single)
    {
        return Ok(Requirement::Pinned(version));
    }
    let mut allowed = VersionSet::empty();
    for alternative in alternatives {
        let pep440 = alternative_to_pep440(alternative)?;
        let specifiers = parse_specifiers(&pep440)
            .ok_or_else(|| format!("invalid version constraint {alternative:?}"))?;
        allowed = allowed.union(&allowed_versions(&specifiers));
    }
    Ok(Requirement::Range {
        text: trimmed.to_owned(),
        allowed,
    })
}

/// The pinned version of an exact constraint (`1.2.3`, `==1.2.3`, `=1.2.3`).
fn exact(constraint: &str) -> Option<Version> {
    let body = constraint
        .strip_prefix("==")
        .or_else(|| constraint.strip_prefix('='))
        .unwrap_or(constraint)
        .trim();
    if body.contains(['*', ',', ' ']) || body.starts_with(['<', '>', '!', '~', '^']) {
        return None;
    }
    parse_version(body)
}

/// One `||` alternative (an AND of constraints) as PEP 440 specifiers.
fn alternative_to_pep440(alternative: &str) -> Result<String, String> {
    let mut parts = Vec::new();
    for constraint in split_and(alternative) {
        parts.push(single_to_pep440(&constraint)?);
    }
    Ok(parts.join(","))
}

/// Splits `>=1.2, <2` or `>= 1.2 <2` into constraints, keeping each
/// operator with its version.
fn split_and(alternative: &str) -> Vec<String> {
    let is_operator = |t: &str| t.chars().all(|c| "<>=!~^".contains(c));
    let mut out: Vec<String> = Vec::new();
    for token in alternative
        .split([',', ' ', '\t'])
        .filter(|t| !t.is_empty())
    {
        match out.last_mut() {
            Some(last) if is_operator(last) => last.push_str(token),
            _ => out.push(token.to_owned()),
        }
    }
    out
}

fn single_to_pep440(constraint: &str) -> Result<String, String> {
    let bad = || format!("invalid version constraint {constraint:?}");
    if let Some(rest) = constraint.strip_prefix('^') {
        let version = parse_version(rest).ok_or_else(bad)?;
        let upper = caret_upper(version.release());
        return Ok(format!(">={rest},<{upper}"));
    }
    if !constraint.starts_with("~=")
        && let Some(rest) = constraint.strip_prefix('~')
    {
        let version = parse_version(rest).ok_or_else(bad)?;
        let upper = tilde_upper(version.release());
        return Ok(format!(">={rest},<{upper}"));
    }
    if constraint.starts_with(['<', '>', '!', '~']) || constraint.starts_with("==") {
        return Ok(constraint.to_owned());
    }
    let body = constraint.strip_prefix('=').unwrap_or(constraint);
    Ok(format!("=={body}"))
}

fn join(release: &[u64]) -> String {
    release
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Upper bound of `^release`: bump the leftmost non-zero component (the
/// last given one when all are zero) and drop what follows.
fn caret_upper(release: &[u64]) -> String {
    let index = release
        .iter()
        .position(|&c| c != 0)
        .unwrap_or(release.len().saturating_sub(1));
    bump(release, index)
}

/// Upper bound of `~release`: bump the minor component when given, else
/// the major one.
fn tilde_upper(release: &[u64]) -> String {
    bump(release, if release.len() >= 2 { 1 } else { 0 })
}

fn bump(release: &[u64], index: usize) -> String {
    let mut upper: Vec<u64> = release.iter().take(index + 1).copied().collect();
    if let Some(last) = upper.last_mut() {
        *last = last.saturating_add(1);
    }
    join(&upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(constraint: &str, version: &str) -> bool {
        match poetry_constraint(constraint).unwrap() {
            Requirement::Pinned(v) => v == parse_version(version).unwrap(),
            Requirement::Range { allowed, .. } => {
                allowed.contains(&parse_version(version).unwrap())
            }
        }
    }

    #[test]
    fn caret() {
        assert!(allows("^1.2.3", "1.9"));
        assert!(!allows("^1.2.3", "2.0"));
        assert!(!allows("^1.2.3", "1.2.2"));
        assert!(allows("^0.2.3", "0.2.9"));
        assert!(!allows("^0.2.3", "0.3.0"));
        assert!(allows("^0.0.3", "0.0.3"));
        assert!(!allows("^0.0.3", "0.0.4"));
        assert!(allows("^0.0", "0.0.9"));
        assert!(!allows("^0.0", "0.1"));
        assert!(allows("^0", "0.9"));
        assert!(!allows("^0", "1.0"));
    }

    #[test]
    fn tilde() {
        assert!(allows("~1.2.3", "1.2.9"));
        assert!(!allows("~1.2.3", "1.3.0"));
        assert!(allows("~1.2", "1.2.0"));
        assert!(!allows("~1.2", "1.3"));
        assert!(allows("~1", "1.9"));
        assert!(!allows("~1", "2.0"));
        assert!(allows("~=1.2", "1.9"));
        assert!(!allows("~=1.2", "2.0"));
    }

    #[test]
    fn exact_wildcard_and_ranges() {
        assert!(matches!(
            poetry_constraint("1.2.3").unwrap(),
            Requirement::Pinned(_)
        ));
        assert!(matches!(
            poetry_constraint("==1.2.3").unwrap(),
            Requirement::Pinned(_)
        ));
        assert!(allows("1.2.*", "1.2.7"));
        assert!(!allows("1.2.*", "1.3"));
        assert!(allows(">=1.2 <2.0", "1.5"));
        assert!(!allows(">= 1.2, < 2.0", "2.0"));
        assert!(allows("*", "0.1"));
        assert!(allows("", "0.1"));
    }

    #[test]
    fn alternatives() {
        assert!(allows("^1.0 || ^3.0", "1.5"));
        assert!(!allows("^1.0 || ^3.0", "2.5"));
        assert!(allows("^1.0 || ^3.0", "3.1"));
    }

    #[test]
    fn errors() {
        assert!(poetry_constraint("^banana").is_err());
        assert!(poetry_constraint(">=1 <").is_err());
    }
}
