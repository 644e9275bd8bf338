//! The models: what is a source, a sink, a sanitizer, a propagator, a guard.
//!
//! Each framework or library is one TOML file under `models/`, embedded in
//! the binary and parsed once ([`models`]) into hash maps keyed by
//! qualified name, so that the engine asks one lookup per call or
//! attribute whatever the number of models. Adding a framework is adding a
//! file and listing it in [`FILES`]. The dataflow rules themselves (what
//! their sinks do with the data, what clears it, the pattern rules they
//! supersede, the knowledge families they claim) are declared once, with
//! their documentation, in the catalog (`vigil_rules`, `flow: Flow::new(..)`).

mod compile;
mod families;
pub mod spec;

pub use compile::{
    ArgSel, Condition, EntryInfo, GuardInfo, Models, PropagatorInfo, RuleInfo, SanitizerInfo,
    SinkInfo, SinkMode, SourceInfo, StoreInfo, UrlconfInfo,
};

use std::sync::LazyLock;

/// The name a model gives the exception an `except E as name` handler
/// catches, to make it a source (`models/errors.toml`). No Python name can
/// be spelt this way, so no code reads it by name.
pub const CAUGHT_EXCEPTION: &str = "<caught exception>";

/// Exceptions whose message is written for the client: validation errors
/// of pydantic, marshmallow, Django and FastAPI, and HTTP errors. A
/// handler that catches only these is not a source.
const CLIENT_FACING_EXCEPTIONS: &[&str] = &[
    "ValidationError",
    "RequestValidationError",
    "HTTPException",
    "BadRequest",
    "MultiPartException",
];

/// Whether the types an `except` names (`E`, `(E1, E2)`) are all exceptions
/// whose message is meant for the client.
pub fn is_client_facing_exception(types: &vigil_python::ast::Expr) -> bool {
    use vigil_python::ast::Expr;
    // One level of tuple: a nested one (rare, and a hostile file could nest
    // it thousands deep) counts as not client-facing.
    let one = |e: &Expr| match e {
        Expr::Name(n) => CLIENT_FACING_EXCEPTIONS.contains(&n.id.as_str()),
        Expr::Attribute(a) => CLIENT_FACING_EXCEPTIONS.contains(&a.attr.as_str()),
        _ => false,
    };
    match types {
        Expr::Tuple(t) => !t.elts.is_empty() && t.elts.iter().all(one),
        other => one(other),
    }
}

/// Every model file: (name, TOML text).
pub const FILES: &[(&str, &str)] = &[
    ("stdlib", include_str!("../../models/stdlib.toml")),
    ("subprocess", include_str!("../../models/subprocess.toml")),
    ("propagation", include_str!("../../models/propagation.toml")),
    ("sanitizers", include_str!("../../models/sanitizers.toml")),
    ("flask", include_str!("../../models/flask.toml")),
    ("django", include_str!("../../models/django.toml")),
    ("fastapi", include_str!("../../models/fastapi.toml")),
    ("aiohttp", include_str!("../../models/aiohttp.toml")),
    ("tornado", include_str!("../../models/tornado.toml")),
    ("aws_lambda", include_str!("../../models/aws_lambda.toml")),
    ("wsgi", include_str!("../../models/wsgi.toml")),
    ("cli", include_str!("../../models/cli.toml")),
    (
        "http_clients",
        include_str!("../../models/http_clients.toml"),
    ),
    ("llm", include_str!("../../models/llm.toml")),
    ("mail", include_str!("../../models/mail.toml")),
    (
        "mass_assignment",
        include_str!("../../models/mass_assignment.toml"),
    ),
    ("xml", include_str!("../../models/xml.toml")),
    ("ldap", include_str!("../../models/ldap.toml")),
    ("nosql", include_str!("../../models/nosql.toml")),
    (
        "deserialization",
        include_str!("../../models/deserialization.toml"),
    ),
    ("errors", include_str!("../../models/errors.toml")),
    ("regex", include_str!("../../models/regex.toml")),
];

static MODELS: LazyLock<Models> = LazyLock::new(|| {
    let rules = catalog_rules().unwrap_or_else(|e| panic!("invalid dataflow rule: {e}"));
    match Models::build(rules, FILES) {
        Ok(models) => models,
        Err(e) => panic!("invalid taint model: {e}"),
    }
});

/// The dataflow rules of the catalog (`vigil_rules`), where each is
/// declared once with its documentation, as the models' rule entries.
fn catalog_rules() -> Result<Vec<spec::RuleSpec>, String> {
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vigil_rules::registry()
        .rules
        .iter()
        .filter_map(|rule| rule.flow.map(|flow| (rule.meta.name, flow)))
        .map(|(name, flow)| {
            Ok(spec::RuleSpec {
                name: name.to_string(),
                what: flow.what.to_string(),
                harm: flow.harm.to_string(),
                local_input_by_design: flow.local_input_by_design,
                families: strings(flow.families),
                cleared_by: flow
                    .cleared_by
                    .iter()
                    .map(|c| spec::Clearance::parse(c).map_err(|e| format!("{name}: {e}")))
                    .collect::<Result<_, _>>()?,
                consumes: flow.consumes,
                supersedes: strings(flow.supersedes),
                explicit_sources: flow.explicit_sources,
                harmless_characters: flow.harmless_characters.to_string(),
                remote_input_only: flow.remote_input_only,
                refines: flow.refines.map(str::to_string),
            })
        })
        .collect()
}

/// The compiled models (parsed on first use).
pub fn models() -> &'static Models {
    &MODELS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The engine makes caught exceptions a source through the name the
    /// models give them: the two must stay the same.
    #[test]
    fn the_models_name_the_caught_exception() {
        assert!(models().source(CAUGHT_EXCEPTION).is_some());
    }

    #[test]
    fn every_model_file_parses_and_names_known_rules() {
        let models = Models::build(catalog_rules().unwrap(), FILES).unwrap();
        assert!(models.rules.len() >= 19);
        assert!(models.rules.len() <= 32, "rule sets are 32-bit masks");
    }

    #[test]
    fn unknown_rules_and_fields_are_errors() {
        let bad_rule = [
            (
                "rules",
                "[[rule]]\nname = \"x\"\nwhat = \"w\"\nharm = \"h\"\n",
            ),
            (
                "m",
                "[[sink]]\nrule = \"nope\"\nnames = [\"a.b\"]\nargs = [\"0\"]\n",
            ),
        ];
        assert!(Models::from_files(&bad_rule).unwrap_err().contains("nope"));
        let bad_field = [("m", "[[source]]\nnames = []\nwhatever = 1\n")];
        assert!(Models::from_files(&bad_field).is_err());
    }

    #[test]
    fn trigger_words_decide_whether_a_file_may_hold_sources() {
        let m = models();
        assert!(m.triggered_by("from flask import request"));
        assert!(m.triggered_by("x = input('name: ')"));
        assert!(!m.triggered_by("import json\n\ndef f(x):\n    return json.dumps(x)\n"));
    }

    #[test]
    fn trigger_words_in_comments_and_docstrings_do_not_count() {
        use vigil_python::{TextRange, TextSize};
        let range = |text: &str, part: &str| {
            let start = text.find(part).unwrap();
            TextRange::new(
                TextSize::try_from(start).unwrap(),
                TextSize::try_from(start + part.len()).unwrap(),
            )
        };
        let m = models();
        let text = "def f():\n    \"\"\"Reads sys.argv.\"\"\"\n    return 1  # not os.environ\n";
        let docstrings = [range(text, "\"\"\"Reads sys.argv.\"\"\"")];
        let comments = [range(text, "# not os.environ")];
        assert!(m.triggered_by(text));
        assert!(!m.triggered_in_code(text, &[&comments, &docstrings]));
        // The same word in code still counts, before or after the prose.
        for code in [
            format!("{text}x = sys.argv\n"),
            format!("import sys; sys.argv\n{text}"),
        ] {
            let docstrings = [range(&code, "\"\"\"Reads sys.argv.\"\"\"")];
            let comments = [range(&code, "# not os.environ")];
            assert!(
                m.triggered_in_code(&code, &[&comments, &docstrings]),
                "{code}"
            );
        }
    }

    #[test]
    fn sources_sinks_and_sanitizers_are_indexed() {
        let m = models();
        assert!(m.source("flask.request.args").is_some());
        assert!(m.source("sys.argv").is_some());
        assert!(!m.sinks_named("subprocess.run").is_empty());
        assert!(m.sanitizer("shlex.quote").is_some());
        assert_eq!(m.ty("sqlite3.connect"), Some("dbapi.Connection"));
    }
}
