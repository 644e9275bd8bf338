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

/// The first sentence of `text` (one line): up to the first `.`, `?` or
/// `!` followed by a space or the end, outside inline code, and not ending
/// an abbreviation such as `e.g.`.
pub(crate) fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut in_code = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        match c {
            '`' => in_code = !in_code,
            '.' | '?' | '!' if !in_code => {
                let ends = chars.get(i + 1).is_none_or(|(_, next)| *next == ' ');
                let word = text[..at].rsplit(' ').next().unwrap_or("");
                let abbreviation = c == '.'
                    && (["e.g", "i.e", "etc", "vs", "cf"]
                        .iter()
                        .any(|a| word.eq_ignore_ascii_case(a))
                        || word.chars().last().is_some_and(|l| l.is_ascii_digit()));
                if ends && !abbreviation {
                    return text[..at + c.len_utf8()].to_string();
                }
            }
            _ => {}
        }
    }
    text
}

/// Longest title kept whole; a longer first sentence is cut at its first
/// clause (before a `:`, `;`, ` — ` or a comma that starts one, such as
/// `, and` or `, when`, outside inline code).
const SHORT: usize = 100;

/// A rule's title for SARIF `shortDescription` and GitLab `name`: one short
/// sentence, from the summary paragraph (which stays whole in
/// `fullDescription` and the help).
pub(crate) fn short_description(summary: &str) -> String {
    let sentence = first_sentence(summary);
    if sentence.chars().count() <= SHORT {
        return sentence;
    }
    // Lists of examples in parentheses go first.
    let sentence = without_parentheses(&sentence);
    if sentence.chars().count() <= SHORT {
        return sentence;
    }
    let mut in_code = false;
    for (at, c) in sentence.char_indices() {
        if c == '`' {
            in_code = !in_code;
            continue;
        }
        if in_code || at < 20 {
            continue;
        }
        let rest = &sentence[at..];
        if [
            ":",
            ";",
            " — ",
            ", and ",
            ", which ",
            ", such as ",
            ", in ",
            ", when ",
            ", as ",
            ", before ",
            ", the ",
        ]
        .iter()
        .any(|cut| rest.starts_with(cut))
        {
            let head = sentence[..at].trim_end_matches([',', ' ']);
            return format!("{head}.");
        }
    }
    sentence
}

/// `text` without its parenthesized groups (outside inline code).
fn without_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut depth, mut in_code) = (0usize, false);
    for c in text.chars() {
        match c {
            '`' if depth == 0 => {
                in_code = !in_code;
                out.push(c);
            }
            '(' if !in_code => depth += 1,
            ')' if !in_code && depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
        .replace(" .", ".")
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
    fn first_sentences() {
        assert_eq!(
            first_sentence("Finds `os.system(x)` calls. Then, e.g. more.\nAnd more."),
            "Finds `os.system(x)` calls."
        );
        assert_eq!(
            first_sentence("Flags keys, e.g. RSA below 2048 bits. More."),
            "Flags keys, e.g. RSA below 2048 bits."
        );
        assert_eq!(first_sentence("No full stop"), "No full stop");
        assert_eq!(first_sentence("Is it bad? Yes."), "Is it bad?");
        let long = "Flags TLS clients told not to verify the server's certificate: `verify=False` in `requests` and `httpx`, `ssl=False` in aiohttp, and more of the same kind.";
        assert_eq!(
            short_description(long),
            "Flags TLS clients told not to verify the server's certificate."
        );
        assert_eq!(short_description("Short: kept."), "Short: kept.");
        let listed = "Reports untrusted input (request data, command-line arguments, messages from the network) that reaches the text of an SQL query.";
        assert_eq!(
            short_description(listed),
            "Reports untrusted input that reaches the text of an SQL query."
        );
    }

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
