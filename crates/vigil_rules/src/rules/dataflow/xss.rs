use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input placed in an HTML response without escaping: the
    /// string a Flask or Django view returns, `make_response`, `HttpResponse`,
    /// `HTMLResponse`, `mark_safe`, `Markup`. Values sent as JSON (`jsonify`, a
    /// returned dict) or only placed in a response header are not reported.
    ///
    /// HTML e-mail is a page too, rendered by the recipient's mail client:
    /// Flask-Mail's `Message(html=...)` and `msg.html = ...`, Django's
    /// `send_mail(html_message=...)`, `mail_admins`, `mail_managers` and
    /// `attach_alternative(body, "text/html")`, the standard library's
    /// `MIMEText(body, "html")` and `EmailMessage.set_content`/`add_alternative`
    /// with `subtype="html"`, and SendGrid's `Mail(html_content=...)`,
    /// `HtmlContent` and `Content("text/html", ...)`. Plain-text bodies and
    /// bodies rendered from an escaping template are safe.
    ///
    /// Templates of the project are read where a view renders them by name
    /// (Flask's `render_template`, Django's `render`, `render_to_string`,
    /// `TemplateResponse`; the file is looked up in a `templates` folder
    /// beside the view or above it): a value passed under a name that the
    /// template writes with `|safe`, inside `{% autoescape false %}` /
    /// `{% autoescape off %}`, or anywhere in a template whose extension
    /// turns Flask's autoescaping off (`.j2`, `.txt` holding HTML) is
    /// reported at the render call.
    ///
    /// ## Why is this bad?
    /// Markup in the value becomes part of the page: a `<script>` in a search
    /// term runs in the visitor's browser with their session, so the attacker
    /// acts as them.
    ///
    /// ## Example
    /// ```python
    /// name = request.args["name"]
    /// return f"<h1>Hello {name}</h1>"
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// name = request.args["name"]
    /// return f"<h1>Hello {escape(name)}</h1>"
    /// ```
    ///
    /// ## References
    /// - CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
    pub static RULE = {
        name: "xss",
        category: Category::Web,
        cwe: &[79],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Render data through an autoescaping template (`render_template`, without `|safe` or an autoescape-off block on it, in a `.html` file) or escape it with `markupsafe.escape()` / `html.escape()` before putting it in HTML.",
        flow: Flow::new(
            "in an HTML response",
            "markup in it runs as script in the visitor's browser (cross-site scripting)",
        )
        .local_input_by_design()
        .families(&["markup", "template-files"])
        .supersedes(&["unescaped-markup"])
        .harmless_characters(" .,:;!?@#$%*()+=/[]{}|~^"),
    };
}
