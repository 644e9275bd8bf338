//! Reading a rule's Markdown documentation by its fixed headings
//! (*What it does*, *Why is this bad?*, *Example*, *Use instead*,
//! *References*).

/// The body of the section under `heading` (any level, compared without
/// case), up to the next heading of the same or a higher level; `None` when
/// the doc has no such section or it is empty. Lines inside fenced code
/// blocks are never taken for headings.
pub(crate) fn section(doc: &str, heading: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    let mut level_open: Option<usize> = None;
    let mut body = Vec::new();
    for line in doc.lines() {
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some((level, title)) = parse_heading(line) {
            match level_open {
                Some(open) if level <= open => break,
                Some(_) => {}
                None if title.eq_ignore_ascii_case(heading) => {
                    level_open = Some(level);
                    continue;
                }
                None => {}
            }
        }
        if level_open.is_some() {
            body.push(line);
        }
    }
    let text = body.join("\n").trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// The first paragraph of `markdown`, joined into one line.
pub(crate) fn first_paragraph(markdown: &str) -> String {
    markdown
        .trim()
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// An ATX heading: its level and its title without `#`s.
fn parse_heading(line: &str) -> Option<(usize, &str)> {
    if line.starts_with("    ") {
        return None;
    }
    let trimmed = line.trim_start();
    let level = trimmed.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "## What it does\nChecks X.\nMore.\n\nSecond.\n\n## Why is this bad?\nBad.\n\n## Example\n```python\n# not a heading\nx()\n```\n### Note\nsub\n## Use instead\nY.\n";

    #[test]
    fn finds_sections_and_skips_code() {
        assert_eq!(
            section(DOC, "what it does").unwrap(),
            "Checks X.\nMore.\n\nSecond."
        );
        assert_eq!(
            section(DOC, "Example").unwrap(),
            "```python\n# not a heading\nx()\n```\n### Note\nsub"
        );
        assert_eq!(section(DOC, "Use instead").unwrap(), "Y.");
        assert_eq!(section(DOC, "References"), None);
        assert_eq!(
            first_paragraph("Checks X.\nMore.\n\nSecond."),
            "Checks X. More."
        );
    }
}
