//! Inline suppressions: `# vigil: ignore[rule]`, `# nosec [B602]`, `# noqa: S602`.
//!
//! A directive on any line of the flagged statement hides a finding when
//! it names the rule, one of its Bandit/Ruff codes, or (for `vigil: ignore`
//! and `nosec`) names nothing. A bare `# noqa` is a linter's business and
//! never hides a security finding; `# nosec B101` hides only B101.

use rustc_hash::FxHashMap;
use vigil_rules::RuleMeta;

/// What one line's comments suppress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineSuppression {
    /// A bare `# nosec` or `# vigil: ignore`.
    pub all: bool,
    /// Rule names and codes listed.
    pub codes: Vec<String>,
}

/// Suppressions by 1-based line.
#[derive(Debug, Default)]
pub struct Suppressions {
    lines: FxHashMap<u32, LineSuppression>,
}

impl Suppressions {
    /// Whether a finding of `rule` on any line in `first..=last` is hidden.
    pub fn hides(&self, rule: &RuleMeta, first: u32, last: u32) -> bool {
        self.hides_any(&[rule], first, last)
    }

    /// Whether a finding on any line in `first..=last` is hidden by a
    /// directive naming one of `rules` (the finding's own rule and the
    /// pattern rules it stands for) or one of their codes.
    pub fn hides_any(&self, rules: &[&RuleMeta], first: u32, last: u32) -> bool {
        if self.lines.is_empty() {
            return false;
        }
        (first..=last.min(first.saturating_add(200))).any(|line| {
            self.lines.get(&line).is_some_and(|s| {
                s.all
                    || s.codes.iter().any(|c| {
                        rules
                            .iter()
                            .any(|rule| c.eq_ignore_ascii_case(rule.name) || rule.has_code(c))
                    })
            })
        })
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// Parses `(line, comment text)` pairs.
pub fn parse_suppressions<'c>(comments: impl IntoIterator<Item = (u32, &'c str)>) -> Suppressions {
    let mut suppressions = Suppressions::default();
    for (line, text) in comments {
        if let Some(parsed) = parse_comment(text) {
            let entry = suppressions.lines.entry(line).or_default();
            entry.all |= parsed.all;
            entry.codes.extend(parsed.codes);
        }
    }
    suppressions
}

fn parse_comment(text: &str) -> Option<LineSuppression> {
    let mut result = LineSuppression::default();
    let mut found = false;
    // A comment may hold several directives: `# noqa: E501  # nosec B602`.
    for part in text.split('#') {
        let part = part.trim();
        let lower = part.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("vigil:") {
            let rest = rest.trim_start();
            if let Some(rest) = rest.strip_prefix("ignore") {
                found = true;
                let original = &part[part.len() - rest.len()..];
                match original.trim_start().strip_prefix('[') {
                    Some(list) => result
                        .codes
                        .extend(split_codes(list.split(']').next().unwrap_or(""))),
                    None => result.all = true,
                }
            }
        } else if let Some(rest) = lower.strip_prefix("nosec") {
            found = true;
            let original = part[part.len() - rest.len()..].trim_start_matches(':');
            let codes = split_codes(original);
            if codes.is_empty() {
                result.all = true;
            } else {
                result.codes.extend(codes);
            }
        } else if let Some(rest) = lower.strip_prefix("noqa") {
            let original = &part[part.len() - rest.len()..];
            if let Some(list) = original.trim_start().strip_prefix(':') {
                found = true;
                result.codes.extend(split_codes(list));
            }
        }
    }
    found.then_some(result)
}

fn split_codes(list: &str) -> Vec<String> {
    list.split(|c: char| c == ',' || c.is_whitespace())
        .map(str::trim)
        .take_while(|c| !c.starts_with("--"))
        .filter(|c| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str) -> &'static RuleMeta {
        &vigil_rules::registry().get(name).unwrap().meta
    }

    fn hides(comment: &str, rule_name: &str) -> bool {
        parse_suppressions([(1, comment)]).hides(rule(rule_name), 1, 1)
    }

    #[test]
    fn directives() {
        assert!(hides(
            "# vigil: ignore[os-shell-command]",
            "os-shell-command"
        ));
        assert!(hides(
            "# vigil: ignore[weak-hash, os-shell-command]",
            "os-shell-command"
        ));
        assert!(!hides("# vigil: ignore[weak-hash]", "os-shell-command"));
        assert!(hides("# vigil: ignore", "os-shell-command"));
        assert!(hides("# nosec", "os-shell-command"));
        assert!(hides("# nosec B605", "os-shell-command"));
        assert!(hides("# nosec: B605, B602", "os-shell-command"));
        assert!(!hides("# nosec B101", "os-shell-command"));
        assert!(hides("# noqa: S605", "os-shell-command"));
        assert!(hides("# noqa:E501,S605", "os-shell-command"));
        assert!(!hides("# noqa", "os-shell-command"));
        assert!(!hides("# noqa: E501", "os-shell-command"));
        assert!(hides("# noqa: E501  # nosec B605", "os-shell-command"));
        assert!(!hides("# just a comment about nosec", "os-shell-command"));
    }
}
