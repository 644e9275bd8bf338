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
