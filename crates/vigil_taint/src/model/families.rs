//! Sinks generated from the families of the knowledge layer
//! (`vigil_knowledge`), so that the dataflow rule that claims a family
//! (`.families(&["commands"])` in its declaration) and the pattern rules of
//! that family read the same list of APIs.

use super::spec::{ConditionSpec, ModelFile, SinkSpec};
use vigil_knowledge::commands::{self, CommandForm};
use vigil_knowledge::deserialization as de;
use vigil_knowledge::urls;
use vigil_knowledge::{code, markup};

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
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
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
        other => Err(format!("rule `{rule}` claims unknown family `{other}`")),
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

/// Imports by name, file runs and loads from a path: the module name or
/// the path chooses the code that runs.
fn code_sinks(rule: &str) -> ModelFile {
    let sink = vec![
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
    ModelFile {
        sink,
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
