//! The markup family: calls that mark text as safe HTML, so that templates
//! and responses stop escaping it.
//!
//! The pattern rule `unescaped-markup` and the dataflow rule that claims
//! this family (`xss`) read these lists. The text is the first argument of
//! each.

/// Django's markers.
pub const MARK_SAFE: &[&str] = &[
    "django.utils.safestring.mark_safe",
    "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeText",
];

/// MarkupSafe's `Markup`, under every name it is imported by.
pub const MARKUP: &[&str] = &[
    "markupsafe.Markup",
    "flask.Markup",
    "jinja2.Markup",
    "jinja2.utils.Markup",
];

/// `format_html` escapes its arguments but not its format string.
pub const FORMAT_HTML: &[&str] = &["django.utils.html.format_html"];

/// The attributes of a response object that set its content type after it
/// was made (`resp.mimetype = "text/plain"`: Flask/Werkzeug, Starlette).
pub const CONTENT_TYPE_ATTRIBUTES: &[&str] = &["mimetype", "content_type", "media_type"];

/// The header that says what a response holds (`resp.headers["Content-Type"]`,
/// Django's `response["Content-Type"]`), compared without case.
pub const CONTENT_TYPE_HEADER: &str = "content-type";

/// Whether a content type is one a browser renders as HTML (or XML that
/// may hold script).
pub fn is_markup_type(content_type: &str) -> bool {
    let lower = content_type.to_ascii_lowercase();
    lower.contains("html") || lower.contains("xml") || lower.contains("svg")
}
