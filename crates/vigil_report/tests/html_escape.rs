//! Nothing from the scanned tree becomes markup or script in the HTML
//! report: the page is parsed as a browser would, and every element,
//! attribute and script must be one the template writes.

mod common;

use scraper::{Html, Node, Selector};
use vigil_report::{RenderOptions, ScanReport, html};

const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "nav",
    "main",
    "footer",
    "section",
    "article",
    "div",
    "span",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "a",
    "b",
    "em",
    "strong",
    "small",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "mark",
    "blockquote",
    "hr",
    "br",
    "del",
    "details",
    "summary",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "label",
    "input",
    "select",
    "option",
    "svg",
    "circle",
    "rect",
    "g",
    "text",
    "script",
];

const ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "title",
    "href",
    "rel",
    "role",
    "aria-label",
    "aria-sort",
    "aria-live",
    "hidden",
    "type",
    "value",
    "checked",
    "viewbox",
    "cx",
    "cy",
    "r",
    "x",
    "y",
    "width",
    "height",
    "rx",
    "stroke-dasharray",
    "stroke-dashoffset",
    "start",
];

fn page(report: &ScanReport, options: &RenderOptions) -> String {
    html::render(report, options)
}

fn assert_only_template_markup(output: &str) {
    let document = Html::parse_document(output);
    let mut scripts = 0;
    for node in document.tree.nodes() {
        match node.value() {
            Node::Element(element) => {
                let name = element.name();
                assert!(ELEMENTS.contains(&name), "unexpected element <{name}>");
                for (attr, value) in element.attrs() {
                    let attr = attr.to_ascii_lowercase();
                    assert!(
                        ATTRIBUTES.contains(&attr.as_str()) || attr.starts_with("data-"),
                        "unexpected attribute {attr}={value:?} on <{name}>"
                    );
                    if attr == "href" {
                        assert!(
                            value.starts_with('#') || value.starts_with("https://"),
                            "unexpected link target {value:?}"
                        );
                    }
                }
                if name == "script" {
                    scripts += 1;
                }
            }
            Node::Comment(comment) => panic!("unexpected comment {:?}", &**comment),
            Node::ProcessingInstruction(pi) => panic!("unexpected processing instruction {pi:?}"),
            _ => {}
        }
    }
    assert_eq!(scripts, 1, "exactly one script");
    let script = Selector::parse("script").unwrap();
    let body: String = document.select(&script).next().unwrap().text().collect();
    assert_eq!(body, html::SCRIPT, "the script is the constant one");
}

fn assert_no_hidden_characters(output: &str) {
    for c in [
        '\u{2028}', '\u{2029}', '\u{202E}', '\u{2066}', '\u{1b}', '\0', '\u{FFFE}', '\u{200B}',
    ] {
        assert!(!output.contains(c), "raw U+{:04X} in the page", c as u32);
    }
}

#[test]
fn hostile_content_stays_text() {
    let report = common::report();
    let mut options = common::options();
    options.title = Some(common::HOSTILE.to_string());
    options.scan_root = Some(common::HOSTILE_PATH.into());
    options.tool_version = "1.0<script>alert(4)</script>".to_string();
    let output = page(&report, &options);
    assert_only_template_markup(&output);
    assert_no_hidden_characters(&output);

    let document = Html::parse_document(&output);
    let all_text: String = document.root_element().text().collect();
    // The hostile strings are shown, as text.
    assert!(all_text.contains("</script><img src=x onerror=alert(1)> --> ]]> \"'"));
    assert!(all_text.contains("\\u{2028}") && all_text.contains("\\u{202e}txt.exe"));
    assert!(all_text.contains("eval() <b>used</b>"));
    assert!(all_text.contains("<script>alert('doc')</script>"));
    assert!(all_text.contains("<script>alert(3)</script>"));
    // Attributes hold the path as data, not markup.
    let selector = Selector::parse("article.finding[data-rule=\"eval-used\"]").unwrap();
    let card = document
        .select(&selector)
        .next()
        .expect("the hostile finding is listed");
    let data_file = card.value().attr("data-file").unwrap();
    assert!(data_file.starts_with("hostile/<img src=x onerror=alert(1)>\"'-->]]>\\u{202e}"));
}

#[test]
fn every_less_than_sign_belongs_to_the_template() {
    let output = page(&common::report(), &common::options());
    let script = format!("<script>{}</script>", html::SCRIPT);
    assert_eq!(output.matches(&script).count(), 1);
    let output = output.replace(&script, "<script></script>");
    for (i, _) in output.match_indices('<') {
        let rest = &output[i + 1..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let ok = rest.starts_with("!DOCTYPE html>") || ELEMENTS.contains(&name.as_str());
        assert!(ok, "stray `<` at {i}: {:?}", &rest[..rest.len().min(40)]);
    }
    // The constant script cannot end its own element early.
    assert!(!html::SCRIPT.contains("</") && !html::SCRIPT.contains("<!--"));
}

#[test]
fn empty_report_renders() {
    let output = page(&ScanReport::default(), &RenderOptions::default());
    assert_only_template_markup(&output);
    assert!(output.contains("No findings."));
}
