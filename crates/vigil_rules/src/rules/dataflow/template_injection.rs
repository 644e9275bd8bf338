use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input used as the source of a template: Jinja2
    /// `Template` and `Environment.from_string`, Flask `render_template_string`,
    /// Mako, Django and Tornado templates. Data passed as template variables is
    /// not reported.
    ///
    /// ## Why is this bad?
    /// Template languages can reach Python objects. `{{
    /// cycler.__init__.__globals__.os.popen('id').read() }}` in Jinja2 runs a
    /// command. A template built from input is code built from input.
    ///
    /// ## Example
    /// ```python
    /// name = request.args["name"]
    /// return render_template_string(f"<h1>Hello {name}</h1>")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// name = request.args["name"]
    /// return render_template_string("<h1>Hello {{ name }}</h1>", name=name)
    /// ```
    ///
    /// ## References
    /// - CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine
    pub static RULE = {
        name: "template-injection",
        category: Category::Injection,
        cwe: &[1336],
        severity: Severity::Critical,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Keep template sources fixed and pass data as template variables (`render_template_string(\"Hello {{ name }}\", name=name)`).",
        flow: Flow::new(
            "as template source",
            "template syntax in it runs on the server (template injection)",
        )
        .families(&["templates"])
        .harmless_characters(" .,:;!?@()[]+=/|~^\'\"*&"),
    };
}
