//! `vigil rules` and `vigil rule NAME`: the catalog from the command line.

use crate::cli::{RuleArgs, RulesArgs};
use anyhow::{Result, bail};
use vigil_rules::{Rule, registry};

pub fn list(args: &RulesArgs) -> Result<u8> {
    let category = args.category.as_deref().map(category).transpose()?;
    let cwe = args.cwe.as_deref().map(cwe).transpose()?;
    let rules: Vec<&Rule> = registry()
        .rules
        .iter()
        .copied()
        .filter(|r| category.is_none_or(|c| r.meta.category.as_str() == c))
        .filter(|r| cwe.is_none_or(|c| r.meta.cwe.contains(&c)))
        .filter(|r| match args.mode.as_deref() {
            Some("audit") => r.is_audit_only(),
            Some("default") => !r.is_audit_only(),
            _ => true,
        })
        .collect();
    if let Some(mode) = args.mode.as_deref()
        && !matches!(mode, "audit" | "default")
    {
        bail!("unknown --mode {mode:?} (expected default or audit)");
    }
    match args.format.as_str() {
        "json" => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "name": r.meta.name,
                        "category": r.meta.category.as_str(),
                        "severity": r.meta.severity.as_str(),
                        "confidence": r.meta.confidence.as_str(),
                        "cwe": r.meta.cwe,
                        "bandit": r.meta.bandit,
                        "ruff": r.meta.ruff,
                        "kind": r.kind(),
                        "summary": r.meta.summary(),
                    })
                })
                .collect();
            outln!("{}", serde_json::to_string_pretty(&list)?);
        }
        "text" => outln!("{}", table(&rules).trim_end()),
        other => bail!("unknown --format {other:?} (expected text or json)"),
    }
    Ok(0)
}

/// The rules as a table: a header row, then one row per rule, each
/// column as wide as its widest cell.
fn table(rules: &[&Rule]) -> String {
    let mut rows: Vec<[String; 6]> = vec![[
        "RULE".into(),
        "CATEGORY".into(),
        "SEVERITY".into(),
        "KIND".into(),
        "CWE".into(),
        "BANDIT/RUFF".into(),
    ]];
    for r in rules {
        let cwe: Vec<String> = r.meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        let codes: Vec<&str> = r.meta.bandit.iter().chain(r.meta.ruff).copied().collect();
        rows.push([
            r.meta.name.to_string(),
            r.meta.category.as_str().to_string(),
            r.meta.severity.as_str().to_string(),
            r.kind().to_string(),
            cwe.join(","),
            codes.join(","),
        ]);
    }
    let mut widths = [0usize; 6];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 < row.len() {
                line.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            } else {
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `--category`: one of the catalog's categories, or an error naming the
/// closest.
fn category(wanted: &str) -> Result<&'static str> {
    let mut all: Vec<&'static str> = registry()
        .rules
        .iter()
        .map(|r| r.meta.category.as_str())
        .collect();
    all.sort_unstable();
    all.dedup();
    if let Some(found) = all.iter().find(|c| c.eq_ignore_ascii_case(wanted.trim())) {
        return Ok(found);
    }
    let shown: String = wanted.chars().take(64).collect();
    let closest = (wanted.len() <= 64)
        .then(|| {
            all.iter()
                .map(|c| (strsim::levenshtein(&wanted.to_ascii_lowercase(), c), *c))
                .min()
                .filter(|(distance, c)| *distance <= (c.len() / 2).max(2))
                .map(|(_, c)| c)
        })
        .flatten();
    match closest {
        Some(c) => bail!(
            "unknown --category {shown:?} (did you mean {c:?}? categories: {})",
            all.join(", ")
        ),
        None => bail!(
            "unknown --category {shown:?} (categories: {})",
            all.join(", ")
        ),
    }
}

/// `--cwe`: `78` or `CWE-78`.
fn cwe(wanted: &str) -> Result<u32> {
    let trimmed = wanted.trim();
    let number = trimmed
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("cwe-"))
        .map_or(trimmed, |_| &trimmed[4..]);
    number.parse().map_err(|_| {
        let shown: String = wanted.chars().take(64).collect();
        anyhow::anyhow!("--cwe must be a CWE number such as 78 or CWE-78 (got {shown:?})")
    })
}

pub fn show(args: &RuleArgs) -> Result<u8> {
    if crate::deps::is_deps_selector(&args.name) {
        // The rule of `vigil deps` and `check --deps`: documented by the
        // dependency audit, not part of the code checks' catalog.
        let info = vigil_deps::report::rule_info();
        let cwe: Vec<String> = info.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        outln!("# {}\n", info.name);
        outln!(
            "category: {} | severity: from the advisory (CVSS; unknown when the record gives none) | {}",
            info.category,
            cwe.join(", ")
        );
        outln!("reported by: vigil deps, vigil check --deps");
        outln!("\n{}", info.doc);
        return Ok(0);
    }
    let mut found = registry().find(&args.name);
    // A Bandit/Ruff code names its pattern rule first, then dataflow rules.
    found.sort_by_key(|r| (r.meta.name != args.name, r.dataflow));
    let Some(rule) = found.first() else {
        bail!("no rule named {:?} (see `vigil rules`)", args.name);
    };
    let meta = &rule.meta;
    let cwe: Vec<String> = meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
    outln!("# {}\n", meta.name);
    outln!(
        "category: {} | severity: {} | confidence: {} | {}",
        meta.category.as_str(),
        meta.severity.as_str(),
        meta.confidence.as_str(),
        cwe.join(", ")
    );
    let codes: Vec<&str> = meta.bandit.iter().chain(meta.ruff).copied().collect();
    if !codes.is_empty() {
        outln!("covers: {}", codes.join(", "));
    }
    outln!("\n{}", meta.doc_text());
    Ok(0)
}
