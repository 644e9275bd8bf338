//! Rule documentation (Markdown) to safe HTML, with `pulldown-cmark`.
//!
//! Raw HTML in the Markdown is shown as text, never as markup; images are
//! reduced to their alt text (the report loads nothing); links keep only
//! `http`, `https` and `mailto` targets and fragments, any other link becomes
//! plain text. Headings move down two levels to sit under the report's own.
//! Hidden characters are made visible before parsing.

use super::escape;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "#"]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Replaces invisible and bidirectional characters by `\u{..}`, keeping
/// line breaks and tabs.
fn visible(markdown: &str) -> String {
    markdown
        .chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            c if crate::text::is_unsafe_char(c) => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Renders `markdown` to HTML that holds no markup from the source.
pub(super) fn render(markdown: &str) -> String {
    let source = visible(markdown);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut link_dropped = false;
    let events = Parser::new_ext(&source, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
            level: lower(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if link_type == LinkType::Email || safe_url(&dest_url) => {
            link_dropped = false;
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
            link_dropped = true;
            Event::Start(Tag::Emphasis)
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) if link_dropped => {
            link_dropped = false;
            Event::End(TagEnd::Emphasis)
        }
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Escaped plain text for a doc that is missing.
pub(super) fn missing(rule: &str) -> String {
    format!(
        "<p class=\"empty\">No documentation is available for rule <code>{}</code>.</p>",
        escape::text(rule)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_bad_links_are_inert() {
        let html = render(
            "# T\n<script>alert(1)</script>\n\nx <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://cwe.mitre.org/) ![i](http://e/x.png)\n",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            html.contains("<a href=\"https://cwe.mitre.org/\">b</a>"),
            "{html}"
        );
        assert!(html.contains("<h3>T</h3>"), "{html}");
        assert!(!render("a\u{202e}b").contains('\u{202e}'));
        assert!(render("<a@b.example>").contains("href=\"mailto:a@b.example\""));
        assert!(!render("<javascript:alert(1)>").contains("href"));
    }
}
