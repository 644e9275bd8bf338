use super::context::is_built_at_run_time;
use crate::CallFilter;
use crate::call_pattern::{Arg, Cond};
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use vigil_knowledge::markup::{FORMAT_HTML, MARK_SAFE, MARKUP};
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

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

/// `(callees, the argument taken as HTML, what the call does with it)`.
const MARKERS: &[(&[&str], Arg, &str)] = &[
    (MARK_SAFE, Arg::at(0, "s"), "marks text as safe HTML"),
    (MARKUP, Arg::at(0, "object"), "wraps text as safe HTML"),
    (
        FORMAT_HTML,
        Arg::at(0, "format_string"),
        "escapes its arguments but not its format string",
    ),
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    let Some((_, arg, what)) = MARKERS
        .iter()
        .find(|(names, _, _)| names.contains(&qualified))
    else {
        return;
    };
    let Some(value) = arg.find(call) else { return };
    if checker.is_constant(value) || !Cond::NotCallTo(*arg, ESCAPED).holds(checker, call) {
        return;
    }
    let callee = checker.snippet(&*call.func);
    let escaped = |checker: &Checker, part: &Expr| {
        matches!(part, Expr::Call(inner) if checker.resolve_value(&inner.func)
            .is_some_and(|q| ESCAPED.contains(&q.as_str())))
    };
    let text = checker.constant_value(value);
    let assembled = match text {
        Expr::FString(_) | Expr::BinOp(_) => true,
        Expr::Call(inner) => matches!(method_name(inner), Some("format" | "join")),
        _ => false,
    };
    if assembled && !is_built_at_run_time(checker, text, &escaped) {
        // Assembled only from constants and escaped values.
        return;
    }
    if assembled {
        let message = format!(
            "`{callee}` {what}, and this text is assembled from run-time values: any user-controlled part of it is rendered unescaped"
        );
        checker.report(&RULE, call.range(), message);
    } else {
        let message = format!(
            "`{callee}` {what}, and this text is not a constant: check that it is escaped HTML and never raw user input"
        );
        checker
            .report(&RULE, call.range(), message)
            .audit_only()
            .severity(Severity::Low);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags text marked as safe HTML when it is assembled at run time
    /// (an f-string, `%`, `.format()`, `.join()` or `+` with variable
    /// parts): Django's `mark_safe(...)` / `SafeString(...)`, MarkupSafe's
    /// (and Flask's, Jinja2's) `Markup(...)`, and the format string of
    /// Django's `format_html(...)`. A plain variable is listed in audit
    /// mode (it may hold HTML escaped earlier); arguments that are escaped
    /// in place (`escape(...)`, `format_html(...)`, `render_to_string(...)`,
    /// `bleach.clean(...)`) are accepted.
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
        on_call: check,
        call_filter: CallFilter {
            names: || MARKERS.iter().flat_map(|(names, ..)| names.iter().copied()).collect(),
            ..CallFilter::NONE
        },
    };
}
