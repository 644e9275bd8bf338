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
