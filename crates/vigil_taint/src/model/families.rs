//! Sinks generated from the families of the knowledge layer
//! (`vigil_knowledge`), so that the dataflow rule that claims a family
//! (`.families(&["commands"])` in its declaration) and the pattern rules of
//! that family read the same list of APIs.

use super::spec::{ClassSpec, ConditionSpec, ModelFile, SanitizerSpec, SinkSpec, TypeSpec};
use vigil_knowledge::commands::{self, CommandForm};
use vigil_knowledge::credentials::ldap;
use vigil_knowledge::deserialization as de;
use vigil_knowledge::{Receiver, urls};
use vigil_knowledge::{code, logging, markup, remote, sql, templates, xml};

/// A sink of `rule` on `names` at `args`.
fn sink(rule: &str, names: &[&str], args: &[&str]) -> SinkSpec {
    SinkSpec {
        rule: rule.to_string(),
        names: names.iter().map(|n| n.to_string()).collect(),
        methods: Vec::new(),
        receivers: Vec::new(),
        args: args.iter().map(|a| a.to_string()).collect(),
        mode: None,
        when: Vec::new(),
        what: None,
        subclasses: false,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The argument at `position` or named `keyword`, as a sink names it.
fn either(position: usize, keyword: &str) -> String {
    format!("{position}:{keyword}")
}

/// A sink of `rule` on method `methods` of receivers whose names contain
/// one of `receivers`, at `args`.
fn method_sink(rule: &str, methods: &[&str], receivers: &[&str], args: &[&str]) -> SinkSpec {
    SinkSpec {
        methods: strings(methods),
        receivers: strings(receivers),
        ..sink(rule, &[], args)
    }
}

/// The call is a sink unless `keyword` is literally false.
fn unless_false(keyword: &str) -> ConditionSpec {
    ConditionSpec {
        arg: Some(keyword.to_string()),
        not_names: Some(vec!["builtins.False".to_string()]),
        ..ConditionSpec::default()
    }
}

/// The types of `receivers` (what makes each), and one sink per method
/// (`T.method` at its argument), each shaped by `shape`.
fn receiver_model(
    rule: &str,
    receivers: &[Receiver],
    shape: impl Fn(SinkSpec) -> SinkSpec,
) -> (Vec<TypeSpec>, Vec<SinkSpec>) {
    let types = receivers
        .iter()
        .map(|r| TypeSpec {
            names: strings(r.made_by),
            ty: r.ty.to_string(),
            when: Vec::new(),
        })
        .collect();
    let sinks = receivers
        .iter()
        .flat_map(|r| r.apis().map(move |api| (r, api)))
        .map(|(r, (name, method))| {
            shape(SinkSpec {
                names: vec![name],
                args: vec![either(method.position, method.keyword)],
                when: r.unless_false.map(unless_false).into_iter().collect(),
                ..sink(rule, &[], &[])
            })
        })
        .collect();
    (types, sinks)
}

/// The sinks of `family` for `rule`, as a model file.
pub fn sinks(family: &str, rule: &str) -> Result<ModelFile, String> {
    match family {
        "commands" => Ok(command_sinks(rule)),
        "deserialization" => Ok(deserialization_sinks(rule)),
        "code" => Ok(code_sinks(rule)),
        "markup" => Ok(ModelFile {
            sink: vec![SinkSpec {
                what: Some("as markup marked safe from escaping".into()),
                ..sink(
                    rule,
                    &[markup::MARK_SAFE, markup::MARKUP, markup::FORMAT_HTML].concat(),
                    &["0"],
                )
            }],
            ..ModelFile::default()
        }),
        "urls" => Ok(ModelFile {
            sink: vec![SinkSpec {
                mode: Some("url".into()),
                ..sink(rule, urls::URL_OPENERS, &["0:url"])
            }],
            ..ModelFile::default()
        }),
        "xml" => Ok(xml_sinks(rule)),
        "logging" => Ok(logging_sinks(rule)),
        "ldap" => Ok(ldap_types()),
        "sql" => Ok(sql_sinks(rule)),
        "templates" => Ok(template_sinks(rule)),
        "remote" => Ok(remote_sinks(rule)),
        // Found in the project's template files at each render call
        // (`crate::template_sinks`): no sink is named here; Jinja2's
        // escaping templates escape what they render.
        "template-files" => Ok(jinja_escaping(rule)),
        other => Err(format!("rule `{rule}` claims unknown family `{other}`")),
    }
}

/// LDAP connections, typed so that the rule's sinks (`search_s` on a
/// connection) are found through the variables that hold them.
fn ldap_types() -> ModelFile {
    ModelFile {
        types: vec![
            TypeSpec {
                names: strings(ldap::CONNECTIONS),
                ty: ldap::CONNECTION_TYPE.to_string(),
                when: Vec::new(),
            },
            TypeSpec {
                names: strings(&[ldap::LDAP3_CONNECTION]),
                ty: ldap::LDAP3_CONNECTION.to_string(),
                when: Vec::new(),
            },
        ],
        ..ModelFile::default()
    }
}

/// The logging functions and the methods of loggers: the message and
/// every argument formatted into it.
fn logging_sinks(rule: &str) -> ModelFile {
    let methods: Vec<String> = logging::logger_methods().collect();
    let methods: Vec<&str> = methods.iter().map(String::as_str).collect();
    ModelFile {
        types: vec![TypeSpec {
            names: strings(logging::LOGGER_FACTORIES),
            ty: logging::LOGGER_TYPE.to_string(),
            when: Vec::new(),
        }],
        sink: vec![sink(
            rule,
            &[logging::LOGGING_FUNCTIONS, &methods].concat(),
            &["*"],
        )],
        ..ModelFile::default()
    }
}

/// One sink per group of the command-execution family: where the command
/// is and how it is judged.
fn command_sinks(rule: &str) -> ModelFile {
    let sink = commands::GROUPS
        .iter()
        .map(|(form, names)| {
            let (args, mode, what): (&[&str], &str, Option<&str>) = match form {
                CommandForm::Shell => (&["0:cmd", "command"], "shell", Some("as a shell command")),
                CommandForm::Subprocess => (&["0:args"], "command", None),
                CommandForm::Words | CommandForm::PathThenList | CommandForm::PathThenWords => {
                    (&["0", "1+"], "exec", Some("as the program to run"))
                }
                CommandForm::ModeThenPath => (&["1", "2+"], "exec", Some("as the program to run")),
                CommandForm::WordList => (&["0:argv"], "command", None),
                CommandForm::SplitWords => (&["0:command"], "shell", Some("as a command line")),
                CommandForm::Document => (&["0:filepath"], "shell", Some("as the file to open")),
            };
            SinkSpec {
                mode: Some(mode.to_string()),
                what: what.map(str::to_string),
                ..sink(rule, names, args)
            }
        })
        .collect();
    ModelFile {
        sink,
        ..ModelFile::default()
    }
}

/// lxml's parsers: the document is a sink unless the parser was built
/// with entity resolution off; `iterparse` only when it turns it on.
fn xml_sinks(rule: &str) -> ModelFile {
    let (document, document_keyword) = xml::DOCUMENT_PARAMETER;
    let (parser, parser_keyword) = xml::PARSER_PARAMETER;
    let sink = vec![
        SinkSpec {
            when: vec![ConditionSpec {
                arg: Some(format!("{parser_keyword}@{parser}")),
                not_built_with: Some(format!("{}=False", xml::RESOLVE_ENTITIES)),
                ..ConditionSpec::default()
            }],
            ..sink(
                rule,
                xml::LXML_PARSE,
                &[&either(document, document_keyword)],
            )
        },
        SinkSpec {
            when: vec![ConditionSpec {
                truthy: Some(xml::RESOLVE_ENTITIES.into()),
                ..ConditionSpec::default()
            }],
            ..sink(rule, xml::LXML_ITERPARSE, &["0:source"])
        },
    ];
    ModelFile {
        sink,
        ..ModelFile::default()
    }
}

/// The SQL text of drivers (typed receivers, and receivers known by their
/// names), of the functions that take SQL text, and of Django's raw SQL.
fn sql_sinks(rule: &str) -> ModelFile {
    let (types, mut sink) = receiver_model(rule, sql::RECEIVERS, |s| s);
    let (position, keyword) = sql::SQL_PARAMETER;
    sink.push(method_sink(
        rule,
        sql::DRIVER_METHODS,
        sql::DRIVER_RECEIVER_NAMES,
        &[&either(position, keyword)],
    ));
    for (names, position, keyword) in sql::TEXT_FUNCTIONS.iter().chain(sql::COLUMN_FUNCTIONS) {
        sink.push(self::sink(rule, names, &[&either(*position, keyword)]));
    }
    let raw = sql::DJANGO_RAW;
    sink.push(method_sink(
        rule,
        &[raw.name],
        sql::DJANGO_RAW_RECEIVER_NAMES,
        &[&either(raw.position, raw.keyword)],
    ));
    sink.push(method_sink(
        rule,
        &[sql::DJANGO_EXTRA],
        sql::DJANGO_EXTRA_RECEIVER_NAMES,
        sql::DJANGO_EXTRA_SQL_ARGS,
    ));
    ModelFile {
        sink,
        types,
        ..ModelFile::default()
    }
}

/// Template sources: the constructors and functions that compile one, and
/// Jinja2's environments' `from_string`.
fn template_sinks(rule: &str) -> ModelFile {
    let (types, mut sink) = receiver_model(rule, &[templates::JINJA_ENVIRONMENT], |s| s);
    for (names, position, keyword) in templates::SOURCES {
        sink.push(self::sink(rule, names, &[&either(*position, keyword)]));
    }
    ModelFile {
        sink,
        types,
        ..ModelFile::default()
    }
}

/// Jinja2 escapes what an environment or template made with autoescape on
/// renders: they get their own types (with every method of their Jinja2
/// class), and their renderers clear `rule`.
fn jinja_escaping(rule: &str) -> ModelFile {
    let escaping = &templates::JINJA_ESCAPING;
    let when = vec![ConditionSpec {
        truthy: Some(templates::JINJA_AUTOESCAPE.to_string()),
        ..ConditionSpec::default()
    }];
    let typed = |names: &[&str], ty: &str, when: &Vec<ConditionSpec>| TypeSpec {
        names: strings(names),
        ty: ty.to_string(),
        when: when.clone(),
    };
    let methods = |ty: &str, methods: &[&str]| -> Vec<String> {
        methods.iter().map(|m| format!("{ty}.{m}")).collect()
    };
    let makers = methods(escaping.environment, escaping.template_makers);
    let makers: Vec<&str> = makers.iter().map(String::as_str).collect();
    // Any environment's templates are templates (so that a helper that
    // returns one is known to return a library object, and analysed).
    let plain_makers = methods(templates::JINJA_ENVIRONMENT.ty, escaping.template_makers);
    let plain_makers: Vec<&str> = plain_makers.iter().map(String::as_str).collect();
    ModelFile {
        types: vec![
            typed(templates::JINJA_ENVIRONMENTS, escaping.environment, &when),
            typed(templates::JINJA_TEMPLATES, escaping.template, &when),
            typed(&makers, escaping.template, &Vec::new()),
            typed(&plain_makers, templates::JINJA_TEMPLATES[0], &Vec::new()),
        ],
        class: vec![
            ClassSpec {
                name: escaping.environment.to_string(),
                bases: vec![templates::JINJA_ENVIRONMENT.ty.to_string()],
            },
            ClassSpec {
                name: escaping.template.to_string(),
                bases: strings(&templates::JINJA_TEMPLATES[..1]),
            },
        ],
        sanitizer: vec![SanitizerSpec {
            names: methods(escaping.template, escaping.renderers),
            methods: Vec::new(),
            clears: vec![rule.to_string()],
            args: Some(vec!["*".to_string()]),
        }],
        ..ModelFile::default()
    }
}

/// Commands run by the login shell of another machine, and commands typed
/// into a network device's command line.
fn remote_sinks(rule: &str) -> ModelFile {
    let shell = |s: SinkSpec| SinkSpec {
        mode: Some("shell".into()),
        what: Some("as a shell command".into()),
        ..s
    };
    let device = |s: SinkSpec| SinkSpec {
        what: Some("as a command for a network device's command line".into()),
        ..s
    };
    let (mut types, mut sink) = receiver_model(rule, remote::RECEIVERS, shell);
    for (receivers, shape) in [
        (
            remote::SHELL_SESSIONS,
            &shell as &dyn Fn(SinkSpec) -> SinkSpec,
        ),
        (remote::DEVICE_SESSIONS, &device),
    ] {
        let (more_types, more_sinks) = receiver_model(rule, receivers, shape);
        types.extend(more_types);
        sink.extend(more_sinks);
    }
    let (position, keyword) = remote::COMMAND_PARAMETER;
    sink.push(shell(SinkSpec {
        when: vec![unless_false(remote::FABRIC_SHELL)],
        ..self::sink(
            rule,
            remote::FABRIC_FUNCTIONS,
            &[&either(position, keyword)],
        )
    }));
    for (names, position, keyword) in remote::SESSION_FUNCTIONS {
        sink.push(shell(self::sink(
            rule,
            names,
            &[&either(*position, keyword)],
        )));
    }
    ModelFile {
        sink,
        types,
        ..ModelFile::default()
    }
}

/// Imports by name, file runs and loads from a path: the module name or
/// the path chooses the code that runs.
fn code_sinks(rule: &str) -> ModelFile {
    let mut sink = vec![
        SinkSpec {
            what: Some("as the name of a module to import (its top-level code runs)".into()),
            ..sink(rule, code::IMPORT_BY_NAME, &["0:name"])
        },
        SinkSpec {
            what: Some("as the path of the code to run".into()),
            ..sink(rule, code::RUN_BY_PATH, &["0:path_name"])
        },
        SinkSpec {
            what: Some("as the path of the code to load".into()),
            ..sink(
                rule,
                code::LOAD_BY_NAME_AND_PATH,
                &["1:path", "pathname", "location"],
            )
        },
    ];
    let evaluated = |s: SinkSpec| SinkSpec {
        what: Some("as an expression that the evaluator can turn into running code".into()),
        ..s
    };
    let (types, evaluators) = receiver_model(rule, &[code::DATAFRAME, code::JS_CONTEXT], evaluated);
    sink.extend(evaluators);
    // Data frames of a type the engine does not know, by their names.
    for method in code::DATAFRAME.methods {
        sink.push(evaluated(method_sink(
            rule,
            &[method.name],
            code::DATAFRAME_RECEIVER_NAMES,
            &[&either(method.position, method.keyword)],
        )));
    }
    for (names, position, keyword) in code::EVALUATORS {
        sink.push(evaluated(self::sink(
            rule,
            names,
            &[&either(*position, keyword)],
        )));
    }
    ModelFile {
        sink,
        types,
        ..ModelFile::default()
    }
}

/// The loaders of the deserialization family: the data is the first
/// argument; numpy only with `allow_pickle`, `yaml.load` only without a
/// safe loader.
fn deserialization_sinks(rule: &str) -> ModelFile {
    let condition = ConditionSpec::default();
    let sink = vec![
        sink(rule, de::PICKLE_LOADERS, &["0"]),
        sink(rule, de::YAML_UNSAFE_LOADERS, &["0:stream"]),
        SinkSpec {
            when: vec![ConditionSpec {
                arg: Some("Loader@1".into()),
                not_names: Some(strings(de::YAML_SAFE_LOADER_CLASSES)),
                ..condition.clone()
            }],
            ..sink(rule, de::YAML_LOADERS, &["0:stream"])
        },
        SinkSpec {
            when: vec![ConditionSpec {
                truthy: Some(de::ALLOW_PICKLE.into()),
                ..condition
            }],
            ..sink(rule, de::NUMPY_LOADERS, &["0:file"])
        },
    ];
    ModelFile {
        sink,
        ..ModelFile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::models;

    /// The drift test: every API of the command family is a sink of the
    /// dataflow rule that claims the family, and that rule exists.
    #[test]
    fn every_command_api_is_a_command_injection_sink() {
        let m = models();
        let rule = m
            .rules
            .iter()
            .position(|r| r.name == "command-injection")
            .expect("a rule claims the command family");
        for (name, _) in commands::apis() {
            assert!(
                m.sink_ids(name)
                    .iter()
                    .any(|&id| m.sink_by_id(id).rule as usize == rule),
                "{name} is not a sink of command-injection"
            );
        }
    }

    #[test]
    fn an_unknown_family_is_an_error() {
        assert!(sinks("telepathy", "x").is_err());
    }
}
