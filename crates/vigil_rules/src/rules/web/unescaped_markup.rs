use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const MARK_SAFE: &[&str] = &[
    "django.utils.safestring.mark_safe",
    "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeText",
];

const MARKUP: &[&str] = &[
    "markupsafe.Markup",
    "flask.Markup",
    "jinja2.Markup",
    "jinja2.utils.Markup",
];

const FORMAT_HTML: &[&str] = &["django.utils.html.format_html"];

/// Calls whose result is already escaped, rendered by an escaping template
/// engine, or a translation of a literal.
const ESCAPED: &[&str] = &[
    "django.utils.html.escape",
    "django.utils.html.conditional_escape",
    "django.utils.html.format_html",
    "django.utils.html.format_html_join",
    "django.utils.html.strip_tags",
    "django.utils.html.json_script",
    "django.template.loader.render_to_string",
    "django.utils.translation.gettext",
    "django.utils.translation.gettext_lazy",
    "django.utils.translation.ugettext",
    "django.utils.translation.ugettext_lazy",
    "django.utils.translation.pgettext",
    "markupsafe.escape",
    "flask.escape",
    "flask.render_template",
    "html.escape",
    "bleach.clean",
    "bleach.linkify",
    "nh3.clean",
];

declare_rule! {
    /// ## What it does
    /// Flags text marked as safe HTML when it is built at run time:
    /// Django's `mark_safe(...)` / `SafeString(...)`, MarkupSafe's (and
    /// Flask's, Jinja2's) `Markup(...)` given a non-literal, and Django's
    /// `format_html(...)` given a non-literal format string. Arguments that
    /// are already escaped (`escape(...)`, `format_html(...)`,
    /// `render_to_string(...)`, `bleach.clean(...)`) are accepted.
    ///
    /// ## Why is this bad?
    /// Marking text safe tells the template engine not to escape it. If any
    /// part of it comes from a user — a name, a comment, a query parameter —
    /// its `<script>` tags and event handlers reach the page intact
    /// (cross-site scripting). `format_html` escapes its arguments, but not
    /// its format string.
    ///
    /// ## Example
    /// ```python
    /// return mark_safe(f"<b>{comment.author}</b>")
    /// ```
    ///
    /// ## Use instead
    /// Let the escaping helpers put values into the markup:
    /// ```python
    /// return format_html("<b>{}</b>", comment.author)
    /// html = Markup("<b>{}</b>").format(author)
    /// ```
    ///
    /// ## References
    /// - CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
    /// - CWE-80: Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)
    pub static RULE = {
        name: "unescaped-markup",
        category: Category::Web,
        cwe: &[79, 80],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &["B308", "B703", "B704"],
        ruff: &["S308", "S704"],
        help: "Build HTML with `format_html()` (Django) or `Markup(\"...\").format(...)` (MarkupSafe), which escape the values, and mark only constant markup as safe.",
        calls: &[
            CallPattern::new(
                MARK_SAFE,
                &[Cond::NonLiteral(Arg::at(0, "s")), Cond::NotCallTo(Arg::at(0, "s"), ESCAPED)],
                "`{callee}` marks text built at run time as safe HTML: any user-controlled part of it is rendered unescaped",
            ),
            CallPattern::new(
                MARKUP,
                &[Cond::NonLiteral(Arg::at(0, "object")), Cond::NotCallTo(Arg::at(0, "object"), ESCAPED)],
                "`{callee}` wraps text built at run time as safe HTML: any user-controlled part of it is rendered unescaped",
            ),
            CallPattern::new(
                FORMAT_HTML,
                &[Cond::NonLiteral(Arg::at(0, "format_string")), Cond::NotCallTo(Arg::at(0, "format_string"), ESCAPED)],
                "`{callee}` is given a format string built at run time: only the arguments are escaped, not the format string",
            ),
        ],
    };
}
