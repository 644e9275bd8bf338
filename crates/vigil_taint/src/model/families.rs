//! Sinks generated from the families of the knowledge layer
//! (`vigil_knowledge`), so that the dataflow rule that claims a family
//! (`families = ["commands"]` in `rules.toml`) and the pattern rules of
//! that family read the same list of APIs.

use super::spec::{ModelFile, SinkSpec};
use vigil_knowledge::commands::{self, CommandForm};

/// The sinks of `family` for `rule`, as a model file.
pub fn sinks(family: &str, rule: &str) -> Result<ModelFile, String> {
    match family {
        "commands" => Ok(command_sinks(rule)),
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
            };
            SinkSpec {
                rule: rule.to_string(),
                names: names.iter().map(|n| n.to_string()).collect(),
                methods: Vec::new(),
                receivers: Vec::new(),
                args: args.iter().map(|a| a.to_string()).collect(),
                mode: Some(mode.to_string()),
                when: Vec::new(),
                what: what.map(str::to_string),
            }
        })
        .collect();
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
