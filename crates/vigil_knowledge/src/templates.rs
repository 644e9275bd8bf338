//! The template family: the template engines, whose template source is
//! code that runs on the server, and how they are set up.
//!
//! The pattern rule `template-autoescape-disabled` (how an engine escapes)
//! and the dataflow rule that claims this family (`template-injection`,
//! where the source comes from) read these lists.

use crate::{Method, Receiver};

/// Jinja2's environments: `from_string(source)` makes a template.
pub const JINJA_ENVIRONMENTS: &[&str] = &[
    "jinja2.Environment",
    "jinja2.environment.Environment",
    "jinja2.sandbox.SandboxedEnvironment",
    "jinja2.nativetypes.NativeEnvironment",
];

/// The type the dataflow engine gives Jinja2's environments, and their
/// methods that compile a source.
pub const JINJA_ENVIRONMENT: Receiver = Receiver {
    ty: "jinja2.Environment",
    made_by: JINJA_ENVIRONMENTS,
    methods: &[Method::new("from_string", 0, "source")],
    unless_false: None,
};

/// The keyword that turns Jinja2's HTML escaping on, for an environment
/// (`Environment(autoescape=select_autoescape())`) or a template built from
/// its source (`Template(src, autoescape=True)`). Jinja2 leaves it off.
pub const JINJA_AUTOESCAPE: &str = "autoescape";

/// How Jinja2 escapes: what the dataflow engine calls an environment and a
/// template made with [`JINJA_AUTOESCAPE`] on (each still has every method
/// of its Jinja2 class), the environment's methods that make a template,
/// and the template's methods that render one. Values rendered by an
/// escaping template are escaped for HTML.
pub struct JinjaEscaping {
    pub environment: &'static str,
    pub template: &'static str,
    pub template_makers: &'static [&'static str],
    pub renderers: &'static [&'static str],
}

pub const JINJA_ESCAPING: JinjaEscaping = JinjaEscaping {
    environment: "jinja2.EscapingEnvironment",
    template: "jinja2.EscapingTemplate",
    template_makers: &[
        "get_template",
        "select_template",
        "get_or_select_template",
        "from_string",
    ],
    renderers: &[
        "render",
        "render_async",
        "generate",
        "generate_async",
        "stream",
    ],
};

/// Jinja2's templates built directly from their source (`source`).
pub const JINJA_TEMPLATES: &[&str] = &["jinja2.Template", "jinja2.environment.Template"];

/// Mako's templates, built from their source (`text`, first).
pub const MAKO_TEMPLATES: &[&str] = &["mako.template.Template"];

/// Mako's lookups: they load templates by file name (configuration, not a
/// source).
pub const MAKO_LOOKUPS: &[&str] = &["mako.lookup.TemplateLookup"];

/// Every call whose argument is template source, with the argument.
pub const SOURCES: &[(&[&str], usize, &str)] = &[
    (JINJA_TEMPLATES, 0, "source"),
    (MAKO_TEMPLATES, 0, "text"),
    (&["chameleon.PageTemplate"], 0, "body"),
    (&["genshi.template.MarkupTemplate"], 0, "source"),
    (&["tornado.template.Template"], 0, "template_string"),
    (
        &[
            "django.template.Template",
            "django.template.engines.*.from_string",
            "django.template.Engine.from_string",
        ],
        0,
        "template_code",
    ),
    (
        &[
            "flask.render_template_string",
            "flask.templating.render_template_string",
        ],
        0,
        "source",
    ),
];

/// How a renderer of template files receives the template's variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateContext {
    /// As keyword arguments (`render_template("t.html", name=v)`).
    Keywords,
    /// As a mapping at this position or keyword (`render(request,
    /// "t.html", {"name": v})`).
    Mapping(usize, &'static str),
}

/// A call that renders a template file of the project by name.
#[derive(Debug, Clone, Copy)]
pub struct FileRenderer {
    pub names: &'static [&'static str],
    /// The argument naming the template (position, keyword).
    pub template: (usize, &'static str),
    pub context: TemplateContext,
    /// Autoescaping depends on the template's extension (Flask escapes
    /// `.html`, `.htm`, `.xml`, `.xhtml` and `.svg` only); otherwise every
    /// template is escaped (Django).
    pub escapes_by_extension: bool,
}

/// The renderers of template files: Flask's and Django's (each name's
/// last part starts with `render` or ends in `emplate` or `Response`:
/// [`file_renderer`] relies on it, and a test checks it).
pub const FILE_RENDERERS: &[FileRenderer] = &[
    FileRenderer {
        names: &[
            "flask.render_template",
            "flask.templating.render_template",
            "flask.stream_template",
            "flask.templating.stream_template",
        ],
        template: (0, "template_name_or_list"),
        context: TemplateContext::Keywords,
        escapes_by_extension: true,
    },
    FileRenderer {
        names: &[
            "django.shortcuts.render",
            "django.template.response.TemplateResponse",
            "django.template.response.SimpleTemplateResponse",
        ],
        template: (1, "template_name"),
        context: TemplateContext::Mapping(2, "context"),
        escapes_by_extension: false,
    },
    FileRenderer {
        names: &[
            "django.template.loader.render_to_string",
            "django.shortcuts.render_to_response",
        ],
        template: (0, "template_name"),
        context: TemplateContext::Mapping(1, "context"),
        escapes_by_extension: false,
    },
];

/// The extensions Flask turns autoescaping on for.
pub const FLASK_ESCAPED_EXTENSIONS: &[&str] = &["html", "htm", "xml", "xhtml", "svg"];

/// The renderer of template files called `name`, if it is one.
pub fn file_renderer(name: &str) -> Option<&'static FileRenderer> {
    // Every renderer's name ends in `render...`, `..._template` or
    // `...TemplateResponse`: most calls are ruled out by their last letters.
    let last = name.rsplit('.').next().unwrap_or(name);
    if !(last.starts_with("render") || last.ends_with("emplate") || last.ends_with("Response")) {
        return None;
    }
    FILE_RENDERERS.iter().find(|r| r.names.contains(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_renderer_is_found_by_its_name() {
        for renderer in FILE_RENDERERS {
            for name in renderer.names {
                assert!(file_renderer(name).is_some(), "{name}");
            }
        }
        assert!(file_renderer("flask.jsonify").is_none());
    }
}
